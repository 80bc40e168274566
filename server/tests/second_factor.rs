//! The second factor of network administrators, on SQLite and PostgreSQL: `server users totp`
//! gives a secret; the password (or a mailed link) then opens a session that opens nothing until
//! the code is given on `/compte/code`; a code serves once, even given at the same moment to two
//! instances; wrong codes are counted; `--off` removes it.

mod common;

use atlas_core::account::Role;
use atlas_server::http;
use atlas_server::limits::WriteLimits;
use atlas_server::users_cli::{self, UsersWhat};
use atlas_service::account::{self, operator, second_factor};
use atlas_service::{db, Actor, Atlas, Code};
use axum::http::StatusCode;
use common::browser::Browser;
use common::{backends, fresh_url};
use leptos::prelude::LeptosOptions;

const PASSWORD: &str = "une phrase de passe solide";
const ADMIN: &str = "admin@mouvement.example";

fn now_s() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

/// The secret printed by `server users totp`, as the operator copies it into an app.
fn secret_of(printed: &str) -> String {
    printed.lines().find(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c))).expect("the secret on its own line").to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_network_admin_gives_a_code_once_after_the_password() {
    for backend in backends() {
        let url = fresh_url(backend).await;
        let db = db::connect(&url).await.unwrap();
        db.migrate().await.unwrap();
        let (anon, cli) = (Actor::Anonymous, Actor::Cli);
        operator::add(&db, &cli, ADMIN, Some(Role::NetworkAdmin), Some("Mouvement"), Some(PASSWORD)).await.unwrap();
        operator::add(&db, &cli, "zoe@exemple.fr", None, Some("Zoé"), Some(PASSWORD)).await.unwrap();
        let before = account::sign_in(&db, &anon, ADMIN, PASSWORD, None).await.unwrap();
        assert!(!before.awaiting_code, "{backend}: no second factor yet");

        // Only for the network's administrators, only by the operator.
        let habitant = users_cli::run(&db, UsersWhat::Totp { email: "zoe@exemple.fr".into(), off: false }).await.unwrap_err();
        assert!(habitant.contains("réservé aux administrateurs du réseau"), "{backend}: {habitant}");
        assert_eq!(second_factor::enable(&db, &anon, ADMIN).await.unwrap_err().status(), 401, "{backend}");
        let printed = users_cli::run(&db, UsersWhat::Totp { email: ADMIN.into(), off: false }).await.unwrap();
        assert!(printed.contains("otpauth://totp/") && printed.contains("ses sessions sont terminées"), "{backend}: {printed}");
        let secret = secret_of(&printed);
        assert!(account::session(&db, &before.token).await.unwrap().is_none(), "{backend}: enabling ends the sessions");

        // The password opens a session that waits: it is nobody yet.
        let waiting = account::sign_in(&db, &anon, ADMIN, PASSWORD, None).await.unwrap();
        assert!(waiting.awaiting_code, "{backend}");
        assert!(account::session(&db, &waiting.token).await.unwrap().is_none(), "{backend}: a waiting session opens nothing");
        assert!(second_factor::awaiting(&db, &waiting.token).await.unwrap(), "{backend}");
        let wrong = second_factor::give_code(&db, &anon, &waiting.token, "000000").await.unwrap_err();
        assert_eq!((wrong.code, wrong.status()), (Code::WrongCode, 401), "{backend}");

        // The right code: a new token, signed in as the administrator; the waiting one is spent.
        let code = second_factor::code_at(&secret, now_s()).unwrap();
        let full = second_factor::give_code(&db, &anon, &waiting.token, &format!("{} {}", &code[..3], &code[3..])).await.unwrap();
        assert!(!full.awaiting_code && full.token != waiting.token, "{backend}");
        assert_eq!(account::session(&db, &full.token).await.unwrap().unwrap().roles, vec![Role::NetworkAdmin], "{backend}");
        assert_eq!(second_factor::give_code(&db, &anon, &waiting.token, &code).await.unwrap_err().code, Code::NotSignedIn, "{backend}");

        // The same code again, from another sign-in: refused (replay); the next step's code works.
        let again = account::sign_in(&db, &anon, ADMIN, PASSWORD, None).await.unwrap();
        assert_eq!(second_factor::give_code(&db, &anon, &again.token, &code).await.unwrap_err().code, Code::WrongCode, "{backend}: a code serves once");
        let next = second_factor::code_at(&secret, now_s() + 30).unwrap();
        assert!(second_factor::give_code(&db, &anon, &again.token, &next).await.is_ok(), "{backend}");

        // A mailed sign-in link waits for the code too.
        account::link::request(&db, &anon, account::link::Purpose::SignIn, ADMIN, atlas_core::locale::Locale::Fr).await.unwrap();
        let mails = atlas_service::mail::latest(&db, 5).await.unwrap();
        let body = &mails.iter().find(|m| m.recipient == ADMIN).unwrap().body_text;
        let token = body[body.find("jeton=").unwrap() + 6..].split_whitespace().next().unwrap().to_owned();
        assert!(account::link::sign_in(&db, &anon, &token).await.unwrap().awaiting_code, "{backend}");

        // Two instances, two waiting sessions, one code given to both at the same moment: one wins.
        sqlx::query("UPDATE accounts SET totp_last_step = NULL").execute(&db.pool).await.unwrap();
        let other = db::connect(&url).await.unwrap();
        let (s1, s2) = (account::sign_in(&db, &anon, ADMIN, PASSWORD, None).await.unwrap(), account::sign_in(&other, &anon, ADMIN, PASSWORD, None).await.unwrap());
        let code = second_factor::code_at(&secret, now_s()).unwrap();
        let (r1, r2) = tokio::join!(second_factor::give_code(&db, &anon, &s1.token, &code), second_factor::give_code(&other, &anon, &s2.token, &code));
        assert_eq!(u8::from(r1.is_ok()) + u8::from(r2.is_ok()), 1, "{backend}: exactly one of {r1:?} / {r2:?}");

        // Wrong codes are counted per account (the race's loser counted one: start afresh): the
        // fifth says how long to wait, then even the right one waits.
        sqlx::query("DELETE FROM throttles").execute(&db.pool).await.unwrap();
        let s = account::sign_in(&db, &anon, ADMIN, PASSWORD, None).await.unwrap();
        for n in 1..=second_factor::CODE_LIMIT {
            let e = second_factor::give_code(&db, &anon, &s.token, "123456").await.unwrap_err();
            let expected = if n < second_factor::CODE_LIMIT { Code::WrongCode } else { Code::TooManyAttempts };
            assert_eq!(e.code, expected, "{backend}: attempt {n}");
        }
        let right = second_factor::code_at(&secret, now_s() + 30).unwrap();
        let e = second_factor::give_code(&db, &anon, &s.token, &right).await.unwrap_err();
        assert_eq!((e.code, e.detail.as_deref()), (Code::TooManyAttempts, Some("15")), "{backend}");

        // Removed (a lost phone): the password alone signs in again.
        sqlx::query("DELETE FROM throttles").execute(&db.pool).await.unwrap();
        users_cli::run(&db, UsersWhat::Totp { email: ADMIN.into(), off: true }).await.unwrap();
        assert!(!account::sign_in(&db, &anon, ADMIN, PASSWORD, None).await.unwrap().awaiting_code, "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_code_page_in_the_browser() {
    for backend in backends() {
        let url = fresh_url(backend).await;
        let db = db::connect(&url).await.unwrap();
        db.migrate().await.unwrap();
        operator::add(&db, &Actor::Cli, ADMIN, Some(Role::NetworkAdmin), Some("Mouvement"), Some(PASSWORD)).await.unwrap();
        let secret = secret_of(&users_cli::run(&db, UsersWhat::Totp { email: ADMIN.into(), off: false }).await.unwrap());
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let site = common::repo_root().join("public").to_string_lossy().to_string();
        let options = LeptosOptions::builder().output_name("atlas").site_root(site).build();
        let app = http::router_with_limits(options, atlas, WriteLimits::new(std::num::NonZeroU32::new(1000).unwrap(), false));
        let mut b = Browser { app, cookie: None };

        // The password sends the browser to the code page, carrying where it was going.
        let next = b.post("/api/ecriture/compte/connexion", &[("email", ADMIN), ("mot_de_passe", PASSWORD), ("suite", "/regies")]).await;
        assert_eq!(next, "/compte/code?suite=%2Fregies", "{backend}");
        let waiting = b.cookie.clone().expect("the waiting session's cookie");
        let page = b.get(&next).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("Code de vérification") && page.body.contains("autocomplete=\"one-time-code\""), "{backend}");
        assert!(page.body.contains("class=\"account-name\">Connexion<"), "{backend}: nobody is signed in yet");
        assert_eq!(b.cookie.as_deref(), Some(waiting.as_str()), "{backend}: the waiting cookie is kept, not cleared");

        // A wrong code: back to the page, the reason in French; the right one: signed in, sent on.
        let back = b.post("/api/ecriture/compte/code", &[("code", "000000"), ("suite", "/regies")]).await;
        assert_eq!(back, "/compte/code?erreur=code_incorrect&suite=%2Fregies", "{backend}");
        assert!(b.get(&back).await.body.contains("code incorrect ou déjà utilisé"), "{backend}");
        let code = second_factor::code_at(&secret, now_s()).unwrap();
        assert_eq!(b.post("/api/ecriture/compte/code", &[("code", &code), ("suite", "/regies")]).await, "/regies", "{backend}");
        assert_ne!(b.cookie.as_deref(), Some(waiting.as_str()), "{backend}: a new token once the code is given");
        assert!(b.get("/regies").await.body.contains("class=\"account-name\">Mouvement<"), "{backend}");

        // In English, and without a waiting session: back to signing in.
        let mut stranger = Browser { app: b.app.clone(), cookie: None };
        assert!(stranger.get("/en/compte/code").await.body.contains("Verification code"), "{backend}");
        let lost = stranger.post("/api/ecriture/compte/code", &[("code", &code), ("langue", "en")]).await;
        assert_eq!(lost, "/en/compte/connexion?erreur=connexion_requise", "{backend}");
    }
}
