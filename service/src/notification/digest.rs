//! The daily digest: once a day, across every instance, the news waiting for the people who chose
//! « un courriel par jour » go out as one mail each. The day is claimed in the database (a lease
//! that nobody takes again, not even its holder), so two instances never both send it; if the
//! holder dies mid-way its transaction rolls back and the news wait for the next day's digest.

use std::collections::BTreeMap;
use std::time::Duration;

use atlas_core::locale::Locale;
use atlas_core::notification::{digest_day, sentence, NewsKind};

use super::{mail, ALL_KINDS};
use crate::account::{public_url, store::now_ms, token};
use crate::db::Database;
use crate::mail::enqueue_unsubscribable;

/// Claims the day's digest then sends it: `None` when it is not yet the hour, or another instance
/// (or this one, earlier) has claimed the day; else how many mails were queued.
pub async fn send_daily(db: &Database, holder: &str, now: i64, hour: u32) -> Result<Option<usize>, sqlx::Error> {
    let Some(day) = digest_day(now, hour) else { return Ok(None) };
    if !crate::lease::claim_once(db, &format!("digest-{day}"), holder, Duration::from_secs(3 * 86_400)).await? {
        return Ok(None);
    }
    send_waiting(db, now).await.map(Some)
}

type Waiting = (i64, String, String, i64, String, String, String);

/// Every notification waiting for a digest, one mail per person, in one transaction.
pub async fn send_waiting(db: &Database, now: i64) -> Result<usize, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let rows: Vec<Waiting> = sqlx::query_as(
        "SELECT a.id, a.email, a.locale, n.item_id, n.kind, n.detail, i.title FROM notifications n
         JOIN accounts a ON a.id = n.account_id JOIN participation_items i ON i.id = n.item_id
         WHERE n.digest_due = 1 AND a.suspended_at IS NULL ORDER BY a.id, n.id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut by_person: BTreeMap<i64, (String, Locale, Vec<(String, String)>)> = BTreeMap::new();
    for (account, email, lang, item, kind, detail, title) in rows {
        let locale = Locale::from_lang(&lang).unwrap_or_default();
        let entry = by_person.entry(account).or_insert_with(|| (email, locale, Vec::new()));
        let Some(kind) = NewsKind::parse(&kind) else { continue };
        let link = format!("{}{}", public_url(), locale.path(&format!("/participation/{item}")));
        entry.2.push((sentence(kind, &detail, &title, locale), link));
    }
    for (account, (email, locale, lines)) in &by_person {
        let (link_token, hash) = token::new().map_err(|e| sqlx::Error::Protocol(e.message(Locale::Fr)))?;
        // The digest's link stops every mail of the Atlas's news (it gathers every kind).
        sqlx::query("INSERT INTO unsubscribe_tokens (token_hash, account_id, kind, created_at) VALUES ($1, $2, $3, $4)")
            .bind(&hash)
            .bind(account)
            .bind(ALL_KINDS)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let links = mail::Links::new(*locale, &link_token, 0);
        let message = mail::digest(*locale, email, lines, &links);
        enqueue_unsubscribable(&mut tx, &message, now, Some(&links.one_click)).await?;
    }
    sqlx::query("UPDATE notifications SET digest_due = 0 WHERE digest_due = 1").execute(&mut *tx).await?;
    tx.commit().await?;
    if !by_person.is_empty() {
        tracing::info!(mails = by_person.len(), "daily digest queued");
    }
    Ok(by_person.len())
}

/// The digest task of a server: every 5 minutes, the day's digest if it is due and unclaimed.
/// `ATLAS_DIGEST_HOUR_UTC` (default 6, 7 or 8 o'clock in Paris) is the hour it goes out.
pub async fn run(db: Database) {
    let hour = std::env::var("ATLAS_DIGEST_HOUR_UTC").ok().and_then(|h| h.parse().ok()).filter(|h: &u32| *h < 24).unwrap_or(6);
    let holder = crate::lease::holder_id();
    loop {
        if let Err(e) = send_daily(&db, &holder, now_ms(), hour).await {
            tracing::warn!(error = %e, "daily digest not sent");
        }
        tokio::time::sleep(Duration::from_secs(300)).await;
    }
}
