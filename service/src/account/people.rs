//! The network's view of the accounts (`/reseau/personnes`): who has an account, with what roles,
//! in what state; suspend one (its sessions end, every write is refused), reactivate it, or lift
//! the sign-in block that too many wrong passwords put on it. The command line does the same
//! (`server users`).

use atlas_core::locale::Locale;

use super::{store, throttle};
use crate::db::Database;
use crate::{store_error, Action, Actor, Code, Error};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Active,
    Unconfirmed,
    Suspended,
}

impl State {
    pub fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Self::Active, Locale::Fr) => "actif",
            (Self::Active, Locale::En) => "active",
            (Self::Unconfirmed, Locale::Fr) => "adresse non confirmée",
            (Self::Unconfirmed, Locale::En) => "address not confirmed",
            (Self::Suspended, Locale::Fr) => "suspendu",
            (Self::Suspended, Locale::En) => "suspended",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    pub id: i64,
    pub email: String,
    pub pseudonym: String,
    pub state: State,
    /// Each role in words (« éditeur · Régie de … »); empty: an inhabitant.
    pub roles: Vec<String>,
    /// Minutes left of a sign-in block (too many wrong passwords), if any.
    pub blocked_minutes: Option<i64>,
}

/// At most this many people are listed (a search narrows them).
pub const LISTED: usize = 200;

fn role_words(kind: &str, scope: &str, regies: &std::collections::HashMap<String, String>, locale: Locale) -> String {
    let regie = || regies.get(scope).cloned().unwrap_or_else(|| scope.to_owned());
    match (kind, locale) {
        ("network-admin", Locale::Fr) => "administrateur du réseau".to_owned(),
        ("network-admin", Locale::En) => "network administrator".to_owned(),
        ("regie-admin", Locale::Fr) => format!("administrateur · {}", regie()),
        ("regie-admin", Locale::En) => format!("administrator · {}", regie()),
        ("regie-editor", Locale::Fr) => format!("éditeur · {}", regie()),
        ("regie-editor", Locale::En) => format!("editor · {}", regie()),
        ("observer", Locale::Fr) => format!("observateur · {scope}"),
        ("observer", Locale::En) => format!("observer · {scope}"),
        (other, _) => format!("{other} {scope}"),
    }
}

/// The accounts whose address or pseudonym contains `search` (all when empty), by address.
pub async fn people(db: &Database, actor: &Actor, search: &str, locale: Locale) -> Result<Vec<Person>, Error> {
    actor.authorize(Action::ManageAccounts)?;
    let wanted = search.trim().to_lowercase();
    let regies: std::collections::HashMap<String, String> = sqlx::query_as::<_, (i64, String)>("SELECT id, nom FROM regies")
        .fetch_all(&db.pool)
        .await
        .map_err(store_error)?
        .into_iter()
        .map(|(id, nom)| (id.to_string(), nom))
        .collect();
    let now = store::now_ms();
    let mut out = Vec::new();
    for (a, roles) in store::list(db).await.map_err(store_error)? {
        if !wanted.is_empty() && !a.email.to_lowercase().contains(&wanted) && !a.pseudonym.to_lowercase().contains(&wanted) {
            continue;
        }
        if out.len() == LISTED {
            break;
        }
        let state = match (a.suspended_at, a.confirmed_at) {
            (Some(_), _) => State::Suspended,
            (None, None) => State::Unconfirmed,
            (None, Some(_)) => State::Active,
        };
        let blocked = throttle::blocked(db, &format!("compte:{}", a.email), now).await.map_err(store_error)?;
        out.push(Person {
            id: a.id,
            email: a.email,
            pseudonym: a.pseudonym,
            state,
            roles: roles.iter().map(|(kind, scope)| role_words(kind, scope, &regies, locale)).collect(),
            blocked_minutes: blocked.map(|ms| (ms + 59_999) / 60_000),
        });
    }
    Ok(out)
}

/// Suspends (`true`) or reactivates the account `id`. Suspending ends its sessions at once. The
/// network may not suspend itself (409): another administrator must.
pub async fn set_suspended(db: &Database, actor: &Actor, id: i64, suspended: bool) -> Result<(), Error> {
    actor.authorize(Action::ManageAccounts)?;
    if suspended && actor.account_id() == Some(id) {
        return Err(Error::with(Code::Conflict, "soi-même"));
    }
    let mut tx = db.begin_write().await.map_err(store_error)?;
    if store::by_id(&mut tx, id).await.map_err(store_error)?.is_none() {
        return Err(Error::with(Code::NotFound, "compte"));
    }
    store::set_suspended(&mut tx, id, suspended.then(store::now_ms)).await.map_err(store_error)?;
    if suspended {
        store::delete_sessions_of(&mut tx, id).await.map_err(store_error)?;
    }
    tx.commit().await.map_err(store_error)?;
    tracing::info!(account = id, suspended, "account state changed by the network");
    Ok(())
}

/// Lifts the sign-in block on the account `id` (its count of wrong passwords starts again).
pub async fn unlock(db: &Database, actor: &Actor, id: i64) -> Result<(), Error> {
    actor.authorize(Action::ManageAccounts)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let account = store::by_id(&mut conn, id).await.map_err(store_error)?.ok_or_else(|| Error::with(Code::NotFound, "compte"))?;
    drop(conn);
    throttle::clear(db, &format!("compte:{}", account.email)).await.map_err(store_error)
}
