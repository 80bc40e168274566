//! Freshness reminders: a Régie whose entry nobody changed or verified for a year gets a mail to
//! its team (its éditeurs and administrateurs), at most once a quarter, and once across every
//! instance: the reminder is claimed by a row of `leases` written in the same transaction as the
//! mails, so two instances never both send it, and a crash sends nothing and claims nothing.

use std::time::Duration;

use atlas_core::locale::Locale;

use crate::account::store::now_ms;
use crate::account::{public_url, DAY_MS};
use crate::db::Database;
use crate::mail::{enqueue, texts};

/// A reminder comes back at most this often.
pub const EVERY_MS: i64 = 91 * DAY_MS;
const YEAR_MS: i64 = 365 * DAY_MS;

/// Queues the reminders due at `now`: how many Régies' teams were mailed.
pub async fn remind(db: &Database, now: i64) -> Result<usize, sqlx::Error> {
    // Régies with a team, and the date of their last change or verification (none: never).
    let due: Vec<(i64, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT r.id, r.slug, r.nom, (SELECT MAX(v.at) FROM regie_versions v WHERE v.regie_id = r.id AND v.kind <> 'origine')
         FROM regies r
         WHERE EXISTS (SELECT 1 FROM account_roles ar WHERE ar.role IN ('regie-editor', 'regie-admin') AND ar.scope = CAST(r.id AS TEXT))",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut sent = 0;
    for (regie, slug, name, last) in due {
        if last.is_some_and(|at| at > now - YEAR_MS) {
            continue;
        }
        let mut tx = db.begin_write().await?;
        // Expired claims go; this Régie's claim is taken unless a live one holds it.
        sqlx::query("DELETE FROM leases WHERE name = $1 AND expires_at < $2").bind(lease(regie)).bind(now).execute(&mut *tx).await?;
        let claimed = sqlx::query("INSERT INTO leases (name, holder, expires_at) VALUES ($1, 'rappel', $2) ON CONFLICT (name) DO NOTHING")
            .bind(lease(regie))
            .bind(now + EVERY_MS)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if claimed != 1 {
            continue;
        }
        let team: Vec<(String, String)> = sqlx::query_as(
            "SELECT a.email, a.locale FROM accounts a JOIN account_roles ar ON ar.account_id = a.id
             WHERE ar.role IN ('regie-editor', 'regie-admin') AND ar.scope = $1 AND a.suspended_at IS NULL AND a.confirmed_at IS NOT NULL",
        )
        .bind(regie.to_string())
        .fetch_all(&mut *tx)
        .await?;
        for (email, lang) in &team {
            let locale = Locale::from_lang(lang).unwrap_or_default();
            let link = format!("{}{}", public_url(), locale.path(&format!("/gestion/{slug}")));
            enqueue(&mut tx, &texts::freshness_reminder(locale, email, &name, &link), now).await?;
        }
        tx.commit().await?;
        if !team.is_empty() {
            sent += 1;
            tracing::info!(regie, mails = team.len(), "freshness reminder queued");
        }
    }
    Ok(sent)
}

fn lease(regie: i64) -> String {
    format!("rappel-fraicheur-{regie}")
}

/// The reminders' task of a server: every hour.
pub async fn run(db: Database) {
    loop {
        if let Err(e) = remind(&db, now_ms()).await {
            tracing::warn!(error = %e, "freshness reminders not sent");
        }
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
}
