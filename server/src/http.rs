//! The HTTP application: Leptos pages and server functions, /healthz, static files, compression.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use serde_json::json;
use axum::handler::Handler;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;

use app::{shell, App};

use atlas_core::error::{Code, Error};
use atlas_service::Atlas;

use crate::limits::{guard_writes, WriteLimits};
use crate::state::AppState;
use crate::page_cache::{self, PageCache};
use crate::{api, exports, map, participation, security, session};

/// Largest request body accepted (413 beyond).
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Longest a request may take (408 beyond).
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The application with the write limits and page cache of the environment (see `limits`,
/// `page_cache`).
pub fn router(leptos_options: LeptosOptions, atlas: Atlas) -> Router {
    router_with_limits(leptos_options, atlas, WriteLimits::from_env())
}

pub fn router_with_limits(leptos_options: LeptosOptions, atlas: Atlas, limits: WriteLimits) -> Router {
    router_with(leptos_options, atlas, limits, PageCache::from_env())
}

pub fn router_with(leptos_options: LeptosOptions, atlas: Atlas, limits: WriteLimits, page_cache: PageCache) -> Router {
    let routes = generate_route_list(App);
    let state = AppState { leptos_options: leptos_options.clone(), atlas: atlas.clone(), page_cache };
    // Static files: the .br/.gz siblings written at build time (`cargo leptos build --precompress`)
    // are sent as they are to clients that accept them; anything else is a Leptos 404 page.
    let not_found = leptos_axum::file_and_error_handler::<AppState, _>(shell).with_state(state.clone());
    let static_files =
        ServeDir::new(&*leptos_options.site_root).precompressed_br().precompressed_gzip().fallback(not_found);
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/v1/locate", get(api::locate))
        .route("/api/v1/carte/regies.geojson", get(map::regies))
        .route("/api/v1/carte/qpv.geojson", get(map::qpv))
        .route("/api/v1/carte/contours.geojson", get(map::contours))
        .route("/territoires/quartiers-sans-regie.{format}", get(map::gaps_export))
        .route("/territoires/{file}", get(exports::france))
        .route("/partenaires/partenariats.csv", get(exports::partnerships))
        .route("/territoires/{niveau}/{code}/{file}", get(exports::territory))
        .route("/compte/mes-donnees.json", get(session::my_data))
        .route(participation::POST_PATH, axum::routing::post(participation::post_item).layer(axum::extract::DefaultBodyLimit::max(participation::POST_MAX_BYTES)))
        .route("/participation/photos/{file}", get(participation::photo))
        .route(crate::gestion::PROFILE_PATH, axum::routing::post(crate::gestion::save_profile))
        .route(crate::creation::CREATE_PATH, axum::routing::post(crate::creation::create))
        .route(crate::creation::PROPOSALS_PATH, axum::routing::post(crate::creation::decide_proposal))
        .route(crate::gestion::FIGURES_PATH, axum::routing::post(crate::gestion::save_figures))
        .route(crate::gestion_partners::PARTNERS_PATH, axum::routing::post(crate::gestion_partners::save))
        .route(crate::gestion_news::NEWS_PATH, axum::routing::post(crate::gestion_news::save))
        .route(
            crate::gestion_logo::LOGO_PATH,
            axum::routing::post(crate::gestion_logo::save).layer(axum::extract::DefaultBodyLimit::max(crate::gestion_logo::LOGO_MAX_BYTES)),
        )
        .route("/logos/{slug}/{file}", get(crate::gestion_logo::image))
        .route(crate::gestion::RESTORE_PATH, axum::routing::post(crate::gestion::restore))
        .route(crate::gestion::VERIFY_PATH, axum::routing::post(crate::gestion::verify))
        .route(crate::gestion::CLAIM_PATH, axum::routing::post(crate::gestion::claim))
        .route(crate::gestion::DECIDE_PATH, axum::routing::post(crate::gestion::decide))
        .route(crate::gestion::CONFIRM_PATH, axum::routing::post(crate::gestion::confirm))
        .route(crate::gestion::CORRECTION_PATH, axum::routing::post(crate::gestion::correction))
        .route(crate::imports::UPLOAD_PATH, axum::routing::post(crate::imports::upload).layer(axum::extract::DefaultBodyLimit::max(crate::imports::UPLOAD_MAX_BYTES)))
        .route(crate::imports::START_PATH, axum::routing::post(crate::imports::start))
        .route(crate::imports::ABANDON_PATH, axum::routing::post(crate::imports::abandon))
        .route(crate::imports::STATE_PATH, get(crate::imports::state_of))
        .route(crate::audit::CSV_PATH, get(crate::audit::csv))
        .route(crate::people::SUSPEND_PATH, axum::routing::post(crate::people::suspend))
        .route(crate::people::REACTIVATE_PATH, axum::routing::post(crate::people::reactivate))
        .route(crate::people::UNLOCK_PATH, axum::routing::post(crate::people::unlock))
        .route(crate::unsubscribe::PATH, get(crate::unsubscribe::show).post(crate::unsubscribe::unsubscribe))
        .route(crate::live::PATH, get(crate::live::stream))
        .route("/participation/flux/{file}", get(participation::feed))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(atlas.clone()),
            {
                let options = leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback_service(static_files)
        .layer(axum::middleware::from_fn(static_cache))
        .layer(axum::middleware::from_fn(malformed_arguments))
        .layer(axum::middleware::from_fn_with_state(state.clone(), session::resolve))
        .layer(axum::middleware::from_fn_with_state((limits, state.atlas.db.clone()), guard_writes))
        // Body size and time limits, the photo form's own and everyone else's.
        .layer(axum::middleware::from_fn(bounds))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(security::headers))
        .layer(TraceLayer::new_for_http())
        // Outermost: an anonymous page from memory costs no session lookup, no compression and
        // no policy to write (its headers are stored with it, security headers included). A
        // render goes through every layer above, stored uncompressed and compressed once.
        .layer(axum::middleware::from_fn_with_state(state.clone(), page_cache::serve))
        .with_state(state)
}

/// Forms and server-function calls are small: a body over
/// `MAX_BODY_BYTES` is refused before it is read (413), and a request may not hold a worker
/// longer than `REQUEST_TIMEOUT` (408: slow clients, a stuck database). The photo form may send
/// three photos, and take the time a phone needs on a slow network (a Régie's logo, one); the
/// network's import form, a file.
async fn bounds(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let (max, timeout) = if request.uri().path() == participation::POST_PATH {
        (participation::POST_MAX_BYTES, participation::POST_TIMEOUT)
    } else if request.uri().path() == crate::gestion_logo::LOGO_PATH {
        (crate::gestion_logo::LOGO_MAX_BYTES, participation::POST_TIMEOUT)
    } else if request.uri().path() == crate::imports::UPLOAD_PATH {
        (crate::imports::UPLOAD_MAX_BYTES, crate::imports::UPLOAD_TIMEOUT)
    } else {
        (MAX_BODY_BYTES, REQUEST_TIMEOUT)
    };
    let declared = request.headers().get(axum::http::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > max) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    // Without a length, the body is cut at the limit while it is read (413 from its reader).
    let request = request.map(|body| axum::body::Body::new(http_body_util::Limited::new(body, max)));
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}

/// 200 with the database kind, migration version and row counts; 503 when the database is down.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let db = &state.atlas.db;
    // One failure is enough to answer: do not wait for a second query to time out.
    let result = match db.migration_version().await {
        Ok(version) => db.counts().await.map(|counts| (version, counts)),
        Err(e) => Err(e),
    };
    match result {
        Ok((version, counts)) => {
            let counts: serde_json::Map<String, serde_json::Value> =
                counts.into_iter().map(|(k, v)| (k.to_owned(), json!(v))).collect();
            (
                StatusCode::OK,
                Json(json!({"status": "ok", "database": db.backend.name(), "migration": version, "counts": counts})),
            )
        }
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "error", "database": db.backend.name(), "message": "base de données indisponible"})),
            )
        }
    }
}

