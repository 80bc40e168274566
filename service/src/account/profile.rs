//! One's own account (`/compte`): what it holds, a new pseudonym, address or password, all of
//! one's data as JSON (RGPD articles 15 and 20) and the account's deletion (article 17).

use atlas_core::account::{password_problems, Email, Problem, Pseudonym, Role};
use atlas_core::locale::Locale;
use serde_json::{json, Value};

use super::store::{self, now_ms};
use super::{open_session_in, Opening, own_id, password, public_url, role_of, token, FormOutcome, Session, CONFIRM_TTL_MS};
use crate::db::Database;
use crate::mail::{enqueue, texts};
use crate::{store_error, Action, Actor, Code, Error};

/// What `/compte` shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub email: String,
    pub pseudonym: String,
    pub created_at: i64,
    pub has_password: bool,
    /// Each role with the name of what it is about (a Régie's name, a territory).
    pub roles: Vec<(Role, String)>,
    pub sessions: usize,
}

/// The calendar day (UTC) of an instant in milliseconds, `YYYY-MM-DD`.
pub fn iso_date(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).map(|t| t.strftime("%Y-%m-%d").to_string()).unwrap_or_default()
}

async fn account_of(conn: &mut sqlx::AnyConnection, actor: &Actor) -> Result<store::AccountRow, Error> {
    actor.authorize(Action::ManageOwnAccount)?;
    let id = own_id(actor)?;
    store::by_id(conn, id).await.map_err(store_error)?.ok_or_else(|| Error::new(Code::NotSignedIn))
}

pub async fn profile(db: &Database, actor: &Actor) -> Result<Profile, Error> {
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let account = account_of(&mut conn, actor).await?;
    let mut roles = Vec::new();
    for (kind, scope) in store::roles(&mut conn, account.id).await.map_err(store_error)? {
        let Some(role) = role_of(&kind, &scope) else { continue };
        let about = match &role {
            Role::RegieEditor { regie } | Role::RegieAdmin { regie } => {
                store::regie_name(&mut conn, *regie).await.map_err(store_error)?.unwrap_or_default()
            }
            Role::NetworkAdmin => String::new(),
            Role::Observer { territory } => territory.clone(),
        };
        roles.push((role, about));
    }
    let sessions = store::sessions_of(&mut conn, account.id).await.map_err(store_error)?.len();
    Ok(Profile {
        email: account.email,
        pseudonym: account.pseudonym,
        created_at: account.created_at,
        has_password: account.password_hash.is_some(),
        roles,
        sessions,
    })
}

pub async fn change_pseudonym(db: &Database, actor: &Actor, new: &str) -> Result<FormOutcome<()>, Error> {
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let account = account_of(&mut tx, actor).await?;
    let pseudonym = match Pseudonym::parse(new) {
        Ok(p) => p,
        Err(p) => return Ok(FormOutcome::Refused(vec![p])),
    };
    if store::pseudonym_taken(&mut tx, &pseudonym.key, Some(account.id)).await.map_err(store_error)? {
        return Ok(FormOutcome::Refused(vec![Problem::PseudonymTaken]));
    }
    store::set_pseudonym(&mut tx, account.id, &pseudonym.shown, &pseudonym.key).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    Ok(FormOutcome::Done(()))
}

/// A new password, the current one given: every other session ends, this device gets a new one.
pub async fn change_password(db: &Database, actor: &Actor, current: &str, new: &str) -> Result<FormOutcome<Session>, Error> {
    let account = {
        let mut conn = db.pool.acquire().await.map_err(store_error)?;
        account_of(&mut conn, actor).await?
    };
    if !password::verify(account.password_hash.clone(), current).await? {
        return Err(Error::new(Code::WrongCredentials));
    }
    let email = Email::parse(&account.email).ok();
    let problems = password_problems(new, email.as_ref(), Some(&account.pseudonym), password::is_common);
    if !problems.is_empty() {
        return Ok(FormOutcome::Refused(problems));
    }
    let hash = password::hash(new).await?;
    let now = now_ms();
    let mut tx = db.begin_write().await.map_err(store_error)?;
    store::set_password(&mut tx, account.id, &hash).await.map_err(store_error)?;
    store::delete_sessions_of(&mut tx, account.id).await.map_err(store_error)?;
    let session = open_session_in(&mut tx, account.id, now, Opening::Renewal).await?;
    tx.commit().await.map_err(store_error)?;
    Ok(FormOutcome::Done(session))
}

