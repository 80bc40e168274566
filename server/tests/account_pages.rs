//! The account pages as a browser uses them, through the real router, on SQLite and PostgreSQL:
//! plain forms posting, redirects with outcome codes (never an address or a password in a URL),
//! the session cookie (HttpOnly, SameSite=Lax, a new token at every sign-in), the header showing
//! who is signed in while anonymous pages stay the same for everyone, links by mail (sign-in,
//! password, new address; spent once), the data download against the schema, and deletion.

mod common;

use atlas_server::http;
use atlas_server::limits::WriteLimits;
use atlas_service::{mail, Atlas};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::browser::Browser;
use common::{backends, fresh};
use leptos::prelude::LeptosOptions;

const PASSWORD: &str = "une phrase de passe solide";

async fn last_token(db: &atlas_service::db::Database, to: &str) -> String {
    let mails = mail::latest(db, 50).await.unwrap();
    let m = mails.iter().find(|m| m.recipient == to).unwrap_or_else(|| panic!("no mail to {to}"));
    let start = m.body_text.find("jeton=").expect("a link") + "jeton=".len();
    m.body_text[start..].split_whitespace().next().unwrap().to_owned()
}

async fn mails_to(db: &atlas_service::db::Database, to: &str) -> usize {
    mail::latest(db, 100).await.unwrap().iter().filter(|m| m.recipient == to).count()
}

/// The columns of a table, read from the schema itself.
async fn columns(db: &atlas_service::db::Database, backend: &str, table: &str) -> Vec<String> {
    let sql = match backend {
        "sqlite" => "SELECT name FROM pragma_table_info($1)",
        _ => "SELECT column_name::text FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema()",
    };
    sqlx::query_scalar(sql).bind(table).fetch_all(&db.pool).await.unwrap()
}

/// Every table with a column that refers to an account (a foreign key to `accounts`), read
/// from the schema itself: a later table cannot be forgotten by the export or the deletion.
async fn account_tables(db: &atlas_service::db::Database, backend: &str) -> Vec<String> {
    let sql = match backend {
        "sqlite" => "SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f.\"table\" = 'accounts'",
        _ => "SELECT DISTINCT tc.table_name::text FROM information_schema.table_constraints tc
              JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
              WHERE tc.constraint_type = 'FOREIGN KEY' AND ccu.table_name = 'accounts' AND tc.table_schema = current_schema()",
    };
    let tables: Vec<String> = sqlx::query_scalar(sql).fetch_all(&db.pool).await.unwrap();
    assert!(tables.len() >= 4, "account_roles, sessions, account_tokens, invitations… found {tables:?}");
    tables
}

