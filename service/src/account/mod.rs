//! Accounts: sign-up with a confirmation by e-mail, sign-in into a session kept in the database
//! (shared by every instance), sign-out here or everywhere, and the operator's accounts with
//! their roles (`server users …`). Every use case runs in one transaction; the mails it causes
//! are written to the outbox in that same transaction.

pub mod cookie;
pub mod link;
pub mod password;
pub mod profile;
pub mod second_factor;
pub mod team;
pub mod store;
pub mod throttle;
pub mod token;

use atlas_core::account::{password_problems, Email, Problem, Pseudonym, Role};
use atlas_core::locale::Locale;

use crate::db::Database;
use crate::mail::{enqueue, texts};
use crate::{store_error, Action, Actor, Code, Error};
use store::now_ms;

const HOUR_MS: i64 = 3_600_000;
pub(crate) const DAY_MS: i64 = 24 * HOUR_MS;
/// A confirmation link lives a day; unconfirmed accounts are deleted after a week.
pub const CONFIRM_TTL_MS: i64 = DAY_MS;
pub const UNCONFIRMED_KEPT_MS: i64 = 7 * DAY_MS;
/// A password link (reset, or the first password of an account made by the operator).
pub const PASSWORD_LINK_TTL_MS: i64 = 2 * HOUR_MS;
pub const FIRST_PASSWORD_TTL_MS: i64 = 7 * DAY_MS;
/// Sessions end after 30 days whatever happens, or after 7 days unused.
pub const SESSION_ABSOLUTE_MS: i64 = 30 * DAY_MS;
pub const SESSION_IDLE_MS: i64 = 7 * DAY_MS;

/// Where the links in mails point: `ATLAS_PUBLIC_URL`, by default the local server.
pub fn public_url() -> String {
    std::env::var("ATLAS_PUBLIC_URL").unwrap_or_else(|_| "http://127.0.0.1:3000".to_owned()).trim_end_matches('/').to_owned()
}

/// The client's IP address, as the server's write limits see it (behind a trusted proxy, the
/// address the proxy saw): sign-in failures are also counted per client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub String);

/// The answer to a form: done, or every problem with the field it concerns.
#[derive(Clone, Debug, PartialEq)]
pub enum FormOutcome<T> {
    Done(T),
    Refused(Vec<Problem>),
}

/// Opens an account and mails the confirmation link. The answer is the same whether the address
/// already has an account or not (its owner gets a mail saying so): nobody learns who is registered.
pub async fn sign_up(db: &Database, actor: &Actor, email: &str, pseudonym: &str, password: &str, locale: Locale) -> Result<FormOutcome<()>, Error> {
    actor.authorize(Action::UseAccount)?;
    let email_ok = Email::parse(email);
    let pseudonym_ok = Pseudonym::parse(pseudonym);
    let mut problems: Vec<Problem> = [email_ok.as_ref().err(), pseudonym_ok.as_ref().err()].into_iter().flatten().copied().collect();
    problems.extend(password_problems(password, email_ok.as_ref().ok(), Some(pseudonym), password::is_common));
    let (Ok(email), Ok(pseudonym)) = (email_ok, pseudonym_ok) else { return Ok(FormOutcome::Refused(problems)) };
    if !problems.is_empty() {
        return Ok(FormOutcome::Refused(problems));
    }
    let hash = password::hash(password).await?;
    let now = now_ms();
    let mut tx = db.begin_write().await.map_err(store_error)?;
    if store::pseudonym_taken(&mut tx, &pseudonym.key, None).await.map_err(store_error)? {
        return Ok(FormOutcome::Refused(vec![Problem::PseudonymTaken]));
    }
    let mail = match store::by_email(&mut tx, email.as_str()).await.map_err(store_error)? {
        Some(_) => texts::already_registered(locale, email.as_str(), &format!("{}{}", public_url(), locale.path("/compte/connexion"))),
        None => {
            let new = store::NewAccount {
                email: email.as_str(),
                pseudonym: &pseudonym.shown,
                pseudonym_key: &pseudonym.key,
                password_hash: Some(&hash),
                locale: locale.lang(),
                confirmed: false,
            };
            let id = match store::insert(&mut tx, &new, now).await {
                Ok(id) => id,
                // Two sign-ups at once (PostgreSQL lets both read « free »): the second loses on
                // the unique index and gets what it would have got a moment later.
                Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                    return Ok(if d.message().contains("pseudonym") {
                        FormOutcome::Refused(vec![Problem::PseudonymTaken])
                    } else {
                        FormOutcome::Done(())
                    });
                }
                Err(e) => return Err(store_error(e)),
            };
            let (token, token_hash) = token::new()?;
            store::insert_token(&mut tx, &token_hash, id, "confirm", None, now, CONFIRM_TTL_MS).await.map_err(store_error)?;
            let link = format!("{}{}?jeton={token}", public_url(), locale.path("/compte/confirmer"));
            texts::confirm(locale, email.as_str(), &pseudonym.shown, &link)
        }
    };
    enqueue(&mut tx, &mail, now).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    Ok(FormOutcome::Done(()))
}

