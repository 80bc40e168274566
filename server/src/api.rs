//! The public JSON API (`/api/v1/…`): stable field names, French error messages, proper statuses.

use std::collections::HashMap;

use atlas_core::locate::check_coordinates;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::http::AppState;

/// A 400 with `{"erreur": "…"}`, the error shape of every `/api/v1` endpoint.
pub fn bad_request(message: String) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "erreur": message }))).into_response()
}

fn coordinate(params: &HashMap<String, String>, name: &str) -> Result<f64, String> {
    let raw = params.get(name).map(|s| s.trim()).filter(|s| !s.is_empty()).ok_or_else(|| format!("paramètre « {name} » manquant"))?;
    raw.replace(',', ".").parse::<f64>().map_err(|_| format!("paramètre « {name} » invalide : « {raw} » n'est pas un nombre"))
}

/// `GET /api/v1/locate?lat=…&lon=…[&limit=…]`: the QPV containing the point (or null) and the
/// nearest Régies, those covering this QPV first.
pub async fn locate(State(state): State<AppState>, Query(params): Query<HashMap<String, String>>) -> Response {
    let (lat, lon) = match (coordinate(&params, "lat"), coordinate(&params, "lon")) {
        (Ok(lat), Ok(lon)) => (lat, lon),
        (Err(e), _) | (_, Err(e)) => return bad_request(e),
    };
    if let Err(e) = check_coordinates(lat, lon) {
        return bad_request(e);
    }
    let limit = match params.get("limit").map(|l| l.parse::<usize>()) {
        None => 5,
        Some(Ok(n)) if (1..=50).contains(&n) => n,
        Some(_) => return bad_request("paramètre « limit » invalide : un entier de 1 à 50 est attendu".into()),
    };
    Json(state.places.locate.locate(lat, lon, limit)).into_response()
}
