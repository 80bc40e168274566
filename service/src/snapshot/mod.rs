//! The snapshot: everything the server keeps in memory (place indexes, territory rows), built
//! from the database, immutable, swapped whole when a data revision moves. Requests keep the
//! snapshot they started with; a rebuild runs beside them and replaces it atomically.

pub mod lists;
pub mod places;
pub mod store;

use std::sync::{Arc, RwLock};

use atlas_core::territoire::report::TerritoryData;

pub use places::Places;

use crate::db::Database;
use crate::revision::{self, Concept, Revisions};

/// Day each dataset was loaded: QPV, communes, Régies.
pub type LoadDates = (Option<String>, Option<String>, Option<String>);

pub struct Snapshot {
    pub places: Arc<Places>,
    /// The rows every territory report is computed from (a few thousand, without geometry).
    pub territory: Arc<TerritoryData>,
    /// The directory's Régies, the home page's figures, the QPVs without a Régie.
    pub lists: Arc<lists::Lists>,
    pub dates: LoadDates,
    /// The revisions this snapshot was built at.
    pub revisions: Revisions,
}

/// The current snapshot, shared by every request of this server.
#[derive(Clone)]
pub struct SnapshotCell(Arc<RwLock<Arc<Snapshot>>>);

impl SnapshotCell {
    pub fn new(snapshot: Snapshot) -> Self {
        Self(Arc::new(RwLock::new(Arc::new(snapshot))))
    }

    pub fn current(&self) -> Arc<Snapshot> {
        // A poisoned lock still holds a whole snapshot: a swap never leaves half of one.
        self.0.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn replace(&self, snapshot: Snapshot) {
        *self.0.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
    }
}

/// What a rebuild did, for the logs and the bench.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rebuilt {
    pub places: bool,
    pub boundaries: bool,
    pub territory: bool,
}

/// A first snapshot, everything built.
pub async fn build(db: &Database) -> Result<Snapshot, sqlx::Error> {
    let revisions = revision::read(db).await?;
    let places = Arc::new(places::build(store::place_rows(&db.pool, true).await?, None));
    let territory = Arc::new(crate::territory::store::load(&db.pool, "").await?);
    let lists = Arc::new(lists::load(&db.pool).await?);
    let dates = crate::territory::store::data_dates(&db.pool).await?;
    Ok(Snapshot { places, territory, lists, dates, revisions })
}

/// Brings the snapshot up to the database's revisions, rebuilding only what the changed
/// concepts feed; `None` when nothing changed. The old snapshot serves until the swap.
pub async fn refresh(db: &Database, cell: &SnapshotCell) -> Result<Option<Rebuilt>, sqlx::Error> {
    let old = cell.current();
    let revisions = revision::read(db).await?;
    if revisions == old.revisions {
        return Ok(None);
    }
    let changed = |c: Concept| revisions.get(&c) != old.revisions.get(&c);
    let territories = changed(Concept::Territoires);
    let rebuild_places = territories || changed(Concept::Regies);
    let rebuild_territory = rebuild_places || changed(Concept::Partenaires);
    let places = if rebuild_places {
        let keep = (!territories).then_some(&*old.places);
        Arc::new(places::build(store::place_rows(&db.pool, territories).await?, keep))
    } else {
        old.places.clone()
    };
    let (territory, lists, dates) = if rebuild_territory {
        (
            Arc::new(crate::territory::store::load(&db.pool, "").await?),
            Arc::new(lists::load(&db.pool).await?),
            crate::territory::store::data_dates(&db.pool).await?,
        )
    } else {
        (old.territory.clone(), old.lists.clone(), old.dates.clone())
    };
    cell.replace(Snapshot { places, territory, lists, dates, revisions });
    Ok(Some(Rebuilt { places: rebuild_places, boundaries: territories, territory: rebuild_territory }))
}