/// Follows a confirmation link: the account is confirmed (once; the link then is spent) and
/// its owner signed in, as they expect after following the link.
pub async fn confirm(db: &Database, actor: &Actor, link_token: &str) -> Result<Session, Error> {
    actor.authorize(Action::UseAccount)?;
    let now = now_ms();
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let Some((id, _)) = store::use_token(&mut tx, &token::digest(link_token), "confirm", now).await.map_err(store_error)? else {
        return Err(Error::new(Code::LinkExpired));
    };
    store::set_confirmed(&mut tx, id, now).await.map_err(store_error)?;
    let session = open_session_in(&mut tx, id, now, Opening::SignIn).await?;
    tx.commit().await.map_err(store_error)?;
    Ok(session)
}

/// A new session: the cookie's token (only its hash is stored).
pub struct Session {
    pub token: String,
    pub account: i64,
    /// The account has a second factor and its code is still to be given (`/compte/code`).
    pub awaiting_code: bool,
}

/// The token is a secret: never in a log line.
impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("account", &self.account).field("awaiting_code", &self.awaiting_code).field("token", &"…").finish()
    }
}

/// Signs in with a password. Unknown address, wrong password, unconfirmed or suspended account:
/// one answer (401), after the same work (the decoy hash). Failures are counted per address and
/// per client (`client`: its IP) in the database; past the limit, 429 with the wait in minutes,
/// even for the right password.
pub async fn sign_in(db: &Database, actor: &Actor, email: &str, password_text: &str, client: Option<&str>) -> Result<Session, Error> {
    actor.authorize(Action::UseAccount)?;
    let parsed = Email::parse(email);
    let account_key = format!("compte:{}", parsed.as_ref().map_or_else(|_| email.trim().to_lowercase(), |e| e.as_str().to_owned()));
    let client_key = client.map(|c| format!("client:{c}"));
    let now = now_ms();
    for key in std::iter::once(&account_key).chain(client_key.as_ref()) {
        if let Some(wait) = throttle::blocked(db, key, now).await.map_err(store_error)? {
            return Err(Error::with(Code::TooManyAttempts, ((wait + 59_999) / 60_000).to_string()));
        }
    }
    let found = match &parsed {
        Ok(e) => {
            let mut conn = db.pool.acquire().await.map_err(store_error)?;
            store::by_email(&mut conn, e.as_str()).await.map_err(store_error)?
        }
        Err(_) => None,
    };
    let usable = found.filter(|a| a.confirmed_at.is_some() && a.suspended_at.is_none());
    let matches = password::verify(usable.as_ref().and_then(|a| a.password_hash.clone()), password_text).await?;
    let Some(account) = usable.filter(|_| matches) else {
        throttle::fail(db, &account_key, throttle::ACCOUNT_LIMIT, now).await.map_err(store_error)?;
        if let Some(key) = &client_key {
            throttle::fail(db, key, throttle::CLIENT_LIMIT, now).await.map_err(store_error)?;
        }
        // The attempt that reaches the limit already says how long to wait.
        for key in std::iter::once(&account_key).chain(client_key.as_ref()) {
            if let Some(wait) = throttle::blocked(db, key, now).await.map_err(store_error)? {
                return Err(Error::with(Code::TooManyAttempts, ((wait + 59_999) / 60_000).to_string()));
            }
        }
        return Err(Error::new(Code::WrongCredentials));
    };
    throttle::clear(db, &account_key).await.map_err(store_error)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    open_session_in(&mut conn, account.id, now, Opening::SignIn).await
}

/// How a new session begins: at a sign-in (the second factor, for an account that has one, is
/// still to be given) or in place of a session that gave it already (a change of password).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Opening {
    SignIn,
    Renewal,
}

/// A new session, in the caller's transaction: a fresh token every time (never an old one
/// carried over, so a token seen before sign-in opens nothing after).
pub(crate) async fn open_session_in(conn: &mut sqlx::AnyConnection, account: i64, now: i64, opening: Opening) -> Result<Session, Error> {
    let awaiting_code = opening == Opening::SignIn && store::by_id(conn, account).await.map_err(store_error)?.is_some_and(|a| a.totp_secret.is_some());
    let lifetime = if awaiting_code { second_factor::AWAITING_MS } else { SESSION_ABSOLUTE_MS };
    let (token, hash) = token::new()?;
    store::insert_session(conn, &hash, account, now, lifetime, awaiting_code).await.map_err(store_error)?;
    Ok(Session { token, account, awaiting_code })
}

