//! A signed-in person's draft of a post, kept on the server (one per account): saved by the
//! form's « Garder le brouillon » button (or every few seconds where JavaScript runs), put back
//! in the form on any device, deleted when the item is posted (in the post's transaction) or
//! with the account. The device keeps its own copy too, for the person not signed in yet.

use sqlx::AnyConnection;

use atlas_core::participation::saved::SavedDraft;
use atlas_core::participation::{Category, Kind, Outcome};

use crate::account::store as accounts;
use crate::db::Database;
use crate::{store_error, Action, Actor, Code, Error};

/// What the form holds when it is saved.
#[derive(Clone, Debug, Default)]
pub struct DraftForm {
    pub kind: String,
    pub category: String,
    pub qpv: String,
    pub point: Option<(f64, f64)>,
    pub title: String,
    pub body: String,
}

/// Saves (replaces) the actor's draft; an empty one deletes it.
pub async fn save(db: &Database, actor: &Actor, form: &DraftForm) -> Result<Outcome<()>, Error> {
    actor.authorize(Action::Participate)?;
    let account = actor.account_id().ok_or_else(|| Error::new(Code::Forbidden))?;
    let draft = match SavedDraft::validate(&form.kind, &form.category, &form.qpv, form.point, &form.title, &form.body) {
        Ok(d) => d,
        Err(problems) => return Ok(Outcome::Refused(problems)),
    };
    let mut tx = db.begin_write().await.map_err(store_error)?;
    if draft.is_empty() {
        delete(&mut tx, account).await.map_err(store_error)?;
    } else {
        sqlx::query(
            "INSERT INTO participation_drafts (account_id, kind, category, qpv_code, lat, lon, title, body, saved_at)
             VALUES ($1, $2, $3, $4, CASE WHEN $10 = 1 THEN $5 END, CASE WHEN $10 = 1 THEN $6 END, $7, $8, $9)
             ON CONFLICT (account_id) DO UPDATE SET kind = excluded.kind, category = excluded.category, qpv_code = excluded.qpv_code,
               lat = excluded.lat, lon = excluded.lon, title = excluded.title, body = excluded.body, saved_at = excluded.saved_at",
        )
        .bind(account)
        .bind(draft.kind.map_or("", Kind::code))
        .bind(draft.category.map_or("", Category::code))
        .bind(draft.qpv.clone().unwrap_or_default())
        // Always numbers, NULL chosen in SQL (see `store::insert_item`).
        .bind(draft.point.map_or(0.0, |p| p.0))
        .bind(draft.point.map_or(0.0, |p| p.1))
        .bind(&draft.title)
        .bind(&draft.body)
        .bind(accounts::now_ms())
        .bind(i64::from(draft.point.is_some()))
        .execute(&mut *tx)
        .await
        .map_err(store_error)?;
    }
    tx.commit().await.map_err(store_error)?;
    Ok(Outcome::Done(()))
}

/// The actor's draft, if they have one (nobody else's is ever read).
pub async fn mine(db: &Database, actor: &Actor) -> Result<Option<SavedDraft>, Error> {
    actor.authorize(Action::ReadPublic)?;
    let Some(account) = actor.account_id() else { return Ok(None) };
    type Row = (String, String, String, Option<f64>, Option<f64>, String, String, i64);
    let row: Option<Row> = sqlx::query_as("SELECT kind, category, qpv_code, lat, lon, title, body, saved_at FROM participation_drafts WHERE account_id = $1")
        .bind(account)
        .fetch_optional(&db.pool)
        .await
        .map_err(store_error)?;
    Ok(row.map(|(kind, category, qpv, lat, lon, title, body, saved_at)| SavedDraft {
        kind: Kind::parse(&kind),
        category: Category::parse(&category),
        qpv: Some(qpv).filter(|q| !q.is_empty()),
        point: lat.zip(lon),
        title,
        body,
        saved_at,
    }))
}

/// Forgets the account's draft (posted, or emptied).
pub(crate) async fn delete(conn: &mut AnyConnection, account: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM participation_drafts WHERE account_id = $1").bind(account).execute(conn).await.map(|_| ())
}
