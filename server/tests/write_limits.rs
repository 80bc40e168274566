//! The per-client write limit is counted in the database: two server instances on one database
//! share it, so a client spreading its writes over instances behind a load balancer gets no
//! more. On SQLite and PostgreSQL.

mod common;

use std::num::NonZeroU32;

use atlas_server::http;
use atlas_server::limits::WriteLimits;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{backends, fresh};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

async fn write(app: &axum::Router) -> (StatusCode, Option<String>) {
    let request = Request::post("/api/ecriture/signaler-correction")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .body(Body::from("regie=nulle-part&sujet=autre&message=Un+message+assez+long"))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    (response.status(), response.headers().get(header::RETRY_AFTER).map(|v| v.to_str().unwrap().to_owned()))
}

#[tokio::test(flavor = "multi_thread")]
async fn two_instances_share_one_write_limit() {
    for backend in backends() {
        let db = fresh(backend).await;
        let site = common::repo_root().join("public").to_string_lossy().to_string();
        let instance = |db: atlas_service::db::Database| {
            let site = site.clone();
            async move {
                let atlas = atlas_service::Atlas::open(db).await.unwrap();
                let options = LeptosOptions::builder().output_name("atlas").site_root(site).build();
                http::router_with_limits(options, atlas, WriteLimits::new(NonZeroU32::new(5).unwrap(), false))
            }
        };
        let (a, b) = (instance(db.clone()).await, instance(db.clone()).await);
        for (n, app) in [&a, &b, &a, &b, &a].into_iter().enumerate() {
            let (status, _) = write(app).await;
            assert_ne!(status, StatusCode::TOO_MANY_REQUESTS, "{backend}: write {} is within the limit", n + 1);
        }
        let (status, retry) = write(&b).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{backend}: the sixth write, on the other instance");
        assert!(retry.is_some_and(|s| (1..=60).contains(&s.parse::<u64>().unwrap())), "{backend}");
        assert_eq!(write(&a).await.0, StatusCode::TOO_MANY_REQUESTS, "{backend}");
        // Reads are not counted.
        let health = a.clone().oneshot(Request::get("/healthz").body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(health.status(), StatusCode::OK, "{backend}");
    }
}
