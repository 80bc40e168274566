//! The second factor of network administrators: a TOTP code (RFC 6238: 6 digits, 30 s steps,
//! one step of clock drift allowed) asked after the password or the mailed link. A session
//! opened for an account with a secret waits for the code (`awaiting_code`): it opens nothing,
//! lives 10 minutes, and is replaced by a full session (a new token) once the code is given.
//! A code serves once: its time step is spent in the account row, and a code of that step or an
//! earlier one is refused, on every instance at once (a conditional UPDATE).

use atlas_core::account::Email;
use atlas_core::locale::Locale;
use totp_rs::{Builder, Secret, Totp};

use super::{open_session_in, store, throttle, token, Opening, Session};
use crate::db::Database;
use crate::{store_error, Action, Actor, Code, Error};
use atlas_core::account::Role;

/// How long a session waits for its code.
pub const AWAITING_MS: i64 = 10 * 60_000;
/// Wrong codes allowed per account in the throttle's window before the wait.
pub const CODE_LIMIT: i64 = 5;

fn totp(secret_base32: &str, account_name: &str) -> Result<Totp, Error> {
    let secret = Secret::try_from_base32(secret_base32).map_err(|_| Error::said(Code::Conflict, "clé du second facteur illisible", "the second factor's key cannot be read"))?;
    Builder::new()
        .with_secret(secret)
        .with_issuer(Some("Atlas des Régies"))
        .with_account_name(account_name.replace(':', ""))
        .build()
        .map_err(|_| Error::said(Code::Conflict, "clé du second facteur invalide", "the second factor's key is invalid"))
}

/// What the administrator types into an authenticator app, or scans as a link.
#[derive(Debug)]
pub struct Enrolment {
    pub secret: String,
    pub url: String,
}

/// `server users totp EMAIL`: a new secret for a network administrator. Their sessions end, so
/// the next sign-in asks for a code from the new secret.
pub async fn enable(db: &Database, actor: &Actor, email: &str) -> Result<Enrolment, Error> {
    actor.authorize(Action::ManageAccounts)?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let account = find(&mut tx, email).await?;
    let roles = store::roles(&mut tx, account.id).await.map_err(store_error)?;
    if !roles.iter().any(|(kind, scope)| super::role_of(kind, scope) == Some(Role::NetworkAdmin)) {
        return Err(Error::said(Code::Conflict, "le second facteur est réservé aux administrateurs du réseau", "the second factor is for the network's administrators"));
    }
    let secret = Secret::from(random_bytes()?).to_base32();
    let url = totp(&secret, &account.email)?.to_url().map_err(|_| Error::said(Code::Conflict, "adresse du second facteur", "the second factor's address"))?;
    store::set_totp_secret(&mut tx, account.id, Some(&secret)).await.map_err(store_error)?;
    store::delete_sessions_of(&mut tx, account.id).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(id = account.id, "second factor enabled by the operator");
    Ok(Enrolment { secret, url })
}

/// `server users totp EMAIL --off` (a lost phone): the account signs in with its password alone.
pub async fn disable(db: &Database, actor: &Actor, email: &str) -> Result<(), Error> {
    actor.authorize(Action::ManageAccounts)?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let account = find(&mut tx, email).await?;
    store::set_totp_secret(&mut tx, account.id, None).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(id = account.id, "second factor removed by the operator");
    Ok(())
}

/// The code typed on `/compte/code`, for the session `cookie_token` that waits for it. Right
/// and never used: the waiting session is replaced by a full one. Wrong: 401, counted; past
/// `CODE_LIMIT` in the window, 429 with the wait. The waiting session gone (10 minutes, or
/// never there): 401 « connectez-vous ».
pub async fn give_code(db: &Database, actor: &Actor, cookie_token: &str, code: &str) -> Result<Session, Error> {
    actor.authorize(Action::UseAccount)?;
    let now = store::now_ms();
    let hash = token::digest(cookie_token);
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let Some(id) = store::awaiting_session(&mut tx, &hash, now).await.map_err(store_error)? else {
        return Err(Error::new(Code::NotSignedIn));
    };
    let key = format!("code:{id}");
    if let Some(wait) = throttle::blocked(db, &key, now).await.map_err(store_error)? {
        return Err(Error::with(Code::TooManyAttempts, ((wait + 59_999) / 60_000).to_string()));
    }
    let account = store::by_id(&mut tx, id).await.map_err(store_error)?.filter(|a| a.suspended_at.is_none());
    let Some((account, secret)) = account.and_then(|a| a.totp_secret.clone().map(|s| (a, s))) else {
        return Err(Error::new(Code::NotSignedIn));
    };
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let step = totp(&secret, &account.email)?.check(&digits, (now / 1000).max(0) as u64);
    let spent = match step {
        Some(step) => store::spend_code_step(&mut tx, id, step as i64).await.map_err(store_error)?,
        None => false,
    };
    if !spent {
        drop(tx);
        throttle::fail(db, &key, CODE_LIMIT, now).await.map_err(store_error)?;
        if let Some(wait) = throttle::blocked(db, &key, now).await.map_err(store_error)? {
            return Err(Error::with(Code::TooManyAttempts, ((wait + 59_999) / 60_000).to_string()));
        }
        return Err(Error::new(Code::WrongCode));
    }
    store::delete_session_in(&mut tx, &hash).await.map_err(store_error)?;
    let session = open_session_in(&mut tx, id, now, Opening::Renewal).await?;
    tx.commit().await.map_err(store_error)?;
    throttle::clear(db, &key).await.map_err(store_error)?;
    Ok(session)
}

/// Whether the cookie's session waits for its code (then it is not stale: keep the cookie).
pub async fn awaiting(db: &Database, cookie_token: &str) -> Result<bool, Error> {
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    Ok(store::awaiting_session(&mut conn, &token::digest(cookie_token), store::now_ms()).await.map_err(store_error)?.is_some())
}

/// The code an authenticator app shows at `unix_seconds` (tests, and `server users totp --code`).
pub fn code_at(secret_base32: &str, unix_seconds: u64) -> Result<String, Error> {
    Ok(totp(secret_base32, "x")?.generate(unix_seconds).to_string())
}

fn random_bytes() -> Result<Vec<u8>, Error> {
    // 160 bits, as RFC 4226 recommends.
    let mut bytes = vec![0u8; 20];
    getrandom::fill(&mut bytes).map_err(|_| Error::new(Code::Unavailable))?;
    Ok(bytes)
}

async fn find(tx: &mut sqlx::AnyConnection, email: &str) -> Result<store::AccountRow, Error> {
    let email = Email::parse(email).map_err(|p| Error::said(Code::InvalidParameter, p.message(Locale::Fr), p.message(Locale::En)))?;
    store::by_email(tx, email.as_str()).await.map_err(store_error)?.ok_or_else(|| Error::with(Code::NotFound, "compte"))
}
