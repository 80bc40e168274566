//! Server functions of the Régies pages.

use atlas_core::regie::directory::{DirectoryPage, DirectoryQuery};
use atlas_core::regie::RegieDetail;
use leptos::prelude::*;

/// `None` when no Régie has this slug: the page answers 404.
#[server]
pub async fn get_regie(slug: String) -> Result<Option<RegieDetail>, ServerFnError> {
    if slug.len() > 200 {
        return Ok(None);
    }
    let pool = crate::error::pool()?;
    super::queries::detail(&pool, &slug).await.map_err(crate::error::db_error)
}

/// One page of the directory for the filters, sort and page of the URL.
#[server]
pub async fn directory(query: DirectoryQuery) -> Result<DirectoryPage, ServerFnError> {
    if query.q.chars().count() > 100 {
        return Err(ServerFnError::new("recherche trop longue (100 caractères au plus)"));
    }
    let pool = crate::error::pool()?;
    let all = super::queries::list(&pool).await.map_err(crate::error::db_error)?;
    let names = super::queries::territory_names(&pool).await.map_err(crate::error::db_error)?;
    Ok(query.apply(&all, &names))
}
