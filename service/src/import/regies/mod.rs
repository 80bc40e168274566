//! Régies import: a CSV with the usual header names; each row's commune is found by postcode and name.

use std::collections::HashMap;
use std::path::Path;

use atlas_core::activite::Activite;
use atlas_core::csv_input::read_table;
use atlas_core::line_problem::LineProblem;
use atlas_core::regie::import::{parse_regies, RegieInput};
use atlas_core::report::{ImportReport, Rejection};
use atlas_core::text::fold_place;

use indicatif::ProgressBar;
use sqlx::{Any, Transaction};

use super::{may_write, progress, read_bytes, ImportError, ImportOptions};
use crate::db::Database;

mod store;
use store::{communes_by_postcode, write};

#[derive(Clone, Debug)]
pub(crate) struct CommuneRef {
    insee: String,
    nom: String,
    nom_recherche: String,
    lon: f64,
    lat: f64,
}

/// A row ready to store: its input plus the commune found and the final coordinates.
pub(crate) struct Resolved<'a> {
    input: &'a RegieInput,
    commune: CommuneRef,
    lon: f64,
    lat: f64,
}

pub async fn import_file(db: &Database, path: &Path, opts: ImportOptions) -> Result<ImportReport, ImportError> {
    let bytes = read_bytes(path)?;
    let (report, tx) = stage(db, &bytes, &path.display().to_string(), opts, &progress(0, "Régies"), None).await?;
    if let Some(tx) = tx {
        tx.commit().await?;
    }
    Ok(report)
}

/// Reads and checks `bytes`, then writes them in a transaction left open, for the caller to
/// commit with what belongs with it (a browser import's outcome) or to roll back (a dry run).
/// `None`: rows were rejected in strict mode, and nothing was written. `author`: the account
/// the Régies' versions name (`None`: the command line).
pub async fn stage(
    db: &Database,
    bytes: &[u8],
    source: &str,
    opts: ImportOptions,
    bar: &ProgressBar,
    author: Option<i64>,
) -> Result<(ImportReport, Option<Transaction<'static, Any>>), ImportError> {
    let file_err = |source_err| ImportError::File { path: source.to_owned(), source: source_err };
    let table = read_table(bytes).map_err(file_err)?;
    let (rows, mut rejected) = parse_regies(&table).map_err(file_err)?;
    let mut report = ImportReport::new("Régies");
    report.read = rows.len() + rejected.len();

    let by_postcode = communes_by_postcode(db).await?;
    let mut resolved = Vec::with_capacity(rows.len());
    for input in &rows {
        match resolve(input, &by_postcode) {
            Ok(r) => resolved.push(r),
            Err(problem) => rejected.push(Rejection { line: input.line, problem }),
        }
    }
    rejected.sort_by_key(|r| r.line);
    report.rejected = rejected;
    if !may_write(&mut report, opts) {
        return Ok((report, None));
    }
    let tx = write(db, &resolved, &mut report, bar, author).await?;
    Ok((report, Some(tx)))
}

fn resolve<'a>(input: &'a RegieInput, by_postcode: &HashMap<String, Vec<CommuneRef>>) -> Result<Resolved<'a>, LineProblem> {
    let Some(candidates) = by_postcode.get(&input.code_postal) else {
        return Err(LineProblem::PostcodeUnknown { value: input.code_postal.clone() });
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
        return Err(LineProblem::CommuneNotFound { commune: input.commune.clone(), postcode: input.code_postal.clone(), communes: names.join(", ") });
    };
    let (lat, lon) = input.coords.unwrap_or((commune.lat, commune.lon));
    Ok(Resolved { input, commune, lon, lat })
}

/// The stored columns compared to decide whether a row changed.
#[derive(sqlx::FromRow, PartialEq)]
pub(crate) struct Stored {
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

pub(crate) fn stored_of(r: &Resolved) -> Stored {
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

pub(crate) fn same_activities(stored: Option<&Vec<String>>, wanted: &[Activite]) -> bool {
    let mut w: Vec<&str> = wanted.iter().map(|a| a.code()).collect();
    w.sort_unstable();
    let s: Vec<&str> = stored.map(|v| v.iter().map(String::as_str).collect()).unwrap_or_default();
    s == w
}

