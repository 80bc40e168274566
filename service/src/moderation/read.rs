//! Moderation as it is read: the public log of a QPV's space (open to all: who, as a role; what;
//! why) and the queue a moderator works from (what awaits review or was flagged in their spaces).

use atlas_core::moderation::{Act, ByRole, FlagReason, Hidden, LogEntry, QueueEntry, Target};

use crate::db::Database;
use crate::{store_error, Action, Actor, Error};

/// The log's latest acts shown on a page.
pub const LOG_MAX: i64 = 200;
const QUEUE_MAX: i64 = 100;

/// The public log of a QPV's space, newest first.
pub async fn log(db: &Database, actor: &Actor, qpv: &str) -> Result<Vec<LogEntry>, Error> {
    actor.authorize(Action::ReadPublic)?;
    type Row = (i64, String, String, String, Option<String>, String, Option<i64>, Option<String>, Option<i64>, i64, Option<i64>, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT l.id, l.act, l.target, l.by_role, r.nom, l.reason, l.item_id, i.title, i.hidden_at, l.at, l.undoes, l.undone_at
         FROM moderation_log l LEFT JOIN regies r ON r.id = l.regie_id LEFT JOIN participation_items i ON i.id = l.item_id
         WHERE l.qpv_code = $1 ORDER BY l.at DESC, l.id DESC LIMIT $2",
    )
    .bind(qpv.trim().to_uppercase())
    .bind(LOG_MAX)
    .fetch_all(&db.pool)
    .await
    .map_err(store_error)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, act, target, by, regie, reason, item_id, title, hidden, at, undoes, undone)| {
            Some(LogEntry {
                id,
                act: Act::parse(&act)?,
                target: Target::parse(&target)?,
                by: ByRole::of(&by, regie)?,
                // A held post's word is told to its author only.
                reason: if act == Act::Hold.code() { String::new() } else { reason },
                item_id,
                // A hidden item's title is not repeated here.
                item_title: title.filter(|_| hidden.is_none()),
                at,
                undoes,
                undone: undone.is_some(),
            })
        })
        .collect())
}

/// The spaces a moderator works in, as a clause on `i.qpv_code` (the actor's own ids only are
/// formatted in); 401/403 for anyone who moderates nowhere.
fn scope(actor: &Actor) -> Result<String, Error> {
    if actor.may(Action::ModerateParticipation { regie: -1 }) {
        return Ok("1 = 1".into());
    }
    let regies: Vec<String> = actor.staff_regies().into_iter().filter(|r| actor.may(Action::ModerateParticipation { regie: *r })).map(|r| r.to_string()).collect();
    if regies.is_empty() {
        actor.authorize(Action::ModerateParticipation { regie: -1 })?;
    }
    Ok(format!("i.qpv_code IN (SELECT qpv_code FROM couvertures WHERE regie_id IN ({}))", regies.join(", ")))
}

/// What awaits the actor's review: held or hidden by flags, or flagged and still shown; the
/// oldest first (it has waited longest).
pub async fn queue(db: &Database, actor: &Actor) -> Result<Vec<QueueEntry>, Error> {
    Ok(entries(db, &scope(actor)?, QUEUE_MAX).await?.1)
}

/// What awaits review in one Régie's space (the QPVs it covers), for its team's `/gestion` page
/// (its moderators and the network): how much in all, and the `first` entries that waited longest.
pub async fn queue_of(db: &Database, actor: &Actor, regie: i64, first: i64) -> Result<(usize, Vec<QueueEntry>), Error> {
    actor.authorize(Action::ModerateParticipation { regie })?;
    let (total, mut entries) = entries(db, &format!("i.qpv_code IN (SELECT qpv_code FROM couvertures WHERE regie_id = {regie})"), first).await?;
    entries.truncate(first as usize);
    Ok((total, entries))
}

/// The queue within `scope`, a clause on `i.qpv_code` made of numbers only: its size, and the
/// first `limit` entries of each kind (items, comments), merged oldest first.
async fn entries(db: &Database, scope: &str, limit: i64) -> Result<(usize, Vec<QueueEntry>), Error> {
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    type Row = (i64, i64, String, Option<String>, String, Option<i64>, Option<String>, Option<String>, i64);
    let flagged = |target: &str| format!("EXISTS (SELECT 1 FROM moderation_flags f WHERE f.target = '{target}' AND f.target_id = x.id AND f.reviewed_at IS NULL)");
    let items = format!(
        "FROM participation_items x JOIN participation_items i ON i.id = x.id LEFT JOIN qpv q ON q.code = x.qpv_code
         WHERE ({scope}) AND (x.review IS NOT NULL OR (x.hidden_at IS NULL AND {}))",
        flagged("element")
    );
    let comments = format!(
        "FROM participation_comments x JOIN participation_items i ON i.id = x.item_id LEFT JOIN qpv q ON q.code = i.qpv_code
         WHERE ({scope}) AND x.deleted_at IS NULL AND (x.review IS NOT NULL OR (x.hidden_at IS NULL AND {}))",
        flagged("commentaire")
    );
    let mut total = 0;
    let mut entries = Vec::new();
    for (target, from) in [(Target::Item, items), (Target::Comment, comments)] {
        let count: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) {from}"))).fetch_one(&mut *conn).await.map_err(store_error)?;
        total += count as usize;
        let sql = format!("SELECT x.id, i.id, i.title, q.nom, x.body, x.hidden_at, x.review, x.hidden_reason, x.created_at {from} ORDER BY x.created_at, x.id LIMIT {limit}");
        let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(&mut *conn).await.map_err(store_error)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let mut flags = super::store::open_flags_of(&mut conn, target, &ids).await.map_err(store_error)?;
        for (id, item_id, item_title, qpv_name, text, hidden, review, reason, at) in rows {
            entries.push(QueueEntry {
                target,
                id,
                item_id,
                item_title,
                qpv_name: qpv_name.unwrap_or_default(),
                text: text.chars().take(500).collect(),
                hidden: hidden.map(|_| Hidden::of(review.as_deref(), reason)),
                flags: flags.remove(&id).unwrap_or_default().iter().filter_map(|f| FlagReason::parse(f)).collect(),
                at,
            });
        }
    }
    entries.sort_by_key(|e| e.at);
    Ok((total, entries))
}

/// Whether the actor moderates this QPV's space (the log then offers to undo its acts).
pub async fn moderates(db: &Database, actor: &Actor, qpv: &str) -> Result<bool, Error> {
    actor.authorize(Action::ReadPublic)?;
    if actor.account_id().is_none() {
        return Ok(false);
    }
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    Ok(super::moderator_role(&mut conn, actor, &qpv.trim().to_uppercase()).await.is_ok())
}
