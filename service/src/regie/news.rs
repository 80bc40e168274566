//! A Régie's short news posts: its éditeurs and administrateurs (and the network) publish and
//! take them out from `/gestion/<slug>/actualites`; the public page shows the newest. Each write
//! is one transaction that bumps the Régies' revision, so the page cache of every instance
//! serves the new page at once.

use atlas_core::regie::news::{NewsForm, NewsPost, SHOWN_ON_PAGE};
use atlas_core::regie::profile::Problem;
use sqlx::AnyConnection;

use super::edit::editable_regie;
use crate::account::profile::iso_date;
use crate::account::store::now_ms;
use crate::db::Database;
use crate::revision::{bump, Concept};
use crate::{store_error, Action, Actor, Code, Error};

/// Every post of the Régie, the newest first (its team's page).
pub async fn all(db: &Database, actor: &Actor, slug: &str) -> Result<Vec<NewsPost>, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    posts(&mut conn, regie, i64::MAX).await.map_err(store_error)
}

/// Publishes the post; its id, or every problem of the form (nothing written).
pub async fn publish(db: &Database, actor: &Actor, slug: &str, form: &NewsForm) -> Result<Result<i64, Vec<Problem>>, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    let news = match form.parse() {
        Ok(news) => news,
        Err(problems) => return Ok(Err(problems)),
    };
    let author = match actor {
        Actor::Account { id, .. } => Some(*id),
        _ => None,
    };
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let id: i64 =
        sqlx::query_scalar("INSERT INTO regie_news (regie_id, title, body, author_id, published_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(regie)
            .bind(&news.titre)
            .bind(&news.texte)
            .bind(author)
            .bind(now_ms())
            .fetch_one(&mut *tx)
            .await
            .map_err(store_error)?;
    bump(&mut tx, db.backend, Concept::Regies).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(regie, id, "news post published");
    Ok(Ok(id))
}

/// Takes the post out; 404 when the Régie has no such post (another Régie's post included).
pub async fn remove(db: &Database, actor: &Actor, slug: &str, id: i64) -> Result<(), Error> {
    let regie = editable_regie(db, actor, slug).await?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let done = sqlx::query("DELETE FROM regie_news WHERE id = $1 AND regie_id = $2").bind(id).bind(regie).execute(&mut *tx).await.map_err(store_error)?;
    if done.rows_affected() == 0 {
        return Err(Error::with(Code::NotFound, "actualité"));
    }
    bump(&mut tx, db.backend, Concept::Regies).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(regie, id, "news post removed");
    Ok(())
}

/// The newest posts the public page of the Régie `slug` shows (none for an unknown Régie).
pub async fn latest(db: &Database, actor: &Actor, slug: &str) -> Result<Vec<NewsPost>, Error> {
    actor.authorize(Action::ReadPublic)?;
    let Some(regie) = crate::account::store::regie_id(db, slug).await.map_err(store_error)? else { return Ok(Vec::new()) };
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    posts(&mut conn, regie, SHOWN_ON_PAGE as i64).await.map_err(store_error)
}

async fn posts(conn: &mut AnyConnection, regie: i64, limit: i64) -> Result<Vec<NewsPost>, sqlx::Error> {
    let rows: Vec<(i64, String, String, i64)> =
        sqlx::query_as("SELECT id, title, body, published_at FROM regie_news WHERE regie_id = $1 ORDER BY published_at DESC, id DESC LIMIT $2")
            .bind(regie)
            .bind(limit)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|(id, titre, texte, at)| NewsPost { id, titre, texte, date: iso_date(at) }).collect())
}

/// The posts an account published, every column (its data export).
pub async fn written_by(conn: &mut AnyConnection, account: i64) -> Result<serde_json::Value, sqlx::Error> {
    let rows: Vec<(i64, i64, String, String, i64)> =
        sqlx::query_as("SELECT id, regie_id, title, body, published_at FROM regie_news WHERE author_id = $1 ORDER BY id").bind(account).fetch_all(conn).await?;
    Ok(rows
        .into_iter()
        .map(|(id, regie_id, title, body, at)| serde_json::json!({ "id": id, "regie_id": regie_id, "title": title, "body": body, "author_id": account, "published_at": at }))
        .collect())
}
