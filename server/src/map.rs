//! Map data endpoints (`/api/v1/carte/…`), GeoJSON sized for the visible box and zoom, from the
//! snapshot. Responses carry an ETag and a short public cache lifetime.

use atlas_core::error::{Code, Error};
use atlas_core::gap::GapSort;
use atlas_core::map::{parse_bbox, COMMUNE_OUTLINE_ZOOM, QPV_CONTOUR_ZOOM};
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use crate::error::{ApiError, Lang, Params};
use crate::state::AppState;

/// A GeoJSON layer with its ETag; 304 when the browser already has it.
fn geojson(request: &HeaderMap, body: String) -> Response {
    crate::cache::respond(request, "application/geo+json", None, body)
}

/// `bbox=minLon,minLat,maxLon,maxLat&zoom=…` of a map request.
#[derive(Debug, Default, Deserialize)]
pub struct ViewParams {
    pub bbox: Option<String>,
    pub zoom: Option<String>,
}

impl ViewParams {
    fn read(&self) -> Result<((f64, f64, f64, f64), u8), Error> {
        let bbox = self.bbox.as_deref().ok_or_else(|| Error::with(Code::MissingParameter, "bbox (minLon,minLat,maxLon,maxLat)"))?;
        let bbox = parse_bbox(bbox)?;
        let zoom = self
            .zoom
            .as_deref()
            .ok_or_else(|| Error::with(Code::MissingParameter, "zoom"))?
            .parse::<u8>()
            .ok()
            .filter(|z| *z <= 20)
            .ok_or_else(|| Error::said(Code::InvalidParameter, "« zoom » : un entier de 0 à 20 est attendu", "“zoom”: a whole number from 0 to 20 is expected"))?;
        Ok((bbox, zoom))
    }
}

/// `GET /api/v1/carte/regies.geojson`: every Régie as a point.
pub async fn regies(State(state): State<AppState>, headers: HeaderMap) -> Response {
    geojson(&headers, state.atlas.places().map.regies.clone())
}

/// `GET /api/v1/carte/qpv.geojson?bbox=…&zoom=…`: points below zoom 10, contours from there.
pub async fn qpv(State(state): State<AppState>, headers: HeaderMap, Lang(lang): Lang, Params(p): Params<ViewParams>) -> Result<Response, ApiError> {
    let (bbox, zoom) = p.read().map_err(|e| ApiError(lang, e))?;
    let places = state.atlas.places();
    let layer = &places.map.qpv;
    let body = if zoom < QPV_CONTOUR_ZOOM { layer.points(bbox) } else { layer.polygons(bbox, zoom) };
    Ok(geojson(&headers, body))
}

/// `GET /api/v1/carte/contours.geojson?bbox=…&zoom=…`: département outlines, then commune
/// outlines from zoom 11, so the map reads without tiles.
pub async fn contours(State(state): State<AppState>, headers: HeaderMap, Lang(lang): Lang, Params(p): Params<ViewParams>) -> Result<Response, ApiError> {
    let (bbox, zoom) = p.read().map_err(|e| ApiError(lang, e))?;
    let places = state.atlas.places();
    let body = if zoom < COMMUNE_OUTLINE_ZOOM {
        places.boundaries.departements.polygons(bbox, zoom)
    } else {
        places.boundaries.communes.polygons(bbox, zoom)
    };
    Ok(geojson(&headers, body))
}

/// `tri=` and `dep=` of the gaps page and its exports.
#[derive(Debug, Default, Deserialize)]
pub struct GapsParams {
    pub tri: Option<String>,
    pub dep: Option<String>,
}

/// `GET /territoires/quartiers-sans-regie.csv?tri=&dep=` (spreadsheet software: UTF-8 with BOM,
/// `;`, decimal commas) and `.geojson` (the QPV contours with the same columns as properties).
pub async fn gaps_export(
    State(state): State<AppState>,
    headers: HeaderMap,
    Lang(lang): Lang,
    Path(format): Path<String>,
    Params(p): Params<GapsParams>,
) -> Result<Response, ApiError> {
    let fail = |e| ApiError(lang, e);
    if format != "csv" && format != "geojson" {
        return Err(fail(Error::said(Code::NotFound, "export : .csv ou .geojson", "export: .csv or .geojson")));
    }
    let sort = p.tri.as_deref().and_then(GapSort::from_code).unwrap_or_default();
    let dep = p.dep.as_deref().filter(|d| !d.is_empty() && d.len() <= 3);
    let (rows, _) = atlas_service::territory::gaps(&state.atlas, &atlas_service::Actor::Anonymous, sort, dep).await.map_err(fail)?;
    if format == "csv" {
        let body = atlas_core::gap::to_csv_fr(&rows);
        return Ok(crate::cache::respond(&headers, "text/csv; charset=utf-8", Some("quartiers-sans-regie.csv"), body));
    }
    let places = state.atlas.places();
    let features: Vec<String> = rows
        .iter()
        .map(|g| {
            let geometry = places.qpv_outline(&g.code).map_or("null".to_owned(), |s| atlas_core::geometry::to_geojson(s, 5));
            let properties = json!({
                "code": g.code, "nom": g.nom, "commune": g.commune, "code_insee": g.commune_insee,
                "departement": g.departement, "population_commune": g.population_commune,
                "regie_la_plus_proche": g.regie_proche, "distance_m": g.distance_m,
            });
            format!(r#"{{"type":"Feature","geometry":{geometry},"properties":{properties}}}"#)
        })
        .collect();
    let body = format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","));
    Ok(crate::cache::respond(&headers, "application/geo+json", Some("quartiers-sans-regie.geojson"), body))
}
