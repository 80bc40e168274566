//! Accounts at the use-case layer and the operator's command line, on SQLite and PostgreSQL:
//! sign-up writes the account, its link and its mail in one transaction and answers the same for
//! a known address; the link confirms once; sign-in opens a session kept in the database (so any
//! instance knows it); sign-out ends it; the operator makes, lists, suspends and removes accounts.

mod common;

use atlas_core::account::{Problem, Role};
use atlas_core::locale::Locale;
use atlas_service::account::{self, operator, FormOutcome};
use atlas_service::{mail, Actor, Code};
use common::{backends, fresh};

/// The token of the last link mailed to this address (from the outbox, as the SMTP sink would see it).
async fn link_token(db: &atlas_service::db::Database, to: &str) -> String {
    let mails = mail::latest(db, 50).await.unwrap();
    let m = mails.iter().find(|m| m.recipient == to).unwrap_or_else(|| panic!("no mail to {to}"));
    let start = m.body_text.find("jeton=").expect("a link with a token") + "jeton=".len();
    m.body_text[start..].split_whitespace().next().unwrap().to_owned()
}

async fn count(db: &atlas_service::db::Database, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&db.pool).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_up_confirm_sign_in_and_out() {
    for backend in backends() {
        let db = fresh(backend).await;
        let anon = Actor::Anonymous;
        let strong = "une phrase de passe solide";

        // Every problem at once, nothing written.
        let refused = account::sign_up(&db, &anon, "zoe@", "Régie du coin", "azerty", Locale::Fr).await.unwrap();
        assert_eq!(
            refused,
            FormOutcome::Refused(vec![Problem::EmailInvalid, Problem::PseudonymInstitutional, Problem::PasswordTooShort, Problem::PasswordCommon]),
            "{backend}"
        );
        assert_eq!(count(&db, "SELECT COUNT(*) FROM accounts").await, 0, "{backend}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM outbox").await, 0, "{backend}");

        // Signed up: an unconfirmed account, a confirmation link, one mail in French.
        assert_eq!(account::sign_up(&db, &anon, " Zoe@Exemple.fr ", "Zoé B", strong, Locale::Fr).await.unwrap(), FormOutcome::Done(()), "{backend}");
        let hash: String = sqlx::query_scalar("SELECT password_hash FROM accounts").fetch_one(&db.pool).await.unwrap();
        assert!(hash.starts_with("$argon2id$"), "{backend}");
        let mails = mail::latest(&db, 10).await.unwrap();
        assert_eq!(mails.len(), 1, "{backend}");
        assert_eq!(mails[0].recipient, "zoe@exemple.fr");
        assert!(mails[0].subject.contains("Confirmez votre adresse"), "{backend}");
        assert!(mails[0].body_text.contains("http://127.0.0.1:3000/compte/confirmer?jeton="), "{backend}");
        let token = link_token(&db, "zoe@exemple.fr").await;

        // Not confirmed yet: sign-in refused like a wrong password.
        let e = account::sign_in(&db, &anon, "zoe@exemple.fr", strong, None).await.err().unwrap();
        assert_eq!(e.code, Code::WrongCredentials, "{backend}");

        // The same address again: the same answer, no second account, a mail to its owner.
        assert_eq!(account::sign_up(&db, &anon, "zoe@exemple.fr", "Autre Nom", strong, Locale::En).await.unwrap(), FormOutcome::Done(()), "{backend}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM accounts").await, 1, "{backend}");
        assert!(mail::latest(&db, 1).await.unwrap()[0].subject.contains("Your account"), "{backend}: in the language of the request");
        // The pseudonym is taken, whatever its case and accents.
        let taken = account::sign_up(&db, &anon, "autre@exemple.fr", "ZOE-b", strong, Locale::Fr).await.unwrap();
        assert_eq!(taken, FormOutcome::Refused(vec![Problem::PseudonymTaken]), "{backend}");

        // The link confirms once.
        let id = account::confirm(&db, &anon, &token).await.unwrap().account;
        assert_eq!(count(&db, "SELECT COUNT(*) FROM sessions").await, 1, "{backend}: following the link signs in");
        assert_eq!(account::confirm(&db, &anon, &token).await.unwrap_err().code, Code::LinkExpired, "{backend}");
        assert_eq!(account::confirm(&db, &anon, "not-a-token").await.unwrap_err().code, Code::LinkExpired, "{backend}");

        // Signed in: the session is in the database; wrong password and unknown address look alike.
        assert_eq!(account::sign_in(&db, &anon, "zoe@exemple.fr", "une phrase de passe fausse", None).await.err().unwrap().code, Code::WrongCredentials);
        assert_eq!(account::sign_in(&db, &anon, "nobody@exemple.fr", strong, None).await.err().unwrap().code, Code::WrongCredentials);
        let session = account::sign_in(&db, &anon, "ZOE@exemple.fr", strong, None).await.unwrap();
        assert_eq!(session.account, id);
        let stored: String = sqlx::query_scalar("SELECT token_hash FROM sessions").fetch_one(&db.pool).await.unwrap();
        assert_ne!(stored, session.token, "{backend}: only the token's hash is stored");
        let who = account::session(&db, &session.token).await.unwrap().expect("a live session");
        assert_eq!(who.pseudonym, "Zoé B");
        assert!(who.roles.is_empty(), "{backend}: a habitant");
        assert!(account::session(&db, "forged").await.unwrap().is_none());

        // A second device, then « sign out of all my devices ».
        let other = account::sign_in(&db, &anon, "zoe@exemple.fr", strong, None).await.unwrap();
        account::sign_out(&db, &session.token).await.unwrap();
        assert!(account::session(&db, &session.token).await.unwrap().is_none(), "{backend}");
        assert!(account::session(&db, &other.token).await.unwrap().is_some(), "{backend}");
        assert_eq!(account::sign_out_everywhere(&db, &Actor::Account { id, roles: vec![] }).await.unwrap(), 2, "{backend}: this device and the confirmation's");
        assert!(account::session(&db, &other.token).await.unwrap().is_none(), "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_operator_makes_lists_suspends_and_removes_accounts() {
    for backend in backends() {
        let db = fresh(backend).await;
        let cli = Actor::Cli;
        // Only the operator.
        let e = operator::add(&db, &Actor::Anonymous, "admin@mouvement.example", Some(Role::NetworkAdmin), None, None).await.unwrap_err();
        assert_eq!(e.status(), 401, "{backend}");
        assert_eq!(operator::list(&db, &Actor::Anonymous).await.unwrap_err().status(), 401, "{backend}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM accounts").await, 0, "{backend}");

        // Without a password: confirmed, the role granted, a link to choose one, mailed.
        let added = operator::add(&db, &cli, "admin@mouvement.example", Some(Role::NetworkAdmin), Some("Mouvement des Régies"), None).await.unwrap();
        assert!(added.created);
        let link = added.password_link.expect("a link to choose the password");
        assert!(link.starts_with("http://127.0.0.1:3000/compte/mot-de-passe?jeton="), "{link}");
        assert_eq!(mail::latest(&db, 1).await.unwrap()[0].recipient, "admin@mouvement.example");
        // With a password (as `--password-stdin` reads it): signs in at once.
        let weak = operator::add(&db, &cli, "obs@ville.example", None, None, Some("motdepasse")).await.unwrap_err();
        assert_eq!(weak.status(), 400, "{backend}: {weak:?}");
        operator::add(&db, &cli, "obs@ville.example", Some(Role::Observer { territory: "departement:93".into() }), None, Some("une phrase de passe solide"))
            .await
            .unwrap();
        let s = account::sign_in(&db, &Actor::Anonymous, "obs@ville.example", "une phrase de passe solide", None).await.unwrap();
        let who = account::session(&db, &s.token).await.unwrap().unwrap();
        assert_eq!(who.roles, vec![Role::Observer { territory: "departement:93".into() }]);
        // Adding again grants another role, no second account.
        operator::add(&db, &cli, "obs@ville.example", Some(Role::NetworkAdmin), None, None).await.unwrap();
        assert_eq!(count(&db, "SELECT COUNT(*) FROM accounts").await, 2, "{backend}");

        let lines = operator::list(&db, &cli).await.unwrap();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("admin@mouvement.example\tMouvement des Régies\tactif\tnetwork-admin"), "{}", lines[0]);
        assert!(lines[1].contains("network-admin, observer:departement:93"), "{}", lines[1]);

        // Suspended: the live session ends and signing in is refused.
        operator::suspend(&db, &cli, "obs@ville.example").await.unwrap();
        assert!(account::session(&db, &s.token).await.unwrap().is_none(), "{backend}");
        assert_eq!(account::sign_in(&db, &Actor::Anonymous, "obs@ville.example", "une phrase de passe solide", None).await.err().unwrap().code, Code::WrongCredentials);
        assert!(operator::list(&db, &cli).await.unwrap()[1].contains("\tsuspendu\t"));

        // Removed with its roles and sessions.
        operator::remove(&db, &cli, "obs@ville.example").await.unwrap();
        assert_eq!(count(&db, "SELECT COUNT(*) FROM accounts").await, 1, "{backend}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM account_roles").await, 1, "{backend}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM sessions").await, 0, "{backend}");
        assert_eq!(operator::remove(&db, &cli, "obs@ville.example").await.unwrap_err().status(), 404, "{backend}");
    }
}

