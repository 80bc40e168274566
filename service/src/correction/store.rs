//! The network's side of readers' corrections: export them for checking, mark them as handled.

use atlas_core::csv_fr::{inert, CsvFr};

use crate::db::Database;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    created_at: String,
    statut: String,
    slug: String,
    nom: String,
    sujet: String,
    message: String,
    contact: Option<String>,
}

/// CSV (French spreadsheet conventions) of the corrections, oldest first: only those to check,
/// or all of them.
pub async fn export_csv(db: &Database, all: bool) -> Result<String, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.id, c.created_at, c.statut, r.slug, r.nom, c.sujet, c.message, c.contact
         FROM corrections c JOIN regies r ON r.id = c.regie_id
         WHERE $1 = 1 OR c.statut = 'nouvelle' ORDER BY c.id",
    )
    .bind(i64::from(all))
    .fetch_all(&db.pool)
    .await?;
    let mut csv = CsvFr::new(&["numero", "recue_le", "statut", "fiche", "regie", "sujet", "message", "contact"]);
    for r in &rows {
        let id = r.id.to_string();
        let fiche = format!("/regies/{}", r.slug);
        // Message and contact are typed by the public: never let them become formulas.
        let message = inert(&r.message);
        let contact = inert(r.contact.as_deref().unwrap_or(""));
        csv.row([id.as_str(), &r.created_at, &r.statut, &fiche, &r.nom, &r.sujet, &message, &contact]);
    }
    Ok(csv.finish())
}

/// Marks these corrections as handled, in one transaction; returns how many changed.
pub async fn mark_handled(db: &Database, ids: &[i64]) -> Result<u64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let mut changed = 0;
    for id in ids {
        changed += sqlx::query("UPDATE corrections SET statut = 'traitee' WHERE id = $1 AND statut = 'nouvelle'")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    }
    crate::revision::bump(&mut *tx, db.backend, crate::revision::Concept::Corrections).await?;
    tx.commit().await?;
    Ok(changed)
}

/// Records a reader's correction on the Régie with this slug, with its revision, in one
/// transaction; `None` when no Régie has this slug (nothing written).
pub async fn insert(db: &Database, slug: &str, correction: &atlas_core::correction::Correction) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO corrections (regie_id, sujet, message, contact, created_at)
         SELECT id, $2, $3, $4, $5 FROM regies WHERE slug = $1
         RETURNING id",
    )
    .bind(slug)
    .bind(correction.topic.code())
    .bind(&correction.message)
    .bind(correction.contact.as_deref())
    .bind(crate::db::now())
    .fetch_optional(&mut *tx)
    .await?;
    if id.is_some() {
        crate::revision::bump(&mut *tx, db.backend, crate::revision::Concept::Corrections).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// The corrections waiting, the oldest first.
pub async fn pending(db: &Database) -> Result<Vec<super::Pending>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.id, c.created_at, c.statut, r.slug, r.nom, c.sujet, c.message, c.contact
         FROM corrections c JOIN regies r ON r.id = c.regie_id WHERE c.statut = 'nouvelle' ORDER BY c.id",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| super::Pending {
            id: r.id,
            regie_slug: r.slug,
            regie_name: r.nom,
            topic: atlas_core::correction::CorrectionTopic::parse(&r.sujet),
            message: r.message,
            contact: r.contact,
            created_at: r.created_at,
        })
        .collect())
}

/// `appliquee` or `rejetee`, if it still waits.
pub async fn decide(db: &Database, id: i64, applied: bool) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE corrections SET statut = $2 WHERE id = $1 AND statut = 'nouvelle'")
        .bind(id)
        .bind(if applied { "appliquee" } else { "rejetee" })
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}
