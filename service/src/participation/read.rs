//! Participation as it is read: lists with their filters and sorts, an item with its history
//! and comments, the similar open items, and a Régie's answer clock. Hidden items stay out of
//! lists; their page shows the reason in their place.

use sqlx::AnyConnection;

use atlas_core::participation::clock::{AnswerClock, PERIOD_MS};
use atlas_core::participation::view::{CommentView, Filter, HistoryEntry, ItemSummary, ListPage, PhotoRef, Sort};
use atlas_core::participation::{Category, Kind, Status, PAGE_SIZE};

type SummaryRow = (i64, String, String, String, String, String, Option<String>, i64, i64, i64, i64, Option<f64>, Option<f64>);

const SUMMARY_COLUMNS: &str =
    "i.id, i.kind, i.category, i.status, i.title, i.qpv_code, q.nom, i.created_at, i.supporters, i.comments, i.demo, i.lat, i.lon";

fn summary(row: SummaryRow) -> Option<ItemSummary> {
    let (id, kind, category, status, title, qpv_code, qpv_name, created_at, supporters, comments, demo, lat, lon) = row;
    Some(ItemSummary {
        id,
        kind: Kind::parse(&kind)?,
        category: Category::parse(&category)?,
        status: Status::parse(&status)?,
        title,
        qpv_name: qpv_name.unwrap_or_else(|| qpv_code.clone()),
        qpv_code,
        created_at,
        supporters,
        comments,
        demo: demo != 0,
        point: lat.zip(lon),
    })
}

/// The `WHERE` clauses of a filter (after `WHERE i.hidden_at IS NULL`), with their values to bind:
/// only fixed clauses are formatted in, every value is bound.
fn filter_clauses(filter: &Filter) -> (String, Vec<String>) {
    let mut sql = String::new();
    let mut binds: Vec<String> = Vec::new();
    let mut param = |sql: &mut String, clause: &str, value: String| {
        binds.push(value);
        sql.push_str(&clause.replace('?', &format!("${}", binds.len())));
    };
    if let Some(kind) = filter.kind {
        param(&mut sql, " AND i.kind = ?", kind.code().to_owned());
    }
    if let Some(category) = filter.category {
        param(&mut sql, " AND i.category = ?", category.code().to_owned());
    }
    if let Some(status) = filter.status {
        param(&mut sql, " AND i.status = ?", status.code().to_owned());
    }
    if let Some(qpv) = &filter.qpv {
        param(&mut sql, " AND i.qpv_code = ?", qpv.clone());
    }
    if let Some(commune) = &filter.commune {
        param(&mut sql, " AND i.qpv_code IN (SELECT qpv_code FROM qpv_communes WHERE commune_insee = ?)", commune.clone());
    }
    if let Some(regie) = &filter.regie {
        param(&mut sql, " AND i.qpv_code IN (SELECT c.qpv_code FROM couvertures c JOIN regies r ON r.id = c.regie_id WHERE r.slug = ?)", regie.clone());
    }
    if filter.sort == Sort::Unanswered {
        sql.push_str(" AND i.first_answer_at IS NULL");
    }
    (sql, binds)
}

