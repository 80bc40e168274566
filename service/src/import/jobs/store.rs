//! Imports from the network's pages, the SQL: the `import_jobs` rows (instants in Unix ms).

use atlas_core::import_job::{ImportKind, ImportStatus};
use atlas_core::report::ImportReport;
use sqlx::AnyConnection;

use crate::account::store::now_ms;
use crate::db::Database;

/// An import as the network's pages show it.
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    pub id: i64,
    pub kind: ImportKind,
    pub file_name: String,
    pub status: ImportStatus,
    /// The dry run's report, then the import's.
    pub report: ImportReport,
    /// Rows written so far, of `total`, while it runs.
    pub done: u64,
    pub total: u64,
    /// The pseudonym of whoever uploaded it (`None`: an account deleted since).
    pub author: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

type JobRow = (i64, String, String, String, String, i64, i64, Option<String>, i64, i64);

const COLUMNS: &str = "SELECT j.id, j.kind, j.file_name, j.status, j.report, j.done, j.total, a.pseudonym, j.created_at, j.updated_at
     FROM import_jobs j LEFT JOIN accounts a ON a.id = j.author_id";

fn job((id, kind, file_name, status, report, done, total, author, created_at, updated_at): JobRow) -> Option<Job> {
    Some(Job {
        id,
        kind: ImportKind::parse(&kind)?,
        file_name,
        status: ImportStatus::parse(&status)?,
        report: serde_json::from_str(&report).ok()?,
        done: done.max(0) as u64,
        total: total.max(0) as u64,
        author,
        created_at,
        updated_at,
    })
}

fn json(report: &ImportReport) -> Result<String, sqlx::Error> {
    serde_json::to_string(report).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

pub(super) async fn insert(
    db: &Database,
    kind: ImportKind,
    file_name: &str,
    content: Option<Vec<u8>>,
    author: Option<i64>,
    status: ImportStatus,
    report: &ImportReport,
) -> Result<i64, sqlx::Error> {
    let at = now_ms();
    sqlx::query_scalar(
        "INSERT INTO import_jobs (kind, file_name, content, author_id, status, report, done, total, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $8) RETURNING id",
    )
    .bind(kind.code())
    .bind(file_name)
    .bind(content)
    .bind(author)
    .bind(status.code())
    .bind(json(report)?)
    .bind(report.read as i64)
    .bind(at)
    .fetch_one(&db.pool)
    .await
}

pub(super) async fn one(db: &Database, id: i64) -> Result<Option<Job>, sqlx::Error> {
    let row: Option<JobRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{COLUMNS} WHERE j.id = $1"))).bind(id).fetch_optional(&db.pool).await?;
    Ok(row.and_then(job))
}

pub(super) async fn latest(db: &Database, limit: i64) -> Result<Vec<Job>, sqlx::Error> {
    let rows: Vec<JobRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{COLUMNS} ORDER BY j.id DESC LIMIT $1"))).bind(limit).fetch_all(&db.pool).await?;
    Ok(rows.into_iter().filter_map(job).collect())
}

/// Marks the job running if it may start, and answers its file (`None`: it may not).
pub(super) async fn begin(db: &Database, id: i64) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let started = sqlx::query(
        "UPDATE import_jobs SET status = 'en_cours', done = 0, updated_at = $2
         WHERE id = $1 AND status IN ('analyse', 'interrompu') AND content IS NOT NULL",
    )
    .bind(id)
    .bind(now_ms())
    .execute(&db.pool)
    .await?
    .rows_affected();
    if started != 1 {
        return Ok(None);
    }
    sqlx::query_scalar("SELECT content FROM import_jobs WHERE id = $1").bind(id).fetch_one(&db.pool).await
}

/// Where a running import is (outside its transaction: what the other instances read).
pub(super) async fn progress(db: &Database, id: i64, done: u64, total: u64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE import_jobs SET done = $2, total = $3 WHERE id = $1 AND status = 'en_cours'")
        .bind(id)
        .bind(done as i64)
        .bind(total as i64)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Records a running import's outcome; `false` when it no longer runs (marked interrupted).
/// The file goes, except from an import that may run again.
pub(super) async fn finish(conn: &mut AnyConnection, id: i64, status: ImportStatus, report: &ImportReport) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE import_jobs SET status = $2, report = $3, done = total, content = NULL, updated_at = $4 WHERE id = $1 AND status = 'en_cours'",
    )
    .bind(id)
    .bind(status.code())
    .bind(json(report)?)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A running job whose instance stopped: « interrompu » (`false`: it had finished meanwhile).
pub(super) async fn interrupt(db: &Database, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE import_jobs SET status = 'interrompu', updated_at = $2 WHERE id = $1 AND status = 'en_cours'")
        .bind(id)
        .bind(now_ms())
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub(super) async fn abandon(db: &Database, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE import_jobs SET status = 'abandonne', content = NULL, updated_at = $2 WHERE id = $1 AND status IN ('analyse', 'interrompu')",
    )
    .bind(id)
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The imports a person uploaded, for their data export.
pub async fn uploaded_by(conn: &mut AnyConnection, account: i64) -> Result<serde_json::Value, sqlx::Error> {
    let rows: Vec<(String, String, String, i64)> =
        sqlx::query_as("SELECT kind, file_name, status, created_at FROM import_jobs WHERE author_id = $1 ORDER BY id").bind(account).fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|(kind, file, status, at)| serde_json::json!({ "type": kind, "fichier": file, "etat": status, "depose_le": at }))
        .collect())
}
