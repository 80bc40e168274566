//! Participation's SQL: items, supports and follows, comments, the status history. Writes take
//! the caller's transaction; each bumps the participation revision in it.

use sqlx::AnyConnection;

use atlas_core::participation::view::RegieRef;
use atlas_core::participation::{Draft, StatusChange};

use crate::db::Backend;
use crate::revision::{bump, Concept};

pub async fn changed(conn: &mut AnyConnection, backend: Backend) -> Result<(), sqlx::Error> {
    bump(conn, backend, Concept::Participation).await
}

/// The QPV's name, `None` when no QPV has this code.
pub async fn qpv_name(conn: &mut AnyConnection, code: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT nom FROM qpv WHERE code = $1").bind(code).fetch_optional(conn).await
}

/// The Régies whose coverage (estimated, declared or confirmed) includes the QPV.
pub async fn regies_of_qpv(conn: &mut AnyConnection, code: &str) -> Result<Vec<RegieRef>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT r.id, r.slug, r.nom FROM couvertures c JOIN regies r ON r.id = c.regie_id WHERE c.qpv_code = $1 ORDER BY r.nom",
    )
    .bind(code)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(id, slug, name)| RegieRef { id, slug, name }).collect())
}

/// The addresses and languages of the staff of these Régies (to tell them of a new item).
pub async fn staff_addresses(conn: &mut AnyConnection, regies: &[i64]) -> Result<Vec<(String, String)>, sqlx::Error> {
    let mut out = Vec::new();
    for regie in regies {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT DISTINCT a.email, a.locale FROM account_roles r JOIN accounts a ON a.id = r.account_id
             WHERE r.role IN ('regie-editor', 'regie-admin') AND r.scope = $1 AND a.suspended_at IS NULL AND a.confirmed_at IS NOT NULL",
        )
        .bind(regie.to_string())
        .fetch_all(&mut *conn)
        .await?;
        out.extend(rows.into_iter().filter(|r| !out.contains(r)).collect::<Vec<_>>());
    }
    Ok(out)
}

/// Items this account posted since `since` (the flood limit).
pub async fn posted_since(conn: &mut AnyConnection, author: i64, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM participation_items WHERE author_id = $1 AND created_at >= $2")
        .bind(author)
        .bind(since)
        .fetch_one(conn)
        .await
}

/// Comments this account wrote since `since` (the flood limit).
pub async fn commented_since(conn: &mut AnyConnection, author: i64, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM participation_comments WHERE author_id = $1 AND created_at >= $2")
        .bind(author)
        .bind(since)
        .fetch_one(conn)
        .await
}

/// An item filed by a Régie's staff for an inhabitant.
pub struct Filed {
    pub regie: i64,
    pub account: i64,
    pub claim_hash: String,
}

/// A new item; its author (or, filed for an inhabitant, the staff member) follows it.
pub async fn insert_item(conn: &mut AnyConnection, qpv: &str, draft: &Draft, author: i64, filed: Option<&Filed>, now: i64) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO participation_items (qpv_code, kind, category, title, title_key, body, lat, lon, author_id, status, status_at, created_at,
             filed_by_regie, filed_by_account, consent_at, claim_hash)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $15 = 1 THEN $7 END, CASE WHEN $15 = 1 THEN $8 END, $9, 'nouveau', $10, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(qpv)
    .bind(draft.kind.code())
    .bind(draft.category.code())
    .bind(&draft.title)
    .bind(atlas_core::text::fold(&draft.title))
    .bind(&draft.body)
    // Always a number, NULL chosen in SQL: on PostgreSQL a statement first prepared with a NULL
    // point refused a number there later ("incorrect binary data format in bind parameter 7").
    .bind(draft.point.map_or(0.0, |p| p.0))
    .bind(draft.point.map_or(0.0, |p| p.1))
    .bind(if filed.is_some() { None } else { Some(author) })
    .bind(now)
    .bind(filed.map(|f| f.regie))
    .bind(filed.map(|f| f.account))
    .bind(filed.map(|_| now))
    .bind(filed.map(|f| f.claim_hash.clone()))
    .bind(i64::from(draft.point.is_some()))
    .fetch_one(&mut *conn)
    .await?;
    follow(conn, id, author, now).await?;
    Ok(id)
}

