//! Guards on requests that could change something: every request that is not GET/HEAD/OPTIONS is
//! same-origin-checked against cross-site request forgery; the writes (server functions under
//! `app::WRITE_PREFIX`) are also rate-limited per client, counted in the database so that the
//! limit holds however many instances share the load. Reads are not limited here: Leptos calls
//! read server functions with POST too, and a page may make several.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;

use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::Response;
use atlas_service::db::Database;

use atlas_core::error::{Code, Error};

use crate::error::{locale, respond};

/// Writes allowed per client and minute: `ATLAS_WRITES_PER_MINUTE`, default 10 (a reader sends
/// one correction; a script sending hundreds is refused). Bursts up to the same number.
pub fn writes_per_minute() -> NonZeroU32 {
    std::env::var("ATLAS_WRITES_PER_MINUTE")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .and_then(NonZeroU32::new)
        .unwrap_or(NonZeroU32::new(10).expect("10 > 0"))
}

/// Behind a reverse proxy every client has the proxy's address: `ATLAS_TRUST_PROXY=1` keys the
/// limit on the last address the proxy appended to `X-Forwarded-For` instead.
fn trust_proxy() -> bool {
    std::env::var("ATLAS_TRUST_PROXY").is_ok_and(|v| v == "1")
}

#[derive(Clone)]
pub struct WriteLimits {
    per_minute: NonZeroU32,
    trust_proxy: bool,
}

impl WriteLimits {
    pub fn from_env() -> Self {
        Self::new(writes_per_minute(), trust_proxy())
    }

    pub fn new(per_minute: NonZeroU32, trust_proxy: bool) -> Self {
        Self { per_minute, trust_proxy }
    }

    fn client(&self, request: &Request) -> IpAddr {
        let forwarded = self.trust_proxy.then(|| {
            request
                .headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .and_then(|ip| ip.trim().parse::<IpAddr>().ok())
        });
        forwarded.flatten().unwrap_or_else(|| {
            request
                .extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip())
                .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
        })
    }
}

fn is_write(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A browser tells where a request comes from (`Sec-Fetch-Site`, `Origin`); a write from another
/// site is a forged one. Clients that are not browsers send neither and are not concerned.
pub fn cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    match (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        (Some(origin), Some(host)) => {
            let origin = origin.to_str().unwrap_or("");
            let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or(origin);
            origin_host != host.to_str().unwrap_or("")
        }
        // "Origin: null" (sandboxed frames, some redirects) without a Host to compare: refuse.
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// The middleware: 403 for a cross-site POST, 429 (with Retry-After) for a write beyond the rate.
pub async fn guard_writes(
    axum::extract::State((limits, db)): axum::extract::State<(WriteLimits, Database)>,
    mut request: Request,
    next: Next,
) -> Response {
    if !is_write(request.method()) {
        return next.run(request).await;
    }
    // The one-click unsubscribe comes from mail clients, wherever they are: its token decides.
    if cross_site(request.headers()) && request.uri().path() != crate::unsubscribe::PATH {
        return respond(locale(request.headers()), &Error::new(Code::CrossSite));
    }
    if !request.uri().path().starts_with(app::WRITE_PREFIX) {
        return next.run(request).await;
    }
    let client = limits.client(&request);
    // Sign-in throttling counts failures per client address too: it reads the same address.
    request.extensions_mut().insert(atlas_service::account::ClientAddress(client.to_string()));
    let now = atlas_service::account::store::now_ms();
    match atlas_service::account::throttle::count_write(&db, &client.to_string(), i64::from(limits.per_minute.get()), now).await {
        Ok(Some(wait_ms)) => {
            let seconds = ((wait_ms + 999) / 1000).max(1);
            return respond(locale(request.headers()), &Error::with(Code::TooManyRequests, seconds.to_string()));
        }
        Ok(None) => {}
        // The database is down: the write itself would fail with a 503 that says so.
        Err(e) => tracing::warn!(error = ?e, "write limit not counted"),
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn cross_site_detection() {
        assert!(!cross_site(&headers(&[])), "curl, scripts: no browser headers");
        assert!(!cross_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(cross_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(!cross_site(&headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")])));
        assert!(cross_site(&headers(&[("origin", "https://evil.example"), ("host", "atlas.example")])));
        assert!(cross_site(&headers(&[("origin", "null")])));
    }
}
