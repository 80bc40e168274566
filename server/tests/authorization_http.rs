//! The authorization matrix through the real HTTP adapters, on SQLite and PostgreSQL: every
//! write route (every server function under `/api/ecriture/`, enumerated from the registry, so a
//! new one without a row fails; and the multipart photo form) and the private download, sent as every kind of person with a
//! real session cookie — anonymous, habitant, éditeur of Régie 1, administrateur of Régie 1,
//! administrateur of Régie 2, network administrator, observer, suspended account. Each cell's
//! expected outcome is written by hand: `401` and `403` are what the browser is sent back with
//! (`erreur=connexion_requise`, `erreur=interdit`, or the status of the download), `ok` that the
//! rule let the request through (it may still be refused for its own reasons, a spent link).
//! The operator's use cases have no HTTP route: their column is in tests/authorization.rs.

mod common;

use atlas_core::account::Role;
use atlas_server::http;
use atlas_server::limits::WriteLimits;
use atlas_service::account::{self, link, operator};
use atlas_service::db::Database;
use atlas_service::{mail, Actor, Atlas};
use axum::http::StatusCode;
use common::browser::Browser;
use common::{backends, fresh};
use leptos::prelude::LeptosOptions;

const COLUMNS: [&str; 8] = ["anonymous", "habitant", "editor-1", "admin-1", "admin-2", "network", "observer", "suspended"];
const OWN: [&str; 8] = ["401", "ok", "ok", "ok", "ok", "ok", "ok", "401"];
const OPEN: [&str; 8] = ["ok"; 8];
const TEAM_1: [&str; 8] = ["401", "403", "403", "ok", "403", "ok", "403", "401"];
const PARTICIPATE: [&str; 8] = ["401", "ok", "ok", "ok", "ok", "ok", "ok", "401"];
const ANSWER_1: [&str; 8] = ["401", "403", "ok", "ok", "403", "403", "403", "401"];
const MODERATE_1: [&str; 8] = ["401", "403", "ok", "ok", "403", "ok", "403", "401"];
const EDIT_1: [&str; 8] = ["401", "403", "ok", "ok", "403", "ok", "403", "401"];
const NETWORK: [&str; 8] = ["401", "403", "403", "403", "403", "ok", "403", "401"];
/// Someone else's comment (or an item one does not support): nobody but its author.
const NOT_YOURS: [&str; 8] = ["401", "403", "403", "403", "403", "403", "403", "401"];

