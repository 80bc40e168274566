//! /carte: the interactive map (Leaflet, vendored from npm). The page is server-rendered with a
//! legend and links that work without JavaScript; /js/carte.js loads Leaflet and draws the layers
//! from /api/v1/carte/…. The tile server is configuration: without tiles, outlines remain.

use leptos::prelude::*;
use leptos_meta::Link;
use serde::{Deserialize, Serialize};

use crate::figure::PageMeta;
use crate::i18n::use_texts;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MapTiles {
    /// Tile URL template ({z}/{x}/{y}); empty: no tiles, outlines only.
    pub tiles: String,
    pub attribution: String,
}

/// From `ATLAS_TILE_URL` (default OpenStreetMap; empty disables tiles) and `ATLAS_TILE_ATTRIBUTION`.
#[server]
pub async fn map_config() -> Result<MapTiles, ServerFnError> {
    Ok(tiles_from_env())
}

/// The tiles every map of the site uses (this page's, the participation pages').
#[cfg(feature = "ssr")]
pub fn tiles_from_env() -> MapTiles {
    let tiles = std::env::var("ATLAS_TILE_URL").unwrap_or_else(|_| "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into());
    let attribution = std::env::var("ATLAS_TILE_ATTRIBUTION")
        .unwrap_or_else(|_| "© <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a>".into());
    MapTiles { tiles, attribution }
}

#[component]
pub fn MapPage() -> impl IntoView {
    let t = use_texts();
    let config = Resource::new(|| (), |_| map_config());
    view! {
        <PageMeta title=t.map_title.to_owned() description=t.map_intro.to_owned() />
        <Link rel="stylesheet" href="/vendor/leaflet/leaflet.css" />
        <Link rel="stylesheet" href="/vendor/leaflet.markercluster/MarkerCluster.css" />
        <Link rel="stylesheet" href="/vendor/leaflet.markercluster/MarkerCluster.Default.css" />
        <h1>{t.map_title}</h1>
        <p class="lead">{t.map_intro}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let c = config.await.unwrap_or(MapTiles { tiles: String::new(), attribution: String::new() });
                view! {
                    <div class="map-wrap" id="carte-cadre">
                        <div id="carte" role="region" aria-label=t.map_label data-tiles=c.tiles data-attribution=c.attribution
                            data-label-zoom-in=t.map_zoom_in data-label-zoom-out=t.map_zoom_out data-label-fullscreen=t.map_fullscreen data-label-exit=t.map_exit_fullscreen
                            data-label-see=t.map_see_page data-label-no-tiles=t.map_no_tiles
                            data-label-qpv=t.kind_qpv data-label-regie=t.kind_regie data-pages=t.locale.path("")>
                        </div>
                    </div>
                    <script src="/js/carte.js" defer></script>
                }
            })}
        </Suspense>
        <ul class="legend map-legend" aria-label=t.map_legend>
            <li><span class="swatch marker"></span>{t.kind_regie}</li>
            <li><span class="swatch cov-confirmee"></span>{t.coverage_confirmee_long}</li>
            <li><span class="swatch cov-declaree"></span>{t.coverage_declaree_long}</li>
            <li><span class="swatch cov-estimee"></span>{t.coverage_estimee_long}</li>
            <li><span class="swatch cov-aucune"></span>{t.coverage_none}</li>
        </ul>
        <p class="help">{t.map_alternatives}" "<a href=t.path("/regies")>{t.nav_regies}</a>" · "<a href=t.path("/autour-de-moi")>{t.nav_locate}</a></p>
    }
}
