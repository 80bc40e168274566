//! Map data endpoints (`/api/v1/carte/…`), GeoJSON sized for the visible box and zoom.
//! Responses carry an ETag and a short public cache lifetime; data changes only on import.

use std::collections::HashMap;

use atlas_core::map::{parse_bbox, QPV_CONTOUR_ZOOM, COMMUNE_OUTLINE_ZOOM};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::json;

use crate::api::bad_request;
use crate::http::AppState;

/// A GeoJSON layer with its ETag; 304 when the browser already has it.
fn geojson(request: &HeaderMap, body: String) -> Response {
    crate::cache::respond(request, "application/geo+json", None, body)
}

/// bbox and zoom of a map request, or the French reason they are wrong.
fn view_params(params: &HashMap<String, String>) -> Result<((f64, f64, f64, f64), u8), String> {
    let bbox = parse_bbox(params.get("bbox").ok_or("paramètre « bbox » manquant (minLon,minLat,maxLon,maxLat)")?)?;
    let zoom = params
        .get("zoom")
        .ok_or("paramètre « zoom » manquant")?
        .parse::<u8>()
        .ok()
        .filter(|z| *z <= 20)
        .ok_or("paramètre « zoom » invalide : un entier de 0 à 20 est attendu")?;
    Ok((bbox, zoom))
}

/// `GET /api/v1/carte/regies.geojson`: every Régie as a point.
pub async fn regies(State(state): State<AppState>, headers: HeaderMap) -> Response {
    geojson(&headers, state.places.map.regies.clone())
}

/// `GET /api/v1/carte/qpv.geojson?bbox=…&zoom=…`: points below zoom 10, contours from there.
pub async fn qpv(State(state): State<AppState>, headers: HeaderMap, Query(params): Query<HashMap<String, String>>) -> Response {
    let (bbox, zoom) = match view_params(&params) {
        Ok(v) => v,
        Err(e) => return bad_request(e),
    };
    let layer = &state.places.map.qpv;
    let body = if zoom < QPV_CONTOUR_ZOOM { layer.points(bbox) } else { layer.polygons(bbox, zoom) };
    geojson(&headers, body)
}

/// `GET /api/v1/carte/contours.geojson?bbox=…&zoom=…`: département outlines, then commune
/// outlines from zoom 10, so the map reads without tiles.
pub async fn contours(State(state): State<AppState>, headers: HeaderMap, Query(params): Query<HashMap<String, String>>) -> Response {
    let (bbox, zoom) = match view_params(&params) {
        Ok(v) => v,
        Err(e) => return bad_request(e),
    };
    let map = &state.places.map;
    let body = if zoom < COMMUNE_OUTLINE_ZOOM { map.departements.polygons(bbox, zoom) } else { map.communes.polygons(bbox, zoom) };
    geojson(&headers, body)
}

/// `GET /territoires/quartiers-sans-regie.csv?tri=&dep=` (spreadsheet software: UTF-8 with BOM,
/// `;`, decimal commas) and `.geojson` (the QPV contours with the same columns as properties).
pub async fn gaps_export(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Path(format): axum::extract::Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    use atlas_core::gap::{to_csv_fr, GapSort};
    if format != "csv" && format != "geojson" {
        return crate::api::json_error(StatusCode::NOT_FOUND, "export inconnu : .csv ou .geojson");
    }
    let sort = params.get("tri").and_then(|s| GapSort::from_code(s)).unwrap_or_default();
    let dep = params.get("dep").map(String::as_str).filter(|d| !d.is_empty() && d.len() <= 3);
    match app::gaps::uncovered(&state.db.pool, &state.places, sort, dep).await {
        Ok((rows, _)) if format == "csv" => {
            crate::cache::respond(&headers, "text/csv; charset=utf-8", Some("quartiers-sans-regie.csv"), to_csv_fr(&rows))
        }
        Ok((rows, _)) => {
            let features: Vec<String> = rows
                .iter()
                .map(|g| {
                    let geometry = state.places.qpv_outline(&g.code).map_or("null".to_owned(), |s| atlas_core::geometry::to_geojson(s, 5));
                    let properties = json!({
                        "code": g.code, "nom": g.nom, "commune": g.commune, "code_insee": g.commune_insee,
                        "departement": g.departement, "population_commune": g.population_commune,
                        "regie_la_plus_proche": g.regie_proche, "distance_m": g.distance_m,
                    });
                    format!(r#"{{"type":"Feature","geometry":{geometry},"properties":{properties}}}"#)
                })
                .collect();
            let body = format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","));
            crate::cache::respond(&headers, "application/geo+json", Some("quartiers-sans-regie.geojson"), body)
        }
        Err(e) => crate::api::database_unavailable("gaps export", &e),
    }
}
