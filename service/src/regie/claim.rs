//! « Vous travaillez dans cette Régie ? »: a signed-in person asks to keep a Régie's page (the
//! role wished, a message); the network accepts or refuses, and the person is mailed either way.
//! The first person accepted for a Régie becomes its administrator, whatever was asked: someone
//! must be able to invite the rest of the team. Each step is one transaction, the mail with it.

use atlas_core::locale::Locale;

use crate::account::public_url;
use crate::account::store::now_ms;
use crate::account::team::{store as team, TeamRole};
use crate::db::Database;
use crate::mail::{enqueue, texts};
use crate::{store_error, Action, Actor, Code, Error};

pub const MESSAGE_MAX_CHARS: usize = 1000;

/// A request waiting for the network, as its queue lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub id: i64,
    pub regie_slug: String,
    pub regie_name: String,
    pub pseudonym: String,
    pub email: String,
    pub role: TeamRole,
    pub message: String,
    /// Unix milliseconds.
    pub created_at: i64,
}

/// Asks to keep the Régie of `slug`; 409 when the person already keeps it or already asked.
pub async fn ask(db: &Database, actor: &Actor, slug: &str, role: TeamRole, message: &str) -> Result<i64, Error> {
    actor.authorize(Action::Participate)?;
    let account = actor.account_id().ok_or_else(|| Error::new(Code::Forbidden))?;
    let message = message.trim();
    if message.chars().count() > MESSAGE_MAX_CHARS {
        return Err(Error::with(Code::InvalidParameter, "message"));
    }
    let regie = crate::account::store::regie_id(db, slug).await.map_err(store_error)?.ok_or_else(|| Error::new(Code::UnknownRegie))?;
    if actor.is_staff_of(regie) {
        return Err(Error::with(Code::Conflict, "équipe"));
    }
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let waiting: Option<i64> = sqlx::query_scalar("SELECT id FROM regie_claims WHERE regie_id = $1 AND account_id = $2 AND decision IS NULL")
        .bind(regie)
        .bind(account)
        .fetch_optional(&mut *tx)
        .await
        .map_err(store_error)?;
    if waiting.is_some() {
        return Err(Error::with(Code::Conflict, "demande"));
    }
    let id: i64 = sqlx::query_scalar("INSERT INTO regie_claims (regie_id, account_id, role, message, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(regie)
        .bind(account)
        .bind(role.kind())
        .bind(message)
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await
        .map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(claim = id, regie, "regie claim recorded");
    Ok(id)
}

/// What waits for the network's answer: a request to keep an entry, a proposed Régie.
#[derive(Clone, Copy)]
pub(super) enum Waiting {
    Claim,
    Proposal,
}

/// Marks the waiting `id` decided, by the actor, now; 404 when it is not waiting (decided by
/// someone else meanwhile: the row's update lets one decision through).
pub(super) async fn settle(conn: &mut sqlx::AnyConnection, what: Waiting, id: i64, accept: bool, actor: &Actor, now: i64) -> Result<(), Error> {
    let sql = match what {
        Waiting::Claim => "UPDATE regie_claims SET decision = $2, decided_by = $3, decided_at = $4 WHERE id = $1 AND decision IS NULL",
        Waiting::Proposal => "UPDATE regie_proposals SET decision = $2, decided_by = $3, decided_at = $4 WHERE id = $1 AND decision IS NULL",
    };
    let decided = sqlx::query(sql)
        .bind(id)
        .bind(if accept { "acceptee" } else { "refusee" })
        .bind(actor.account_id())
        .bind(now)
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    if decided.rows_affected() != 1 {
        return Err(Error::new(Code::NotFound));
    }
    Ok(())
}

/// Whether the actor's request for the Régie of `slug` waits for the network.
pub async fn waiting(db: &Database, actor: &Actor, slug: &str) -> Result<bool, Error> {
    let Some(account) = actor.account_id() else { return Ok(false) };
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT c.id FROM regie_claims c JOIN regies r ON r.id = c.regie_id WHERE r.slug = $1 AND c.account_id = $2 AND c.decision IS NULL",
    )
    .bind(slug)
    .bind(account)
    .fetch_optional(&db.pool)
    .await
    .map_err(store_error)?;
    Ok(found.is_some())
}

type ClaimRow = (i64, String, String, String, String, String, String, i64);