/// `server users add … --password-stdin` and `server users list`: the documented command that
/// makes a fresh install's first network administrator.
#[tokio::test(flavor = "multi_thread")]
async fn the_first_administrator_by_one_command() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    for backend in backends() {
        let url = common::fresh_url(backend).await;
        let server = env!("CARGO_BIN_EXE_server");
        let mut add = Command::new(server)
            .args(["users", "add", "admin@mouvement.example", "--role", "network-admin", "--pseudonym", "Mouvement des Régies", "--password-stdin"])
            .env("DATABASE_URL", &url)
            .env("RUST_LOG", "error")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        add.stdin.take().unwrap().write_all(b"une phrase de passe solide\n").unwrap();
        let out = add.wait_with_output().unwrap();
        assert!(out.status.success(), "{backend}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "Compte admin@mouvement.example (créé), rôle network-admin.\n");
        let bad = Command::new(server).args(["users", "add", "x@y.example", "--role", "regie-admin"]).env("DATABASE_URL", &url).output().unwrap();
        assert!(!bad.status.success());
        assert!(String::from_utf8_lossy(&bad.stderr).contains("--regie IDENTIFIANT est requis"), "{backend}");
        let list = Command::new(server).args(["users", "list"]).env("DATABASE_URL", &url).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&list.stdout), "admin@mouvement.example\tMouvement des Régies\tactif\tnetwork-admin\n", "{backend}");
        let db = atlas_service::db::connect(&url).await.unwrap();
        let session = account::sign_in(&db, &Actor::Anonymous, "admin@mouvement.example", "une phrase de passe solide", None).await.unwrap();
        assert_eq!(account::session(&db, &session.token).await.unwrap().unwrap().roles, vec![Role::NetworkAdmin], "{backend}");
    }
}

