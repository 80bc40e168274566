//! Accounts, roles, sessions and one-time tokens: the SQL. Instants are Unix milliseconds.

use sqlx::AnyConnection;

use crate::db::Database;

pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub email: String,
    pub pseudonym: String,
    pub password_hash: Option<String>,
    pub locale: String,
    pub created_at: i64,
    pub confirmed_at: Option<i64>,
    pub suspended_at: Option<i64>,
    pub pseudonym_key: String,
    pub totp_secret: Option<String>,
    pub totp_last_step: Option<i64>,
}

/// sqlx 0.9 takes only static SQL: the column list is spliced by the macro, not at run time.
macro_rules! select_account {
    ($rest:literal) => {
        concat!(
            "SELECT id, email, pseudonym, password_hash, locale, created_at, confirmed_at, suspended_at, pseudonym_key, totp_secret, totp_last_step FROM accounts ",
            $rest
        )
    };
}

pub async fn by_email(conn: &mut AnyConnection, email: &str) -> Result<Option<AccountRow>, sqlx::Error> {
    sqlx::query_as(select_account!("WHERE email = $1")).bind(email).fetch_optional(conn).await
}

pub async fn by_id(conn: &mut AnyConnection, id: i64) -> Result<Option<AccountRow>, sqlx::Error> {
    sqlx::query_as(select_account!("WHERE id = $1")).bind(id).fetch_optional(conn).await
}

pub async fn pseudonym_taken(conn: &mut AnyConnection, key: &str, except: Option<i64>) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE pseudonym_key = $1 AND id <> $2")
        .bind(key)
        .bind(except.unwrap_or(-1))
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

pub struct NewAccount<'a> {
    pub email: &'a str,
    pub pseudonym: &'a str,
    pub pseudonym_key: &'a str,
    pub password_hash: Option<&'a str>,
    pub locale: &'a str,
    pub confirmed: bool,
}

pub async fn insert(conn: &mut AnyConnection, a: &NewAccount<'_>, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO accounts (email, pseudonym, pseudonym_key, password_hash, locale, created_at, confirmed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(a.email)
    .bind(a.pseudonym)
    .bind(a.pseudonym_key)
    .bind(a.password_hash)
    .bind(a.locale)
    .bind(now)
    .bind(a.confirmed.then_some(now))
    .fetch_one(conn)
    .await
}

pub async fn set_confirmed(conn: &mut AnyConnection, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET confirmed_at = COALESCE(confirmed_at, $2) WHERE id = $1").bind(id).bind(now).execute(conn).await?;
    Ok(())
}

pub async fn set_password(conn: &mut AnyConnection, id: i64, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET password_hash = $2 WHERE id = $1").bind(id).bind(hash).execute(conn).await?;
    Ok(())
}

pub async fn set_suspended(conn: &mut AnyConnection, id: i64, at: Option<i64>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET suspended_at = $2 WHERE id = $1").bind(id).bind(at).execute(conn).await?;
    Ok(())
}

/// Deletes the account; its roles, sessions and tokens go with it (ON DELETE CASCADE).
pub async fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM accounts WHERE id = $1").bind(id).execute(conn).await?;
    Ok(())
}

/// Unconfirmed accounts older than `before`: deleted (the privacy page promises it).
pub async fn delete_unconfirmed(db: &Database, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM accounts WHERE confirmed_at IS NULL AND created_at < $1").bind(before).execute(&db.pool).await?.rows_affected())
}

pub async fn grant(conn: &mut AnyConnection, id: i64, role: &str, scope: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO account_roles (account_id, role, scope, granted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (account_id, role, scope) DO NOTHING",
    )
    .bind(id)
    .bind(role)
    .bind(scope)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn roles(conn: &mut AnyConnection, id: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT role, scope FROM account_roles WHERE account_id = $1 ORDER BY role, scope").bind(id).fetch_all(conn).await
}

/// Every account with its roles, for the operator (`server users list`).
pub async fn list(db: &Database) -> Result<Vec<(AccountRow, Vec<(String, String)>)>, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    let rows: Vec<AccountRow> = sqlx::query_as(select_account!("ORDER BY email")).fetch_all(&mut *conn).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let roles = roles(&mut conn, r.id).await?;
        out.push((r, roles));
    }
    Ok(out)
}

