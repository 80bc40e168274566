//! The outbox's sender: delivers due mails over SMTP (lettre), at least once, the same
//! Message-ID on every attempt, with a growing wait between failed attempts. Several instances
//! may run it on one database: a row is claimed by a conditional UPDATE before it is sent, so
//! two instances never send the same row at the same time.

use std::time::Duration;

use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::account::store::now_ms;
use crate::db::Database;

/// A claim lasts longer than one delivery can (the send is cut at `SEND_TIMEOUT`).
const CLAIM_MS: i64 = 120_000;
/// lettre's own timeout covers only the connection (lettre#1027): the whole send is bounded here.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);
/// After 12 failed attempts (about 2 days with the waits below) a mail is given up and logged.
pub const MAX_ATTEMPTS: i32 = 12;

/// Wait before the next attempt: 1 min, 2, 4 … capped at 6 h.
pub fn backoff_ms(attempts: i32) -> i64 {
    let minutes = 1i64 << attempts.clamp(0, 9);
    (minutes * 60_000).min(6 * 3_600_000)
}

/// Where and as whom mail is sent.
#[derive(Clone)]
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Smtp {
    /// `smtp://host:port` (a local relay, no TLS) or `smtps://user:password@host` (a provider).
    pub fn new(url: &str, from: &str) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| format!("ATLAS_SMTP_URL : {e}"))?.build();
        let from = from.parse().map_err(|e| format!("ATLAS_MAIL_FROM « {from} » : {e}"))?;
        Ok(Self { transport, from })
    }

    /// From the environment: `None` when `ATLAS_SMTP_URL` is not set (mails wait in the outbox).
    pub fn from_env() -> Result<Option<Self>, String> {
        let Ok(url) = std::env::var("ATLAS_SMTP_URL") else { return Ok(None) };
        let from = std::env::var("ATLAS_MAIL_FROM").unwrap_or_else(|_| "Atlas des Régies <ne-pas-repondre@atlas-des-regies.invalid>".into());
        Self::new(&url, &from).map(Some)
    }
}

#[derive(sqlx::FromRow)]
struct Due {
    recipient: String,
    subject: String,
    body_text: String,
    body_html: String,
    message_id: String,
    attempts: i32,
    list_unsubscribe: Option<String>,
}

/// `List-Unsubscribe` (RFC 2369) and `List-Unsubscribe-Post` (RFC 8058): a mail client's
/// « se désabonner » button POSTs to the address, which a scanner following links (GET) cannot do.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

/// Claims and sends the mails that are due; returns how many were delivered.
pub async fn deliver_due(db: &Database, smtp: &Smtp) -> Result<usize, sqlx::Error> {
    let now = now_ms();
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM outbox WHERE sent_at IS NULL AND attempts < $1 AND next_attempt_at <= $2
         AND (claimed_until IS NULL OR claimed_until < $2) ORDER BY id LIMIT 20",
    )
    .bind(MAX_ATTEMPTS)
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    let mut delivered = 0;
    for id in due {
        let now = now_ms();
        let claimed = sqlx::query(
            "UPDATE outbox SET claimed_until = $2 WHERE id = $1 AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < $3)",
        )
        .bind(id)
        .bind(now + CLAIM_MS)
        .bind(now)
        .execute(&db.pool)
        .await?
        .rows_affected();
        if claimed == 0 {
            continue; // another instance has it
        }
        let row: Due = sqlx::query_as("SELECT recipient, subject, body_text, body_html, message_id, attempts, list_unsubscribe FROM outbox WHERE id = $1")
            .bind(id)
            .fetch_one(&db.pool)
            .await?;
        match send(smtp, &row).await {
            Ok(()) => {
                sqlx::query("UPDATE outbox SET sent_at = $2, claimed_until = NULL, attempts = attempts + 1 WHERE id = $1")
                    .bind(id)
                    .bind(now_ms())
                    .execute(&db.pool)
                    .await?;
                delivered += 1;
            }
            Err(error) => {
                let attempts = row.attempts + 1;
                if attempts >= MAX_ATTEMPTS {
                    tracing::error!(id, attempts, %error, "mail given up");
                } else {
                    tracing::warn!(id, attempts, %error, "mail not delivered, will retry");
                }
                sqlx::query("UPDATE outbox SET attempts = $2, next_attempt_at = $3, last_error = $4, claimed_until = NULL WHERE id = $1")
                    .bind(id)
                    .bind(attempts)
                    .bind(now_ms() + backoff_ms(attempts))
                    .bind(error.chars().take(500).collect::<String>())
                    .execute(&db.pool)
                    .await?;
            }
        }
    }
    Ok(delivered)
}

async fn send(smtp: &Smtp, row: &Due) -> Result<(), String> {
    let to: Mailbox = row.recipient.parse().map_err(|e| format!("destinataire : {e}"))?;
    let mut builder = Message::builder();
    if let Some(url) = &row.list_unsubscribe {
        builder = builder.header(ListUnsubscribe(url.clone())).header(ListUnsubscribePost);
    }
    let message = builder
        .from(smtp.from.clone())
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(row.message_id.clone()))
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(row.body_text.clone()))
                .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(row.body_html.clone())),
        )
        .map_err(|e| format!("message : {e}"))?;
    match tokio::time::timeout(SEND_TIMEOUT, smtp.transport.send(message)).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("délai dépassé".into()),
    }
}

/// The sender task of a server: every 2 s, the due mails.
pub async fn run(db: Database, smtp: Smtp) {
    loop {
        if let Err(e) = deliver_due(&db, &smtp).await {
            tracing::warn!(error = %e, "outbox unreadable");
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}
