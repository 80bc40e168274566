//! Security headers on every kind of response: pages (anonymous and signed in, 404), server
//! functions, the JSON API, exports, static files. A page made for this response names its nonce
//! in the policy, and its inline scripts carry that same nonce (and no other); a page served from
//! the page cache carries none, and its policy names each of its inline scripts by hash.

mod common;

use atlas_server::http;
use axum::body::Body;
use axum::http::{header, Request};
use common::fresh;
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

#[tokio::test(flavor = "multi_thread")]
async fn every_response_carries_the_security_headers() {
    let db = fresh("sqlite").await;
    let atlas = atlas_service::Atlas::open(db.clone()).await.unwrap();
    let site = common::repo_root().join("public").to_string_lossy().to_string();
    let app = http::router(LeptosOptions::builder().output_name("atlas").site_root(site).build(), atlas);
    let added = atlas_service::account::operator::add(&db, &atlas_service::Actor::Cli, "zoe@exemple.fr", None, Some("Zoé"), Some("une phrase de passe solide")).await.unwrap();
    let signed_in = atlas_service::account::sign_in(&db, &atlas_service::Actor::Anonymous, "zoe@exemple.fr", "une phrase de passe solide", None).await.unwrap();
    assert!(added.id > 0);
    let requests: Vec<(&str, &str, Option<String>)> = vec![
        ("GET", "/", None),
        // Again: now a hit, whose headers come from memory with the page.
        ("GET", "/", None),
        ("GET", "/regies", None),
        ("GET", "/api/v1/carte/regies.geojson", None),
        ("GET", "/api/v1/carte/regies.geojson", None),
        ("GET", "/compte/connexion", None),
        ("GET", "/compte", Some(format!("atlas_session={}", signed_in.token))),
        ("GET", "/page-qui-n-existe-pas", None),
        ("GET", "/favicon.svg", None),
        ("GET", "/api/v1/locate?q=", None),
        ("GET", "/partenaires/partenariats.csv", None),
        ("GET", "/healthz", None),
        ("POST", "/api/ecriture/compte/connexion", None),
    ];
    let mut seen_cached = Vec::new();
    for (method, path, cookie) in requests {
        let mut request = Request::builder().method(method).uri(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = &cookie {
            request = request.header(header::COOKIE, c);
        }
        let response = app.clone().oneshot(request.body(Body::from("email=x&mot_de_passe=y")).unwrap()).await.unwrap();
        let h = response.headers().clone();
        if let Some(cached) = h.get("x-atlas-cache") {
            seen_cached.push((path, cached.to_str().unwrap().to_owned()));
        }
        let csp = h.get(header::CONTENT_SECURITY_POLICY).unwrap_or_else(|| panic!("{path}: no CSP")).to_str().unwrap().to_owned();
        for part in ["default-src 'self'", "'wasm-unsafe-eval'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"] {
            assert!(csp.contains(part), "{path}: {part} missing in {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(h[header::REFERRER_POLICY], "strict-origin-when-cross-origin", "{path}");
        assert!(h["permissions-policy"].to_str().unwrap().contains("geolocation=(self)"), "{path}");
        let body = String::from_utf8_lossy(&axum::body::to_bytes(response.into_body(), 1 << 22).await.unwrap()).into_owned();
        if body.starts_with("<!DOCTYPE html>") {
            let scripts: Vec<&str> = body.split("<script").skip(1).map(|s| s.split('>').next().unwrap()).collect();
            assert!(!scripts.is_empty(), "{path}: a page has its hydration script");
            let stored = h.get("x-atlas-cache").is_some();
            assert_eq!(stored, cookie.is_none() && ["/", "/regies"].contains(&path), "{path}: only anonymous pages outside /compte are stored");
            if stored {
                // Served from the page cache: no nonce in the page or the policy, every inline
                // script named by its hash.
                assert!(!csp.contains("'nonce-") && !body.contains("nonce="), "{path}: {csp}");
                for hash in atlas_server::page_cache::entry::inline_script_hashes(body.as_bytes()) {
                    assert!(csp.contains(&hash), "{path}: {hash} not in {csp}");
                }
            } else {
                let nonce = csp.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).unwrap().to_owned();
                for tag in scripts {
                    let data_block = tag.contains("application/ld+json");
                    assert!(data_block || tag.contains(&format!("nonce=\"{nonce}\"")), "{path}: an inline script without this response's nonce: <script{tag}>");
                }
            }
        }
    }
    assert_eq!(
        seen_cached,
        [
            ("/", "miss"),
            ("/", "hit"),
            ("/regies", "miss"),
            ("/api/v1/carte/regies.geojson", "miss"),
            ("/api/v1/carte/regies.geojson", "hit"),
            ("/partenaires/partenariats.csv", "miss"),
        ]
            .map(|(p, c)| (p, c.to_owned())),
        "the security headers above were checked on pages and data from memory too"
    );
}