/// Mails a confirmation link to the new address; the account keeps the old one until the link
/// is followed. An address that already has an account gets the « already registered » mail
/// instead, and the page answers the same.
pub async fn request_email_change(db: &Database, actor: &Actor, new: &str, locale: Locale) -> Result<FormOutcome<()>, Error> {
    let now = now_ms();
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let account = account_of(&mut tx, actor).await?;
    let email = match Email::parse(new) {
        Ok(e) => e,
        Err(p) => return Ok(FormOutcome::Refused(vec![p])),
    };
    let mail = if store::by_email(&mut tx, email.as_str()).await.map_err(store_error)?.is_some() {
        texts::already_registered(locale, email.as_str(), &format!("{}{}", public_url(), locale.path("/compte/connexion")))
    } else {
        let (link_token, hash) = token::new()?;
        store::insert_token(&mut tx, &hash, account.id, "email", Some(email.as_str()), now, CONFIRM_TTL_MS).await.map_err(store_error)?;
        let link = format!("{}{}?jeton={link_token}", public_url(), locale.path("/compte/adresse"));
        texts::confirm_new_email(locale, email.as_str(), &account.pseudonym, &link)
    };
    enqueue(&mut tx, &mail, now).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    Ok(FormOutcome::Done(()))
}

/// Follows the link sent to a new address (from any device: no session needed, the link is the proof).
pub async fn confirm_email_change(db: &Database, actor: &Actor, link_token: &str) -> Result<(), Error> {
    actor.authorize(Action::UseAccount)?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let Some((id, Some(email))) = store::use_token(&mut tx, &token::digest(link_token), "email", now_ms()).await.map_err(store_error)?
    else {
        return Err(Error::new(Code::LinkExpired));
    };
    if store::by_email(&mut tx, &email).await.map_err(store_error)?.is_some() {
        // Taken since the request (the other account was opened in between).
        return Err(Error::new(Code::LinkExpired));
    }
    store::set_email(&mut tx, id, &email).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    Ok(())
}

