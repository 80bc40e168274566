//! `/reseau/nouvelle-regie`, on SQLite and PostgreSQL, through the real router as a browser uses
//! it: the network adds a Régie; refusals come back next to their inputs with what was typed; a
//! postcode with several communes asks which; the same SIRET refuses it and names the entry
//! that has it; a similar name within a kilometre is listed and written only once confirmed;
//! the new Régie is on its public page, in the directory and covers its commune's QPVs at once,
//! its first version names its author; nobody but the network may add one (anyone else signed in
//! proposes it: `regie_proposals.rs`).

mod common;

use atlas_core::account::Role;
use atlas_service::account::operator;
use atlas_service::db::Database;
use atlas_service::Actor;
use axum::http::StatusCode;
use common::browser::{api_post, Browser};
use common::{backends, fresh};
use tower::ServiceExt;

const PASSWORD: &str = "une phrase de passe solide";

async fn regies(db: &Database) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM regies").fetch_one(&db.pool).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_network_adds_a_regie_and_is_warned_of_likely_duplicates() {
    for backend in backends() {
        let db = fresh(backend).await;
        common::load_regies(&db).await;
        let (e_id, e_slug, e_name, e_siret, e_postcode, e_insee, e_lat, e_lon): (i64, String, String, String, String, String, f64, f64) = sqlx::query_as(
            "SELECT id, slug, nom, siret, code_postal, commune_insee, lat, lon FROM regies WHERE siret IS NOT NULL ORDER BY slug LIMIT 1",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        operator::add(&db, &Actor::Cli, "reseau@exemple.fr", Some(Role::NetworkAdmin), Some("Réseau national"), Some(PASSWORD)).await.unwrap();
        operator::add(&db, &Actor::Cli, "editrice@regie.example", Some(Role::RegieEditor { regie: e_id }), Some("Éditrice"), Some(PASSWORD)).await.unwrap();
        let app = common::browser::app(&db).await;
        let mut network = Browser { app: app.clone(), cookie: None };
        let mut editor = Browser { app: app.clone(), cookie: None };
        let mut anonymous = Browser { app: app.clone(), cookie: None };
        for (b, email) in [(&mut network, "reseau@exemple.fr"), (&mut editor, "editrice@regie.example")] {
            assert_eq!(b.post("/api/ecriture/compte/connexion", &[("email", email), ("mot_de_passe", PASSWORD)]).await, "/compte", "{backend}");
        }
        let before = regies(&db).await;
        let page = network.get("/reseau/nouvelle-regie").await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("action=\"/api/ecriture/reseau/regies\"") && page.body.contains("Ajouter la Régie</button>"), "{backend}");
        assert!(network.get("/reseau").await.body.contains("href=\"/reseau/nouvelle-regie\""), "{backend}");

        // Refused: each reason next to its input, what was typed kept.
        let back = network.post("/api/ecriture/reseau/regies", &[("nom", "R"), ("code_postal", "2000"), ("adresse", "3 rue des Lilas")]).await;
        assert!(back.starts_with("/reseau/nouvelle-regie?erreurs=nom_longueur,code_postal_inconnu&saisie=1"), "{backend}: {back}");
        let page = network.get(&back).await.body;
        assert!(page.contains("id=\"fiche-nom-erreur\" class=\"field-error\">le nom compte de 3 à 150 caractères"), "{backend}");
        assert!(page.contains("id=\"fiche-code_postal-erreur\" class=\"field-error\">le code postal compte 5 chiffres"), "{backend}");
        assert!(page.contains("value=\"3 rue des Lilas\""), "{backend}");

        // A postcode with several communes: the form asks which.
        let shared: String =
            sqlx::query_scalar("SELECT code FROM codes_postaux GROUP BY code HAVING COUNT(*) > 2 ORDER BY code LIMIT 1").fetch_one(&db.pool).await.unwrap();
        let back = network.post("/api/ecriture/reseau/regies", &[("nom", "Régie Essai Zéphyr"), ("code_postal", &shared)]).await;
        assert!(back.starts_with("/reseau/nouvelle-regie?erreurs=commune_a_choisir&"), "{backend}: {back}");
        let page = network.get(&back).await.body;
        let options = page.matches("<option value=\"").count();
        assert!(options > 2 && page.contains("id=\"fiche-commune-erreur\""), "{backend}: {options} communes to choose from");

        // The same SIRET: refused, and the entry that has it is named.
        let back = network.post("/api/ecriture/reseau/regies", &[("nom", "Régie Essai Zéphyr"), ("siret", &e_siret), ("code_postal", &e_postcode), ("commune", &e_insee)]).await;
        assert!(back.starts_with("/reseau/nouvelle-regie?erreurs=siret_pris&"), "{backend}: {back}");
        let page = network.get(&back).await.body;
        assert!(page.contains(&format!("href=\"/regies/{e_slug}\">")) && page.contains("même SIRET"), "{backend}");

        // A similar name a few hundred metres away: listed, nothing written until confirmed.
        let (lat, lon) = ((e_lat + 0.002).to_string(), e_lon.to_string());
        let alike = e_name.to_uppercase();
        let form = [("nom", alike.as_str()), ("code_postal", &e_postcode), ("commune", &e_insee), ("lat", &lat), ("lon", &lon)];
        let back = network.post("/api/ecriture/reseau/regies", &form).await;
        assert!(back.starts_with("/reseau/nouvelle-regie?doublons=1&saisie=1"), "{backend}: {back}");
        let page = network.get(&back).await.body;
        assert!(page.contains("Cette Régie est peut-être déjà dans l'Atlas") && page.contains(&format!("href=\"/regies/{e_slug}\">")), "{backend}");
        assert!(page.contains("nom proche, à") && page.contains("name=\"confirmer\""), "{backend}");
        assert_eq!(regies(&db).await, before, "{backend}: nothing written");
        let mut confirmed = form.to_vec();
        confirmed.push(("confirmer", "1"));
        let done = network.post("/api/ecriture/reseau/regies", &confirmed).await;
        assert!(done.starts_with("/gestion/") && done.ends_with("?fait=creee"), "{backend}: {done}");
        assert_eq!(regies(&db).await, before + 1, "{backend}");
        let page = network.get(&done).await.body;
        assert!(page.contains("Régie ajoutée : elle est sur la carte"), "{backend}");

        // A Régie alone in its postcode's commune, without a position: at the commune's centre,
        // covering its QPVs, on its public page and in the directory, its first version by the network.
        let (insee, postcode, c_lat, c_lon): (String, String, f64, f64) = sqlx::query_as(
            "SELECT c.insee, cp.code, c.lat, c.lon FROM communes c JOIN codes_postaux cp ON cp.commune_insee = c.insee
             WHERE (SELECT COUNT(*) FROM codes_postaux o WHERE o.code = cp.code) = 1 AND NOT EXISTS (SELECT 1 FROM regies r WHERE r.commune_insee = c.insee)
             ORDER BY c.insee LIMIT 1",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        let ts = "2026-01-01T00:00:00Z";
        sqlx::query("INSERT INTO qpv (code, nom, created_at, updated_at) VALUES ('QN9999998Z', 'Quartier d''essai', $1, $1)").bind(ts).execute(&db.pool).await.unwrap();
        sqlx::query("INSERT INTO qpv_communes (qpv_code, commune_insee) VALUES ('QN9999998Z', $1)").bind(&insee).execute(&db.pool).await.unwrap();
        let done = network.post("/api/ecriture/reseau/regies", &[("nom", "Régie de Quartier Zéphyr"), ("siret", "732 145 678 00015"), ("code_postal", &postcode)]).await;
        let slug = done.strip_prefix("/gestion/").and_then(|s| s.strip_suffix("?fait=creee")).unwrap_or_else(|| panic!("{backend}: {done}")).to_owned();
        let (lat, lon, siren, verification, version): (f64, f64, String, String, i64) =
            sqlx::query_as("SELECT lat, lon, siren, verification, version FROM regies WHERE slug = $1").bind(&slug).fetch_one(&db.pool).await.unwrap();
        assert_eq!((lat, lon, siren.as_str(), verification.as_str(), version), (c_lat, c_lon, "732145678", "a_verifier", 1), "{backend}");
        let covered: Vec<(String, String)> =
            sqlx::query_as("SELECT cv.qpv_code, cv.statut FROM couvertures cv JOIN regies r ON r.id = cv.regie_id WHERE r.slug = $1").bind(&slug).fetch_all(&db.pool).await.unwrap();
        assert_eq!(covered, vec![("QN9999998Z".to_owned(), "estimee".to_owned())], "{backend}");
        let public = anonymous.get(&format!("/regies/{slug}")).await;
        assert_eq!(public.status, StatusCode::OK, "{backend}");
        assert!(public.body.contains("Régie de Quartier Zéphyr") && public.body.contains("Quartier d'essai"), "{backend}");
        assert!(anonymous.get("/regies?q=zephyr").await.body.contains(&format!("href=\"/regies/{slug}\"")), "{backend}: in the directory");
        let history = network.get(&format!("/gestion/{slug}/historique")).await.body;
        assert!(history.contains("Version 1") && history.contains("par « Réseau national »"), "{backend}");

        // Not a browser: 409 with the duplicates, 422 with the problems, 201 once confirmed;
        // a Régie's éditrice: 403; nobody signed in: 401.
        let request = |cookie: Option<&str>, body: String| api_post("/api/ecriture/reseau/regies", cookie, body);
        let body = format!("nom=R%C3%A9gie+de+Quartier+Z%C3%A9phyr&code_postal={postcode}");
        let answer = app.clone().oneshot(request(network.cookie.as_deref(), body.clone())).await.unwrap();
        assert_eq!(answer.status(), StatusCode::CONFLICT, "{backend}");
        let text = String::from_utf8(axum::body::to_bytes(answer.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap();
        assert!(text.contains(&format!("\"regie\":\"{slug}\"")) && text.contains("\"metres\":0"), "{backend}: {text}");
        let answer = app.clone().oneshot(request(network.cookie.as_deref(), "nom=Re&code_postal=1".into())).await.unwrap();
        assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let answer = app.clone().oneshot(request(network.cookie.as_deref(), format!("{body}&confirmer=1"))).await.unwrap();
        assert_eq!(answer.status(), StatusCode::CREATED, "{backend}");
        // Anyone else signed in proposes it to the network instead (`regie_proposals`): nothing written.
        let answer = app.clone().oneshot(request(editor.cookie.as_deref(), format!("nom=R%C3%A9gie+Propos%C3%A9e&code_postal={postcode}"))).await.unwrap();
        assert_eq!(answer.status(), StatusCode::ACCEPTED, "{backend}");
        let answer = app.clone().oneshot(request(None, "nom=R%C3%A9gie+Interdite&code_postal=02000".into())).await.unwrap();
        assert_eq!(answer.status(), StatusCode::UNAUTHORIZED, "{backend}");
        assert!(editor.get("/reseau/nouvelle-regie").await.body.contains("Proposer la Régie</button>"), "{backend}");
        assert_eq!(regies(&db).await, before + 3, "{backend}");

        // In English.
        let page = network.get("/en/reseau/nouvelle-regie").await.body;
        assert!(page.contains("Add the Régie</button>") && page.contains("Postcode"), "{backend}");
    }
}

/// Two network officers on two instances (two pools on one database) add the same Régie at the
/// same moment: one entry is written; the other is told of the duplicate (the check saw the
/// first) or, on PostgreSQL when both checks ran before either wrote, gets 409: never a 5xx,
/// never two entries.
#[tokio::test(flavor = "multi_thread")]
async fn two_instances_adding_the_same_regie_write_it_once() {
    use atlas_core::regie::creation::NewRegieForm;
    use atlas_service::regie::create::{create, Created};
    for backend in backends() {
        let (first, second) = common::two_instances(backend).await;
        common::load_regies(&first).await;
        let before = regies(&first).await;
        // The postcode and commune of a Régie of the list (a postcode may have several communes).
        let (code_postal, commune): (String, String) =
            sqlx::query_as("SELECT code_postal, commune_insee FROM regies ORDER BY slug LIMIT 1").fetch_one(&first.pool).await.unwrap();
        // Names far from each other: each round's Régie is no likely duplicate of the round before.
        for (round, name) in ["Artois solidaire", "Bocage vivant", "Cévennes unies", "Durance ensemble", "Estuaire commun", "Faubourg voisin"].iter().enumerate() {
            let form = NewRegieForm { nom: format!("Régie {name}"), code_postal: code_postal.clone(), commune: commune.clone(), ..Default::default() };
            let (one, two) = tokio::join!(create(&first, &Actor::Cli, &form, false), create(&second, &Actor::Cli, &form, false));
            let written = [&one, &two].iter().filter(|o| matches!(o, Ok(Created::Regie(_)))).count();
            assert_eq!(written, 1, "{backend}: round {round}: {one:?} {two:?}");
            for outcome in [&one, &two] {
                match outcome {
                    Ok(Created::Regie(_) | Created::Duplicates(_)) => {}
                    Err(e) => assert_eq!(e.code, atlas_core::error::Code::Conflict, "{backend}: round {round}: {e:?}"),
                    other => panic!("{backend}: round {round}: {other:?}"),
                }
            }
        }
        assert_eq!(regies(&first).await, before + 6, "{backend}");
    }
}