#[tokio::test(flavor = "multi_thread")]
async fn an_habitant_opens_uses_and_deletes_an_account_in_the_browser() {
    for backend in backends() {
        let db = fresh(backend).await;
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let site = common::repo_root().join("public");
        let options = LeptosOptions::builder().output_name("atlas").site_root(site.to_string_lossy().to_string()).build();
        // Many forms in a row from one client: the write limit (tests/corrections.rs) is raised.
        let app = http::router_with_limits(options, atlas, WriteLimits::new(std::num::NonZeroU32::new(1000).unwrap(), false));
        let mut b = Browser { app: app.clone(), cookie: None };
        let mut stranger = Browser { app, cookie: None };

        // The sign-up page, its fields as a user reads them.
        let page = b.get("/compte/inscription").await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        for label in ["Adresse e-mail", "Pseudonyme", "Mot de passe", "Créer mon compte", "Connexion"] {
            assert!(page.body.contains(label), "{backend}: {label}");
        }
        assert!(page.body.contains("action=\"/api/ecriture/compte/inscription\""), "{backend}");
        // The account pages share one route: a path it does not know is a 404 page, in French.
        let unknown = b.get("/compte/nimporte-quoi").await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{backend}");
        assert!(unknown.body.contains("Page introuvable"), "{backend}");
        let anonymous_home = b.get("/").await.body;
        let other_visit = stranger.get("/").await.body;
        // Served from the page cache: byte for byte the same for every anonymous visitor, and
        // without a nonce (one shared by every visitor would be known to all).
        assert_eq!(anonymous_home, other_visit, "{backend}: anonymous pages are the same for every anonymous visitor");
        assert!(!anonymous_home.contains("nonce="), "{backend}");

        // Refused: every reason, in French, the pseudonym kept, the address and password never in the URL.
        let back = b.post("/api/ecriture/compte/inscription", &[("email", "zoe@"), ("pseudonyme", "Mairie de Pantin"), ("mot_de_passe", "azerty")]).await;
        assert!(back.starts_with("/compte/inscription?erreurs=email_invalide,pseudonyme_institution,mot_de_passe_court"), "{backend}: {back}");
        assert!(!back.contains("azerty") && !back.contains("zoe"), "{backend}: {back}");
        let page = b.get(&back).await;
        assert!(page.body.contains("cette adresse e-mail n'est pas valide"), "{backend}");
        assert!(page.body.contains("ressemble au nom d'une institution"), "{backend}");
        assert!(page.body.contains("value=\"Mairie de Pantin\""), "{backend}: the pseudonym comes back to be corrected");
        assert!(page.body.contains("aria-invalid=\"true\""), "{backend}");
        assert_eq!(mails_to(&db, "zoe@exemple.fr").await, 0, "{backend}");

        // Signed up: the same answer whatever the address; the confirmation link signs in once.
        let done = b.post("/api/ecriture/compte/inscription", &[("email", "zoe@exemple.fr"), ("pseudonyme", "Zoé B"), ("mot_de_passe", PASSWORD)]).await;
        assert_eq!(done, "/compte/inscription?envoye=1", "{backend}");
        assert!(b.get(&done).await.body.contains("un lien de confirmation vient de partir"), "{backend}");
        let again = stranger.post("/api/ecriture/compte/inscription", &[("email", "zoe@exemple.fr"), ("pseudonyme", "Autre"), ("mot_de_passe", PASSWORD)]).await;
        assert_eq!(again, done, "{backend}: no account enumeration");
        let token = {
            // The latest mail is the « already registered » one: the confirmation came first.
            let mails = mail::latest(&db, 10).await.unwrap();
            assert!(mails[0].subject.contains("Votre compte"), "{backend}: the owner is told");
            let m = mails.iter().find(|m| m.subject.contains("Confirmez")).unwrap();
            let start = m.body_text.find("jeton=").unwrap() + "jeton=".len();
            m.body_text[start..].split_whitespace().next().unwrap().to_owned()
        };
        let page = b.get(&format!("/compte/confirmer?jeton={token}")).await;
        assert!(page.body.contains("Confirmer et me connecter") && page.body.contains(&format!("value=\"{token}\"")), "{backend}");
        assert!(b.cookie.is_none());
        let welcome = b.post("/api/ecriture/compte/confirmer", &[("jeton", &token)]).await;
        assert_eq!(welcome, "/compte?bienvenue=1", "{backend}");
        let first_session = b.cookie.clone().expect("signed in after confirming");

        // The cookie's attributes; the header shows who is signed in; the page is private.
        let mut probe = Browser { app: b.app.clone(), cookie: None };
        let confirm_again = probe.post("/api/ecriture/compte/confirmer", &[("jeton", &token)]).await;
        assert!(confirm_again.starts_with("/compte/confirmer?erreur=lien_expire"), "{backend}: spent once: {confirm_again}");
        let page = b.get("/compte?bienvenue=1").await;
        assert!(page.body.contains("Votre adresse est confirmée"), "{backend}");
        assert!(page.body.contains("class=\"account-name\">Zoé B<"), "{backend}: the header names the person");
        assert!(page.body.contains("zoe@exemple.fr") && page.body.contains("Habitant"), "{backend}");
        assert_eq!(page.headers[header::CACHE_CONTROL], "private, no-store", "{backend}");
        let home = b.get("/").await;
        assert!(home.body.contains("Zoé B") && !anonymous_home.contains("Zoé B"), "{backend}");
        assert!(anonymous_home.contains("class=\"account-name\">Connexion<"), "{backend}");

        // Signed out: the cookie is cleared and the old token opens nothing any more.
        let out = b.post("/api/ecriture/compte/deconnexion", &[]).await;
        assert_eq!(out, "/", "{backend}");
        assert!(b.cookie.is_none(), "{backend}");
        let mut old = Browser { app: b.app.clone(), cookie: Some(first_session.clone()) };
        let page = old.get("/compte").await;
        assert!(page.body.contains("Connectez-vous pour voir votre compte"), "{backend}");
        assert!(page.headers.get_all(header::SET_COOKIE).iter().any(|v| v.to_str().unwrap().starts_with("atlas_session=; Max-Age=0")), "{backend}");

        // Sign-in: a wrong password is one answer (401 for an API client, a reason for a browser).
        let wrong = b.post("/api/ecriture/compte/connexion", &[("email", "zoe@exemple.fr"), ("mot_de_passe", "pas le bon mot de passe")]).await;
        assert_eq!(wrong, "/compte/connexion?erreur=identifiants_incorrects", "{backend}");
        assert!(b.get(&wrong).await.body.contains("adresse e-mail ou mot de passe incorrect"), "{backend}");
        let signed_in = b.post("/api/ecriture/compte/connexion", &[("email", "ZOE@exemple.fr"), ("mot_de_passe", PASSWORD), ("suite", "//evil.example")]).await;
        assert_eq!(signed_in, "/compte", "{backend}: never sent to another site");
        let second_session = b.cookie.clone().unwrap();
        assert_ne!(second_session, first_session, "{backend}: a new token at every sign-in");
        let set = b.send(Request::post("/api/ecriture/compte/connexion").header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").header(header::ORIGIN, "http://atlas.example"),
            Body::from(format!("email=zoe%40exemple.fr&mot_de_passe={}&suite=%2Fregies", atlas_core::text::percent_encode(PASSWORD)))).await;
        assert_eq!(set.headers[header::LOCATION], "/regies", "{backend}: back where the person was");
        let cookie = set.headers[header::SET_COOKIE].to_str().unwrap().to_owned();
        assert!(cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Lax") && cookie.contains("; Path=/") && cookie.contains("Max-Age=2592000"), "{backend}: {cookie}");

        // A sign-in link: the same answer for a stranger's address; spent once.
        let known = stranger.post("/api/ecriture/compte/demander-un-lien", &[("email", "zoe@exemple.fr"), ("pour", "connexion")]).await;
        let unknown = stranger.post("/api/ecriture/compte/demander-un-lien", &[("email", "personne@exemple.fr"), ("pour", "connexion")]).await;
        assert_eq!(known, unknown, "{backend}");
        assert_eq!(mails_to(&db, "personne@exemple.fr").await, 0, "{backend}");
        let link = last_token(&db, "zoe@exemple.fr").await;
        assert!(stranger.get(&format!("/compte/lien?jeton={link}")).await.body.contains("Ce bouton vous connecte"), "{backend}");
        assert_eq!(stranger.post("/api/ecriture/compte/suivre-le-lien", &[("jeton", &link)]).await, "/compte", "{backend}");
        assert!(stranger.get("/compte").await.body.contains("Zoé B"), "{backend}");
        let mut late = Browser { app: b.app.clone(), cookie: None };
        assert!(late.post("/api/ecriture/compte/suivre-le-lien", &[("jeton", &link)]).await.contains("erreur=lien_expire"), "{backend}");
        stranger.cookie = None;

        // A forgotten password: a weak one keeps the link usable; a strong one ends every other session.
        stranger.post("/api/ecriture/compte/demander-un-lien", &[("email", "zoe@exemple.fr"), ("pour", "mot-de-passe")]).await;
        let reset = last_token(&db, "zoe@exemple.fr").await;
        assert!(stranger.get(&format!("/compte/mot-de-passe?jeton={reset}")).await.body.contains("Nouveau mot de passe"), "{backend}");
        let weak = stranger.post("/api/ecriture/compte/choisir-le-mot-de-passe", &[("jeton", &reset), ("mot_de_passe", "motdepasse123")]).await;
        assert!(weak.contains("erreurs=mot_de_passe_courant"), "{backend}: {weak}");
        assert!(stranger.get(&weak).await.body.contains("ce mot de passe est trop courant"), "{backend}");
        let chosen = stranger.post("/api/ecriture/compte/choisir-le-mot-de-passe", &[("jeton", &reset), ("mot_de_passe", "encore une autre phrase")]).await;
        assert_eq!(chosen, "/compte?fait=mot-de-passe", "{backend}");
        let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(&db.pool).await.unwrap();
        assert_eq!(sessions, 1, "{backend}: only the device that chose the password");
        assert!(b.get("/compte").await.body.contains("Connectez-vous"), "{backend}: the other device is out");
        assert!(stranger.get(&format!("/compte/mot-de-passe?jeton={reset}")).await.body.contains("a expiré ou a déjà servi"), "{backend}");
        let mut b = stranger;

        // Pseudonym, address, password.
        assert_eq!(b.post("/api/ecriture/compte/pseudonyme", &[("pseudonyme", "Zoé du 93")]).await, "/compte?fait=pseudonyme", "{backend}");
        assert!(b.get("/compte").await.body.contains("class=\"account-name\">Zoé du 93<"), "{backend}");
        assert_eq!(b.post("/api/ecriture/compte/adresse", &[("email", "zoe.b@exemple.org")]).await, "/compte?fait=adresse-envoyee", "{backend}");
        let change = last_token(&db, "zoe.b@exemple.org").await;
        let mut other_device = Browser { app: b.app.clone(), cookie: None };
        assert_eq!(other_device.post("/api/ecriture/compte/confirmer-l-adresse", &[("jeton", &change)]).await, "/compte?fait=adresse", "{backend}");
        assert!(b.get("/compte").await.body.contains("zoe.b@exemple.org"), "{backend}");
        let wrong = b.post("/api/ecriture/compte/mot-de-passe", &[("actuel", PASSWORD), ("nouveau", "une toute nouvelle phrase")]).await;
        assert!(wrong.contains("erreur=identifiants_incorrects"), "{backend}: {wrong}");
        let before = b.cookie.clone();
        let changed = b.post("/api/ecriture/compte/mot-de-passe", &[("actuel", "encore une autre phrase"), ("nouveau", "une toute nouvelle phrase")]).await;
        assert_eq!(changed, "/compte?fait=mot-de-passe", "{backend}");
        assert_ne!(b.cookie, before, "{backend}: rotated on a change of password");

        // My data: every column of the account and of every table holding its rows, no secret.
        assert_eq!(late.get("/compte/mes-donnees.json").await.status, StatusCode::UNAUTHORIZED, "{backend}");
        let export = b.get("/compte/mes-donnees.json").await;
        assert_eq!(export.status, StatusCode::OK, "{backend}");
        assert!(export.headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment"), "{backend}");
        let data: serde_json::Value = serde_json::from_str(&export.body).unwrap();
        for column in columns(&db, backend, "accounts").await {
            assert!(data["compte"].get(&column).is_some(), "{backend}: accounts.{column} is missing from the export");
        }
        assert_eq!(data["compte"]["email"], "zoe.b@exemple.org");
        assert_eq!(data["compte"]["pseudonym"], "Zoé du 93");
        for table in account_tables(&db, backend).await {
            let rows = data.get(&table).and_then(|v| v.as_array()).unwrap_or_else(|| panic!("{backend}: table {table} is missing from the export"));
            if let Some(row) = rows.first() {
                for column in columns(&db, backend, &table).await {
                    let secret_or_self = ["account_id", "token_hash"].contains(&column.as_str());
                    assert!(secret_or_self || row.get(&column).is_some(), "{backend}: {table}.{column} is missing from the export");
                }
            }
        }
        assert!(!data["sessions"].as_array().unwrap().is_empty(), "{backend}");
        assert!(!export.body.contains("$argon2id$") && !export.body.contains(b.cookie.as_deref().unwrap()), "{backend}: no secret");

        // Deletion: the box must be ticked; then everything kept for the person is gone.
        assert!(b.post("/api/ecriture/compte/supprimer", &[]).await.contains("erreur=parametre_manquant"), "{backend}");
        assert_eq!(b.post("/api/ecriture/compte/supprimer", &[("confirmer", "oui")]).await, "/compte?supprime=1", "{backend}");
        assert!(b.cookie.is_none(), "{backend}");
        assert!(b.get("/compte?supprime=1").await.body.contains("Votre compte est supprimé"), "{backend}");
        for (sql, what) in [
            ("SELECT COUNT(*) FROM accounts", "accounts"),
            ("SELECT COUNT(*) FROM sessions", "sessions"),
            ("SELECT COUNT(*) FROM account_tokens", "links"),
            ("SELECT COUNT(*) FROM outbox WHERE recipient = 'zoe.b@exemple.org'", "mails"),
        ] {
            let n: i64 = sqlx::query_scalar(sql).fetch_one(&db.pool).await.unwrap();
            assert_eq!(n, 0, "{backend}: {what} left after deletion");
        }

        // English pages, English reasons.
        let page = b.get("/en/compte/connexion").await;
        assert!(page.body.contains("E-mail address") && page.body.contains("Send me a sign-in link"), "{backend}");
        let back = b.post("/api/ecriture/compte/connexion", &[("email", "x@exemple.fr"), ("mot_de_passe", "nope"), ("langue", "en")]).await;
        assert!(back.starts_with("/en/compte/connexion?erreur="), "{backend}: {back}");
        assert!(b.get(&back).await.body.contains("wrong e-mail address or password"), "{backend}");

        // A forged cross-site sign-in is refused before anything is read.
        let forged = b
            .send(
                Request::post("/api/ecriture/compte/connexion").header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").header("sec-fetch-site", "cross-site"),
                Body::from("email=a%40b.fr&mot_de_passe=x"),
            )
            .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "{backend}");
    }
}
