//! Connection to SQLite (embedded default) or PostgreSQL, chosen by the URL, and migrations.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Self, sqlx::Error> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres)
        } else {
            Err(sqlx::Error::Configuration(
                format!("DATABASE_URL doit commencer par sqlite: ou postgres:// (reçu « {url} »)").into(),
            ))
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Database {
    pub pool: AnyPool,
    pub backend: Backend,
    /// The URL it was opened with (a PostgreSQL listener opens its own connection).
    pub url: Option<String>,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// Opens a pool; for SQLite, creates the file (and its folder) when missing.
pub async fn connect(url: &str) -> Result<Database, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let backend = Backend::from_url(url)?;
    let given = url.to_owned();
    let mut url = url.to_owned();
    if backend == Backend::Sqlite {
        let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
        let path = path.split('?').next().unwrap_or("");
        if let Some(parent) = std::path::Path::new(path).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
            }
        }
        if !url.contains("mode=") {
            url.push_str(if url.contains('?') { "&mode=rwc" } else { "?mode=rwc" });
        }
    }
    let pool = AnyPoolOptions::new()
        // SQLite has one writer; a few readers are enough. PostgreSQL is bounded so that several
        // stateless instances fit under the server's connection limit.
        .max_connections(match backend {
            Backend::Sqlite => 4,
            Backend::Postgres => 10,
        })
        // While the database is unreachable, sqlx retries connecting until this deadline: it is
        // how long a request waits before its 503 (and how long a saturated pool may queue).
        .acquire_timeout(acquire_timeout())
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA synchronous = NORMAL").await?;
                    conn.execute("PRAGMA busy_timeout = 5000").await?;
                }
                Ok(())
            })
        })
        .connect(&url)
        .await?;
    Ok(Database { pool, backend, url: Some(given) })
}

/// `ATLAS_DB_ACQUIRE_TIMEOUT_MS`, default 3 000 ms.
fn acquire_timeout() -> Duration {
    let ms = std::env::var("ATLAS_DB_ACQUIRE_TIMEOUT_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(3_000);
    Duration::from_millis(ms)
}

impl Database {
    /// A transaction that will write. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`): a deferred transaction that reads then writes fails at once with
    /// SQLITE_BUSY when another connection wrote in between, instead of waiting its turn.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await,
        }
    }

    /// Latest applied migration version, 0 before the first.
    pub async fn migration_version(&self) -> Result<i64, sqlx::Error> {
        let v: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
            .fetch_one(&self.pool)
            .await?;
        Ok(v.unwrap_or(0))
    }

    /// Rows of the main tables, for /healthz and the CLI.
    pub async fn counts(&self) -> Result<Vec<(&'static str, i64)>, sqlx::Error> {
        let row: (i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM regions), (SELECT COUNT(*) FROM departements),
                    (SELECT COUNT(*) FROM epci), (SELECT COUNT(*) FROM communes),
                    (SELECT COUNT(*) FROM qpv), (SELECT COUNT(*) FROM regies),
                    (SELECT COUNT(*) FROM couvertures)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(vec![
            ("regions", row.0),
            ("departements", row.1),
            ("epci", row.2),
            ("communes", row.3),
            ("qpv", row.4),
            ("regies", row.5),
            ("couvertures", row.6),
        ])
    }

    pub async fn is_empty(&self) -> Result<bool, sqlx::Error> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM communes").fetch_one(&self.pool).await?;
        Ok(n == 0)
    }
}

/// ISO-8601 UTC timestamp stored in `created_at` / `updated_at`.
pub fn now() -> String {
    jiff::Timestamp::now().round(jiff::Unit::Second).unwrap_or_else(|_| jiff::Timestamp::now()).to_string()
}

impl FromStr for Backend {
    type Err = sqlx::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_url(s)
    }
}
