//! Importers: file → validation (atlas-core) → one transaction → report.
//! By default a file with any rejected row writes nothing; `skip_invalid` writes the valid rows.

pub mod communes;
pub mod partnerships;
pub mod coverage;
pub mod jobs;
pub mod qpv;
pub mod reference;
pub mod regies;

use std::io::{IsTerminal, Read};
use std::path::Path;

use atlas_core::csv_input::FileError;
use atlas_core::report::ImportReport;
use indicatif::{ProgressBar, ProgressStyle};

use crate::db::Database;
use crate::{Action, Actor};

#[derive(Clone, Copy, Debug, Default)]
pub struct ImportOptions {
    pub skip_invalid: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("impossible de lire {path} : {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path} : {source}")]
    File { path: String, source: FileError },
    #[error("{0}")]
    Format(String),
    #[error("erreur de base de données : {0}")]
    Db(#[from] sqlx::Error),
    #[error("{0}")]
    Denied(#[from] atlas_core::error::Error),
}

/// What the command line (today) or the network's pages (later) ask to import.
#[derive(Clone, Debug)]
pub enum Request {
    Qpv(std::path::PathBuf),
    Communes(std::path::PathBuf),
    Regies(std::path::PathBuf),
    Reference(std::path::PathBuf),
    Partnerships { file: std::path::PathBuf, demo: bool },
}

/// The import use case: checks the actor's right, then runs the importer (one transaction per
/// file, the revision of what it touched bumped inside it, so every server follows).
pub async fn run(db: &Database, actor: &Actor, request: Request, opts: ImportOptions) -> Result<Vec<ImportReport>, ImportError> {
    actor.authorize(Action::Import)?;
    Ok(match request {
        Request::Qpv(file) => vec![qpv::import_file(db, &file, opts).await?],
        Request::Regies(file) => vec![regies::import_file(db, &file, opts).await?],
        Request::Communes(dir) => communes::write(db, &communes::read_dir(&dir)?, opts).await?,
        Request::Reference(dir) => reference::load(db, &dir).await?,
        Request::Partnerships { file, demo } => vec![partnerships::import_file(db, &file, opts, demo).await?],
    })
}

/// Loads the demonstration partnerships (labelled as such everywhere).
pub async fn load_demo(db: &Database, actor: &Actor, file: &Path) -> Result<ImportReport, ImportError> {
    actor.authorize(Action::ManageDemo)?;
    partnerships::import_file(db, file, ImportOptions::default(), true).await
}

/// Deletes every demonstration row: (contracts, relations, partners) deleted.
pub async fn remove_demo(db: &Database, actor: &Actor) -> Result<(u64, u64, u64), ImportError> {
    actor.authorize(Action::ManageDemo)?;
    Ok(partnerships::remove_demo(db).await?)
}

/// Bytes of a file, decompressed when it ends in `.gz`, `.xz` or `.lzma`.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ImportError> {
    let io = |source| ImportError::Io { path: path.display().to_string(), source };
    let raw = std::fs::read(path).map_err(io)?;
    let name = path.to_string_lossy();
    if name.ends_with(".gz") {
        let mut out = Vec::with_capacity(raw.len() * 4);
        flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out).map_err(io)?;
        Ok(out)
    } else if name.ends_with(".xz") || name.ends_with(".lzma") {
        let mut out = Vec::with_capacity(raw.len() * 6);
        lzma_rs::xz_decompress(&mut &raw[..], &mut out)
            .map_err(|e| ImportError::Format(format!("{name} : archive xz illisible ({e})")))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// File name without its compression suffix, to choose a parser by extension.
pub fn base_name(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    for suffix in [".gz", ".xz", ".lzma"] {
        if let Some(stripped) = name.strip_suffix(suffix) {
            return stripped.to_owned();
        }
    }
    name
}

/// A progress bar when a person watches a terminal; hidden in CI and tests.
pub fn progress(len: usize, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{msg:12} [{bar:40}] {pos}/{len} ({elapsed})") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_owned());
    bar
}

/// Strict mode: decides whether the write step runs. Returns false (and marks the report)
/// when rows were rejected and the user did not ask to skip them.
pub fn may_write(report: &mut ImportReport, opts: ImportOptions) -> bool {
    // Validation passes may find problems out of order; the user reads them in file order.
    report.rejected.sort_by_key(|r| r.line);
    if !report.rejected.is_empty() && !opts.skip_invalid {
        report.rolled_back = true;
        report.inserted = 0;
        report.updated = 0;
        report.unchanged = 0;
        return false;
    }
    true
}
