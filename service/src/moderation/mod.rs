//! Moderation of the participatory space: people flag (3 accounts hide until reviewed), word
//! lists hold posts for review, moderators (a Régie's staff in the QPVs it covers, the network
//! everywhere) hide, restore, suspend and merge duplicates; every act goes to the QPV's public
//! log (a role, never a name), can be undone, and its author is told why. One transaction each.

pub mod read;
pub mod store;
mod words;

pub use words::{add_word, remove_word, word_lists};

use atlas_core::moderation::{reason_of, Act, ByRole, FlagReason, Target, FLAGS_TO_HIDE};
use atlas_core::notification::NewsKind;
use atlas_core::participation::{Outcome, Problem};
use sqlx::AnyConnection;

use crate::account::store::now_ms;
use crate::db::Database;
use crate::live;
use crate::notification::fanout::{publish, News};
use crate::participation::store as items;
use crate::{store_error, Action, Actor, Code, Error};
use store::{Content, LogRow};

fn not_found() -> Error {
    Error::said(Code::NotFound, "contenu de participation", "participation content")
}

fn target_of(code: &str) -> Result<Target, Error> {
    Target::parse(code).filter(|t| *t != Target::Author).ok_or_else(|| Error::said(Code::InvalidParameter, "cible : element, commentaire ou photo", "target: element, commentaire or photo"))
}

/// The role in which the actor moderates the QPV's space: the staff of a Régie covering it
/// (its first, by name), else the network; 401/403 for anyone else.
pub(crate) async fn moderator_role(conn: &mut AnyConnection, actor: &Actor, qpv: &str) -> Result<(ByRole, Option<i64>), Error> {
    let regies = items::regies_of_qpv(conn, qpv).await.map_err(store_error)?;
    if let Some(r) = regies.into_iter().find(|r| actor.may(Action::ModerateParticipation { regie: r.id })) {
        return Ok((ByRole::Regie(r.name), Some(r.id)));
    }
    actor.authorize(Action::ModerateParticipation { regie: -1 })?;
    Ok((ByRole::Network, None))
}

/// 403 `Suspended` when the account may not take part in this QPV's space.
pub(crate) async fn refuse_if_suspended(conn: &mut AnyConnection, account: i64, qpv: &str) -> Result<(), Error> {
    if store::suspended(conn, account, qpv).await.map_err(store_error)? {
        return Err(Error::new(Code::Suspended));
    }
    Ok(())
}

/// The word of the lists that applies in this QPV and one of the texts holds, if any.
pub(crate) async fn held_word(conn: &mut AnyConnection, qpv: &str, texts: &[&str]) -> Result<Option<String>, sqlx::Error> {
    let words = store::words_for_qpv(conn, qpv).await?;
    Ok(texts.iter().find_map(|t| atlas_core::moderation::held_word(t, &words)).map(str::to_owned))
}

/// A just-written item or comment holding a listed word waits for review: hidden, logged, and
/// its author told which word (the followers hear of it once a moderator restores it).
pub(crate) async fn hold(conn: &mut AnyConnection, target: Target, id: i64, word: &str, now: i64) -> Result<(), sqlx::Error> {
    let c = store::content(conn, target, id).await?.ok_or(sqlx::Error::RowNotFound)?;
    store::set_hidden(conn, target, id, Some((word, Some("mots"))), None, now).await?;
    if target == Target::Comment {
        items::count_comments(conn, c.item).await?;
    }
    let row = LogRow { qpv: &c.qpv, item: c.item, target, target_id: id, act: Act::Hold, by_role: "mots", regie: None, account: None, reason: "", other_item: None, undoes: None };
    store::log(conn, &row, now).await?;
    if let Some(author) = c.author {
        store::tell(conn, author, c.item, &format!("{}|{}|{word}", Act::Hold.code(), target.code()), now).await?;
    }
    Ok(())
}

