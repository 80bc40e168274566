//! Finding places: the search box (suggestions and results page) and "autour de moi"
//! (which QPV is here and which Régies are near), backed by the in-memory indexes.

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
    use crate::error::{actor, atlas, fail};
    atlas_service::place::search(&atlas()?, &actor(), &q, 8).map_err(fail)
}

/// The results page (at most 50).
#[server]
pub async fn search_results(q: String) -> Result<Vec<Hit>, ServerFnError> {
    use crate::error::{actor, atlas, fail};
    atlas_service::place::search(&atlas()?, &actor(), &q, 50).map_err(fail)
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
    use crate::error::{actor, atlas, fail};
    use atlas_service::{place, Code, Error};
    let (atlas, actor) = (atlas()?, actor());
    let (name, lat, lon) = match (lat, lon, q.as_deref().map(str::trim).filter(|s| !s.is_empty())) {
        (Some(lat), Some(lon), _) => (None, lat, lon),
        (_, _, Some(q)) => {
            let (name, lat, lon) = place::commune_point(&atlas, &actor, q).await.map_err(fail)?;
            (Some(name), lat, lon)
        }
        _ => return Err(fail(Error::new(Code::PlaceNeeded))),
    };
    let located = place::locate(&atlas, &actor, lat, lon, 5).map_err(fail)?;
    Ok(LocateAnswer { place: name, lat, lon, located })
}
