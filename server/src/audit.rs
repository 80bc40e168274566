//! `GET /reseau/journal.csv`: the network's audit log as CSV, with the page's filters
//! (`regie`, `personne`, `type`) and its language (`langue`). Private: never cached.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use atlas_core::error::{Code, Error};
use atlas_core::locale::Locale;
use atlas_service::account::SignedIn;
use atlas_service::regie::audit::{self, Filter};
use atlas_service::Actor;

use crate::error::{locale, respond};
use crate::state::AppState;

pub const CSV_PATH: &str = "/reseau/journal.csv";

pub async fn csv(
    State(state): State<AppState>,
    signed_in: Option<Extension<SignedIn>>,
    headers: HeaderMap,
    query: Result<Query<HashMap<String, String>>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(query)) = query else { return respond(locale(&headers), &Error::new(Code::MalformedRequest)) };
    let get = |name: &str| query.get(name).cloned().unwrap_or_default();
    let lang = Locale::from_lang(&get("langue")).unwrap_or_default();
    let actor = signed_in.map_or(Actor::Anonymous, |Extension(who)| who.actor());
    let filter = Filter { regie: get("regie"), person: get("personne"), kind: get("type") };
    match audit::csv(&state.atlas.db, &actor, &filter, lang).await {
        Ok(text) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"journal-des-regies.csv\""),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            text,
        )
            .into_response(),
        Err(e) => respond(lang, &e),
    }
}
