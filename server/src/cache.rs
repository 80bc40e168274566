//! HTTP caching of data responses (map layers, exports, map images): an ETag computed from the
//! body, 304 when the client already has it, and a short public lifetime, since the data changes
//! only on command-line imports. The hash is the same in every instance running the same binary.

use std::hash::{Hash, Hasher};

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Browsers and proxies may reuse a data response this long without asking.
pub const DATA_CACHE_CONTROL: &str = "public, max-age=300";

/// Whether an `If-None-Match` value names `etag` (or `*`): the client has it, a 304 will do.
/// A weak comparison, as RFC 9110 asks for `If-None-Match`.
pub fn etag_matches(if_none_match: Option<&HeaderValue>, etag: &str) -> bool {
    if_none_match
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').map(|t| t.trim().trim_start_matches("W/")).any(|t| t == etag || t == "*"))
}

/// `body` as `content_type`, with ETag and Cache-Control; a download when `file_name` is given.
pub fn respond(request: &HeaderMap, content_type: &'static str, file_name: Option<&str>, body: String) -> Response {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    let etag = format!("\"{:016x}\"", hasher.finish());
    if etag_matches(request.get(header::IF_NONE_MATCH), &etag) {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag), (header::CACHE_CONTROL, DATA_CACHE_CONTROL.to_owned())]).into_response();
    }
    let mut response = (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CACHE_CONTROL, DATA_CACHE_CONTROL.to_owned()),
            (header::ETAG, etag),
        ],
        body,
    )
        .into_response();
    if let Some(name) = file_name {
        if let Ok(value) = format!("attachment; filename=\"{name}\"").parse() {
            response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
        }
    }
    response
}
