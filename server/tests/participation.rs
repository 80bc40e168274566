//! The participatory space at the use-case layer, on SQLite and PostgreSQL, with the national
//! reference data: A posts a signalement at a point of a covered QPV (the staff are mailed), B is
//! shown it as similar and supports it instead, comments and replies, the Régie's staff answer
//! with a status (another Régie's staff cannot), the answer clock counts it, a supporter reopens
//! a « réalisé » item, moderation hides with a reason, and a flood of posts gets its 429.

mod common;

use atlas_core::account::Role;
use atlas_core::participation::view::{Filter, Sort};
use atlas_core::participation::{Outcome, Problem, Status};
use atlas_service::account::{self, operator};
use atlas_service::import::{self, ImportOptions, Request};
use atlas_service::participation::{self as participation, PostForm};
use atlas_service::{mail, Actor, Atlas, Code};
use common::{backends, count, fresh, reference_dir};

const PASSWORD: &str = "une phrase de passe solide";

async fn person(db: &atlas_service::db::Database, email: &str, pseudonym: &str, role: Option<Role>) -> Actor {
    operator::add(db, &Actor::Cli, email, role, Some(pseudonym), Some(PASSWORD)).await.unwrap();
    let s = account::sign_in(db, &Actor::Anonymous, email, PASSWORD, None).await.unwrap();
    account::session(db, &s.token).await.unwrap().unwrap().actor()
}

/// A QPV covered by some Régie whose centre lies inside its outline: (code, lat, lon, Régie id,
/// Régie slug), and a Régie that does not cover it.
async fn covered_qpv(atlas: &Atlas) -> ((String, f64, f64, i64, String), (i64, String)) {
    let rows: Vec<(String, f64, f64, i64, String)> = sqlx::query_as(
        "SELECT q.code, q.lat, q.lon, r.id, r.slug FROM qpv q JOIN couvertures c ON c.qpv_code = q.code JOIN regies r ON r.id = c.regie_id
         WHERE q.lat IS NOT NULL AND q.code NOT IN (SELECT qpv_code FROM couvertures GROUP BY qpv_code HAVING COUNT(*) > 1) ORDER BY q.code",
    )
    .fetch_all(&atlas.db.pool)
    .await
    .unwrap();
    let places = atlas.places();
    let here = rows.into_iter().find(|(code, lat, lon, ..)| places.locate.qpv_at(*lat, *lon).is_some_and(|q| &q.code == code)).expect("a covered QPV");
    let other: (i64, String) = sqlx::query_as("SELECT id, slug FROM regies WHERE id NOT IN (SELECT regie_id FROM couvertures WHERE qpv_code = $1) ORDER BY id LIMIT 1")
        .bind(&here.0)
        .fetch_one(&atlas.db.pool)
        .await
        .unwrap();
    (here, other)
}

fn form(kind: &str, category: &str, point: Option<(f64, f64)>, title: &str, body: &str) -> PostForm {
    PostForm { kind: kind.into(), category: category.into(), qpv: String::new(), point, title: title.into(), body: body.into(), photos: Vec::new() }
}

