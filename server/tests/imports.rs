//! Imports from the network's pages, on SQLite and PostgreSQL, through the real router as a
//! browser uses it: a file with bad rows is reported line by line and writes nothing; a good
//! file is checked (a dry run: nothing written), confirmed on another instance than the one it
//! was uploaded to (the file waits in the database), imported with its progress, and each Régie
//! it changes gets a version naming its author; nobody but the network may import.

mod common;

use std::time::{Duration, Instant};

use atlas_core::account::Role;
use atlas_server::http;
use atlas_server::limits::WriteLimits;
use atlas_service::account::operator;
use atlas_service::db::Database;
use atlas_service::{Actor, Atlas};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::browser::Browser;
use common::{backends, count, fresh};
use leptos::prelude::LeptosOptions;

const PASSWORD: &str = "une phrase de passe solide";
const HEADER: &str = "Nom;SIRET;Adresse;Code postal;Commune;Latitude;Longitude;Site internet;Statut;Source\n";

async fn app(db: &Database) -> axum::Router {
    let atlas = Atlas::open(db.clone()).await.unwrap();
    let site = common::repo_root().join("public").to_string_lossy().to_string();
    let options = LeptosOptions::builder().output_name("atlas").site_root(site).build();
    http::router_with_limits(options, atlas, WriteLimits::new(std::num::NonZeroU32::new(1000).unwrap(), false))
}

