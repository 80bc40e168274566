//! Readers' corrections of a Régie's page: reported by anyone, exported and handled by the
//! network: at the command line (CSV, handled), or as a queue on `/reseau` where each is marked
//! applied or rejected.

pub mod store;

use atlas_core::correction::{Correction, CorrectionOutcome};
use atlas_core::error::Code;

use crate::{store_error, Action, Actor, Atlas, Error};

/// Records a correction of the Régie with this slug, or says every problem of the form.
pub async fn report(atlas: &Atlas, actor: &Actor, slug: &str, topic: &str, message: &str, contact: &str) -> Result<CorrectionOutcome, Error> {
    actor.authorize(Action::ReportCorrection)?;
    let correction = match Correction::validate(topic, message, contact) {
        Ok(c) => c,
        Err(errors) => return Ok(CorrectionOutcome::Refused(errors)),
    };
    match store::insert(&atlas.db, slug, &correction).await.map_err(store_error)? {
        Some(id) => {
            tracing::info!(id, regie = %slug, sujet = correction.topic.code(), "correction recorded");
            Ok(CorrectionOutcome::Recorded { id })
        }
        None => Err(Error::new(Code::UnknownRegie)),
    }
}

/// CSV of the corrections to check (or all of them), with readers' contact addresses.
pub async fn export_csv(db: &crate::db::Database, actor: &Actor, all: bool) -> Result<String, Error> {
    actor.authorize(Action::ReadCorrections)?;
    store::export_csv(db, all).await.map_err(store_error)
}

/// Marks these corrections as handled; returns how many changed.
pub async fn mark_handled(db: &crate::db::Database, actor: &Actor, ids: &[i64]) -> Result<u64, Error> {
    actor.authorize(Action::HandleCorrections)?;
    store::mark_handled(db, ids).await.map_err(store_error)
}

/// A correction waiting for the network's word.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub id: i64,
    pub regie_slug: String,
    pub regie_name: String,
    pub topic: Option<atlas_core::correction::CorrectionTopic>,
    pub message: String,
    pub contact: Option<String>,
    /// When it was reported (ISO 8601).
    pub created_at: String,
}

/// The corrections waiting, the oldest first.
pub async fn queue(db: &crate::db::Database, actor: &Actor) -> Result<Vec<Pending>, Error> {
    actor.authorize(Action::ReadCorrections)?;
    store::pending(db).await.map_err(store_error)
}

/// Marks a waiting correction applied (the network changed the page) or rejected; 404 when it
/// waits no more (decided meanwhile, or unknown).
pub async fn decide(db: &crate::db::Database, actor: &Actor, id: i64, applied: bool) -> Result<(), Error> {
    actor.authorize(Action::HandleCorrections)?;
    if store::decide(db, id, applied).await.map_err(store_error)? {
        tracing::info!(id, applied, "correction decided");
        Ok(())
    } else {
        Err(Error::with(Code::NotFound, "correction"))
    }
}
