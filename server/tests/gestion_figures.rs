//! `/gestion/<slug>/chiffres`, on SQLite and PostgreSQL, through the real router as a browser
//! uses it: an éditrice reports a year of key figures with its source, refused inputs come back
//! next to their input with what was typed, the public page and the territory's sums follow,
//! a year is corrected and another taken out, each save is a version of the entry whose history
//! shows the figures before and after, a restore brings them back, a stale form gets 409, and
//! another Régie's staff may not write.

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

/// (year, employees, in insertion, turnover, source) of every year stored for the Régie.
async fn years(db: &Database, slug: &str) -> Vec<(i64, Option<i64>, Option<i64>, Option<i64>, Option<String>)> {
    sqlx::query_as(
        "SELECT c.annee, c.salaries, c.salaries_insertion, c.chiffre_affaires_euros, c.source FROM chiffres_cles c JOIN regies r ON r.id = c.regie_id
         WHERE r.slug = $1 ORDER BY c.annee",
    )
    .bind(slug)
    .fetch_all(&db.pool)
    .await
    .unwrap()
}

async fn version(db: &Database, slug: &str) -> i64 {
    sqlx::query_scalar("SELECT version FROM regies WHERE slug = $1").bind(slug).fetch_one(&db.pool).await.unwrap()
}

/// The figures' form of `slug` at `version`, for one year.
fn year_form<'a>(slug: &'a str, version: &'a str, annee: &'a str, figures: &[(&'a str, &'a str)], source: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![("regie", slug), ("version", version), ("annee", annee), ("source", source)];
    form.extend_from_slice(figures);
    form
}

