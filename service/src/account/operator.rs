//! The operator's accounts (`server users add|list|suspend|remove`): the first network
//! administrator of a fresh install, Régie teams and observers until the back-office invites them.

use atlas_core::account::{password_problems, Email, Pseudonym, Role};
use atlas_core::locale::Locale;

use super::{password, public_url, stored_role, store, token, FIRST_PASSWORD_TTL_MS};
use crate::db::Database;
use crate::mail::{enqueue, texts};
use crate::{store_error, Action, Actor, Code, Error};

/// What `add` did: the account, and the link to choose a password when none was given (also
/// mailed through the outbox).
#[derive(Debug)]
pub struct Added {
    pub id: i64,
    pub created: bool,
    pub password_link: Option<String>,
}

/// The Régie of a slug, for a role scoped to it.
pub async fn regie_id(db: &Database, slug: &str) -> Result<i64, Error> {
    store::regie_id(db, slug).await.map_err(store_error)?.ok_or_else(|| Error::new(Code::UnknownRegie))
}

/// Makes the account (confirmed: the operator vouches for the address) or finds it, and grants
/// the role. One transaction: the account, its role and its mail, or nothing.
pub async fn add(db: &Database, actor: &Actor, email: &str, role: Option<Role>, pseudonym: Option<&str>, password_text: Option<&str>) -> Result<Added, Error> {
    actor.authorize(Action::ManageAccounts)?;
    let locale = Locale::Fr;
    let email = Email::parse(email).map_err(|p| Error::with(Code::InvalidParameter, p.message(locale)))?;
    let shown = pseudonym.map(str::to_owned).unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("").replace(['.', '+'], " "));
    let pseudonym = Pseudonym::parse_for_staff(&shown).map_err(|p| Error::with(Code::InvalidParameter, p.message(locale)))?;
    let hash = match password_text {
        Some(p) => {
            let problems = password_problems(p, Some(&email), Some(&pseudonym.shown), password::is_common);
            if let Some(first) = problems.first() {
                return Err(Error::with(Code::InvalidParameter, first.message(locale)));
            }
            Some(password::hash(p).await?)
        }
        None => None,
    };
    let now = store::now_ms();
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let (id, created) = match store::by_email(&mut tx, email.as_str()).await.map_err(store_error)? {
        Some(existing) => {
            if let Some(h) = &hash {
                store::set_password(&mut tx, existing.id, h).await.map_err(store_error)?;
            }
            store::set_confirmed(&mut tx, existing.id, now).await.map_err(store_error)?;
            (existing.id, false)
        }
        None => {
            if store::pseudonym_taken(&mut tx, &pseudonym.key, None).await.map_err(store_error)? {
                return Err(Error::with(Code::Conflict, format!("le pseudonyme « {} » est déjà pris (--pseudonym)", pseudonym.shown)));
            }
            let new = store::NewAccount {
                email: email.as_str(),
                pseudonym: &pseudonym.shown,
                pseudonym_key: &pseudonym.key,
                password_hash: hash.as_deref(),
                locale: locale.lang(),
                confirmed: true,
            };
            (store::insert(&mut tx, &new, now).await.map_err(store_error)?, true)
        }
    };
    if let Some(role) = &role {
        let (kind, scope) = stored_role(role);
        store::grant(&mut tx, id, kind, &scope, now).await.map_err(store_error)?;
    }
    let password_link = if hash.is_none() && (created || store::by_id(&mut tx, id).await.map_err(store_error)?.is_some_and(|a| a.password_hash.is_none())) {
        let (token, token_hash) = token::new()?;
        store::insert_token(&mut tx, &token_hash, id, "password", None, now, FIRST_PASSWORD_TTL_MS).await.map_err(store_error)?;
        let link = format!("{}/compte/mot-de-passe?jeton={token}", public_url());
        enqueue(&mut tx, &texts::choose_password(locale, email.as_str(), &link, FIRST_PASSWORD_TTL_MS / 3_600_000), now).await.map_err(store_error)?;
        Some(link)
    } else {
        None
    };
    tx.commit().await.map_err(store_error)?;
    tracing::info!(id, created, role = role.as_ref().map(Role::kind), "account added by the operator");
    Ok(Added { id, created, password_link })
}

/// One line per account: e-mail, pseudonym, state and roles.
pub async fn list(db: &Database, actor: &Actor) -> Result<Vec<String>, Error> {
    actor.authorize(Action::ManageAccounts)?;
    let rows = store::list(db).await.map_err(store_error)?;
    Ok(rows
        .into_iter()
        .map(|(a, roles)| {
            let state = if a.suspended_at.is_some() {
                "suspendu"
            } else if a.confirmed_at.is_none() {
                "non confirmé"
            } else {
                "actif"
            };
            let roles: Vec<String> = roles.iter().map(|(r, s)| if s.is_empty() { r.clone() } else { format!("{r}:{s}") }).collect();
            let roles = if roles.is_empty() { "habitant".to_owned() } else { roles.join(", ") };
            format!("{}\t{}\t{state}\t{roles}", a.email, a.pseudonym)
        })
        .collect())
}

async fn find(tx: &mut sqlx::AnyConnection, email: &str) -> Result<i64, Error> {
    let email = Email::parse(email).map_err(|p| Error::with(Code::InvalidParameter, p.message(Locale::Fr)))?;
    store::by_email(tx, email.as_str()).await.map_err(store_error)?.map(|a| a.id).ok_or_else(|| Error::with(Code::NotFound, "compte"))
}

/// Suspends the account: every session ends now and every write it tries is refused.
pub async fn suspend(db: &Database, actor: &Actor, email: &str) -> Result<(), Error> {
    actor.authorize(Action::ManageAccounts)?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let id = find(&mut tx, email).await?;
    store::set_suspended(&mut tx, id, Some(store::now_ms())).await.map_err(store_error)?;
    store::delete_sessions_of(&mut tx, id).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)
}

/// Deletes the account with its roles, sessions and links.
pub async fn remove(db: &Database, actor: &Actor, email: &str) -> Result<(), Error> {
    actor.authorize(Action::ManageAccounts)?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let id = find(&mut tx, email).await?;
    store::delete(&mut tx, id).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)
}
