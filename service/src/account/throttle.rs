//! Sign-in throttling kept in the database, so that it holds across instances: failures are
//! counted per account and per client address in a 15-minute window; past the limit, every
//! attempt (even with the right password) is refused until the wait ends.

use crate::db::Database;

pub const WINDOW_MS: i64 = 15 * 60_000;
/// Failures allowed in a window, per account and per client address (a shared address, a
/// social centre's computers, has more room).
pub const ACCOUNT_LIMIT: i64 = 10;
pub const CLIENT_LIMIT: i64 = 50;
pub const BLOCK_MS: i64 = 15 * 60_000;

/// When the key is blocked, the milliseconds left to wait.
pub async fn blocked(db: &Database, key: &str, now: i64) -> Result<Option<i64>, sqlx::Error> {
    let until: Option<Option<i64>> = sqlx::query_scalar("SELECT blocked_until FROM throttles WHERE throttle_key = $1")
        .bind(key)
        .fetch_optional(&db.pool)
        .await?;
    Ok(until.flatten().filter(|u| *u > now).map(|u| u - now))
}

/// Counts a failure, in one statement (two instances counting at once lose no failure).
pub async fn fail(db: &Database, key: &str, limit: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO throttles (throttle_key, window_start, failures, blocked_until) VALUES ($1, $2, 1, NULL)
         ON CONFLICT (throttle_key) DO UPDATE SET
           failures = CASE WHEN throttles.window_start < $3 THEN 1 ELSE throttles.failures + 1 END,
           window_start = CASE WHEN throttles.window_start < $3 THEN $2 ELSE throttles.window_start END,
           blocked_until = CASE WHEN throttles.window_start >= $3 AND throttles.failures + 1 >= $4 THEN $5 ELSE throttles.blocked_until END",
    )
    .bind(key)
    .bind(now)
    .bind(now - WINDOW_MS)
    .bind(limit)
    .bind(now + BLOCK_MS)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// A successful sign-in forgets the account's failures.
pub async fn clear(db: &Database, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM throttles WHERE throttle_key = $1").bind(key).execute(&db.pool).await?;
    Ok(())
}

/// Old rows: windows and blocks that ended (the privacy page says sign-in traces last a day).
pub async fn forget_before(db: &Database, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM throttles WHERE window_start < $1 AND (blocked_until IS NULL OR blocked_until < $1)")
        .bind(before)
        .execute(&db.pool)
        .await?
        .rows_affected())
}

/// Writes per client (the server's write limit): `limit` per minute, counted in one statement so
/// that every instance adds to the same count. `Some(wait in ms)` when this write is over it.
pub async fn count_write(db: &Database, client: &str, limit: i64, now: i64) -> Result<Option<i64>, sqlx::Error> {
    const MINUTE_MS: i64 = 60_000;
    let (window_start, count): (i64, i64) = sqlx::query_as(
        "INSERT INTO throttles (throttle_key, window_start, failures, blocked_until) VALUES ($1, $2, 1, NULL)
         ON CONFLICT (throttle_key) DO UPDATE SET
           failures = CASE WHEN throttles.window_start <= $3 THEN 1 ELSE throttles.failures + 1 END,
           window_start = CASE WHEN throttles.window_start <= $3 THEN $2 ELSE throttles.window_start END
         RETURNING window_start, failures",
    )
    .bind(format!("ecriture:{client}"))
    .bind(now)
    .bind(now - MINUTE_MS)
    .fetch_one(&db.pool)
    .await?;
    Ok((count > limit).then(|| (window_start + MINUTE_MS - now).max(1)))
}
