//! Leases: work that one server instance at a time must do (loading the reference data into an
//! empty database), held in a row so that it holds across instances, and ending by itself when
//! its holder died.

use crate::db::Database;

fn unix_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// Takes the lease `name` for `holder` for `ttl` unless another holder has it and it has not
/// expired. One statement, so two instances can never both get it.
pub async fn try_acquire(db: &Database, name: &str, holder: &str, ttl: std::time::Duration) -> Result<bool, sqlx::Error> {
    let now = unix_ms();
    let taken = sqlx::query(
        "INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.expires_at < $4 OR leases.holder = excluded.holder",
    )
    .bind(name)
    .bind(holder)
    .bind(now + ttl.as_millis() as i64)
    .bind(now)
    .execute(&db.pool)
    .await?
    .rows_affected();
    Ok(taken == 1)
}

/// Gives the lease back (only if this holder has it).
pub async fn release(db: &Database, name: &str, holder: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM leases WHERE name = $1 AND holder = $2").bind(name).bind(holder).execute(&db.pool).await?;
    Ok(())
}

/// A name for this process among the instances: host-independent, unique enough for a lease.
pub fn holder_id() -> String {
    format!("pid{}-{}", std::process::id(), unix_ms())
}

/// Claims `name` for `holder` once: nobody takes it again until it expires, not even its holder
/// (work done once per period across instances, such as a day's digest). Expired claims go.
pub async fn claim_once(db: &Database, name: &str, holder: &str, ttl: std::time::Duration) -> Result<bool, sqlx::Error> {
    let now = unix_ms();
    // An expired lease is free whatever its name: clearing them keeps the table at its live claims.
    sqlx::query("DELETE FROM leases WHERE expires_at < $1").bind(now).execute(&db.pool).await?;
    let taken = sqlx::query("INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING")
        .bind(name)
        .bind(holder)
        .bind(now + ttl.as_millis() as i64)
        .execute(&db.pool)
        .await?
        .rows_affected();
    Ok(taken == 1)
}

/// Whether someone holds `name` now (an unexpired lease).
pub async fn held(db: &Database, name: &str) -> Result<bool, sqlx::Error> {
    let expires: Option<i64> = sqlx::query_scalar("SELECT expires_at FROM leases WHERE name = $1").bind(name).fetch_optional(&db.pool).await?;
    Ok(expires.is_some_and(|at| at >= unix_ms()))
}
