//! A Régie's team, on SQLite and PostgreSQL: its administrator invites by e-mail, the invited
//! person accepts from the link (with a new account or the one of their address), the team is
//! listed, a member is taken out and can write nothing more; nobody else may manage the team.
//! Then the same through the real router, as a browser does it.

mod common;

use atlas_core::account::{Problem, Role};
use atlas_core::locale::Locale;
use atlas_server::http;
use atlas_server::limits::WriteLimits;
use atlas_service::account::team::{self, TeamRole};
use atlas_service::account::{self, operator, FormOutcome};
use atlas_service::db::Database;
use atlas_service::{mail, Actor, Atlas, Code};
use common::browser::Browser;
use common::{backends, fresh};
use leptos::prelude::LeptosOptions;

const PASSWORD: &str = "une phrase de passe solide";
/// The invitation form as rendered (the page's texts also travel in its data: test the markup).
const INVITE_FORM: &str = "action=\"/api/ecriture/equipe/inviter\"";

/// A database with the reference data; the ids, slugs and names of two Régies.
async fn with_regies(backend: &str) -> (Database, [(i64, String, String); 2]) {
    let db = fresh(backend).await;
    common::load_regies(&db).await;
    let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, slug, nom FROM regies ORDER BY slug LIMIT 2").fetch_all(&db.pool).await.unwrap();
    (db, [rows[0].clone(), rows[1].clone()])
}

/// The signed-in actor of an account, as the session resolves it.
async fn actor(db: &Database, email: &str) -> Actor {
    let s = account::sign_in(db, &Actor::Anonymous, email, PASSWORD, None).await.unwrap();
    account::session(db, &s.token).await.unwrap().unwrap().actor()
}

