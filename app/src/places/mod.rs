//! Finding places: the search box (suggestions and results page) and "autour de moi"
//! (which QPV is here and which Régies are near), backed by the in-memory indexes.

#[cfg(feature = "ssr")]
pub mod index;
mod locate_page;
mod search_box;
mod search_page;

pub use locate_page::LocatePage;
pub use search_box::SearchBox;
pub use search_page::SearchPage;

use atlas_core::place::Located;
use atlas_core::place::Hit;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Suggestions for the search box (at most 8): `GET /api/suggestions?q=…`, a read that
/// browsers and proxies may cache, and a stable address for the load benchmark.
#[server(input = leptos::server_fn::codec::GetUrl, endpoint = "suggestions")]
pub async fn suggest(q: String) -> Result<Vec<Hit>, ServerFnError> {
    if q.chars().count() > 100 {
        return Err(ServerFnError::new("recherche trop longue (100 caractères au plus)"));
    }
    Ok(index::places()?.search.search(&q, 8))
}

/// The results page (at most 50).
#[server]
pub async fn search_results(q: String) -> Result<Vec<Hit>, ServerFnError> {
    if q.chars().count() > 100 {
        return Err(ServerFnError::new("recherche trop longue (100 caractères au plus)"));
    }
    Ok(index::places()?.search.search(&q, 50))
}

/// Where the point to locate comes from, for the page to say it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocateAnswer {
    /// "Sarcelles (95200)" when the user chose a commune; None for coordinates.
    pub place: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub located: Located,
}

/// From coordinates (browser geolocation) or from a commune name or postcode.
#[server]
pub async fn locate(lat: Option<f64>, lon: Option<f64>, q: Option<String>) -> Result<LocateAnswer, ServerFnError> {
    let places = index::places()?;
    let (place, lat, lon) = match (lat, lon, q.as_deref().map(str::trim).filter(|s| !s.is_empty())) {
        (Some(lat), Some(lon), _) => (None, lat, lon),
        (_, _, Some(q)) => {
            let pool = crate::error::pool()?;
            match index::commune_point(&pool, &places, q).await.map_err(crate::error::db_error)? {
                Some(found) => found,
                None => return Err(ServerFnError::new(format!("aucune commune ne correspond à « {q} »"))),
            }
        }
        _ => return Err(ServerFnError::new("indiquez une commune, un code postal, ou autorisez la localisation")),
    };
    atlas_core::locate::check_coordinates(lat, lon).map_err(ServerFnError::new)?;
    Ok(LocateAnswer { place, lat, lon, located: places.locate.locate(lat, lon, 5) })
}
