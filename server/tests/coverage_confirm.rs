//! `/reseau`'s declared neighbourhoods, on SQLite and PostgreSQL, through the real router: the
//! network sees each QPV a Régie declares with its note, confirms it in one click as a version of
//! the Régie (its history names the network and the change), the queue empties, a second click
//! finds nothing (404), and a Régie's own éditrice may not confirm (403).

mod common;

use atlas_core::account::Role;
use atlas_service::account::operator;
use atlas_service::Actor;
use axum::http::StatusCode;
use common::browser::{api_post, Browser};
use common::{backends, fresh};
use tower::ServiceExt;

const PASSWORD: &str = "une phrase de passe solide";

#[tokio::test(flavor = "multi_thread")]
async fn the_network_confirms_a_declared_neighbourhood_as_a_version() {
    for backend in backends() {
        let db = fresh(backend).await;
        common::load_regies(&db).await;
        let (a_id, a): (i64, String) = sqlx::query_as("SELECT id, slug FROM regies ORDER BY slug LIMIT 1").fetch_one(&db.pool).await.unwrap();
        let ts = "2026-01-01T00:00:00Z";
        sqlx::query("INSERT INTO qpv (code, nom, created_at, updated_at) VALUES ('QN9999997Z', 'Les Érables d''essai', $1, $1)").bind(ts).execute(&db.pool).await.unwrap();
        sqlx::query("INSERT INTO couvertures (regie_id, qpv_code, statut, note, created_at, updated_at) VALUES ($1, 'QN9999997Z', 'declaree', 'Résidence des Érables', $2, $2)")
            .bind(a_id)
            .bind(ts)
            .execute(&db.pool)
            .await
            .unwrap();
        operator::add(&db, &Actor::Cli, "reseau@exemple.fr", Some(Role::NetworkAdmin), Some("Réseau national"), Some(PASSWORD)).await.unwrap();
        operator::add(&db, &Actor::Cli, "editrice@regie-a.example", Some(Role::RegieEditor { regie: a_id }), Some("Éditrice A"), Some(PASSWORD)).await.unwrap();
        let app = common::browser::app(&db).await;
        let mut network = Browser { app: app.clone(), cookie: None };
        let mut editor = Browser { app: app.clone(), cookie: None };
        for (b, email) in [(&mut network, "reseau@exemple.fr"), (&mut editor, "editrice@regie-a.example")] {
            assert_eq!(b.post("/api/ecriture/compte/connexion", &[("email", email), ("mot_de_passe", PASSWORD)]).await, "/compte", "{backend}");
        }
        let statut = || async {
            let s: String = sqlx::query_scalar("SELECT statut FROM couvertures WHERE qpv_code = 'QN9999997Z'").fetch_one(&db.pool).await.unwrap();
            s
        };

        let page = network.get("/reseau").await.body;
        assert!(page.contains("Quartiers déclarés à confirmer") && page.contains("Les Érables d'essai") && page.contains("Résidence des Érables"), "{backend}");
        assert!(page.contains("name=\"qpv\" value=\"QN9999997Z\""), "{backend}");

        // The Régie's own éditrice may not confirm what it declares.
        let request = |cookie: Option<&str>| api_post("/api/ecriture/reseau/couvertures", cookie, format!("regie={a}&qpv=QN9999997Z"));
        assert_eq!(app.clone().oneshot(request(editor.cookie.as_deref())).await.unwrap().status(), StatusCode::FORBIDDEN, "{backend}");
        assert_eq!(statut().await, "declaree", "{backend}");

        // Confirmed in one click: a version by the network, the queue empties.
        let done = network.post("/api/ecriture/reseau/couvertures", &[("regie", &a), ("qpv", "QN9999997Z")]).await;
        assert_eq!(done, "/reseau?fait=confirmee#couvertures", "{backend}");
        assert_eq!(statut().await, "confirmee", "{backend}");
        let page = network.get("/reseau?fait=confirmee").await.body;
        assert!(page.contains("Quartier confirmé : c'est une nouvelle version") && !page.contains("value=\"QN9999997Z\""), "{backend}");
        let history = network.get(&format!("/gestion/{a}/historique")).await.body;
        assert!(history.contains("Version 1") && history.contains("par « Réseau national »"), "{backend}");
        assert!(history.contains("<del>Les Érables d'essai (déclarée) : Résidence des Érables</del>"), "{backend}");
        assert!(history.contains("<ins>Les Érables d'essai (confirmée) : Résidence des Érables</ins>"), "{backend}");

        // Nothing left to confirm: 404.
        assert_eq!(app.clone().oneshot(request(network.cookie.as_deref())).await.unwrap().status(), StatusCode::NOT_FOUND, "{backend}");
    }
}