/// Ten wrong passwords, half through each of two instances on one database: the account waits
/// (429, the minutes said in French), the right password is refused until the wait ends, then works.
#[tokio::test(flavor = "multi_thread")]
async fn failed_sign_ins_are_throttled_across_instances() {
    for backend in backends() {
        let url = common::fresh_url(backend).await;
        let first = atlas_service::db::connect(&url).await.unwrap();
        first.migrate().await.unwrap();
        let second = atlas_service::db::connect(&url).await.unwrap();
        let anon = Actor::Anonymous;
        let strong = "une phrase de passe solide";
        operator::add(&first, &Actor::Cli, "zoe@exemple.fr", None, Some("Zoé"), Some(strong)).await.unwrap();
        for n in 0..10 {
            let db = if n % 2 == 0 { &first } else { &second };
            let e = account::sign_in(db, &anon, "zoe@exemple.fr", "pas le bon mot de passe", Some("192.0.2.7")).await.err().unwrap();
            // The tenth already says how long to wait.
            let expected = if n < 9 { Code::WrongCredentials } else { Code::TooManyAttempts };
            assert_eq!(e.code, expected, "{backend}: attempt {n}");
        }
        let e = account::sign_in(&second, &anon, "zoe@exemple.fr", strong, Some("198.51.100.1")).await.err().unwrap();
        assert_eq!(e.status(), 429, "{backend}");
        assert_eq!(e.message(Locale::Fr), "trop de tentatives de connexion : attendez 15 min avant de réessayer", "{backend}");
        assert_eq!(e.message(Locale::En), "too many sign-in attempts: wait 15 min before trying again");
        // Another account from the same client is not blocked yet (the client's limit is higher).
        operator::add(&first, &Actor::Cli, "lulu@exemple.fr", None, Some("Lulu"), Some(strong)).await.unwrap();
        assert!(account::sign_in(&first, &anon, "lulu@exemple.fr", strong, Some("192.0.2.7")).await.is_ok(), "{backend}");
        // The wait ends (as if 15 minutes had passed): the right password works and clears the count.
        sqlx::query("UPDATE throttles SET blocked_until = 1, window_start = 1").execute(&first.pool).await.unwrap();
        assert!(account::sign_in(&first, &anon, "zoe@exemple.fr", strong, Some("192.0.2.7")).await.is_ok(), "{backend}");
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM throttles WHERE throttle_key = 'compte:zoe@exemple.fr'").fetch_one(&first.pool).await.unwrap();
        assert_eq!(left, 0, "{backend}");
    }
}

