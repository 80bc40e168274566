//! Backup while the server runs, then restore: what was there comes back, intact. SQLite only:
//! PostgreSQL is backed up with pg_dump (README), and the command says so.

mod common;

use atlas_service::backup::{backup, restore, sqlite_path, BackupError};
use atlas_service::Actor;
use atlas_service::{db, import::reference};
use common::reference_dir;

#[tokio::test]
async fn backup_then_restore_brings_back_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("atlas.db").display());
    let database = db::connect(&url).await.unwrap();
    database.migrate().await.unwrap();
    reference::load(&database, &reference_dir()).await.unwrap();
    let before = database.counts().await.unwrap();

    let file = dir.path().join("sauvegarde.db");
    let bytes = backup(&database, &Actor::Cli, &file).await.unwrap();
    assert!(bytes > 1_000_000, "a copy with the national data: {bytes} bytes");
    assert!(matches!(backup(&database, &Actor::Cli, &file).await, Err(BackupError::Exists(_))), "never overwrites");

    // Damage after the backup: QPVs deleted.
    sqlx::query("DELETE FROM couvertures").execute(&database.pool).await.unwrap();
    sqlx::query("DELETE FROM qpv").execute(&database.pool).await.unwrap();
    assert_ne!(database.counts().await.unwrap(), before);
    database.pool.close().await;

    let version = restore(&url, &Actor::Cli, &file).await.unwrap();
    assert!(version >= 2);
    let database = db::connect(&url).await.unwrap();
    assert_eq!(database.counts().await.unwrap(), before, "every table as it was");
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&database.pool).await.unwrap();
    assert_eq!(integrity, "ok");
    assert_eq!(sqlite_path(&url), dir.path().join("atlas.db"));

    // Not a backup: refused, the live database untouched.
    let junk = dir.path().join("pas-une-base.db");
    std::fs::write(&junk, b"bonjour").unwrap();
    let err = restore(&url, &Actor::Cli, &junk).await.unwrap_err().to_string();
    assert!(err.contains("n'est pas une sauvegarde valide"), "{err}");
    assert_eq!(database.counts().await.unwrap(), before);
    // PostgreSQL: the command points to pg_dump.
    let err = restore("postgres://localhost/x", &Actor::Cli, &file).await.unwrap_err().to_string();
    assert!(err.contains("pg_dump"), "{err}");
}
