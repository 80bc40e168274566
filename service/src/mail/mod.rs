//! Mail: written to the outbox in the transaction of the action that causes it, delivered later
//! by a sender task (at least once, the same Message-ID on every attempt). Texts per language.

pub mod sender;
pub mod texts;

use sqlx::AnyConnection;

use crate::db::Database;

/// One mail, text and HTML.
#[derive(Clone, Debug, PartialEq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Adds the mail to the outbox, in the caller's transaction.
pub async fn enqueue(conn: &mut AnyConnection, mail: &Mail, now: i64) -> Result<(), sqlx::Error> {
    enqueue_unsubscribable(conn, mail, now, None).await
}

/// `enqueue`, for news a person may stop with one click: `list_unsubscribe` (an https or http
/// address taking RFC 8058's POST) goes into the mail's `List-Unsubscribe` headers.
pub async fn enqueue_unsubscribable(conn: &mut AnyConnection, mail: &Mail, now: i64, list_unsubscribe: Option<&str>) -> Result<(), sqlx::Error> {
    let random = crate::account::token::random::<18>().map_err(|e| sqlx::Error::Protocol(e.message(atlas_core::locale::Locale::Fr)))?;
    let message_id = format!("<{random}@atlas-des-regies>");
    sqlx::query(
        "INSERT INTO outbox (recipient, subject, body_text, body_html, message_id, created_at, next_attempt_at, list_unsubscribe)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7)",
    )
    .bind(&mail.to)
    .bind(&mail.subject)
    .bind(&mail.text)
    .bind(&mail.html)
    .bind(&message_id)
    .bind(now)
    .bind(list_unsubscribe)
    .execute(conn)
    .await?;
    Ok(())
}

/// A mail of the outbox, as `/dev/courriels` and the tests read it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Queued {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub message_id: String,
    pub created_at: i64,
    pub attempts: i32,
    pub sent_at: Option<i64>,
}

/// The latest mails (sent or not), newest first.
pub async fn latest(db: &Database, limit: i64) -> Result<Vec<Queued>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, recipient, subject, body_text, message_id, created_at, attempts, sent_at FROM outbox ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// Sent mails older than `before` leave the outbox (they hold addresses).
pub async fn forget_sent_before(db: &Database, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1").bind(before).execute(&db.pool).await?.rows_affected())
}

/// The development mailbox (`/dev/courriels`): the latest mails with their links, only where
/// `ATLAS_DEV_MAIL=1` (`make run` sets it); `None` elsewhere, where the page does not exist.
pub async fn dev_mailbox(db: &Database) -> Result<Option<Vec<Queued>>, crate::Error> {
    if !dev_mail_enabled() {
        return Ok(None);
    }
    latest(db, 20).await.map(Some).map_err(crate::store_error)
}

pub fn dev_mail_enabled() -> bool {
    std::env::var("ATLAS_DEV_MAIL").is_ok_and(|v| v == "1")
}
