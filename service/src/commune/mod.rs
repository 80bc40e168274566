//! Communes: the page of each commune (its outline, QPVs and Régies).

pub mod store;

use atlas_core::territoire::CommuneDetail;

use crate::{store_error, Action, Actor, Atlas, Error};

/// The page of the commune with this INSEE code; `None` when there is none.
pub async fn page(atlas: &Atlas, actor: &Actor, insee: &str) -> Result<Option<CommuneDetail>, Error> {
    actor.authorize(Action::ReadPublic)?;
    if insee.len() != 5 || !insee.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Ok(None);
    }
    store::detail(&atlas.db.pool, insee).await.map_err(store_error)
}
