//! Security headers on every response. The Content-Security-Policy allows scripts from the site
//! and inline scripts carrying this response's nonce only (Leptos stamps it on the hydration
//! script and the serialized page data: `app::CspNonce`), plus `'wasm-unsafe-eval'` for the
//! bundle; no plugin, no framing by other sites, forms posting only here, images from the site
//! and the configured map tiles. Geolocation is allowed for the site itself (« Autour de moi »).
//!
//! A page served from the page cache to every anonymous visitor cannot carry a nonce (it would be
//! the same for all of them, and known): it is stored without one, and served under a policy
//! naming the SHA-256 of each of its inline scripts instead (`policy_with_hashes`, set by
//! `page_cache`, which sits outside this layer and stores the other headers written here with
//! the page).

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use app::CspNonce;

/// The origin images may also come from: the map tiles' (`ATLAS_TILE_URL`), `{s}` subdomains
/// as a wildcard. Empty when tiles are off. Read once: the policy is written on every response.
fn tile_source() -> &'static str {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCE.get_or_init(read_tile_source)
}

fn read_tile_source() -> String {
    let url = std::env::var("ATLAS_TILE_URL").unwrap_or_else(|_| "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into());
    let Some((scheme, rest)) = url.split_once("://") else { return String::new() };
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || !matches!(scheme, "http" | "https") || !host.chars().all(|c| c.is_ascii_alphanumeric() || ".-:{}".contains(c)) {
        return String::new();
    }
    let host = match host.split_once("}.") {
        Some((_, domain)) if host.starts_with('{') => format!("*.{domain}"),
        _ => host.to_owned(),
    };
    format!(" {scheme}://{host}")
}

/// The policy of a response whose inline scripts carry `nonce`.
pub fn policy(nonce: &str) -> String {
    policy_allowing_scripts(&format!("'nonce-{nonce}'"))
}

/// The policy of a stored page: its inline scripts by hash (`'sha256-…'` each), no nonce.
pub fn policy_with_hashes(hashes: &[String]) -> String {
    policy_allowing_scripts(&hashes.join(" "))
}

fn policy_allowing_scripts(inline: &str) -> String {
    let inline = if inline.is_empty() { String::new() } else { format!(" {inline}") };
    format!(
        "default-src 'self'; script-src 'self'{inline} 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:{}; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        tile_source()
    )
}

/// The nonce of a response's policy (written by `headers`), to take it out of a page stored for
/// everyone.
pub fn nonce_of(headers: &axum::http::HeaderMap) -> Option<String> {
    let policy = headers.get(header::CONTENT_SECURITY_POLICY)?.to_str().ok()?;
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let len = policy[start..].find('\'')?;
    Some(policy[start..start + len].to_owned())
}

pub async fn headers(mut request: Request, next: Next) -> Response {
    let nonce = atlas_service::account::token::random::<16>().unwrap_or_default();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(value) = HeaderValue::from_str(&policy(&nonce)) {
            h.insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("geolocation=(self), camera=(), microphone=(), payment=()"),
    );
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_policy_names_the_nonce_and_the_tiles_origin() {
        let p = super::policy("abc");
        assert!(p.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval';"), "{p}");
        assert!(p.contains("frame-ancestors 'none'") && p.contains("object-src 'none'"), "{p}");
        let stored = super::policy_with_hashes(&["'sha256-abc='".into(), "'sha256-def='".into()]);
        assert!(stored.contains("script-src 'self' 'sha256-abc=' 'sha256-def=' 'wasm-unsafe-eval';"), "{stored}");
        assert!(super::policy_with_hashes(&[]).contains("script-src 'self' 'wasm-unsafe-eval';"));
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(axum::http::header::CONTENT_SECURITY_POLICY, p.parse().unwrap());
        assert_eq!(super::nonce_of(&headers).as_deref(), Some("abc"));
        headers.insert(axum::http::header::CONTENT_SECURITY_POLICY, stored.parse().unwrap());
        assert_eq!(super::nonce_of(&headers), None);
    }
}
