//! Régies import: a CSV with the usual header names; each row's commune is found by postcode and name.

use std::collections::HashMap;
use std::path::Path;

use atlas_core::activite::Activite;
use atlas_core::csv_input::read_table;
use atlas_core::regie::import::{parse_regies, RegieInput};
use atlas_core::report::{ImportReport, Rejection};
use atlas_core::siret::siren_of;
use atlas_core::text::{fold_place, slugify};

use super::{may_write, progress, read_bytes, ImportError, ImportOptions};
use crate::db::{now, Database};

#[derive(Clone, Debug)]
struct CommuneRef {
    insee: String,
    nom: String,
    nom_recherche: String,
    lon: f64,
    lat: f64,
}

/// A row ready to store: its input plus the commune found and the final coordinates.
struct Resolved<'a> {
    input: &'a RegieInput,
    commune: CommuneRef,
    lon: f64,
    lat: f64,
}

pub async fn import_file(db: &Database, path: &Path, opts: ImportOptions) -> Result<ImportReport, ImportError> {
    let bytes = read_bytes(path)?;
    let file_err = |source| ImportError::File { path: path.display().to_string(), source };
    let table = read_table(&bytes).map_err(file_err)?;
    let (rows, mut rejected) = parse_regies(&table).map_err(file_err)?;
    let mut report = ImportReport::new("Régies");
    report.read = rows.len() + rejected.len();

    let by_postcode = communes_by_postcode(db).await?;
    let mut resolved = Vec::with_capacity(rows.len());
    for input in &rows {
        match resolve(input, &by_postcode) {
            Ok(r) => resolved.push(r),
            Err(reason) => rejected.push(Rejection { line: input.line, reason }),
        }
    }
    rejected.sort_by_key(|r| r.line);
    report.rejected = rejected;
    if !may_write(&mut report, opts) {
        return Ok(report);
    }
    write(db, &resolved, &mut report).await?;
    Ok(report)
}

async fn communes_by_postcode(db: &Database) -> Result<HashMap<String, Vec<CommuneRef>>, sqlx::Error> {
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
fn resolve<'a>(input: &'a RegieInput, by_postcode: &HashMap<String, Vec<CommuneRef>>) -> Result<Resolved<'a>, String> {
    let Some(candidates) = by_postcode.get(&input.code_postal) else {
        return Err(format!("code postal {} inconnu", input.code_postal));
    };
    let wanted = fold_place(&input.commune);
    let pick = |list: Vec<&CommuneRef>| (list.len() == 1).then(|| list[0].clone());
    let found = pick(candidates.iter().filter(|c| c.nom_recherche == wanted).collect())
        .or_else(|| pick(candidates.iter().collect()))
        .or_else(|| {
            pick(candidates
                .iter()
                .filter(|c| wanted.starts_with(&c.nom_recherche) || c.nom_recherche.starts_with(&wanted))
                .collect())
        })
        .or_else(|| {
            let (lat, lon) = input.coords?;
            candidates
                .iter()
                .min_by(|a, b| {
                    let da = (a.lat - lat).powi(2) + (a.lon - lon).powi(2);
                    let db = (b.lat - lat).powi(2) + (b.lon - lon).powi(2);
                    da.total_cmp(&db)
                })
                .cloned()
        });
    let Some(commune) = found else {
        let names: Vec<&str> = candidates.iter().map(|c| c.nom.as_str()).collect();
        return Err(format!(
            "commune « {} » introuvable pour le code postal {} (communes de ce code : {})",
            input.commune,
            input.code_postal,
            names.join(", ")
        ));
    };
    let (lat, lon) = input.coords.unwrap_or((commune.lat, commune.lon));
    Ok(Resolved { input, commune, lon, lat })
}

/// The stored columns compared to decide whether a row changed.
#[derive(sqlx::FromRow, PartialEq)]
struct Stored {
    nom: String,
    siret: Option<String>,
    adresse: Option<String>,
    code_postal: String,
    commune_insee: String,
    lon: f64,
    lat: f64,
    site_web: Option<String>,
    telephone: Option<String>,
    email: Option<String>,
    date_creation: Option<String>,
    date_adhesion: Option<String>,
    description: Option<String>,
    verification: String,
    source: Option<String>,
}

fn stored_of(r: &Resolved) -> Stored {
    let i = r.input;
    Stored {
        nom: i.nom.clone(),
        siret: i.siret.clone(),
        adresse: i.adresse.clone(),
        code_postal: i.code_postal.clone(),
        commune_insee: r.commune.insee.clone(),
        lon: r.lon,
        lat: r.lat,
        site_web: i.site_web.clone(),
        telephone: i.telephone.clone(),
        email: i.email.clone(),
        date_creation: i.date_creation.clone(),
        date_adhesion: i.date_adhesion.clone(),
        description: i.description.clone(),
        verification: i.verification.code().to_owned(),
        source: i.source.clone(),
    }
}

#[derive(sqlx::FromRow)]
struct RegieRow {
    id: i64,
    slug: String,
    #[sqlx(flatten)]
    stored: Stored,
}

async fn write(db: &Database, rows: &[Resolved<'_>], report: &mut ImportReport) -> Result<(), ImportError> {
    let ts = now();
    let mut tx = db.pool.begin().await?;
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

    let bar = progress(rows.len(), "Régies");
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
                if *old != wanted {
                    update(&mut tx, *id, &wanted, &ts).await?;
                    report.updated += 1;
                } else if !same_activities(activities.get(id), &r.input.activites) {
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
        if !same_activities(activities.get(&id), &r.input.activites) {
            sqlx::query("DELETE FROM regie_activites WHERE regie_id = $1").bind(id).execute(&mut *tx).await?;
            for a in &r.input.activites {
                sqlx::query("INSERT INTO regie_activites (regie_id, activite) VALUES ($1, $2)")
                    .bind(id).bind(a.code()).execute(&mut *tx).await?;
            }
        }
    }
    bar.finish_and_clear();
    super::coverage::refresh_estimated(&mut tx, &ts).await?;
    crate::revision::bump(&mut *tx, db.backend, crate::revision::Concept::Regies).await?;
    tx.commit().await?;
    Ok(())
}

fn same_activities(stored: Option<&Vec<String>>, wanted: &[Activite]) -> bool {
    let mut w: Vec<&str> = wanted.iter().map(|a| a.code()).collect();
    w.sort_unstable();
    let s: Vec<&str> = stored.map(|v| v.iter().map(String::as_str).collect()).unwrap_or_default();
    s == w
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
