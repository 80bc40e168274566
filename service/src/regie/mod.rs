//! Régies: the directory and the page of each Régie.

pub mod audit;
pub mod claim;
pub mod create;
pub mod edit;
pub mod freshness;
pub mod logo;
pub mod news;
pub mod partner_rows;
pub mod partners;
pub mod proposal;
pub mod store;
pub mod versions;

use atlas_core::error::Code;
use atlas_core::regie::directory::{DirectoryPage, DirectoryQuery};
use atlas_core::regie::RegieDetail;

use crate::{store_error, Action, Actor, Atlas, Error};

/// Longest search text accepted anywhere (characters).
pub const QUERY_MAX_CHARS: usize = 100;

/// The page of the Régie with this slug; `None` when there is none.
pub async fn page(atlas: &Atlas, actor: &Actor, slug: &str) -> Result<Option<RegieDetail>, Error> {
    actor.authorize(Action::ReadPublic)?;
    if slug.len() > 200 {
        return Ok(None);
    }
    store::detail(&atlas.db.pool, slug).await.map_err(store_error)
}

/// One page of the directory for the filters, sort and page asked.
pub async fn directory(atlas: &Atlas, actor: &Actor, query: &DirectoryQuery) -> Result<DirectoryPage, Error> {
    actor.authorize(Action::ReadPublic)?;
    if query.q.chars().count() > QUERY_MAX_CHARS {
        return Err(Error::new(Code::QueryTooLong));
    }
    let lists = atlas.current().lists.clone();
    Ok(query.apply(&lists.regies, &lists.names))
}
