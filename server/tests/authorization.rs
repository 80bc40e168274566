//! The authorization matrix at the use-case layer: every use case that writes or reads private
//! data, called as every actor. An anonymous visitor is refused (401) before anything is read or
//! written; the operator at the command line may.

mod common;

use atlas_core::correction::CorrectionOutcome;
use atlas_service::import::{self, ImportOptions, Request};
use atlas_service::{backup, correction, moderation, participation, Actor};
use common::{backends, count, count_corrections, fresh, reference_dir};

#[tokio::test(flavor = "multi_thread")]
async fn every_use_case_checks_the_actor() {
    for backend in backends() {
        let db = fresh(backend).await;
        let anonymous = Actor::Anonymous;
        let status = |e: &dyn std::fmt::Debug, s: u16| {
            let text = format!("{e:?}");
            assert!(text.contains(&format!("{s}")) || text.contains("NotSignedIn"), "{backend}: {text}");
        };
        // Imports: nothing loaded for an anonymous actor.
        let refused = import::run(&db, &anonymous, Request::Reference(reference_dir()), ImportOptions::default()).await.unwrap_err();
        status(&refused, 401);
        assert_eq!(count(&db, "communes").await, 0, "{backend}");
        let refused = import::load_demo(&db, &anonymous, &common::repo_root().join("data/demo/partenariats.csv")).await.unwrap_err();
        status(&refused, 401);
        status(&import::remove_demo(&db, &anonymous).await.unwrap_err(), 401);
        // Readers' corrections carry contact addresses: not for anonymous eyes.
        assert_eq!(correction::export_csv(&db, &anonymous, true).await.unwrap_err().status(), 401, "{backend}");
        assert_eq!(correction::mark_handled(&db, &anonymous, &[1]).await.unwrap_err().status(), 401, "{backend}");
        // Backups.
        let file = std::env::temp_dir().join(format!("atlas-authz-{}-{backend}.db", std::process::id()));
        status(&backup::backup(&db, &anonymous, &file).await.unwrap_err(), 401);
        assert!(!file.exists(), "{backend}: no backup written");
        status(&backup::restore("sqlite://nowhere.db", &anonymous, &file).await.unwrap_err(), 401);

        // The operator may, and an anonymous reader may report a correction.
        let reports = import::run(&db, &Actor::Cli, Request::Reference(reference_dir()), ImportOptions::default()).await.unwrap();
        assert!(reports.iter().all(|r| !r.rolled_back), "{backend}");
        assert_eq!(count(&db, "qpv").await, 1584, "{backend}");
        let atlas = atlas_service::Atlas::open(db.clone()).await.unwrap();
        let slug: String = sqlx::query_scalar("SELECT slug FROM regies ORDER BY slug LIMIT 1").fetch_one(&db.pool).await.unwrap();
        let outcome = correction::report(&atlas, &anonymous, &slug, "autre", "Le numéro de téléphone a changé.", "").await.unwrap();
        assert!(matches!(outcome, CorrectionOutcome::Recorded { .. }), "{backend}: {outcome:?}");
        assert_eq!(count_corrections(&db).await, 1, "{backend}");
        assert!(correction::export_csv(&db, &Actor::Cli, true).await.unwrap().contains("téléphone"), "{backend}");
        assert_eq!(correction::mark_handled(&db, &Actor::Cli, &[1]).await.unwrap(), 1, "{backend}");
    }
}

