//! The per-client write limit is counted in the database: two server instances on one database
//! share it, so a client spreading its writes over instances behind a load balancer gets no
//! more; a session opened or ended on one is opened or ended on the other. On SQLite and
//! PostgreSQL.

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
async fn two_instances_share_one_write_limit_and_the_sessions() {
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
        // (The sign-out through `b` is the first write of the client's minute.)
        // A session opened through one instance is known to the other (it lives in the database),
        // and ended through the other, it is gone for both.
        atlas_service::account::operator::add(&db, &atlas_service::Actor::Cli, "zoe@exemple.fr", None, Some("Zoé"), Some("une phrase de passe solide")).await.unwrap();
        let session = atlas_service::account::sign_in(&db, &atlas_service::Actor::Anonymous, "zoe@exemple.fr", "une phrase de passe solide", None).await.unwrap();
        let cookie = format!("atlas_session={}", session.token);
        for app in [&a, &b] {
            let page = app.clone().oneshot(Request::get("/compte").header(header::COOKIE, &cookie).body(Body::empty()).unwrap()).await.unwrap();
            let html = String::from_utf8_lossy(&axum::body::to_bytes(page.into_body(), 1 << 21).await.unwrap()).into_owned();
            assert!(html.contains("class=\"account-name\">Zoé<"), "{backend}: signed in on both instances");
        }
        let out = Request::post("/api/ecriture/compte/deconnexion").header(header::COOKIE, &cookie).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").body(Body::empty()).unwrap();
        assert!(b.clone().oneshot(out).await.unwrap().status().as_u16() < 500, "{backend}");
        let page = a.clone().oneshot(Request::get("/compte").header(header::COOKIE, &cookie).body(Body::empty()).unwrap()).await.unwrap();
        let html = String::from_utf8_lossy(&axum::body::to_bytes(page.into_body(), 1 << 21).await.unwrap()).into_owned();
        assert!(html.contains("class=\"account-name\">Connexion<"), "{backend}: signed out on both instances");
        for (n, app) in [&a, &b, &a, &b].into_iter().enumerate() {
            let (status, _) = write(app).await;
            assert_ne!(status, StatusCode::TOO_MANY_REQUESTS, "{backend}: write {} is within the limit", n + 2);
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
