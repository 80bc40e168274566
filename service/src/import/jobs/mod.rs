//! Imports from the network's pages (`/reseau/imports`). A file is checked first: the whole
//! import runs in a transaction that is rolled back, and its report (every rejected row with its
//! line number, what would be added and updated) is kept with the file in the database. When the
//! network confirms, any instance runs it: one transaction again, whose last statement records
//! the outcome, so the data and « importé » commit together or not at all.
//!
//! While it runs, the instance holds a lease on it and renews it, and writes its progress to the
//! job's row (on PostgreSQL, what the other instances show); its own pages read the progress from
//! memory (on SQLite the import's transaction holds the database's one write lock, so the row only
//! follows at the end). A job still « en cours » whose lease has lapsed belonged to an instance
//! that stopped: its transaction never committed, so it is « interrompu », nothing written, and it
//! may be started again.

mod store;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use atlas_core::import_job::{ImportKind, ImportStatus};
use atlas_core::line_problem::LineProblem;
use atlas_core::report::{ImportReport, Rejection};
use indicatif::ProgressBar;
use sqlx::{Any, Transaction};

use super::{partnerships, regies, ImportError, ImportOptions};
use crate::db::Backend;
use crate::{lease, store_error, Action, Actor, Atlas, Code, Error};

pub use store::{uploaded_by, Job};

/// The largest file the pages take (the national Régies file is ~60 KB).
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// An instance renews its lease on a running import this often; a lease not renewed for
/// `LEASE` has lost its instance.
const HEARTBEAT: Duration = Duration::from_secs(1);
const LEASE: Duration = Duration::from_secs(10);

/// The imports this instance is writing, with their progress.
#[derive(Clone, Default)]
pub struct Running(Arc<Mutex<HashMap<i64, ProgressBar>>>);

impl Running {
    fn get(&self, id: i64) -> Option<ProgressBar> {
        self.0.lock().ok()?.get(&id).cloned()
    }

    fn set(&self, id: i64, bar: Option<ProgressBar>) {
        if let Ok(mut map) = self.0.lock() {
            match bar {
                Some(bar) => map.insert(id, bar),
                None => map.remove(&id),
            };
        }
    }
}

fn lease_name(id: i64) -> String {
    format!("import:{id}")
}

/// The file's name as shown (its last path component, at most 120 characters).
fn shown_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    let clean: String = last.chars().filter(|c| !c.is_control()).take(120).collect();
    if clean.is_empty() { "fichier.csv".to_owned() } else { clean }
}

/// Runs the import of `kind` in a transaction left open (see `regies::stage`).
async fn stage(
    atlas: &Atlas,
    kind: ImportKind,
    bytes: &[u8],
    name: &str,
    bar: &ProgressBar,
    author: Option<i64>,
) -> Result<(ImportReport, Option<Transaction<'static, Any>>), ImportError> {
    let strict = ImportOptions::default();
    match kind {
        ImportKind::Regies => regies::stage(&atlas.db, bytes, name, strict, bar, author).await,
        ImportKind::Partenariats => partnerships::stage(&atlas.db, bytes, name, strict, false, bar, author).await,
    }
}

/// A report for a file that could not be read at all (no header, a missing column): its one
/// rejection, at the line the reader names (1: the header).
fn unreadable(kind: ImportKind, e: &ImportError) -> ImportReport {
    let (line, problem) = match e {
        ImportError::File { source, .. } => source.problem(),
        other => (1, LineProblem::Unreadable { detail: other.to_string() }),
    };
    let mut report = ImportReport::new(match kind {
        ImportKind::Regies => "Régies",
        ImportKind::Partenariats => "partenariats",
    });
    report.rejected = vec![Rejection { line, problem }];
    report.rolled_back = true;
    report
}

/// Checks an uploaded file (a dry run) and keeps it with its report. A file with rejected rows is
/// « refusé » at once: nothing would be written, it cannot be confirmed.
pub async fn check(atlas: &Atlas, actor: &Actor, kind: &str, file_name: &str, bytes: Vec<u8>) -> Result<Job, Error> {
    actor.authorize(Action::Import)?;
    let kind = ImportKind::parse(kind).ok_or_else(|| Error::with(Code::InvalidParameter, "type"))?;
    if bytes.is_empty() {
        return Err(Error::with(Code::MissingParameter, "fichier"));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::new(Code::TooLarge));
    }
    let name = shown_name(file_name);
    let report = match stage(atlas, kind, &bytes, &name, &ProgressBar::hidden(), actor.account_id()).await {
        Ok((report, tx)) => {
            if let Some(tx) = tx {
                tx.rollback().await.map_err(store_error)?;
            }
            report
        }
        Err(ImportError::Db(e)) => return Err(store_error(e)),
        Err(e) => unreadable(kind, &e),
    };
    let status = if report.rejected.is_empty() { ImportStatus::Checked } else { ImportStatus::Refused };
    let content = (status == ImportStatus::Checked).then_some(bytes);
    let id = store::insert(&atlas.db, kind, &name, content, actor.account_id(), status, &report).await.map_err(store_error)?;
    tracing::info!(id, kind = kind.code(), status = status.code(), rows = report.read, "import checked");
    job(atlas, actor, id).await
}

