//! Moderation's SQL: flags, the public log, word lists, suspensions, and the hidden state of
//! items, comments and photos. Each function runs on the caller's connection or transaction.

use atlas_core::moderation::{Act, Target};
use sqlx::AnyConnection;

/// A flaggable or moderatable content, as moderation needs it.
#[derive(Clone, Debug)]
pub struct Content {
    pub target: Target,
    pub id: i64,
    pub item: i64,
    pub qpv: String,
    pub title: String,
    pub author: Option<i64>,
    /// Hidden (by anyone, for any reason), and why: the `review` column and the reason.
    pub hidden: bool,
    pub review: Option<String>,
    /// Deleted by its author (a comment): nothing left to moderate.
    pub deleted: bool,
    pub merged_into: Option<i64>,
}

/// The content, or `None` when there is no such row. An author's target is the content it was
/// reached from: use the content's own target.
pub async fn content(conn: &mut AnyConnection, target: Target, id: i64) -> Result<Option<Content>, sqlx::Error> {
    type Row = (i64, String, String, Option<i64>, Option<i64>, Option<String>, Option<i64>, Option<i64>);
    let sql = match target {
        Target::Item | Target::Author => {
            "SELECT i.id, i.qpv_code, i.title, i.author_id, i.hidden_at, i.review, NULL, i.merged_into FROM participation_items i WHERE i.id = $1"
        }
        Target::Comment => {
            "SELECT i.id, i.qpv_code, i.title, c.author_id, c.hidden_at, c.review, c.deleted_at, NULL
             FROM participation_comments c JOIN participation_items i ON i.id = c.item_id WHERE c.id = $1"
        }
        Target::Photo => {
            "SELECT i.id, i.qpv_code, i.title, i.author_id, p.hidden_at, NULL, NULL, NULL
             FROM participation_photos p JOIN participation_items i ON i.id = p.item_id WHERE p.id = $1"
        }
    };
    let row: Option<Row> = sqlx::query_as(sql).bind(id).fetch_optional(conn).await?;
    Ok(row.map(|(item, qpv, title, author, hidden, review, deleted, merged_into)| Content {
        target,
        id,
        item,
        qpv,
        title,
        author,
        hidden: hidden.is_some(),
        review,
        deleted: deleted.is_some(),
        merged_into,
    }))
}

fn table(target: Target) -> &'static str {
    match target {
        Target::Comment => "participation_comments",
        Target::Photo => "participation_photos",
        Target::Item | Target::Author => "participation_items",
    }
}

/// Takes the content's row lock first (PostgreSQL; SQLite's writer lock already holds): two
/// flags at once then count each other, so the third always hides.
pub async fn lock(conn: &mut AnyConnection, target: Target, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE {} SET id = id WHERE id = $1", table(target)))).bind(id).execute(conn).await?;
    Ok(())
}

