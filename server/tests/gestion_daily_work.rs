//! `/gestion/<slug>` shows the team's daily work, on SQLite and PostgreSQL, through the real
//! router: the inhabitants' items of its QPVs waiting for an answer and what awaits moderation in
//! its space, counted and listed with a link to each; the way to the team is shown to its
//! administrators (and the network) only.

mod common;

use atlas_core::account::Role;
use atlas_core::participation::Outcome;
use atlas_service::account::operator;
use atlas_service::participation::{self, PostForm};
use atlas_service::{Actor, Atlas};
use common::browser::Browser;
use common::{backends, fresh};

const PASSWORD: &str = "une phrase de passe solide";

#[tokio::test(flavor = "multi_thread")]
async fn the_team_sees_what_waits_for_it() {
    for backend in backends() {
        let db = fresh(backend).await;
        common::load_regies(&db).await;
        let slug = common::qpv_covered_by_regie_1(&db).await;
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let editrice = operator::add(&db, &Actor::Cli, "editrice@regie-1.example", Some(Role::RegieEditor { regie: 1 }), Some("Éditrice"), Some(PASSWORD)).await.unwrap();
        operator::add(&db, &Actor::Cli, "admin@regie-1.example", Some(Role::RegieAdmin { regie: 1 }), Some("Admin"), Some(PASSWORD)).await.unwrap();
        let app = common::browser::app(&db).await;
        let [mut editor, mut admin] = [0, 1].map(|_| Browser { app: app.clone(), cookie: None });
        for (b, email) in [(&mut editor, "editrice@regie-1.example"), (&mut admin, "admin@regie-1.example")] {
            assert_eq!(b.post("/api/ecriture/compte/connexion", &[("email", email), ("mot_de_passe", PASSWORD)]).await, "/compte", "{backend}");
        }
        let page = editor.get(&format!("/gestion/{slug}")).await.body;
        assert!(page.contains("<h3 id=\"a-repondre\">Signalements et propositions des habitants</h3><p>Rien n'attend de réponse.</p>"), "{backend}: nothing waits");
        assert!(page.contains("<h3 id=\"a-moderer\">Modération</h3><p>Rien n'attend la modération.</p>"), "{backend}");
        assert!(page.contains(&format!("href=\"/participation?regie={slug}\">Tous les signalements et propositions de la Régie</a>")), "{backend}");
        assert!(page.contains("href=\"/participation/moderation\">Toute la file de modération</a>"), "{backend}");
        assert!(!page.contains(&format!("href=\"/compte#equipe-{slug}\"")), "{backend}: an éditrice does not manage the team");
        let theirs = admin.get(&format!("/gestion/{slug}")).await.body;
        assert!(theirs.contains(&format!("href=\"/compte#equipe-{slug}\" class=\"button secondary\">Équipe et invitations</a>")), "{backend}");

        // Two reports in its QPV, one flagged by a neighbour.
        let mut people = Vec::new();
        for (email, name) in [("habitante@exemple.fr", "Habitante"), ("voisin@exemple.fr", "Voisin")] {
            let account = operator::add(&db, &Actor::Cli, email, None, Some(name), Some(PASSWORD)).await.unwrap();
            people.push(Actor::Account { id: account.id, roles: Vec::new() });
        }
        let mut items = Vec::new();
        for title in ["Dépôt sauvage rue des Lilas", "Lampadaire éteint place du Marché"] {
            let report = PostForm {
                kind: "signalement".into(),
                category: "proprete".into(),
                qpv: "QN9999999Z".into(),
                point: None,
                title: title.into(),
                body: "Depuis lundi, devant le numéro 4 : à voir au plus vite.".into(),
                photos: Vec::new(),
            };
            let Outcome::Done(item) = participation::post(&atlas, &people[0], &report).await.unwrap() else { panic!("{backend}: not posted") };
            items.push(item);
        }
        let flagged = atlas_service::moderation::flag(&db, &people[1], "element", items[0], "propos-blessants").await.unwrap();
        assert!(matches!(flagged, Outcome::Done(_)), "{backend}: {flagged:?}");
        let page = editor.get(&format!("/gestion/{slug}")).await.body;
        assert!(page.contains("<h3 id=\"a-repondre\">Signalements et propositions des habitants (2 à traiter)</h3>"), "{backend}");
        // Each waiting item opens its page (statuses, answer templates, moderation); the oldest first.
        let first = page.find(&format!("href=\"/participation/{}\">Dépôt sauvage rue des Lilas</a>", items[0])).expect("the first report listed");
        let second = page.find(&format!("href=\"/participation/{}\">Lampadaire éteint place du Marché</a>", items[1])).expect("the second report listed");
        assert!(first < second, "{backend}: the one waiting longest comes first");
        // The moderation list, up to its end (the page's data follows, with every title).
        let queue = page.split("<h3 id=\"a-moderer\">").nth(1).and_then(|rest| rest.split("</ul>").next()).expect("the moderation list");
        assert!(queue.starts_with("Modération (1 en attente)</h3>"), "{backend}");
        assert!(queue.contains(&format!("href=\"/participation/{}\">Dépôt sauvage rue des Lilas</a>", items[0])), "{backend}: the flagged report");
        assert!(!queue.contains("Lampadaire"), "{backend}: only the flagged one awaits moderation");
        let en = editor.get(&format!("/en/gestion/{slug}")).await.body;
        assert!(en.contains("(2 to answer)</h3>") && en.contains("(1 waiting)</h3>"), "{backend}");
        assert!(en.contains(&format!("href=\"/en/participation/{}\">Dépôt sauvage rue des Lilas</a>", items[0])), "{backend}");

        // Answered, a report leaves the list; the flag stays for the moderators.
        let staff = Actor::Account { id: editrice.id, roles: vec![Role::RegieEditor { regie: 1 }] };
        let answered = participation::set_status(&db, &staff, items[1], &slug, "en-cours", "Nous passons demain matin.", "").await;
        assert!(matches!(answered, Ok(Outcome::Done(_))), "{backend}: {answered:?}");
        let page = editor.get(&format!("/gestion/{slug}")).await.body;
        assert!(page.contains("Signalements et propositions des habitants (1 à traiter)</h3>"), "{backend}");
        assert!(!page.contains(&format!("href=\"/participation/{}\">Lampadaire", items[1])), "{backend}: answered, no longer waiting");
    }
}
