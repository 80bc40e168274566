//! « Votre Régie n'est pas dans l'Atlas ? »: someone who works in a Régie the Atlas does not list
//! proposes it with the network's own form (name, SIRET, address, postcode, position) and a
//! message. Nothing public is written: the proposal waits for the network, which sees it with its
//! likely duplicates. Accepted, the Régie is written « à vérifier » (its first version, by the
//! network) and the person becomes its administrator; refused, nothing is. Either way the person
//! is mailed, in the same transaction.

use atlas_core::locale::Locale;
use atlas_core::regie::creation::NewRegieForm;

use super::claim::{settle, Waiting};
use super::create::{duplicates, insert, look, place, Created, Likely, Preview};
use crate::account::public_url;
use crate::account::store::now_ms;
use crate::account::team::{store as team, TeamRole};
use crate::db::Database;
use crate::mail::{enqueue, texts};
use crate::{store_error, Action, Actor, Code, Error};

pub const MESSAGE_MAX_CHARS: usize = 1000;

/// A proposal waiting for the network, as its queue lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub id: i64,
    /// The form as it was sent (its commune: the INSEE code chosen).
    pub form: NewRegieForm,
    /// Its commune's name.
    pub commune: String,
    pub message: String,
    pub pseudonym: String,
    pub email: String,
    /// Unix milliseconds.
    pub created_at: i64,
    /// The Régies of the Atlas it may be, as they are now.
    pub duplicates: Vec<Likely>,
}