/// The retention periods of the privacy rules, applied: old unconfirmed accounts, dead sessions
/// and links, old sign-in traces and sent mails go; the rest stays.
#[tokio::test(flavor = "multi_thread")]
async fn expired_personal_data_is_deleted() {
    for backend in backends() {
        let db = fresh(backend).await;
        let anon = Actor::Anonymous;
        let strong = "une phrase de passe solide";
        account::sign_up(&db, &anon, "ancien@exemple.fr", "Ancien", strong, Locale::Fr).await.unwrap();
        account::sign_up(&db, &anon, "recent@exemple.fr", "Recent", strong, Locale::Fr).await.unwrap();
        operator::add(&db, &Actor::Cli, "zoe@exemple.fr", None, Some("Zoé"), Some(strong)).await.unwrap();
        let live = account::sign_in(&db, &anon, "zoe@exemple.fr", strong, None).await.unwrap();
        let stale = account::sign_in(&db, &anon, "zoe@exemple.fr", strong, None).await.unwrap();
        let _ = account::sign_in(&db, &anon, "zoe@exemple.fr", "pas le bon mot de passe", None).await;
        let eight_days_ago = atlas_service::account::store::now_ms() - 8 * 86_400_000;
        sqlx::query("UPDATE accounts SET created_at = $1 WHERE email = 'ancien@exemple.fr'").bind(eight_days_ago).execute(&db.pool).await.unwrap();
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(eight_days_ago)
            .bind(atlas_service::account::token::digest(&stale.token))
            .execute(&db.pool)
            .await
            .unwrap();
        sqlx::query("UPDATE throttles SET window_start = $1").bind(eight_days_ago).execute(&db.pool).await.unwrap();
        let deleted = account::purge(&db).await.unwrap();
        assert_eq!(deleted, 3, "{backend}: the old unconfirmed account, the idle session, the old trace");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM account_tokens").await, 1, "{backend}: the old account's link went with it");
        let emails: Vec<String> = sqlx::query_scalar("SELECT email FROM accounts ORDER BY email").fetch_all(&db.pool).await.unwrap();
        assert_eq!(emails, vec!["recent@exemple.fr", "zoe@exemple.fr"], "{backend}");
        assert!(account::session(&db, &live.token).await.unwrap().is_some(), "{backend}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM throttles").await, 0, "{backend}");
        assert_eq!(account::purge(&db).await.unwrap(), 0, "{backend}: nothing more");
    }
}

/// Eight sign-ups at the same moment with one pseudonym (and two with one address): one account
/// each, the others told the pseudonym is taken, never an error. Both backends.
#[tokio::test(flavor = "multi_thread")]
async fn simultaneous_sign_ups_never_fail() {
    for backend in backends() {
        let db = fresh(backend).await;
        let mut tasks = tokio::task::JoinSet::new();
        for n in 0..8 {
            let db = db.clone();
            tasks.spawn(async move {
                let email = if n < 2 { "meme@exemple.fr".to_owned() } else { format!("p{n}@exemple.fr") };
                account::sign_up(&db, &Actor::Anonymous, &email, "Même Nom", "une phrase de passe solide", Locale::Fr).await
            });
        }
        let mut done = 0;
        while let Some(outcome) = tasks.join_next().await {
            match outcome.unwrap() {
                Ok(FormOutcome::Done(())) => done += 1,
                Ok(FormOutcome::Refused(p)) => assert_eq!(p, vec![Problem::PseudonymTaken], "{backend}"),
                Err(e) => panic!("{backend}: {e:?}"),
            }
        }
        assert!(done >= 1, "{backend}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM accounts").await, 1, "{backend}: one pseudonym, one account");
    }
}
