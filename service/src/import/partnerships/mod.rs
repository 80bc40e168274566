//! Partnerships import: partners, their relations with Régies and the contracts under them, from
//! one CSV file (atlas_core::partner::import), in one transaction, idempotent. Rows of a
//! demonstration file are marked `demo` in the database and shown as such; `remove_demo` deletes
//! them all.

use std::path::Path;

use atlas_core::csv_input::read_table;
use atlas_core::partner::import::parse_partnerships;
use atlas_core::line_problem::LineProblem;
use atlas_core::report::ImportReport;
use atlas_core::text::fold;

use indicatif::ProgressBar;
use sqlx::{Any, Transaction};

use super::{may_write, progress, read_bytes, ImportError, ImportOptions};
use crate::db::Database;

mod store;
pub use store::{has_demo, remove_demo, write};

pub async fn import_file(db: &Database, path: &Path, opts: ImportOptions, demo: bool) -> Result<ImportReport, ImportError> {
    let bytes = read_bytes(path)?;
    let (report, tx) = stage(db, &bytes, &path.display().to_string(), opts, demo, &progress(0, "partenariats"), None).await?;
    if let Some(tx) = tx {
        tx.commit().await?;
    }
    Ok(report)
}

/// Reads and checks `bytes`, then writes them in a transaction left open for the caller to
/// commit or roll back (see `regies::stage`). `None`: rows were rejected, nothing was written.
/// `author`: the account the Régies' versions name (`None`: the command line).
pub async fn stage(
    db: &Database,
    bytes: &[u8],
    source: &str,
    opts: ImportOptions,
    demo: bool,
    bar: &ProgressBar,
    author: Option<i64>,
) -> Result<(ImportReport, Option<Transaction<'static, Any>>), ImportError> {
    let file_err = |source_err| ImportError::File { path: source.to_owned(), source: source_err };
    let table = read_table(bytes).map_err(file_err)?;
    let (rows, rejected) = parse_partnerships(&table).map_err(file_err)?;
    let mut report = ImportReport::new("partenariats");
    report.read = rows.len() + rejected.len();
    report.rejected = rejected;
    // Régies by SIRET and by Atlas identifier.
    let regies = store::regies_by_key(db).await?;
    let mut resolved = Vec::with_capacity(rows.len());
    for row in rows {
        let key = row.regie.replace([' ', '\u{a0}'], "");
        match regies.get(&key).or_else(|| regies.get(&row.regie)) {
            Some(id) => resolved.push((*id, row)),
            None => report.reject(row.line, LineProblem::RegieUnknown { value: row.regie.clone() }),
        }
    }
    if !may_write(&mut report, opts) {
        return Ok((report, None));
    }
    let tx = write(db, &resolved, demo, &mut report, bar, author).await?;
    Ok((report, Some(tx)))
}

/// A partner is the same when its SIREN is, or, without SIREN, when its name and kind are.
pub(crate) fn partner_key(siren: Option<&str>, nom: &str, nature: &str) -> String {
    match siren {
        Some(s) => format!("siren:{s}"),
        None => format!("nom:{}:{nature}", fold(nom)),
    }
}