/// Cache policy of static files. Bundle files named after their content hash
/// (`/pkg/atlas.<hash>.wasm`, cargo-leptos `hash-files`) never change: a year, immutable. Leaflet
/// (pinned by end2end/package-lock.json) may be kept a day. Unhashed bundle names (a build without
/// hashing) and the favicon are revalidated on every load (304 thanks to Last-Modified).
async fn static_cache(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let policy = if is_content_hashed(&path) {
        Some("public, max-age=31536000, immutable")
    } else if path.starts_with("/vendor/") {
        Some("public, max-age=86400")
    } else if path.starts_with("/pkg/") || path.starts_with("/js/") || path == "/favicon.svg" {
        Some("no-cache")
    } else {
        None
    };
    if let Some(policy) = policy {
        if response.status().is_success() && !response.headers().contains_key(axum::http::header::CACHE_CONTROL) {
            response
                .headers_mut()
                .insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static(policy));
        }
    }
    response
}

/// A server-function call whose arguments do not parse (a missing field, a number that is not
/// one) is the client's fault: 400 with a French message, instead of leptos's 500 "Args|…".
async fn malformed_arguments(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let is_server_fn = request.uri().path().starts_with("/api/") && !request.uri().path().starts_with("/api/v1/");
    let headers = request.headers().clone();
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_BODY_BYTES).await.unwrap_or_default();
    if let Some(detail) = bytes.strip_prefix(b"Args|").or_else(|| bytes.strip_prefix(b"Deserialization|")) {
        tracing::debug!(detail = %String::from_utf8_lossy(detail), "malformed server function arguments");
        return crate::error::respond(crate::error::locale(&headers), &Error::new(Code::MalformedRequest));
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// `/pkg/<name>.<hash>.<ext>` with a hash of at least 8 characters of [0-9A-Za-z_-]. An unhashed
/// build names the split loader `__wasm_split.____…__.js`: underscores only are no hash.
fn is_content_hashed(path: &str) -> bool {
    let Some(file) = path.strip_prefix("/pkg/") else { return false };
    let parts: Vec<&str> = file.split('.').collect();
    parts.len() >= 3
        && parts[1].len() >= 8
        && parts[1].chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && parts[1].chars().any(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashed_bundle_names() {
        assert!(super::is_content_hashed("/pkg/atlas.Xa9_b-12cdEF.wasm"));
        assert!(super::is_content_hashed("/pkg/atlas.Xa9_b-12cdEF.js"));
        assert!(!super::is_content_hashed("/pkg/atlas.wasm"));
        assert!(!super::is_content_hashed("/pkg/atlas.css"));
        assert!(!super::is_content_hashed("/vendor/leaflet/leaflet.js"));
        assert!(!super::is_content_hashed("/pkg/__wasm_split.______________________.js"));
    }
}
