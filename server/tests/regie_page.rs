//! The Régie page as the server renders it (what a phone without JavaScript receives), with key
//! figures and a partner added here as test data, on SQLite and PostgreSQL.

mod common;


use atlas_server::http;
use atlas_service::import::reference;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{backends, fresh, reference_dir};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String) {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    // Leptos marks text-node boundaries with <!> for hydration; a reader never sees them.
    (status, String::from_utf8(bytes.to_vec()).unwrap().replace("<!>", ""))
}

#[tokio::test]
async fn regie_page_shows_key_figures_chart_and_table_partners_and_how_to_take_part() {
    for backend in backends() {
        let db = fresh(backend).await;
        reference::load(&db, &reference_dir()).await.expect("reference load");
        let (id, slug): (i64, String) =
            sqlx::query_as("SELECT id, slug FROM regies ORDER BY slug LIMIT 1").fetch_one(&db.pool).await.unwrap();
        let ts = "2026-11-25T00:00:00Z";
        for (annee, salaries, insertion, ca) in [(2022_i64, 40_i64, 30_i64, 1_250_000_i64), (2023, 45, 33, 1_400_000)] {
            sqlx::query(
                "INSERT INTO chiffres_cles (regie_id, annee, salaries, salaries_insertion, chiffre_affaires_euros, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .bind(id).bind(annee).bind(salaries).bind(insertion).bind(ca).bind(ts)
            .execute(&db.pool)
            .await
            .unwrap();
        }
        let partner: i64 = sqlx::query_scalar(
            "INSERT INTO partenaires (nom, nature, demo, created_at, updated_at) VALUES ('Bailleur de test', 'bailleur_social', 1, $1, $1) RETURNING id",
        )
        .bind(ts)
        .fetch_one(&db.pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO relations (regie_id, partenaire_id, nature, depuis, demo, created_at, updated_at)
             VALUES ($1, $2, 'donneur_ordre', '2019-01-01', 1, $3, $3)",
        )
        .bind(id).bind(partner).bind(ts)
        .execute(&db.pool)
        .await
        .unwrap();

        let atlas = atlas_service::Atlas::open(db.clone()).await.unwrap();
        // Static files come from public/ (what cargo-leptos copies into the site).
        let site = common::repo_root().join("public");
        assert!(site.join("vendor/leaflet/leaflet.js").exists(), "run scripts/vendor.sh (make test does)");
        let options = LeptosOptions::builder().output_name("atlas").site_root(site.to_string_lossy().to_string()).build();
        let router = http::router(options, atlas.clone());

        let (status, html) = get(&router, &format!("/regies/{slug}")).await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        // Chart: one group per year, bars for both series, the values written on them.
        assert_eq!(html.matches("class=\"year\"").count(), 2, "{backend}");
        assert_eq!(html.matches("class=\"bar-total\"").count(), 2, "{backend}");
        assert!(html.contains(">45</text>") && html.contains(">33</text>"), "{backend}");
        // The table alternative holds every figure.
        assert!(html.contains("<th scope=\"row\">2022</th>") && html.contains("<th scope=\"row\">2023</th>"), "{backend}");
        assert!(html.contains("1\u{202f}400\u{202f}000 €"), "{backend}: turnover in French format");
        // Partners, with the demonstration label.
        assert!(html.contains("Bailleur de test"), "{backend}");
        assert!(html.contains("bailleur social · donneur d&#x27;ordre, depuis 2019-01-01") || html.contains("bailleur social · donneur d'ordre, depuis 2019-01-01"), "{backend}");
        assert!(html.contains("donnée de démonstration"), "{backend}");
        // Where to take part, and the server-drawn map.
        assert!(html.contains("id=\"participer\""), "{backend}");
        assert!(html.contains("class=\"regie-point\""), "{backend}");

        let (status, html) = get(&router, "/regies/pas-une-regie").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{backend}");
        assert!(html.contains("Cette Régie n&#x27;existe pas") || html.contains("Cette Régie n'existe pas"), "{backend}");

        // Static files: Leaflet cached a day, the app's own bundle revalidated each load.
        for (uri, policy) in [("/vendor/leaflet/leaflet.js", "public, max-age=86400"), ("/favicon.svg", "no-cache")] {
            let response = router.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{backend} {uri}");
            assert_eq!(response.headers()["cache-control"], policy, "{backend} {uri}");
            assert!(response.headers().contains_key("last-modified"), "{backend} {uri}");
        }
        let response = router.clone().oneshot(Request::get("/regies").body(Body::empty()).unwrap()).await.unwrap();
        // Pages are kept by browsers and proxies only with a revalidation (the ETag, 304): a
        // browser never shows a page older than the data without asking.
        assert_eq!(response.headers()["cache-control"], "public, max-age=0, must-revalidate, s-maxage=60", "{backend}");
        assert!(response.headers().contains_key("etag"), "{backend}");

        // A body larger than any form is refused before it is read.
        let big = vec![b'x'; atlas_server::http::MAX_BODY_BYTES + 1];
        let response = router
            .clone()
            .oneshot(Request::post("/api/get_gaps").header("content-length", big.len()).body(Body::from(big)).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE, "{backend}");

        // The JSON API answers a clear 400 in French.
        let (status, body) = get(&router, "/api/v1/locate?lat=91&lon=2").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{backend}");
        assert!(body.contains("hors limites"), "{backend}: {body}");
        let (status, body) = get(&router, "/api/v1/carte/qpv.geojson?bbox=1,2,3&zoom=5").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{backend}");
        assert!(body.contains("quatre nombres"), "{backend}: {body}");

        // And in English for an English reader, the reason included.
        let english = |uri: &str| Request::get(uri).header("accept-language", "en-GB,en;q=0.9").body(Body::empty()).unwrap();
        for (uri, said) in [
            ("/api/v1/locate?lat=91&lon=2", "invalid parameter: coordinates out of bounds: latitude 91 (from -90 to 90), longitude 2 (from -180 to 180)"),
            ("/api/v1/locate?lat=abc&lon=2", "invalid parameter: “lat”: “abc” is not a number"),
            ("/api/v1/locate?lat=48.8&lon=2.3&limit=99", "invalid parameter: “limit”: a whole number from 1 to 50 is expected"),
            ("/api/v1/carte/qpv.geojson?bbox=1,2,3&zoom=5", "invalid parameter: bbox “1,2,3”: four numbers expected, minLon,minLat,maxLon,maxLat"),
            ("/api/v1/carte/contours.geojson?bbox=3,2,1,4&zoom=5", "invalid parameter: bbox “3,2,1,4”: the minimums must come before the maximums"),
            ("/api/v1/carte/qpv.geojson?bbox=1,2,3,4&zoom=99", "invalid parameter: “zoom”: a whole number from 0 to 20 is expected"),
        ] {
            let response = router.clone().oneshot(english(uri)).await.unwrap();
            assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{backend} {uri}");
            let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
            let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
            assert_eq!((json["code"].as_str(), json["erreur"].as_str()), (Some("parametre_invalide"), Some(said)), "{backend} {uri}");
        }
    }
}
