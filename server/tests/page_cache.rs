//! The page cache through the real router, on SQLite and PostgreSQL: an anonymous page is
//! rendered once and then served from memory (compressed, 304 on its ETag); it shows the new
//! value after every kind of change (readers' corrections, Régies, partnerships, territories),
//! on the instance that wrote and on another one on the same database; a signed-in request is
//! never served a stored page, nor stores one; languages are kept apart; a burst of identical
//! requests renders once; a stored page carries no nonce and its policy names its scripts.

mod common;

use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use atlas_server::http;
use atlas_server::limits::WriteLimits;
use atlas_server::page_cache::{entry::inline_script_hashes, PageCache};
use atlas_service::import::{self, ImportOptions, Request as Import};
use atlas_service::{Actor, Atlas};
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use common::{backends, fresh, load_regies};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

struct Page {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Page {
    fn cache(&self) -> &str {
        self.headers.get("x-atlas-cache").and_then(|v| v.to_str().ok()).unwrap_or("none")
    }
}

async fn send(app: &axum::Router, request: Request<Body>) -> Page {
    let response = app.clone().oneshot(request).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    Page { status, headers, body: String::from_utf8_lossy(&bytes).replace("<!>", "") }
}

async fn get(app: &axum::Router, uri: &str) -> Page {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

fn router(atlas: Atlas, cache: PageCache) -> axum::Router {
    let site = common::repo_root().join("public").to_string_lossy().to_string();
    let options = LeptosOptions::builder().output_name("atlas").site_root(site).build();
    http::router_with(options, atlas, WriteLimits::new(NonZeroU32::new(1000).unwrap(), false), cache)
}

fn correction(slug: &str, message: &str) -> Request<Body> {
    let form = format!("regie={slug}&sujet=autre&message={}", atlas_core::text::percent_encode(message));
    Request::post("/api/ecriture/signaler-correction")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .body(Body::from(form))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn anonymous_pages_from_memory_fresh_after_every_change_never_for_a_session() {
    for backend in backends() {
        let db = fresh(backend).await;
        load_regies(&db).await;
        let slug: String = sqlx::query_scalar("SELECT slug FROM regies ORDER BY slug LIMIT 1").fetch_one(&db.pool).await.unwrap();
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let cache = PageCache::new(16 << 20);
        let app = router(atlas.clone(), cache.clone());
        let page = format!("/regies/{slug}");

        // Rendered once, then from memory: the same page, its ETag, 304 when the browser has it.
        let first = get(&app, &page).await;
        assert_eq!((first.status, first.cache()), (StatusCode::OK, "miss"), "{backend}");
        let second = get(&app, &page).await;
        assert_eq!((second.cache(), &second.body), ("hit", &first.body), "{backend}");
        let etag = second.headers[header::ETAG].to_str().unwrap().to_owned();
        assert_eq!(second.headers[header::CACHE_CONTROL], "public, max-age=0, must-revalidate, s-maxage=60", "{backend}");
        assert!(second.headers[header::VARY].to_str().unwrap().contains("Cookie"), "{backend}");
        let revalidated = send(&app, Request::get(&page).header(header::IF_NONE_MATCH, &etag).body(Body::empty()).unwrap()).await;
        assert_eq!((revalidated.status, revalidated.body.as_str()), (StatusCode::NOT_MODIFIED, ""), "{backend}");
        // A browser replaces the kept page's headers by a 304's: the policy must be the page's.
        assert_eq!(revalidated.headers[header::CONTENT_SECURITY_POLICY], second.headers[header::CONTENT_SECURITY_POLICY], "{backend}");
        let zipped = send(&app, Request::get(&page).header(header::ACCEPT_ENCODING, "gzip, br").body(Body::empty()).unwrap()).await;
        assert_eq!(zipped.headers[header::CONTENT_ENCODING], "br", "{backend}");

        // A stored page carries no nonce; its policy names the hash of each of its inline scripts.
        assert!(!second.body.contains("nonce="), "{backend}");
        let policy = second.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        let hashes = inline_script_hashes(second.body.as_bytes());
        assert!(!hashes.is_empty() && !policy.contains("'nonce-"), "{backend}: {policy}");
        for hash in &hashes {
            assert!(policy.contains(hash.as_str()), "{backend}: {hash} missing from {policy}");
        }

        // A correction posted on this instance: the next reader sees its count at once.
        let posted = send(&app, correction(&slug, "Le numéro de téléphone a changé.")).await;
        assert_eq!(posted.status, StatusCode::OK, "{backend}: {}", posted.body);
        let after = get(&app, &page).await;
        assert_eq!(after.cache(), "miss", "{backend}");
        assert!(after.body.contains("1 correction(s) signalée(s)"), "{backend}");

        // Another instance on the same database (its own memory, its own snapshot): following
        // the revisions, it stops serving its stored page and shows the new count.
        let other = Atlas::open(db.clone()).await.unwrap();
        let other_app = router(other.clone(), PageCache::new(16 << 20));
        assert!(get(&other_app, &page).await.body.contains("1 correction(s) signalée(s)"), "{backend}");
        assert_eq!(get(&other_app, &page).await.cache(), "hit", "{backend}");
        let follower = tokio::spawn(atlas_service::watch::follow(other.clone()));
        assert_eq!(send(&app, correction(&slug, "Les horaires d'ouverture ont changé.")).await.status, StatusCode::OK);
        let started = Instant::now();
        loop {
            let seen = get(&other_app, &page).await;
            if seen.body.contains("2 correction(s) signalée(s)") {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(10), "{backend}: the other instance still serves the old page");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        follower.abort();

        // Régies, partnerships and territories imported by the command line (another process,
        // here the same one without a request): once the snapshot follows, stored pages go.
        let directory = "/regies?q=temoin";
        assert!(!get(&app, directory).await.body.contains("Régie témoin du cache"), "{backend}");
        assert_eq!(get(&app, directory).await.cache(), "hit", "{backend}");
        let csv = std::env::temp_dir().join(format!("atlas-cache-{}-{backend}.csv", std::process::id()));
        std::fs::write(&csv, "Nom;SIRET;Adresse;Code postal;Commune;Latitude;Longitude\nRégie témoin du cache;;Place Tyssandier d'Escous;15140;Salers;45.1397;2.4958\n").unwrap();
        import::run(&db, &Actor::Cli, Import::Regies(csv.clone()), ImportOptions { skip_invalid: false }).await.unwrap();
        let _ = std::fs::remove_file(&csv);
        assert_eq!(get(&app, directory).await.cache(), "hit", "{backend}: not seen before the snapshot follows");
        atlas.refresh().await.unwrap();
        let fresh_directory = get(&app, directory).await;
        assert!(fresh_directory.body.contains("Régie témoin du cache"), "{backend}");

        let partners = "/partenaires";
        assert!(!get(&app, partners).await.body.contains("Habitat social (démonstration)"), "{backend}");
        let demo = common::repo_root().join("data/demo/partenariats.csv");
        let report = atlas_service::import::partnerships::import_file(&db, &demo, ImportOptions { skip_invalid: true }, true).await.unwrap();
        assert!(report.inserted > 0, "{backend}: {report:?}");
        atlas.refresh().await.unwrap();
        assert!(get(&app, partners).await.body.contains("Habitat social (démonstration)"), "{backend}");

        get(&app, "/territoires").await;
        assert_eq!(get(&app, "/territoires").await.cache(), "hit", "{backend}");
        import::run(&db, &Actor::Cli, Import::Communes(common::reference_dir()), ImportOptions::default()).await.unwrap();
        atlas.refresh().await.unwrap();
        assert_eq!(get(&app, "/territoires").await.cache(), "miss", "{backend}: the territories moved");

        // A signed-in request is never served the stored page, and never stores its own.
        atlas_service::account::operator::add(&db, &Actor::Cli, "zoe@exemple.fr", None, Some("Zoé Cache"), Some("une phrase de passe solide")).await.unwrap();
        let session = atlas_service::account::sign_in(&db, &Actor::Anonymous, "zoe@exemple.fr", "une phrase de passe solide", None).await.unwrap();
        assert_eq!(get(&app, "/").await.cache(), "miss", "{backend}");
        let signed_in = send(&app, Request::get("/").header(header::COOKIE, format!("atlas_session={}", session.token)).body(Body::empty()).unwrap()).await;
        assert_eq!(signed_in.cache(), "none", "{backend}");
        assert!(signed_in.body.contains("Zoé Cache"), "{backend}: the header shows who is signed in");
        assert_eq!(signed_in.headers[header::CACHE_CONTROL], "private, no-store", "{backend}");
        assert!(signed_in.body.contains("nonce="), "{backend}: a page for one person carries this response's nonce");
        let anonymous = get(&app, "/").await;
        assert_eq!(anonymous.cache(), "hit", "{backend}");
        assert!(!anonymous.body.contains("Zoé Cache"), "{backend}: no one else sees that person");
        let ended_cookie = send(&app, Request::get("/").header(header::COOKIE, "atlas_session=plus-valable").body(Body::empty()).unwrap()).await;
        assert_eq!(ended_cookie.cache(), "none", "{backend}: a session cookie, even an ended one, is not served from memory");

        // Languages apart: the English directory is English, and `/api/` answers by language.
        let french = get(&app, "/regies").await;
        assert!(french.body.contains("<html lang=\"fr\"") && french.body.contains("<h1>Annuaire des Régies"), "{backend}");
        let english = get(&app, "/en/regies").await;
        assert_eq!(english.cache(), "miss", "{backend}");
        assert!(english.body.contains("<html lang=\"en\"") && english.body.contains("<h1>Directory of Régies"), "{backend}");
        assert!(!english.body.contains("Annuaire des Régies"), "{backend}");
        let ask = |lang: &'static str| Request::get("/api/suggestions?q=sarc").header(header::ACCEPT_LANGUAGE, lang).body(Body::empty()).unwrap();
        assert_eq!(send(&app, ask("fr")).await.cache(), "miss", "{backend}");
        assert_eq!(send(&app, ask("en-GB,en")).await.cache(), "miss", "{backend}: English is stored apart");
        assert_eq!(send(&app, ask("en")).await.headers[header::VARY], "Accept-Encoding, Accept-Language, Cookie", "{backend}");

        // Account pages are never stored (links with tokens, one person's state).
        assert_eq!(get(&app, "/compte/connexion").await.cache(), "none", "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_burst_of_identical_requests_renders_once() {
    let db = fresh("sqlite").await;
    load_regies(&db).await;
    let atlas = Atlas::open(db).await.unwrap();
    let cache = PageCache::new(16 << 20);
    let app = router(atlas, cache.clone());
    let before = cache.stats().renders;
    let burst: Vec<_> = (0..24).map(|_| tokio::spawn({
        let app = app.clone();
        async move { get(&app, "/regies?q=saint").await }
    })).collect();
    let mut bodies = Vec::new();
    for task in burst {
        let page = task.await.unwrap();
        assert_eq!(page.status, StatusCode::OK);
        bodies.push(page.body);
    }
    assert_eq!(cache.stats().renders - before, 1, "24 identical requests, one render");
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "every one of them was sent the same page");
}
