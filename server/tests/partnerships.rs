//! Partners, relations and contracts: import (strict, idempotent), pages, the CSV export
//! imported again into a fresh database, demonstration rows removed with one call; on SQLite
//! and PostgreSQL.

mod common;

use std::collections::BTreeSet;

use atlas_service::import::{partnerships, ImportOptions};
use atlas_server::http;
use atlas_service::{db::Database, import::reference};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{backends, fresh, reference_dir};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

const STRICT: ImportOptions = ImportOptions { skip_invalid: false };

fn demo_file() -> std::path::PathBuf {
    common::repo_root().join("data/demo/partenariats.csv")
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String) {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap().replace("<!>", ""))
}

type Fact = (String, String, String, String, Option<String>, Option<String>, Option<String>, Option<String>, Option<i64>, Option<String>, Option<String>, Option<String>, Option<String>);

/// Every relation with its contracts, as plain values (no database ids, no demo flag: that is
/// the importer's option, not a column of the file).
async fn facts(db: &Database) -> BTreeSet<String> {
    sqlx::query_as::<_, Fact>(
        "SELECT g.slug, p.nom, p.nature, r.nature, r.college, r.depuis, r.jusqu_a, c.objet, c.montant_euros, c.debut, c.fin,
                c.procedure, c.activite
         FROM relations r JOIN regies g ON g.id = r.regie_id JOIN partenaires p ON p.id = r.partenaire_id
         LEFT JOIN contrats c ON c.relation_id = r.id",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap()
    .into_iter()
    .map(|f| format!("{:?} {:?}", (f.0, f.1, f.2, f.3, f.4, f.5, f.6), (f.7, f.8, f.9, f.10, f.11, f.12)))
    .collect()
}

/// (number, kind) of every version of the Régie, the oldest first.
async fn versions_of(db: &Database, slug: &str) -> Vec<(i64, String)> {
    sqlx::query_as("SELECT v.version, v.kind FROM regie_versions v JOIN regies r ON r.id = v.regie_id WHERE r.slug = $1 ORDER BY v.version")
        .bind(slug)
        .fetch_all(&db.pool)
        .await
        .unwrap()
}

async fn counts(db: &Database) -> (i64, i64, i64) {
    sqlx::query_as("SELECT (SELECT COUNT(*) FROM partenaires), (SELECT COUNT(*) FROM relations), (SELECT COUNT(*) FROM contrats)")
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn partnerships_import_pages_export_round_trip_and_demo_removal() {
    for backend in backends() {
        let db = fresh(backend).await;
        reference::load(&db, &reference_dir()).await.unwrap();

        // The demonstration file: 12 rows, 7 partners, 11 relations, 6 contracts, all marked demo.
        let report = partnerships::import_file(&db, &demo_file(), STRICT, true).await.unwrap();
        assert!(report.rejected.is_empty(), "{backend}: {:?}", report.rejected);
        assert_eq!((report.read, report.inserted), (12, 12), "{backend}");
        assert_eq!(counts(&db).await, (7, 11, 6), "{backend}");
        let not_demo: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM partenaires WHERE demo = 0) + (SELECT COUNT(*) FROM relations WHERE demo = 0)
                  + (SELECT COUNT(*) FROM contrats WHERE demo = 0)",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(not_demo, 0, "{backend}: every row is marked as demonstration");
        // Each Régie the file changed has a version of kind `import` (its state before as
        // version 0), so a form opened before the import is refused (409).
        let maladrerie = "assoc-regie-quartier-maladrerie-aubervilliers";
        assert_eq!(versions_of(&db, maladrerie).await, vec![(0, "origine".to_owned()), (1, "import".to_owned())], "{backend}");
        let history = atlas_service::regie::edit::history(&db, &atlas_service::Actor::Cli, maladrerie).await.unwrap();
        assert_eq!(history[1].profile.partenaires.as_ref().map(Vec::len), Some(0), "{backend}: version 0 had no partner");
        assert_eq!(history[0].profile.partenaires.as_ref().map(Vec::len), Some(3), "{backend}: version 1 has the file's");
        // Importing the same file again changes nothing, and makes no version.
        let again = partnerships::import_file(&db, &demo_file(), STRICT, true).await.unwrap();
        assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 12), "{backend}");
        assert_eq!(counts(&db).await, (7, 11, 6), "{backend}");
        assert_eq!(versions_of(&db, maladrerie).await.len(), 2, "{backend}");

        let atlas = atlas_service::Atlas::open(db.clone()).await.unwrap();
        let router = http::router(LeptosOptions::builder().output_name("atlas").build(), atlas.clone());

        // The partner page: its Régies, its contracts and their total, the demonstration notice.
        let id: i64 = sqlx::query_scalar("SELECT id FROM partenaires WHERE nom = 'Habitat social (démonstration)'").fetch_one(&db.pool).await.unwrap();
        let (status, html) = get(&router, &format!("/partenaires/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        assert!(html.contains("Travaille avec 4 Régie(s)"), "{backend}");
        assert_eq!(html.matches("<tr><th scope=\"row\">").count(), 4, "{backend}: 4 contracts");
        assert!(html.contains("4 contrat(s), 387\u{202f}000 € au total."), "{backend}");
        assert!(html.contains("Donnée de démonstration"), "{backend}");
        // The national list, filtered by kind.
        let (_, html) = get(&router, "/partenaires?nature=mission_locale").await;
        assert!(html.contains("Mission locale (démonstration)") && !html.contains("Habitat social (démonstration)"), "{backend}");
        // The Régie page: the graph and its list name the same partners.
        let (_, html) = get(&router, "/regies/assoc-regie-quartier-maladrerie-aubervilliers").await;
        let graph: BTreeSet<String> = html
            .split("<a href=\"/partenaires/")
            .skip(1)
            .filter(|s| s.split('>').next().unwrap().contains("class=\"node\""))
            .map(|s| s.split("data-nom=\"").nth(1).unwrap().split('"').next().unwrap().to_owned())
            .collect();
        let list_start = html.find("id=\"liste-partenaires\"").expect("list");
        let list_html = &html[list_start..];
        let list_html = &list_html[..list_html.find("</ul>").unwrap()];
        let list: BTreeSet<String> = list_html.split("<strong>").skip(1).map(|s| s.split('<').next().unwrap().to_owned()).collect();
        assert_eq!(graph.len(), 3, "{backend}: {graph:?}");
        assert_eq!(graph, list, "{backend}: graph and list");
        // Unknown partners answer 404.
        assert_eq!(get(&router, "/partenaires/999999").await.0, StatusCode::NOT_FOUND, "{backend}");
        assert_eq!(get(&router, "/partenaires/abc").await.0, StatusCode::NOT_FOUND, "{backend}");

        // Export → import into a fresh database: the same relations and contracts.
        let (status, csv) = get(&router, "/partenaires/partenariats.csv").await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        assert!(csv.starts_with('\u{feff}'), "{backend}");
        let exported = std::env::temp_dir().join(format!("atlas-partenariats-{backend}-{}.csv", std::process::id()));
        std::fs::write(&exported, &csv).unwrap();
        let other = fresh(backend).await;
        reference::load(&other, &reference_dir()).await.unwrap();
        let report = partnerships::import_file(&other, &exported, STRICT, false).await.unwrap();
        assert!(report.rejected.is_empty(), "{backend}: {:?}", report.rejected);
        assert_eq!(facts(&other).await, facts(&db).await, "{backend}: round trip");
        // And into the first database: nothing changes.
        let same = partnerships::import_file(&db, &exported, STRICT, true).await.unwrap();
        assert_eq!((same.inserted, same.updated), (0, 0), "{backend}");
        let _ = std::fs::remove_file(&exported);

        // Demonstration rows go with one call, as a new version of each Régie that had some.
        partnerships::remove_demo(&db).await.unwrap();
        assert_eq!(counts(&db).await, (0, 0, 0), "{backend}");
        assert_eq!(versions_of(&db, maladrerie).await.last(), Some(&(2, "import".to_owned())), "{backend}");
        let history = atlas_service::regie::edit::history(&db, &atlas_service::Actor::Cli, maladrerie).await.unwrap();
        assert_eq!(history[0].profile.partenaires.as_ref().map(Vec::len), Some(0), "{backend}");
        let version: i64 = sqlx::query_scalar("SELECT version FROM regies WHERE slug = $1").bind(maladrerie).fetch_one(&db.pool).await.unwrap();
        assert_eq!(version, 2, "{backend}: the page's version moved on with it");
    }
}

#[tokio::test]
async fn invalid_partnerships_are_rejected_with_line_and_reason_and_nothing_is_written() {
    let header = atlas_core::partner::import::HEADERS.join(";");
    let body = [
        "assoc-la-regie-de-nos-quartiers-troyes;Banque X;banque;;;;financeur;;;;;;;;;",
        "assoc-la-regie-de-nos-quartiers-troyes;Ville;collectivité;;;;financeur;;2022-01-01;2020-01-01;;;;;;",
        "assoc-la-regie-de-nos-quartiers-troyes;Ville;collectivité;;;;financeur;;;;Subvention;-100;;;convention;",
        "regie-qui-n-existe-pas;Ville;collectivité;;;;financeur;;;;;;;;;",
        "assoc-la-regie-de-nos-quartiers-troyes;Ville;collectivité;;;;financeur;;;;;;;;;",
    ]
    .join("\n");
    let path = std::env::temp_dir().join(format!("atlas-partenariats-invalides-{}.csv", std::process::id()));
    std::fs::write(&path, format!("{header}\n{body}\n")).unwrap();
    for backend in backends() {
        let db = fresh(backend).await;
        reference::load(&db, &reference_dir()).await.unwrap();
        let report = partnerships::import_file(&db, &path, STRICT, false).await.unwrap();
        assert!(report.rolled_back, "{backend}");
        let lines: Vec<usize> = report.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 4, 5], "{backend}");
        let reasons: Vec<String> = report.rejected.iter().map(|r| r.problem.to_string()).collect();
        assert!(reasons[0].starts_with("nature du partenaire inconnue « banque »"), "{backend}");
        assert_eq!(reasons[1], "relation : la fin (2020-01-01) précède le début (2022-01-01)");
        assert_eq!(reasons[2], "montant négatif « -100 »");
        assert!(reasons[3].starts_with("Régie inconnue « regie-qui-n-existe-pas »"), "{backend}");
        assert_eq!(counts(&db).await, (0, 0, 0), "{backend}: nothing written, not even the valid row");
        // Told to skip invalid rows, the valid one is written.
        let report = partnerships::import_file(&db, &path, ImportOptions { skip_invalid: true }, false).await.unwrap();
        assert_eq!(report.inserted, 1, "{backend}");
        assert_eq!(counts(&db).await, (1, 1, 0), "{backend}");
    }
    let _ = std::fs::remove_file(&path);
}
