//! Régies import, the SQL: communes by postcode, then the upsert of every row in one transaction.

use std::collections::HashMap;

use atlas_core::report::ImportReport;
use atlas_core::siret::siren_of;
use atlas_core::text::slugify;

use super::{same_activities, stored_of, CommuneRef, Resolved, Stored};
use crate::db::{now, Database};
use crate::account::store::now_ms;
use crate::import::ImportError;
use crate::regie::versions;
use indicatif::ProgressBar;
use sqlx::{Any, Transaction};

pub(super) async fn communes_by_postcode(db: &Database) -> Result<HashMap<String, Vec<CommuneRef>>, sqlx::Error> {
    let rows: Vec<(String, String, String, String, f64, f64)> = sqlx::query_as(
        "SELECT cp.code, c.insee, c.nom, c.nom_recherche, c.lon, c.lat
         FROM codes_postaux cp JOIN communes c ON c.insee = cp.commune_insee",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut map: HashMap<String, Vec<CommuneRef>> = HashMap::new();
    for (cp, insee, nom, nom_recherche, lon, lat) in rows {
        map.entry(cp).or_default().push(CommuneRef { insee, nom, nom_recherche, lon, lat });
    }
    Ok(map)
}

/// The commune of a row: by postcode, then by name (exact, then prefix as in "Paris 19"),
/// then by the nearest centre when coordinates are given.
#[derive(sqlx::FromRow)]
struct RegieRow {
    id: i64,
    slug: String,
    #[sqlx(flatten)]
    stored: Stored,
}

/// Upserts every row in one transaction, returned open: the caller commits or rolls back. Each
/// Régie the file changes gets a version naming `author`.
pub(super) async fn write(
    db: &Database,
    rows: &[Resolved<'_>],
    report: &mut ImportReport,
    bar: &ProgressBar,
    author: Option<i64>,
) -> Result<Transaction<'static, Any>, ImportError> {
    let ts = now();
    let mut tx = db.begin_write().await?;
    let existing: Vec<(i64, String, Stored)> = sqlx::query_as::<_, RegieRow>(
        "SELECT id, slug, nom, siret, adresse, code_postal, commune_insee, lon, lat, site_web, telephone, email,
                date_creation, date_adhesion, description, verification, source FROM regies",
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|r| (r.id, r.slug, r.stored))
    .collect();
    let by_siret: HashMap<String, usize> =
        existing.iter().enumerate().filter_map(|(i, e)| e.2.siret.clone().map(|s| (s, i))).collect();
    let by_slug: HashMap<String, usize> = existing.iter().enumerate().map(|(i, e)| (e.1.clone(), i)).collect();
    let mut taken: std::collections::HashSet<String> = by_slug.keys().cloned().collect();
    let mut activities: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, a) in sqlx::query_as::<_, (i64, String)>("SELECT regie_id, activite FROM regie_activites ORDER BY activite")
        .fetch_all(&mut *tx)
        .await?
    {
        activities.entry(id).or_default().push(a);
    }

    bar.set_length(rows.len() as u64);
    let at = now_ms();
    for r in rows {
        bar.inc(1);
        let wanted = stored_of(r);
        let base_slug = slugify(&format!("{} {}", r.input.nom, r.commune.nom));
        let found = match &r.input.siret {
            Some(s) => by_siret.get(s),
            None => by_slug.get(&base_slug).filter(|i| existing[**i].2.siret.is_none()),
        };
        let id = match found {
            Some(i) => {
                let (id, _, old) = &existing[*i];
                let activities_change = !same_activities(activities.get(id), &r.input.activites);
                if *old != wanted || activities_change {
                    let before = versions::current(&mut tx, *id).await?;
                    update(&mut tx, *id, &wanted, &ts).await?;
                    set_activities(&mut tx, *id, &r.input.activites).await?;
                    if let Some((before, version)) = before {
                        versions::record_import(&mut tx, *id, before, version, author, at).await?;
                    }
                    report.updated += 1;
                } else {
                    report.unchanged += 1;
                }
                *id
            }
            None => {
                let mut slug = base_slug.clone();
                let mut n = 2;
                while taken.contains(&slug) {
                    slug = format!("{base_slug}-{n}");
                    n += 1;
                }
                taken.insert(slug.clone());
                let id = insert(&mut tx, &slug, &wanted, &ts).await?;
                report.inserted += 1;
                id
            }
        };
        if found.is_none() {
            set_activities(&mut tx, id, &r.input.activites).await?;
        }
    }
    bar.finish_and_clear();
    crate::import::coverage::refresh_estimated(&mut tx, &ts).await?;
    crate::revision::bump(&mut *tx, db.backend, crate::revision::Concept::Regies).await?;
    Ok(tx)
}

async fn set_activities(tx: &mut sqlx::AnyConnection, id: i64, activites: &[atlas_core::activite::Activite]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM regie_activites WHERE regie_id = $1").bind(id).execute(&mut *tx).await?;
    for a in activites {
        sqlx::query("INSERT INTO regie_activites (regie_id, activite) VALUES ($1, $2)").bind(id).bind(a.code()).execute(&mut *tx).await?;
    }
    Ok(())
}

async fn insert(tx: &mut sqlx::AnyConnection, slug: &str, s: &Stored, ts: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO regies (slug, nom, siret, siren, adresse, code_postal, commune_insee, lon, lat, site_web, telephone,
             email, date_creation, date_adhesion, description, verification, source, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18)
         RETURNING id",
    )
    .bind(slug).bind(&s.nom).bind(&s.siret).bind(s.siret.as_deref().map(siren_of)).bind(&s.adresse)
    .bind(&s.code_postal).bind(&s.commune_insee).bind(s.lon).bind(s.lat).bind(&s.site_web).bind(&s.telephone)
    .bind(&s.email).bind(&s.date_creation).bind(&s.date_adhesion).bind(&s.description).bind(&s.verification)
    .bind(&s.source)
    .bind(ts)
    .fetch_one(&mut *tx)
    .await
}

async fn update(tx: &mut sqlx::AnyConnection, id: i64, s: &Stored, ts: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE regies SET nom = $2, siret = $3, siren = $4, adresse = $5, code_postal = $6, commune_insee = $7, lon = $8,
             lat = $9, site_web = $10, telephone = $11, email = $12, date_creation = $13, date_adhesion = $14,
             description = $15, verification = $16, source = $17, updated_at = $18
         WHERE id = $1",
    )
    .bind(id).bind(&s.nom).bind(&s.siret).bind(s.siret.as_deref().map(siren_of)).bind(&s.adresse)
    .bind(&s.code_postal).bind(&s.commune_insee).bind(s.lon).bind(s.lat).bind(&s.site_web).bind(&s.telephone)
    .bind(&s.email).bind(&s.date_creation).bind(&s.date_adhesion).bind(&s.description).bind(&s.verification)
    .bind(&s.source)
    .bind(ts)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
