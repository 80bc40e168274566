//! Server functions of the Régies pages.

use atlas_core::regie::{RegieDetail, RegieSummary};
use leptos::prelude::*;

#[server]
pub async fn list_regies() -> Result<Vec<RegieSummary>, ServerFnError> {
    let pool = crate::error::pool()?;
    super::queries::list(&pool).await.map_err(crate::error::db_error)
}

/// `None` when no Régie has this slug: the page answers 404.
#[server]
pub async fn get_regie(slug: String) -> Result<Option<RegieDetail>, ServerFnError> {
    if slug.len() > 200 {
        return Ok(None);
    }
    let pool = crate::error::pool()?;
    super::queries::detail(&pool, &slug).await.map_err(crate::error::db_error)
}
