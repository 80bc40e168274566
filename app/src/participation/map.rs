//! The participation pages' maps, drawn by `/js/participation.js` (Leaflet, vendored) where
//! JavaScript runs: the items of a list's page (their cards carry `data-point`), an item's point,
//! and on the form's first screen the map where a tap places the point (the QPV found from it).
//! Without JavaScript nothing here shows and every page still reads and works.

use leptos::prelude::*;
use leptos_meta::Link;

use super::data::ParticipationData;
use super::texts::T;

/// What the map is for.
#[derive(Clone, Copy, PartialEq)]
pub enum MapMode {
    /// The cards of `#elements`.
    Items,
    /// One item's point.
    Item((f64, f64)),
    /// The form's first screen: a tap places the point.
    Choose,
}

pub fn participation_map(d: &ParticipationData, mode: MapMode) -> impl IntoView {
    let x = &d.texts;
    let (code, label, point) = match mode {
        MapMode::Items => ("elements", x.get(T::MapItems), None),
        MapMode::Item(p) => ("element", x.get(T::MapItem), Some(p)),
        MapMode::Choose => ("choisir", x.get(T::MapChoose), None),
    };
    let at = |p: Option<(f64, f64)>| p.map(|(lat, lon)| format!("{lat:.6},{lon:.6}")).unwrap_or_default();
    let pages = crate::i18n::use_texts().locale.path("");
    view! {
        <Link rel="stylesheet" href="/vendor/leaflet/leaflet.css" />
        <div class="map-wrap participation-map" hidden>
            <div id="participation-carte" role="region" aria-label=label data-mode=code data-point=at(point) data-centre=at(d.qpv_center)
                data-qpv=d.qpv.as_ref().map(|(c, _)| c.clone()).unwrap_or_default()
                data-tiles=d.tiles.tiles.clone() data-attribution=d.tiles.attribution.clone()
                data-label-zoom-in=x.get(T::MapZoomIn) data-label-zoom-out=x.get(T::MapZoomOut) data-label-no-tiles=x.get(T::MapNoTiles) data-label-in=x.get(T::PointIn) data-label-outside=x.get(T::PointOutside)
                data-label-no-position=x.get(T::PointNoPosition) data-label-see=x.get(T::SeeItem) data-pages=pages>
            </div>
            {(mode == MapMode::Choose).then(|| view! {
                <p class="help" id="carte-aide">{x.get(T::MapChooseHelp)}</p>
                <p class="map-actions">
                    <button type="button" class="button secondary" id="point-centre">{x.get(T::MapCentre)}</button>" "
                    <button type="button" class="button secondary" id="point-ici">{x.get(T::MapHere)}</button>
                </p>
                <p id="point-etat" role="status"></p>
            })}
        </div>
        <script src="/js/participation.js" defer></script>
    }
}
