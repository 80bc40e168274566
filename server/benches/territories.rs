//! `cargo bench -p server --bench territories`: server time of the territory pages (France, a
//! région, a département) and of their exports, with the full national data, on SQLite and, when
//! `TEST_DATABASE_URL` names one, PostgreSQL. Figures are printed, never asserted.

use std::time::{Duration, Instant};

use atlas_server::http;
use atlas_service::{db, import::reference};
use axum::body::Body;
use axum::http::Request;
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

const PAGES: [&str; 8] = [
    "/territoires",
    "/territoires/region/11",
    "/territoires/departement/93",
    "/territoires/departement/13",
    "/territoires/quartiers.csv",
    "/territoires/departement/93/quartiers.geojson",
    "/territoires/carte-couverture.svg",
    "/territoires/departement/93/carte-couverture.svg",
];

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

async fn run(label: &str, url: &str) {
    let database = db::connect(url).await.unwrap();
    database.migrate().await.unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/reference");
    if database.counts().await.unwrap().iter().all(|(_, n)| *n == 0) {
        reference::load(&database, &dir).await.unwrap();
    }
    let atlas = atlas_service::Atlas::open(database.clone()).await.unwrap();
    let router = http::router(LeptosOptions::builder().output_name("atlas").build(), atlas.clone());
    println!("\n{label}: server time per request (20 runs after 2 warm-ups), body size");
    for uri in PAGES {
        let mut times = Vec::new();
        let mut size = 0;
        for i in 0..22 {
            let t = Instant::now();
            let response = router.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
            assert!(response.status().is_success(), "{uri}: {}", response.status());
            size = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().len();
            if i >= 2 {
                times.push(t.elapsed());
            }
        }
        times.sort();
        println!(
            "  {uri:<52} median {:>6.1} ms  p90 {:>6.1} ms  {:>8} B",
            ms(times[times.len() / 2]),
            ms(times[times.len() * 9 / 10]),
            size
        );
    }
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let path = std::env::temp_dir().join(format!("atlas-bench-territories-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        run("SQLite", &format!("sqlite://{}", path.display())).await;
        let _ = std::fs::remove_file(&path);
        match std::env::var("TEST_DATABASE_URL") {
            Ok(pg) => {
                // A schema of its own, dropped and made anew, so the bench never touches other data.
                let admin = db::connect(&pg).await.unwrap().pool;
                sqlx::query("DROP SCHEMA IF EXISTS bench_territoires CASCADE").execute(&admin).await.unwrap();
                sqlx::query("CREATE SCHEMA bench_territoires").execute(&admin).await.unwrap();
                let sep = if pg.contains('?') { '&' } else { '?' };
                run("PostgreSQL", &format!("{pg}{sep}options=-c%20search_path%3Dbench_territoires")).await;
                sqlx::query("DROP SCHEMA bench_territoires CASCADE").execute(&admin).await.unwrap();
            }
            Err(_) => println!("\nPostgreSQL: TEST_DATABASE_URL not set, skipped"),
        }
    });
}
