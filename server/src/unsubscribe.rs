//! `/api/desabonnement?jeton=…`: the one-click unsubscribe of the news mails (RFC 8058). A mail
//! client POSTs `List-Unsubscribe=One-Click` there, from its own servers, without a session; the
//! page `/compte/desabonnement` posts there too. A GET (a mail scanner following links) changes
//! nothing: it is sent to that page, which asks for the click. The link's token is the only
//! authority needed, so this route is exempt from the same-origin check (`limits`): stopping
//! mails is all a forged request could do, and only with the token.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use atlas_core::locale::Locale;
use atlas_core::text::percent_encode;
use atlas_service::{notification, Actor};

use crate::error::{locale, respond};
use crate::state::AppState;

pub const PATH: &str = "/api/desabonnement";

fn page(lang: Locale, query: &str) -> String {
    format!("{}?{query}", lang.path("/compte/desabonnement"))
}

fn lang_of(query: &HashMap<String, String>, headers: &HeaderMap) -> Locale {
    query.get("langue").and_then(|l| Locale::from_lang(l)).unwrap_or_else(|| locale(headers))
}

/// GET: nothing changes; the page asks for the click.
pub async fn show(Query(query): Query<HashMap<String, String>>, headers: HeaderMap) -> Response {
    let token = query.get("jeton").cloned().unwrap_or_default();
    let to = page(lang_of(&query, &headers), &format!("jeton={}", percent_encode(&token)));
    (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
}

/// POST: the one click. A browser is sent to the page saying it is done; a mail client gets 200.
pub async fn unsubscribe(State(state): State<AppState>, Query(query): Query<HashMap<String, String>>, headers: HeaderMap) -> Response {
    let lang = lang_of(&query, &headers);
    let token = query.get("jeton").cloned().unwrap_or_default();
    match notification::unsubscribe(&state.atlas.db, &Actor::Anonymous, &token).await {
        Ok(kind) => {
            let browser = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/html"));
            if browser {
                (StatusCode::SEE_OTHER, [(header::LOCATION, page(lang, "fait=1"))]).into_response()
            } else {
                Json(serde_json::json!({ "desabonne": kind.map_or(notification::ALL_KINDS, |k| k.code()) })).into_response()
            }
        }
        Err(e) => respond(lang, &e),
    }
}