/// Sends the form to the network. `Proposed` once recorded; the form's refusals and its likely
/// duplicates are answered as when the network adds a Régie. One proposal waits per person (409).
pub async fn propose(db: &Database, actor: &Actor, form: &NewRegieForm, message: &str, confirmed: bool) -> Result<Created, Error> {
    actor.authorize(Action::Participate)?;
    let account = actor.account_id().ok_or_else(|| Error::new(Code::Forbidden))?;
    let message = message.trim();
    if message.chars().count() > MESSAGE_MAX_CHARS {
        return Err(Error::with(Code::InvalidParameter, "message"));
    }
    if let Err(problems) = form.validate() {
        return Ok(Created::Refused(problems));
    }
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let placed = match place(&mut tx, db.backend, form, confirmed).await? {
        Ok(placed) => placed,
        Err(answer) => return Ok(answer),
    };
    let waiting: Option<i64> = sqlx::query_scalar("SELECT id FROM regie_proposals WHERE account_id = $1 AND decision IS NULL")
        .bind(account)
        .fetch_optional(&mut *tx)
        .await
        .map_err(store_error)?;
    if waiting.is_some() {
        return Err(Error::with(Code::Conflict, "proposition"));
    }
    // Kept as typed, its commune and position settled: the network accepts what the person saw.
    let kept = NewRegieForm { commune: placed.insee.clone(), lat: placed.lat.to_string(), lon: placed.lon.to_string(), ..form.clone() };
    let id: i64 = sqlx::query_scalar("INSERT INTO regie_proposals (account_id, form, message, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(account)
        .bind(serde_json::to_string(&kept).unwrap_or_default()) // strings only: it cannot fail
        .bind(message)
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await
        .map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(proposal = id, "regie proposal recorded");
    Ok(Created::Proposed(id))
}

/// The name of the Régie the actor proposed and the network has not answered yet, if any.
pub async fn waiting_of(db: &Database, actor: &Actor) -> Result<Option<String>, Error> {
    actor.authorize(Action::ManageOwnAccount)?;
    let Some(account) = actor.account_id() else { return Ok(None) };
    let form: Option<String> = sqlx::query_scalar("SELECT form FROM regie_proposals WHERE account_id = $1 AND decision IS NULL")
        .bind(account)
        .fetch_optional(&db.pool)
        .await
        .map_err(store_error)?;
    Ok(form.map(|f| serde_json::from_str::<NewRegieForm>(&f).unwrap_or_default().nom.split_whitespace().collect::<Vec<_>>().join(" ")))
}

/// The communes of the typed postcode and the likely duplicates, for the form to show.
pub async fn preview(db: &Database, actor: &Actor, form: &NewRegieForm) -> Result<Preview, Error> {
    actor.authorize(Action::Participate)?;
    look(db, form).await
}

type ProposalRow = (i64, String, String, String, String, i64);

/// The proposals waiting for the network, the oldest first, each with its likely duplicates.
pub async fn queue(db: &Database, actor: &Actor) -> Result<Vec<Proposal>, Error> {
    actor.authorize(Action::VerifyRegies)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let rows: Vec<ProposalRow> = sqlx::query_as(
        "SELECT p.id, p.form, p.message, a.pseudonym, a.email, p.created_at
         FROM regie_proposals p JOIN accounts a ON a.id = p.account_id WHERE p.decision IS NULL ORDER BY p.created_at, p.id",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    let mut proposals = Vec::with_capacity(rows.len());
    for (id, form, message, pseudonym, email, created_at) in rows {
        let form: NewRegieForm = serde_json::from_str(&form).unwrap_or_default();
        let commune: Option<String> =
            sqlx::query_scalar("SELECT nom FROM communes WHERE insee = $1").bind(&form.commune).fetch_optional(&mut *conn).await.map_err(store_error)?;
        let duplicates = match form.validate() {
            Ok(new) => duplicates(&mut conn, &new, new.position).await.map_err(store_error)?,
            Err(_) => Vec::new(),
        };
        proposals.push(Proposal { id, form, commune: commune.unwrap_or_default(), message, pseudonym, email, created_at, duplicates });
    }
    Ok(proposals)
}

/// Accepts (the Régie is written, its proposer becomes its administrator: its slug) or refuses
/// the proposal `id`; the person is mailed in their language. 404 for a proposal that is not
/// waiting (decided by someone else meanwhile); 409 when the Atlas has since got a Régie with its
/// SIRET, or its postcode no longer reads (nothing is written: refuse it).
pub async fn decide(db: &Database, actor: &Actor, id: i64, accept: bool) -> Result<Option<String>, Error> {
    actor.authorize(Action::VerifyRegies)?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let now = now_ms();
    settle(&mut tx, Waiting::Proposal, id, accept, actor, now).await?;
    let (form, account, email, locale): (String, i64, String, String) = sqlx::query_as(
        "SELECT p.form, a.id, a.email, a.locale FROM regie_proposals p JOIN accounts a ON a.id = p.account_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await
    .map_err(store_error)?;
    let form: NewRegieForm = serde_json::from_str(&form).unwrap_or_default();
    let locale = Locale::from_lang(&locale).unwrap_or_default();
    let mut slug = None;
    let link = if accept {
        // The network saw its likely duplicates in the queue: accepting it is the confirmation.
        let placed = match place(&mut tx, db.backend, &form, true).await? {
            Ok(placed) => placed,
            Err(_) => return Err(Error::with(Code::Conflict, "regie")),
        };
        let ts = crate::db::now();
        let source = format!("Fiche proposée par son équipe, ajoutée par le réseau le {}", ts.get(..10).unwrap_or(&ts));
        let (regie, new_slug) = insert(&mut tx, db.backend, &placed, &source, actor.account_id()).await?;
        sqlx::query("UPDATE regie_proposals SET regie_id = $2 WHERE id = $1").bind(id).bind(regie).execute(&mut *tx).await.map_err(store_error)?;
        team::set_member(&mut tx, account, regie, TeamRole::Admin.kind(), now).await.map_err(store_error)?;
        let link = format!("{}{}", public_url(), locale.path(&format!("/gestion/{new_slug}")));
        slug = Some(new_slug);
        link
    } else {
        format!("{}{}", public_url(), locale.path("/regies"))
    };
    let name = form.nom.split_whitespace().collect::<Vec<_>>().join(" ");
    enqueue(&mut tx, &texts::proposal_decided(locale, &email, &name, accept, &link), now).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(proposal = id, accept, "regie proposal decided");
    Ok(slug)
}

/// The proposals an account made or decided, for its data export (every column).
pub async fn of_account(conn: &mut sqlx::AnyConnection, account: i64) -> Result<serde_json::Value, sqlx::Error> {
    type Row = (i64, i64, String, String, i64, Option<String>, Option<i64>, Option<i64>, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, account_id, form, message, created_at, decision, decided_by, decided_at, regie_id FROM regie_proposals
         WHERE account_id = $1 OR decided_by = $1 ORDER BY id",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await?;
    Ok(serde_json::Value::Array(
        rows.into_iter()
            .map(|(id, account_id, form, message, created_at, decision, decided_by, decided_at, regie_id)| {
                serde_json::json!({
                    "id": id, "account_id": account_id, "form": serde_json::from_str::<serde_json::Value>(&form).unwrap_or_default(),
                    "message": message, "created_at": created_at, "decision": decision, "decided_by": decided_by,
                    "decided_at": decided_at, "regie_id": regie_id,
                })
            })
            .collect(),
    ))
}
