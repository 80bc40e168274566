//! Follows the data revisions so that every running server sees every committed change within a
//! second or two, without restart: PostgreSQL `LISTEN` wakes it at once, and a check of the
//! revisions every `POLL` catches what a listener misses while it reconnects (and is the only
//! channel on SQLite, where every writer shares the file).

use std::time::{Duration, Instant};

use crate::atlas::Atlas;
use crate::db::Backend;
use crate::revision::CHANNEL;

/// How often the revisions are read when no notification comes.
pub const POLL: Duration = Duration::from_millis(500);

/// Runs until the process ends: refreshes the snapshot whenever a revision moves.
pub async fn follow(atlas: Atlas) {
    let mut listener = None;
    loop {
        if atlas.db.backend == Backend::Postgres && listener.is_none() {
            listener = listen(&atlas).await;
        }
        // Wait for a notification (PostgreSQL) or the next check.
        match listener.as_mut() {
            Some(l) => match tokio::time::timeout(POLL, l.recv()).await {
                Ok(Ok(_)) | Err(_) => {}
                Ok(Err(e)) => {
                    tracing::warn!(error = %e, "revision listener lost; polling until it reconnects");
                    listener = None;
                }
            },
            None => tokio::time::sleep(POLL).await,
        }
        let started = Instant::now();
        match crate::snapshot::refresh(&atlas.db, &atlas.snapshot).await {
            Ok(Some(rebuilt)) => tracing::info!(
                elapsed_ms = started.elapsed().as_millis() as u64,
                places = rebuilt.places,
                boundaries = rebuilt.boundaries,
                territory = rebuilt.territory,
                "snapshot refreshed"
            ),
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "snapshot refresh failed; the current one keeps serving"),
        }
    }
}

async fn listen(atlas: &Atlas) -> Option<sqlx::postgres::PgListener> {
    let Some(url) = atlas.db.url.as_deref() else { return None };
    match sqlx::postgres::PgListener::connect(url).await {
        Ok(mut l) => match l.listen(CHANNEL).await {
            Ok(()) => Some(l),
            Err(e) => {
                tracing::warn!(error = %e, "LISTEN failed; polling");
                None
            }
        },
        Err(e) => {
            tracing::warn!(error = %e, "revision listener could not connect; polling");
            None
        }
    }
}
