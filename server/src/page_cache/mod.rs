//! The page cache: what anonymous visitors see is rendered once per data revision and then
//! served from memory, compressed, with an ETag (304 when the browser has it) and a
//! `Cache-Control` a reverse proxy or CDN can follow.
//!
//! Stored: `GET` pages and data responses (`/api/…`, map layers, exports) requested without a
//! session cookie, answered 200 without `Set-Cookie` or `private`/`no-store`. The key is the
//! path, the query and the language the response is in (the path's for pages, `Accept-Language`
//! for `/api/`). Never stored: requests with a session cookie (valid or not: a page for one
//! person is never another's), `/compte/…` and `/dev/…` (tokens in links, one person's state),
//! the site's files (served from disk, precompressed at build), the live stream (`/api/direct`).
//!
//! An entry is valid while this instance's snapshot is at the revisions it was made from: every
//! write bumps a revision in its transaction, and the writing instance refreshes its snapshot
//! before answering (`write_then_catch_up`), the others within `watch::POLL`. A render that
//! started before a change is labelled with the revisions it started at, so it is stale as soon
//! as the change is seen.

pub mod entry;
pub mod store;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use atlas_core::locale::Locale;
use atlas_service::account::cookie;

pub use entry::{Encoding, Entry};
pub use store::{PageCache, Stats};

use crate::state::AppState;

/// `hit` (from memory), `miss` (rendered for this request), `shared` (rendered once for a
/// burst of identical requests): for operators and tests.
pub const CACHE_STATUS: HeaderName = HeaderName::from_static("x-atlas-cache");

/// Paths never stored besides the site's files (see the module's text).
const NEVER: [&str; 5] = ["/compte", "/en/compte", "/dev/", "/healthz", crate::live::PATH];

/// The key of a request whose response may be stored and shared, or `None`.
pub fn key(request: &Request) -> Option<String> {
    if request.method() != Method::GET {
        return None;
    }
    let has_session = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| c.contains(cookie::NAME));
    let path = request.uri().path();
    if has_session || NEVER.iter().any(|p| path.starts_with(p)) || crate::session::is_asset(path) {
        return None;
    }
    let locale = language(request);
    let query = request.uri().query().map(|q| format!("?{q}")).unwrap_or_default();
    Some(format!("{}{path}{query}", locale.lang()))
}

/// The language the response will be in, as the app decides it (`app::i18n::request_locale`).
fn language(request: &Request) -> Locale {
    let path = request.uri().path();
    if path.starts_with("/api/") {
        Locale::from_accept_language(request.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or(""))
    } else {
        Locale::of_path(path)
    }
}

/// What a shared cache must key on besides the address.
fn vary(request: &Request) -> &'static str {
    if request.uri().path().starts_with("/api/") { "Accept-Encoding, Accept-Language, Cookie" } else { "Accept-Encoding, Cookie" }
}

pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return write_then_catch_up(&state, request, next).await;
    }
    let cache = &state.page_cache;
    let Some(key) = key(&request).filter(|_| cache.enabled()) else { return next.run(request).await };
    // The snapshot this request sees: its revisions decide what is stale (not copied on a hit).
    let snapshot = state.atlas.current();
    let revisions = &snapshot.revisions;
    let encoding = Encoding::negotiate(request.headers().get(header::ACCEPT_ENCODING));
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    if let Some(entry) = cache.get(&key, revisions) {
        return entry.respond(encoding, if_none_match.as_ref(), "hit");
    }
    let vary = vary(&request);

    let flight = cache.flight(&key);
    let mut pending = Some((request, next));
    let mut own: Option<Response> = None;
    let stored = {
        let (pending, own, largest) = (&mut pending, &mut own, cache.largest_entry());
        flight
            .get_or_init(|| async move {
                let Some((mut request, next)) = pending.take() else { return None };
                cache.count_render();
                // Rendered whole and plain (compressed once, here, not by the layer within), and
                // not answered 304 for this one browser: the entry is for everyone.
                request.headers_mut().remove(header::ACCEPT_ENCODING);
                request.headers_mut().remove(header::IF_NONE_MATCH);
                let response = next.run(request).await;
                match storable(response, revisions.clone(), vary, largest).await {
                    Ok(entry) => Some(entry),
                    Err(response) => {
                        *own = Some(response);
                        None
                    }
                }
            })
            .await
            .clone()
    };
    cache.land(&key, &flight);
    if let Some(response) = own {
        return response;
    }
    let mine = pending.is_none();
    match stored {
        Some(entry) if mine || &entry.revisions == revisions => {
            if mine {
                cache.insert(key, entry.clone());
            }
            entry.respond(encoding, if_none_match.as_ref(), if mine { "miss" } else { "shared" })
        }
        // The render this request waited for was not to be stored, or predates a change this
        // request has seen: render its own.
        _ => match pending.take() {
            Some((request, next)) => next.run(request).await,
            None => Response::builder().status(StatusCode::INTERNAL_SERVER_ERROR).body(Default::default()).unwrap_or_default(),
        },
    }
}

/// A request that may change data: once answered, this instance's snapshot catches up with the
/// revisions it bumped, so that the page this person reads next (often the one the form
/// redirects to) is made from the new data, not served from before. One small query when
/// nothing changed.
async fn write_then_catch_up(state: &AppState, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    // A refused request (403, 413, 422, 429…) changed nothing: a flood of them costs no query.
    if response.status().is_success() || response.status().is_redirection() {
        if let Err(e) = state.atlas.refresh().await {
            tracing::warn!(error = %e, "snapshot refresh after a write failed; the watch will catch up");
        }
    }
    response
}

/// The entry of `response` when it is one to share, or the response itself (its body read
/// already when it had to be, but whole).
async fn storable(response: Response, revisions: atlas_service::revision::Revisions, vary: &'static str, largest: usize) -> Result<Arc<Entry>, Response> {
    let headers = response.headers();
    let nonce = crate::security::nonce_of(headers);
    let private = headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.contains("private") || c.contains("no-store"));
    if response.status() != StatusCode::OK || private || headers.contains_key(header::SET_COOKIE) || headers.contains_key(header::CONTENT_ENCODING) {
        return Err(response);
    }
    let (parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::warn!(error = %e, "a response body failed while being read for the page cache");
            return Err(Response::builder().status(StatusCode::INTERNAL_SERVER_ERROR).body(Default::default()).unwrap_or_default());
        }
    };
    if bytes.len() > largest {
        return Err(Response::from_parts(parts, axum::body::Body::from(bytes)));
    }
    let headers = parts.headers.clone();
    match tokio::task::spawn_blocking(move || Entry::new(revisions, headers, &bytes, nonce.as_deref(), vary)).await {
        Ok(entry) => Ok(Arc::new(entry)),
        Err(e) => {
            tracing::error!(error = %e, "compressing a page for the cache failed");
            Err(Response::builder().status(StatusCode::INTERNAL_SERVER_ERROR).body(Default::default()).unwrap_or_default())
        }
    }
}
