//! « Votre Régie n'est pas dans l'Atlas ? », on SQLite and PostgreSQL, through the real router as
//! a browser uses it: a signed-in person proposes the Régie she works for with the network's form
//! and a message; refusals come back next to their inputs with what was typed; nothing public is
//! written while it waits, and one proposal waits at a time; the network sees it with its likely
//! duplicates, accepts it (the Régie is written « à vérifier », she administers it, she is mailed)
//! or refuses it (nothing written, she is mailed); each is decided once.

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
const FORM: &str = "/api/ecriture/reseau/regies";
const DECIDE: &str = "/api/ecriture/reseau/propositions";

async fn regies(db: &Database) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM regies").fetch_one(&db.pool).await.unwrap()
}

async fn waiting(db: &Database) -> Vec<i64> {
    sqlx::query_scalar("SELECT id FROM regie_proposals WHERE decision IS NULL ORDER BY id").fetch_all(&db.pool).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_proposes_her_regie_and_the_network_accepts_or_refuses() {
    for backend in backends() {
        let db = fresh(backend).await;
        common::load_regies(&db).await;
        let (e_slug, e_name, e_siret, e_postcode, e_insee, e_lat, e_lon): (String, String, String, String, String, f64, f64) =
            sqlx::query_as("SELECT slug, nom, siret, code_postal, commune_insee, lat, lon FROM regies WHERE siret IS NOT NULL ORDER BY slug LIMIT 1")
                .fetch_one(&db.pool)
                .await
                .unwrap();
        // A commune alone in its postcode, with no Régie yet.
        let postcode: String = sqlx::query_scalar(
            "SELECT cp.code FROM communes c JOIN codes_postaux cp ON cp.commune_insee = c.insee
             WHERE (SELECT COUNT(*) FROM codes_postaux o WHERE o.code = cp.code) = 1 AND NOT EXISTS (SELECT 1 FROM regies r WHERE r.commune_insee = c.insee)
             ORDER BY c.insee LIMIT 1",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        operator::add(&db, &Actor::Cli, "reseau@exemple.fr", Some(Role::NetworkAdmin), Some("Réseau national"), Some(PASSWORD)).await.unwrap();
        operator::add(&db, &Actor::Cli, "salima@regie.example", None, Some("Salima"), Some(PASSWORD)).await.unwrap();
        operator::add(&db, &Actor::Cli, "yves@exemple.fr", None, Some("Yves"), Some(PASSWORD)).await.unwrap();
        let app = common::browser::app(&db).await;
        let [mut network, mut salima, mut yves] = [0, 1, 2].map(|_| Browser { app: app.clone(), cookie: None });
        for (b, email) in [(&mut network, "reseau@exemple.fr"), (&mut salima, "salima@regie.example"), (&mut yves, "yves@exemple.fr")] {
            assert_eq!(b.post("/api/ecriture/compte/connexion", &[("email", email), ("mot_de_passe", PASSWORD)]).await, "/compte", "{backend}");
        }
        let before = regies(&db).await;

        // The way in, from her account; the form with its message.
        assert!(salima.get("/compte").await.body.contains("href=\"/compte/nouvelle-regie\""), "{backend}");
        let page = salima.get("/compte/nouvelle-regie").await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("Proposer la Régie</button>") && page.body.contains("name=\"message\""), "{backend}");
        assert!(page.body.contains("<h1>Proposer une Régie</h1>"), "{backend}");

        // Refused: each reason next to its input, what was typed kept (the message as text).
        let typed = [("nom", "R"), ("code_postal", "2000"), ("message", "Je coordonne <b>les chantiers</b>")];
        let back = salima.post(FORM, &typed).await;
        assert!(back.starts_with("/compte/nouvelle-regie?erreurs=nom_longueur,code_postal_inconnu&saisie=1"), "{backend}: {back}");
        let page = salima.get(&back).await.body;
        assert!(page.contains("id=\"fiche-nom-erreur\" class=\"field-error\">le nom compte de 3 à 150 caractères"), "{backend}");
        assert!(page.contains("La proposition n'a pas été envoyée"), "{backend}");
        assert!(page.contains("Je coordonne &lt;b&gt;les chantiers&lt;/b&gt;</textarea>"), "{backend}");

        // The same SIRET as an entry of the Atlas: refused, that entry named.
        let back = salima.post(FORM, &[("nom", "Régie Essai Zéphyr"), ("siret", &e_siret), ("code_postal", &e_postcode), ("commune", &e_insee)]).await;
        assert!(back.starts_with("/compte/nouvelle-regie?erreurs=siret_pris&"), "{backend}: {back}");
        assert!(salima.get(&back).await.body.contains(&format!("href=\"/regies/{e_slug}\">")), "{backend}");

        // Sent: she is thanked; nothing public is written.
        let proposed = [("nom", "Régie de Quartier Zéphyr"), ("siret", "732 145 678 00015"), ("code_postal", postcode.as_str()), ("message", "Je suis la coordinatrice.")];
        assert_eq!(salima.post(FORM, &proposed).await, "/compte/nouvelle-regie?fait=proposee#nouvelle", "{backend}");
        assert!(salima.get("/compte/nouvelle-regie?fait=proposee").await.body.contains("Merci : votre proposition est transmise au réseau."), "{backend}");
        assert_eq!(regies(&db).await, before, "{backend}: nothing public yet");
        // Her account says it waits, in place of the way in.
        let account = salima.get("/compte").await.body;
        assert!(account.contains("Votre proposition « Régie de Quartier Zéphyr » attend la réponse du réseau"), "{backend}");
        assert!(!account.contains("href=\"/compte/nouvelle-regie\""), "{backend}");
        // One proposal waits at a time.
        let again = salima.post(FORM, &proposed).await;
        assert!(again.contains("erreur=conflit"), "{backend}: {again}");
        assert!(salima.get(&again).await.body.contains("Votre proposition précédente attend encore le réseau"), "{backend}");

        // Yves proposes a similar name a few hundred metres from an entry: he confirms, the
        // network sees the entry it may be.
        let (lat, lon) = ((e_lat + 0.002).to_string(), e_lon.to_string());
        let alike = e_name.to_uppercase();
        let form = [("nom", alike.as_str()), ("code_postal", &e_postcode), ("commune", &e_insee), ("lat", &lat), ("lon", &lon), ("confirmer", "1")];
        assert_eq!(yves.post(FORM, &form).await, "/compte/nouvelle-regie?fait=proposee#nouvelle", "{backend}");
        let queue = network.get("/reseau").await.body;
        assert!(queue.contains("Régies proposées par leurs équipes") && queue.contains("Régie de Quartier Zéphyr"), "{backend}");
        let commune: String = sqlx::query_scalar("SELECT c.nom FROM communes c JOIN codes_postaux cp ON cp.commune_insee = c.insee WHERE cp.code = $1")
            .bind(&postcode)
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert!(queue.contains(&format!("732 145 678 00015 · {postcode} {}", commune.replace('&', "&amp;"))), "{backend}: the entry as typed, its commune named");
        assert!(queue.contains("Proposée par Salima &lt;salima@regie.example&gt;") && queue.contains("Je suis la coordinatrice."), "{backend}");
        assert!(queue.contains("Peut-être déjà dans l'Atlas") && queue.contains(&format!("href=\"/regies/{e_slug}\"")), "{backend}");
        assert!(queue.contains(&format!("action=\"{DECIDE}\"")), "{backend}");
        assert_eq!(salima.get("/reseau").await.status, StatusCode::FORBIDDEN, "{backend}");
        let ids = waiting(&db).await;
        let (hers, his) = (ids[0].to_string(), ids[1].to_string());

        // Only the network decides; then her Régie is written, hers to keep, and she is mailed.
        assert!(salima.post(DECIDE, &[("proposition", &hers), ("decision", "accepter")]).await.contains("erreur=interdit"), "{backend}");
        let done = network.post(DECIDE, &[("proposition", &hers), ("decision", "accepter")]).await;
        let slug = done
            .strip_prefix("/reseau?fait=proposition-acceptee&regie=")
            .and_then(|s| s.strip_suffix("#propositions"))
            .unwrap_or_else(|| panic!("{backend}: {done}"))
            .to_owned();
        assert!(network.get(&done).await.body.contains("Proposition acceptée"), "{backend}");
        assert!(network.post(DECIDE, &[("proposition", &hers), ("decision", "refuser")]).await.contains("erreur=introuvable"), "{backend}: decided once");
        assert_eq!(regies(&db).await, before + 1, "{backend}");
        let (verification, source): (String, String) =
            sqlx::query_as("SELECT verification, source FROM regies WHERE slug = $1").bind(&slug).fetch_one(&db.pool).await.unwrap();
        assert_eq!(verification, "a_verifier", "{backend}");
        assert!(source.starts_with("Fiche proposée par son équipe, ajoutée par le réseau le "), "{backend}: {source}");
        let roles: Vec<(String, String)> = sqlx::query_as("SELECT a.email, r.role FROM account_roles r JOIN accounts a ON a.id = r.account_id WHERE r.role LIKE 'regie-%'")
            .fetch_all(&db.pool)
            .await
            .unwrap();
        assert_eq!(roles, vec![("salima@regie.example".to_owned(), "regie-admin".to_owned())], "{backend}");
        let hers_now = salima.get(&format!("/gestion/{slug}")).await;
        assert_eq!(hers_now.status, StatusCode::OK, "{backend}");
        assert!(hers_now.body.contains("action=\"/api/ecriture/gestion/profil\""), "{backend}: her form");
        assert!(yves.get(&format!("/regies/{slug}")).await.body.contains("Régie de Quartier Zéphyr"), "{backend}: public at once");

        let account = salima.get("/compte").await.body;
        assert!(!account.contains("Votre proposition « Régie de Quartier Zéphyr »") && account.contains(&format!("href=\"/gestion/{slug}\"")), "{backend}: hers to keep");
        // Yves's is refused: nothing written, he is mailed.
        assert_eq!(network.post(DECIDE, &[("proposition", &his), ("decision", "refuser")]).await, "/reseau?fait=proposition-refusee#propositions", "{backend}");
        assert_eq!(regies(&db).await, before + 1, "{backend}");
        assert!(waiting(&db).await.is_empty(), "{backend}");
        let mails = atlas_service::mail::latest(&db, 10).await.unwrap();
        let to_salima = mails.iter().find(|m| m.recipient == "salima@regie.example").expect("a mail to Salima");
        assert!(to_salima.subject.starts_with("Proposition acceptée : Régie de Quartier Zéphyr"), "{backend}: {}", to_salima.subject);
        assert!(to_salima.body_text.contains(&format!("/gestion/{slug}")) && to_salima.body_text.contains("administrateur ou administratrice"), "{backend}");
        let to_yves = mails.iter().find(|m| m.recipient == "yves@exemple.fr").expect("a mail to Yves");
        assert!(to_yves.subject.starts_with("Proposition non retenue"), "{backend}: {}", to_yves.subject);

        // Her data export lists her proposal.
        let export = salima.get("/compte/mes-donnees.json").await.body;
        assert!(export.contains("\"regie_proposals\"") && export.contains("Je suis la coordinatrice."), "{backend}");

        // Not a browser: 202 with its number, 200 with the slug once accepted, 204 refused, 404
        // decided already; nobody signed in: 401.
        let request = |cookie: Option<&str>, path: &str, body: String| api_post(path, cookie, body);
        let answer = app.clone().oneshot(request(yves.cookie.as_deref(), FORM, "nom=R%C3%A9gie+des+Tilleuls&code_postal=".to_owned() + &postcode)).await.unwrap();
        assert_eq!(answer.status(), StatusCode::ACCEPTED, "{backend}");
        let text = String::from_utf8(axum::body::to_bytes(answer.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap();
        let id = waiting(&db).await[0];
        assert_eq!(text, format!("{{\"proposition\":{id}}}"), "{backend}");
        let answer = app.clone().oneshot(request(network.cookie.as_deref(), DECIDE, format!("proposition={id}&decision=refuser"))).await.unwrap();
        assert_eq!(answer.status(), StatusCode::NO_CONTENT, "{backend}");
        let answer = app.clone().oneshot(request(network.cookie.as_deref(), DECIDE, format!("proposition={id}&decision=accepter"))).await.unwrap();
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{backend}");
        let answer = app.clone().oneshot(request(None, FORM, "nom=R%C3%A9gie+Anonyme&code_postal=02000".into())).await.unwrap();
        assert_eq!(answer.status(), StatusCode::UNAUTHORIZED, "{backend}");
        assert_eq!(regies(&db).await, before + 1, "{backend}");

        // In English.
        let page = salima.get("/en/compte/nouvelle-regie").await.body;
        assert!(page.contains("Propose the Régie</button>") && page.contains("Your message to the network"), "{backend}");
    }
}
