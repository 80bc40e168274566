//! The writes on an existing item: support, comments, a Régie's status, « toujours
//! d'actualité », moderation. Each checks the right in this layer, then runs one transaction.

use atlas_core::participation::{comment_editable, comment_text, reopenable, Outcome, Status, StatusChange};

use super::{flood, store, COMMENTS_PER_HOUR, HOUR_MS};
use crate::account::store as accounts;
use crate::live;
use crate::notification::{self, fanout::{publish, News}};
use atlas_core::notification::NewsKind;
use crate::db::Database;
use crate::moderation::{self, refuse_if_suspended};
use crate::{store_error, Action, Actor, Code, Error};

fn not_found() -> Error {
    Error::said(Code::NotFound, "élément de participation", "participation item")
}

/// « Moi aussi » (`on`) or its withdrawal; answers the supporters' count. Twice is once.
pub async fn support(db: &Database, actor: &Actor, item: i64, on: bool) -> Result<i64, Error> {
    actor.authorize(Action::Participate)?;
    let account = actor.account_id().ok_or_else(|| Error::new(Code::Forbidden))?;
    let now = accounts::now_ms();
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let (qpv, _, _, _, hidden) = store::item_state(&mut tx, item).await.map_err(store_error)?.ok_or_else(not_found)?;
    if hidden {
        return Err(not_found());
    }
    refuse_if_suspended(&mut tx, account, &qpv).await?;
    if store::set_support(&mut tx, item, account, on, now).await.map_err(store_error)? {
        live::record(&mut tx, item, live::SUPPORT, now).await.map_err(store_error)?;
        store::changed(&mut tx, db.backend).await.map_err(store_error)?;
    }
    let count: i64 = sqlx::query_scalar("SELECT supporters FROM participation_items WHERE id = $1").bind(item).fetch_one(&mut *tx).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    Ok(count)
}

/// A comment on an item, or a reply to one of its top-level comments. A member of the staff of
/// a Régie covering the QPV writes as that Régie (marked so).
pub async fn comment(db: &Database, actor: &Actor, item: i64, parent: Option<i64>, text: &str) -> Result<Outcome<i64>, Error> {
    actor.authorize(Action::Participate)?;
    let author = actor.account_id().ok_or_else(|| Error::new(Code::Forbidden))?;
    let body = match comment_text(text) {
        Ok(b) => b,
        Err(p) => return Ok(Outcome::Refused(vec![p])),
    };
    let now = accounts::now_ms();
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let (qpv, _, _, _, hidden) = store::item_state(&mut tx, item).await.map_err(store_error)?.ok_or_else(not_found)?;
    if hidden {
        return Err(not_found());
    }
    if let Some(parent) = parent {
        // One level of replies: the parent is a top-level comment of this item.
        match store::comment_state(&mut tx, parent).await.map_err(store_error)? {
            Some((parent_item, None, _, _, _)) if parent_item == item => {}
            _ => return Err(Error::said(Code::InvalidParameter, "réponse à un commentaire inconnu", "a reply to an unknown comment")),
        }
    }
    refuse_if_suspended(&mut tx, author, &qpv).await?;
    flood(store::commented_since(&mut tx, author, now - HOUR_MS).await.map_err(store_error)?, COMMENTS_PER_HOUR)?;
    let staff = actor.staff_regies();
    let as_regie = store::regies_of_qpv(&mut tx, &qpv).await.map_err(store_error)?.into_iter().find(|r| staff.contains(&r.id));
    let regie = as_regie.as_ref().map(|r| r.id);
    let id = store::insert_comment(&mut tx, &store::NewComment { item, parent, author, regie, body: &body }, now).await.map_err(store_error)?;
    // The Régie's own staff are not held by a word list; anyone else's comment is, and is heard of once restored.
    let word = if as_regie.is_some() { None } else { moderation::held_word(&mut tx, &qpv, &[&body]).await.map_err(store_error)? };
    if let Some(word) = word {
        moderation::hold(&mut tx, atlas_core::moderation::Target::Comment, id, &word, now).await.map_err(store_error)?;
    } else {
        // The followers hear who wrote: the Régie when its staff did, else the pseudonym.
        let who = match as_regie {
            Some(r) => r.name,
            None => notification::store::pseudonym(&mut tx, author).await.map_err(store_error)?,
        };
        publish(&mut tx, News { kind: NewsKind::Comment, item, detail: &who, by: Some(author) }, now).await.map_err(store_error)?;
    }
    live::record(&mut tx, item, live::COMMENT, now).await.map_err(store_error)?;
    store::follow(&mut tx, item, author, now).await.map_err(store_error)?;
    store::changed(&mut tx, db.backend).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    Ok(Outcome::Done(id))
}

/// The comment's item, once the actor is its author and it is still there.
async fn own_comment(tx: &mut sqlx::AnyConnection, actor: &Actor, id: i64) -> Result<(i64, i64), Error> {
    actor.authorize(Action::Participate)?;
    let me = actor.account_id().ok_or_else(|| Error::new(Code::Forbidden))?;
    let (item, _, author, created_at, gone) = store::comment_state(tx, id).await.map_err(store_error)?.ok_or_else(not_found)?;
    if gone {
        return Err(not_found());
    }
    if author != Some(me) {
        return Err(Error::new(Code::Forbidden));
    }
    Ok((item, created_at))
}

