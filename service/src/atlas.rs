//! The running Atlas: its database and its current snapshot. Server functions and JSON
//! handlers receive it from the server and hand it to the use cases.

use std::sync::Arc;

use crate::db::Database;
use crate::snapshot::{Places, Snapshot, SnapshotCell};

#[derive(Clone)]
pub struct Atlas {
    pub db: Database,
    pub snapshot: SnapshotCell,
    /// This instance's hub of live news (`live::run` feeds it; `/api/direct` streams read it).
    pub live: crate::live::Live,
    /// The imports from the network's pages this instance is writing, with their progress.
    pub imports: crate::import::jobs::Running,
}

impl Atlas {
    /// Builds the first snapshot (~1.4 s on the national data).
    pub async fn open(db: Database) -> Result<Self, sqlx::Error> {
        let snapshot = SnapshotCell::new(crate::snapshot::build(&db).await?);
        Ok(Self { db, snapshot, live: crate::live::Live::default(), imports: Default::default() })
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.snapshot.current()
    }

    pub fn places(&self) -> Arc<Places> {
        self.snapshot.current().places.clone()
    }

    /// Catches up with the database now (after a write of this process), instead of at the next
    /// check: the request that follows sees its own change.
    pub async fn refresh(&self) -> Result<(), sqlx::Error> {
        crate::snapshot::refresh(&self.db, &self.snapshot).await.map(|_| ())
    }
}