/// Starts a checked (or interrupted) import on this instance; answers at once, the import runs
/// on. 409 when it is running or done already.
pub async fn start(atlas: &Atlas, actor: &Actor, id: i64) -> Result<(), Error> {
    actor.authorize(Action::Import)?;
    let found = store::one(&atlas.db, id).await.map_err(store_error)?.ok_or_else(|| Error::new(Code::NotFound))?;
    let holder = lease::holder_id();
    if !lease::try_acquire(&atlas.db, &lease_name(id), &holder, LEASE).await.map_err(store_error)? {
        return Err(Error::with(Code::Conflict, found.status.code()));
    }
    let file = match store::begin(&atlas.db, id).await {
        Ok(Some(file)) => file,
        other => {
            let _ = lease::release(&atlas.db, &lease_name(id), &holder).await;
            other.map_err(store_error)?;
            return Err(Error::with(Code::Conflict, found.status.code()));
        }
    };
    let bar = ProgressBar::hidden();
    atlas.imports.set(id, Some(bar.clone()));
    let atlas = atlas.clone();
    let author = actor.account_id();
    tokio::spawn(async move {
        run(&atlas, id, found.kind, &found.file_name, &file, &bar, author, &holder).await;
        atlas.imports.set(id, None);
        let _ = lease::release(&atlas.db, &lease_name(id), &holder).await;
        // This instance shows its own change at once; the others follow the revision.
        let _ = atlas.refresh().await;
    });
    Ok(())
}

/// The import itself, its lease renewed and its progress written while it runs.
#[allow(clippy::too_many_arguments)]
async fn run(atlas: &Atlas, id: i64, kind: ImportKind, name: &str, bytes: &[u8], bar: &ProgressBar, author: Option<i64>, holder: &str) {
    // On PostgreSQL the other instances read the lease and the progress from the database. On
    // SQLite (one instance) the import's transaction holds the one write lock: this instance's
    // memory says it all, and a heartbeat would only wait for the lock.
    let heartbeat = (atlas.db.backend == Backend::Postgres).then(|| {
        let (db, bar, holder) = (atlas.db.clone(), bar.clone(), holder.to_owned());
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(HEARTBEAT).await;
                let _ = lease::try_acquire(&db, &lease_name(id), &holder, LEASE).await;
                let _ = store::progress(&db, id, bar.position(), bar.length().unwrap_or(0)).await;
            }
        })
    });
    let outcome = stage(atlas, kind, bytes, name, bar, author).await;
    if let Some(heartbeat) = heartbeat {
        heartbeat.abort();
    }
    let written = match outcome {
        Ok((report, Some(mut tx))) => match store::finish(&mut tx, id, ImportStatus::Imported, &report).await {
            // Recorded in the import's own transaction: data and outcome commit together.
            Ok(true) => tx.commit().await.map(|_| ImportStatus::Imported),
            // Marked interrupted meanwhile (this instance looked dead): nothing is written.
            Ok(false) => tx.rollback().await.map(|_| ImportStatus::Interrupted),
            Err(e) => Err(e),
        },
        Ok((report, None)) => finish_alone(atlas, id, ImportStatus::Refused, &report).await,
        Err(ImportError::Db(e)) => Err(e),
        Err(e) => finish_alone(atlas, id, ImportStatus::Refused, &unreadable(kind, &e)).await,
    };
    match written {
        Ok(status) => tracing::info!(id, status = status.code(), "import finished"),
        Err(e) => {
            tracing::error!(id, error = %e, "import failed");
            let mut report = ImportReport::new(kind.code());
            report.rolled_back = true;
            let _ = finish_alone(atlas, id, ImportStatus::Failed, &report).await;
        }
    }
}

async fn finish_alone(atlas: &Atlas, id: i64, status: ImportStatus, report: &ImportReport) -> Result<ImportStatus, sqlx::Error> {
    let mut tx = atlas.db.begin_write().await?;
    store::finish(&mut tx, id, status, report).await?;
    tx.commit().await?;
    Ok(status)
}

/// One import as it stands now (its progress while it runs).
pub async fn job(atlas: &Atlas, actor: &Actor, id: i64) -> Result<Job, Error> {
    actor.authorize(Action::Import)?;
    let job = store::one(&atlas.db, id).await.map_err(store_error)?.ok_or_else(|| Error::new(Code::NotFound))?;
    settle(atlas, job).await.map_err(store_error)
}

/// The latest imports, the newest first.
pub async fn list(atlas: &Atlas, actor: &Actor) -> Result<Vec<Job>, Error> {
    actor.authorize(Action::Import)?;
    let mut out = Vec::new();
    for job in store::latest(&atlas.db, 30).await.map_err(store_error)? {
        out.push(settle(atlas, job).await.map_err(store_error)?);
    }
    Ok(out)
}

/// Gives up a checked or interrupted file: it is deleted from the database.
pub async fn abandon(atlas: &Atlas, actor: &Actor, id: i64) -> Result<(), Error> {
    actor.authorize(Action::Import)?;
    if store::abandon(&atlas.db, id).await.map_err(store_error)? {
        return Ok(());
    }
    let job = store::one(&atlas.db, id).await.map_err(store_error)?.ok_or_else(|| Error::new(Code::NotFound))?;
    Err(Error::with(Code::Conflict, job.status.code()))
}

/// A running job's progress: from this instance's memory when it writes it, else from its row;
/// « interrompu » when no instance holds its lease any more.
async fn settle(atlas: &Atlas, mut job: Job) -> Result<Job, sqlx::Error> {
    if job.status != ImportStatus::Running {
        return Ok(job);
    }
    if let Some(bar) = atlas.imports.get(job.id) {
        (job.done, job.total) = (bar.position(), bar.length().unwrap_or(0));
        return Ok(job);
    }
    if !lease::held(&atlas.db, &lease_name(job.id)).await? && store::interrupt(&atlas.db, job.id).await? {
        tracing::warn!(id = job.id, "import interrupted: its instance stopped");
        job.status = ImportStatus::Interrupted;
    }
    Ok(job)
}