/// The signed-in person behind a session cookie, if the session is alive and the account usable.
#[derive(Clone, Debug, PartialEq)]
pub struct SignedIn {
    pub id: i64,
    pub pseudonym: String,
    pub roles: Vec<Role>,
    /// Unread notifications: the bell of every page.
    pub unread: i64,
}

pub async fn session(db: &Database, cookie_token: &str) -> Result<Option<SignedIn>, Error> {
    let now = now_ms();
    let hash = token::digest(cookie_token);
    // One connection for the whole lookup: every page asks this, and a request holding one
    // connection while waiting for a second starves the pool under load.
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let Some((id, last_seen)) = store::session(&mut conn, &hash, now, SESSION_IDLE_MS).await.map_err(store_error)? else { return Ok(None) };
    let Some(account) = store::by_id(&mut conn, id).await.map_err(store_error)? else { return Ok(None) };
    if account.suspended_at.is_some() {
        return Ok(None);
    }
    // Writing last_seen on every request would make every page a write: once a minute is enough.
    // A touch that fails (SQLite's one write lock held by a long import) only delays the next.
    if now - last_seen > 60_000 {
        if let Err(e) = store::touch_session(&mut conn, &hash, now).await {
            tracing::warn!(error = %e, "session not touched");
        }
    }
    let roles = store::roles(&mut conn, id).await.map_err(store_error)?.into_iter().filter_map(|(r, s)| role_of(&r, &s)).collect();
    let unread = crate::notification::store::unread(&mut conn, id).await.map_err(store_error)?;
    Ok(Some(SignedIn { id, pseudonym: account.pseudonym, roles, unread }))
}

pub async fn sign_out(db: &Database, cookie_token: &str) -> Result<(), Error> {
    store::delete_session(db, &token::digest(cookie_token)).await.map_err(store_error)
}

/// Ends every session of the signed-in account (« me déconnecter de tous mes appareils »).
pub async fn sign_out_everywhere(db: &Database, actor: &Actor) -> Result<u64, Error> {
    actor.authorize(Action::ManageOwnAccount)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    store::delete_sessions_of(&mut conn, own_id(actor)?).await.map_err(store_error)
}

/// The account of a signed-in actor (after `authorize(ManageOwnAccount)`, always one).
pub(crate) fn own_id(actor: &Actor) -> Result<i64, Error> {
    match actor {
        Actor::Account { id, .. } => Ok(*id),
        Actor::Anonymous => Err(Error::new(Code::NotSignedIn)),
        Actor::Cli => Err(Error::new(Code::Forbidden)),
    }
}

impl SignedIn {
    /// The actor this person is in use cases.
    pub fn actor(&self) -> Actor {
        Actor::Account { id: self.id, roles: self.roles.clone() }
    }
}

/// The stored (role, scope) pair of a role.
pub fn stored_role(role: &Role) -> (&'static str, String) {
    let scope = match role {
        Role::RegieEditor { regie } | Role::RegieAdmin { regie } => regie.to_string(),
        Role::NetworkAdmin => String::new(),
        Role::Observer { territory } => territory.clone(),
    };
    (role.kind(), scope)
}

pub fn role_of(kind: &str, scope: &str) -> Option<Role> {
    match kind {
        "regie-editor" => scope.parse().ok().map(|regie| Role::RegieEditor { regie }),
        "regie-admin" => scope.parse().ok().map(|regie| Role::RegieAdmin { regie }),
        "network-admin" => Some(Role::NetworkAdmin),
        "observer" => Some(Role::Observer { territory: scope.to_owned() }),
        _ => None,
    }
}

pub mod operator;
pub mod people;

/// What the privacy page promises, done: unconfirmed accounts after 7 days, sessions and links
/// once expired (links kept a day after use), sign-in traces after a day, sent mails and accepted
/// invitations after 30 days, invitations not accepted once expired.
/// Returns the rows deleted. Safe to run on every instance at once (plain DELETEs).
pub async fn purge(db: &Database) -> Result<u64, Error> {
    let now = now_ms();
    let mut n = store::delete_unconfirmed(db, now - UNCONFIRMED_KEPT_MS).await.map_err(store_error)?;
    n += store::delete_expired(db, now, now - DAY_MS).await.map_err(store_error)?;
    n += throttle::forget_before(db, now - DAY_MS).await.map_err(store_error)?;
    n += crate::mail::forget_sent_before(db, now - 30 * DAY_MS).await.map_err(store_error)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    n += team::store::delete_expired(&mut conn, now, now - 30 * DAY_MS).await.map_err(store_error)?;
    Ok(n)
}

/// The purge, hourly, for as long as the server runs.
pub async fn purge_hourly(db: Database) {
    loop {
        match purge(&db).await {
            Ok(n) if n > 0 => tracing::info!(rows = n, "expired account data deleted"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = ?e, "purge failed"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
    }
}