/// (route, form, expected per column). `{r1}` stands for Régie 1's slug, `{item}` for an item in
/// a QPV Régie 1 covers, `{comment}` for a comment on it (nobody's). The forms are refused by
/// their own rules once the right lets them through (a short text, a missing reason): the
/// cells write nothing that changes the next ones.
const MATRIX: &[(&str, &[(&str, &str)], [&str; 8])] = &[
    ("/api/ecriture/compte/inscription", &[("email", "nouveau@exemple.fr"), ("pseudonyme", "Nouveau"), ("mot_de_passe", "court")], OPEN),
    ("/api/ecriture/compte/connexion", &[("email", "personne@exemple.fr"), ("mot_de_passe", "une phrase fausse et longue")], OPEN),
    // The code asks for a session waiting for it, which none of these is.
    ("/api/ecriture/compte/code", &[("code", "000000")], ["401"; 8]),
    ("/api/ecriture/compte/deconnexion", &[], OPEN),
    ("/api/ecriture/compte/deconnexion-partout", &[], OWN),
    ("/api/ecriture/compte/confirmer", &[("jeton", "inconnu")], OPEN),
    ("/api/ecriture/compte/demander-un-lien", &[("email", "personne@exemple.fr"), ("pour", "connexion")], OPEN),
    ("/api/ecriture/compte/suivre-le-lien", &[("jeton", "inconnu")], OPEN),
    ("/api/ecriture/compte/choisir-le-mot-de-passe", &[("jeton", "inconnu"), ("mot_de_passe", "court")], OPEN),
    ("/api/ecriture/compte/pseudonyme", &[("pseudonyme", "Un autre nom")], OWN),
    ("/api/ecriture/compte/adresse", &[("email", "ailleurs@exemple.fr")], OWN),
    ("/api/ecriture/compte/confirmer-l-adresse", &[("jeton", "inconnu")], OPEN),
    ("/api/ecriture/compte/mot-de-passe", &[("actuel", "pas le bon"), ("nouveau", "court")], OWN),
    ("/api/ecriture/compte/supprimer", &[], OWN),
    ("/api/ecriture/equipe/inviter", &[("regie", "{r1}"), ("email", "invite@exemple.fr"), ("role", "editeur")], TEAM_1),
    ("/api/ecriture/equipe/retirer", &[("regie", "{r1}"), ("email", "absent@exemple.fr")], TEAM_1),
    ("/api/ecriture/equipe/role", &[("regie", "{r1}"), ("email", "absent@exemple.fr"), ("role", "administrateur")], TEAM_1),
    ("/api/ecriture/equipe/accepter", &[("jeton", "inconnu"), ("pseudonyme", "Invité")], OPEN),
    ("/api/ecriture/signaler-correction", &[("regie", "{r1}"), ("sujet", "autre"), ("message", "Le numéro de téléphone a changé.")], OPEN),
    ("MULTIPART /api/ecriture/participation/deposer", &[("nature", "signalement"), ("categorie", "proprete"), ("qpv", "QN9999999Z"), ("titre", "x"), ("texte", "court")], PARTICIPATE),
    ("/api/ecriture/participation/soutenir", &[("element", "{item}"), ("soutien", "1")], PARTICIPATE),
    ("/api/ecriture/participation/commenter", &[("element", "{item}"), ("texte", "x")], PARTICIPATE),
    ("/api/ecriture/participation/modifier-commentaire", &[("element", "{item}"), ("commentaire", "{comment}"), ("texte", "Pas le mien")], NOT_YOURS),
    ("/api/ecriture/participation/supprimer-commentaire", &[("element", "{item}"), ("commentaire", "{comment}")], NOT_YOURS),
    ("/api/ecriture/participation/statut", &[("element", "{item}"), ("regie", "{r1}"), ("statut", "non-retenu")], ANSWER_1),
    ("/api/ecriture/participation/modele", &[("element", "{item}"), ("regie", "{r1}"), ("titre", "x"), ("texte", "court")], ANSWER_1),
    ("/api/ecriture/participation/rouvrir", &[("element", "{item}"), ("texte", "Encore cassé.")], NOT_YOURS),
    ("/api/ecriture/participation/masquer", &[("element", "{item}"), ("motif", "")], MODERATE_1),
    ("/api/ecriture/participation/reclamer", &[("code", "AAAAA-AAAAA")], PARTICIPATE),
    ("/api/ecriture/participation/retirer", &[("code", "AAAAA-AAAAA")], OPEN),
    ("/api/ecriture/participation/brouillon", &[("titre", "Un brouillon"), ("texte", "Gardé pour plus tard")], PARTICIPATE),
    ("/api/ecriture/participation/signaler", &[("element", "{item}"), ("cible", "element"), ("id", "{item}"), ("motif", "inconnu")], PARTICIPATE),
    ("/api/ecriture/participation/moderer", &[("element", "{item}"), ("acte", "masque"), ("cible", "element"), ("id", "{item}"), ("motif", "")], MODERATE_1),
    ("/api/ecriture/participation/annuler", &[("acte", "{log}"), ("qpv", "QN9999999Z"), ("motif", "")], MODERATE_1),
    ("/api/ecriture/participation/mots/ajouter", &[("regie", "{r1}"), ("mot", "")], MODERATE_1),
    ("/api/ecriture/participation/mots/retirer", &[("id", "{word}")], MODERATE_1),
    ("/api/ecriture/suivre", &[("quoi", "qpv"), ("cible", "QN9999999Z")], PARTICIPATE),
    ("/api/ecriture/notifications/choix", &[("statut", "quotidien")], OWN),
    ("/api/ecriture/notifications/lues", &[], OWN),
    ("GET /compte/mes-donnees.json", &[], OWN),
    // `/gestion`: url-encoded axum handlers (a repeated field), and the pages themselves.
    ("FORM /api/ecriture/gestion/profil", &[("regie", "{r1}"), ("version", "0"), ("nom", "")], EDIT_1),
    // The key figures: a year without figures is refused (422) once the right let it through; taking out a year it never had changes nothing.
    ("FORM /api/ecriture/gestion/chiffres", &[("regie", "{r1}"), ("version", "0"), ("annee", "2024"), ("source", "bilan")], EDIT_1),
    ("FORM /api/ecriture/gestion/chiffres", &[("regie", "{r1}"), ("version", "0"), ("retirer", "1999")], EDIT_1),
    // Partners: a new partner without a name is refused (422) once the right let it through.
    ("FORM /api/ecriture/gestion/partenaires", &[("regie", "{r1}"), ("version", "0"), ("action", "ajouter"), ("partenaire_nom", ""), ("relation", "financeur")], EDIT_1),
    // News posts: an empty one is refused (422), post 0 is nobody's (404), once the right let them through.
    ("FORM /api/ecriture/gestion/actualites", &[("regie", "{r1}"), ("action", "publier"), ("titre", "")], EDIT_1),
    ("FORM /api/ecriture/gestion/actualites", &[("regie", "{r1}"), ("action", "retirer"), ("actualite", "0")], EDIT_1),
    // The logo: a form without an image is refused (422) once the right let it through.
    ("MULTIPART /api/ecriture/gestion/logo", &[("regie", "{r1}"), ("action", "envoyer")], EDIT_1),
    ("FORM /api/ecriture/gestion/restaurer", &[("regie", "{r1}"), ("numero", "0"), ("version", "0")], EDIT_1),
    ("FORM /api/ecriture/gestion/verifier", &[("regie", "{r1}")], NETWORK),
    ("FORM /api/ecriture/gestion/demander", &[("regie", "{r1}"), ("role", "editeur"), ("message", "Je coordonne les chantiers.")], PARTICIPATE),
    ("FORM /api/ecriture/reseau/decider", &[("demande", "0"), ("decision", "refuser")], NETWORK),
    ("FORM /api/ecriture/reseau/corrections", &[("correction", "0"), ("decision", "rejetee")], NETWORK),
    ("FORM /api/ecriture/reseau/couvertures", &[("regie", "{r1}"), ("qpv", "QN0000000X")], NETWORK),
    ("GET /reseau", &[], NETWORK),
    // The network's imports: an upload without a file, job 0 (unknown) started or given up.
    ("MULTIPART /api/ecriture/reseau/imports", &[("type", "regies")], NETWORK),
    ("FORM /api/ecriture/reseau/imports/lancer", &[("lot", "0")], NETWORK),
    ("FORM /api/ecriture/reseau/imports/abandonner", &[("lot", "0")], NETWORK),
    ("GET /reseau/imports", &[], NETWORK),
    ("GET /reseau/journal", &[], NETWORK),
    ("GET /reseau/journal.csv", &[], NETWORK),
    // People and roles: account 0 is nobody.
    ("FORM /api/ecriture/reseau/personnes/suspendre", &[("compte", "0")], NETWORK),
    ("FORM /api/ecriture/reseau/personnes/reactiver", &[("compte", "0")], NETWORK),
    ("FORM /api/ecriture/reseau/personnes/debloquer", &[("compte", "0")], NETWORK),
    ("GET /reseau/personnes", &[], NETWORK),
    // A new Régie without a name: refused (422) once the right let it through. The network adds
    // it; anyone else signed in proposes it (the same form), and only the network decides.
    ("FORM /api/ecriture/reseau/regies", &[("nom", ""), ("code_postal", "02000")], PARTICIPATE),
    ("GET /reseau/nouvelle-regie", &[], PARTICIPATE),
    ("GET /compte/nouvelle-regie", &[], PARTICIPATE),
    ("FORM /api/ecriture/reseau/propositions", &[("proposition", "0"), ("decision", "refuser")], NETWORK),
    // Without a role in it, the page offers to ask to keep it (« Vous travaillez dans cette Régie ? »).
    ("GET /gestion/{r1}", &[], PARTICIPATE),
    ("GET /gestion/{r1}/historique", &[], EDIT_1),
    ("GET /gestion/{r1}/chiffres", &[], EDIT_1),
    ("GET /gestion/{r1}/partenaires", &[], EDIT_1),
];

