//! `/reseau/personnes`, on SQLite and PostgreSQL, through the real router: the network finds an
//! account, suspends it (its session ends at once, it cannot sign in), reactivates it, and lifts
//! the sign-in block too many wrong passwords put on it; it may not suspend itself; nobody else
//! may do any of it.

mod common;

use atlas_core::account::Role;
use atlas_server::http;
use atlas_server::limits::WriteLimits;
use atlas_service::account::operator;
use atlas_service::{Actor, Atlas};
use axum::http::StatusCode;
use common::browser::Browser;
use common::{backends, fresh};
use leptos::prelude::LeptosOptions;

const PASSWORD: &str = "une phrase de passe solide";

/// Signs in with the form: where the browser is sent (`/compte`, or back with the error's code).
async fn sign_in(b: &mut Browser, email: &str, password: &str) -> String {
    b.post("/api/ecriture/compte/connexion", &[("email", email), ("mot_de_passe", password)]).await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_network_suspends_reactivates_and_unblocks_accounts() {
    for backend in backends() {
        let db = fresh(backend).await;
        common::load_regies(&db).await;
        let (regie, name): (i64, String) = sqlx::query_as("SELECT id, nom FROM regies ORDER BY slug LIMIT 1").fetch_one(&db.pool).await.unwrap();
        let awa = operator::add(&db, &Actor::Cli, "awa@regie.example", Some(Role::RegieEditor { regie }), Some("Awa"), Some(PASSWORD)).await.unwrap();
        let net = operator::add(&db, &Actor::Cli, "reseau@exemple.fr", Some(Role::NetworkAdmin), Some("Réseau national"), Some(PASSWORD)).await.unwrap();
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let site = common::repo_root().join("public").to_string_lossy().to_string();
        let options = LeptosOptions::builder().output_name("atlas").site_root(site).build();
        let app = http::router_with_limits(options, atlas, WriteLimits::new(std::num::NonZeroU32::new(1000).unwrap(), false));
        let mut network = Browser { app: app.clone(), cookie: None };
        let mut her = Browser { app: app.clone(), cookie: None };
        for (b, email) in [(&mut network, "reseau@exemple.fr"), (&mut her, "awa@regie.example")] {
            assert_eq!(b.post("/api/ecriture/compte/connexion", &[("email", email), ("mot_de_passe", PASSWORD)]).await, "/compte", "{backend}");
        }
        assert!(network.get("/reseau").await.body.contains("href=\"/reseau/personnes\""), "{backend}");

        // Found by a piece of her address, with her role in words.
        let page = network.get("/reseau/personnes?q=AWA%40").await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("1 comptes") && page.body.contains("awa@regie.example") && !page.body.contains("reseau@exemple.fr</span>"), "{backend}");
        assert!(page.body.contains(&format!("<li>éditeur · {name}</li>")) && page.body.contains("<strong>actif</strong>"), "{backend}");

        // Suspended: her session ends at once, she cannot sign in again.
        let id = awa.id.to_string();
        let back = network.post("/api/ecriture/reseau/personnes/suspendre", &[("compte", &id), ("q", "awa@"), ("langue", "fr")]).await;
        assert_eq!(back, "/reseau/personnes?q=awa%40&fait=suspendu", "{backend}");
        assert!(network.get(&back).await.body.contains("<strong>suspendu</strong>"), "{backend}");
        assert_eq!(her.get("/reseau/personnes").await.status, StatusCode::UNAUTHORIZED, "{backend}: her session is over");
        let mut again = Browser { app: app.clone(), cookie: None };
        assert!(sign_in(&mut again, "awa@regie.example", PASSWORD).await.ends_with("erreur=identifiants_incorrects"), "{backend}");
        // Reactivated: she signs in.
        network.post("/api/ecriture/reseau/personnes/reactiver", &[("compte", &id), ("langue", "fr")]).await;
        assert_eq!(sign_in(&mut again, "awa@regie.example", PASSWORD).await, "/compte", "{backend}");

        // Ten wrong passwords block her sign-in; the network lifts the block.
        let mut intruder = Browser { app: app.clone(), cookie: None };
        let mut last = String::new();
        for _ in 0..10 {
            last = sign_in(&mut intruder, "awa@regie.example", "pas le bon mot de passe").await;
        }
        assert!(last.contains("erreur=trop_de_tentatives"), "{backend}: {last}");
        let mut third = Browser { app: app.clone(), cookie: None };
        assert!(sign_in(&mut third, "awa@regie.example", PASSWORD).await.contains("erreur=trop_de_tentatives"), "{backend}: blocked even with the right one");
        let listed = network.get("/reseau/personnes?q=awa").await.body;
        assert!(listed.contains("connexion bloquée encore 15 min") && listed.contains("Débloquer la connexion</button>"), "{backend}");
        assert!(network.post("/api/ecriture/reseau/personnes/debloquer", &[("compte", &id)]).await.ends_with("fait=debloque"), "{backend}");
        assert_eq!(sign_in(&mut third, "awa@regie.example", PASSWORD).await, "/compte", "{backend}: unblocked");

        // Not itself; not by anyone else.
        let own = network.post("/api/ecriture/reseau/personnes/suspendre", &[("compte", &net.id.to_string())]).await;
        assert!(own.ends_with("erreur=conflit"), "{backend}: {own}");
        let mut awa_again = Browser { app: app.clone(), cookie: None };
        assert_eq!(awa_again.post("/api/ecriture/compte/connexion", &[("email", "awa@regie.example"), ("mot_de_passe", PASSWORD)]).await, "/compte", "{backend}");
        let refused = awa_again.post("/api/ecriture/reseau/personnes/suspendre", &[("compte", &net.id.to_string())]).await;
        assert!(refused.ends_with("erreur=interdit"), "{backend}: {refused}");
        assert_eq!(awa_again.get("/reseau/personnes").await.status, StatusCode::FORBIDDEN, "{backend}");
        let suspended: Option<i64> = sqlx::query_scalar("SELECT suspended_at FROM accounts WHERE id = $1").bind(net.id).fetch_one(&db.pool).await.unwrap();
        assert_eq!(suspended, None, "{backend}");
    }
}
