//! Hearing of what moves: a person follows items (« Moi aussi », a comment, their own post), QPVs
//! and Régies; each change of a followed item, and each new item where they follow, becomes a
//! notification in the Atlas (the bell of every page) and, as they chose per kind, a mail now, a
//! daily digest or none. Every mail stops with one click, without signing in.

pub mod digest;
pub mod export;
pub mod fanout;
pub mod mail;
pub mod store;

use atlas_core::locale::Locale;
use atlas_core::notification::{sentence, FollowKind, MailMode, NewsKind, NotificationView};
use serde::{Deserialize, Serialize};

use crate::account::{store::now_ms, token};
use crate::db::Database;
use crate::{store_error, Action, Actor, Code, Error};

/// The kind of an unsubscribe link that stops every news mail (the digest's).
pub const ALL_KINDS: &str = "tout";
/// The notifications a person's page lists.
const SHOWN: i64 = 50;

/// A person's notifications page: the latest news, their mail choices, what they follow.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Notifications {
    pub unread: i64,
    pub latest: Vec<NotificationView>,
    pub settings: Vec<(NewsKind, MailMode)>,
    /// (kind, target, name): QPVs by code, Régies by slug.
    pub follows: Vec<(FollowKind, String, String)>,
}

fn own(actor: &Actor) -> Result<i64, Error> {
    actor.authorize(Action::ManageOwnAccount)?;
    actor.account_id().ok_or_else(|| Error::new(Code::Forbidden))
}

/// Follows (`on`) a QPV (`qpv`, its code) or a Régie (`regie`, its slug), or stops. Twice is once.
pub async fn follow(db: &Database, actor: &Actor, kind: &str, target: &str, on: bool) -> Result<bool, Error> {
    actor.authorize(Action::Participate)?;
    let account = actor.account_id().ok_or_else(|| Error::new(Code::Forbidden))?;
    let kind = FollowKind::parse(kind).ok_or_else(|| Error::said(Code::InvalidParameter, "suivre : qpv ou regie", "follow: qpv or regie"))?;
    let target = target.trim();
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let exists: i64 = match kind {
        FollowKind::Qpv => sqlx::query_scalar("SELECT COUNT(*) FROM qpv WHERE code = $1").bind(target).fetch_one(&mut *tx).await,
        FollowKind::Regie => sqlx::query_scalar("SELECT COUNT(*) FROM regies WHERE slug = $1").bind(target).fetch_one(&mut *tx).await,
    }
    .map_err(store_error)?;
    // Stopping needs no target still there (a QPV may leave the official list).
    if on && exists == 0 {
        return Err(match kind {
            FollowKind::Qpv => Error::with(Code::NotFound, "quartier"),
            FollowKind::Regie => Error::new(Code::UnknownRegie),
        });
    }
    let changed = store::set_follow(&mut tx, account, kind, target, on, now_ms()).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    Ok(changed)
}

/// The signed-in person's notifications page, its sentences in `locale`.
pub async fn page(db: &Database, actor: &Actor, locale: Locale) -> Result<Notifications, Error> {
    let account = own(actor)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let latest = store::latest(&mut conn, account, SHOWN).await.map_err(store_error)?;
    let follows = store::follows_of(&mut conn, account).await.map_err(store_error)?;
    Ok(Notifications {
        unread: store::unread(&mut conn, account).await.map_err(store_error)?,
        latest: latest
            .into_iter()
            .filter_map(|(id, kind, item_id, detail, title, created_at, read_at)| {
                let kind = NewsKind::parse(&kind)?;
                Some(NotificationView { id, sentence: sentence(kind, &detail, &title, locale), item_id, created_at, unread: read_at.is_none() })
            })
            .collect(),
        settings: store::settings(&mut conn, account).await.map_err(store_error)?,
        follows: follows.into_iter().filter_map(|(kind, target, name)| Some((FollowKind::parse(&kind)?, target, name))).collect(),
    })
}

/// Unread notifications of the signed-in person (the bell's count).
pub async fn unread(db: &Database, actor: &Actor) -> Result<i64, Error> {
    let account = own(actor)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    store::unread(&mut conn, account).await.map_err(store_error)
}

/// Marks read every notification (`item` `None`), or those of one item (its page was opened).
pub async fn mark_read(db: &Database, actor: &Actor, item: Option<i64>) -> Result<u64, Error> {
    let account = own(actor)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    store::mark_read(&mut conn, account, item, now_ms()).await.map_err(store_error)
}

/// Sets the mail choice of each kind given as (kind code, mode code); an unknown code is a 400
/// and changes nothing.
pub async fn set_settings(db: &Database, actor: &Actor, choices: &[(String, String)]) -> Result<(), Error> {
    let account = own(actor)?;
    let mut parsed = Vec::with_capacity(choices.len());
    for (kind, mode) in choices {
        let kind = NewsKind::parse(kind).filter(|k| NewsKind::ALL.contains(k)).ok_or_else(|| Error::said(Code::InvalidParameter, "type de notification", "kind of notification"))?;
        let mode = MailMode::parse(mode).ok_or_else(|| Error::said(Code::InvalidParameter, "courriel : immediat, quotidien ou jamais", "mail: immediat, quotidien or jamais"))?;
        parsed.push((kind, mode));
    }
    let mut tx = db.begin_write().await.map_err(store_error)?;
    for (kind, mode) in parsed {
        store::set_setting(&mut tx, account, kind, mode).await.map_err(store_error)?;
    }
    tx.commit().await.map_err(store_error)
}

/// What an unsubscribe link stops: the kind, or `None` for every news mail (a digest's link).
/// Reading it changes nothing (a mail scanner following the link unsubscribes nobody).
pub async fn unsubscribe_preview(db: &Database, actor: &Actor, link_token: &str) -> Result<Option<NewsKind>, Error> {
    actor.authorize(Action::UseAccount)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let (_, kind) = store::unsubscribe_target(&mut conn, &token::digest(link_token.trim())).await.map_err(store_error)?.ok_or_else(unknown_link)?;
    Ok(NewsKind::parse(&kind))
}

/// The one click (RFC 8058's POST, or the page's button): no more mail of that kind (every kind
/// for a digest's link) for the link's account, signed in or not; the notifications in the Atlas
/// stay. The link may serve again.
pub async fn unsubscribe(db: &Database, actor: &Actor, link_token: &str) -> Result<Option<NewsKind>, Error> {
    actor.authorize(Action::UseAccount)?;
    let hash = token::digest(link_token.trim());
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let (account, kind) = store::unsubscribe_target(&mut tx, &hash).await.map_err(store_error)?.ok_or_else(unknown_link)?;
    let kind = NewsKind::parse(&kind);
    let stopped: Vec<NewsKind> = match kind {
        Some(k) => vec![k],
        None => NewsKind::ALL.to_vec(),
    };
    for k in stopped {
        store::set_setting(&mut tx, account, k, MailMode::Never).await.map_err(store_error)?;
    }
    // Waiting for a digest that will not come: in the Atlas only.
    sqlx::query("UPDATE notifications SET digest_due = 0 WHERE account_id = $1 AND digest_due = 1").bind(account).execute(&mut *tx).await.map_err(store_error)?;
    store::spend_unsubscribe(&mut tx, &hash, now_ms()).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(account, kind = kind.map_or(ALL_KINDS, NewsKind::code), "unsubscribed by link");
    Ok(kind)
}

fn unknown_link() -> Error {
    Error::said(Code::NotFound, "lien de désabonnement", "unsubscribe link")
}
