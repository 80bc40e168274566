//! Bringing a database to life: several instances may start at the same moment on one empty
//! PostgreSQL database; one of them loads the reference data (under a lease), the others wait
//! for it, and none fails.

use std::path::Path;
use std::time::Duration;

use atlas_core::report::ImportReport;

use crate::db::Database;
use crate::import::ImportError;
use crate::lease;

const LEASE: &str = "chargement-reference";
/// Longer than a national load takes on a slow machine; a holder that died frees it then.
const LEASE_TTL: Duration = Duration::from_secs(15 * 60);

/// Loads `reference_dir` into the database when it is empty, once across instances; returns the
/// import reports when this instance did the loading. `demo_file`: the demonstration
/// partnerships too, when none are loaded yet (`ATLAS_DEMO=1`).
pub async fn prepare(db: &Database, reference_dir: &Path, demo_file: Option<&Path>) -> Result<Vec<ImportReport>, ImportError> {
    let holder = lease::holder_id();
    let mut waited = false;
    while !lease::try_acquire(db, LEASE, &holder, LEASE_TTL).await? {
        if !waited {
            tracing::info!("another instance is preparing the database; waiting for it");
            waited = true;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let result = prepare_holding_lease(db, reference_dir, demo_file).await;
    lease::release(db, LEASE, &holder).await?;
    result
}

async fn prepare_holding_lease(db: &Database, reference_dir: &Path, demo_file: Option<&Path>) -> Result<Vec<ImportReport>, ImportError> {
    let mut reports = Vec::new();
    if db.is_empty().await? {
        tracing::info!(dir = %reference_dir.display(), "empty database: loading the national reference data");
        reports = crate::import::reference::load(db, reference_dir).await?;
    }
    if let Some(file) = demo_file {
        if !crate::import::partnerships::has_demo(db).await? {
            let report = crate::import::partnerships::import_file(db, file, crate::import::ImportOptions::default(), true).await?;
            tracing::info!(inserted = report.inserted, rejected = report.rejected.len(), "demonstration partnerships loaded");
            reports.push(report);
        }
    }
    Ok(reports)
}