fn role_of(column: &str, regie_1: i64, regie_2: i64) -> Option<Role> {
    match column {
        "editor-1" => Some(Role::RegieEditor { regie: regie_1 }),
        "admin-1" => Some(Role::RegieAdmin { regie: regie_1 }),
        "admin-2" => Some(Role::RegieAdmin { regie: regie_2 }),
        "network" => Some(Role::NetworkAdmin),
        "observer" => Some(Role::Observer { territory: "departement:93".into() }),
        _ => None,
    }
}

/// A fresh account of the column's kind with a live session (opened by a mailed link: no
/// password to hash), or no cookie at all. The suspended account's session was live before.
async fn cookie_of(db: &Database, column: &str, n: usize, regies: (i64, i64)) -> Option<String> {
    if column == "anonymous" {
        return None;
    }
    let email = format!("cellule{n}@exemple.fr");
    operator::add(db, &Actor::Cli, &email, role_of(column, regies.0, regies.1), Some(&format!("Cellule {n}")), None).await.unwrap();
    link::request(db, &Actor::Anonymous, link::Purpose::SignIn, &email, atlas_core::locale::Locale::Fr).await.unwrap();
    let mails = mail::latest(db, 5).await.unwrap();
    let body = &mails.iter().find(|m| m.recipient == email && m.subject.contains("connexion")).unwrap().body_text;
    let token = body[body.find("jeton=").unwrap() + 6..].split_whitespace().next().unwrap().to_owned();
    let session = link::sign_in(db, &Actor::Anonymous, &token).await.unwrap();
    assert!(account::session(db, &session.token).await.unwrap().is_some());
    if column == "suspended" {
        operator::suspend(db, &Actor::Cli, &email).await.unwrap();
    }
    Some(session.token)
}