/// A signed-in person flags an item or a comment with a reason; answers its item. Flags from
/// `FLAGS_TO_HIDE` distinct accounts hide it until a moderator reviews it. One's own content is
/// not flagged (403); flagging twice, or a content already hidden, changes nothing.
pub async fn flag(db: &Database, actor: &Actor, target: &str, id: i64, reason: &str) -> Result<Outcome<i64>, Error> {
    actor.authorize(Action::Participate)?;
    let me = actor.account_id().ok_or_else(|| Error::new(Code::Forbidden))?;
    let target = target_of(target).and_then(|t| if t == Target::Photo { Err(Error::said(Code::InvalidParameter, "cible : element ou commentaire", "target: element or commentaire")) } else { Ok(t) })?;
    let Some(reason) = FlagReason::parse(reason) else { return Ok(Outcome::Refused(vec![Problem::FlagReasonUnknown])) };
    let now = now_ms();
    let mut tx = db.begin_write().await.map_err(store_error)?;
    store::lock(&mut tx, target, id).await.map_err(store_error)?;
    let c = store::content(&mut tx, target, id).await.map_err(store_error)?.filter(|c| !c.deleted).ok_or_else(not_found)?;
    if c.author == Some(me) {
        return Err(Error::said(Code::Forbidden, "son propre message", "one's own post"));
    }
    refuse_if_suspended(&mut tx, me, &c.qpv).await?;
    if c.hidden || !store::insert_flag(&mut tx, target, id, me, reason.code(), now).await.map_err(store_error)? {
        return Ok(Outcome::Done(c.item));
    }
    let reasons = store::open_flags(&mut tx, target, id).await.map_err(store_error)?;
    if reasons.len() as i64 >= FLAGS_TO_HIDE {
        // The reason most flags gave (the first given, on a tie).
        let main = reasons.iter().max_by_key(|r| (reasons.iter().filter(|x| x == r).count(), std::cmp::Reverse(reasons.iter().position(|x| x == *r)))).cloned().unwrap_or_default();
        store::set_hidden(&mut tx, target, id, Some((&main, Some("signalements"))), None, now).await.map_err(store_error)?;
        if target == Target::Comment {
            items::count_comments(&mut tx, c.item).await.map_err(store_error)?;
        }
        let row = LogRow { qpv: &c.qpv, item: c.item, target, target_id: id, act: Act::HideByFlags, by_role: "signalements", regie: None, account: None, reason: &main, other_item: None, undoes: None };
        store::log(&mut tx, &row, now).await.map_err(store_error)?;
        if let Some(author) = c.author {
            store::tell(&mut tx, author, c.item, &format!("{}|{}|{main}", Act::HideByFlags.code(), target.code()), now).await.map_err(store_error)?;
        }
        live::record(&mut tx, c.item, live::COMMENT, now).await.map_err(store_error)?;
        items::changed(&mut tx, db.backend).await.map_err(store_error)?;
        tracing::info!(target = target.code(), id, "participation content hidden by flags");
    }
    tx.commit().await.map_err(store_error)?;
    Ok(Outcome::Done(c.item))
}

/// A moderator's act on a content, from its page or the queue.
#[derive(Clone, Debug, Default)]
pub struct ActForm {
    /// `masque`, `retabli`, `garde` (kept shown, its flags reviewed), `suspendu` (the content's
    /// author) or `fusionne` (an item into `into`).
    pub act: String,
    /// `element`, `commentaire` or `photo`.
    pub target: String,
    pub id: i64,
    pub reason: String,
    pub into: Option<i64>,
}