#[tokio::test(flavor = "multi_thread")]
async fn habitants_post_support_comment_and_the_regie_answers() {
    for backend in backends() {
        let db = fresh(backend).await;
        import::run(&db, &Actor::Cli, Request::Reference(reference_dir()), ImportOptions::default()).await.unwrap();
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let ((qpv, lat, lon, regie, regie_slug), (other_regie, other_slug)) = covered_qpv(&atlas).await;
        let a = person(&db, "a@exemple.fr", "Amina", None).await;
        let b = person(&db, "b@exemple.fr", "Bruno", None).await;
        let staff = person(&db, "equipe@regie.example", "Équipe Régie", Some(Role::RegieEditor { regie })).await;
        let stranger = person(&db, "autre@regie.example", "Autre Régie", Some(Role::RegieAdmin { regie: other_regie })).await;
        let network = person(&db, "reseau@exemple.fr", "Réseau", Some(Role::NetworkAdmin)).await;

        // Anonymous reads but does not write; bad input says every problem and stores nothing.
        let good = form("signalement", "eclairage", Some((lat, lon)), "Lampadaire éteint devant l'école", "Depuis lundi soir, le trottoir est noir.");
        assert_eq!(participation::post(&atlas, &Actor::Anonymous, &good).await.unwrap_err().code, Code::NotSignedIn, "{backend}");
        let bad = form("signalement", "jardin", Some((0.0, -30.0)), "abc", "");
        assert_eq!(
            participation::post(&atlas, &a, &bad).await.unwrap(),
            Outcome::Refused(vec![Problem::CategoryUnknown, Problem::PlaceOutside, Problem::TitleLength, Problem::BodyLength]),
            "{backend}"
        );
        assert_eq!(count(&db, "participation_items").await, 0, "{backend}");

        // A posts at the point: the QPV is found by point-in-polygon, the Régie's staff are mailed.
        let Outcome::Done(first) = participation::post(&atlas, &a, &good).await.unwrap() else { panic!("posted") };
        let item = participation::item(&db, &Actor::Anonymous, first).await.unwrap().unwrap();
        assert_eq!((item.summary.qpv_code.as_str(), item.summary.status, item.author.as_deref()), (qpv.as_str(), Status::Nouveau, Some("Amina")), "{backend}");
        assert!(item.regies.iter().any(|r| r.id == regie), "{backend}");
        let mails = mail::latest(&db, 10).await.unwrap();
        assert!(mails.iter().any(|m| m.recipient == "equipe@regie.example" && m.subject.contains("Lampadaire éteint")), "{backend}: {mails:?}");
        assert!(!mails.iter().any(|m| m.recipient == "autre@regie.example"), "{backend}: only the covering Régie hears of it");

        // B starts the same report 40 m away: A's item is shown, by distance and by title.
        let near = (lat + 0.00036, lon);
        let same = participation::similar(&db, &b, &qpv, "eclairage", Some(near), "").await.unwrap();
        assert_eq!(same.iter().map(|s| s.id).collect::<Vec<_>>(), vec![first], "{backend}");
        let titled = participation::similar(&db, &b, &qpv, "autre", None, "lampadaire eteint ecole").await.unwrap();
        assert_eq!(titled.len(), 1, "{backend}");
        assert!(participation::similar(&db, &b, &qpv, "proprete", Some(near), "Poubelles débordantes").await.unwrap().is_empty(), "{backend}");

        // « Moi aussi »: once per person, withdrawn, given again; it follows the item.
        assert_eq!(participation::support(&db, &b, first, true).await.unwrap(), 1, "{backend}");
        assert_eq!(participation::support(&db, &b, first, true).await.unwrap(), 1, "{backend}: twice is once");
        assert_eq!(participation::support(&db, &b, first, false).await.unwrap(), 0, "{backend}");
        assert_eq!(participation::support(&db, &b, first, true).await.unwrap(), 1, "{backend}");
        assert_eq!(participation::support(&db, &Actor::Anonymous, first, true).await.unwrap_err().status(), 401, "{backend}");
        assert_eq!(count(&db, "participation_follows").await, 2, "{backend}: the author and B follow");
        assert!(participation::item(&db, &b, first).await.unwrap().unwrap().viewer.supports, "{backend}");

        // Comments, one level of replies; the staff are marked as their Régie.
        assert_eq!(participation::comment(&db, &b, first, None, "x").await.unwrap(), Outcome::Refused(vec![Problem::CommentLength]), "{backend}");
        let Outcome::Done(c1) = participation::comment(&db, &b, first, None, "Pareil rue voisine.").await.unwrap() else { panic!() };
        let Outcome::Done(c2) = participation::comment(&db, &staff, first, Some(c1), "Merci, nous regardons.").await.unwrap() else { panic!() };
        assert_eq!(participation::comment(&db, &a, first, Some(c2), "Une réponse à la réponse").await.unwrap_err().code, Code::InvalidParameter, "{backend}");
        assert_eq!(participation::edit_comment(&db, &a, c1, "Pas le mien").await.unwrap_err().status(), 403, "{backend}: nobody edits another's");
        assert_eq!(participation::edit_comment(&db, &b, c1, "Pareil rue voisine, depuis mardi.").await.unwrap(), Outcome::Done(first), "{backend}");
        let seen = participation::item(&db, &b, first).await.unwrap().unwrap();
        assert_eq!(seen.comments.iter().map(|c| c.id).collect::<Vec<_>>(), vec![c1, c2], "{backend}");
        assert!(seen.comments[0].edited && seen.comments[0].mine && seen.comments[0].editable, "{backend}");
        assert_eq!((seen.comments[1].regie.is_some(), seen.comments[0].regie.is_some()), (true, false), "{backend}");
        assert_eq!(seen.summary.comments, 2, "{backend}");

        // Only the covering Régie's staff set a status; « non retenu » needs a reason.
        assert_eq!(participation::set_status(&db, &stranger, first, &other_slug, "en-cours", "", "").await.unwrap_err().status(), 403, "{backend}");
        assert_eq!(participation::set_status(&db, &stranger, first, &regie_slug, "en-cours", "", "").await.unwrap_err().status(), 403, "{backend}");
        assert_eq!(participation::set_status(&db, &b, first, &regie_slug, "en-cours", "", "").await.unwrap_err().status(), 403, "{backend}");
        assert_eq!(participation::set_status(&db, &network, first, &regie_slug, "en-cours", "", "").await.unwrap_err().status(), 403, "{backend}");
        assert_eq!(participation::set_status(&db, &staff, first, &regie_slug, "non-retenu", "", "").await.unwrap(), Outcome::Refused(vec![Problem::ReasonNeeded]), "{backend}");
        let clock = participation::answer_clock(&db, &Actor::Anonymous, &regie_slug).await.unwrap();
        assert_eq!((clock.items, clock.judged, clock.answered_in_time), (1, 0, 0), "{backend}: not yet answered, not yet late");
        assert_eq!(participation::set_status(&db, &staff, first, &regie_slug, "recu", "", "").await.unwrap(), Outcome::Done(()), "{backend}");
        assert_eq!(participation::answer_clock(&db, &Actor::Anonymous, &regie_slug).await.unwrap().judged, 0, "{backend}: « reçu » alone is no answer");
        assert_eq!(participation::set_status(&db, &staff, first, &regie_slug, "en-cours", "L'équipe passe jeudi.", "").await.unwrap(), Outcome::Done(()), "{backend}");
        let clock = participation::answer_clock(&db, &Actor::Anonymous, &regie_slug).await.unwrap();
        assert_eq!((clock.items, clock.judged, clock.answered_in_time, clock.share_percent()), (1, 1, 1, Some(100)), "{backend}");
        let history = participation::item(&db, &Actor::Anonymous, first).await.unwrap().unwrap().history;
        assert_eq!(history.iter().map(|h| h.status).collect::<Vec<_>>(), vec![Status::Recu, Status::EnCours], "{backend}");
        assert_eq!(history[1].message, "L'équipe passe jeudi.", "{backend}");

        // « Toujours d'actualité ? »: a supporter reopens a « réalisé » item; others may not.
        participation::set_status(&db, &staff, first, &regie_slug, "realise", "Lampadaire réparé.", "").await.unwrap();
        assert!(participation::item(&db, &b, first).await.unwrap().unwrap().viewer.may_reopen, "{backend}");
        assert_eq!(participation::reopen(&db, &a, first, "Il s'éteint encore.").await.unwrap_err().status(), 403, "{backend}: A did not support it");
        assert_eq!(participation::reopen(&db, &b, first, "Il s'éteint encore le soir.").await.unwrap(), Outcome::Done(()), "{backend}");
        let reopened = participation::item(&db, &Actor::Anonymous, first).await.unwrap().unwrap();
        assert_eq!((reopened.summary.status, reopened.history.last().unwrap().regie.clone()), (Status::Rouvert, None), "{backend}");
        assert_eq!(participation::reopen(&db, &b, first, "Encore une fois.").await.unwrap_err().code, Code::Conflict, "{backend}");

        // Moderation: the Régie's staff or the network hide, with a reason shown in its place.
        assert_eq!(participation::hide_comment(&db, &b, c2, "Hors sujet.").await.unwrap_err().status(), 403, "{backend}");
        assert_eq!(participation::hide_comment(&db, &staff, c1, "").await.unwrap(), Outcome::Refused(vec![Problem::HideReasonNeeded]), "{backend}");
        assert_eq!(participation::hide_comment(&db, &staff, c1, "Propos injurieux.").await.unwrap(), Outcome::Done(first), "{backend}");
        let hidden = participation::item(&db, &Actor::Anonymous, first).await.unwrap().unwrap();
        assert_eq!((hidden.comments[0].body.clone(), hidden.comments[0].hidden.clone()), (None, Some(atlas_core::moderation::Hidden::ByModerator("Propos injurieux.".into()))), "{backend}");

        // Lists: by QPV, by Régie, unanswered; a hidden item leaves them.
        let Outcome::Done(second) = participation::post(&atlas, &b, &PostForm { qpv: qpv.clone(), ..form("proposition", "jardin", None, "Un jardin partagé", "Sur la pelouse derrière le centre social.") }).await.unwrap() else { panic!() };
        let by_qpv = participation::list(&db, &Actor::Anonymous, &Filter { qpv: Some(qpv.clone()), ..Filter::default() }).await.unwrap().items;
        assert_eq!(by_qpv.iter().map(|i| i.id).collect::<Vec<_>>(), vec![second, first], "{backend}: recent first");
        let by_regie = participation::list(&db, &Actor::Anonymous, &Filter { regie: Some(regie_slug.clone()), sort: Sort::MostSupported, ..Filter::default() }).await.unwrap().items;
        assert_eq!(by_regie.iter().map(|i| i.id).collect::<Vec<_>>(), vec![first, second], "{backend}: most supported first");
        let waiting = participation::list(&db, &Actor::Anonymous, &Filter { sort: Sort::Unanswered, ..Filter::default() }).await.unwrap().items;
        assert_eq!(waiting.iter().map(|i| i.id).collect::<Vec<_>>(), vec![second], "{backend}");
        assert!(participation::list(&db, &Actor::Anonymous, &Filter { regie: Some(other_slug.clone()), ..Filter::default() }).await.unwrap().items.is_empty(), "{backend}");
        assert_eq!(participation::hide_item(&db, &network, second, "Doublon d'une autre proposition.").await.unwrap(), Outcome::Done(()), "{backend}");
        let after = participation::list(&db, &Actor::Anonymous, &Filter { qpv: Some(qpv.clone()), ..Filter::default() }).await.unwrap();
        assert_eq!((after.total, after.pages, after.by_status.clone()), (1, 1, vec![(Status::Rouvert, 1)]), "{backend}: the hidden item is not counted");
        let after = after.items;
        assert_eq!(after.iter().map(|i| i.id).collect::<Vec<_>>(), vec![first], "{backend}");
        let gone = participation::item(&db, &Actor::Anonymous, second).await.unwrap().unwrap();
        assert_eq!((gone.body, gone.hidden), (None, Some(atlas_core::moderation::Hidden::ByModerator("Doublon d'une autre proposition.".into()))), "{backend}");
        assert_eq!(participation::support(&db, &a, second, true).await.unwrap_err().code, Code::NotFound, "{backend}");

        // A flood of posts from one account: the sixth within the hour gets its 429, nothing stored.
        for n in 0..3 {
            let f = PostForm { qpv: qpv.clone(), ..form("proposition", "autre", None, &format!("Idée numéro {n}"), "Une idée pour le quartier.") };
            assert!(matches!(participation::post(&atlas, &a, &f).await.unwrap(), Outcome::Done(_)), "{backend}");
        }
        let before = count(&db, "participation_items").await;
        let f = PostForm { qpv: qpv.clone(), ..form("proposition", "autre", None, "Une idée de trop", "Une idée pour le quartier.") };
        participation::post(&atlas, &a, &f).await.unwrap();
        let flood = participation::post(&atlas, &a, &f).await.unwrap_err();
        assert_eq!((flood.code, flood.status()), (Code::TooManyRequests, 429), "{backend}");
        assert_eq!(count(&db, "participation_items").await, before + 1, "{backend}");

        // A draft kept on the server: only its author reads it; over the maximums it is refused;
        // posting deletes it.
        use atlas_service::participation::drafts::{self, DraftForm};
        let draft = DraftForm { kind: "signalement".into(), category: "proprete".into(), qpv: qpv.clone(), title: "Dépôt sauvage".into(), body: "Des sacs depuis".into(), ..DraftForm::default() };
        assert_eq!(drafts::save(&db, &Actor::Anonymous, &draft).await.unwrap_err().code, Code::NotSignedIn, "{backend}");
        assert_eq!(drafts::save(&db, &b, &draft).await.unwrap(), Outcome::Done(()), "{backend}");
        let kept = drafts::mine(&db, &b).await.unwrap().unwrap();
        assert_eq!((kept.qpv.as_deref(), kept.title.as_str(), kept.body.as_str()), (Some(qpv.as_str()), "Dépôt sauvage", "Des sacs depuis"), "{backend}");
        assert_eq!(drafts::mine(&db, &a).await.unwrap(), None, "{backend}: nobody else's");
        let long = DraftForm { title: "x".repeat(121), ..draft.clone() };
        assert_eq!(drafts::save(&db, &b, &long).await.unwrap(), Outcome::Refused(vec![Problem::TitleLength]), "{backend}");
        assert_eq!(drafts::mine(&db, &b).await.unwrap().unwrap().title, "Dépôt sauvage", "{backend}: the refused save changed nothing");
        let posted = PostForm { qpv: qpv.clone(), ..form("signalement", "proprete", None, "Dépôt sauvage rue Blanqui", "Des sacs depuis trois jours.") };
        assert!(matches!(participation::post(&atlas, &b, &posted).await.unwrap(), Outcome::Done(_)), "{backend}");
        assert_eq!(drafts::mine(&db, &b).await.unwrap(), None, "{backend}: posted, the draft is gone");
        // A point after none, through the same statements (PostgreSQL once refused the number).
        assert_eq!(drafts::save(&db, &b, &DraftForm { point: Some((lat, lon)), ..draft.clone() }).await.unwrap(), Outcome::Done(()), "{backend}");
        assert_eq!(drafts::mine(&db, &b).await.unwrap().unwrap().point, Some((lat, lon)), "{backend}");
        let placed = PostForm { point: Some((lat, lon)), ..posted.clone() };
        let Outcome::Done(at_point) = participation::post(&atlas, &b, &placed).await.unwrap() else { panic!("posted at a point") };
        assert_eq!(participation::item(&db, &Actor::Anonymous, at_point).await.unwrap().unwrap().point, Some((lat, lon)), "{backend}");
        assert_eq!(count(&db, "participation_drafts").await, 0, "{backend}");

        // Lists come in pages of 50, with the whole list's numbers.
        for n in 0..55 {
            sqlx::query("INSERT INTO participation_items (qpv_code, kind, category, title, title_key, body, status_at, created_at) VALUES ('QNPAGES', 'proposition', 'autre', $1, $1, 'Une idée.', 0, $2)")
                .bind(format!("Idée {n}"))
                .bind(1_000 + n)
                .execute(&db.pool)
                .await
                .unwrap();
        }
        let paged = |page| Filter { qpv: Some("QNPAGES".into()), page, ..Filter::default() };
        let one = participation::list(&db, &Actor::Anonymous, &paged(1)).await.unwrap();
        let two = participation::list(&db, &Actor::Anonymous, &paged(2)).await.unwrap();
        assert_eq!((one.items.len(), one.total, one.pages, one.items[0].title.as_str()), (50, 55, 2, "Idée 54"), "{backend}: newest first");
        assert_eq!((two.items.len(), two.page, two.items[4].title.as_str()), (5, 2, "Idée 0"), "{backend}");
        assert_eq!(one.by_status, vec![(Status::Nouveau, 55)], "{backend}");
        assert!(participation::list(&db, &Actor::Anonymous, &paged(9)).await.unwrap().items.is_empty(), "{backend}: past the last page");
    }
}

