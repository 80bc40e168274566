//! QPVs without a Régie: the page's figures against an independent count, and the CSV export
//! parsed back with a CSV parser, on SQLite and PostgreSQL.

mod common;

use std::collections::BTreeSet;

use atlas_server::http;
use atlas_service::import::reference;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{backends, fresh, reference_dir};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, Vec<u8>) {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    (status, axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec())
}

#[tokio::test]
async fn uncovered_qpvs_page_and_csv_export_agree_with_the_data() {
    for backend in backends() {
        let db = fresh(backend).await;
        reference::load(&db, &reference_dir()).await.expect("reference load");
        // Independent: all QPV codes minus those with any coverage row.
        let all: Vec<(String,)> = sqlx::query_as("SELECT code FROM qpv").fetch_all(&db.pool).await.unwrap();
        let covered: Vec<(String,)> = sqlx::query_as("SELECT qpv_code FROM couvertures").fetch_all(&db.pool).await.unwrap();
        let covered: BTreeSet<String> = covered.into_iter().map(|(c,)| c).collect();
        let expected: BTreeSet<String> = all.into_iter().map(|(c,)| c).filter(|c| !covered.contains(c)).collect();
        assert!(expected.len() > 1_000 && expected.len() < 1_584, "{backend}: {}", expected.len());

        let atlas = atlas_service::Atlas::open(db.clone()).await.unwrap();
        let router = http::router(LeptosOptions::builder().output_name("atlas").build(), atlas.clone());

        // CSV: BOM, `;`, every uncovered QPV once, sorted by distance (farthest first).
        let (status, bytes) = get(&router, "/territoires/quartiers-sans-regie.csv?tri=distance").await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        let text = String::from_utf8(bytes).unwrap();
        let body = text.strip_prefix('\u{feff}').expect("UTF-8 BOM for spreadsheet software");
        let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(body.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(&headers[0], "code_qp");
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let codes: BTreeSet<String> = records.iter().map(|r| r[0].to_owned()).collect();
        assert_eq!(codes, expected, "{backend}");
        assert_eq!(records.len(), expected.len(), "{backend}: no duplicates");
        let km: Vec<f64> = records.iter().filter(|r| !r[7].is_empty()).map(|r| r[7].replace(',', ".").parse().unwrap()).collect();
        assert!(km.windows(2).all(|w| w[0] >= w[1]), "{backend}: farthest first");
        assert!(records.iter().all(|r| !r[7].contains('.')), "{backend}: decimal commas");

        // The page shows the same count and the same first row.
        let (status, html) = get(&router, "/territoires/quartiers-sans-regie?tri=distance").await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        let html = String::from_utf8(html).unwrap().replace("<!>", "");
        let n = expected.len().to_string();
        let n_fr = if n.len() > 3 { format!("{}\u{202f}{}", &n[..n.len() - 3], &n[n.len() - 3..]) } else { n };
        assert!(html.contains(&format!("{n_fr} quartiers sur 1\u{202f}584")), "{backend}");
        let first = &records[0];
        assert!(html.contains(&format!("/qpv/{}", &first[0])), "{backend}");
        assert!(html.contains(&format!("{} km", &first[7])), "{backend}: {}", &first[7]);

        // The GeoJSON export: the same QPVs, each with its contour.
        let (status, bytes) = get(&router, "/territoires/quartiers-sans-regie.geojson?tri=distance").await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        let fc: geojson::FeatureCollection = String::from_utf8(bytes).unwrap().parse::<geojson::GeoJson>().unwrap().try_into().unwrap();
        let geo_codes: Vec<String> = fc.features.iter().map(|f| f.property("code").unwrap().as_str().unwrap().to_owned()).collect();
        assert_eq!(geo_codes, records.iter().map(|r| r[0].to_owned()).collect::<Vec<_>>(), "{backend}: same rows, same order");
        assert!(fc.features.iter().all(|f| f.geometry.is_some()), "{backend}");
        assert_eq!(get(&router, "/territoires/quartiers-sans-regie.xlsx").await.0, StatusCode::NOT_FOUND, "{backend}");

        // A département filter: the export holds only its QPVs.
        let (_, bytes) = get(&router, "/territoires/quartiers-sans-regie.csv?dep=93").await;
        let text = String::from_utf8(bytes).unwrap();
        let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert!(!rows.is_empty(), "{backend}");
        assert!(rows.iter().all(|r| &r[4] == "93"), "{backend}");
    }
}