/// The requests waiting for the network, the oldest first.
pub async fn queue(db: &Database, actor: &Actor) -> Result<Vec<Claim>, Error> {
    actor.authorize(Action::VerifyRegies)?;
    let rows: Vec<ClaimRow> = sqlx::query_as(
        "SELECT c.id, r.slug, r.nom, a.pseudonym, a.email, c.role, c.message, c.created_at
         FROM regie_claims c JOIN regies r ON r.id = c.regie_id JOIN accounts a ON a.id = c.account_id
         WHERE c.decision IS NULL ORDER BY c.created_at, c.id",
    )
    .fetch_all(&db.pool)
    .await
    .map_err(store_error)?;
    Ok(rows
        .into_iter()
        .map(|(id, regie_slug, regie_name, pseudonym, email, role, message, created_at)| Claim {
            id,
            regie_slug,
            regie_name,
            pseudonym,
            email,
            role: TeamRole::parse(&role).unwrap_or(TeamRole::Editor),
            message,
            created_at,
        })
        .collect())
}

/// Accepts (the role is given) or refuses the request `id`; the person is mailed in their
/// language. 404 for a request that is not waiting (decided by someone else meanwhile).
pub async fn decide(db: &Database, actor: &Actor, id: i64, accept: bool) -> Result<(), Error> {
    actor.authorize(Action::VerifyRegies)?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let now = now_ms();
    settle(&mut tx, Waiting::Claim, id, accept, actor, now).await?;
    let (regie, slug, name, account, email, locale, role): (i64, String, String, i64, String, String, String) = sqlx::query_as(
        "SELECT r.id, r.slug, r.nom, a.id, a.email, a.locale, c.role
         FROM regie_claims c JOIN regies r ON r.id = c.regie_id JOIN accounts a ON a.id = c.account_id WHERE c.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await
    .map_err(store_error)?;
    let mut role = TeamRole::parse(&role).unwrap_or(TeamRole::Editor);
    if accept {
        // The first person accepted for a Régie without an administrator becomes it.
        let admins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM account_roles WHERE role = 'regie-admin' AND scope = $1")
            .bind(regie.to_string())
            .fetch_one(&mut *tx)
            .await
            .map_err(store_error)?;
        if admins == 0 {
            role = TeamRole::Admin;
        }
        team::set_member(&mut tx, account, regie, role.kind(), now).await.map_err(store_error)?;
    }
    let locale = Locale::from_lang(&locale).unwrap_or_default();
    let link = format!("{}{}", public_url(), locale.path(&format!("/gestion/{slug}")));
    let mail = texts::claim_decided(locale, &email, &name, accept, role == TeamRole::Admin, &link);
    enqueue(&mut tx, &mail, now).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(claim = id, regie, accept, "regie claim decided");
    Ok(())
}

/// The requests an account made or decided, for its data export (every column).
pub async fn of_account(conn: &mut sqlx::AnyConnection, account: i64) -> Result<serde_json::Value, sqlx::Error> {
    type Row = (i64, i64, i64, String, String, i64, Option<String>, Option<i64>, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, regie_id, account_id, role, message, created_at, decision, decided_by, decided_at FROM regie_claims
         WHERE account_id = $1 OR decided_by = $1 ORDER BY id",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await?;
    Ok(serde_json::Value::Array(
        rows.into_iter()
            .map(|(id, regie_id, account_id, role, message, created_at, decision, decided_by, decided_at)| {
                serde_json::json!({
                    "id": id, "regie_id": regie_id, "account_id": account_id, "role": role, "message": message,
                    "created_at": created_at, "decision": decision, "decided_by": decided_by, "decided_at": decided_at,
                })
            })
            .collect(),
    ))
}

/// For a person who may not edit the Régie of `slug`: its name, and whether their request waits.
pub async fn target(db: &Database, actor: &Actor, slug: &str) -> Result<Option<(String, bool)>, Error> {
    actor.authorize(Action::Participate)?;
    let name: Option<String> = sqlx::query_scalar("SELECT nom FROM regies WHERE slug = $1").bind(slug).fetch_optional(&db.pool).await.map_err(store_error)?;
    match name {
        Some(name) => Ok(Some((name, waiting(db, actor, slug).await?))),
        None => Ok(None),
    }
}