#[tokio::test(flavor = "multi_thread")]
async fn a_team_reports_its_yearly_figures_and_each_save_is_a_version() {
    for backend in backends() {
        let db = fresh(backend).await;
        common::load_regies(&db).await;
        // Two Régies of Seine-Saint-Denis: the territory's sums are checked against the first.
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT r.id, r.slug FROM regies r JOIN communes c ON c.insee = r.commune_insee WHERE c.departement_code = '93' ORDER BY r.slug LIMIT 2",
        )
        .fetch_all(&db.pool)
        .await
        .unwrap();
        let [(a_id, a), (b_id, b)] = [rows[0].clone(), rows[1].clone()];
        operator::add(&db, &Actor::Cli, "editrice@regie-a.example", Some(Role::RegieEditor { regie: a_id }), Some("Awa éditrice"), Some(PASSWORD))
            .await
            .unwrap();
        operator::add(&db, &Actor::Cli, "admin@regie-b.example", Some(Role::RegieAdmin { regie: b_id }), Some("Admin B"), Some(PASSWORD)).await.unwrap();
        let app = common::browser::app(&db).await;
        let mut editor = Browser { app: app.clone(), cookie: None };
        let mut other = Browser { app: app.clone(), cookie: None };
        let mut anonymous = Browser { app: app.clone(), cookie: None };
        for (b, email) in [(&mut editor, "editrice@regie-a.example"), (&mut other, "admin@regie-b.example")] {
            assert_eq!(b.post("/api/ecriture/compte/connexion", &[("email", email), ("mot_de_passe", PASSWORD)]).await, "/compte", "{backend}");
        }
        let page = editor.get(&format!("/gestion/{a}/chiffres")).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("Aucun chiffre déclaré pour l'instant.") && page.body.contains("action=\"/api/ecriture/gestion/chiffres\""), "{backend}");
        assert!(editor.get(&format!("/gestion/{a}")).await.body.contains(&format!("href=\"/gestion/{a}/chiffres\">Chiffres clés</a>")), "{backend}");

        // Refused: each reason next to its input, what was typed kept, nothing written.
        let bad = year_form(&a, "0", "2031", &[("salaries", "12,5"), ("benevoles", "9")], "");
        let back = editor.post("/api/ecriture/gestion/chiffres", &bad).await;
        assert!(back.starts_with(&format!("/gestion/{a}/chiffres?erreurs=annee_invalide,chiffre_invalide,source_manquante&")), "{backend}: {back}");
        let page = editor.get(&back).await.body;
        assert!(page.contains("id=\"fiche-annee-erreur\" class=\"field-error\">l'année s'écrit sur 4 chiffres"), "{backend}");
        assert!(page.contains("id=\"fiche-salaries-erreur\" class=\"field-error\">chaque chiffre est un nombre entier"), "{backend}");
        assert!(!page.contains("id=\"fiche-benevoles-erreur\""), "{backend}: only the input that could not be read is marked");
        assert!(page.contains("id=\"fiche-source-erreur\" class=\"field-error\">indiquez d'où viennent ces chiffres"), "{backend}");
        assert!(page.contains("value=\"12,5\"") && page.contains("value=\"2031\"") && page.contains("value=\"9\""), "{backend}: what was typed comes back");
        assert!(years(&db, &a).await.is_empty() && version(&db, &a).await == 0, "{backend}: nothing written");

        // 2024 reported: stored as read, a version of the entry, on the public page and in the territory's sums.
        let report = year_form(&a, "0", "2024", &[("salaries", "1 200"), ("salaries_insertion", "80"), ("chiffre_affaires_euros", "2 500 000 €")], "Rapport annuel 2024");
        let done = editor.post("/api/ecriture/gestion/chiffres", &report).await;
        assert_eq!(done, format!("/gestion/{a}/chiffres?fait=enregistre&numero=1"), "{backend}");
        assert!(editor.get(&done).await.body.contains("Chiffres enregistrés : version 1 de la fiche."), "{backend}");
        assert_eq!(years(&db, &a).await, vec![(2024, Some(1200), Some(80), Some(2_500_000), Some("Rapport annuel 2024".into()))], "{backend}");
        let public = anonymous.get(&format!("/regies/{a}")).await.body;
        assert!(public.contains("<td class=\"num\">1\u{202f}200</td>") && public.contains("Rapport annuel 2024"), "{backend}");
        let territory = anonymous.get("/territoires/departement/93").await.body;
        assert!(territory.contains("<th scope=\"row\">Salariés</th><td class=\"num\">1\u{202f}200</td><td class=\"num\">1</td>"), "{backend}");

        // 2023 added, then 2024 corrected: the same year replaced, the page lists both, the newest first.
        let older = year_form(&a, "1", "2023", &[("salaries", "1 100"), ("benevoles", "35")], "Comptes annuels 2023");
        assert_eq!(editor.post("/api/ecriture/gestion/chiffres", &older).await, format!("/gestion/{a}/chiffres?fait=enregistre&numero=2"), "{backend}");
        let corrected = year_form(&a, "2", "2024", &[("salaries", "1 250"), ("salaries_insertion", "80"), ("chiffre_affaires_euros", "2 500 000")], "Rapport annuel 2024");
        assert_eq!(editor.post("/api/ecriture/gestion/chiffres", &corrected).await, format!("/gestion/{a}/chiffres?fait=enregistre&numero=3"), "{backend}");
        assert_eq!(years(&db, &a).await.iter().map(|y| (y.0, y.1)).collect::<Vec<_>>(), vec![(2023, Some(1100)), (2024, Some(1250))], "{backend}");
        let page = editor.get(&format!("/gestion/{a}/chiffres?annee=2023")).await.body;
        let (first, second) = (page.find("<h3>2024</h3>").unwrap(), page.find("<h3>2023</h3>").unwrap());
        assert!(first < second, "{backend}: the newest year first");
        assert!(page.contains("value=\"1100\"") && page.contains("value=\"Comptes annuels 2023\""), "{backend}: « Corriger 2023 » fills the form");

        // The history shows the figures before and after, in words.
        let history = editor.get(&format!("/gestion/{a}/historique")).await.body;
        assert!(history.contains("<th scope=\"row\">Chiffres clés</th>"), "{backend}");
        assert!(history.contains("<del>2023 : Salariés 1\u{202f}100, Bénévoles 35 (source : Comptes annuels 2023) ; 2024 : Salariés 1\u{202f}200"), "{backend}");
        assert!(history.contains("2024 : Salariés 1\u{202f}250"), "{backend}");

        // A form opened before the correction gets 409, naming the version saved since; nothing is overwritten.
        let stale = year_form(&a, "2", "2024", &[("salaries", "1")], "Ancien formulaire");
        let back = editor.post("/api/ecriture/gestion/chiffres", &stale).await;
        assert!(back.starts_with(&format!("/gestion/{a}/chiffres?erreur=conflit&depuis=2&version=3&saisie=1")), "{backend}: {back}");
        let page = editor.get(&back).await.body;
        assert!(page.contains("Quelqu'un a modifié la fiche pendant que vous la modifiiez") && page.contains("value=\"Ancien formulaire\""), "{backend}");
        assert_eq!(years(&db, &a).await[1].1, Some(1250), "{backend}");

        // 2023 taken out, then version 1 restored: 2024 as first reported, 2023 gone.
        let removed = editor.post("/api/ecriture/gestion/chiffres", &[("regie", &a), ("version", "3"), ("retirer", "2023")]).await;
        assert_eq!(removed, format!("/gestion/{a}/chiffres?fait=enregistre&numero=4"), "{backend}");
        assert_eq!(years(&db, &a).await.len(), 1, "{backend}");
        let restored = editor.post("/api/ecriture/gestion/restaurer", &[("regie", &a), ("numero", "1"), ("version", "4")]).await;
        assert_eq!(restored, format!("/gestion/{a}/historique?fait=enregistre&numero=5"), "{backend}");
        assert_eq!(years(&db, &a).await, vec![(2024, Some(1200), Some(80), Some(2_500_000), Some("Rapport annuel 2024".into()))], "{backend}");

        // Not a browser: 422 with the problems; another Régie's staff: 403; nobody signed in: 401.
        let request = |cookie: Option<&str>, body: String| api_post("/api/ecriture/gestion/chiffres", cookie, body);
        let answer = app.clone().oneshot(request(editor.cookie.as_deref(), format!("regie={a}&version=5&annee=2022&source=bilan"))).await.unwrap();
        assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let body = String::from_utf8(axum::body::to_bytes(answer.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap();
        assert!(body.contains("chiffres_vides"), "{backend}: {body}");
        let answer = app.clone().oneshot(request(editor.cookie.as_deref(), format!("regie={a}&version=5&annee=2022&salaries=7&source=bilan"))).await.unwrap();
        assert_eq!(answer.status(), StatusCode::OK, "{backend}");
        let answer = app.clone().oneshot(request(other.cookie.as_deref(), format!("regie={a}&version=6&annee=2021&salaries=1&source=x"))).await.unwrap();
        assert_eq!(answer.status(), StatusCode::FORBIDDEN, "{backend}");
        let answer = app.clone().oneshot(request(None, format!("regie={a}&version=6&annee=2021&salaries=1&source=x"))).await.unwrap();
        assert_eq!(answer.status(), StatusCode::UNAUTHORIZED, "{backend}");
        assert_eq!(other.get(&format!("/gestion/{a}/chiffres")).await.status, StatusCode::FORBIDDEN, "{backend}");
        assert_eq!(years(&db, &a).await.len(), 2, "{backend}");
        assert!(years(&db, &b).await.is_empty(), "{backend}");

        // In English.
        let page = editor.get(&format!("/en/gestion/{a}/chiffres")).await.body;
        assert!(page.contains("Save these figures") && page.contains("Years reported") && page.contains("Employees in insertion jobs"), "{backend}");
    }
}