/// Hides, restores, suspends the author of, or merges a content, with a public reason; answers
/// the item to show next.
pub async fn moderate(db: &Database, actor: &Actor, form: &ActForm) -> Result<Outcome<i64>, Error> {
    actor.authorize(Action::Participate)?;
    let act = Act::parse(&form.act).filter(|a| matches!(a, Act::Hide | Act::Restore | Act::Keep | Act::Suspend | Act::Merge));
    let act = act.ok_or_else(|| Error::said(Code::InvalidParameter, "acte : masque, retabli, garde, suspendu ou fusionne", "act: masque, retabli, garde, suspendu or fusionne"))?;
    let target = target_of(&form.target)?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let c = store::content(&mut tx, target, form.id).await.map_err(store_error)?.filter(|c| !c.deleted).ok_or_else(not_found)?;
    let role = moderator_role(&mut tx, actor, &c.qpv).await?;
    if !act.fits(target) && act != Act::Suspend {
        return Err(Error::said(Code::InvalidParameter, "cet acte ne s'applique pas à cette cible", "this act does not apply to this target"));
    }
    let Some(reason) = reason_of(&form.reason) else { return Ok(Outcome::Refused(vec![Problem::HideReasonNeeded])) };
    let done = apply(&mut tx, db, actor, &role, act, &c, &reason, form.into, None).await?;
    if let Outcome::Done(_) = done {
        tx.commit().await.map_err(store_error)?;
    }
    Ok(done)
}

/// Undoes a logged act with its inverse (itself logged, with its reason); answers the item.
/// 409 when it was undone already.
pub async fn undo(db: &Database, actor: &Actor, log_id: i64, reason: &str) -> Result<Outcome<i64>, Error> {
    actor.authorize(Action::Participate)?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let (qpv, item, target, target_id, act, by_role, regie, other, undone) = store::logged(&mut tx, log_id).await.map_err(store_error)?.ok_or_else(not_found)?;
    let role = moderator_role(&mut tx, actor, &qpv).await?;
    // What the network did, only the network undoes.
    if by_role == "reseau" {
        actor.authorize(Action::ModerateParticipation { regie: -1 })?;
    }
    if undone.is_some() {
        return Err(Error::said(Code::Conflict, "cet acte a déjà été annulé", "this act was undone already"));
    }
    let (Some(act), Some(target), Some(item)) = (Act::parse(&act), Target::parse(&target), item) else { return Err(not_found()) };
    let Some(reason) = reason_of(reason) else { return Ok(Outcome::Refused(vec![Problem::HideReasonNeeded])) };
    // An author's act is undone in the scope it was taken in (a Régie's space, or everywhere).
    let content = match target {
        Target::Author => {
            let mut c = store::content(&mut tx, Target::Item, item).await.map_err(store_error)?.ok_or_else(not_found)?;
            (c.target, c.id, c.author) = (Target::Author, target_id, Some(target_id));
            c
        }
        _ => store::content(&mut tx, target, target_id).await.map_err(store_error)?.ok_or_else(not_found)?,
    };
    let scope = if target == Target::Author { (role.0.clone(), regie) } else { role };
    let done = apply(&mut tx, db, actor, &scope, act.inverse(), &content, &reason, other, Some(log_id)).await?;
    if let Outcome::Done(_) = done {
        tx.commit().await.map_err(store_error)?;
    }
    Ok(done)
}

