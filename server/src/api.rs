//! The public JSON API (`/api/v1/…`): parameters and answers are serde structs, errors the use
//! cases' own (stable code, status, message in the caller's language).

use atlas_core::error::{Code, Error};
use atlas_core::place::Located;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;

use crate::error::{ApiError, Lang, Params};
use crate::state::AppState;

/// `GET /api/v1/locate` parameters. Numbers arrive as text so that a wrong one is answered in
/// words ("« abc » n'est pas un nombre"), and a decimal comma is accepted.
#[derive(Debug, Default, Deserialize)]
pub struct LocateParams {
    pub lat: Option<String>,
    pub lon: Option<String>,
    /// How many Régies, 1 to 50 (default 5).
    pub limit: Option<String>,
}

/// A required number parameter.
pub fn number(value: Option<&str>, name: &str) -> Result<f64, Error> {
    let raw = value.map(str::trim).filter(|s| !s.is_empty()).ok_or_else(|| Error::with(Code::MissingParameter, name))?;
    raw.replace(',', ".")
        .parse::<f64>()
        .map_err(|_| Error::said(Code::InvalidParameter, format!("« {name} » : « {raw} » n'est pas un nombre"), format!("“{name}”: “{raw}” is not a number")))
}

/// `GET /api/v1/locate?lat=…&lon=…[&limit=…]`: the QPV containing the point (or null) and the
/// nearest Régies, those covering this QPV first.
pub async fn locate(State(state): State<AppState>, Lang(lang): Lang, Params(p): Params<LocateParams>) -> Result<Json<Located>, ApiError> {
    let fail = |e| ApiError(lang, e);
    let lat = number(p.lat.as_deref(), "lat").map_err(fail)?;
    let lon = number(p.lon.as_deref(), "lon").map_err(fail)?;
    let limit = match p.limit.as_deref().map(str::parse::<usize>) {
        None => 5,
        Some(Ok(n)) if (1..=50).contains(&n) => n,
        Some(_) => return Err(fail(Error::said(Code::InvalidParameter, "« limit » : un entier de 1 à 50 est attendu", "“limit”: a whole number from 1 to 50 is expected"))),
    };
    let actor = atlas_service::Actor::Anonymous;
    Ok(Json(atlas_service::place::locate(&state.atlas, &actor, lat, lon, limit).map_err(fail)?))
}