/// Every use case × every kind of actor, the expected outcome of each cell written by hand
/// (not derived from the rule under test): `ok` (the rule let it through: the call may still
/// fail for its own reasons, an unknown Régie, a missing file), `401` or `403`. A suspended
/// account never becomes an actor (its sessions stop resolving: tests/account_pages.rs). Every
/// action must have a row, so a new use case without one fails.
#[tokio::test(flavor = "multi_thread")]
async fn every_role_against_every_use_case() {
    use atlas_core::locale::Locale;
    use atlas_service::account::{self, link, operator, profile, second_factor, team};
    use atlas_service::regie::partners;
    use atlas_service::Action;
    use std::collections::BTreeSet;

    // Columns: anonymous, operator (CLI), habitant, éditeur of Régie 1, administrateur of Régie 1,
    // network administrator, observer of the 93, administrateur of Régie 2 (staff of another Régie).
    const MATRIX: &[(Action, [&str; 8])] = &[
        (Action::ReadPublic, ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"]),
        (Action::ReportCorrection, ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"]),
        (Action::ReadCorrections, ["401", "ok", "403", "403", "403", "ok", "403", "403"]),
        (Action::HandleCorrections, ["401", "ok", "403", "403", "403", "ok", "403", "403"]),
        (Action::Import, ["401", "ok", "403", "403", "403", "ok", "403", "403"]),
        (Action::ManageDemo, ["401", "ok", "403", "403", "403", "403", "403", "403"]),
        (Action::Backup, ["401", "ok", "403", "403", "403", "403", "403", "403"]),
        (Action::UseAccount, ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"]),
        (Action::ManageAccounts, ["401", "ok", "403", "403", "403", "ok", "403", "403"]),
        (Action::ManageOwnAccount, ["401", "403", "ok", "ok", "ok", "ok", "ok", "ok"]),
        (Action::ManageTeam { regie: 1 }, ["401", "ok", "403", "403", "ok", "ok", "403", "403"]),
        (Action::Participate, ["401", "403", "ok", "ok", "ok", "ok", "ok", "ok"]),
        (Action::AnswerParticipation { regie: 1 }, ["401", "403", "403", "ok", "ok", "403", "403", "403"]),
        (Action::ModerateParticipation { regie: 1 }, ["401", "403", "403", "ok", "ok", "ok", "403", "403"]),
        (Action::EditRegie { regie: 1 }, ["401", "ok", "403", "ok", "ok", "ok", "403", "403"]),
        (Action::VerifyRegies, ["401", "ok", "403", "403", "403", "ok", "403", "403"]),
        (Action::CreateRegie, ["401", "ok", "403", "403", "403", "ok", "403", "403"]),
    ];
    fn outcome(debug: String) -> &'static str {
        if debug.contains("NotSignedIn") {
            "401"
        } else if debug.contains("Forbidden") {
            "403"
        } else {
            "ok"
        }
    }
    let rows: BTreeSet<String> = MATRIX.iter().map(|(a, _)| format!("{a:?}")).collect();
    let all: BTreeSet<String> = Action::ALL.iter().map(|a| format!("{a:?}")).collect();
    assert_eq!(rows, all, "every action has its row");
    for backend in backends() {
        let db = fresh(backend).await;
        // Real Régies, so that « Régie 1 » of the examples is one.
        common::load_regies(&db).await;
        let regie_1: String = sqlx::query_scalar("SELECT slug FROM regies WHERE id = 1").fetch_one(&db.pool).await.unwrap();
        let atlas = atlas_service::Atlas::open(db.clone()).await.unwrap();
        // An item in a QPV that Régie 1 covers (written directly: its author is nobody's account).
        let ts = "2026-01-01T00:00:00Z";
        sqlx::query("INSERT INTO qpv (code, nom, created_at, updated_at) VALUES ('QN9999999Z', 'Quartier d''essai', $1, $1)").bind(ts).execute(&db.pool).await.unwrap();
        sqlx::query("INSERT INTO couvertures (regie_id, qpv_code, statut, created_at, updated_at) VALUES (1, 'QN9999999Z', 'declaree', $1, $1)").bind(ts).execute(&db.pool).await.unwrap();
        let item: i64 = sqlx::query_scalar(
            "INSERT INTO participation_items (qpv_code, kind, category, title, title_key, body, status, status_at, created_at)
             VALUES ('QN9999999Z', 'signalement', 'proprete', 'Un essai', 'un essai', 'Un élément pour la matrice.', 'nouveau', 0, 0) RETURNING id",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        let mut actors = Vec::new();
        for (n, example) in Actor::examples().into_iter().enumerate() {
            // The rule reads the actor's roles (as the session resolves them); accounts are real so
            // that what is allowed reaches their rows.
            actors.push(match example {
                Actor::Account { roles, .. } => {
                    let email = format!("role{n}@exemple.fr");
                    let added = operator::add(&db, &Actor::Cli, &email, None, Some(&format!("Personne {n}")), Some("une phrase de passe solide")).await.unwrap();
                    Actor::Account { id: added.id, roles }
                }
                other => other,
            });
        }
        assert_eq!(actors.len(), 8, "the matrix's columns");
        let mut cells = 0;
        for (column, actor) in actors.iter().enumerate() {
            let file = std::env::temp_dir().join(format!("atlas-authz-{}-{backend}-{column}.db", std::process::id()));
            let missing = std::env::temp_dir().join("atlas-authz-missing.csv");
            // A word of Régie 1's list and an act of the QPV's log, for each column to try on.
            let word: i64 = sqlx::query_scalar("INSERT INTO moderation_words (regie_id, word, created_at) VALUES (1, $1, 0) RETURNING id")
                .bind(format!("mot{column}"))
                .fetch_one(&db.pool)
                .await
                .unwrap();
            let logged: i64 = sqlx::query_scalar(
                "INSERT INTO moderation_log (qpv_code, item_id, target, target_id, act, by_role, regie_id, reason, at)
                 VALUES ('QN9999999Z', $1, 'element', $1, 'masque', 'regie', 1, 'Un essai.', 0) RETURNING id",
            )
            .bind(item)
            .fetch_one(&db.pool)
            .await
            .unwrap();
            let moderation_form = moderation::ActForm { act: "masque".into(), target: "element".into(), id: item, reason: String::new(), into: None };
            let seen: Vec<(Action, String)> = vec![
                (Action::ReadPublic, format!("{:?}", atlas_service::regie::page(&atlas, actor, "nulle-part").await)),
                (Action::ReportCorrection, format!("{:?}", correction::report(&atlas, actor, "nulle-part", "autre", "Un message assez long.", "").await)),
                (Action::ReadCorrections, format!("{:?}", correction::export_csv(&db, actor, true).await)),
                (Action::HandleCorrections, format!("{:?}", correction::mark_handled(&db, actor, &[]).await)),
                (Action::ReadCorrections, format!("{:?}", correction::queue(&db, actor).await.map(|_| ()))),
                (Action::HandleCorrections, format!("{:?}", correction::decide(&db, actor, 0, true).await)),
                (Action::Import, format!("{:?}", import::run(&db, actor, Request::Regies(missing), ImportOptions::default()).await)),
                // The network's imports from its pages (an unreadable file is a refused check; job 0 is unknown: 404).
                (Action::Import, format!("{:?}", import::jobs::check(&atlas, actor, "regies", "x.csv", b"Nom\n".to_vec()).await.map(|_| ()))),
                (Action::Import, format!("{:?}", import::jobs::list(&atlas, actor).await.map(|_| ()))),
                (Action::Import, format!("{:?}", import::jobs::job(&atlas, actor, 0).await.map(|_| ()))),
                (Action::Import, format!("{:?}", import::jobs::start(&atlas, actor, 0).await)),
                (Action::Import, format!("{:?}", import::jobs::abandon(&atlas, actor, 0).await)),
                (Action::ManageDemo, format!("{:?}", import::remove_demo(&db, actor).await)),
                (Action::Backup, format!("{:?}", backup::backup(&db, actor, &file).await)),
                (Action::UseAccount, format!("{:?}", link::request(&db, actor, link::Purpose::SignIn, "x@exemple.fr", Locale::Fr).await)),
                (Action::ManageAccounts, format!("{:?}", operator::list(&db, actor).await)),
                // The network's page of people: account 0 is nobody (404 once the right let it through).
                (Action::ManageAccounts, format!("{:?}", atlas_service::account::people::people(&db, actor, "", Locale::Fr).await.map(|_| ()))),
                (Action::ManageAccounts, format!("{:?}", atlas_service::account::people::set_suspended(&db, actor, 0, true).await)),
                (Action::ManageAccounts, format!("{:?}", atlas_service::account::people::set_suspended(&db, actor, 0, false).await)),
                (Action::ManageAccounts, format!("{:?}", atlas_service::account::people::unlock(&db, actor, 0).await)),
                (Action::ManageAccounts, format!("{:?}", second_factor::enable(&db, actor, "personne@exemple.fr").await.map(|_| ()))),
                (Action::ManageAccounts, format!("{:?}", second_factor::disable(&db, actor, "personne@exemple.fr").await)),
                (Action::UseAccount, format!("{:?}", team::accept(&db, actor, "un-lien-inconnu", "", "", Locale::Fr).await.map(|_| ()))),
                (Action::ManageTeam { regie: 1 }, format!("{:?}", team::team(&db, actor, &regie_1).await.map(|_| ()))),
                (Action::ManageTeam { regie: 1 }, format!("{:?}", team::invite(&db, actor, &regie_1, "invitee@exemple.fr", team::TeamRole::Editor, Locale::Fr).await)),
                (Action::ManageTeam { regie: 1 }, format!("{:?}", team::remove(&db, actor, &regie_1, "invitee@exemple.fr").await)),
                // Nobody of that address in the team: 404 once the right let it through.
                (Action::ManageTeam { regie: 1 }, format!("{:?}", team::change_role(&db, actor, &regie_1, "invitee@exemple.fr", team::TeamRole::Admin).await)),
                (Action::Participate, format!("{:?}", participation::support(&db, actor, item, true).await)),
                (Action::Participate, format!("{:?}", participation::drafts::save(&db, actor, &participation::drafts::DraftForm { title: "Un brouillon".into(), ..Default::default() }).await)),
                // Refused for its missing reason once the right let it through: nothing is written.
                (Action::AnswerParticipation { regie: 1 }, format!("{:?}", participation::set_status(&db, actor, item, &regie_1, "non-retenu", "", "").await)),
                (Action::ModerateParticipation { regie: 1 }, format!("{:?}", participation::hide_item(&db, actor, item, "").await)),
                (Action::Participate, format!("{:?}", moderation::flag(&db, actor, "element", item, "motif-inconnu").await)),
                (Action::Participate, format!("{:?}", moderation::word_lists(&db, actor).await.map(|_| ()))),
                (Action::ReadPublic, format!("{:?}", moderation::read::log(&db, actor, "QN9999999Z").await.map(|_| ()))),
                (Action::ReadPublic, format!("{:?}", moderation::read::moderates(&db, actor, "QN9999999Z").await)),
                // Refused for their missing reason or word once the right let them through.
                (Action::ModerateParticipation { regie: 1 }, format!("{:?}", moderation::moderate(&db, actor, &moderation_form).await)),
                (Action::ModerateParticipation { regie: 1 }, format!("{:?}", moderation::undo(&db, actor, logged, "").await)),
                (Action::ModerateParticipation { regie: 1 }, format!("{:?}", moderation::add_word(&db, actor, &regie_1, "").await)),
                (Action::ModerateParticipation { regie: 1 }, format!("{:?}", moderation::remove_word(&db, actor, word).await)),
                (Action::Participate, format!("{:?}", atlas_service::notification::follow(&db, actor, "qpv", "QN9999999Z", true).await)),
                (Action::ManageOwnAccount, format!("{:?}", atlas_service::notification::page(&db, actor, Locale::Fr).await.map(|_| ()))),
                (Action::ManageOwnAccount, format!("{:?}", atlas_service::notification::set_settings(&db, actor, &[("statut".into(), "quotidien".into())]).await)),
                (Action::ManageOwnAccount, format!("{:?}", atlas_service::notification::mark_read(&db, actor, None).await)),
                (Action::UseAccount, format!("{:?}", atlas_service::notification::unsubscribe(&db, actor, "un-lien-inconnu").await)),
                // Refused for its empty form or missing version once the right let it through.
                (Action::EditRegie { regie: 1 }, format!("{:?}", atlas_service::regie::edit::open(&db, actor, &regie_1).await.map(|_| ()))),
                (Action::EditRegie { regie: 1 }, format!("{:?}", atlas_service::regie::edit::save(&db, actor, &regie_1, &Default::default(), 0).await)),
                (Action::EditRegie { regie: 1 }, format!("{:?}", atlas_service::regie::edit::history(&db, actor, &regie_1).await.map(|_| ()))),
                // News posts: an empty form is refused by its rules, post 0 is nobody's (404), once the right let them through.
                (Action::EditRegie { regie: 1 }, format!("{:?}", atlas_service::regie::news::all(&db, actor, &regie_1).await.map(|_| ()))),
                (Action::EditRegie { regie: 1 }, format!("{:?}", atlas_service::regie::news::publish(&db, actor, &regie_1, &Default::default()).await)),
                (Action::EditRegie { regie: 1 }, format!("{:?}", atlas_service::regie::news::remove(&db, actor, &regie_1, 0).await)),
                // The logo: no image is refused by its rules, none to take out is 404, once the right let them through.
                (Action::EditRegie { regie: 1 }, format!("{:?}", atlas_service::regie::logo::current(&db, actor, &regie_1).await)),
                (Action::EditRegie { regie: 1 }, format!("{:?}", atlas_service::regie::logo::set(&db, actor, &regie_1, Vec::new()).await)),
                (Action::EditRegie { regie: 1 }, format!("{:?}", atlas_service::regie::logo::remove(&db, actor, &regie_1).await)),
                (Action::ReadPublic, format!("{:?}", atlas_service::regie::logo::file(&db, actor, &regie_1, true).await)),
                (Action::ReadPublic, format!("{:?}", atlas_service::regie::logo::public(&db, actor, &regie_1).await)),
                (Action::ReadPublic, format!("{:?}", atlas_service::regie::news::latest(&db, actor, &regie_1).await)),
                (Action::EditRegie { regie: 1 }, format!("{:?}", atlas_service::regie::edit::restore(&db, actor, &regie_1, 0, 0).await)),
                // Refused for its empty year once the right let it through; a year it never had changes nothing.
                (Action::EditRegie { regie: 1 }, format!("{:?}", atlas_service::regie::edit::save_figures(&db, actor, &regie_1, &Default::default(), 0).await)),
                (Action::EditRegie { regie: 1 }, format!("{:?}", atlas_service::regie::edit::remove_figures(&db, actor, &regie_1, 1999, 0).await)),
                (Action::EditRegie { regie: 1 }, format!("{:?}", atlas_service::regie::edit::candidates(&db, actor, &regie_1).await.map(|_| ()))),
                // Partners: refused for their empty forms, or 404 for a relation Régie 1 does not have, once the right let them through.
                (Action::EditRegie { regie: 1 }, format!("{:?}", partners::search(&db, actor, &regie_1, "habitat").await.map(|_| ()))),
                (Action::EditRegie { regie: 1 }, format!("{:?}", partners::add(&db, actor, &regie_1, &partners::Choice::New(Default::default()), &Default::default(), 0).await)),
                (Action::EditRegie { regie: 1 }, format!("{:?}", partners::remove(&db, actor, &regie_1, 0, "financeur", 0).await)),
                (Action::EditRegie { regie: 1 }, format!("{:?}", partners::add_contract(&db, actor, &regie_1, 0, "financeur", &Default::default(), 0).await)),
                (Action::EditRegie { regie: 1 }, format!("{:?}", partners::remove_contract(&db, actor, &regie_1, 0, "financeur", 0, 0).await)),
                (Action::VerifyRegies, format!("{:?}", atlas_service::regie::edit::verify(&db, actor, &regie_1).await)),
                // An empty form: refused for its name once the right let it through, nothing written.
                (Action::CreateRegie, format!("{:?}", atlas_service::regie::create::create(&db, actor, &Default::default(), true).await)),
                (Action::CreateRegie, format!("{:?}", atlas_service::regie::create::preview(&db, actor, &Default::default()).await)),
                (Action::ManageOwnAccount, format!("{:?}", atlas_service::regie::edit::mine(&db, actor).await)),
                (Action::VerifyRegies, format!("{:?}", atlas_service::regie::edit::stale(&db, actor).await.map(|_| ()))),
                // A QPV Régie 1 does not declare: 404 once the right let it through.
                (Action::VerifyRegies, format!("{:?}", atlas_service::regie::edit::confirm_coverage(&db, actor, &regie_1, "QN0000000X").await)),
                (Action::VerifyRegies, format!("{:?}", atlas_service::regie::edit::declared(&db, actor).await.map(|_| ()))),
                (Action::VerifyRegies, format!("{:?}", atlas_service::regie::audit::log(&db, actor, &Default::default(), Locale::Fr).await.map(|_| ()))),
                (Action::VerifyRegies, format!("{:?}", atlas_service::regie::audit::csv(&db, actor, &Default::default(), Locale::Fr).await.map(|_| ()))),
                (Action::Participate, format!("{:?}", atlas_service::regie::claim::target(&db, actor, &regie_1).await.map(|_| ()))),
                // Refused (409) for the Régie's own staff once the right let them through.
                (Action::Participate, format!("{:?}", atlas_service::regie::claim::ask(&db, actor, &regie_1, team::TeamRole::Editor, "Je suis la coordinatrice.").await)),
                (Action::VerifyRegies, format!("{:?}", atlas_service::regie::claim::queue(&db, actor).await.map(|_| ()))),
                (Action::VerifyRegies, format!("{:?}", atlas_service::regie::claim::decide(&db, actor, 0, false).await)),
                // Proposing a Régie: an empty form is refused for its name once the right let it through;
                // deciding proposal 0: 404.
                (Action::Participate, format!("{:?}", atlas_service::regie::proposal::propose(&db, actor, &Default::default(), "", false).await)),
                (Action::Participate, format!("{:?}", atlas_service::regie::proposal::preview(&db, actor, &Default::default()).await)),
                (Action::VerifyRegies, format!("{:?}", atlas_service::regie::proposal::queue(&db, actor).await.map(|_| ()))),
                (Action::ModerateParticipation { regie: 1 }, format!("{:?}", moderation::read::queue_of(&db, actor, 1, 5).await.map(|_| ()))),
                (Action::VerifyRegies, format!("{:?}", atlas_service::regie::proposal::decide(&db, actor, 0, false).await)),
                (Action::ManageOwnAccount, format!("{:?}", atlas_service::regie::proposal::waiting_of(&db, actor).await)),
                (Action::ManageOwnAccount, format!("{:?}", profile::profile(&db, actor).await)),
                (Action::ManageOwnAccount, format!("{:?}", profile::change_pseudonym(&db, actor, &format!("Nouveau nom {column}")).await.map(|_| ()))),
                (Action::ManageOwnAccount, format!("{:?}", profile::export(&db, actor).await.map(|_| ()))),
                (Action::ManageOwnAccount, format!("{:?}", account::sign_out_everywhere(&db, actor).await)),
                (Action::ManageOwnAccount, format!("{:?}", profile::request_email_change(&db, actor, "neuf@exemple.fr", Locale::Fr).await.map(|_| ()))),
                (Action::ManageOwnAccount, format!("{:?}", profile::delete(&db, actor, true).await)),
            ];
            let _ = std::fs::remove_file(&file);
            for (action, debug) in seen {
                let expected = MATRIX.iter().find(|(a, _)| *a == action).unwrap().1[column];
                assert_eq!(outcome(debug.clone()), expected, "{backend}: {actor:?} × {action:?}: {debug}");
                cells += 1;
            }
        }
        assert_eq!(cells, 8 * 90, "{backend}");
        // The queue is any moderator's, each seeing their own spaces: Régie 2's administrator too.
        const QUEUE: [&str; 8] = ["401", "403", "403", "ok", "ok", "ok", "403", "ok"];
        for (column, actor) in actors.iter().enumerate() {
            let seen = format!("{:?}", moderation::read::queue(&db, actor).await.map(|_| ()));
            assert_eq!(outcome(seen.clone()), QUEUE[column], "{backend}: {actor:?} × queue: {seen}");
        }
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts").fetch_one(&db.pool).await.unwrap();
        assert_eq!(left, 0, "{backend}: each account deleted itself");
    }
}