pub async fn follow(conn: &mut AnyConnection, item: i64, account: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO participation_follows (item_id, account_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(item)
        .bind(account)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Item state a write needs: (QPV code, status, status_at, author, hidden).
pub async fn item_state(conn: &mut AnyConnection, id: i64) -> Result<Option<(String, String, i64, Option<i64>, bool)>, sqlx::Error> {
    let row: Option<(String, String, i64, Option<i64>, Option<i64>)> =
        sqlx::query_as("SELECT qpv_code, status, status_at, author_id, hidden_at FROM participation_items WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(q, s, at, author, hidden)| (q, s, at, author, hidden.is_some())))
}

/// Adds (or withdraws) one person's support; the count follows in the same statement's
/// transaction. Supporting also follows; withdrawing keeps the follow only for the author.
/// Answers whether anything changed.
pub async fn set_support(conn: &mut AnyConnection, item: i64, account: i64, on: bool, now: i64) -> Result<bool, sqlx::Error> {
    let changed = if on {
        sqlx::query("INSERT INTO participation_supports (item_id, account_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(item)
            .bind(account)
            .bind(now)
            .execute(&mut *conn)
            .await?
            .rows_affected()
    } else {
        sqlx::query("DELETE FROM participation_supports WHERE item_id = $1 AND account_id = $2")
            .bind(item)
            .bind(account)
            .execute(&mut *conn)
            .await?
            .rows_affected()
    };
    if changed == 0 {
        return Ok(false);
    }
    sqlx::query("UPDATE participation_items SET supporters = (SELECT COUNT(*) FROM participation_supports WHERE item_id = $1) WHERE id = $1")
        .bind(item)
        .execute(&mut *conn)
        .await?;
    if on {
        follow(conn, item, account, now).await?;
    } else {
        sqlx::query(
            "DELETE FROM participation_follows WHERE item_id = $1 AND account_id = $2
             AND account_id NOT IN (SELECT author_id FROM participation_items WHERE id = $1 AND author_id IS NOT NULL)",
        )
        .bind(item)
        .bind(account)
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}

pub async fn supports(conn: &mut AnyConnection, item: i64, account: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM participation_supports WHERE item_id = $1 AND account_id = $2")
        .bind(item)
        .bind(account)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

pub struct NewComment<'a> {
    pub item: i64,
    pub parent: Option<i64>,
    pub author: i64,
    pub regie: Option<i64>,
    pub body: &'a str,
}

pub async fn insert_comment(conn: &mut AnyConnection, c: &NewComment<'_>, now: i64) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO participation_comments (item_id, parent_id, author_id, regie_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(c.item)
    .bind(c.parent)
    .bind(c.author)
    .bind(c.regie)
    .bind(c.body)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    count_comments(conn, c.item).await?;
    Ok(id)
}

pub async fn count_comments(conn: &mut AnyConnection, item: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE participation_items SET comments = (SELECT COUNT(*) FROM participation_comments
         WHERE item_id = $1 AND deleted_at IS NULL AND hidden_at IS NULL) WHERE id = $1",
    )
    .bind(item)
    .execute(conn)
    .await?;
    Ok(())
}

/// A comment's (item, parent, author, created_at, gone: deleted or hidden).
pub async fn comment_state(conn: &mut AnyConnection, id: i64) -> Result<Option<(i64, Option<i64>, Option<i64>, i64, bool)>, sqlx::Error> {
    let row: Option<(i64, Option<i64>, Option<i64>, i64, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT item_id, parent_id, author_id, created_at, deleted_at, hidden_at FROM participation_comments WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(item, parent, author, at, deleted, hidden)| (item, parent, author, at, deleted.is_some() || hidden.is_some())))
}

pub async fn edit_comment(conn: &mut AnyConnection, id: i64, body: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE participation_comments SET body = $2, edited_at = $3 WHERE id = $1").bind(id).bind(body).bind(now).execute(conn).await?;
    Ok(())
}

/// The author's deletion: the text goes (RGPD), the place stays for the replies.
pub async fn delete_comment(conn: &mut AnyConnection, id: i64, item: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE participation_comments SET body = '', deleted_at = $2 WHERE id = $1").bind(id).bind(now).execute(&mut *conn).await?;
    count_comments(conn, item).await
}

/// Records a status (by a Régie, or `None` when a supporter reopens) and its history line.
pub async fn set_status(conn: &mut AnyConnection, item: i64, change: &StatusChange, regie: Option<i64>, by: i64, now: i64) -> Result<(), sqlx::Error> {
    set_status_by(conn, item, change, regie, Some(by), now).await
}

/// `set_status`, `by` nobody's account for demonstration items.
pub async fn set_status_by(conn: &mut AnyConnection, item: i64, change: &StatusChange, regie: Option<i64>, by: Option<i64>, now: i64) -> Result<(), sqlx::Error> {
    let answers = change.status.is_answer();
    sqlx::query(
        "UPDATE participation_items SET status = $2, status_at = $3,
         first_answer_at = CASE WHEN first_answer_at IS NULL AND $4 = 1 THEN $3 ELSE first_answer_at END WHERE id = $1",
    )
    .bind(item)
    .bind(change.status.code())
    .bind(now)
    .bind(i64::from(answers))
    .execute(&mut *conn)
    .await?;
    sqlx::query("INSERT INTO participation_history (item_id, status, regie_id, account_id, message, partner, at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(item)
        .bind(change.status.code())
        .bind(regie)
        .bind(by)
        .bind(&change.message)
        .bind(change.partner.as_deref())
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn insert_photos(conn: &mut AnyConnection, item: i64, photos: &[super::photo::Photo], now: i64) -> Result<(), sqlx::Error> {
    for (position, p) in photos.iter().enumerate() {
        sqlx::query("INSERT INTO participation_photos (item_id, position, width, height, image, thumb, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(item)
            .bind(position as i64)
            .bind(i64::from(p.width))
            .bind(i64::from(p.height))
            .bind(p.image.clone())
            .bind(p.thumb.clone())
            .bind(now)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The unclaimed, visible item filed with this claim code's hash.
pub async fn by_claim(conn: &mut AnyConnection, hash: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM participation_items WHERE claim_hash = $1 AND author_id IS NULL AND hidden_at IS NULL")
        .bind(hash)
        .fetch_optional(conn)
        .await
}

/// The item becomes the claimant's; the code serves no more.
pub async fn claim(conn: &mut AnyConnection, item: i64, account: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE participation_items SET author_id = $2, claim_hash = NULL WHERE id = $1 AND author_id IS NULL AND claim_hash IS NOT NULL")
        .bind(item)
        .bind(account)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn withdraw_filed(conn: &mut AnyConnection, item: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE participation_items SET hidden_at = $2, hidden_reason = 'Retiré à la demande de la personne pour qui il avait été déposé.', claim_hash = NULL WHERE id = $1",
    )
    .bind(item)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn templates(conn: &mut AnyConnection, regie: i64) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, title, body FROM participation_templates WHERE regie_id = $1 ORDER BY title, id").bind(regie).fetch_all(conn).await
}

pub async fn insert_template(conn: &mut AnyConnection, regie: i64, title: &str, body: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO participation_templates (regie_id, title, body, created_at) VALUES ($1, $2, $3, $4)")
        .bind(regie)
        .bind(title)
        .bind(body)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// A demonstration item, nobody's (`demo = 1`).
pub async fn insert_demo_item(conn: &mut AnyConnection, qpv: &str, draft: &Draft, at: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO participation_items (qpv_code, kind, category, title, title_key, body, status, status_at, created_at, demo)
         VALUES ($1, $2, $3, $4, $5, $6, 'nouveau', $7, $7, 1) RETURNING id",
    )
    .bind(qpv)
    .bind(draft.kind.code())
    .bind(draft.category.code())
    .bind(&draft.title)
    .bind(atlas_core::text::fold(&draft.title))
    .bind(&draft.body)
    .bind(at)
    .fetch_one(conn)
    .await
}