/// One page of the visible items matching the filter, in its order, with the whole list's
/// count by status (the page past the last is empty, its numbers still right).
pub async fn list(conn: &mut AnyConnection, filter: &Filter) -> Result<ListPage, sqlx::Error> {
    let (clauses, binds) = filter_clauses(filter);
    let count_sql = format!("SELECT i.status, COUNT(*) FROM participation_items i WHERE i.hidden_at IS NULL{clauses} GROUP BY i.status");
    let mut counts = sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(count_sql));
    for b in &binds {
        counts = counts.bind(b);
    }
    let mut by_status: Vec<(Status, usize)> =
        counts.fetch_all(&mut *conn).await?.into_iter().filter_map(|(s, n)| Some((Status::parse(&s)?, n as usize))).collect();
    by_status.sort_by_key(|(s, _)| Status::ALL.iter().position(|x| x == s));
    let total: usize = by_status.iter().map(|(_, n)| n).sum();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = filter.page.max(1);
    let order = match filter.sort {
        Sort::Recent => " ORDER BY i.created_at DESC, i.id DESC",
        Sort::MostSupported => " ORDER BY i.supporters DESC, i.created_at DESC, i.id DESC",
        // Waiting longest first: never answered, oldest first.
        Sort::Unanswered => " ORDER BY i.created_at ASC, i.id ASC",
    };
    let offset = (page - 1).saturating_mul(PAGE_SIZE).min(i64::MAX as usize / 2);
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM participation_items i LEFT JOIN qpv q ON q.code = i.qpv_code WHERE i.hidden_at IS NULL{clauses}{order} LIMIT {PAGE_SIZE} OFFSET {offset}"
    );
    let mut query = sqlx::query_as::<_, SummaryRow>(sqlx::AssertSqlSafe(sql));
    for b in &binds {
        query = query.bind(b);
    }
    let items = query.fetch_all(conn).await?.into_iter().filter_map(summary).collect();
    Ok(ListPage { items, total, by_status, page, pages })
}

/// An item's row: summary, body, point, author's pseudonym, hidden reason.
pub struct ItemRow {
    pub summary: ItemSummary,
    pub body: String,
    pub point: Option<(f64, f64)>,
    pub author_id: Option<i64>,
    pub author: Option<String>,
    pub hidden: Option<atlas_core::moderation::Hidden>,
    pub merged_into: Option<i64>,
    pub status_at: i64,
    /// Filed by this Régie for an inhabitant.
    pub filed_by: Option<String>,
}

pub async fn item(conn: &mut AnyConnection, id: i64) -> Result<Option<ItemRow>, sqlx::Error> {
    let head: Option<SummaryRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {SUMMARY_COLUMNS} FROM participation_items i LEFT JOIN qpv q ON q.code = i.qpv_code WHERE i.id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(summary) = head.and_then(summary) else { return Ok(None) };
    type Rest = (String, Option<f64>, Option<f64>, Option<i64>, Option<String>, Option<i64>, Option<String>, i64, Option<String>, Option<String>, Option<i64>);
    let r: Rest = sqlx::query_as(
        "SELECT i.body, i.lat, i.lon, i.author_id, a.pseudonym, i.hidden_at, i.hidden_reason, i.status_at, r.nom, i.review, i.merged_into
         FROM participation_items i LEFT JOIN accounts a ON a.id = i.author_id LEFT JOIN regies r ON r.id = i.filed_by_regie WHERE i.id = $1",
    )
    .bind(id)
    .fetch_one(conn)
    .await?;
    Ok(Some(ItemRow {
        summary,
        body: r.0,
        point: r.1.zip(r.2),
        author_id: r.3,
        author: r.4,
        hidden: r.5.map(|_| atlas_core::moderation::Hidden::of(r.9.as_deref(), r.6)),
        merged_into: r.10,
        status_at: r.7,
        filed_by: r.8,
    }))
}

pub async fn history(conn: &mut AnyConnection, item: i64) -> Result<Vec<HistoryEntry>, sqlx::Error> {
    let rows: Vec<(String, Option<String>, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT h.status, r.nom, h.message, h.partner, h.at FROM participation_history h LEFT JOIN regies r ON r.id = h.regie_id
         WHERE h.item_id = $1 ORDER BY h.at, h.id",
    )
    .bind(item)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(status, regie, message, partner, at)| Some(HistoryEntry { status: Status::parse(&status)?, regie, message, partner, at }))
        .collect())
}