fn outcome(status: StatusCode, location: &str) -> &'static str {
    if status == StatusCode::UNAUTHORIZED || location.contains("erreur=connexion_requise") {
        "401"
    } else if status == StatusCode::FORBIDDEN || location.contains("erreur=interdit") {
        "403"
    } else {
        "ok"
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_write_route_as_every_kind_of_person() {
    // Every write route has its row.
    let routes: std::collections::BTreeSet<String> =
        leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_owned()).filter(|p| p.starts_with("/api/ecriture/")).collect();
    // (The photo form is multipart, an axum handler: its row is checked below, not listed by the registry.)
    let rows: std::collections::BTreeSet<String> = MATRIX.iter().map(|(r, _, _)| r.to_string()).filter(|r| r.starts_with("/api/")).collect();
    assert_eq!(rows, routes, "each write route needs its row in the matrix");

    for backend in backends() {
        let db = fresh(backend).await;
        common::load_regies(&db).await;
        let regies: Vec<(i64, String)> = sqlx::query_as("SELECT id, slug FROM regies ORDER BY id LIMIT 2").fetch_all(&db.pool).await.unwrap();
        // An item in a QPV that Régie 1 covers, and a comment on it (written directly: nobody's).
        let ts = "2026-01-01T00:00:00Z";
        sqlx::query("INSERT INTO qpv (code, nom, created_at, updated_at) VALUES ('QN9999999Z', 'Quartier d''essai', $1, $1)").bind(ts).execute(&db.pool).await.unwrap();
        sqlx::query("INSERT INTO couvertures (regie_id, qpv_code, statut, created_at, updated_at) VALUES ($1, 'QN9999999Z', 'declaree', $2, $2)").bind(regies[0].0).bind(ts).execute(&db.pool).await.unwrap();
        let item: i64 = sqlx::query_scalar(
            "INSERT INTO participation_items (qpv_code, kind, category, title, title_key, body, status, status_at, created_at)
             VALUES ('QN9999999Z', 'signalement', 'proprete', 'Un essai', 'un essai', 'Un élément pour la matrice.', 'nouveau', 0, 0) RETURNING id",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        let comment: i64 = sqlx::query_scalar("INSERT INTO participation_comments (item_id, body, created_at) VALUES ($1, 'Un commentaire', 0) RETURNING id")
            .bind(item)
            .fetch_one(&db.pool)
            .await
            .unwrap();
        let logged: i64 = sqlx::query_scalar(
            "INSERT INTO moderation_log (qpv_code, item_id, target, target_id, act, by_role, regie_id, reason, at)
             VALUES ('QN9999999Z', $1, 'element', $1, 'masque', 'regie', $2, 'Un essai.', 0) RETURNING id",
        )
        .bind(item)
        .bind(regies[0].0)
        .fetch_one(&db.pool)
        .await
        .unwrap();
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let site = common::repo_root().join("public").to_string_lossy().to_string();
        let options = LeptosOptions::builder().output_name("atlas").site_root(site).build();
        let app = http::router_with_limits(options, atlas, WriteLimits::new(std::num::NonZeroU32::new(100_000).unwrap(), false));
        let mut n = 0;
        let mut cells = 0;
        for (route, form, expected) in MATRIX {
            for (column, want) in COLUMNS.iter().zip(expected) {
                n += 1;
                let cookie = cookie_of(&db, column, n, (regies[0].0, regies[1].0)).await;
                let mut browser = Browser { app: app.clone(), cookie };
                // A word of Régie 1's list for each cell (a moderator's removal takes it away).
                let word: i64 = sqlx::query_scalar("INSERT INTO moderation_words (regie_id, word, created_at) VALUES ($1, $2, 0) RETURNING id")
                    .bind(regies[0].0)
                    .bind(format!("mot{n}"))
                    .fetch_one(&db.pool)
                    .await
                    .unwrap();
                let form: Vec<(&str, String)> = form
                    .iter()
                    .map(|(k, v)| {
                        let v = v.replace("{r1}", &regies[0].1).replace("{item}", &item.to_string()).replace("{comment}", &comment.to_string());
                        (*k, v.replace("{log}", &logged.to_string()).replace("{word}", &word.to_string()))
                    })
                    .collect();
                let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let (status, location) = if let Some(path) = route.strip_prefix("GET ") {
                    let page = browser.get(&path.replace("{r1}", &regies[0].1)).await;
                    (page.status, String::new())
                } else if let Some(path) = route.strip_prefix("FORM ") {
                    (StatusCode::FOUND, browser.post(path, &pairs).await)
                } else if let Some(path) = route.strip_prefix("MULTIPART ") {
                    (StatusCode::FOUND, browser.post_multipart(path, &pairs, &[]).await)
                } else {
                    (StatusCode::FOUND, browser.post(route, &pairs).await)
                };
                assert!(status.as_u16() < 500, "{backend}: {route} × {column}: {status}");
                assert_eq!(outcome(status, &location), *want, "{backend}: {route} × {column} → {status} {location}");
                cells += 1;
            }
        }
        assert_eq!(cells, MATRIX.len() * COLUMNS.len(), "{backend}");
    }
}
