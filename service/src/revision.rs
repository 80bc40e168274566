//! Data revisions: a counter per concept, bumped in the transaction of every change, read by
//! every running server to know what to rebuild. On PostgreSQL the bump also notifies the
//! `atlas_revisions` channel (delivered at commit, so never before the data is visible).

use std::collections::BTreeMap;

use sqlx::AnyConnection;

use crate::db::{now, Backend, Database};

/// The PostgreSQL channel the servers listen on.
pub const CHANNEL: &str = "atlas_revisions";

/// What a change touches, so that a new partnership never rebuilds the national search index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Concept {
    /// Communes, EPCI, départements, régions, QPV: outlines, search, locate, map layers.
    Territoires,
    /// Régies and their coverage: search, locate, map pins, territory rows.
    Regies,
    /// Partners, relations, contracts: territory rows.
    Partenaires,
    /// Readers' corrections: nothing in memory (pages read their count).
    Corrections,
    /// Signalements, propositions, supports, comments, answers: nothing in memory (pages read
    /// them); the bump tells the page cache of every instance.
    Participation,
}

impl Concept {
    pub const ALL: [Concept; 5] = [Concept::Territoires, Concept::Regies, Concept::Partenaires, Concept::Corrections, Concept::Participation];

    pub fn code(self) -> &'static str {
        match self {
            Self::Territoires => "territoires",
            Self::Regies => "regies",
            Self::Partenaires => "partenaires",
            Self::Corrections => "corrections",
            Self::Participation => "participation",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// The revision of every concept, as one server last saw them.
pub type Revisions = BTreeMap<Concept, i64>;

/// Bumps `concept` inside the caller's transaction; on PostgreSQL, notifies at commit.
pub async fn bump(conn: &mut AnyConnection, backend: Backend, concept: Concept) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE revisions SET revision = revision + 1, changed_at = $2 WHERE concept = $1")
        .bind(concept.code())
        .bind(now())
        .execute(&mut *conn)
        .await?;
    if backend == Backend::Postgres {
        sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(concept.code()).execute(&mut *conn).await?;
    }
    Ok(())
}

/// The current revisions (one small query: the servers run it every half second).
pub async fn read(db: &Database) -> Result<Revisions, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as("SELECT concept, revision FROM revisions").fetch_all(&db.pool).await?;
    Ok(rows.into_iter().filter_map(|(c, r)| Some((Concept::from_code(&c)?, r))).collect())
}