/// The same journey through the real router, as a browser without JavaScript does it: plain
/// forms, redirects with the outcome in the URL, errors next to the form in the page's language.
#[tokio::test(flavor = "multi_thread")]
async fn the_participation_pages_work_without_javascript() {
    use atlas_server::http;
    use atlas_server::limits::WriteLimits;
    use common::browser::Browser;
    use leptos::prelude::LeptosOptions;
    for backend in backends() {
        let db = fresh(backend).await;
        import::run(&db, &Actor::Cli, Request::Reference(reference_dir()), ImportOptions::default()).await.unwrap();
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let ((qpv, lat, lon, regie, regie_slug), _) = covered_qpv(&atlas).await;
        for (email, name, role) in [("a@exemple.fr", "Amina", None), ("b@exemple.fr", "Bruno", None), ("equipe@regie.example", "Équipe Régie", Some(Role::RegieEditor { regie }))] {
            operator::add(&db, &Actor::Cli, email, role, Some(name), Some(PASSWORD)).await.unwrap();
        }
        let site = common::repo_root().join("public").to_string_lossy().to_string();
        let options = LeptosOptions::builder().output_name("atlas").site_root(site).build();
        let app = http::router_with_limits(options, atlas, WriteLimits::new(std::num::NonZeroU32::new(1000).unwrap(), false));
        let browser = |app: &axum::Router| Browser { app: app.clone(), cookie: None };
        let (mut a, mut b, mut staff, mut anonymous) = (browser(&app), browser(&app), browser(&app), browser(&app));
        for (who, email) in [(&mut a, "a@exemple.fr"), (&mut b, "b@exemple.fr"), (&mut staff, "equipe@regie.example")] {
            assert_eq!(who.post("/api/ecriture/compte/connexion", &[("email", email), ("mot_de_passe", PASSWORD)]).await, "/compte");
        }

        // « Autour de moi » located by the phone: the report starts there, with its point.
        let here = anonymous.get(&format!("/autour-de-moi?lat={lat}&lon={lon}")).await.body;
        assert!(here.contains(&format!("/participation/nouveau?qpv={qpv}&amp;lat=")), "{backend}");
        let step = a.get(&format!("/participation/nouveau?qpv={qpv}&lat={lat}&lon={lon}")).await.body;
        assert!(step.contains(&format!("name=\"lat\" value=\"{lat}\"")), "{backend}: the point goes on to the second screen");

        // From the QPV page to the two screens.
        let qpv_page = anonymous.get(&format!("/qpv/{qpv}")).await.body;
        assert!(qpv_page.contains(&format!("href=\"/participation/nouveau?qpv={qpv}\"")), "{backend}");
        let first = a.get(&format!("/participation/nouveau?qpv={qpv}")).await;
        assert_eq!(first.status, 200, "{backend}");
        assert!(first.body.contains("Étape 1 sur 2") && first.body.contains("Signaler un problème à régler"), "{backend}");
        let second = a.get(&format!("/participation/nouveau?etape=2&nature=signalement&categorie=eclairage&qpv={qpv}")).await.body;
        assert!(second.contains("Étape 2 sur 2") && second.contains("action=\"/api/ecriture/participation/deposer\""), "{backend}");
        assert!(second.contains("Votre adresse e-mail n'est montrée à personne"), "{backend}: the form says who sees what");
        let fields = [("nature", "signalement"), ("categorie", "eclairage"), ("qpv", qpv.as_str()), ("langue", "fr")];

        // Without a QPV, map or JavaScript: the commune typed offers its QPVs, the choice goes on.
        let (commune_name, commune_qpv): (String, String) = sqlx::query_as(
            "SELECT c.nom, qc.qpv_code FROM communes c JOIN qpv_communes qc ON qc.commune_insee = c.insee
             WHERE c.nom IN (SELECT nom FROM communes GROUP BY nom HAVING COUNT(*) = 1) ORDER BY c.population DESC, qc.qpv_code LIMIT 1",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        let asked = a.get(&format!("/participation/nouveau?etape=1&nature=signalement&categorie=eclairage&ou={}", atlas_core::text::percent_encode(&commune_name))).await.body;
        assert!(asked.contains(&format!("Quartiers prioritaires de {commune_name}")), "{backend}: {commune_name}");
        assert!(asked.contains(&format!("name=\"qpv\" value=\"{commune_qpv}\"")) && !asked.contains("name=\"qpv\" value=\"\""), "{backend}: the QPVs are the choice");
        let chosen = a.get(&format!("/participation/nouveau?etape=2&nature=signalement&categorie=eclairage&qpv={commune_qpv}")).await.body;
        assert!(chosen.contains("Étape 2 sur 2"), "{backend}");
        let unknown = a.get("/participation/nouveau?etape=1&ou=Xyzzyville").await.body;
        assert!(unknown.contains("aucune commune ne correspond à « Xyzzyville »") && unknown.contains("id=\"ou-erreur\""), "{backend}: the message next to the field");

        // A title too short: back to the form, the message next to it, what was typed kept.
        let mut short = fields.to_vec();
        short.extend([("titre", "Nuit"), ("texte", "Le lampadaire devant le 12 est éteint.")]);
        let back = a.post_multipart("/api/ecriture/participation/deposer", &short, &[]).await;
        assert!(back.starts_with("/participation/nouveau?erreurs=titre_longueur"), "{backend}: {back}");
        let page = a.get(&back).await.body;
        assert!(page.contains("le titre compte de 5 à 120 caractères") && page.contains("Le lampadaire devant le 12 est éteint."), "{backend}");
        assert!(page.contains("aria-invalid=\"true\""), "{backend}: the field is marked");
        let next_to = page.find("id=\"nouveau-titre-erreur\"").map(|at| &page[at..(at + 200).min(page.len())]).unwrap_or_default();
        assert!(next_to.contains("field-error") && next_to.contains("le titre compte de 5 à 120 caractères"), "{backend}: the message next to its field: {next_to}");
        assert!(page.contains("nouveau-titre-aide nouveau-titre-erreur"), "{backend}: the field is described by it");

        // « Garder le brouillon »: kept on the server, put back in the form on any device, and
        // named on the first screen of another QPV's form.
        let mut draft = fields.to_vec();
        draft.extend([("titre", "Lampadaire du 12"), ("texte", "Le lampadaire devant le 12 reste éteint le soir.")]);
        let kept = a.post("/api/ecriture/participation/brouillon", &draft).await;
        assert!(kept.starts_with("/participation/nouveau?etape=2") && kept.contains("brouillon=garde"), "{backend}: {kept}");
        let page = a.get(&kept).await.body;
        assert!(page.contains("Brouillon gardé") && page.contains("value=\"Lampadaire du 12\"") && page.contains(">Le lampadaire devant le 12 reste éteint le soir.</textarea>"), "{backend}");
        assert!(!page.contains("id=\"brouillon-repris\""), "{backend}: one notice right after keeping it");
        let again = a.get(&format!("/participation/nouveau?etape=2&nature=signalement&categorie=eclairage&qpv={qpv}")).await.body;
        assert!(again.contains("id=\"brouillon-repris\"") && again.contains("value=\"Lampadaire du 12\""), "{backend}: put back later");
        assert!(!b.get(&kept).await.body.contains("Lampadaire du 12"), "{backend}: nobody else sees it");
        let elsewhere = a.get("/participation/nouveau").await.body;
        assert!(elsewhere.contains("Vous avez un brouillon : « Lampadaire du 12 »") && elsewhere.contains(&format!("/participation/nouveau?etape=2&amp;qpv={qpv}")), "{backend}");
        // What comes back into a field cannot close it (Leptos writes a textarea's text as is).
        let injected = "%3C%2Ftextarea%3E%3Cb%3Einject%C3%A9%3C%2Fb%3E";
        let page = a.get(&format!("/participation/nouveau?etape=2&nature=signalement&categorie=eclairage&qpv={qpv}&texte={injected}")).await.body;
        assert!(!page.contains("<b>injecté</b>") && page.contains("&lt;/textarea&gt;&lt;b&gt;injecté"), "{backend}");
        let page = anonymous.get(&format!("/regies/{regie_slug}?correction=refusee&erreurs=court&message={injected}")).await.body;
        assert!(!page.contains("<b>injecté</b>") && page.contains("&lt;/textarea&gt;&lt;b&gt;injecté"), "{backend}: the correction form too");

        // Posted: the item's page, on the QPV's list and the Régie's.
        let mut good = fields.to_vec();
        good.extend([("titre", "Lampadaire éteint devant le 12"), ("texte", "Le lampadaire devant le 12 est éteint depuis lundi.")]);
        let at = a.post_multipart("/api/ecriture/participation/deposer", &good, &[]).await;
        assert!(at.starts_with("/participation/") && at.contains("?depose=1"), "{backend}: {at}");
        let path = at.split('?').next().unwrap().to_owned();
        let page = a.get(&at).await.body;
        assert!(page.contains("Lampadaire éteint devant le 12") && page.contains("Merci : c'est publié"), "{backend}");
        assert!(anonymous.get(&format!("/participation?qpv={qpv}")).await.body.contains("Lampadaire éteint devant le 12"), "{backend}");
        let regie_list = anonymous.get(&format!("/participation?regie={regie_slug}")).await.body;
        assert!(regie_list.contains("Lampadaire éteint devant le 12") && regie_list.contains("Délai de réponse de la Régie"), "{backend}");

        // Anonymous reads but is sent to sign in to support.
        let refused = anonymous.post("/api/ecriture/participation/soutenir", &[("element", &path[15..]), ("soutien", "1")]).await;
        assert!(refused.contains("erreur=connexion_requise"), "{backend}: {refused}");

        // B is shown A's item as the same one and supports it instead; then comments.
        let second = b.get(&format!("/participation/nouveau?etape=2&nature=signalement&categorie=eclairage&qpv={qpv}")).await.body;
        assert!(second.contains("C'est le même ?") && second.contains("Lampadaire éteint devant le 12"), "{backend}");
        let id = &path["/participation/".len()..];
        assert_eq!(b.post("/api/ecriture/participation/soutenir", &[("element", id), ("soutien", "1")]).await, format!("{path}#soutien"), "{backend}");
        let page = b.get(&path).await.body;
        assert!(page.contains("1 soutien(s)") && page.contains("Retirer mon soutien"), "{backend}");
        let done = b.post("/api/ecriture/participation/commenter", &[("element", id), ("texte", "Pareil rue voisine.")]).await;
        assert!(done.contains("commentaire="), "{backend}: {done}");

        // The Régie's staff answer; the page shows the status and the history.
        let page = staff.get(&path).await.body;
        assert!(page.contains("Répondre au nom de") && page.contains("action=\"/api/ecriture/participation/statut\""), "{backend}");
        // (The page's texts travel in its data: test the markup.)
        assert!(!a.get(&path).await.body.contains("action=\"/api/ecriture/participation/statut\""), "{backend}: not for habitants");
        let refused = staff.post("/api/ecriture/participation/statut", &[("element", id), ("regie", &regie_slug), ("statut", "non-retenu")]).await;
        assert!(refused.contains("erreurs=raison_manquante"), "{backend}: {refused}");
        let done = staff.post("/api/ecriture/participation/statut", &[("element", id), ("regie", &regie_slug), ("statut", "en-cours"), ("message", "L'équipe passe jeudi.")]).await;
        assert!(done.contains("enregistre=1"), "{backend}: {done}");
        let page = anonymous.get(&path).await.body;
        assert!(page.contains("En cours") && page.contains("L'équipe passe jeudi.") && page.contains("Pareil rue voisine."), "{backend}");

        // The QPV's Atom feed, and the territory's figures for élus.
        let feed = anonymous.get(&format!("/participation/flux/{qpv}.atom")).await;
        assert_eq!(feed.status, 200, "{backend}");
        assert_eq!(feed.headers["content-type"], "application/atom+xml; charset=utf-8", "{backend}");
        assert!(feed.body.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">") && feed.body.contains("<title>Lampadaire éteint devant le 12</title>"), "{backend}");
        assert_eq!(anonymous.get("/participation/flux/QN0000000.atom").await.status, 404, "{backend}");
        let commune: String = sqlx::query_scalar("SELECT commune_insee FROM qpv_communes WHERE qpv_code = $1 ORDER BY commune_insee LIMIT 1").bind(&qpv).fetch_one(&db.pool).await.unwrap();
        let territory = anonymous.get(&format!("/territoires/commune/{commune}")).await.body;
        assert!(territory.contains("Participation des habitants") && territory.contains("1 signalement(s) et proposition(s)"), "{backend}");
        assert!(territory.contains("En cours : 1") && territory.contains("100 % des 1 élément(s)"), "{backend}");
        let france = anonymous.get("/territoires").await.body;
        assert!(france.contains("1 signalement(s) et proposition(s)"), "{backend}");

        // Each person's data export holds their participation, every column (the claim hash not copied).
        let mine: serde_json::Value = serde_json::from_str(&a.get("/compte/mes-donnees.json").await.body).unwrap();
        let item = &mine["participation_items"][0];
        assert_eq!(item["title"], "Lampadaire éteint devant le 12", "{backend}");
        assert!(item.get("claim_hash").is_some() && item.get("lat").is_some() && item.get("demo").is_some(), "{backend}: {item}");
        assert_eq!(mine["participation_follows"].as_array().unwrap().len(), 1, "{backend}");
        let theirs: serde_json::Value = serde_json::from_str(&b.get("/compte/mes-donnees.json").await.body).unwrap();
        assert_eq!(theirs["participation_supports"].as_array().unwrap().len(), 1, "{backend}");
        assert_eq!(theirs["participation_comments"][0]["body"], "Pareil rue voisine.", "{backend}");
        let staff_data: serde_json::Value = serde_json::from_str(&staff.get("/compte/mes-donnees.json").await.body).unwrap();
        assert!(staff_data["participation_history"].as_array().unwrap().len() >= 1, "{backend}");

        // A long conversation comes a page of threads at a time, the newest first to the eye; a
        // link to a comment opens its thread's page.
        for n in 0..35 {
            sqlx::query("INSERT INTO participation_comments (item_id, body, created_at) VALUES ($1, $2, $3)").bind(id.parse::<i64>().unwrap()).bind(format!("Fil numéro {n:02}")).bind(4_000_000_000_000i64 + n).execute(&db.pool).await.unwrap();
        }
        // (Past the last page: the last. A new address: the anonymous page cache has not seen it.)
        let latest = anonymous.get(&format!("{path}?commentaires=99")).await.body;
        assert!(latest.contains("Fil numéro 34") && !latest.contains("Fil numéro 03"), "{backend}");
        assert!(latest.contains("36 commentaire(s) · page 2 sur 2") && latest.contains("Commentaires plus anciens"), "{backend}");
        let oldest = anonymous.get(&format!("{path}?commentaires=1")).await.body;
        assert!(oldest.contains("Pareil rue voisine.") && oldest.contains("Fil numéro 03") && !oldest.contains("Fil numéro 34"), "{backend}");
        let first_comment: i64 = sqlx::query_scalar("SELECT MIN(id) FROM participation_comments").fetch_one(&db.pool).await.unwrap();
        assert!(anonymous.get(&format!("{path}?commentaire={first_comment}")).await.body.contains("Pareil rue voisine."), "{backend}");

        // In English.
        let page = anonymous.get(&format!("/en{path}")).await.body;
        assert!(page.contains("History") && page.contains("In progress") && page.contains("1 supporter(s)"), "{backend}");
        let unknown = anonymous.get("/participation/999999").await;
        assert_eq!(unknown.status, 404, "{backend}");
    }
}

