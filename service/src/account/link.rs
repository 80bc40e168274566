//! Links sent by mail in place of a password: a one-time sign-in link (for those who keep no
//! password) and a password reset. A request answers the same whether the address has an
//! account or not; an address gets at most `MAILS_PER_WINDOW` such mails per 15 minutes,
//! counted in the database so that the limit holds across instances (unknown addresses count
//! too: the limit says nothing about who is registered).

use atlas_core::account::{password_problems, Email, Problem};
use atlas_core::locale::Locale;

use super::store::{self, now_ms};
use super::{open_session_in, Opening, password, public_url, throttle, token, FormOutcome, Session, PASSWORD_LINK_TTL_MS};
use crate::db::Database;
use crate::mail::{enqueue, texts};
use crate::{store_error, Action, Actor, Code, Error};

pub const SIGN_IN_LINK_TTL_MS: i64 = 15 * 60_000;
pub const MAILS_PER_WINDOW: i64 = 5;

/// What a link is for, as stored with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    SignIn,
    Password,
}

impl Purpose {
    fn stored(self) -> &'static str {
        match self {
            Self::SignIn => "signin",
            Self::Password => "password",
        }
    }
}

/// Mails a sign-in link or a password link to the address, if it has a usable account.
pub async fn request(db: &Database, actor: &Actor, purpose: Purpose, email: &str, locale: Locale) -> Result<FormOutcome<()>, Error> {
    actor.authorize(Action::UseAccount)?;
    let email = match Email::parse(email) {
        Ok(e) => e,
        Err(p) => return Ok(FormOutcome::Refused(vec![p])),
    };
    let now = now_ms();
    let key = format!("courriel:{}", email.as_str());
    if throttle::blocked(db, &key, now).await.map_err(store_error)?.is_some() {
        // Past the limit nothing is sent, and the answer is the same: a flood mails nobody.
        return Ok(FormOutcome::Done(()));
    }
    throttle::fail(db, &key, MAILS_PER_WINDOW, now).await.map_err(store_error)?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let account = store::by_email(&mut tx, email.as_str()).await.map_err(store_error)?.filter(|a| a.suspended_at.is_none());
    if let Some(account) = account {
        let account_locale = Locale::from_lang(&account.locale).unwrap_or(locale);
        let (link_token, hash) = token::new()?;
        let (ttl, page) = match purpose {
            Purpose::SignIn => (SIGN_IN_LINK_TTL_MS, "/compte/lien"),
            Purpose::Password => (PASSWORD_LINK_TTL_MS, "/compte/mot-de-passe"),
        };
        store::insert_token(&mut tx, &hash, account.id, purpose.stored(), None, now, ttl).await.map_err(store_error)?;
        let link = format!("{}{}?jeton={link_token}", public_url(), account_locale.path(page));
        let mail = match purpose {
            Purpose::SignIn => texts::sign_in_link(account_locale, email.as_str(), &link, ttl / 60_000),
            Purpose::Password => texts::choose_password(account_locale, email.as_str(), &link, ttl / 3_600_000),
        };
        enqueue(&mut tx, &mail, now).await.map_err(store_error)?;
    }
    tx.commit().await.map_err(store_error)?;
    Ok(FormOutcome::Done(()))
}

/// Follows a sign-in link: a new session. The mail proves the address, so an account not yet
/// confirmed is confirmed too.
pub async fn sign_in(db: &Database, actor: &Actor, link_token: &str) -> Result<Session, Error> {
    actor.authorize(Action::UseAccount)?;
    let now = now_ms();
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let Some((id, _)) = store::use_token(&mut tx, &token::digest(link_token), Purpose::SignIn.stored(), now).await.map_err(store_error)?
    else {
        return Err(Error::new(Code::LinkExpired));
    };
    let account = store::by_id(&mut tx, id).await.map_err(store_error)?.filter(|a| a.suspended_at.is_none());
    let Some(account) = account else { return Err(Error::new(Code::LinkExpired)) };
    if account.confirmed_at.is_none() {
        store::set_confirmed(&mut tx, id, now).await.map_err(store_error)?;
    }
    let session = open_session_in(&mut tx, id, now, Opening::SignIn).await?;
    tx.commit().await.map_err(store_error)?;
    Ok(session)
}

/// Is this password link still usable? (The page asks before showing its form.)
pub async fn password_link_alive(db: &Database, link_token: &str) -> Result<bool, Error> {
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let found = store::peek_token(&mut conn, &token::digest(link_token), Purpose::Password.stored(), now_ms()).await.map_err(store_error)?;
    Ok(found.is_some())
}

/// Sets the password a link was sent for. Every session of the account ends (whoever knew the
/// old password is out) and a new one opens here. A refused password leaves the link usable.
pub async fn choose_password(db: &Database, actor: &Actor, link_token: &str, new_password: &str) -> Result<FormOutcome<Session>, Error> {
    actor.authorize(Action::UseAccount)?;
    let hash_of_token = token::digest(link_token);
    let now = now_ms();
    let account = {
        let mut conn = db.pool.acquire().await.map_err(store_error)?;
        match store::peek_token(&mut conn, &hash_of_token, Purpose::Password.stored(), now).await.map_err(store_error)? {
            Some(id) => store::by_id(&mut conn, id).await.map_err(store_error)?,
            None => None,
        }
    };
    let Some(account) = account.filter(|a| a.suspended_at.is_none()) else { return Err(Error::new(Code::LinkExpired)) };
    let email = Email::parse(&account.email).ok();
    let problems: Vec<Problem> = password_problems(new_password, email.as_ref(), Some(&account.pseudonym), password::is_common);
    if !problems.is_empty() {
        return Ok(FormOutcome::Refused(problems));
    }
    let hash = password::hash(new_password).await?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    // Spent here, atomically: of two tabs submitting the same link, one succeeds.
    if store::use_token(&mut tx, &hash_of_token, Purpose::Password.stored(), now).await.map_err(store_error)?.is_none() {
        return Err(Error::new(Code::LinkExpired));
    }
    store::set_password(&mut tx, account.id, &hash).await.map_err(store_error)?;
    if account.confirmed_at.is_none() {
        store::set_confirmed(&mut tx, account.id, now).await.map_err(store_error)?;
    }
    store::delete_sessions_of(&mut tx, account.id).await.map_err(store_error)?;
    let session = open_session_in(&mut tx, account.id, now, Opening::SignIn).await?;
    tx.commit().await.map_err(store_error)?;
    Ok(FormOutcome::Done(session))
}