pub async fn insert_token(conn: &mut AnyConnection, hash: &str, account: i64, purpose: &str, payload: Option<&str>, now: i64, ttl_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO account_tokens (token_hash, account_id, purpose, payload, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(hash)
    .bind(account)
    .bind(purpose)
    .bind(payload)
    .bind(now)
    .bind(now + ttl_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// Uses a token once: marks it used and answers its account and payload, if it was valid for
/// this purpose. The UPDATE's condition makes two simultaneous uses yield one success.
pub async fn use_token(conn: &mut AnyConnection, hash: &str, purpose: &str, now: i64) -> Result<Option<(i64, Option<String>)>, sqlx::Error> {
    let used = sqlx::query(
        "UPDATE account_tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(hash)
    .bind(purpose)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if used == 0 {
        return Ok(None);
    }
    sqlx::query_as("SELECT account_id, payload FROM account_tokens WHERE token_hash = $1").bind(hash).fetch_optional(conn).await
}

/// A new session; `awaiting_code`: it opens nothing until the second factor's code is given.
pub async fn insert_session(conn: &mut AnyConnection, hash: &str, account: i64, now: i64, absolute_ms: i64, awaiting_code: bool) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, expires_at, awaiting_code) VALUES ($1, $2, $3, $3, $4, $5)")
        .bind(hash)
        .bind(account)
        .bind(now)
        .bind(now + absolute_ms)
        .bind(i64::from(awaiting_code))
        .execute(conn)
        .await?;
    Ok(())
}

/// The account of a live session (neither past its absolute end nor idle too long, nor waiting
/// for a second factor), and when it was last seen.
pub async fn session(conn: &mut AnyConnection, hash: &str, now: i64, idle_ms: i64) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT account_id, last_seen_at FROM sessions WHERE token_hash = $1 AND expires_at > $2 AND last_seen_at > $3 AND awaiting_code = 0")
        .bind(hash)
        .bind(now)
        .bind(now - idle_ms)
        .fetch_optional(conn)
        .await
}

/// The account of a live session that waits for its second factor's code.
pub async fn awaiting_session(conn: &mut AnyConnection, hash: &str, now: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT account_id FROM sessions WHERE token_hash = $1 AND expires_at > $2 AND awaiting_code = 1")
        .bind(hash)
        .bind(now)
        .fetch_optional(conn)
        .await
}

/// Spends the time step of an accepted code, unless it (or a later one) was spent already: on
/// every instance at once, only one request can win a given step.
pub async fn spend_code_step(conn: &mut AnyConnection, account: i64, step: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE accounts SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)")
        .bind(account)
        .bind(step)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Sets (or, with `None`, removes) the second factor's secret; its spent steps start again.
pub async fn set_totp_secret(conn: &mut AnyConnection, account: i64, secret: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET totp_secret = $2, totp_last_step = NULL WHERE id = $1").bind(account).bind(secret).execute(conn).await?;
    Ok(())
}

pub async fn touch_session(conn: &mut AnyConnection, hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1").bind(hash).bind(now).execute(conn).await?;
    Ok(())
}

pub async fn delete_session(db: &Database, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(hash).execute(&db.pool).await?;
    Ok(())
}

pub async fn delete_session_in(conn: &mut AnyConnection, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(hash).execute(conn).await?;
    Ok(())
}

pub async fn delete_sessions_of(conn: &mut AnyConnection, account: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM sessions WHERE account_id = $1").bind(account).execute(conn).await?.rows_affected())
}

/// Sessions past their absolute end or idle too long, and links expired or used before `used_before`.
pub async fn delete_expired(db: &Database, now: i64, used_before: i64) -> Result<u64, sqlx::Error> {
    let idle_since = now - super::SESSION_IDLE_MS;
    let s = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2").bind(now).bind(idle_since).execute(&db.pool).await?;
    let t = sqlx::query("DELETE FROM account_tokens WHERE expires_at <= $1 OR used_at < $2").bind(now).bind(used_before).execute(&db.pool).await?;
    Ok(s.rows_affected() + t.rows_affected())
}

/// The id of the Régie with this slug (a role's scope).
pub async fn regie_id(db: &Database, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM regies WHERE slug = $1").bind(slug).fetch_optional(&db.pool).await
}

/// The account a token would sign in, without spending it (a form refused for its password
/// keeps its link usable).
pub async fn peek_token(conn: &mut AnyConnection, hash: &str, purpose: &str, now: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT account_id FROM account_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3")
        .bind(hash)
        .bind(purpose)
        .bind(now)
        .fetch_optional(conn)
        .await
}

pub async fn set_pseudonym(conn: &mut AnyConnection, id: i64, shown: &str, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET pseudonym = $2, pseudonym_key = $3 WHERE id = $1").bind(id).bind(shown).bind(key).execute(conn).await?;
    Ok(())
}

pub async fn set_email(conn: &mut AnyConnection, id: i64, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET email = $2 WHERE id = $1").bind(id).bind(email).execute(conn).await?;
    Ok(())
}

pub async fn regie_name(conn: &mut AnyConnection, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT nom FROM regies WHERE id = $1").bind(id).fetch_optional(conn).await
}

/// A session as its owner may see it (never its token's hash).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub awaiting_code: i64,
}

