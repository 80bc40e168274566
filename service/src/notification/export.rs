//! A person's follows, notifications and mail choices in their data export (RGPD art. 15, 20).
//! The unsubscribe links' hashes are not copied (they would stop the person's mails).

use serde_json::{json, Map, Value};
use sqlx::AnyConnection;

pub async fn of(conn: &mut AnyConnection, account: i64) -> Result<Map<String, Value>, sqlx::Error> {
    let mut out = Map::new();
    let follows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT target_kind, target, created_at FROM follows WHERE account_id = $1 ORDER BY created_at").bind(account).fetch_all(&mut *conn).await?;
    out.insert("follows".into(), follows.iter().map(|(k, t, c)| json!({ "target_kind": k, "target": t, "created_at": c })).collect());
    let notifications: Vec<(i64, String, i64, String, i64, Option<i64>, i32)> = sqlx::query_as(
        "SELECT id, kind, item_id, detail, created_at, read_at, digest_due FROM notifications WHERE account_id = $1 ORDER BY id",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await?;
    out.insert(
        "notifications".into(),
        notifications
            .iter()
            .map(|(id, kind, item, detail, created, read, due)| {
                json!({ "id": id, "kind": kind, "item_id": item, "detail": detail, "created_at": created, "read_at": read, "digest_due": due })
            })
            .collect(),
    );
    let settings: Vec<(String, String)> = sqlx::query_as("SELECT kind, mail FROM notification_settings WHERE account_id = $1 ORDER BY kind").bind(account).fetch_all(&mut *conn).await?;
    out.insert("notification_settings".into(), settings.iter().map(|(k, m)| json!({ "kind": k, "mail": m })).collect());
    let links: Vec<(String, i64, Option<i64>)> =
        sqlx::query_as("SELECT kind, created_at, used_at FROM unsubscribe_tokens WHERE account_id = $1 ORDER BY created_at").bind(account).fetch_all(&mut *conn).await?;
    out.insert("unsubscribe_tokens".into(), links.iter().map(|(k, c, u)| json!({ "kind": k, "created_at": c, "used_at": u })).collect());
    Ok(out)
}
