//! Quartiers prioritaires: the page of each QPV.

pub mod store;

use atlas_core::qpv::QpvDetail;

use crate::{store_error, Action, Actor, Atlas, Error};

/// The page of the QPV with this code; `None` when there is none.
pub async fn page(atlas: &Atlas, actor: &Actor, code: &str) -> Result<Option<QpvDetail>, Error> {
    actor.authorize(Action::ReadPublic)?;
    if !atlas_core::qpv::is_qpv_code(code) {
        return Ok(None);
    }
    store::detail(&atlas.db.pool, code).await.map_err(store_error)
}
