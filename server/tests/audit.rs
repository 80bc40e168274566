//! The network's audit log (`/reseau/journal` and its CSV), on SQLite and PostgreSQL, through the
//! real router: a team's edit with its before and after, the network's verification, a file
//! imported from the command line, a request refused; the filters by Régie, person and kind; the
//! CSV with the same selection; nobody but the network reads it.

mod common;

use atlas_core::account::Role;
use atlas_core::regie::profile::ProfileForm;
use atlas_server::http;
use atlas_server::limits::WriteLimits;
use atlas_service::account::operator;
use atlas_service::account::team::TeamRole;
use atlas_service::import::{self, ImportOptions, Request as ImportRequest};
use atlas_service::regie::{claim, edit};
use atlas_service::{Actor, Atlas};
use axum::http::StatusCode;
use common::browser::Browser;
use common::{backends, fresh};
use leptos::prelude::LeptosOptions;

const PASSWORD: &str = "une phrase de passe solide";

#[tokio::test(flavor = "multi_thread")]
async fn the_network_reads_who_changed_what_filters_it_and_downloads_it() {
    for backend in backends() {
        let db = fresh(backend).await;
        common::load_regies(&db).await;
        let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, slug, siret FROM regies WHERE siret IS NOT NULL ORDER BY slug LIMIT 2").fetch_all(&db.pool).await.unwrap();
        let [(a_id, a, _), (_, b, b_siret)] = [rows[0].clone(), rows[1].clone()];
        let editor = operator::add(&db, &Actor::Cli, "editrice@regie.example", Some(Role::RegieEditor { regie: a_id }), Some("Awa éditrice"), Some(PASSWORD)).await.unwrap();
        let network = operator::add(&db, &Actor::Cli, "reseau@exemple.fr", Some(Role::NetworkAdmin), Some("Réseau national"), Some(PASSWORD)).await.unwrap();
        let asker = operator::add(&db, &Actor::Cli, "habitante@exemple.fr", None, Some("Bintou"), Some(PASSWORD)).await.unwrap();
        let as_editor = Actor::Account { id: editor.id, roles: vec![Role::RegieEditor { regie: a_id }] };
        let as_network = Actor::Account { id: network.id, roles: vec![Role::NetworkAdmin] };

        // Her edit of A's phone; the network verifies A; a request for B refused; B changed by a file.
        let open = edit::open(&db, &as_editor, &a).await.unwrap();
        let form = ProfileForm { telephone: "01 23 45 67 89".into(), ..open.profile.form() };
        assert_eq!(edit::save(&db, &as_editor, &a, &form, open.version).await.unwrap(), edit::Saved::Version(1), "{backend}");
        edit::verify(&db, &as_network, &a).await.unwrap();
        let asked = claim::ask(&db, &Actor::Account { id: asker.id, roles: vec![] }, &b, TeamRole::Editor, "Je coordonne les chantiers.").await.unwrap();
        claim::decide(&db, &as_network, asked, false).await.unwrap();
        let file = std::env::temp_dir().join(format!("atlas-journal-{}-{backend}.csv", std::process::id()));
        let b_row: (String, Option<String>, String, String, f64, f64) =
            sqlx::query_as("SELECT r.nom, r.adresse, r.code_postal, c.nom, r.lat, r.lon FROM regies r JOIN communes c ON c.insee = r.commune_insee WHERE r.slug = $1").bind(&b).fetch_one(&db.pool).await.unwrap();
        std::fs::write(
            &file,
            format!(
                "Nom;SIRET;Adresse;Code postal;Commune;Latitude;Longitude;Site internet;Statut;Source\n{};{b_siret};{};{};{};{};{};https://regie-b.example.fr;à vérifier;essai\n",
                b_row.0, b_row.1.unwrap_or_default(), b_row.2, b_row.3, b_row.4, b_row.5
            ),
        )
        .unwrap();
        let report = import::run(&db, &Actor::Cli, ImportRequest::Regies(file.clone()), ImportOptions::default()).await.unwrap();
        assert_eq!(report[0].updated, 1, "{backend}: {:?}", report[0]);
        let _ = std::fs::remove_file(&file);

        let atlas = Atlas::open(db.clone()).await.unwrap();
        let site = common::repo_root().join("public").to_string_lossy().to_string();
        let options = LeptosOptions::builder().output_name("atlas").site_root(site).build();
        let app = http::router_with_limits(options, atlas, WriteLimits::new(std::num::NonZeroU32::new(1000).unwrap(), false));
        let mut net = Browser { app: app.clone(), cookie: None };
        let mut her = Browser { app: app.clone(), cookie: None };
        let mut anonymous = Browser { app: app.clone(), cookie: None };
        for (b, email) in [(&mut net, "reseau@exemple.fr"), (&mut her, "editrice@regie.example")] {
            assert_eq!(b.post("/api/ecriture/compte/connexion", &[("email", email), ("mot_de_passe", PASSWORD)]).await, "/compte", "{backend}");
        }
        assert!(net.get("/reseau").await.body.contains("href=\"/reseau/journal\""), "{backend}");

        // Everything, the newest first.
        let page = net.get("/reseau/journal").await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        let body = page.body;
        assert!(body.contains("4 modifications"), "{backend}: {}", &body[body.find("role=\"status\"").unwrap_or(0)..][..200.min(body.len())]);
        for words in ["fiche modifiée</h2>", "vérifiée par le réseau</h2>", "import d'un fichier</h2>", "demande de gestion refusée</h2>"] {
            assert!(body.contains(words), "{backend}: {words}");
        }
        assert!(body.contains("<td><ins>01 23 45 67 89</ins></td>") && body.contains("« Awa éditrice »"), "{backend}: her change, after, and her name");
        assert!(body.contains("<td><ins>https://regie-b.example.fr</ins></td>") && body.contains("la ligne de commande ou un compte supprimé"), "{backend}");
        assert!(body.contains("Bintou : éditeur"), "{backend}: who asked, for what");
        let first = body.find("import d'un fichier</h2>").unwrap();
        assert!(first < body.find("fiche modifiée</h2>").unwrap(), "{backend}: the newest first");

        // Filtered: by kind, by person, by Régie.
        let only = net.get("/reseau/journal?type=verification").await.body;
        assert!(only.contains("1 modifications") && only.contains("vérifiée par le réseau</h2>") && !only.contains("fiche modifiée</h2>"), "{backend}");
        let hers = net.get("/reseau/journal?personne=Awa%20%C3%A9ditrice").await.body;
        assert!(hers.contains("1 modifications") && hers.contains("fiche modifiée</h2>"), "{backend}");
        let of_b = net.get(&format!("/reseau/journal?regie={b}")).await.body;
        assert!(of_b.contains("2 modifications") && of_b.contains("import d'un fichier</h2>") && of_b.contains("demande de gestion refusée</h2>"), "{backend}");
        assert!(of_b.contains(&format!("<option value=\"{b}\" selected")), "{backend}: the filter shows its choice");

        // The CSV: the same selection, one line per field changed.
        let csv = net.get("/reseau/journal.csv?type=profil").await;
        assert_eq!(csv.status, StatusCode::OK, "{backend}");
        assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"), "{backend}");
        let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "date;regie;auteur;type;champ;avant;apres", "{backend}");
        assert_eq!(lines.len(), 2, "{backend}: {lines:?}");
        assert!(lines[1].contains(";Awa éditrice;fiche modifiée;Téléphone;") && lines[1].ends_with(";01 23 45 67 89"), "{backend}: {}", lines[1]);
        let all = net.get("/reseau/journal.csv").await.body;
        assert!(all.lines().count() >= 5, "{backend}: {all}");

        // Nobody else.
        assert_eq!(her.get("/reseau/journal").await.status, StatusCode::FORBIDDEN, "{backend}");
        assert_eq!(her.get("/reseau/journal.csv").await.status, StatusCode::FORBIDDEN, "{backend}");
        assert_eq!(anonymous.get("/reseau/journal").await.status, StatusCode::UNAUTHORIZED, "{backend}");
        assert_eq!(anonymous.get("/reseau/journal.csv").await.status, StatusCode::UNAUTHORIZED, "{backend}");
    }
}