/// The import's state as its JSON says it.
async fn state(b: &mut Browser, id: &str) -> serde_json::Value {
    let page = b.send(Request::get(format!("/api/reseau/imports/{id}")).header(header::ACCEPT, "application/json"), Body::empty()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    serde_json::from_str(&page.body).unwrap()
}

async fn site_of(db: &Database, siret: &str) -> Option<String> {
    sqlx::query_scalar("SELECT site_web FROM regies WHERE siret = $1").bind(siret).fetch_one(&db.pool).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_network_checks_a_file_reads_its_report_and_imports_it_from_any_instance() {
    for backend in backends() {
        let db = fresh(backend).await;
        common::load_regies(&db).await;
        let (laon_id, laon_siret): (i64, String) = sqlx::query_as("SELECT id, siret FROM regies WHERE siret = '35284737000033'").fetch_one(&db.pool).await.unwrap();
        operator::add(&db, &Actor::Cli, "reseau@exemple.fr", Some(Role::NetworkAdmin), Some("Réseau national"), Some(PASSWORD)).await.unwrap();
        operator::add(&db, &Actor::Cli, "editrice@regie.example", Some(Role::RegieEditor { regie: laon_id }), Some("Éditrice"), Some(PASSWORD)).await.unwrap();
        let (one, two) = (app(&db).await, app(&db).await);
        let mut network = Browser { app: one.clone(), cookie: None };
        let mut editor = Browser { app: one.clone(), cookie: None };
        let mut anonymous = Browser { app: one.clone(), cookie: None };
        for (b, email) in [(&mut network, "reseau@exemple.fr"), (&mut editor, "editrice@regie.example")] {
            assert_eq!(b.post("/api/ecriture/compte/connexion", &[("email", email), ("mot_de_passe", PASSWORD)]).await, "/compte", "{backend}");
        }
        let regies = count(&db, "regies").await;
        let page = network.get("/reseau").await;
        assert!(page.body.contains("href=\"/reseau/imports\""), "{backend}: the network's page links to the imports");
        let page = network.get("/reseau/imports").await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("enctype=\"multipart/form-data\"") && page.body.contains("Aucun import depuis les pages du réseau."), "{backend}");

        // Bad rows: each with its line number and reason; nothing written, nothing to confirm.
        let bad = format!(
            "{HEADER}Régie d'essai des imports;;Place Tyssandier d'Escous;15140;Salers;45.1397;2.4958;;à vérifier;essai\n\
             Régie au code postal faux;;1 rue de nulle part;99999;Nulle-part;;;;à vérifier;essai\n\
             ;;2 rue sans nom;15140;Salers;;;;à vérifier;essai\n"
        );
        let sent = network.send_file("/api/ecriture/reseau/imports", &[("type", "regies"), ("langue", "fr")], "fichier", "regies-fautives.csv", bad.as_bytes()).await;
        assert_eq!(sent.status, StatusCode::FOUND, "{backend}: {}", sent.body);
        let to = sent.headers[header::LOCATION].to_str().unwrap().to_owned();
        assert!(to.starts_with("/reseau/imports?lot="), "{backend}: {to}");
        let report = network.get(&to).await.body;
        assert!(report.contains("refusé : rien n'a été écrit") && report.contains("regies-fautives.csv"), "{backend}");
        assert!(report.contains("<th scope=\"row\">3</th><td>code postal 99999 inconnu</td>"), "{backend}: line 3 named with its reason");
        assert!(report.contains("<th scope=\"row\">4</th><td>nom vide</td>"), "{backend}: line 4 (no name) named");
        // The report is kept as problems, not sentences: each reader reads it in their language.
        let english = network.get(&format!("/en{to}")).await.body;
        assert!(english.contains("<th scope=\"row\">3</th><td>unknown postcode 99999</td>"), "{backend}: the reason in English");
        assert!(english.contains("<th scope=\"row\">4</th><td>empty name</td>"), "{backend}");
        let id = to.rsplit('=').next().unwrap();
        let json = network.send(
            Request::get(format!("/api/reseau/imports/{id}")).header(header::ACCEPT, "application/json").header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.8"),
            Body::empty(),
        ).await;
        let json: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        let first = &json["rapport"]["rejetees"][0];
        assert_eq!((first["ligne"].as_u64(), first["probleme"]["code"].as_str(), first["probleme"]["value"].as_str()), (Some(3), Some("postcode_unknown"), Some("99999")), "{backend}: {json}");
        assert_eq!(first["raison"], "unknown postcode 99999", "{backend}");
        assert_eq!(state(&mut network, id).await["rapport"]["rejetees"][1]["raison"], "nom vide", "{backend}: French without Accept-Language");
        // (The page's texts travel with its data: the button, not its words, is what must be absent.)
        assert!(!report.contains("Importer ce fichier</button>"), "{backend}: a refused file cannot be confirmed");
        assert_eq!(count(&db, "regies").await, regies, "{backend}: nothing written");
        let refused_id = to.rsplit('=').next().unwrap().to_owned();
        let start = editor.send(
            Request::post("/api/ecriture/reseau/imports/lancer").header(header::ACCEPT, "application/json").header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").header(header::ORIGIN, "http://atlas.example"),
            Body::from(format!("lot={refused_id}")),
        ).await;
        assert_eq!(start.status, StatusCode::FORBIDDEN, "{backend}: an éditrice may not start an import");

        // A good file: one new Régie, one changed (Laon's website). Checked: nothing written yet.
        let good = format!(
            "{HEADER}Régie d'essai des imports;;Place Tyssandier d'Escous;15140;Salers;45.1397;2.4958;;à vérifier;essai\n\
             Régie de Quartiers;{laon_siret};11 Rue Edouard Branly;02000;Laon;49.56618;3.647503;https://regie-laon.example.fr;à vérifier;essai\n"
        );
        let to = network.post_file_ok("/api/ecriture/reseau/imports", "regies-2026.csv", good.as_bytes()).await;
        let id = to.rsplit('=').next().unwrap().to_owned();
        let report = network.get(&to).await.body;
        assert!(report.contains("vérifié, en attente de confirmation") && report.contains("Importer ce fichier</button>"), "{backend}");
        assert!(report.contains("<dt>À ajouter</dt><dd>1</dd>") && report.contains("<dt>À mettre à jour</dt><dd>1</dd>"), "{backend}: the dry run's counts");
        assert_eq!(count(&db, "regies").await, regies, "{backend}: the check wrote nothing");
        assert_eq!(site_of(&db, &laon_siret).await, None, "{backend}");

        // Nobody else: an éditrice, an anonymous visitor.
        let by_editor = editor.send_file("/api/ecriture/reseau/imports", &[("type", "regies")], "fichier", "x.csv", good.as_bytes()).await;
        assert_eq!(by_editor.status, StatusCode::FOUND, "{backend}");
        assert!(by_editor.headers[header::LOCATION].to_str().unwrap().ends_with("erreur=interdit"), "{backend}");
        assert_eq!(editor.get("/reseau/imports").await.status, StatusCode::FORBIDDEN, "{backend}");
        assert_eq!(anonymous.get("/reseau/imports").await.status, StatusCode::UNAUTHORIZED, "{backend}");
        let peek = editor.send(Request::get(format!("/api/reseau/imports/{id}")).header(header::ACCEPT, "application/json"), Body::empty()).await;
        assert_eq!(peek.status, StatusCode::FORBIDDEN, "{backend}");

        // Confirmed on the other instance: the file waited in the database.
        let mut network_there = Browser { app: two.clone(), cookie: network.cookie.clone() };
        let back = network_there.post("/api/ecriture/reseau/imports/lancer", &[("lot", &id), ("langue", "fr")]).await;
        assert_eq!(back, format!("/reseau/imports?lot={id}"), "{backend}");
        let started = Instant::now();
        loop {
            let s = state(&mut network_there, &id).await;
            if s["etat"] == "importe" {
                assert_eq!((s["fait"].as_u64(), s["total"].as_u64()), (Some(2), Some(2)), "{backend}: {s}");
                assert_eq!((s["rapport"]["ajoutees"].as_u64(), s["rapport"]["mises_a_jour"].as_u64()), (Some(1), Some(1)), "{backend}: {s}");
                break;
            }
            assert_eq!(s["etat"], "en_cours", "{backend}: {s}");
            assert!(started.elapsed() < Duration::from_secs(30), "{backend}: import not done");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(count(&db, "regies").await, regies + 1, "{backend}");
        assert_eq!(site_of(&db, &laon_siret).await.as_deref(), Some("https://regie-laon.example.fr"), "{backend}");
        let page = network.get(&format!("/reseau/imports?lot={id}")).await.body;
        assert!(page.contains("<p class=\"notice ok\">Import terminé") && page.contains("<dt>Ajoutées</dt><dd>1</dd>"), "{backend}");
        let content: Option<Vec<u8>> = sqlx::query_scalar("SELECT content FROM import_jobs WHERE id = $1").bind(id.parse::<i64>().unwrap()).fetch_one(&db.pool).await.unwrap();
        assert_eq!(content, None, "{backend}: the file goes once imported");
        // Laon's change is a version naming the network; a form opened before it is refused (409).
        let kinds: Vec<(i64, String)> = sqlx::query_as("SELECT version, kind FROM regie_versions WHERE regie_id = $1 ORDER BY version").bind(laon_id).fetch_all(&db.pool).await.unwrap();
        assert_eq!(kinds, vec![(0, "origine".to_owned()), (1, "import".to_owned())], "{backend}");
        let history = editor.get(&format!("/gestion/{}/historique", slug_of(&db, laon_id).await)).await.body;
        assert!(history.contains("Version 1 (import d'un fichier par le réseau)") && history.contains("https://regie-laon.example.fr") && history.contains("« Réseau national »"), "{backend}");
        // Twice: 409.
        let again = network.send(
            Request::post("/api/ecriture/reseau/imports/lancer").header(header::ACCEPT, "application/json").header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").header(header::ORIGIN, "http://atlas.example"),
            Body::from(format!("lot={id}")),
        ).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{backend}: {}", again.body);
        // The list names both.
        let list = network.get("/reseau/imports").await.body;
        assert!(list.contains("regies-fautives.csv") && list.contains("regies-2026.csv") && list.contains("« Réseau national »"), "{backend}");
        // The uploader's data export names the files.
        let export = network.get("/compte/mes-donnees.json").await.body;
        assert!(export.contains("\"import_jobs\"") && export.contains("regies-2026.csv"), "{backend}");
    }
}

async fn slug_of(db: &Database, id: i64) -> String {
    sqlx::query_scalar("SELECT slug FROM regies WHERE id = $1").bind(id).fetch_one(&db.pool).await.unwrap()
}