/// At a permanence: the Régie's staff file an item for an inhabitant who agreed, with a code the
/// person later uses to claim it (or have it withdrawn); answer templates are the staff's own.
#[tokio::test(flavor = "multi_thread")]
async fn staff_file_for_an_inhabitant_who_claims_it_later() {
    use atlas_service::participation::permanence;
    for backend in backends() {
        let db = fresh(backend).await;
        import::run(&db, &Actor::Cli, Request::Reference(reference_dir()), ImportOptions::default()).await.unwrap();
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let ((qpv, _, _, regie, regie_slug), (other_regie, _)) = covered_qpv(&atlas).await;
        let staff = person(&db, "equipe@regie.example", "Équipe Régie", Some(Role::RegieEditor { regie })).await;
        let stranger = person(&db, "autre@regie.example", "Autre Régie", Some(Role::RegieAdmin { regie: other_regie })).await;
        let habitant = person(&db, "h@exemple.fr", "Habiba", None).await;
        let met = PostForm { qpv: qpv.clone(), ..form("signalement", "encombrants", None, "Encombrants devant le local vélo", "Un matelas et une armoire depuis une semaine.") };

        // Consent is required; another Régie's staff or an habitant may not file as this Régie.
        assert_eq!(permanence::file_for_inhabitant(&atlas, &staff, &regie_slug, &met, false).await.unwrap(), Outcome::Refused(vec![Problem::ConsentNeeded]), "{backend}");
        assert_eq!(permanence::file_for_inhabitant(&atlas, &stranger, &regie_slug, &met, true).await.unwrap_err().status(), 403, "{backend}");
        assert_eq!(permanence::file_for_inhabitant(&atlas, &habitant, &regie_slug, &met, true).await.unwrap_err().status(), 403, "{backend}");
        assert_eq!(count(&db, "participation_items").await, 0, "{backend}");
        let Outcome::Done((id, code)) = permanence::file_for_inhabitant(&atlas, &staff, &regie_slug, &met, true).await.unwrap() else { panic!() };
        let filed = participation::item(&db, &Actor::Anonymous, id).await.unwrap().unwrap();
        assert_eq!((filed.author, filed.filed_by.is_some()), (None, true), "{backend}: shown as filed by the Régie");

        // The code, typed any way, makes it the habitant's, once.
        assert_eq!(permanence::claim(&db, &Actor::Anonymous, &code).await.unwrap_err().status(), 401, "{backend}");
        assert_eq!(permanence::claim(&db, &habitant, "AAAAA-AAAAA").await.unwrap_err().code, Code::NotFound, "{backend}");
        assert_eq!(permanence::claim(&db, &habitant, &code.to_lowercase().replace('-', " ")).await.unwrap(), id, "{backend}");
        assert_eq!(participation::item(&db, &habitant, id).await.unwrap().unwrap().author.as_deref(), Some("Habiba"), "{backend}");
        assert!(participation::item(&db, &habitant, id).await.unwrap().unwrap().viewer.is_author, "{backend}");
        assert_eq!(permanence::claim(&db, &habitant, &code).await.unwrap_err().code, Code::NotFound, "{backend}: a code serves once");

        // Another filing, withdrawn by the person without an account.
        let Outcome::Done((other, code)) = permanence::file_for_inhabitant(&atlas, &staff, &regie_slug, &met, true).await.unwrap() else { panic!() };
        assert_eq!(permanence::withdraw(&db, &Actor::Anonymous, &code).await.unwrap(), other, "{backend}");
        let gone = participation::item(&db, &Actor::Anonymous, other).await.unwrap().unwrap();
        assert!(gone.body.is_none() && gone.hidden.is_some(), "{backend}");

        // Templates: the staff's, offered on the answer form.
        assert_eq!(permanence::add_template(&db, &stranger, &regie_slug, "Passage", "Notre équipe passe cette semaine.").await.unwrap_err().status(), 403, "{backend}");
        assert_eq!(permanence::add_template(&db, &staff, &regie_slug, "Passage", "court").await.unwrap(), Outcome::Refused(vec![Problem::BodyLength]), "{backend}");
        assert_eq!(permanence::add_template(&db, &staff, &regie_slug, "Passage", "Notre équipe passe cette semaine.").await.unwrap(), Outcome::Done(()), "{backend}");
        let seen = participation::item(&db, &staff, id).await.unwrap().unwrap();
        assert_eq!(seen.viewer.templates, vec![(regie_slug.clone(), "Passage".to_owned(), "Notre équipe passe cette semaine.".to_owned())], "{backend}");
        assert!(participation::item(&db, &habitant, id).await.unwrap().unwrap().viewer.templates.is_empty(), "{backend}");
        assert_eq!(permanence::templates(&db, &habitant, regie).await.unwrap_err().status(), 403, "{backend}");

        // Demonstration items: the operator's only, once, labelled, removed whole.
        use atlas_service::participation::demo;
        assert_eq!(demo::load(&db, &Actor::Anonymous).await.unwrap_err().status(), 401, "{backend}");
        assert_eq!(demo::load(&db, &habitant).await.unwrap_err().status(), 403, "{backend}");
        let before = count(&db, "participation_items").await;
        assert_eq!(demo::load(&db, &Actor::Cli).await.unwrap(), 6, "{backend}");
        assert_eq!(demo::load(&db, &Actor::Cli).await.unwrap(), 0, "{backend}: once");
        let all = participation::list(&db, &Actor::Anonymous, &Filter::default()).await.unwrap().items;
        assert_eq!(all.iter().filter(|i| i.demo).count(), 6, "{backend}");
        assert!(all.iter().filter(|i| i.demo).all(|i| i.title.contains("(démonstration)")), "{backend}");
        assert_eq!(demo::remove(&db, &Actor::Cli).await.unwrap(), 6, "{backend}");
        assert_eq!(count(&db, "participation_items").await, before, "{backend}: only the demonstration items went");
    }
}
