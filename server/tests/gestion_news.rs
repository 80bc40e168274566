//! `/gestion/<slug>/actualites`, on SQLite and PostgreSQL, through the real router as a browser
//! uses it: an éditrice publishes short news posts, a refusal comes back next to its input with
//! what was typed, the public page shows the newest three (markup shown as text), a post is
//! taken out; another Régie's staff may neither publish nor take out; a second instance on the
//! same database serves the new page once it follows the revisions.

mod common;

use std::time::{Duration, Instant};

use atlas_core::account::Role;
use atlas_service::account::operator;
use atlas_service::db::Database;
use atlas_service::{Actor, Atlas};
use axum::http::StatusCode;
use common::browser::{api_post, Browser};
use common::teams::{two_teams, TwoTeams, PASSWORD};
use common::{backends, fresh};
use tower::ServiceExt;
const NEWS: &str = "/api/ecriture/gestion/actualites";

async fn titles(db: &Database, slug: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT n.title FROM regie_news n JOIN regies r ON r.id = n.regie_id WHERE r.slug = $1 ORDER BY n.id").bind(slug).fetch_all(&db.pool).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_team_publishes_news_the_public_page_shows_the_newest() {
    for backend in backends() {
        let TwoTeams { db, app, a: (a_id, a), b: (_, b), mut editor, mut other, mut anonymous } = two_teams(backend).await;
        assert!(editor.get(&format!("/gestion/{a}")).await.body.contains(&format!("href=\"/gestion/{a}/actualites\">Actualités</a>")), "{backend}");
        let page = editor.get(&format!("/gestion/{a}/actualites")).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("Aucune actualité publiée pour l'instant.") && page.body.contains("action=\"/api/ecriture/gestion/actualites\""), "{backend}");
        // The anonymous public page, stored by the page cache before any post.
        assert!(!anonymous.get(&format!("/regies/{a}")).await.body.contains("id=\"actualites\""), "{backend}: no empty section");

        // Refused: each reason under its input, what was typed kept, nothing written.
        let back = editor.post(NEWS, &[("regie", &a), ("action", "publier"), ("titre", "Ok"), ("texte", "Court <b>")]).await;
        assert!(back.starts_with(&format!("/gestion/{a}/actualites?erreurs=titre_longueur,texte_longueur&")), "{backend}: {back}");
        let page = editor.get(&back).await.body;
        assert!(page.contains("id=\"fiche-titre-erreur\" class=\"field-error\">le titre compte de 3 à 120 caractères"), "{backend}");
        assert!(page.contains("id=\"fiche-texte-erreur\" class=\"field-error\">le texte compte de 10 à 1500 caractères"), "{backend}");
        assert!(page.contains("value=\"Ok\"") && page.contains(">Court &lt;b&gt;</textarea>"), "{backend}: what was typed comes back, as text");
        assert!(titles(&db, &a).await.is_empty(), "{backend}: nothing written");

        // Four posts: the public page shows the newest three, each line a paragraph, markup as text.
        for (n, title) in ["Chantier d'été", "Portes ouvertes", "Offre d'emploi", "Le jardin <script>x</script>"].iter().enumerate() {
            let text = format!("Annonce numéro {n}.\n\nVenez nous voir au local.");
            let done = editor.post(NEWS, &[("regie", &a), ("action", "publier"), ("titre", title), ("texte", &text), ("langue", "fr")]).await;
            assert_eq!(done, format!("/gestion/{a}/actualites?fait=publiee"), "{backend}");
        }
        assert!(editor.get(&format!("/gestion/{a}/actualites?fait=publiee")).await.body.contains("C'est publié"), "{backend}");
        let public = anonymous.get(&format!("/regies/{a}")).await.body;
        assert!(public.contains("<h2 id=\"actualites\">Actualités</h2>"), "{backend}: the page cache served no stale page");
        assert!(public.contains("<h3>Le jardin &lt;script&gt;x&lt;/script&gt;</h3>") && !public.contains("<script>x</script>"), "{backend}");
        assert!(public.contains("<p>Annonce numéro 3.</p><p>Venez nous voir au local.</p>"), "{backend}");
        assert!(public.contains("<h3>Portes ouvertes</h3>") && !public.contains("<h3>Chantier d'été</h3>"), "{backend}: the newest three");
        let (newest, older) = (public.find("Le jardin").unwrap(), public.find("Offre d'emploi").unwrap());
        assert!(newest < older, "{backend}: the newest first");
        assert!(anonymous.get(&format!("/en/regies/{a}")).await.body.contains("<h2 id=\"actualites\">News</h2>"), "{backend}");
        // The éditrice's data export lists what she published.
        let data: serde_json::Value = serde_json::from_str(&editor.get("/compte/mes-donnees.json").await.body).unwrap();
        let mine = data["regie_news"].as_array().unwrap();
        assert_eq!(mine.len(), 4, "{backend}");
        assert_eq!(mine[1]["title"], "Portes ouvertes", "{backend}");

        // Another Régie's administrator: may not publish here (403), nor take out A's post through
        // their own Régie (404: B has no such post); nothing changes.
        let a_post: i64 = sqlx::query_scalar("SELECT MIN(n.id) FROM regie_news n WHERE n.regie_id = $1").bind(a_id).fetch_one(&db.pool).await.unwrap();
        let refused = other.post(NEWS, &[("regie", &a), ("action", "publier"), ("titre", "Pas chez nous"), ("texte", "Un texte assez long.")]).await;
        assert!(refused.starts_with(&format!("/gestion/{a}/actualites?erreur=interdit")), "{backend}: {refused}");
        let through_b = other.post(NEWS, &[("regie", &b), ("action", "retirer"), ("actualite", &a_post.to_string())]).await;
        assert!(through_b.starts_with(&format!("/gestion/{b}/actualites?erreur=introuvable")), "{backend}: {through_b}");
        assert_eq!(titles(&db, &a).await.len(), 4, "{backend}");
        assert_eq!(other.get(&format!("/gestion/{a}/actualites")).await.status, StatusCode::FORBIDDEN, "{backend}");

        // Taken out by the team: off the public page at once.
        let newest: i64 = sqlx::query_scalar("SELECT MAX(n.id) FROM regie_news n WHERE n.regie_id = $1").bind(a_id).fetch_one(&db.pool).await.unwrap();
        let done = editor.post(NEWS, &[("regie", &a), ("action", "retirer"), ("actualite", &newest.to_string())]).await;
        assert_eq!(done, format!("/gestion/{a}/actualites?fait=retiree"), "{backend}");
        let public = anonymous.get(&format!("/regies/{a}")).await.body;
        assert!(!public.contains("Le jardin") && public.contains("<h3>Chantier d'été</h3>"), "{backend}: the next newest takes its place");

        // A JSON client: 201 with the id, 422 with the problems in its language, 204.
        let form = format!("regie={a}&action=publier&titre=Assembl%C3%A9e&texte=Assembl%C3%A9e%20des%20habitants%20jeudi.");
        let response = app.clone().oneshot(api_post(NEWS, editor.cookie.as_deref(), form)).await.unwrap();
        assert_eq!(response.status(), StatusCode::CREATED, "{backend}");
        let mut bad = api_post(NEWS, editor.cookie.as_deref(), format!("regie={a}&action=publier&titre=&texte="));
        bad.headers_mut().insert("accept-language", "en".parse().unwrap());
        let response = app.clone().oneshot(bad).await.unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let body = String::from_utf8(axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap();
        assert!(body.contains("the title has 3 to 120 characters"), "{backend}: {body}");
    }
}

