//! The public JSON API (`/api/v1/…`): stable field names, French error messages, proper statuses.

use std::collections::HashMap;

use atlas_core::locate::check_coordinates;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::http::AppState;

/// `{"erreur": "…"}` with a status: the error shape of every JSON endpoint and export.
pub fn json_error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "erreur": message }))).into_response()
}

/// A 400 (bad parameter).
pub fn bad_request(message: String) -> Response {
    json_error(StatusCode::BAD_REQUEST, &message)
}

/// A 503 after a database failure: logged with what failed, nothing internal told to the user.
pub fn database_unavailable(what: &str, error: &sqlx::Error) -> Response {
    tracing::error!(error = %error, "{what} failed");
    json_error(StatusCode::SERVICE_UNAVAILABLE, "la base de données n'a pas répondu ; réessayez dans un instant")
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