/// The author edits a comment within 15 minutes of posting it (409 after).
pub async fn edit_comment(db: &Database, actor: &Actor, id: i64, text: &str) -> Result<Outcome<i64>, Error> {
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let (item, created_at) = own_comment(&mut tx, actor, id).await?;
    let now = accounts::now_ms();
    if !comment_editable(created_at, now) {
        return Err(Error::said(Code::Conflict, "un commentaire se modifie dans les 15 minutes", "a comment can be edited within 15 minutes"));
    }
    let body = match comment_text(text) {
        Ok(b) => b,
        Err(p) => return Ok(Outcome::Refused(vec![p])),
    };
    store::edit_comment(&mut tx, id, &body, now).await.map_err(store_error)?;
    live::record(&mut tx, item, live::COMMENT, now).await.map_err(store_error)?;
    store::changed(&mut tx, db.backend).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    Ok(Outcome::Done(item))
}

/// The author deletes a comment (at any time); answers its item.
pub async fn delete_comment(db: &Database, actor: &Actor, id: i64) -> Result<i64, Error> {
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let (item, _) = own_comment(&mut tx, actor, id).await?;
    let now = accounts::now_ms();
    store::delete_comment(&mut tx, id, item, now).await.map_err(store_error)?;
    live::record(&mut tx, item, live::COMMENT, now).await.map_err(store_error)?;
    store::changed(&mut tx, db.backend).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    Ok(item)
}

/// The Régie `regie_slug` sets an item's status. Its staff only, and only where it covers the
/// item's QPV: another Régie's staff are refused (403) before anything is written.
pub async fn set_status(db: &Database, actor: &Actor, item: i64, regie_slug: &str, status: &str, message: &str, partner: &str) -> Result<Outcome<()>, Error> {
    actor.authorize(Action::Participate)?;
    let by = actor.account_id().ok_or_else(|| Error::new(Code::Forbidden))?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let (qpv, _, _, _, hidden) = store::item_state(&mut tx, item).await.map_err(store_error)?.ok_or_else(not_found)?;
    let regie = store::regies_of_qpv(&mut tx, &qpv).await.map_err(store_error)?.into_iter().find(|r| r.slug == regie_slug);
    actor.authorize(Action::AnswerParticipation { regie: regie.as_ref().map_or(-1, |r| r.id) })?;
    let Some(regie) = regie else { return Err(Error::new(Code::Forbidden)) };
    if hidden {
        return Err(not_found());
    }
    let change = match StatusChange::validate(status, message, partner) {
        Ok(c) => c,
        Err(problems) => return Ok(Outcome::Refused(problems)),
    };
    let now = accounts::now_ms();
    store::set_status(&mut tx, item, &change, Some(regie.id), by, now).await.map_err(store_error)?;
    publish(&mut tx, News { kind: NewsKind::Status, item, detail: change.status.code(), by: Some(by) }, now).await.map_err(store_error)?;
    live::record(&mut tx, item, live::STATUS, now).await.map_err(store_error)?;
    store::changed(&mut tx, db.backend).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(item, regie = regie.id, status = change.status.code(), "participation status set");
    Ok(Outcome::Done(()))
}

/// « Toujours d'actualité ? »: a supporter reopens a « réalisé » item within 30 days, saying why
/// in a comment (both in one transaction).
pub async fn reopen(db: &Database, actor: &Actor, item: i64, text: &str) -> Result<Outcome<()>, Error> {
    actor.authorize(Action::Participate)?;
    let me = actor.account_id().ok_or_else(|| Error::new(Code::Forbidden))?;
    let body = match comment_text(text) {
        Ok(b) => b,
        Err(p) => return Ok(Outcome::Refused(vec![p])),
    };
    let now = accounts::now_ms();
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let (qpv, status, status_at, _, hidden) = store::item_state(&mut tx, item).await.map_err(store_error)?.ok_or_else(not_found)?;
    if hidden {
        return Err(not_found());
    }
    refuse_if_suspended(&mut tx, me, &qpv).await?;
    if !store::supports(&mut tx, item, me).await.map_err(store_error)? {
        return Err(Error::new(Code::Forbidden));
    }
    if !reopenable(Status::parse(&status).unwrap_or(Status::Nouveau), status_at, now) {
        return Err(Error::said(Code::Conflict, "seul un élément réalisé depuis moins de 30 jours se rouvre", "only an item done less than 30 days ago can be reopened"));
    }
    let change = StatusChange { status: Status::Rouvert, message: body.clone(), partner: None };
    store::set_status(&mut tx, item, &change, None, me, now).await.map_err(store_error)?;
    publish(&mut tx, News { kind: NewsKind::Status, item, detail: Status::Rouvert.code(), by: Some(me) }, now).await.map_err(store_error)?;
    live::record(&mut tx, item, live::STATUS, now).await.map_err(store_error)?;
    store::insert_comment(&mut tx, &store::NewComment { item, parent: None, author: me, regie: None, body: &body }, now).await.map_err(store_error)?;
    store::changed(&mut tx, db.backend).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    Ok(Outcome::Done(()))
}

/// Hides an item, the reason shown in its place (a moderation act: logged, undoable).
pub async fn hide_item(db: &Database, actor: &Actor, item: i64, reason: &str) -> Result<Outcome<()>, Error> {
    let form = moderation::ActForm { act: "masque".into(), target: "element".into(), id: item, reason: reason.into(), into: None };
    Ok(match moderation::moderate(db, actor, &form).await? {
        Outcome::Done(_) => Outcome::Done(()),
        Outcome::Refused(p) => Outcome::Refused(p),
    })
}

/// Hides a comment, the reason shown in its place; answers its item.
pub async fn hide_comment(db: &Database, actor: &Actor, id: i64, reason: &str) -> Result<Outcome<i64>, Error> {
    let form = moderation::ActForm { act: "masque".into(), target: "commentaire".into(), id, reason: reason.into(), into: None };
    moderation::moderate(db, actor, &form).await
}
