//! News of an item reaches its audience in the transaction of the change: one notification per
//! person (one statement, whatever the number of followers), and a mail now for those who chose
//! « à chaque fois », each with its own unsubscribe link. The digest takes the others later.

use atlas_core::locale::Locale;
use atlas_core::notification::{sentence, NewsKind};
use sqlx::AnyConnection;

use super::{mail, store};
use crate::account::{public_url, token};
use crate::mail::enqueue_unsubscribable;

/// What happened, to whom it is told.
#[derive(Clone, Copy, Debug)]
pub struct News<'a> {
    pub kind: NewsKind,
    pub item: i64,
    /// The status code, the commenter's pseudonym, or (new item) the QPV's name.
    pub detail: &'a str,
    /// The person who acted: not told of their own act.
    pub by: Option<i64>,
}

/// Who hears of an item's status changes and comments: the people who follow it (its author,
/// its supporters, its commenters).
const ITEM_FOLLOWERS: &str = "SELECT account_id FROM participation_follows WHERE item_id = $1";
/// Who hears of a new item: the people following its QPV, or a Régie covering that QPV.
const PLACE_FOLLOWERS: &str = "SELECT f.account_id FROM follows f
    WHERE f.target_kind = 'qpv' AND f.target = (SELECT qpv_code FROM participation_items WHERE id = $1)
    UNION SELECT f.account_id FROM follows f JOIN regies r ON f.target_kind = 'regie' AND r.slug = f.target
    JOIN couvertures c ON c.regie_id = r.id WHERE c.qpv_code = (SELECT qpv_code FROM participation_items WHERE id = $1)";

fn audience(kind: NewsKind) -> &'static str {
    match kind {
        NewsKind::Status | NewsKind::Comment => ITEM_FOLLOWERS,
        NewsKind::NewItem => PLACE_FOLLOWERS,
        // Moderation tells one person, the content's author (`moderation::store::tell`).
        NewsKind::Moderation => "SELECT author_id FROM participation_items WHERE id = $1",
    }
}

/// Records the news for its audience and queues the immediate mails; answers how many people
/// were told. Runs inside the caller's transaction: the news exists if and only if the change does.
pub async fn publish(conn: &mut AnyConnection, news: News<'_>, now: i64) -> Result<usize, sqlx::Error> {
    let who = format!(
        "FROM accounts a LEFT JOIN notification_settings s ON s.account_id = a.id AND s.kind = $2
         WHERE a.id IN ({}) AND a.id <> $3 AND a.confirmed_at IS NOT NULL AND a.suspended_at IS NULL",
        audience(news.kind)
    );
    let default = news.kind.default_mail().code();
    let by = news.by.unwrap_or(-1);
    let told = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO notifications (account_id, kind, item_id, detail, created_at, digest_due)
         SELECT a.id, $2, $1, $4, $5, CASE WHEN COALESCE(s.mail, $6) = 'quotidien' THEN 1 ELSE 0 END {who}"
    )))
    .bind(news.item)
    .bind(news.kind.code())
    .bind(by)
    .bind(news.detail)
    .bind(now)
    .bind(default)
    .execute(&mut *conn)
    .await?
    .rows_affected() as usize;
    if told == 0 {
        return Ok(0);
    }
    let now_mailed: Vec<(i64, String, String)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT a.id, a.email, a.locale {who} AND COALESCE(s.mail, $4) = 'immediat'")))
            .bind(news.item)
            .bind(news.kind.code())
            .bind(by)
            .bind(default)
            .fetch_all(&mut *conn)
            .await?;
    if now_mailed.is_empty() {
        return Ok(told);
    }
    let title: String = sqlx::query_scalar("SELECT title FROM participation_items WHERE id = $1").bind(news.item).fetch_one(&mut *conn).await?;
    for (account, email, lang) in now_mailed {
        let locale = Locale::from_lang(&lang).unwrap_or_default();
        let (link_token, hash) = token::new().map_err(|e| sqlx::Error::Protocol(e.message(Locale::Fr)))?;
        store::insert_unsubscribe(conn, &hash, account, news.kind, now).await?;
        let links = mail::Links::new(locale, &link_token, news.item);
        let said = sentence(news.kind, news.detail, &title, locale);
        let message = mail::news(locale, &email, &title, &said, &links);
        enqueue_unsubscribable(conn, &message, now, Some(&links.one_click)).await?;
    }
    Ok(told)
}

/// The address of the one-click unsubscribe (RFC 8058's POST), for a token.
pub fn one_click_url(link_token: &str) -> String {
    format!("{}/api/desabonnement?jeton={link_token}", public_url())
}
