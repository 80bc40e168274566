//! Exports of the territory pages: `/territoires[/{niveau}/{code}]/{quartiers|decoupage}.{csv|geojson}`.
//! CSV for French spreadsheet software (atlas_core::csv_fr), GeoJSON with the full-precision
//! outlines the server holds in memory.

use atlas_core::geometry::to_geojson;
use atlas_core::territoire::export::{breakdown_csv, qpvs_csv};
use atlas_core::territoire::report::{Scope, TerritoryReport};
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use app::territoires::TerritoryMap;
use atlas_core::error::{Code, Error};
use atlas_core::locale::Locale;
use atlas_service::snapshot::Places;
use atlas_service::territory::maps::{choropleth, qpv_map, MAP_STYLE};
use atlas_service::Actor;

use crate::cache::respond;
use crate::error::{locale, ApiError};
use crate::state::AppState;

/// `/territoires/{niveau}/{code}/{file}`.
pub async fn territory(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((niveau, code, file)): Path<(String, String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    export(&state, &headers, &niveau, &code, &file, map_language(query)).await
}

/// `/territoires/{file}`: France.
pub async fn france(State(state): State<AppState>, headers: HeaderMap, Path(file): Path<String>, RawQuery(query): RawQuery) -> Response {
    export(&state, &headers, "france", "", &file, map_language(query)).await
}

/// The maps are images of a page: `?langue=en` (set by the English page) titles them in English.
/// The data exports keep their one format whatever the language.
fn map_language(query: Option<String>) -> Locale {
    match query.as_deref().map(|q| q.split('&').any(|kv| kv == "langue=en")) {
        Some(true) => Locale::En,
        _ => Locale::Fr,
    }
}

fn not_found(lang: Locale, what: &str) -> Response {
    crate::error::respond(lang, &Error::with(Code::NotFound, what))
}

async fn export(state: &AppState, headers: &HeaderMap, niveau: &str, code: &str, file: &str, language: Locale) -> Response {
    let lang = locale(headers);
    let Some((what, format)) = file.rsplit_once('.') else { return not_found(lang, "export") };
    let map = [TerritoryMap::Couverture, TerritoryMap::Quartiers].into_iter().find(|m| m.file() == file);
    if map.is_none() && (!matches!(what, "quartiers" | "decoupage") || !matches!(format, "csv" | "geojson")) {
        return not_found(lang, "export : quartiers ou decoupage, en .csv ou .geojson");
    }
    let Some(scope) = Scope::parse(niveau, code) else { return not_found(lang, "territoire") };
    let report = match atlas_service::territory::report(&state.atlas, &Actor::Anonymous, &scope).await {
        Ok(Some(r)) => r,
        Ok(None) => return not_found(lang, "territoire"),
        Err(e) => return ApiError(lang, e).into_response(),
    };
    let places = state.atlas.places();
    if let Some(map) = map {
        return map_svg(&places, headers, &report, map, language);
    }
    let name = match scope.niveau {
        atlas_core::territoire::report::Niveau::France => format!("france-{what}.{format}"),
        n => format!("{}-{}-{what}.{format}", n.code(), scope.code.to_lowercase()),
    };
    let (content_type, body) = match (what, format) {
        ("quartiers", "csv") => ("text/csv; charset=utf-8", qpvs_csv(&report)),
        ("decoupage", "csv") => ("text/csv; charset=utf-8", breakdown_csv(&report)),
        ("quartiers", _) => ("application/geo+json", qpvs_geojson(&places, &report)),
        _ => ("application/geo+json", breakdown_geojson(&places, &report)),
    };
    respond(headers, content_type, Some(&name), body)
}

/// Features joined into a collection; geometries are already GeoJSON text.
fn collection(features: impl Iterator<Item = (Option<String>, serde_json::Value)>) -> String {
    let mut out = String::from(r#"{"type":"FeatureCollection","features":["#);
    for (i, (geometry, properties)) in features.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(r#"{"type":"Feature","geometry":"#);
        out.push_str(geometry.as_deref().unwrap_or("null"));
        out.push_str(r#","properties":"#);
        out.push_str(&properties.to_string());
        out.push('}');
    }
    out.push_str("]}");
    out
}

pub fn qpvs_geojson(places: &Places, r: &TerritoryReport) -> String {
    collection(r.qpvs.iter().map(|q| {
        let geometry = places.qpv_outline(&q.code).map(|s| to_geojson(s, 5));
        let properties = json!({
            "code": q.code,
            "nom": q.nom,
            "communes": q.communes.iter().map(|(_, n)| n).collect::<Vec<_>>(),
            "codes_insee": q.communes.iter().map(|(c, _)| c).collect::<Vec<_>>(),
            "departement": q.departement,
            "couverture": q.statut.map_or("aucune", |s| s.code()),
            "regies": q.regies,
        });
        (geometry, properties)
    }))
}

pub fn breakdown_geojson(places: &Places, r: &TerritoryReport) -> String {
    collection(r.decoupage.iter().map(|a| {
        let geometry = places.outline(a.niveau, &a.code).map(|s| to_geojson(s, 4));
        let part = if a.qpv == 0 { None } else { Some((a.part_couverte() * 10.0).round() / 10.0) };
        let properties = json!({
            "niveau": a.niveau.code(),
            "code": a.code,
            "nom": a.nom,
            "qpv": a.qpv,
            "qpv_avec_regie": a.avec_regie,
            "part_couverte_pct": part,
            "regies": a.regies,
        });
        (geometry, properties)
    }))
}

/// A territory's map as an SVG file, cached like the other data responses.
fn map_svg(places: &Places, headers: &HeaderMap, r: &TerritoryReport, map: TerritoryMap, language: Locale) -> Response {
    let t = app::i18n::texts(language);
    let (figure, title) = match map {
        TerritoryMap::Couverture => (choropleth(places, r, language), {
            let level = r.scope.niveau.breakdown().map_or(String::new(), |l| app::territoires::lower_first(app::territoires::level_label(t, l)));
            t.territory_choropleth_label.replace("{nom}", &r.nom).replace("{niveau}", &level)
        }),
        TerritoryMap::Quartiers => (qpv_map(places, r), t.territory_qpv_map_label.replace("{nom}", &r.nom)),
    };
    match figure {
        Some(f) => respond(headers, "image/svg+xml", None, f.to_document(&title, MAP_STYLE)),
        None => not_found(locale(headers), "carte de ce territoire"),
    }
}

/// `/partenaires/partenariats.csv`: every relation (one row per contract) in the import format,
/// so a spreadsheet round trip changes only what was edited.
pub async fn partnerships(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match atlas_service::partner::export_rows(&state.atlas, &Actor::Anonymous).await {
        Ok(rows) => {
            let mut csv = atlas_core::csv_fr::CsvFr::new(&atlas_core::partner::import::HEADERS);
            for r in &rows {
                csv.row(r.iter().map(String::as_str));
            }
            respond(&headers, "text/csv; charset=utf-8", Some("partenariats.csv"), csv.finish())
        }
        Err(e) => ApiError(locale(&headers), e).into_response(),
    }
}
