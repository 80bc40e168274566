//! The readers' corrections as the network's queue on `/reseau`, on SQLite and PostgreSQL,
//! through the real router: each waiting correction with its Régie, topic, message and contact;
//! « Appliquée » or « Rejetée » files it (once: a second answer is refused); nobody else may.

mod common;

use atlas_core::account::Role;
use atlas_server::http;
use atlas_server::limits::WriteLimits;
use atlas_service::account::operator;
use atlas_service::{correction, Actor, Atlas};
use axum::http::StatusCode;
use common::browser::Browser;
use common::{backends, fresh};
use leptos::prelude::LeptosOptions;

const PASSWORD: &str = "une phrase de passe solide";

#[tokio::test(flavor = "multi_thread")]
async fn the_network_files_readers_corrections_as_applied_or_rejected() {
    for backend in backends() {
        let db = fresh(backend).await;
        common::load_regies(&db).await;
        let (regie, slug, name): (i64, String, String) = sqlx::query_as("SELECT id, slug, nom FROM regies ORDER BY slug LIMIT 1").fetch_one(&db.pool).await.unwrap();
        operator::add(&db, &Actor::Cli, "reseau@exemple.fr", Some(Role::NetworkAdmin), Some("Réseau national"), Some(PASSWORD)).await.unwrap();
        operator::add(&db, &Actor::Cli, "awa@regie.example", Some(Role::RegieAdmin { regie }), Some("Awa"), Some(PASSWORD)).await.unwrap();
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let message = "Le numéro de téléphone a changé : c'est le 01 48 00 00 00.";
        correction::report(&atlas, &Actor::Anonymous, &slug, "coordonnees", message, "lectrice@exemple.fr").await.unwrap();
        correction::report(&atlas, &Actor::Anonymous, &slug, "fermeture", "Cette Régie a fusionné avec sa voisine l'an dernier.", "").await.unwrap();
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM corrections ORDER BY id").fetch_all(&db.pool).await.unwrap();
        let site = common::repo_root().join("public").to_string_lossy().to_string();
        let options = LeptosOptions::builder().output_name("atlas").site_root(site).build();
        let app = http::router_with_limits(options, atlas, WriteLimits::new(std::num::NonZeroU32::new(1000).unwrap(), false));
        let mut network = Browser { app: app.clone(), cookie: None };
        let mut awa = Browser { app: app.clone(), cookie: None };
        for (b, email) in [(&mut network, "reseau@exemple.fr"), (&mut awa, "awa@regie.example")] {
            assert_eq!(b.post("/api/ecriture/compte/connexion", &[("email", email), ("mot_de_passe", PASSWORD)]).await, "/compte", "{backend}");
        }

        let page = network.get("/reseau").await.body;
        assert!(page.contains("Corrections signalées par les lecteurs (2)"), "{backend}");
        assert!(page.contains(&format!("<blockquote>{}</blockquote>", message.replace('\'', "'"))) && page.contains("href=\"mailto:lectrice@exemple.fr\""), "{backend}");
        assert!(page.contains("Sujet : coordonnées") && page.contains("Sujet : fermeture ou fusion") && page.contains(&name), "{backend}");
        assert!(page.contains(&format!("href=\"/gestion/{slug}\">Modifier la fiche</a>")), "{backend}");

        // Not hers to file, though it is her Régie.
        let refused = awa.post("/api/ecriture/reseau/corrections", &[("correction", &ids[0].to_string()), ("decision", "appliquee")]).await;
        assert!(refused.ends_with("erreur=interdit"), "{backend}: {refused}");

        let done = network.post("/api/ecriture/reseau/corrections", &[("correction", &ids[0].to_string()), ("decision", "appliquee"), ("langue", "fr")]).await;
        assert_eq!(done, "/reseau?fait=correction#corrections", "{backend}");
        network.post("/api/ecriture/reseau/corrections", &[("correction", &ids[1].to_string()), ("decision", "rejetee")]).await;
        let again = network.post("/api/ecriture/reseau/corrections", &[("correction", &ids[1].to_string()), ("decision", "appliquee")]).await;
        assert!(again.ends_with("erreur=introuvable"), "{backend}: filed once: {again}");
        let statuses: Vec<String> = sqlx::query_scalar("SELECT statut FROM corrections ORDER BY id").fetch_all(&db.pool).await.unwrap();
        assert_eq!(statuses, ["appliquee", "rejetee"], "{backend}");
        let page = network.get("/reseau").await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("Corrections signalées par les lecteurs (0)") && page.body.contains("Aucune correction en attente."), "{backend}");
    }
}
