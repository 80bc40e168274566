//! Hostile requests, generated, against every server function and every JSON endpoint: bodies
//! and query strings with invalid UTF-8, binary, oversized, missing and repeated fields. The
//! server must never answer 5xx (its database is up), and must write nothing it did not
//! acknowledge.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

use atlas_server::http;
use atlas_server::limits::WriteLimits;
use atlas_service::import::reference;
use common::{backends, count_corrections, fresh, reference_dir, Rng};

const FIELDS: [&str; 12] = ["regie", "sujet", "message", "contact", "q", "slug", "code", "insee", "id", "lat", "lon", "query[q]"];
const VALUES: [&str; 14] = [
    "%FF%FE", "%C3%28", "", "autre", "x", "-1", "1e309", "NaN", "inf", "99999999999999999999", "%00", "regie-de-quartier",
    "%E2%82", "a%2Cb",
];

/// A query string or form body: known and unknown fields, repeated, with broken percent-encoding.
fn fields(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..rng.below(7) {
        if i > 0 {
            out.push(b'&');
        }
        out.extend_from_slice(FIELDS[rng.below(FIELDS.len())].as_bytes());
        if rng.below(5) > 0 {
            out.push(b'=');
            out.extend_from_slice(VALUES[rng.below(VALUES.len())].as_bytes());
        }
    }
    out
}

/// One hostile body: raw bytes that are not UTF-8, binary, fields, JSON that does not fit, or
/// too much of anything.
fn body(rng: &mut Rng) -> (Vec<u8>, &'static str) {
    let content_type = ["application/x-www-form-urlencoded", "application/json", "application/cbor", "text/plain", ""][rng.below(5)];
    let bytes = match rng.below(6) {
        0 => vec![0xff, 0xfe, 0xc3, 0x28, b'=', 0x80],
        1 => {
            let n = rng.below(300);
            rng.bytes(n)
        }
        2 | 3 => fields(rng),
        4 => br#"{"regie": 1, "sujet": [], "message": {"x": null}}"#.to_vec(),
        _ => {
            let mut v = b"message=".to_vec();
            v.extend(std::iter::repeat_n(b'a', 70 * 1024));
            v
        }
    };
    (bytes, content_type)
}

fn server_functions() -> Vec<(String, String)> {
    leptos::server_fn::axum::server_fn_paths().map(|(path, method)| (path.to_owned(), method.to_string())).collect()
}

const JSON_ENDPOINTS: [&str; 8] = [
    "/api/v1/locate",
    "/api/v1/carte/qpv.geojson",
    "/api/v1/carte/contours.geojson",
    "/api/v1/carte/regies.geojson",
    "/territoires/quartiers-sans-regie.csv",
    "/territoires/departement/93/quartiers.csv",
    "/territoires/quartiers.geojson",
    "/partenaires/partenariats.csv",
];

#[tokio::test(flavor = "multi_thread")]
async fn hostile_requests_never_get_a_server_error() {
    for backend in backends() {
        let db = fresh(backend).await;
        reference::load(&db, &reference_dir()).await.expect("reference load");
        let atlas = atlas_service::Atlas::open(db.clone()).await.unwrap();
        let limits = WriteLimits::new(std::num::NonZeroU32::new(1_000_000).unwrap(), false);
        let router = http::router_with_limits(LeptosOptions::builder().output_name("atlas").build(), atlas, limits);
        let functions = server_functions();
        assert!(functions.len() >= 10, "{backend}: server functions found: {functions:?}");
        let before = count_corrections(&db).await;
        let mut rng = Rng(0x5eed_0000 + backend.len() as u64);
        let (mut sent, mut recorded) = (0, 0);
        for (path, method) in &functions {
            for _ in 0..60 {
                let (bytes, content_type) = body(&mut rng);
                let query = String::from_utf8_lossy(&fields(&mut rng)).into_owned();
                let uri = if method == "GET" { format!("{path}?{query}") } else { path.clone() };
                let mut request = Request::builder().method(method.as_str()).uri(uri);
                if !content_type.is_empty() {
                    request = request.header("content-type", content_type);
                }
                let response = router.clone().oneshot(request.body(Body::from(bytes.clone())).unwrap()).await.unwrap();
                let status = response.status();
                let text = String::from_utf8_lossy(&axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap()).into_owned();
                assert!(status.as_u16() < 500, "{backend}: {method} {path} {content_type} {:?} → {status} {text}", String::from_utf8_lossy(&bytes[..bytes.len().min(80)]));
                if status == StatusCode::OK && text.contains("Recorded") {
                    recorded += 1;
                }
                sent += 1;
            }
        }
        for path in JSON_ENDPOINTS {
            for _ in 0..60 {
                let mut query = fields(&mut rng);
                if rng.below(3) == 0 {
                    query.extend_from_slice(b"&bbox=1,2,3,4&zoom=");
                    query.extend(rng.bytes(3).iter().map(|b| b'0' + b % 10));
                }
                // Raw bytes in the request target, as a hostile client sends them (percent-encoded
                // here only where the URI type insists).
                let uri = format!("{path}?{}", percent_non_ascii(&query));
                let response = router.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
                let status = response.status();
                assert!(status.as_u16() < 500, "{backend}: GET {path}?{} → {status}", String::from_utf8_lossy(&query));
                sent += 1;
            }
        }
        // Invalid UTF-8 in a form: a 400 in French, not a 500.
        let correction = <app::regie::ReportCorrection as leptos::server_fn::ServerFn>::PATH;
        let response = router
            .clone()
            .oneshot(
                Request::post(correction)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(Body::from(vec![b'r', b'e', b'g', b'i', b'e', b'=', 0xff, 0xfe]))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{backend}");
        let text = String::from_utf8_lossy(&axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap()).into_owned();
        assert!(text.contains("requête invalide"), "{backend}: {text}");
        assert_eq!(count_corrections(&db).await, before + recorded, "{backend}: only acknowledged corrections are written");
        println!("{backend}: {sent} requêtes hostiles, aucune 5xx, {recorded} corrections acceptées et écrites");
    }
}

fn percent_non_ascii(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| if b.is_ascii_graphic() && *b != b'#' { (*b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
