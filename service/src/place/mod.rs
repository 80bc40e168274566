//! Finding places: search suggestions and results, and "autour de moi" (which QPV is here,
//! which Régies are near), answered from the snapshot's indexes.

use atlas_core::error::Code;
use atlas_core::locate::check_coordinates;
use atlas_core::place::Located;
use atlas_core::place::Hit;

use crate::regie::QUERY_MAX_CHARS;
use crate::{store_error, Action, Actor, Atlas, Error};

/// At most `limit` places matching a search text.
pub fn search(atlas: &Atlas, actor: &Actor, q: &str, limit: usize) -> Result<Vec<Hit>, Error> {
    actor.authorize(Action::ReadPublic)?;
    if q.chars().count() > QUERY_MAX_CHARS {
        return Err(Error::new(Code::QueryTooLong));
    }
    Ok(atlas.places().search.search(q, limit))
}

/// The QPV containing the point and the `limit` nearest Régies.
pub fn locate(atlas: &Atlas, actor: &Actor, lat: f64, lon: f64, limit: usize) -> Result<Located, Error> {
    actor.authorize(Action::ReadPublic)?;
    check_coordinates(lat, lon)?;
    Ok(atlas.places().locate.locate(lat, lon, limit))
}

/// The centre of the best commune for a name or postcode: (name, lat, lon).
pub async fn commune_point(atlas: &Atlas, actor: &Actor, q: &str) -> Result<(String, f64, f64), Error> {
    actor.authorize(Action::ReadPublic)?;
    if q.chars().count() > QUERY_MAX_CHARS {
        return Err(Error::new(Code::QueryTooLong));
    }
    let not_found = || Error::with(Code::UnknownCommune, q);
    let insee = atlas.places().best_commune(q).ok_or_else(not_found)?;
    crate::commune::store::point(&atlas.db.pool, &insee).await.map_err(store_error)?.ok_or_else(not_found)
}