/// A flag; `false` when this account had flagged it already (twice is once).
pub async fn insert_flag(conn: &mut AnyConnection, target: Target, id: i64, account: i64, reason: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO moderation_flags (target, target_id, account_id, reason, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (target, target_id, account_id) DO NOTHING",
    )
    .bind(target.code())
    .bind(id)
    .bind(account)
    .bind(reason)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The reasons of the flags no review dealt with yet, one per account.
pub async fn open_flags(conn: &mut AnyConnection, target: Target, id: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT reason FROM moderation_flags WHERE target = $1 AND target_id = $2 AND reviewed_at IS NULL")
        .bind(target.code())
        .bind(id)
        .fetch_all(conn)
        .await
}

/// The open flags' reasons of several posts at once (a queue's page), by post id.
pub async fn open_flags_of(conn: &mut AnyConnection, target: Target, ids: &[i64]) -> Result<std::collections::HashMap<i64, Vec<String>>, sqlx::Error> {
    let mut by_id: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    if ids.is_empty() {
        return Ok(by_id);
    }
    // Ids are numbers from the database: formatting them in is safe, and one query replaces one per post.
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    let sql = format!("SELECT target_id, reason FROM moderation_flags WHERE target = $1 AND reviewed_at IS NULL AND target_id IN ({}) ORDER BY id", list.join(", "));
    let rows: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(target.code()).fetch_all(conn).await?;
    for (id, reason) in rows {
        by_id.entry(id).or_default().push(reason);
    }
    Ok(by_id)
}

pub async fn review_flags(conn: &mut AnyConnection, target: Target, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE moderation_flags SET reviewed_at = $3 WHERE target = $1 AND target_id = $2 AND reviewed_at IS NULL")
        .bind(target.code())
        .bind(id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Hides (`Some(reason)`, with `review` for flags or words, NULL for a moderator) or shows
/// (`None`) a content. An item shown again stands alone (no longer merged).
pub async fn set_hidden(conn: &mut AnyConnection, target: Target, id: i64, hidden: Option<(&str, Option<&str>)>, by: Option<i64>, now: i64) -> Result<(), sqlx::Error> {
    let sql = match (target, hidden.is_some()) {
        (Target::Photo, true) => "UPDATE participation_photos SET hidden_at = $2, hidden_reason = $3 WHERE id = $1",
        (Target::Photo, false) => "UPDATE participation_photos SET hidden_at = NULL, hidden_reason = NULL WHERE id = $1",
        (Target::Comment, true) => "UPDATE participation_comments SET hidden_at = $2, hidden_reason = $3, review = $4, hidden_by = $5 WHERE id = $1",
        (Target::Comment, false) => "UPDATE participation_comments SET hidden_at = NULL, hidden_reason = NULL, review = NULL, hidden_by = NULL WHERE id = $1",
        (_, true) => "UPDATE participation_items SET hidden_at = $2, hidden_reason = $3, review = $4, hidden_by = $5 WHERE id = $1",
        (_, false) => "UPDATE participation_items SET hidden_at = NULL, hidden_reason = NULL, review = NULL, hidden_by = NULL, merged_into = NULL WHERE id = $1",
    };
    let (reason, review) = hidden.unwrap_or(("", None));
    let mut query = sqlx::query(sql).bind(id);
    if hidden.is_some() {
        query = query.bind(now).bind(reason);
        if target != Target::Photo {
            query = query.bind(review).bind(by);
        }
    }
    query.execute(conn).await?;
    Ok(())
}

/// One act for the log.
pub struct LogRow<'a> {
    pub qpv: &'a str,
    pub item: i64,
    pub target: Target,
    pub target_id: i64,
    pub act: Act,
    pub by_role: &'static str,
    pub regie: Option<i64>,
    pub account: Option<i64>,
    pub reason: &'a str,
    pub other_item: Option<i64>,
    pub undoes: Option<i64>,
}

pub async fn log(conn: &mut AnyConnection, row: &LogRow<'_>, now: i64) -> Result<i64, sqlx::Error> {
    if let Some(undone) = row.undoes {
        sqlx::query("UPDATE moderation_log SET undone_at = $2 WHERE id = $1").bind(undone).bind(now).execute(&mut *conn).await?;
    }
    sqlx::query_scalar(
        "INSERT INTO moderation_log (qpv_code, item_id, target, target_id, act, by_role, regie_id, account_id, reason, other_item, undoes, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(row.qpv)
    .bind(row.item)
    .bind(row.target.code())
    .bind(row.target_id)
    .bind(row.act.code())
    .bind(row.by_role)
    .bind(row.regie)
    .bind(row.account)
    .bind(row.reason)
    .bind(row.other_item)
    .bind(row.undoes)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// A logged act, to undo it: (qpv, item, target, target id, act, by_role, Régie, other item, undone).
pub type StoredAct = (String, Option<i64>, String, i64, String, String, Option<i64>, Option<i64>, Option<i64>);

pub async fn logged(conn: &mut AnyConnection, id: i64) -> Result<Option<StoredAct>, sqlx::Error> {
    sqlx::query_as("SELECT qpv_code, item_id, target, target_id, act, by_role, regie_id, other_item, undone_at FROM moderation_log WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The words that hold a post in this QPV: the network's and those of the Régies covering it.
pub async fn words_for_qpv(conn: &mut AnyConnection, qpv: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT word FROM moderation_words WHERE regie_id IS NULL OR regie_id IN (SELECT regie_id FROM couvertures WHERE qpv_code = $1)")
        .bind(qpv)
        .fetch_all(conn)
        .await
}

/// A list's words (`None`: the network's), as (id, word), alphabetically.
pub async fn words(conn: &mut AnyConnection, regie: Option<i64>) -> Result<Vec<(i64, String)>, sqlx::Error> {
    match regie {
        Some(r) => sqlx::query_as("SELECT id, word FROM moderation_words WHERE regie_id = $1 ORDER BY word").bind(r).fetch_all(conn).await,
        None => sqlx::query_as("SELECT id, word FROM moderation_words WHERE regie_id IS NULL ORDER BY word").fetch_all(conn).await,
    }
}

pub async fn add_word(conn: &mut AnyConnection, regie: Option<i64>, word: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO moderation_words (regie_id, word, created_at) VALUES ($1, $2, $3)").bind(regie).bind(word).bind(now).execute(conn).await?;
    Ok(())
}

/// A word's list (`Some(None)`: the network's), `None` when no word has this id.
pub async fn word_list(conn: &mut AnyConnection, id: i64) -> Result<Option<Option<i64>>, sqlx::Error> {
    let row: Option<(Option<i64>,)> = sqlx::query_as("SELECT regie_id FROM moderation_words WHERE id = $1").bind(id).fetch_optional(conn).await?;
    Ok(row.map(|(r,)| r))
}

pub async fn remove_word(conn: &mut AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM moderation_words WHERE id = $1").bind(id).execute(conn).await?;
    Ok(())
}

/// Whether the account is suspended in a space covering this QPV (or everywhere).
pub async fn suspended(conn: &mut AnyConnection, account: i64, qpv: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM participation_suspensions WHERE account_id = $1 AND lifted_at IS NULL
         AND (regie_id IS NULL OR regie_id IN (SELECT regie_id FROM couvertures WHERE qpv_code = $2))",
    )
    .bind(account)
    .bind(qpv)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// Suspends (`on`) or lets back the account in one scope (`None`: everywhere); `false` when
/// nothing changed (already so).
pub async fn set_suspended(conn: &mut AnyConnection, account: i64, regie: Option<i64>, on: bool, now: i64) -> Result<bool, sqlx::Error> {
    let active: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM participation_suspensions WHERE account_id = $1 AND lifted_at IS NULL AND COALESCE(regie_id, -1) = COALESCE($2, -1)",
    )
    .bind(account)
    .bind(regie)
    .fetch_one(&mut *conn)
    .await?;
    if (active > 0) == on {
        return Ok(false);
    }
    if on {
        sqlx::query("INSERT INTO participation_suspensions (account_id, regie_id, created_at) VALUES ($1, $2, $3)").bind(account).bind(regie).bind(now).execute(conn).await?;
    } else {
        sqlx::query("UPDATE participation_suspensions SET lifted_at = $3 WHERE account_id = $1 AND lifted_at IS NULL AND COALESCE(regie_id, -1) = COALESCE($2, -1)")
            .bind(account)
            .bind(regie)
            .bind(now)
            .execute(conn)
            .await?;
    }
    Ok(true)
}

/// A duplicate's supporters and followers join the item it is merged into (once each).
pub async fn carry_over(conn: &mut AnyConnection, duplicate: i64, into: i64, now: i64) -> Result<(), sqlx::Error> {
    // Its supporters and followers, then its author, each once (the fixed table names only are formatted in).
    for table in ["participation_supports", "participation_follows"] {
        for people in [format!("SELECT d.account_id FROM {table} d WHERE d.item_id = $1"), "SELECT i.author_id AS account_id FROM participation_items i WHERE i.id = $1 AND i.author_id IS NOT NULL".to_owned()] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO {table} (item_id, account_id, created_at) SELECT $2, p.account_id, $3 FROM ({people}) p
                 WHERE NOT EXISTS (SELECT 1 FROM {table} x WHERE x.item_id = $2 AND x.account_id = p.account_id)"
            )))
            .bind(duplicate)
            .bind(into)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
    }
    sqlx::query("UPDATE participation_items SET supporters = (SELECT COUNT(*) FROM participation_supports WHERE item_id = $1) WHERE id = $1").bind(into).execute(&mut *conn).await?;
    sqlx::query("UPDATE participation_items SET merged_into = $2 WHERE id = $1").bind(duplicate).bind(into).execute(conn).await?;
    Ok(())
}

/// The author hears of the act in the Atlas (never by mail: the reason may be hard to read in
/// an inbox; the bell and the notifications page say it).
pub async fn tell(conn: &mut AnyConnection, account: i64, item: i64, detail: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO notifications (account_id, kind, item_id, detail, created_at) VALUES ($1, 'moderation', $2, $3, $4)")
        .bind(account)
        .bind(item)
        .bind(detail)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}