/// Two instances on one database: a post published through the first shows on the second's
/// public page (which had it stored) once it follows the revisions.
#[tokio::test(flavor = "multi_thread")]
async fn a_post_shows_on_every_instance() {
    for backend in backends() {
        let db = fresh(backend).await;
        common::load_regies(&db).await;
        let (a_id, a): (i64, String) = sqlx::query_as("SELECT id, slug FROM regies ORDER BY slug LIMIT 1").fetch_one(&db.pool).await.unwrap();
        operator::add(&db, &Actor::Cli, "editrice@regie-a.example", Some(Role::RegieEditor { regie: a_id }), Some("Awa éditrice"), Some(PASSWORD)).await.unwrap();
        let first = common::browser::app(&db).await;
        // Its own memory, snapshot and page cache, like a second server process.
        let other = Atlas::open(db.clone()).await.unwrap();
        let second = common::browser::router_of(other.clone());
        let mut editor = Browser { app: first, cookie: None };
        let mut reader = Browser { app: second, cookie: None };
        editor.post("/api/ecriture/compte/connexion", &[("email", "editrice@regie-a.example"), ("mot_de_passe", PASSWORD)]).await;
        assert!(!reader.get(&format!("/regies/{a}")).await.body.contains("Fête de quartier"), "{backend}");
        let follower = tokio::spawn(atlas_service::watch::follow(other));
        editor.post(NEWS, &[("regie", &a), ("action", "publier"), ("titre", "Fête de quartier"), ("texte", "Samedi, place du marché.")]).await;
        let started = Instant::now();
        while !reader.get(&format!("/regies/{a}")).await.body.contains("<h3>Fête de quartier</h3>") {
            assert!(started.elapsed() < Duration::from_secs(10), "{backend}: the other instance still serves the old page");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        follower.abort();
    }
}