/// The comments in reading order (each top-level comment followed by its replies), as the
/// viewer `viewer` (an account id) sees them at `now`.
pub async fn comments(conn: &mut AnyConnection, item: i64, viewer: Option<i64>, now: i64) -> Result<Vec<CommentView>, sqlx::Error> {
    type Row = (i64, Option<i64>, Option<i64>, Option<String>, Option<String>, String, i64, Option<i64>, Option<i64>, Option<i64>, Option<String>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.id, c.parent_id, c.author_id, a.pseudonym, r.nom, c.body, c.created_at, c.edited_at, c.deleted_at, c.hidden_at, c.hidden_reason, c.review
         FROM participation_comments c LEFT JOIN accounts a ON a.id = c.author_id LEFT JOIN regies r ON r.id = c.regie_id
         WHERE c.item_id = $1 ORDER BY c.created_at, c.id",
    )
    .bind(item)
    .fetch_all(conn)
    .await?;
    let views: Vec<CommentView> = rows
        .into_iter()
        .map(|(id, parent_id, author_id, author, regie, body, created_at, edited, deleted, hidden, hidden_reason, review)| {
            let mine = viewer.is_some() && author_id == viewer;
            let gone = deleted.is_some() || hidden.is_some();
            CommentView {
                id,
                parent_id,
                author,
                regie,
                body: (!gone).then_some(body),
                hidden: hidden.map(|_| atlas_core::moderation::Hidden::of(review.as_deref(), hidden_reason)),
                created_at,
                edited: edited.is_some(),
                mine,
                editable: mine && !gone && atlas_core::participation::comment_editable(created_at, now),
            }
        })
        .collect();
    // Threads: a top-level comment, then its replies in their order.
    let mut ordered = Vec::with_capacity(views.len());
    for top in views.iter().filter(|c| c.parent_id.is_none()) {
        ordered.push(top.clone());
        ordered.extend(views.iter().filter(|c| c.parent_id == Some(top.id)).cloned());
    }
    Ok(ordered)
}

/// Open, visible items of the QPV that may be the same (each with its point, if any).
pub async fn open_in_qpv(conn: &mut AnyConnection, qpv: &str) -> Result<Vec<ItemSummary>, sqlx::Error> {
    let rows: Vec<SummaryRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {SUMMARY_COLUMNS} FROM participation_items i LEFT JOIN qpv q ON q.code = i.qpv_code
         WHERE i.qpv_code = $1 AND i.hidden_at IS NULL AND i.status NOT IN ('realise', 'non-retenu') ORDER BY i.created_at DESC LIMIT 500"
    )))
    .bind(qpv)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().filter_map(summary).collect())
}

/// The answer clock of a Régie over the items of the QPVs it covers.
pub async fn clock(conn: &mut AnyConnection, regie: i64, now: i64) -> Result<AnswerClock, sqlx::Error> {
    let rows: Vec<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT i.created_at, i.first_answer_at FROM participation_items i
         WHERE i.hidden_at IS NULL AND i.created_at >= $2 AND i.qpv_code IN (SELECT qpv_code FROM couvertures WHERE regie_id = $1)",
    )
    .bind(regie)
    .bind(now - PERIOD_MS)
    .fetch_all(conn)
    .await?;
    Ok(AnswerClock::of(&rows, now))
}

pub async fn photos(conn: &mut AnyConnection, item: i64) -> Result<Vec<PhotoRef>, sqlx::Error> {
    type PhotoRow = (i64, i64, i64, Option<i64>, Option<String>);
    let rows: Vec<PhotoRow> =
        sqlx::query_as("SELECT id, width, height, hidden_at, hidden_reason FROM participation_photos WHERE item_id = $1 ORDER BY position")
            .bind(item)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|(id, w, h, hidden, reason)| PhotoRef { id, width: w as u32, height: h as u32, hidden: hidden.map(|_| reason.unwrap_or_default()) }).collect())
}

/// A photo's JPEG (or its thumbnail), unless it or its item is hidden.
pub async fn photo_bytes(conn: &mut AnyConnection, id: i64, thumb: bool) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let sql = if thumb {
        "SELECT p.thumb FROM participation_photos p JOIN participation_items i ON i.id = p.item_id WHERE p.id = $1 AND i.hidden_at IS NULL AND p.hidden_at IS NULL"
    } else {
        "SELECT p.image FROM participation_photos p JOIN participation_items i ON i.id = p.item_id WHERE p.id = $1 AND i.hidden_at IS NULL AND p.hidden_at IS NULL"
    };
    sqlx::query_scalar(sql).bind(id).fetch_optional(conn).await
}
