//! `/gestion/<slug>` counts the team's daily work, on SQLite and PostgreSQL, through the real
//! router: the inhabitants' items of its QPVs waiting for a first answer, what waits for its
//! moderation; the way to the team is shown to its administrators (and the network) only.

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
        operator::add(&db, &Actor::Cli, "editrice@regie-1.example", Some(Role::RegieEditor { regie: 1 }), Some("Éditrice"), Some(PASSWORD)).await.unwrap();
        operator::add(&db, &Actor::Cli, "admin@regie-1.example", Some(Role::RegieAdmin { regie: 1 }), Some("Admin"), Some(PASSWORD)).await.unwrap();
        let app = common::browser::app(&db).await;
        let [mut editor, mut admin] = [0, 1].map(|_| Browser { app: app.clone(), cookie: None });
        for (b, email) in [(&mut editor, "editrice@regie-1.example"), (&mut admin, "admin@regie-1.example")] {
            assert_eq!(b.post("/api/ecriture/compte/connexion", &[("email", email), ("mot_de_passe", PASSWORD)]).await, "/compte", "{backend}");
        }
        let page = editor.get(&format!("/gestion/{slug}")).await.body;
        let inbox = format!("href=\"/participation?regie={slug}\" class=\"button secondary\">Signalements et propositions des habitants");
        assert!(page.contains(&format!("{inbox}</a>")), "{backend}: nothing waits");
        assert!(page.contains("href=\"/participation/moderation\" class=\"button secondary\">Modération</a>"), "{backend}");
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
        assert!(page.contains(&format!("{inbox} (2 à traiter)</a>")), "{backend}");
        assert!(page.contains("Modération (1 en attente)</a>"), "{backend}");
        let en = editor.get(&format!("/en/gestion/{slug}")).await.body;
        assert!(en.contains("(2 to answer)</a>") && en.contains("(1 waiting)</a>"), "{backend}");
    }
}
