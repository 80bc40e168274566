//! `/gestion/<slug>/partenaires`, on SQLite and PostgreSQL, through the real router as a browser
//! uses it: an éditrice adds a partner new to the Atlas with its relation, refused inputs come
//! back next to their input, another Régie finds that partner by SIREN and by name and can only
//! choose it (the same name or SIREN is never a second partner), contracts are added and taken
//! out, every change is a version whose history reads the partners before and after, a restore
//! brings them back, a stale form gets 409, the public pages follow, and another Régie's staff
//! may not write.

mod common;

use atlas_core::account::Role;
use atlas_service::account::operator;
use atlas_service::db::Database;
use atlas_service::Actor;
use axum::http::StatusCode;
use common::browser::{api_post, Browser};
use common::{backends, count, fresh};
use tower::ServiceExt;

const PASSWORD: &str = "une phrase de passe solide";
const PATH: &str = "/api/ecriture/gestion/partenaires";

/// (partner's name, relation, contracts' subjects and amounts) of every relation of the Régie.
async fn relations(db: &Database, slug: &str) -> Vec<(String, String, Vec<(String, Option<i64>)>)> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT rel.id, p.nom, rel.nature FROM relations rel JOIN partenaires p ON p.id = rel.partenaire_id JOIN regies r ON r.id = rel.regie_id
         WHERE r.slug = $1 ORDER BY rel.id",
    )
    .bind(slug)
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let mut out = Vec::new();
    for (id, nom, nature) in rows {
        let contracts: Vec<(String, Option<i64>)> =
            sqlx::query_as("SELECT objet, montant_euros FROM contrats WHERE relation_id = $1 ORDER BY id").bind(id).fetch_all(&db.pool).await.unwrap();
        out.push((nom, nature, contracts));
    }
    out
}

