//! Test databases: every test runs on SQLite and, when `TEST_DATABASE_URL` is set, on PostgreSQL,
//! from the same code. Each PostgreSQL test gets its own schema, so tests run in parallel.

#![allow(dead_code)]

pub mod browser;
pub mod images;
pub mod process;
pub mod smtp_sink;
pub mod teams;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use atlas_service::db::{self, Database};

static NEXT: AtomicUsize = AtomicUsize::new(0);

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

pub fn reference_dir() -> PathBuf {
    repo_root().join("data/reference")
}

/// The backends this run covers: SQLite always; PostgreSQL from `TEST_DATABASE_URL`.
/// Outside CI a missing PostgreSQL is a visible skip; with `CI=true` it is a failure.
pub fn backends() -> Vec<&'static str> {
    let mut v = vec!["sqlite"];
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => v.push("postgres"),
        _ if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("CI=true mais TEST_DATABASE_URL n'est pas défini : les tests PostgreSQL doivent tourner en CI")
        }
        _ => eprintln!("NOTE : TEST_DATABASE_URL non défini, tests PostgreSQL IGNORÉS (SQLite seulement)"),
    }
    v
}

/// A fresh, migrated database of the given backend.
pub async fn fresh(backend: &str) -> Database {
    let url = fresh_url(backend).await;
    let database = db::connect(&url).await.unwrap_or_else(|e| panic!("connexion {backend} : {e}"));
    database.migrate().await.unwrap_or_else(|e| panic!("migration {backend} : {e}"));
    database
}

/// Two running instances' handles (two pools) on one fresh, migrated database of the backend.
pub async fn two_instances(backend: &str) -> (Database, Database) {
    let url = fresh_url(backend).await;
    let first = db::connect(&url).await.unwrap_or_else(|e| panic!("connexion {backend} : {e}"));
    first.migrate().await.unwrap_or_else(|e| panic!("migration {backend} : {e}"));
    let second = db::connect(&url).await.unwrap_or_else(|e| panic!("connexion {backend} : {e}"));
    (first, second)
}

/// The URL of a new, empty database of the given backend (a file, or a PostgreSQL schema).
pub async fn fresh_url(backend: &str) -> String {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let tag = format!("t{}_{}_{n}", std::process::id(), std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() % 1_000_000);
    let url = match backend {
        "sqlite" => {
            let dir = std::env::temp_dir().join("atlas-tests");
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(format!("{tag}.db"));
            let _ = std::fs::remove_file(&path);
            format!("sqlite://{}", path.display())
        }
        "postgres" => {
            let base = std::env::var("TEST_DATABASE_URL").unwrap();
            let admin = db::connect(&base).await.expect("PostgreSQL de test joignable");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA atlas_{tag}")))
                .execute(&admin.pool)
                .await
                .expect("create schema");
            admin.pool.close().await;
            let sep = if base.contains('?') { '&' } else { '?' };
            format!("{base}{sep}options=-c%20search_path%3Datlas_{tag}")
        }
        other => panic!("backend inconnu {other}"),
    };
    url
}

pub async fn count(db: &Database, table: &'static str) -> i64 {
    let sql = match table {
        "regions" => "SELECT COUNT(*) FROM regions",
        "departements" => "SELECT COUNT(*) FROM departements",
        "epci" => "SELECT COUNT(*) FROM epci",
        "communes" => "SELECT COUNT(*) FROM communes",
        "qpv" => "SELECT COUNT(*) FROM qpv",
        "qpv_communes" => "SELECT COUNT(*) FROM qpv_communes",
        "regies" => "SELECT COUNT(*) FROM regies",
        "couvertures" => "SELECT COUNT(*) FROM couvertures",
        "accounts" => "SELECT COUNT(*) FROM accounts",
        "participation_items" => "SELECT COUNT(*) FROM participation_items",
        "participation_follows" => "SELECT COUNT(*) FROM participation_follows",
        "participation_drafts" => "SELECT COUNT(*) FROM participation_drafts",
        "partenaires" => "SELECT COUNT(*) FROM partenaires",
        other => panic!("table inconnue {other}"),
    };
    sqlx::query_scalar(sql).fetch_one(&db.pool).await.unwrap()
}

pub async fn count_corrections(db: &Database) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM corrections").fetch_one(&db.pool).await.unwrap()
}

/// A small deterministic generator for the hostile tests: the same cases on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// The reference communes and Régies, without the QPV contours (the slow part): enough for
/// tests that need real Régies (teams, roles scoped to a Régie).
pub async fn load_regies(db: &Database) {
    use atlas_service::import::{self, ImportOptions, Request};
    let cli = atlas_service::Actor::Cli;
    import::run(db, &cli, Request::Communes(reference_dir()), ImportOptions::default()).await.unwrap();
    import::run(db, &cli, Request::Regies(reference_dir().join("regies_candidates_2019.csv")), ImportOptions::default()).await.unwrap();
}

/// A QPV (`QN9999999Z`, no outline: posts name it) that Régie 1 covers (declared); answers
/// Régie 1's slug. After `load_regies`.
pub async fn qpv_covered_by_regie_1(db: &Database) -> String {
    let ts = "2026-01-01T00:00:00Z";
    sqlx::query("INSERT INTO qpv (code, nom, created_at, updated_at) VALUES ('QN9999999Z', 'Les Tilleuls d''essai', $1, $1)").bind(ts).execute(&db.pool).await.unwrap();
    sqlx::query("INSERT INTO couvertures (regie_id, qpv_code, statut, created_at, updated_at) VALUES (1, 'QN9999999Z', 'declaree', $1, $1)").bind(ts).execute(&db.pool).await.unwrap();
    sqlx::query_scalar("SELECT slug FROM regies WHERE id = 1").fetch_one(&db.pool).await.unwrap()
}
