//! A Régie's logo or photo: its team (and the network) sends one image, under the same rules as
//! the participation's photos (`participation::photo`: the type read from the content, size and
//! pixel limits, turned upright, re-encoded as JPEG without metadata, a thumbnail of 400 px);
//! the public page shows the thumbnail next to its name. One per Régie: a new one replaces it.
//! Each write bumps the Régies' revision, so every instance's cached page follows.

use atlas_core::participation::{Problem as PhotoProblem, PHOTO_THUMB_SIDE};
use atlas_core::regie::profile::Problem;
use atlas_core::regie::RegieLogo;
use sqlx::AnyConnection;

use super::edit::editable_regie;
use crate::account::store::now_ms;
use crate::db::Database;
use crate::participation::photo;
use crate::revision::{bump, Concept};
use crate::{store_error, Action, Actor, Code, Error};

/// Stores `bytes` as the Régie's image (replacing the one before), or answers why not (nothing written).
pub async fn set(db: &Database, actor: &Actor, slug: &str, bytes: Vec<u8>) -> Result<Result<(), Vec<Problem>>, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    if bytes.is_empty() {
        return Ok(Err(vec![Problem::LogoMissing]));
    }
    let image = match photo::prepare(vec![bytes]).await {
        Ok(mut done) => done.remove(0),
        Err(problems) => return Ok(Err(problems.into_iter().map(problem).collect())),
    };
    let author = match actor {
        Actor::Account { id, .. } => Some(*id),
        _ => None,
    };
    let mut tx = db.begin_write().await.map_err(store_error)?;
    sqlx::query(
        "INSERT INTO regie_logos (regie_id, width, height, image, thumb, author_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (regie_id) DO UPDATE SET width = excluded.width, height = excluded.height, image = excluded.image, thumb = excluded.thumb,
         author_id = excluded.author_id, updated_at = excluded.updated_at",
    )
    .bind(regie)
    .bind(i64::from(image.width))
    .bind(i64::from(image.height))
    .bind(image.image)
    .bind(image.thumb)
    .bind(author)
    .bind(now_ms())
    .execute(&mut *tx)
    .await
    .map_err(store_error)?;
    bump(&mut tx, db.backend, Concept::Regies).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(regie, "logo replaced");
    Ok(Ok(()))
}

/// Takes the image out; 404 when there is none.
pub async fn remove(db: &Database, actor: &Actor, slug: &str) -> Result<(), Error> {
    let regie = editable_regie(db, actor, slug).await?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let done = sqlx::query("DELETE FROM regie_logos WHERE regie_id = $1").bind(regie).execute(&mut *tx).await.map_err(store_error)?;
    if done.rows_affected() == 0 {
        return Err(Error::with(Code::NotFound, "logo"));
    }
    bump(&mut tx, db.backend, Concept::Regies).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(regie, "logo removed");
    Ok(())
}

/// What the Régie's page shows of its image, for its team's form.
pub async fn current(db: &Database, actor: &Actor, slug: &str) -> Result<Option<RegieLogo>, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    shown(&mut conn, regie, slug).await.map_err(store_error)
}

/// The image's JPEG (or its thumbnail) of the Régie `slug`, for everyone.
pub async fn file(db: &Database, actor: &Actor, slug: &str, thumb: bool) -> Result<Option<Vec<u8>>, Error> {
    actor.authorize(Action::ReadPublic)?;
    let sql = if thumb {
        "SELECT l.thumb FROM regie_logos l JOIN regies r ON r.id = l.regie_id WHERE r.slug = $1"
    } else {
        "SELECT l.image FROM regie_logos l JOIN regies r ON r.id = l.regie_id WHERE r.slug = $1"
    };
    sqlx::query_scalar(sql).bind(slug).fetch_optional(&db.pool).await.map_err(store_error)
}

/// What the public page of the Régie `slug` shows of its image, if any.
pub async fn public(db: &Database, actor: &Actor, slug: &str) -> Result<Option<RegieLogo>, Error> {
    actor.authorize(Action::ReadPublic)?;
    let Some(regie) = crate::account::store::regie_id(db, slug).await.map_err(store_error)? else { return Ok(None) };
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    shown(&mut conn, regie, slug).await.map_err(store_error)
}

/// What the Régie's page shows of its image, if any.
async fn shown(conn: &mut AnyConnection, regie: i64, slug: &str) -> Result<Option<RegieLogo>, sqlx::Error> {
    let row: Option<(i64, i64, i64)> = sqlx::query_as("SELECT width, height, updated_at FROM regie_logos WHERE regie_id = $1").bind(regie).fetch_optional(conn).await?;
    Ok(row.map(|(w, h, at)| {
        let (width, height) = thumb_size(w, h);
        RegieLogo { thumb: format!("/logos/{slug}/vignette.jpg?v={at}"), full: format!("/logos/{slug}/image.jpg?v={at}"), width, height }
    }))
}

/// The images an account sent, every column (its data export; the images as their addresses).
pub async fn sent_by(conn: &mut AnyConnection, account: i64) -> Result<serde_json::Value, sqlx::Error> {
    let rows: Vec<(i64, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT l.regie_id, r.slug, l.width, l.height, l.updated_at FROM regie_logos l JOIN regies r ON r.id = l.regie_id WHERE l.author_id = $1 ORDER BY l.regie_id",
    )
    .bind(account)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(regie_id, slug, width, height, at)| {
            serde_json::json!({ "regie_id": regie_id, "width": width, "height": height, "image": format!("/logos/{slug}/image.jpg"),
                "thumb": format!("/logos/{slug}/vignette.jpg"), "author_id": account, "updated_at": at })
        })
        .collect())
}

/// The thumbnail's size: the image's, scaled to fit `PHOTO_THUMB_SIDE` each way (as `photo` made it).
fn thumb_size(w: i64, h: i64) -> (u32, u32) {
    let side = f64::from(PHOTO_THUMB_SIDE);
    let scale = (side / w.max(1) as f64).min(side / h.max(1) as f64).min(1.0);
    ((w as f64 * scale).round() as u32, (h as f64 * scale).round() as u32)
}

fn problem(p: PhotoProblem) -> Problem {
    match p {
        PhotoProblem::PhotoType => Problem::LogoType,
        PhotoProblem::PhotoTooLarge => Problem::LogoTooLarge,
        _ => Problem::LogoUnreadable,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_thumbnail_fits_400_px_and_keeps_its_shape() {
        assert_eq!(super::thumb_size(1600, 1200), (400, 300));
        assert_eq!(super::thumb_size(300, 900), (133, 400));
        assert_eq!(super::thumb_size(120, 80), (120, 80));
    }
}
