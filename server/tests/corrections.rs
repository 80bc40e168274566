//! Readers' corrections on a Régie's page, through the real router, on SQLite and PostgreSQL:
//! recorded and acknowledged, refused with reasons (422) and nothing written, unknown page (404),
//! forged cross-site posts (403), the per-client rate limit (429), the page's pending count, and
//! the network's CSV export (formula-safe) and handling.

mod common;

use std::num::NonZeroU32;

use atlas_server::limits::WriteLimits;
use atlas_server::http;
use atlas_service::import::reference;
use atlas_service::{correction as corrections, Actor};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{backends, fresh, reference_dir};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

const ENDPOINT: &str = "/api/ecriture/signaler-correction";

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", atlas_core::text::percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

async fn send(app: &axum::Router, request: Request<Body>) -> (StatusCode, Option<String>, String) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let retry = response.headers().get(header::RETRY_AFTER).map(|v| v.to_str().unwrap().to_owned());
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, retry, String::from_utf8(bytes.to_vec()).unwrap().replace("<!>", ""))
}

fn post(body: String) -> Request<Body> {
    Request::post(ENDPOINT)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn corrections_are_recorded_refused_limited_shown_and_exported() {
    for backend in backends() {
        let db = fresh(backend).await;
        reference::load(&db, &reference_dir()).await.expect("reference load");
        let slug: String = sqlx::query_scalar("SELECT slug FROM regies ORDER BY slug LIMIT 1").fetch_one(&db.pool).await.unwrap();
        let atlas = atlas_service::Atlas::open(db.clone()).await.unwrap();
        let site = common::repo_root().join("public");
        let options = LeptosOptions::builder().output_name("atlas").site_root(site.to_string_lossy().to_string()).build();
        let limits = WriteLimits::new(NonZeroU32::new(6).unwrap(), false);
        let app = http::router_with_limits(options, atlas.clone(), limits);

        // The page offers the form, folded, with its fields labelled.
        let page = send(&app, Request::get(format!("/regies/{slug}")).body(Body::empty()).unwrap()).await;
        assert_eq!(page.0, StatusCode::OK);
        assert!(page.2.contains("Signaler une correction sur cette fiche"), "{backend}");
        assert!(page.2.contains("for=\"correction-message\"") && page.2.contains("name=\"sujet\""), "{backend}");
        assert!(!page.2.contains("attendent d&#x27;être vérifiées") && !page.2.contains("attendent d'être vérifiées"), "{backend}: none yet");

        // 1. A valid correction is acknowledged with its number, and is in the database.
        let message = "=HYPERLINK(\"x\") Le téléphone a changé : 01 48 00 00 00";
        let (status, _, body) = send(&app, post(form(&[("regie", &slug), ("sujet", "coordonnees"), ("message", message), ("contact", "habitant@exemple.fr")]))).await;
        assert_eq!(status, StatusCode::OK, "{backend}: {body}");
        let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
        let id = answer["Recorded"]["id"].as_i64().unwrap_or_else(|| panic!("{backend}: {body}"));
        let stored: (String, String, Option<String>, String) =
            sqlx::query_as("SELECT sujet, message, contact, statut FROM corrections WHERE id = $1").bind(id).fetch_one(&db.pool).await.unwrap();
        assert_eq!(stored, ("coordonnees".into(), message.into(), Some("habitant@exemple.fr".into()), "nouvelle".into()), "{backend}");

        // 2. Every problem at once, 422, nothing written.
        let (status, _, body) = send(&app, post(form(&[("regie", &slug), ("sujet", "x"), ("message", "court"), ("contact", "pas-une-adresse")]))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {body}");
        let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(answer["Refused"], serde_json::json!(["UnknownTopic", "MessageTooShort", "ContactInvalid"]), "{backend}");

        // 3. A page that does not exist: 404 with a French message, nothing written.
        let (status, _, body) = send(&app, post(form(&[("regie", "pas-une-regie"), ("sujet", "autre"), ("message", "Une correction sans fiche.")]))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{backend}: {body}");
        assert!(body.contains("aucune Régie ne correspond"), "{backend}: {body}");
        assert_eq!(common::count_corrections(&db).await, 1, "{backend}");

        // A malformed call (no message field): 400 in French, not a server error.
        let (status, _, body) = send(&app, post(form(&[("regie", &slug), ("sujet", "autre")]))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{backend}: {body}");
        assert!(body.contains("un champ manque"), "{backend}: {body}");

        // 4. A post forged by another site: 403 before anything runs.
        let forged = Request::post(ENDPOINT)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, "https://autre-site.example")
            .header(header::HOST, "atlas.example")
            .body(Body::from(form(&[("regie", &slug), ("sujet", "autre"), ("message", "Correction envoyée par un autre site.")])))
            .unwrap();
        let (status, _, body) = send(&app, forged).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{backend}: {body}");
        assert!(body.contains("ne vient pas de ce site"), "{backend}");
        assert_eq!(common::count_corrections(&db).await, 1, "{backend}");

        // A browser (plain form, no wasm) is sent back to the page, which shows the outcome.
        let browser = |body: String| {
            Request::post(ENDPOINT)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "text/html,application/xhtml+xml")
                .header(header::ORIGIN, "http://atlas.example")
                .header(header::HOST, "atlas.example")
                .body(Body::from(body))
                .unwrap()
        };
        let response = app.clone().oneshot(browser(form(&[("regie", &slug), ("sujet", "activites"), ("message", "Elle fait aussi du jardinage.")]))).await.unwrap();
        assert_eq!(response.status(), StatusCode::FOUND, "{backend}");
        let location = response.headers()[header::LOCATION].to_str().unwrap().to_owned();
        let second: i64 = sqlx::query_scalar("SELECT MAX(id) FROM corrections").fetch_one(&db.pool).await.unwrap();
        assert_eq!(location, format!("/regies/{slug}?correction={second}#corriger"), "{backend}");
        let (_, _, html) = send(&app, Request::get(location.trim_end_matches("#corriger")).body(Body::empty()).unwrap()).await;
        assert!(html.contains(&format!("Votre correction n° {second} est enregistrée")), "{backend}");
        assert!(html.contains("2 correction(s) signalée(s)"), "{backend}");
        // Sent from the English page: the reader goes back to the English page, reasons in English.
        let response = app
            .clone()
            .oneshot(browser(form(&[("regie", &slug), ("sujet", "quartiers"), ("message", "Trop bref"), ("contact", "moi@"), ("langue", "en")])))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FOUND, "{backend}");
        let location = response.headers()[header::LOCATION].to_str().unwrap().to_owned();
        assert!(location.starts_with(&format!("/en/regies/{slug}?correction=refusee")), "{backend}: {location}");
        assert!(!location.contains("moi"), "{backend}: the contact address never goes into a URL");
        let (_, _, html) = send(&app, Request::get(location.trim_end_matches("#corriger")).body(Body::empty()).unwrap()).await;
        assert!(html.contains("describe the correction in at least 10 characters"), "{backend}");
        assert!(html.contains("the e-mail address is not valid"), "{backend}");
        assert!(html.contains("name=\"langue\" value=\"en\""), "{backend}: the English form posts its language");
        assert!(html.contains(">Trop bref</textarea>"), "{backend}: the message comes back to be corrected");
        let french = location.trim_start_matches("/en").trim_end_matches("#corriger").to_owned();
        let (_, _, html) = send(&app, Request::get(french).body(Body::empty()).unwrap()).await;
        assert!(html.contains("La correction n&#x27;a pas été enregistrée") || html.contains("La correction n'a pas été enregistrée"), "{backend}");
        assert!(html.contains("décrivez la correction en 10 caractères au moins"), "{backend}");
        // The correction form's <details> tag (the header's menu is one too).
        let at = html.find("id=\"corriger\"").expect("the correction form");
        let details = html[html[..at].rfind("<details").unwrap()..at + html[at..].find('>').unwrap()].to_owned();
        assert!(details.contains("id=\"corriger\"") && details.contains(" open"), "{backend}: {details}");
        assert_eq!(common::count_corrections(&db).await, 2, "{backend}");

        // 5. The quota (6 a minute here) counts writes, good or bad: the 5th gets 429 + Retry-After.
        let (status, retry, body) = send(&app, post(form(&[("regie", &slug), ("sujet", "autre"), ("message", "Une de trop dans la minute.")]))).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{backend}: {body}");
        assert!(retry.is_some_and(|s| s.parse::<u64>().unwrap() >= 1), "{backend}");
        assert!(body.contains("réessayez dans"), "{backend}");
        assert_eq!(common::count_corrections(&db).await, 2, "{backend}");
        // Reads are not limited, even read server functions called with POST.
        let (status, _, _) = send(&app, Request::get("/healthz").body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        let read = Request::post(<app::places::SearchResults as leptos::server_fn::ServerFn>::PATH)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("q=troyes"))
            .unwrap();
        let (status, _, body) = send(&app, read).await;
        assert_eq!(status, StatusCode::OK, "{backend}: {body}");
        assert!(body.contains("Troyes"), "{backend}: {body}");


        // The network's export: the correction, its page, the formula neutralised.
        let csv = corrections::export_csv(&db, &Actor::Cli, false).await.unwrap();
        let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2, "{backend}");
        assert_eq!(&rows[0][0], id.to_string().as_str());
        assert_eq!(&rows[0][3], format!("/regies/{slug}").as_str());
        assert_eq!(&rows[0][6], format!("'{message}").as_str(), "{backend}: a formula must not reach a spreadsheet");
        // Handled: out of the default export and of the page's count; still in --toutes.
        assert_eq!(corrections::mark_handled(&db, &Actor::Cli, &[id, 999_999]).await.unwrap(), 1, "{backend}");
        assert_eq!(corrections::mark_handled(&db, &Actor::Cli, &[second]).await.unwrap(), 1, "{backend}");
        assert_eq!(corrections::export_csv(&db, &Actor::Cli, false).await.unwrap().lines().count(), 1, "{backend}: header only");
        assert_eq!(corrections::export_csv(&db, &Actor::Cli, true).await.unwrap().lines().count(), 3, "{backend}");
        let (_, _, html) = send(&app, Request::get(format!("/regies/{slug}")).body(Body::empty()).unwrap()).await;
        assert!(!html.contains("attendent d"), "{backend}");
    }
}