async fn post(browser: &mut Browser, pairs: Vec<(&'static str, String)>) -> String {
    let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    browser.post(PATH, &borrowed).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_team_keeps_its_partners_and_contracts_without_duplicate_partners() {
    for backend in backends() {
        let db = fresh(backend).await;
        common::load_regies(&db).await;
        let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, slug FROM regies ORDER BY slug LIMIT 2").fetch_all(&db.pool).await.unwrap();
        let [(a_id, a), (b_id, b)] = [rows[0].clone(), rows[1].clone()];
        operator::add(&db, &Actor::Cli, "editrice@regie-a.example", Some(Role::RegieEditor { regie: a_id }), Some("Awa éditrice"), Some(PASSWORD))
            .await
            .unwrap();
        operator::add(&db, &Actor::Cli, "admin@regie-b.example", Some(Role::RegieAdmin { regie: b_id }), Some("Admin B"), Some(PASSWORD)).await.unwrap();
        let app = common::browser::app(&db).await;
        let mut editor = Browser { app: app.clone(), cookie: None };
        let mut other = Browser { app: app.clone(), cookie: None };
        let mut anonymous = Browser { app: app.clone(), cookie: None };
        for (br, email) in [(&mut editor, "editrice@regie-a.example"), (&mut other, "admin@regie-b.example")] {
            assert_eq!(br.post("/api/ecriture/compte/connexion", &[("email", email), ("mot_de_passe", PASSWORD)]).await, "/compte", "{backend}");
        }
        let partners_before = count(&db, "partenaires").await;
        let page = editor.get(&format!("/gestion/{a}/partenaires?q=Habitat%20Nord")).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("Aucun partenaire pour l'instant.") && page.body.contains("Aucun partenaire de l'Atlas ne correspond"), "{backend}");
        assert!(page.body.contains("value=\"Habitat Nord\""), "{backend}: the name searched fills the new partner's name");
        assert!(editor.get(&format!("/gestion/{a}")).await.body.contains(&format!("href=\"/gestion/{a}/partenaires\">Partenaires</a>")), "{backend}");

        // Refused: each reason next to its input, what was typed kept, nothing written.
        let bad = [
            ("regie", a.as_str()),
            ("version", "0"),
            ("action", "ajouter"),
            ("partenaire_nom", "H"),
            ("partenaire_nature", ""),
            ("siren", "352 847 371"),
            ("relation", "donneur_ordre"),
            ("college", "elus"),
        ];
        let back = editor.post(PATH, &bad).await;
        assert!(
            back.starts_with(&format!("/gestion/{a}/partenaires?erreurs=partenaire_nom_longueur,partenaire_nature_inconnue,siren_invalide,college_invalide&")),
            "{backend}: {back}"
        );
        let page = editor.get(&back).await.body;
        assert!(page.contains("id=\"fiche-siren-erreur\" class=\"field-error\">le SIREN compte 9 chiffres"), "{backend}");
        assert!(page.contains("id=\"fiche-college-erreur\" class=\"field-error\">un collège ne s'indique que pour un membre de la gouvernance"), "{backend}");
        assert!(page.contains("value=\"352 847 371\""), "{backend}: what was typed comes back");
        assert_eq!((count(&db, "partenaires").await, relations(&db, &a).await.len()), (partners_before, 0), "{backend}: nothing written");

        // A new partner with its relation: one version, the partner in the Atlas once.
        let add = [
            ("regie", a.as_str()),
            ("version", "0"),
            ("action", "ajouter"),
            ("partenaire_nom", "Habitat Nord Essonne"),
            ("partenaire_nature", "bailleur_social"),
            ("siren", "352 847 370"),
            ("territoire", "Essonne"),
            ("relation", "donneur_ordre"),
            ("depuis", "2019"),
        ];
        assert_eq!(editor.post(PATH, &add).await, format!("/gestion/{a}/partenaires?fait=enregistre&numero=1"), "{backend}");
        assert_eq!(count(&db, "partenaires").await, partners_before + 1, "{backend}");
        assert_eq!(relations(&db, &a).await, vec![("Habitat Nord Essonne".to_owned(), "donneur_ordre".to_owned(), vec![])], "{backend}");
        let id: i64 = sqlx::query_scalar("SELECT id FROM partenaires WHERE siren = '352847370'").fetch_one(&db.pool).await.unwrap();
        let page = editor.get(&format!("/gestion/{a}/partenaires?fait=enregistre&numero=1")).await.body;
        assert!(page.contains("Partenaires enregistrés : version 1 de la fiche.") && page.contains("bailleur social · donneur d'ordre · depuis 2019"), "{backend}");
        assert!(anonymous.get(&format!("/regies/{a}")).await.body.contains(&format!("href=\"/partenaires/{id}\"><strong>Habitat Nord Essonne</strong>")), "{backend}");
        assert!(anonymous.get(&format!("/partenaires/{id}")).await.body.contains(&format!("/regies/{a}")), "{backend}: the partner's page lists the Régie");

        // Another Régie finds it by SIREN (or a SIRET of it) and by name; a second one by the same name or SIREN is refused.
        for q in ["352847370", "352%20847%20370%2000033", "habitat%20nord"] {
            let page = other.get(&format!("/gestion/{b}/partenaires?q={q}")).await.body;
            assert!(page.contains("Choisir Habitat Nord Essonne</a>") && page.contains("SIREN 352847370"), "{backend}: {q}");
        }
        for (name, siren) in [("habitat  NORD essonne", ""), ("Bailleur du Nord", "352847370")] {
            let twin = [("regie", b.as_str()), ("version", "0"), ("action", "ajouter"), ("partenaire_nom", name), ("partenaire_nature", "bailleur_social"), ("siren", siren), ("relation", "financeur")];
            let back = other.post(PATH, &twin).await;
            assert!(back.starts_with(&format!("/gestion/{b}/partenaires?erreurs=partenaire_existant&")), "{backend}: {back}");
            let page = other.get(&back).await.body;
            assert!(page.contains("ce partenaire est déjà dans l'Atlas"), "{backend}");
        }
        assert_eq!(count(&db, "partenaires").await, partners_before + 1, "{backend}: never a second partner");
        let chosen = other.get(&format!("/gestion/{b}/partenaires?q=habitat%20nord&choisi={id}")).await.body;
        assert!(chosen.contains("Partenaire choisi : Habitat Nord Essonne") && chosen.contains(&format!("name=\"partenaire\" value=\"{id}\"")), "{backend}");
        let choose = [("regie", b.as_str()), ("version", "0"), ("action", "ajouter"), ("partenaire", &id.to_string()), ("relation", "financeur")];
        assert_eq!(other.post(PATH, &choose).await, format!("/gestion/{b}/partenaires?fait=enregistre&numero=1"), "{backend}");
        assert_eq!(relations(&db, &b).await.len(), 1, "{backend}");
        // The same partner in the same role twice is refused.
        let again = [("regie", b.as_str()), ("version", "1"), ("action", "ajouter"), ("partenaire", &id.to_string()), ("relation", "financeur"), ("q", "habitat")];
        let back = other.post(PATH, &again).await;
        assert!(back.starts_with(&format!("/gestion/{b}/partenaires?erreurs=relation_existante&")), "{backend}: {back}");
        assert!(other.get(&back).await.body.contains("Partenaire choisi : Habitat Nord Essonne"), "{backend}: the choice is kept");

        // A contract: refused next to its inputs in its own card, then saved.
        let (sid, rel) = (id.to_string(), "donneur_ordre");
        let contract = |version: &'static str, objet: &'static str, montant: &'static str, procedure: &'static str| {
            vec![("regie", a.clone()), ("version", version.into()), ("action", "contrat".into()), ("partenaire", sid.clone()), ("relation", rel.into()),
                 ("objet", objet.into()), ("montant", montant.into()), ("debut", "2024".into()), ("procedure", procedure.into())]
        };
        let back = post(&mut editor, contract("1", "ab", "12,5", "")).await;
        assert!(back.starts_with(&format!("/gestion/{a}/partenaires?erreurs=objet_longueur,montant_invalide,procedure_inconnue&")), "{backend}: {back}");
        assert!(back.ends_with(&format!("#contrat-{id}-donneur_ordre")), "{backend}: {back}");
        let page = editor.get(&back).await.body;
        assert!(page.contains(&format!("<details id=\"contrat-{id}-donneur_ordre\" open")), "{backend}: the refused contract's form is open");
        assert!(page.contains(&format!("id=\"contrat-{id}-donneur_ordre-montant-erreur\" class=\"field-error\">le montant est un nombre entier d'euros")), "{backend}");
        assert!(page.contains(&format!("<label for=\"contrat-{id}-donneur_ordre-objet\">Objet</label>")), "{backend}: each card's inputs have their own ids");
        let done = post(&mut editor, contract("1", "Entretien des halls", "12 500 €", "marche_public")).await;
        assert_eq!(done, format!("/gestion/{a}/partenaires?fait=enregistre&numero=2"), "{backend}");
        assert_eq!(relations(&db, &a).await[0].2, vec![("Entretien des halls".to_owned(), Some(12_500))], "{backend}");
        assert!(anonymous.get(&format!("/partenaires/{id}")).await.body.contains("Entretien des halls"), "{backend}");

        // The history reads the partners before and after.
        let history = editor.get(&format!("/gestion/{a}/historique")).await.body;
        assert!(history.contains("<th scope=\"row\">Partenaires</th>"), "{backend}");
        assert!(history.contains("<ins>Habitat Nord Essonne (bailleur social) : donneur d'ordre, depuis 2019 [Entretien des halls (marché public, 12\u{202f}500 €)]</ins>"), "{backend}");

        // A form opened before the contract gets 409; nothing is taken out.
        let stale = [("regie", a.as_str()), ("version", "1"), ("action", "retirer"), ("partenaire", &sid), ("relation", rel)];
        let back = editor.post(PATH, &stale).await;
        assert!(back.starts_with(&format!("/gestion/{a}/partenaires?erreur=conflit&depuis=1&version=2")), "{backend}: {back}");
        assert!(editor.get(&back).await.body.contains("Quelqu'un a modifié la fiche pendant que vous la modifiiez"), "{backend}");
        assert_eq!(relations(&db, &a).await.len(), 1, "{backend}");

        // The contract, then the relation taken out; version 2 restored brings both back.
        let out = [("regie", a.as_str()), ("version", "2"), ("action", "retirer_contrat"), ("partenaire", &sid), ("relation", rel), ("contrat", "0")];
        assert_eq!(editor.post(PATH, &out).await, format!("/gestion/{a}/partenaires?fait=enregistre&numero=3"), "{backend}");
        assert!(relations(&db, &a).await[0].2.is_empty(), "{backend}");
        let out = [("regie", a.as_str()), ("version", "3"), ("action", "retirer"), ("partenaire", &sid), ("relation", rel)];
        assert_eq!(editor.post(PATH, &out).await, format!("/gestion/{a}/partenaires?fait=enregistre&numero=4"), "{backend}");
        assert!(relations(&db, &a).await.is_empty(), "{backend}");
        assert!(!anonymous.get(&format!("/regies/{a}")).await.body.contains("Habitat Nord Essonne"), "{backend}: the public page follows");
        let restored = editor.post("/api/ecriture/gestion/restaurer", &[("regie", &a), ("numero", "2"), ("version", "4")]).await;
        assert_eq!(restored, format!("/gestion/{a}/historique?fait=enregistre&numero=5"), "{backend}");
        assert_eq!(relations(&db, &a).await[0].2, vec![("Entretien des halls".to_owned(), Some(12_500))], "{backend}");
        assert_eq!(count(&db, "partenaires").await, partners_before + 1, "{backend}");
        // Editing the profile keeps them, rows untouched (the same ids).
        let ids = || async { sqlx::query_scalar::<_, i64>("SELECT id FROM relations ORDER BY id").fetch_all(&db.pool).await.unwrap() };
        let before_edit = ids().await;
        let mut form = atlas_service::regie::edit::open(&db, &Actor::Cli, &a).await.unwrap().profile.form();
        form.telephone = "01 23 45 67 89".into();
        assert_eq!(atlas_service::regie::edit::save(&db, &Actor::Cli, &a, &form, 5).await.unwrap(), atlas_service::regie::edit::Saved::Version(6), "{backend}");
        assert_eq!(ids().await, before_edit, "{backend}");
        assert_eq!(relations(&db, &a).await[0].2, vec![("Entretien des halls".to_owned(), Some(12_500))], "{backend}");

        // Not a browser: 422 with the problems; another Régie's staff: 403; nobody signed in: 401.
        let request = |cookie: Option<&str>, body: String| api_post(PATH, cookie, body);
        let answer = app.clone().oneshot(request(editor.cookie.as_deref(), format!("regie={a}&version=6&action=contrat&partenaire={id}&relation=donneur_ordre&objet=x"))).await.unwrap();
        assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let body = String::from_utf8(axum::body::to_bytes(answer.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap();
        assert!(body.contains("objet_longueur") && body.contains("procedure_inconnue"), "{backend}: {body}");
        let unknown = format!("regie={a}&version=6&action=retirer&partenaire={id}&relation=financeur");
        assert_eq!(app.clone().oneshot(request(editor.cookie.as_deref(), unknown)).await.unwrap().status(), StatusCode::NOT_FOUND, "{backend}");
        let removal = format!("regie={a}&version=6&action=retirer&partenaire={id}&relation=donneur_ordre");
        assert_eq!(app.clone().oneshot(request(other.cookie.as_deref(), removal.clone())).await.unwrap().status(), StatusCode::FORBIDDEN, "{backend}");
        assert_eq!(app.clone().oneshot(request(None, removal)).await.unwrap().status(), StatusCode::UNAUTHORIZED, "{backend}");
        assert_eq!(other.get(&format!("/gestion/{a}/partenaires")).await.status, StatusCode::FORBIDDEN, "{backend}");
        assert_eq!(relations(&db, &a).await.len(), 1, "{backend}");

        // In English.
        let page = editor.get(&format!("/en/gestion/{a}/partenaires")).await.body;
        assert!(page.contains("Partners and contracts") && page.contains("social landlord · client · since 2019") && page.contains("Add a contract"), "{backend}");
    }
}

/// Two teams on two instances (two pools on one database) add the same new partner at the same
/// moment, many times over: each time one partner is created, the other team is told it exists.
#[tokio::test(flavor = "multi_thread")]
async fn two_instances_adding_the_same_partner_create_it_once() {
    use atlas_core::regie::partners_form::{NewPartnerForm, RelationForm};
    use atlas_service::regie::edit::Saved;
    use atlas_service::regie::partners::{self, Choice};
    for backend in backends() {
        let (first, second) = common::two_instances(backend).await;
        common::load_regies(&first).await;
        let slugs: Vec<String> = sqlx::query_scalar("SELECT slug FROM regies ORDER BY slug LIMIT 2").fetch_all(&first.pool).await.unwrap();
        let (a, b) = (slugs[0].clone(), slugs[1].clone());
        let before = count(&first, "partenaires").await;
        for round in 0..10 {
            let name = format!("Bailleur simultané {round}");
            let form = |nom: &str| Choice::New(NewPartnerForm { nom: nom.to_owned(), nature: "bailleur_social".into(), ..Default::default() });
            let terms = RelationForm { relation: "donneur_ordre".into(), ..Default::default() };
            let (lower, upper) = (form(&name), form(&name.to_uppercase()));
            let (one, two) = tokio::join!(
                partners::add(&first, &Actor::Cli, &a, &lower, &terms, round),
                partners::add(&second, &Actor::Cli, &b, &upper, &terms, round),
            );
            let mut outcomes = [(&a, one.unwrap()), (&b, two.unwrap())];
            outcomes.sort_by_key(|(_, o)| matches!(o, Saved::Refused(_)));
            assert_eq!(outcomes[0].1, Saved::Version(round + 1), "{backend}: round {round}");
            assert_eq!(outcomes[1].1, Saved::Refused(vec![atlas_core::regie::profile::Problem::PartnerExists]), "{backend}: round {round}");
            // The refused team chooses the partner the other created, so both Régies stay at the same version.
            let refused = outcomes[1].0;
            let chosen: i64 = sqlx::query_scalar("SELECT MAX(id) FROM partenaires").fetch_one(&first.pool).await.unwrap();
            let saved = partners::add(&second, &Actor::Cli, refused, &Choice::Known(chosen), &terms, round).await.unwrap();
            assert_eq!(saved, Saved::Version(round + 1), "{backend}: round {round}");
        }
        assert_eq!(count(&first, "partenaires").await, before + 10, "{backend}: one partner per name");
        assert_eq!((relations(&first, &a).await.len(), relations(&first, &b).await.len()), (10, 10), "{backend}");
        // Two edits of one Régie at once, from its first version on (a new partner on one instance,
        // a known one on the other): one is written, the other gets 409; never a deadlock's 5xx.
        let c: String = sqlx::query_scalar("SELECT slug FROM regies ORDER BY slug LIMIT 1 OFFSET 2").fetch_one(&first.pool).await.unwrap();
        let known: i64 = sqlx::query_scalar("SELECT MIN(id) FROM partenaires").fetch_one(&first.pool).await.unwrap();
        for (round, relation) in atlas_core::partner::RelationKind::ALL.iter().enumerate() {
            let expected: i64 = sqlx::query_scalar("SELECT version FROM regies WHERE slug = $1").bind(&c).fetch_one(&first.pool).await.unwrap();
            let chosen = Choice::Known(known);
            let new = Choice::New(NewPartnerForm { nom: format!("Association du même instant {round}"), nature: "association".into(), ..Default::default() });
            let (financer, other) = (RelationForm { relation: "financeur".into(), ..Default::default() }, RelationForm { relation: relation.code().into(), ..Default::default() });
            let (one, two) = tokio::join!(
                partners::add(&first, &Actor::Cli, &c, &new, &financer, expected),
                partners::add(&second, &Actor::Cli, &c, &chosen, &other, expected),
            );
            let written = [&one, &two].iter().filter(|o| matches!(o, Ok(Saved::Version(n)) if *n == expected + 1)).count();
            let conflicts = [&one, &two].iter().filter(|o| matches!(o, Err(e) if e.code == atlas_core::error::Code::Conflict)).count();
            assert_eq!((written, conflicts), (1, 1), "{backend}: round {round}: {one:?} {two:?}");
        }
    }
}
