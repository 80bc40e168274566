//! Hostile input against every account and team form: 1,000 generated bodies each, well-formed enough to
//! reach validation (every field present, the write limit raised, each from its own address so
//! that sign-in throttling per client does not answer first), with values that are empty,
//! oversized, control characters, markup and script, SQL-looking, invalid UTF-8, very long
//! addresses. Never a 5xx; at least 95 % reach validation (not a 429); nothing written half
//! (the account's row stays whole); nothing shown back as markup. On SQLite and PostgreSQL.

mod common;

use std::num::NonZeroU32;

use atlas_core::text::percent_encode;
use atlas_server::http;
use atlas_server::limits::WriteLimits;
use atlas_service::account::operator;
use atlas_service::{Actor, Atlas};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{backends, fresh, Rng};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

const PAYLOADS: usize = 1_000;
const MARKUP: &str = "<script>alert(1)</script>";

/// One field value, already form-encoded.
fn value(rng: &mut Rng) -> String {
    match rng.below(12) {
        0 => String::new(),
        1 => percent_encode(&"é".repeat(rng.below(4_000) + 100)),
        2 => percent_encode("\u{0}\u{1}\r\n\t\u{7f}\u{202e}zoe"),
        3 => percent_encode(MARKUP),
        4 => percent_encode("\"><img src=x onerror=alert(1)>"),
        5 => percent_encode("'; DROP TABLE accounts; --"),
        6 => "%FF%FE%C3%28".to_owned(),
        7 => percent_encode(&format!("{}@exemple.fr", "a".repeat(rng.below(400) + 250))),
        8 => percent_encode(&format!("zoe{}@exemple.fr", rng.below(1000))),
        9 => percent_encode("une phrase de passe solide"),
        10 => percent_encode(&format!("Pseudo {}", rng.below(100_000))),
        _ => percent_encode("%00%2e%2e%2f"),
    }
}

/// The account forms and their fields (the hidden `langue` too).
const FORMS: &[(&str, &[&str], bool)] = &[
    ("/api/ecriture/compte/inscription", &["email", "pseudonyme", "mot_de_passe", "langue"], false),
    ("/api/ecriture/compte/connexion", &["email", "mot_de_passe", "langue", "suite"], false),
    ("/api/ecriture/compte/demander-un-lien", &["email", "pour", "langue"], false),
    ("/api/ecriture/compte/confirmer", &["jeton", "langue"], false),
    ("/api/ecriture/compte/suivre-le-lien", &["jeton", "langue"], false),
    ("/api/ecriture/compte/choisir-le-mot-de-passe", &["jeton", "mot_de_passe", "langue"], false),
    ("/api/ecriture/compte/confirmer-l-adresse", &["jeton", "langue"], false),
    ("/api/ecriture/compte/pseudonyme", &["pseudonyme", "langue"], true),
    ("/api/ecriture/compte/adresse", &["email", "langue"], true),
    ("/api/ecriture/compte/mot-de-passe", &["actuel", "nouveau", "langue"], true),
    ("/api/ecriture/compte/supprimer", &["confirmer", "langue"], true),
    ("/api/ecriture/compte/deconnexion-partout", &["langue"], true),
    ("/api/ecriture/compte/code", &["code", "langue", "suite"], false),
    ("/api/ecriture/equipe/inviter", &["regie", "email", "role", "langue"], true),
    ("/api/ecriture/equipe/retirer", &["regie", "email", "langue"], true),
    ("/api/ecriture/equipe/role", &["regie", "email", "role", "langue"], true),
    ("/api/ecriture/equipe/accepter", &["jeton", "pseudonyme", "mot_de_passe", "langue"], false),
];