/// Everything the Atlas holds about the signed-in person, as JSON. Secrets are named, not
/// given: the password's hash, the second factor's secret and the tokens' hashes open accounts.
pub async fn export(db: &Database, actor: &Actor) -> Result<Value, Error> {
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let account = account_of(&mut conn, actor).await?;
    let roles = store::roles(&mut conn, account.id).await.map_err(store_error)?;
    let sessions = store::sessions_of(&mut conn, account.id).await.map_err(store_error)?;
    let tokens = store::tokens_of(&mut conn, account.id).await.map_err(store_error)?;
    let mails = store::mails_to(&mut conn, &account.email).await.map_err(store_error)?;
    let throttles = store::throttles_of(&mut conn, &account.email).await.map_err(store_error)?;
    let mut invitations = super::team::store::addressed_to(&mut conn, &account.email).await.map_err(store_error)?;
    invitations.extend(super::team::store::sent_by(&mut conn, account.id).await.map_err(store_error)?);
    let participation = crate::participation::export::of(&mut conn, account.id).await.map_err(store_error)?;
    let notifications = crate::notification::export::of(&mut conn, account.id).await.map_err(store_error)?;
    let regie_versions = crate::regie::versions::written_by(&mut conn, account.id).await.map_err(store_error)?;
    let regie_claims = crate::regie::claim::of_account(&mut conn, account.id).await.map_err(store_error)?;
    let regie_proposals = crate::regie::proposal::of_account(&mut conn, account.id).await.map_err(store_error)?;
    let import_jobs = crate::import::jobs::uploaded_by(&mut conn, account.id).await.map_err(store_error)?;
    let regie_news = crate::regie::news::written_by(&mut conn, account.id).await.map_err(store_error)?;
    let regie_logos = crate::regie::logo::sent_by(&mut conn, account.id).await.map_err(store_error)?;
    let mut data = json!({
        "exporte_le": now_ms(),
        "note": "Instants en millisecondes depuis le 1er janvier 1970 (UTC). Les secrets (empreinte du mot de passe, clé du second facteur, jetons) ne sont pas recopiés : ils ouvriraient le compte.",
        "compte": {
            "id": account.id,
            "email": account.email,
            "pseudonym": account.pseudonym,
            "pseudonym_key": account.pseudonym_key,
            "locale": account.locale,
            "created_at": account.created_at,
            "confirmed_at": account.confirmed_at,
            "suspended_at": account.suspended_at,
            "password_hash": if account.password_hash.is_some() { "défini (non recopié)" } else { "aucun" },
            "totp_secret": if account.totp_secret.is_some() { "activé (non recopié)" } else { "aucun" },
            "totp_last_step": account.totp_last_step,
        },
        "account_roles": roles.iter().map(|(role, scope)| json!({ "role": role, "scope": scope })).collect::<Vec<_>>(),
        "sessions": sessions.iter().map(|s| json!({
            "created_at": s.created_at, "last_seen_at": s.last_seen_at, "expires_at": s.expires_at, "awaiting_code": s.awaiting_code == 1,
        })).collect::<Vec<_>>(),
        "account_tokens": tokens.iter().map(|t| json!({
            "purpose": t.purpose, "payload": t.payload, "created_at": t.created_at, "expires_at": t.expires_at, "used_at": t.used_at,
        })).collect::<Vec<_>>(),
        "outbox": mails.iter().map(|m| json!({ "subject": m.subject, "created_at": m.created_at, "sent_at": m.sent_at })).collect::<Vec<_>>(),
        "invitations": invitations.iter().map(|i| json!({
            "email": i.email, "regie_id": i.regie_id, "role": i.role, "invited_by": i.invited_by,
            "created_at": i.created_at, "expires_at": i.expires_at, "accepted_at": i.accepted_at,
        })).collect::<Vec<_>>(),
        "throttles": throttles.iter().map(|t| json!({
            "throttle_key": t.throttle_key, "window_start": t.window_start, "failures": t.failures, "blocked_until": t.blocked_until,
        })).collect::<Vec<_>>(),
    });
    if let Some(object) = data.as_object_mut() {
        object.extend(participation);
        object.extend(notifications);
        object.insert("regie_versions".into(), regie_versions);
        object.insert("regie_claims".into(), regie_claims);
        object.insert("regie_proposals".into(), regie_proposals);
        object.insert("import_jobs".into(), import_jobs);
        object.insert("regie_news".into(), regie_news);
        object.insert("regie_logos".into(), regie_logos);
    }
    Ok(data)
}

/// Deletes the account and everything kept for its address (roles, sessions, links, mails not
/// yet sent or kept, sign-in counters, invitations to it), in one transaction. `confirmed` is the form's box: a
/// deletion is never a slip of the finger.
pub async fn delete(db: &Database, actor: &Actor, confirmed: bool) -> Result<(), Error> {
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let account = account_of(&mut tx, actor).await?;
    if !confirmed {
        return Err(Error::with(Code::MissingParameter, "confirmer"));
    }
    store::delete_mails_to(&mut tx, &account.email).await.map_err(store_error)?;
    store::delete_throttles_of(&mut tx, &account.email).await.map_err(store_error)?;
    // Invitations to this address go; those the person sent stay with their team, unsigned (SET NULL).
    super::team::store::delete_addressed_to(&mut tx, &account.email).await.map_err(store_error)?;
    store::delete(&mut tx, account.id).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(id = account.id, "account deleted by its owner");
    Ok(())
}
