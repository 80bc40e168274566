//! A Régie's team and its invitations: the SQL. Instants are Unix milliseconds.

use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct InvitationRow {
    pub email: String,
    pub regie_id: i64,
    pub role: String,
    pub invited_by: Option<i64>,
    pub created_at: i64,
    pub expires_at: i64,
    pub accepted_at: Option<i64>,
}

pub struct NewInvitation<'a> {
    pub token_hash: &'a str,
    pub email: &'a str,
    pub regie: i64,
    pub role: &'a str,
    pub invited_by: Option<i64>,
}

/// A new invitation; one pending per address and Régie (an older one is replaced).
pub async fn insert(conn: &mut AnyConnection, i: &NewInvitation<'_>, now: i64, ttl_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM invitations WHERE email = $1 AND regie_id = $2 AND accepted_at IS NULL").bind(i.email).bind(i.regie).execute(&mut *conn).await?;
    sqlx::query("INSERT INTO invitations (token_hash, email, regie_id, role, invited_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(i.token_hash)
        .bind(i.email)
        .bind(i.regie)
        .bind(i.role)
        .bind(i.invited_by)
        .bind(now)
        .bind(now + ttl_ms)
        .execute(conn)
        .await?;
    Ok(())
}

/// A pending, unexpired invitation.
pub async fn alive(conn: &mut AnyConnection, hash: &str, now: i64) -> Result<Option<InvitationRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT email, regie_id, role, invited_by, created_at, expires_at, accepted_at FROM invitations
         WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2",
    )
    .bind(hash)
    .bind(now)
    .fetch_optional(conn)
    .await
}

/// Spends the invitation; false when another request spent it first.
pub async fn accept(conn: &mut AnyConnection, hash: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE invitations SET accepted_at = $2 WHERE token_hash = $1 AND accepted_at IS NULL").bind(hash).bind(now).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// The person's one role in the Régie's team (an éditeur made administrateur is no longer éditeur).
pub async fn set_member(conn: &mut AnyConnection, account: i64, regie: i64, role: &str, now: i64) -> Result<(), sqlx::Error> {
    remove_member(conn, account, regie).await?;
    sqlx::query("INSERT INTO account_roles (account_id, role, scope, granted_at) VALUES ($1, $2, $3, $4)")
        .bind(account)
        .bind(role)
        .bind(regie.to_string())
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Takes the person out of the team; the number of roles removed.
pub async fn remove_member(conn: &mut AnyConnection, account: i64, regie: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM account_roles WHERE account_id = $1 AND scope = $2 AND role IN ('regie-editor', 'regie-admin')")
        .bind(account)
        .bind(regie.to_string())
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// The person's role in the Régie's team (`regie-editor`, `regie-admin`), if any.
pub async fn member_role(conn: &mut AnyConnection, account: i64, regie: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT role FROM account_roles WHERE account_id = $1 AND scope = $2 AND role IN ('regie-editor', 'regie-admin') LIMIT 1")
        .bind(account)
        .bind(regie.to_string())
        .fetch_optional(conn)
        .await
}

pub async fn admin_count(conn: &mut AnyConnection, regie: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM account_roles WHERE scope = $1 AND role = 'regie-admin'").bind(regie.to_string()).fetch_one(conn).await
}

/// The Régie's row lock, held to the end of the transaction (an update that changes nothing).
pub async fn lock_regie(conn: &mut AnyConnection, regie: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE regies SET id = id WHERE id = $1").bind(regie).execute(conn).await?;
    Ok(())
}

/// Withdraws the pending invitations of an address to the Régie.
pub async fn withdraw(conn: &mut AnyConnection, email: &str, regie: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM invitations WHERE email = $1 AND regie_id = $2 AND accepted_at IS NULL").bind(email).bind(regie).execute(conn).await?;
    Ok(done.rows_affected())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MemberRow {
    pub account_id: i64,
    pub email: String,
    pub pseudonym: String,
    pub role: String,
}

pub async fn members(conn: &mut AnyConnection, regie: i64) -> Result<Vec<MemberRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id AS account_id, a.email, a.pseudonym, r.role FROM account_roles r JOIN accounts a ON a.id = r.account_id
         WHERE r.scope = $1 AND r.role IN ('regie-editor', 'regie-admin') ORDER BY r.role DESC, a.pseudonym",
    )
    .bind(regie.to_string())
    .fetch_all(conn)
    .await
}

pub async fn pending(conn: &mut AnyConnection, regie: i64, now: i64) -> Result<Vec<InvitationRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT email, regie_id, role, invited_by, created_at, expires_at, accepted_at FROM invitations
         WHERE regie_id = $1 AND accepted_at IS NULL AND expires_at > $2 ORDER BY created_at",
    )
    .bind(regie)
    .bind(now)
    .fetch_all(conn)
    .await
}

/// The invitations a person sent (their data: the export shows them).
pub async fn sent_by(conn: &mut AnyConnection, account: i64) -> Result<Vec<InvitationRow>, sqlx::Error> {
    sqlx::query_as("SELECT email, regie_id, role, invited_by, created_at, expires_at, accepted_at FROM invitations WHERE invited_by = $1 ORDER BY created_at")
        .bind(account)
        .fetch_all(conn)
        .await
}

/// Invitations addressed to a person (their data too: the export shows them, deletion removes them).
pub async fn addressed_to(conn: &mut AnyConnection, email: &str) -> Result<Vec<InvitationRow>, sqlx::Error> {
    sqlx::query_as("SELECT email, regie_id, role, invited_by, created_at, expires_at, accepted_at FROM invitations WHERE email = $1 ORDER BY created_at")
        .bind(email)
        .fetch_all(conn)
        .await
}

pub async fn delete_addressed_to(conn: &mut AnyConnection, email: &str) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM invitations WHERE email = $1").bind(email).execute(conn).await?.rows_affected())
}

/// Expired invitations, and accepted ones after `accepted_before` (the privacy page's promise).
pub async fn delete_expired(conn: &mut AnyConnection, now: i64, accepted_before: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM invitations WHERE (accepted_at IS NULL AND expires_at <= $1) OR accepted_at < $2").bind(now).bind(accepted_before).execute(conn).await?;
    Ok(done.rows_affected())
}

pub async fn regie_slug(conn: &mut AnyConnection, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT slug FROM regies WHERE id = $1").bind(id).fetch_optional(conn).await
}
