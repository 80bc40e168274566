//! The notification tables' SQL: follows of QPVs and Régies, notifications, mail settings, the
//! unsubscribe links' hashes.

use atlas_core::notification::{FollowKind, MailMode, NewsKind};
use sqlx::AnyConnection;

/// Follows (`on`) or stops following; answers whether anything changed.
pub async fn set_follow(conn: &mut AnyConnection, account: i64, kind: FollowKind, target: &str, on: bool, now: i64) -> Result<bool, sqlx::Error> {
    let done = if on {
        sqlx::query("INSERT INTO follows (account_id, target_kind, target, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
            .bind(account)
            .bind(kind.code())
            .bind(target)
            .bind(now)
            .execute(conn)
            .await?
    } else {
        sqlx::query("DELETE FROM follows WHERE account_id = $1 AND target_kind = $2 AND target = $3").bind(account).bind(kind.code()).bind(target).execute(conn).await?
    };
    Ok(done.rows_affected() > 0)
}

/// What the person follows: (kind, target, its name), QPVs then Régies, by name.
pub async fn follows_of(conn: &mut AnyConnection, account: i64) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT f.target_kind, f.target, COALESCE(q.nom, r.nom, f.target) AS name FROM follows f
         LEFT JOIN qpv q ON f.target_kind = 'qpv' AND q.code = f.target
         LEFT JOIN regies r ON f.target_kind = 'regie' AND r.slug = f.target
         WHERE f.account_id = $1 ORDER BY f.target_kind, name",
    )
    .bind(account)
    .fetch_all(conn)
    .await
}

pub async fn unread(conn: &mut AnyConnection, account: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE account_id = $1 AND read_at IS NULL").bind(account).fetch_one(conn).await
}

/// The latest notifications: (id, kind, item, detail, title, created_at, read_at).
pub type NotificationRow = (i64, String, i64, String, String, i64, Option<i64>);

pub async fn latest(conn: &mut AnyConnection, account: i64, limit: i64) -> Result<Vec<NotificationRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT n.id, n.kind, n.item_id, n.detail, i.title, n.created_at, n.read_at FROM notifications n
         JOIN participation_items i ON i.id = n.item_id WHERE n.account_id = $1 ORDER BY n.id DESC LIMIT $2",
    )
    .bind(account)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// Marks read every notification of the person (`None`) or those of one item.
pub async fn mark_read(conn: &mut AnyConnection, account: i64, item: Option<i64>, now: i64) -> Result<u64, sqlx::Error> {
    let done = match item {
        None => sqlx::query("UPDATE notifications SET read_at = $2 WHERE account_id = $1 AND read_at IS NULL").bind(account).bind(now).execute(conn).await?,
        Some(item) => {
            sqlx::query("UPDATE notifications SET read_at = $2 WHERE account_id = $1 AND item_id = $3 AND read_at IS NULL")
                .bind(account)
                .bind(now)
                .bind(item)
                .execute(conn)
                .await?
        }
    };
    Ok(done.rows_affected())
}

/// The person's mail choice for each kind (the default where none was made).
pub async fn settings(conn: &mut AnyConnection, account: i64) -> Result<Vec<(NewsKind, MailMode)>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT kind, mail FROM notification_settings WHERE account_id = $1").bind(account).fetch_all(conn).await?;
    Ok(NewsKind::ALL
        .into_iter()
        .map(|k| {
            let chosen = rows.iter().find(|(kind, _)| kind == k.code()).and_then(|(_, mail)| MailMode::parse(mail));
            (k, chosen.unwrap_or(k.default_mail()))
        })
        .collect())
}

pub async fn set_setting(conn: &mut AnyConnection, account: i64, kind: NewsKind, mail: MailMode) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notification_settings (account_id, kind, mail) VALUES ($1, $2, $3)
         ON CONFLICT (account_id, kind) DO UPDATE SET mail = excluded.mail",
    )
    .bind(account)
    .bind(kind.code())
    .bind(mail.code())
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_unsubscribe(conn: &mut AnyConnection, hash: &str, account: i64, kind: NewsKind, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO unsubscribe_tokens (token_hash, account_id, kind, created_at) VALUES ($1, $2, $3, $4)")
        .bind(hash)
        .bind(account)
        .bind(kind.code())
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// The account and kind of an unsubscribe link (it may serve again: unsubscribing twice is once).
pub async fn unsubscribe_target(conn: &mut AnyConnection, hash: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT account_id, kind FROM unsubscribe_tokens WHERE token_hash = $1").bind(hash).fetch_optional(conn).await
}

pub async fn spend_unsubscribe(conn: &mut AnyConnection, hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE unsubscribe_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL").bind(hash).bind(now).execute(conn).await?;
    Ok(())
}

/// A person's public pseudonym (a comment's news names its author).
pub async fn pseudonym(conn: &mut AnyConnection, account: i64) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT pseudonym FROM accounts WHERE id = $1").bind(account).fetch_one(conn).await
}