/// Performs one act in the transaction, logs it and tells the author.
#[allow(clippy::too_many_arguments)]
async fn apply(
    tx: &mut AnyConnection,
    db: &Database,
    actor: &Actor,
    (by, regie): &(ByRole, Option<i64>),
    act: Act,
    c: &Content,
    reason: &str,
    into: Option<i64>,
    undoes: Option<i64>,
) -> Result<Outcome<i64>, Error> {
    let now = now_ms();
    let me = actor.account_id();
    let conflict = |what: &str| Err(Error::with(Code::Conflict, what.to_owned()));
    let (mut target, mut target_id, mut show) = (c.target, c.id, c.item);
    match act {
        Act::Hide => {
            // A content awaiting review is confirmed hidden; one a moderator hid already is not hidden twice.
            if c.hidden && c.review.is_none() {
                return conflict("déjà masqué");
            }
            store::set_hidden(tx, target, c.id, Some((reason, None)), me, now).await.map_err(store_error)?;
            store::review_flags(tx, target, c.id, now).await.map_err(store_error)?;
        }
        Act::Restore => {
            if !c.hidden {
                return conflict("ce contenu n'est pas masqué");
            }
            store::set_hidden(tx, target, c.id, None, None, now).await.map_err(store_error)?;
            store::review_flags(tx, target, c.id, now).await.map_err(store_error)?;
            // Held before anyone heard of it: its followers hear of it now.
            if c.review.as_deref() == Some("mots") {
                let kind = if target == Target::Item { NewsKind::NewItem } else { NewsKind::Comment };
                let detail = match (target, c.author) {
                    (Target::Item, _) => items::qpv_name(tx, &c.qpv).await.map_err(store_error)?.unwrap_or_default(),
                    (_, Some(author)) => crate::notification::store::pseudonym(tx, author).await.map_err(store_error)?,
                    (_, None) => String::new(),
                };
                publish(tx, News { kind, item: c.item, detail: &detail, by: c.author }, now).await.map_err(store_error)?;
            }
        }
        Act::Keep => {
            if c.hidden {
                return conflict("ce contenu est masqué : rétablissez-le");
            }
            store::review_flags(tx, target, c.id, now).await.map_err(store_error)?;
        }
        Act::Suspend | Act::Lift => {
            let Some(author) = c.author else { return conflict("le compte de l'auteur a été supprimé") };
            if Some(author) == me {
                return Err(Error::with(Code::Forbidden, "soi-même"));
            }
            if !store::set_suspended(tx, author, *regie, act == Act::Suspend, now).await.map_err(store_error)? {
                return conflict(if act == Act::Suspend { "déjà suspendu" } else { "pas suspendu" });
            }
            (target, target_id) = (Target::Author, author);
        }
        Act::Merge => {
            let into_ok = match into.filter(|i| *i != c.item) {
                Some(i) => store::content(tx, Target::Item, i).await.map_err(store_error)?.filter(|b| b.qpv == c.qpv && !b.hidden),
                None => None,
            };
            let Some(into) = into_ok else { return Ok(Outcome::Refused(vec![Problem::MergeTargetInvalid])) };
            if c.hidden {
                return conflict("un élément masqué ne se fusionne pas");
            }
            store::carry_over(tx, c.item, into.item, now).await.map_err(store_error)?;
            store::set_hidden(tx, Target::Item, c.item, Some((reason, None)), me, now).await.map_err(store_error)?;
            live::record(tx, into.item, live::SUPPORT, now).await.map_err(store_error)?;
            show = into.item;
        }
        Act::Unmerge => {
            store::set_hidden(tx, Target::Item, c.item, None, None, now).await.map_err(store_error)?;
        }
        Act::HideByFlags | Act::Hold => return Err(Error::said(Code::InvalidParameter, "acte automatique", "an automatic act")),
    }
    if target == Target::Comment {
        items::count_comments(tx, c.item).await.map_err(store_error)?;
    }
    let other_item = if act == Act::Merge { Some(show) } else { into };
    let row = LogRow { qpv: &c.qpv, item: c.item, target, target_id, act, by_role: by.code(), regie: *regie, account: me, reason, other_item, undoes };
    store::log(tx, &row, now).await.map_err(store_error)?;
    // Keeping a content shown is no news to its author.
    if let Some(author) = c.author.filter(|a| Some(*a) != me && act != Act::Keep) {
        store::tell(tx, author, c.item, &format!("{}|{}|{reason}", act.code(), c.target.code()), now).await.map_err(store_error)?;
    }
    live::record(tx, c.item, live::COMMENT, now).await.map_err(store_error)?;
    items::changed(tx, db.backend).await.map_err(store_error)?;
    tracing::info!(act = act.code(), target = target.code(), id = target_id, "moderation act");
    Ok(Outcome::Done(show))
}
