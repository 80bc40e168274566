//! Backups of an SQLite database while the server runs (`VACUUM INTO`: a consistent, compact
//! copy), and their restoration while it is stopped. PostgreSQL has its own tools (pg_dump,
//! pg_restore), documented in the README.

use std::path::{Path, PathBuf};

use crate::db::{Backend, Database};
use crate::{Action, Actor};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("sauvegarde PostgreSQL : utilisez pg_dump -Fc \"$DATABASE_URL\" -f FICHIER.dump (restauration : pg_restore --clean -d \"$DATABASE_URL\" FICHIER.dump)")]
    Postgres,
    #[error("{0} existe déjà : choisissez un autre nom, une sauvegarde n'écrase rien")]
    Exists(String),
    #[error("{0} n'est pas une sauvegarde valide de l'Atlas : {1}")]
    Invalid(String, String),
    #[error("fichier : {0}")]
    Io(#[from] std::io::Error),
    #[error("base de données : {0}")]
    Db(#[from] sqlx::Error),
    #[error("{0}")]
    Denied(#[from] atlas_core::error::Error),
}

/// The file of an SQLite URL (`sqlite://data/atlas.db?mode=rwc` → `data/atlas.db`).
pub fn sqlite_path(url: &str) -> PathBuf {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    PathBuf::from(path.split('?').next().unwrap_or(""))
}

/// Writes a consistent copy of the live database to `target` (which must not exist).
pub async fn backup(database: &Database, actor: &Actor, target: &Path) -> Result<u64, BackupError> {
    actor.authorize(Action::Backup)?;
    if database.backend == Backend::Postgres {
        return Err(BackupError::Postgres);
    }
    if target.exists() {
        return Err(BackupError::Exists(target.display().to_string()));
    }
    let quoted = target.to_string_lossy().replace('\'', "''");
    sqlx::query(sqlx::AssertSqlSafe(format!("VACUUM INTO '{quoted}'"))).execute(&database.pool).await?;
    Ok(std::fs::metadata(target)?.len())
}

/// Replaces the database of `url` by the backup `source`, after checking that the backup is an
/// intact Atlas database. The server must be stopped. Returns the schema version restored.
pub async fn restore(url: &str, actor: &Actor, source: &Path) -> Result<i64, BackupError> {
    actor.authorize(Action::Backup)?;
    if Backend::from_url(url)? == Backend::Postgres {
        return Err(BackupError::Postgres);
    }
    let invalid = |why: String| BackupError::Invalid(source.display().to_string(), why);
    if !source.is_file() {
        return Err(invalid("fichier introuvable".into()));
    }
    // Check the copy itself, read-only, before touching the live file.
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut check = sqlx::AnyConnection::connect(&format!("sqlite://{}?mode=ro", source.display())).await.map_err(|e| invalid(e.to_string()))?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut check).await.map_err(|e| invalid(e.to_string()))?;
    if integrity != "ok" {
        return Err(invalid(format!("contrôle d'intégrité : {integrity}")));
    }
    let version: i64 = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
        .fetch_one(&mut check)
        .await
        .map_err(|_| invalid("ce n'est pas une base de l'Atlas (pas de migrations)".into()))?;
    check.close().await?;
    let live = sqlite_path(url);
    if let Some(parent) = live.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    // Copy beside, then rename: the live file is never half-written.
    let temporary = live.with_extension("restauration");
    std::fs::copy(source, &temporary)?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", live.display()));
    }
    std::fs::rename(&temporary, &live)?;
    Ok(version)
}