pub async fn sessions_of(conn: &mut AnyConnection, account: i64) -> Result<Vec<SessionRow>, sqlx::Error> {
    sqlx::query_as("SELECT created_at, last_seen_at, expires_at, awaiting_code FROM sessions WHERE account_id = $1 ORDER BY created_at")
        .bind(account)
        .fetch_all(conn)
        .await
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TokenRow {
    pub purpose: String,
    pub payload: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

pub async fn tokens_of(conn: &mut AnyConnection, account: i64) -> Result<Vec<TokenRow>, sqlx::Error> {
    sqlx::query_as("SELECT purpose, payload, created_at, expires_at, used_at FROM account_tokens WHERE account_id = $1 ORDER BY created_at")
        .bind(account)
        .fetch_all(conn)
        .await
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MailRow {
    pub subject: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

pub async fn mails_to(conn: &mut AnyConnection, recipient: &str) -> Result<Vec<MailRow>, sqlx::Error> {
    sqlx::query_as("SELECT subject, created_at, sent_at FROM outbox WHERE recipient = $1 ORDER BY id").bind(recipient).fetch_all(conn).await
}

pub async fn delete_mails_to(conn: &mut AnyConnection, recipient: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM outbox WHERE recipient = $1").bind(recipient).execute(conn).await?;
    Ok(())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ThrottleRow {
    pub throttle_key: String,
    pub window_start: i64,
    pub failures: i64,
    pub blocked_until: Option<i64>,
}

/// The sign-in and mail-request counters kept for an address.
pub async fn throttles_of(conn: &mut AnyConnection, email: &str) -> Result<Vec<ThrottleRow>, sqlx::Error> {
    sqlx::query_as("SELECT throttle_key, window_start, failures, blocked_until FROM throttles WHERE throttle_key = $1 OR throttle_key = $2")
        .bind(format!("compte:{email}"))
        .bind(format!("courriel:{email}"))
        .fetch_all(conn)
        .await
}

pub async fn delete_throttles_of(conn: &mut AnyConnection, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM throttles WHERE throttle_key = $1 OR throttle_key = $2")
        .bind(format!("compte:{email}"))
        .bind(format!("courriel:{email}"))
        .execute(conn)
        .await?;
    Ok(())
}