#[tokio::test(flavor = "multi_thread")]
async fn a_thousand_hostile_payloads_per_account_form() {
    for backend in backends() {
        let db = fresh(backend).await;
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let options = LeptosOptions::builder().output_name("atlas").site_root(common::repo_root().join("public").to_string_lossy().to_string()).build();
        // Raised write limit; client addresses from X-Forwarded-For (one per payload).
        let app = http::router_with_limits(options, atlas, WriteLimits::new(NonZeroU32::new(1_000_000).unwrap(), true));
        // The target manages every team (a network administrator), so the team forms reach validation.
        common::load_regies(&db).await;
        let slug: String = sqlx::query_scalar("SELECT slug FROM regies ORDER BY id LIMIT 1").fetch_one(&db.pool).await.unwrap();
        let owner = operator::add(&db, &Actor::Cli, "cible@exemple.fr", Some(atlas_core::account::Role::NetworkAdmin), Some("Cible"), Some("une phrase de passe solide")).await.unwrap();
        let mut rng = Rng(0xacc0_0000 + backend.len() as u64);
        let (mut sent, mut limited, mut shown) = (0usize, 0usize, 0usize);
        let mut session: Option<String> = None;
        for (path, fields, signed_in) in FORMS {
            let bodies: Vec<String> = (0..PAYLOADS)
                .map(|_| {
                    let pairs: Vec<String> = fields
                        .iter()
                        .map(|f| {
                            let v = value(&mut rng);
                            // A deletion is never ticked by chance: the target must survive to be checked.
                            let v = if *f == "confirmer" && v == "oui" { String::new() } else { v };
                            // Half the team forms name a real Régie (the rest, anything).
                            let v = if *f == "regie" && rng.below(2) == 0 { slug.clone() } else { v };
                            let v = if *f == "role" && rng.below(2) == 0 { "administrateur".to_owned() } else { v };
                            format!("{f}={v}")
                        })
                        .collect();
                    pairs.join("&")
                })
                .collect();
            // Eight at a time: hashing (sign-in, password change) runs on every core.
            for (batch, chunk) in bodies.chunks(8).enumerate() {
                // Signed-in forms need a live session to reach validation (a payload may end it:
                // « sign out everywhere », a new password): one is opened in the store when needed.
                if *signed_in && !matches!(&session, Some(t) if atlas_service::account::session(&db, t).await.unwrap().is_some()) {
                    let (token, hash) = atlas_service::account::token::new().unwrap();
                    let mut conn = db.pool.acquire().await.unwrap();
                    let now = atlas_service::account::store::now_ms();
                    atlas_service::account::store::insert_session(&mut conn, &hash, owner.id, now, 3_600_000, false).await.unwrap();
                    session = Some(token);
                }
                let mut tasks = tokio::task::JoinSet::new();
                for (i, body) in chunk.iter().enumerate() {
                    let n = batch * 8 + i;
                    let mut request = Request::post(*path)
                        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .header(header::ACCEPT, "text/html")
                        .header(header::HOST, "atlas.example")
                        .header(header::ORIGIN, "http://atlas.example")
                        .header("x-forwarded-for", format!("10.{}.{}.{}", n / 65_536 % 256, n / 256 % 256, n % 256));
                    if let (true, Some(token)) = (*signed_in, &session) {
                        request = request.header(header::COOKIE, format!("atlas_session={token}"));
                    }
                    let request = request.body(Body::from(body.clone())).unwrap();
                    let app = app.clone();
                    let body = body.clone();
                    tasks.spawn(async move {
                        let response = app.oneshot(request).await.unwrap();
                        let status = response.status();
                        let location = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
                        let text = String::from_utf8_lossy(&axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap()).into_owned();
                        (n, body, status, location, text)
                    });
                }
                while let Some(done) = tasks.join_next().await {
                    let (n, body, status, location, text) = done.unwrap();
                    assert!(status.as_u16() < 500, "{backend}: {path} {:?} → {status} {text}", &body[..body.len().min(200)]);
                    if status == StatusCode::TOO_MANY_REQUESTS {
                        limited += 1;
                    }
                    // Every tenth outcome page is opened: what came back is text, never markup.
                    if let (Some(location), 0) = (location, n % 10) {
                        let page = app.clone().oneshot(Request::get(location.as_str()).body(Body::empty()).unwrap()).await.unwrap();
                        assert!(page.status().as_u16() < 500, "{backend}: {location}");
                        let html = String::from_utf8_lossy(&axum::body::to_bytes(page.into_body(), 1 << 21).await.unwrap()).into_owned();
                        assert!(!html.contains(MARKUP) && !html.contains("<img src=x"), "{backend}: {location} shows markup");
                        shown += 1;
                    }
                    sent += 1;
                }
            }
        }
        assert_eq!(sent, FORMS.len() * PAYLOADS);
        assert!(limited * 20 <= sent, "{backend}: {limited} of {sent} answered 429 before validation");
        // The target account is whole: its row reads back, its address and password unchanged
        // unless a payload was a valid change (then the whole change is there).
        let row: (String, String, Option<String>) = sqlx::query_as("SELECT email, pseudonym, password_hash FROM accounts WHERE id = $1")
            .bind(owner.id)
            .fetch_one(&db.pool)
            .await
            .unwrap_or_else(|e| panic!("{backend}: the account is gone or broken: {e}"));
        assert!(!row.0.is_empty() && !row.1.is_empty() && row.2.as_deref().is_some_and(|h| h.starts_with("$argon2id$")), "{backend}: {row:?}");
        let broken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE email = '' OR pseudonym = '' OR pseudonym_key = ''").fetch_one(&db.pool).await.unwrap();
        assert_eq!(broken, 0, "{backend}");
        let broken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invitations WHERE email = '' OR role NOT IN ('regie-editor', 'regie-admin')").fetch_one(&db.pool).await.unwrap();
        assert_eq!(broken, 0, "{backend}: every invitation whole");
        println!("{backend}: {sent} hostile account-form payloads, {limited} answered 429, {shown} outcome pages checked, no 5xx");
    }
}
