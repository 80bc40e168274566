//! Live news of the items for the browsers that show them (server-sent events): each change of
//! an item (a comment, a support, a status) is an event written in its transaction; every
//! instance's hub reads the new events and hands them to its open streams. On PostgreSQL the
//! participation revision's NOTIFY wakes the hub at once (other instances' writes included); on
//! SQLite, and whenever a notification is missed, it looks every `POLL`.

use std::collections::HashMap;
use std::time::Duration;

use tokio::sync::broadcast;

use crate::account::store::now_ms;
use crate::db::{Backend, Database};
use crate::revision::CHANNEL;

/// How often the hub looks for new events when nothing wakes it.
pub const POLL: Duration = Duration::from_millis(250);
/// The events a hub rereads each time: a transaction commits within this long of writing its
/// event, so one that committed after a later one is still seen (ids are not commit order on
/// PostgreSQL).
const WINDOW_MS: i64 = 10_000;
/// What a reconnecting browser may get back: a day, at most `REPLAY_MAX` events.
const KEEP_MS: i64 = 86_400_000;
const REPLAY_MAX: i64 = 500;

/// The kinds of live news.
pub const COMMENT: &str = "commentaire";
pub const SUPPORT: &str = "soutien";
pub const STATUS: &str = "statut";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveEvent {
    pub id: i64,
    pub item: i64,
    pub kind: String,
}

/// An instance's hub: its streams subscribe here.
#[derive(Clone)]
pub struct Live {
    sender: broadcast::Sender<LiveEvent>,
}

impl Default for Live {
    fn default() -> Self {
        // A slow stream that falls this far behind skips ahead (and the browser refetches the page).
        Self { sender: broadcast::channel(1024).0 }
    }
}

impl Live {
    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.sender.subscribe()
    }

    /// Open streams on this instance.
    pub fn streams(&self) -> usize {
        self.sender.receiver_count()
    }
}

/// Writes the event in the caller's transaction (it exists if and only if the change does).
pub async fn record(conn: &mut sqlx::AnyConnection, item: i64, kind: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO live_events (item_id, kind, created_at) VALUES ($1, $2, $3)").bind(item).bind(kind).bind(now).execute(conn).await?;
    Ok(())
}

/// What a browser missed since the event `after` (its Last-Event-ID), oldest first.
pub async fn since(db: &Database, after: i64) -> Result<Vec<LiveEvent>, sqlx::Error> {
    let rows: Vec<(i64, i64, String)> = sqlx::query_as("SELECT id, item_id, kind FROM live_events WHERE id > $1 AND created_at > $2 ORDER BY id LIMIT $3")
        .bind(after)
        .bind(now_ms() - KEEP_MS)
        .bind(REPLAY_MAX)
        .fetch_all(&db.pool)
        .await?;
    Ok(rows.into_iter().map(|(id, item, kind)| LiveEvent { id, item, kind }).collect())
}

/// The hub of an instance, until the process ends.
pub async fn run(db: Database, live: Live) {
    let mut listener = None;
    let mut seen: HashMap<i64, i64> = HashMap::new();
    let mut last_purge = 0;
    loop {
        if db.backend == Backend::Postgres && listener.is_none() {
            listener = listen(&db).await;
        }
        match listener.as_mut() {
            Some(l) => match tokio::time::timeout(Duration::from_secs(1), l.recv()).await {
                Ok(Ok(_)) | Err(_) => {}
                Ok(Err(e)) => {
                    tracing::warn!(error = %e, "live listener lost; polling until it reconnects");
                    listener = None;
                }
            },
            None => tokio::time::sleep(POLL).await,
        }
        let now = now_ms();
        if now - last_purge > 3_600_000 {
            last_purge = now;
            if let Err(e) = sqlx::query("DELETE FROM live_events WHERE created_at < $1").bind(now - KEEP_MS).execute(&db.pool).await {
                tracing::warn!(error = %e, "old live events not deleted");
            }
        }
        // No stream open on this instance: nobody to tell, no query (SQLite would be read 4 times
        // a second for nothing). A stream that opens later asks for what it missed itself.
        if live.streams() == 0 {
            continue;
        }
        match recent(&db, now - WINDOW_MS).await {
            Ok(events) => {
                for event in events {
                    if seen.insert(event.id, now).is_none() {
                        // No stream open: nobody to tell, which is fine.
                        let _ = live.sender.send(event);
                    }
                }
                seen.retain(|_, at| *at > now - 2 * WINDOW_MS);
            }
            Err(e) => tracing::warn!(error = %e, "live events unreadable"),
        }
    }
}

async fn recent(db: &Database, from: i64) -> Result<Vec<LiveEvent>, sqlx::Error> {
    let rows: Vec<(i64, i64, String)> =
        sqlx::query_as("SELECT id, item_id, kind FROM live_events WHERE created_at >= $1 ORDER BY id").bind(from).fetch_all(&db.pool).await?;
    Ok(rows.into_iter().map(|(id, item, kind)| LiveEvent { id, item, kind }).collect())
}

async fn listen(db: &Database) -> Option<sqlx::postgres::PgListener> {
    let url = db.url.as_deref()?;
    let mut l = sqlx::postgres::PgListener::connect(url).await.map_err(|e| tracing::warn!(error = %e, "live listener could not connect; polling")).ok()?;
    l.listen(CHANNEL).await.map_err(|e| tracing::warn!(error = %e, "LISTEN failed; polling")).ok()?;
    Some(l)
}
