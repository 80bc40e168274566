//! Who is signed in: the session cookie of every page and server-function request is looked up
//! in the database (shared by every instance) and the person put in the request, where pages,
//! server functions and handlers find them (`atlas_service::account::SignedIn`). A cookie whose
//! session ended is cleared. A response made for a signed-in person is never stored by a
//! shared cache; anonymous responses stay the same for every anonymous visitor.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use atlas_core::error::{Code, Error};
use atlas_service::account::{self, cookie, SignedIn};

use crate::error::{locale, respond};
use crate::state::AppState;

/// Files of the site (bundle, scripts, styles, vendored libraries, participation photos, Régies' logos): no
/// session needed, the same bytes for everyone (and never in the page cache).
pub fn is_asset(path: &str) -> bool {
    ["/pkg/", "/js/", "/vendor/", "/favicon", "/participation/photos/", "/logos/"].iter().any(|p| path.starts_with(p))
}

pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let token = request.headers().get(header::COOKIE).and_then(|v| v.to_str().ok()).and_then(cookie::read).map(str::to_owned);
    let Some(token) = token.filter(|_| !is_asset(request.uri().path())) else { return next.run(request).await };
    let stale = match account::session(&state.atlas.db, &token).await {
        Ok(Some(who)) => {
            request.extensions_mut().insert(who);
            false
        }
        // A session waiting for its second factor's code opens nothing, but is not to be cleared.
        Ok(None) => !account::second_factor::awaiting(&state.atlas.db, &token).await.unwrap_or(true),
        Err(e) => {
            // The database is down: the page is served as to anyone (and will likely say so).
            tracing::warn!(error = ?e, "session lookup failed");
            false
        }
    };
    let signed_in = request.extensions().get::<SignedIn>().is_some();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if stale && !headers.contains_key(header::SET_COOKIE) {
        if let Ok(value) = HeaderValue::from_str(&cookie::end()) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    if signed_in {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    response
}

/// `GET /compte/mes-donnees.json`: everything kept about the signed-in person (RGPD art. 15, 20).
pub async fn my_data(State(state): State<AppState>, request: Request) -> Response {
    let lang = locale(request.headers());
    let Some(who) = request.extensions().get::<SignedIn>().cloned() else {
        return respond(lang, &Error::new(Code::NotSignedIn));
    };
    match account::profile::export(&state.atlas.db, &who.actor()).await {
        Ok(data) => (
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"mes-donnees-atlas-des-regies.json\""),
            ],
            serde_json::to_string_pretty(&data).unwrap_or_default(),
        )
            .into_response(),
        Err(e) => respond(lang, &e),
    }
}