async fn invitation_token(db: &Database, to: &str) -> String {
    let mails = mail::latest(db, 50).await.unwrap();
    let m = mails.iter().find(|m| m.recipient == to).unwrap_or_else(|| panic!("no mail to {to}"));
    assert!(m.subject.starts_with("Invitation à l'équipe de"), "{}", m.subject);
    assert!(m.body_text.contains("/compte/invitation?jeton="), "{}", m.body_text);
    let start = m.body_text.find("jeton=").unwrap() + 6;
    m.body_text[start..].split_whitespace().next().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_administrator_invites_the_team_and_takes_people_out() {
    for backend in backends() {
        let (db, [(a_id, a_slug, a_name), (b_id, b_slug, _)]) = with_regies(backend).await;
        let cli = Actor::Cli;
        operator::add(&db, &cli, "admin@regie-a.example", Some(Role::RegieAdmin { regie: a_id }), Some("Admin A"), Some(PASSWORD)).await.unwrap();
        operator::add(&db, &cli, "admin@regie-b.example", Some(Role::RegieAdmin { regie: b_id }), Some("Admin B"), Some(PASSWORD)).await.unwrap();
        operator::add(&db, &cli, "zoe@exemple.fr", None, Some("Zoé"), Some(PASSWORD)).await.unwrap();
        let admin = actor(&db, "admin@regie-a.example").await;

        // Invited with a new address: one mail, in French, naming the Régie.
        assert_eq!(team::invite(&db, &admin, &a_slug, "pas une adresse", TeamRole::Editor, Locale::Fr).await.unwrap(), FormOutcome::Refused(vec![Problem::EmailInvalid]));
        assert_eq!(team::invite(&db, &admin, &a_slug, "Sami@Exemple.fr", TeamRole::Editor, Locale::Fr).await.unwrap(), FormOutcome::Done(()), "{backend}");
        let link = invitation_token(&db, "sami@exemple.fr").await;
        let seen = team::invitation(&db, &link).await.unwrap().unwrap();
        assert_eq!((seen.regie_name.as_str(), seen.role, seen.has_account), (a_name.as_str(), TeamRole::Editor, false), "{backend}");
        assert_eq!(team::team(&db, &admin, &a_slug).await.unwrap().pending.len(), 1, "{backend}");

        // Accepted: a pseudonym is needed (nothing written without it), then a confirmed account
        // with the role, signed in; the link then serves no more.
        let refused = team::accept(&db, &Actor::Anonymous, &link, "", "", Locale::Fr).await.unwrap();
        assert!(matches!(refused, FormOutcome::Refused(_)), "{backend}: {refused:?}");
        assert_eq!(common::count(&db, "accounts").await, 3, "{backend}: no account half made");
        let FormOutcome::Done(session) = team::accept(&db, &Actor::Anonymous, &link, "Sami de la Régie", "", Locale::Fr).await.unwrap() else { panic!("accepted") };
        let sami = account::session(&db, &session.token).await.unwrap().unwrap();
        assert_eq!(sami.roles, vec![Role::RegieEditor { regie: a_id }], "{backend}");
        assert_eq!(team::accept(&db, &Actor::Anonymous, &link, "Sami bis", "", Locale::Fr).await.unwrap_err().code, Code::LinkExpired, "{backend}");

        // Only the Régie's administrators, the network and the operator manage its team.
        let refusals = [
            (Actor::Anonymous, 401),
            (sami.actor(), 403),
            (actor(&db, "admin@regie-b.example").await, 403),
            (actor(&db, "zoe@exemple.fr").await, 403),
        ];
        for (who, status) in &refusals {
            let e = team::invite(&db, who, &a_slug, "x@exemple.fr", TeamRole::Admin, Locale::Fr).await.unwrap_err();
            assert_eq!(e.status(), *status, "{backend}: {who:?} invites");
            assert_eq!(team::remove(&db, who, &a_slug, "sami@exemple.fr").await.unwrap_err().status(), *status, "{backend}: {who:?} removes");
            assert_eq!(team::team(&db, who, &a_slug).await.unwrap_err().status(), *status, "{backend}: {who:?} lists");
        }
        assert!(team::team(&db, &cli, &b_slug).await.is_ok(), "{backend}");
        assert_eq!(team::team(&db, &cli, "nulle-part").await.unwrap_err().code, Code::UnknownRegie, "{backend}");

        // An address with an account: accepting gives it the role (no pseudonym asked); invited
        // again as administrator, it holds one role in the team, the new one.
        team::invite(&db, &admin, &a_slug, "zoe@exemple.fr", TeamRole::Editor, Locale::Fr).await.unwrap();
        let link = invitation_token(&db, "zoe@exemple.fr").await;
        assert!(team::invitation(&db, &link).await.unwrap().unwrap().has_account, "{backend}");
        assert!(matches!(team::accept(&db, &Actor::Anonymous, &link, "", "", Locale::Fr).await.unwrap(), FormOutcome::Done(_)), "{backend}");
        team::invite(&db, &admin, &a_slug, "zoe@exemple.fr", TeamRole::Admin, Locale::Fr).await.unwrap();
        team::accept(&db, &Actor::Anonymous, &invitation_token(&db, "zoe@exemple.fr").await, "", "", Locale::Fr).await.unwrap();
        let listed = team::team(&db, &admin, &a_slug).await.unwrap();
        let zoe: Vec<_> = listed.members.iter().filter(|m| m.email == "zoe@exemple.fr").map(|m| m.role).collect();
        assert_eq!(zoe, vec![TeamRole::Admin], "{backend}");
        assert_eq!(listed.members.len(), 3, "{backend}: admin A, Sami, Zoé");
        assert!(listed.pending.is_empty(), "{backend}");

        // Taken out: from the next request on, Sami's session holds no role in the Régie.
        team::remove(&db, &admin, &a_slug, "sami@exemple.fr").await.unwrap();
        assert!(account::session(&db, &session.token).await.unwrap().unwrap().roles.is_empty(), "{backend}");
        assert_eq!(team::remove(&db, &admin, &a_slug, "sami@exemple.fr").await.unwrap_err().code, Code::NotFound, "{backend}");
        // A pending invitation is withdrawn the same way.
        team::invite(&db, &admin, &a_slug, "karim@exemple.fr", TeamRole::Editor, Locale::Fr).await.unwrap();
        let withdrawn = invitation_token(&db, "karim@exemple.fr").await;
        team::remove(&db, &admin, &a_slug, "karim@exemple.fr").await.unwrap();
        assert!(team::invitation(&db, &withdrawn).await.unwrap().is_none(), "{backend}");

        // The administrator's data lists the invitations they sent; deleted, the invitations stay
        // with the team, unsigned.
        let data = account::profile::export(&db, &admin).await.unwrap();
        assert_eq!(data["invitations"].as_array().unwrap().len(), 3, "{backend}: {}", data["invitations"]);
        account::profile::delete(&db, &admin, true).await.unwrap();
        let unsigned: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invitations WHERE invited_by IS NULL").fetch_one(&db.pool).await.unwrap();
        assert_eq!(unsigned, 3, "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_team_in_the_browser() {
    for backend in backends() {
        let (db, [(a_id, a_slug, a_name), _]) = with_regies(backend).await;
        operator::add(&db, &Actor::Cli, "admin@regie-a.example", Some(Role::RegieAdmin { regie: a_id }), Some("Admin A"), Some(PASSWORD)).await.unwrap();
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let site = common::repo_root().join("public").to_string_lossy().to_string();
        let options = LeptosOptions::builder().output_name("atlas").site_root(site).build();
        let app = http::router_with_limits(options, atlas, WriteLimits::new(std::num::NonZeroU32::new(1000).unwrap(), false));
        let mut admin = Browser { app: app.clone(), cookie: None };
        let mut newcomer = Browser { app, cookie: None };

        assert_eq!(admin.post("/api/ecriture/compte/connexion", &[("email", "admin@regie-a.example"), ("mot_de_passe", PASSWORD)]).await, "/compte");
        let page = admin.get("/compte").await.body;
        assert!(page.contains(&format!("Équipe de {a_name}")) && page.contains(INVITE_FORM), "{backend}");
        let back = admin.post("/api/ecriture/equipe/inviter", &[("regie", &a_slug), ("email", "sami@exemple.fr"), ("role", "editeur")]).await;
        assert_eq!(back, format!("/compte?fait=invitation&equipe={a_slug}"), "{backend}");
        let page = admin.get(&back).await.body;
        assert!(page.contains("L'invitation est partie") && page.contains("sami@exemple.fr"), "{backend}: the pending invitation is listed");
        let bad = admin.post("/api/ecriture/equipe/inviter", &[("regie", &a_slug), ("email", "sami@"), ("role", "editeur")]).await;
        assert!(bad.starts_with("/compte?erreurs=email_invalide"), "{backend}: {bad}");

        // The newcomer follows the link, chooses a pseudonym, and is in the team.
        let link = invitation_token(&db, "sami@exemple.fr").await;
        let page = newcomer.get(&format!("/compte/invitation?jeton={link}")).await.body;
        assert!(page.contains(&a_name) && page.contains("Pseudonyme") && page.contains("Mot de passe (facultatif)"), "{backend}");
        let weak = newcomer.post("/api/ecriture/equipe/accepter", &[("jeton", &link), ("pseudonyme", "Sami"), ("mot_de_passe", "azertyuiop123")]).await;
        assert!(weak.starts_with("/compte/invitation?erreurs=mot_de_passe_courant"), "{backend}: {weak}");
        assert!(weak.contains("pseudonyme=Sami"), "{backend}: the pseudonym is kept");
        let welcome = newcomer.post("/api/ecriture/equipe/accepter", &[("jeton", &link), ("pseudonyme", "Sami")]).await;
        assert_eq!(welcome, "/compte?bienvenue=equipe", "{backend}");
        let page = newcomer.get(&welcome).await.body;
        assert!(page.contains("Bienvenue dans l'équipe") && page.contains(&format!("Éditeur ou éditrice : {a_name}")), "{backend}");
        assert!(!page.contains(INVITE_FORM), "{backend}: an éditeur does not manage the team");
        let forbidden = newcomer.post("/api/ecriture/equipe/inviter", &[("regie", &a_slug), ("email", "x@exemple.fr"), ("role", "administrateur")]).await;
        assert!(forbidden.starts_with("/compte?erreur=interdit"), "{backend}: {forbidden}");
        assert!(newcomer.get(&forbidden).await.body.contains("vous n'avez pas le droit de faire cela"), "{backend}");

        // Taken out by the administrator: the newcomer's next page shows no role in the Régie.
        let done = admin.post("/api/ecriture/equipe/retirer", &[("regie", &a_slug), ("email", "sami@exemple.fr")]).await;
        assert_eq!(done, format!("/compte?fait=retrait&equipe={a_slug}"), "{backend}");
        assert!(!newcomer.get("/compte").await.body.contains(&format!("Éditeur ou éditrice : {a_name}")), "{backend}");

        // In English.
        let page = admin.get("/en/compte").await.body;
        assert!(page.contains(&format!("Team of {a_name}")) && page.contains(">Send the invitation</button>"), "{backend}");
        assert!(newcomer.get("/en/compte/invitation?jeton=spent").await.body.contains("This link has expired"), "{backend}");
    }
}

async fn set_role(b: &mut Browser, slug: &str, email: &str, role: &str) -> String {
    b.post("/api/ecriture/equipe/role", &[("regie", slug), ("email", email), ("role", role)]).await
}

/// Roles change in the team: an éditeur made administrateur manages the team from their next
/// page; the team always keeps an administrator (its last one can neither step down nor leave by
/// the team's hand: 409), the network may; through the router, as a browser does it.
#[tokio::test(flavor = "multi_thread")]
async fn roles_change_and_the_team_keeps_an_administrator() {
    for backend in backends() {
        let (db, [(a_id, a_slug, a_name), _]) = with_regies(backend).await;
        let cli = Actor::Cli;
        operator::add(&db, &cli, "admin@regie-a.example", Some(Role::RegieAdmin { regie: a_id }), Some("Admin A"), Some(PASSWORD)).await.unwrap();
        operator::add(&db, &cli, "sami@exemple.fr", Some(Role::RegieEditor { regie: a_id }), Some("Sami"), Some(PASSWORD)).await.unwrap();
        operator::add(&db, &cli, "reseau@exemple.fr", Some(Role::NetworkAdmin), Some("Réseau"), Some(PASSWORD)).await.unwrap();
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let options = LeptosOptions::builder().output_name("atlas").site_root(common::repo_root().join("public").to_string_lossy().to_string()).build();
        let app = http::router_with_limits(options, atlas, WriteLimits::new(std::num::NonZeroU32::new(1000).unwrap(), false));
        let mut admin = Browser { app: app.clone(), cookie: None };
        let mut sami = Browser { app, cookie: None };
        admin.post("/api/ecriture/compte/connexion", &[("email", "admin@regie-a.example"), ("mot_de_passe", PASSWORD)]).await;
        sami.post("/api/ecriture/compte/connexion", &[("email", "sami@exemple.fr"), ("mot_de_passe", PASSWORD)]).await;

        // The administrator's page offers one button per member; Sami becomes administrateur.
        let page = admin.get("/compte").await.body;
        assert!(page.contains("action=\"/api/ecriture/equipe/role\"") && page.contains("Rendre administrateur ou administratrice"), "{backend}");
        assert!(!sami.get("/compte").await.body.contains(INVITE_FORM), "{backend}: an éditeur does not manage the team");
        let done = set_role(&mut admin, &a_slug, "sami@exemple.fr", "administrateur").await;
        assert_eq!(done, format!("/compte?fait=role&equipe={a_slug}"), "{backend}");
        assert!(admin.get(&done).await.body.contains("son rôle a changé"), "{backend}");
        let page = sami.get("/compte").await.body;
        assert!(page.contains(INVITE_FORM) && page.contains(&format!("Équipe de {a_name}")), "{backend}: from the next page, Sami manages the team");

        // Sami makes the first administrator éditeur; now the last administrator, Sami can
        // neither step down nor leave: 409, named in the page.
        assert_eq!(set_role(&mut sami, &a_slug, "admin@regie-a.example", "editeur").await, format!("/compte?fait=role&equipe={a_slug}"), "{backend}");
        let refused = set_role(&mut sami, &a_slug, "sami@exemple.fr", "editeur").await;
        assert!(refused.starts_with("/compte?erreur=conflit"), "{backend}: {refused}");
        assert!(sami.get(&refused).await.body.contains("<li>La Régie doit garder au moins un administrateur : nommez-en un autre d'abord.</li>"), "{backend}");
        let leaving = sami.post("/api/ecriture/equipe/retirer", &[("regie", &a_slug), ("email", "sami@exemple.fr")]).await;
        assert!(leaving.starts_with("/compte?erreur=conflit"), "{backend}: {leaving}");
        let admins = || sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM account_roles WHERE role = 'regie-admin' AND scope = $1").bind(a_id.to_string()).fetch_one(&db.pool);
        assert_eq!(admins().await.unwrap(), 1, "{backend}");
        // The former administrator, now éditeur, manages the team no more.
        let forbidden = set_role(&mut admin, &a_slug, "sami@exemple.fr", "editeur").await;
        assert!(forbidden.starts_with("/compte?erreur=interdit"), "{backend}: {forbidden}");

        // Bad input: an unknown role (400), someone outside the team (404); nothing changes.
        assert!(set_role(&mut sami, &a_slug, "admin@regie-a.example", "patron").await.starts_with("/compte?erreur=parametre_invalide"), "{backend}");
        assert!(set_role(&mut sami, &a_slug, "personne@exemple.fr", "editeur").await.starts_with("/compte?erreur=introuvable"), "{backend}");
        assert_eq!(admins().await.unwrap(), 1, "{backend}");

        // The network may leave a Régie without an administrator (it can invite a new one).
        let network = actor(&db, "reseau@exemple.fr").await;
        team::change_role(&db, &network, &a_slug, "sami@exemple.fr", TeamRole::Editor).await.unwrap();
        assert_eq!(admins().await.unwrap(), 0, "{backend}");
        // The same role again writes nothing and is no error.
        team::change_role(&db, &network, &a_slug, "sami@exemple.fr", TeamRole::Editor).await.unwrap();

        // In English.
        team::change_role(&db, &network, &a_slug, "admin@regie-a.example", TeamRole::Admin).await.unwrap();
        let page = admin.get("/en/compte").await.body;
        assert!(page.contains("Make administrator") && page.contains("Make editor"), "{backend}");
        assert!(admin.get("/en/compte?erreur=conflit").await.body.contains("<li>The Régie must keep at least one administrator"), "{backend}");
    }
}

/// Two administrators demote each other at the same moment on two instances (two pools on one
/// database), many times over: exactly one change goes through, the team keeps one administrator.
#[tokio::test(flavor = "multi_thread")]
async fn two_administrators_demoting_each_other_at_once_leave_one() {
    for backend in backends() {
        let (first, second) = common::two_instances(backend).await;
        common::load_regies(&first).await;
        let (a_id, a_slug): (i64, String) = sqlx::query_as("SELECT id, slug FROM regies ORDER BY slug LIMIT 1").fetch_one(&first.pool).await.unwrap();
        let cli = Actor::Cli;
        operator::add(&first, &cli, "alice@exemple.fr", Some(Role::RegieAdmin { regie: a_id }), Some("Alice"), Some(PASSWORD)).await.unwrap();
        operator::add(&first, &cli, "bruno@exemple.fr", Some(Role::RegieAdmin { regie: a_id }), Some("Bruno"), Some(PASSWORD)).await.unwrap();
        for round in 0..6 {
            // Both administrators again (each round's actors read their roles afresh).
            team::change_role(&first, &cli, &a_slug, "alice@exemple.fr", TeamRole::Admin).await.unwrap();
            team::change_role(&first, &cli, &a_slug, "bruno@exemple.fr", TeamRole::Admin).await.unwrap();
            let (une, deux) = (actor(&first, "alice@exemple.fr").await, actor(&second, "bruno@exemple.fr").await);
            let (x, y) = tokio::join!(
                team::change_role(&first, &une, &a_slug, "bruno@exemple.fr", TeamRole::Editor),
                team::change_role(&second, &deux, &a_slug, "alice@exemple.fr", TeamRole::Editor),
            );
            let codes: Vec<Option<Code>> = [x, y].into_iter().map(|r| r.err().map(|e| e.code)).collect();
            assert!(codes.contains(&None) && codes.contains(&Some(Code::Conflict)), "{backend} round {round}: {codes:?}");
            let admins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM account_roles WHERE role = 'regie-admin' AND scope = $1").bind(a_id.to_string()).fetch_one(&first.pool).await.unwrap();
            assert_eq!(admins, 1, "{backend} round {round}");
        }
    }
}
