//! Notifications at the use-case layer and through the router, on SQLite and PostgreSQL: people
//! follow a QPV, a Régie, an item (« Moi aussi »); a new item, a status, a comment reach the
//! followers in the Atlas (the bell's count) and by mail as each chose; a mail's one-click
//! unsubscribe works without a session, a GET (a scanner) changes nothing; the daily digest is
//! sent once when two instances try at the same moment.

mod common;

use atlas_core::account::Role;
use atlas_core::locale::Locale;
use atlas_core::notification::{MailMode, NewsKind};
use atlas_core::participation::Outcome;
use atlas_service::account::{self, operator};
use atlas_service::db::{self, Database};
use atlas_service::notification::{self, digest};
use atlas_service::participation::{self, PostForm};
use atlas_service::{Actor, Atlas, Code};
use common::{backends, fresh_url};

const PASSWORD: &str = "une phrase de passe solide";
const QPV: &str = "QN9999999Z";

async fn person(db: &Database, email: &str, pseudonym: &str, role: Option<Role>) -> (Actor, String) {
    operator::add(db, &Actor::Cli, email, role, Some(pseudonym), Some(PASSWORD)).await.unwrap();
    let s = account::sign_in(db, &Actor::Anonymous, email, PASSWORD, None).await.unwrap();
    (account::session(db, &s.token).await.unwrap().unwrap().actor(), s.token)
}

/// Mails queued for an address: (subject, text, List-Unsubscribe).
async fn mails_to(db: &Database, to: &str) -> Vec<(String, String, Option<String>)> {
    sqlx::query_as("SELECT subject, body_text, list_unsubscribe FROM outbox WHERE recipient = $1 ORDER BY id").bind(to).fetch_all(&db.pool).await.unwrap()
}

fn token_in(text: &str) -> String {
    let at = text.find("jeton=").expect("an unsubscribe link") + "jeton=".len();
    text[at..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

async fn mail_setting(db: &Database, email: &str, kind: NewsKind) -> Option<String> {
    sqlx::query_scalar("SELECT s.mail FROM notification_settings s JOIN accounts a ON a.id = s.account_id WHERE a.email = $1 AND s.kind = $2")
        .bind(email)
        .bind(kind.code())
        .fetch_optional(&db.pool)
        .await
        .unwrap()
}

/// Real communes and Régies, and a QPV that Régie 1 covers (no outlines: the post names the QPV).
async fn setup(backend: &str) -> (String, Database, Atlas, String) {
    let url = fresh_url(backend).await;
    let db = db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    common::load_regies(&db).await;
    let slug = common::qpv_covered_by_regie_1(&db).await;
    let atlas = Atlas::open(db.clone()).await.unwrap();
    (url, db, atlas, slug)
}

#[tokio::test(flavor = "multi_thread")]
async fn followers_hear_in_the_atlas_and_by_mail_as_they_chose() {
    for backend in backends() {
        let (url, db, atlas, regie_slug) = setup(backend).await;
        let (amina, _) = person(&db, "amina@exemple.fr", "Amina", None).await;
        let (bruno, bruno_token) = person(&db, "bruno@exemple.fr", "Bruno", None).await;
        let (chloe, _) = person(&db, "chloe@exemple.fr", "Chloé", None).await;
        let (dora, _) = person(&db, "dora@exemple.fr", "Dora", None).await;
        let (staff, _) = person(&db, "equipe@regie.example", "Équipe", Some(Role::RegieEditor { regie: 1 })).await;

        // Following: a QPV and a Régie; nobody anonymous, nothing unknown, no other kind.
        assert_eq!(notification::follow(&db, &Actor::Anonymous, "qpv", QPV, true).await.unwrap_err().code, Code::NotSignedIn, "{backend}");
        assert_eq!(notification::follow(&db, &Actor::Cli, "qpv", QPV, true).await.unwrap_err().code, Code::Forbidden, "{backend}");
        assert_eq!(notification::follow(&db, &chloe, "qpv", "QN0000000X", true).await.unwrap_err().status(), 404, "{backend}");
        assert_eq!(notification::follow(&db, &chloe, "commune", "93048", true).await.unwrap_err().status(), 400, "{backend}");
        assert!(notification::follow(&db, &chloe, "qpv", QPV, true).await.unwrap(), "{backend}");
        assert!(!notification::follow(&db, &chloe, "qpv", QPV, true).await.unwrap(), "{backend}: twice is once");
        assert!(notification::follow(&db, &dora, "regie", &regie_slug, true).await.unwrap(), "{backend}");
        // Chloé wants new items in a daily digest, Dora at once; a bad choice changes nothing.
        let bad = notification::set_settings(&db, &chloe, &[("nouvel-element".into(), "quotidien".into()), ("statut".into(), "parfois".into())]).await;
        assert_eq!(bad.unwrap_err().status(), 400, "{backend}");
        assert_eq!(mail_setting(&db, "chloe@exemple.fr", NewsKind::NewItem).await, None, "{backend}: nothing half-written");
        notification::set_settings(&db, &chloe, &[("nouvel-element".into(), "quotidien".into())]).await.unwrap();
        notification::set_settings(&db, &dora, &[("nouvel-element".into(), "immediat".into())]).await.unwrap();

        // Amina posts: the QPV's and the Régie's followers hear of it; not Amina herself.
        let form = PostForm { kind: "signalement".into(), category: "eclairage".into(), qpv: QPV.into(), title: "Lampadaire éteint devant l'école".into(), body: "Depuis lundi soir, le trottoir est noir.".into(), ..Default::default() };
        let Outcome::Done(item) = participation::post(&atlas, &amina, &form).await.unwrap() else { panic!("posted") };
        assert_eq!(notification::unread(&db, &chloe).await.unwrap(), 1, "{backend}");
        assert_eq!(notification::unread(&db, &dora).await.unwrap(), 1, "{backend}");
        assert_eq!(notification::unread(&db, &amina).await.unwrap(), 0, "{backend}");
        assert!(mails_to(&db, "chloe@exemple.fr").await.is_empty(), "{backend}: Chloé waits for her digest");
        let dora_mails = mails_to(&db, "dora@exemple.fr").await;
        assert_eq!(dora_mails.len(), 1, "{backend}");
        assert!(dora_mails[0].1.contains("Nouveau à Les Tilleuls d'essai : « Lampadaire éteint devant l'école »."), "{backend}: {:?}", dora_mails[0]);
        assert!(dora_mails[0].2.as_deref().is_some_and(|u| u.contains("/api/desabonnement?jeton=")), "{backend}: List-Unsubscribe");

        // Bruno taps « Moi aussi » (he follows), the Régie sets « en cours »: the author and the
        // supporter hear it in the Atlas and by mail (the default for statuses); the staff do not.
        participation::support(&db, &bruno, item, true).await.unwrap();
        assert_eq!(participation::set_status(&db, &staff, item, &regie_slug, "en-cours", "Signalé à la mairie.", "").await.unwrap(), Outcome::Done(()), "{backend}");
        for email in ["amina@exemple.fr", "bruno@exemple.fr"] {
            let mails = mails_to(&db, email).await;
            let status = mails.iter().find(|m| m.0.contains("Lampadaire")).unwrap_or_else(|| panic!("{backend}: {email} {mails:?}"));
            assert!(status.1.contains("« Lampadaire éteint devant l'école » est passé à « en cours »."), "{backend}: {}", status.1);
            assert!(status.1.contains("/compte/desabonnement?jeton="), "{backend}: the unsubscribe page's link");
        }
        assert!(mails_to(&db, "equipe@regie.example").await.iter().all(|m| !m.0.starts_with("Du nouveau")), "{backend}");
        assert_eq!(account::session(&db, &bruno_token).await.unwrap().unwrap().unread, 1, "{backend}: the bell's count");

        // Bruno comments: Amina hears it in the Atlas only (comments are not mailed unless asked).
        let before = mails_to(&db, "amina@exemple.fr").await.len();
        participation::comment(&db, &bruno, item, None, "Toujours noir ce soir.").await.unwrap();
        assert_eq!(notification::unread(&db, &amina).await.unwrap(), 2, "{backend}");
        assert_eq!(notification::unread(&db, &bruno).await.unwrap(), 1, "{backend}: not told of his own comment");
        assert_eq!(mails_to(&db, "amina@exemple.fr").await.len(), before, "{backend}");
        let page = notification::page(&db, &amina, Locale::Fr).await.unwrap();
        let sentences: Vec<&str> = page.latest.iter().map(|n| n.sentence.as_str()).collect();
        assert_eq!(sentences, ["Bruno a commenté « Lampadaire éteint devant l'école ».", "« Lampadaire éteint devant l'école » est passé à « en cours »."], "{backend}");
        let english = notification::page(&db, &amina, Locale::En).await.unwrap();
        assert_eq!(english.latest[0].sentence, "Bruno commented on “Lampadaire éteint devant l'école”.", "{backend}");
        assert_eq!(page.settings.iter().find(|(k, _)| *k == NewsKind::Status).map(|(_, m)| *m), Some(MailMode::Immediate), "{backend}");
        notification::mark_read(&db, &amina, Some(item)).await.unwrap();
        assert_eq!(notification::unread(&db, &amina).await.unwrap(), 0, "{backend}");
        assert_eq!(notification::page(&db, &Actor::Anonymous, Locale::Fr).await.unwrap_err().status(), 401, "{backend}");

        // Amina stops the status mails from her mail's link: reading it changes nothing, the
        // click does; she still hears in the Atlas, Bruno still gets his mails.
        let link = token_in(&mails_to(&db, "amina@exemple.fr").await.last().unwrap().1);
        assert_eq!(notification::unsubscribe_preview(&db, &Actor::Anonymous, &link).await.unwrap(), Some(NewsKind::Status), "{backend}");
        assert_eq!(mail_setting(&db, "amina@exemple.fr", NewsKind::Status).await, None, "{backend}: a look changes nothing");
        assert_eq!(notification::unsubscribe(&db, &Actor::Anonymous, &link).await.unwrap(), Some(NewsKind::Status), "{backend}");
        assert_eq!(mail_setting(&db, "amina@exemple.fr", NewsKind::Status).await.as_deref(), Some("jamais"), "{backend}");
        assert_eq!(notification::unsubscribe(&db, &Actor::Anonymous, "un-lien-inconnu").await.unwrap_err().status(), 404, "{backend}");
        let (amina_before, bruno_before) = (mails_to(&db, "amina@exemple.fr").await.len(), mails_to(&db, "bruno@exemple.fr").await.len());
        participation::set_status(&db, &staff, item, &regie_slug, "realise", "Le lampadaire est réparé.", "").await.unwrap();
        assert_eq!(mails_to(&db, "amina@exemple.fr").await.len(), amina_before, "{backend}");
        assert_eq!(mails_to(&db, "bruno@exemple.fr").await.len(), bruno_before + 1, "{backend}");
        assert_eq!(notification::unread(&db, &amina).await.unwrap(), 1, "{backend}: still told in the Atlas");

        // The digest: two instances try at the same moment; one sends it, once.
        let other = db::connect(&url).await.unwrap();
        let now = account::store::now_ms();
        let (first, second) = tokio::join!(digest::send_daily(&db, "instance-1", now, 0), digest::send_daily(&other, "instance-2", now, 0));
        let (first, second) = (first.unwrap(), second.unwrap());
        assert!(first.is_some() != second.is_some(), "{backend}: exactly one instance sends ({first:?}, {second:?})");
        assert_eq!(first.or(second), Some(1), "{backend}: Chloé's digest");
        assert_eq!(digest::send_daily(&db, "instance-1", now + 60_000, 0).await.unwrap(), None, "{backend}: not twice a day");
        let chloe_mails = mails_to(&db, "chloe@exemple.fr").await;
        assert_eq!(chloe_mails.len(), 1, "{backend}");
        assert!(chloe_mails[0].0.contains("résumé du jour") && chloe_mails[0].1.contains("Lampadaire éteint devant l'école"), "{backend}: {:?}", chloe_mails[0]);
        // The digest's link stops every kind.
        notification::unsubscribe(&db, &Actor::Anonymous, &token_in(&chloe_mails[0].1)).await.unwrap();
        for kind in NewsKind::ALL {
            assert_eq!(mail_setting(&db, "chloe@exemple.fr", kind).await.as_deref(), Some("jamais"), "{backend}: {kind:?}");
        }
        // Unfollowing: no more news from there.
        notification::follow(&db, &dora, "regie", &regie_slug, false).await.unwrap();
        assert!(notification::page(&db, &dora, Locale::Fr).await.unwrap().follows.is_empty(), "{backend}");
    }
}

/// Through the router, as a mail client and a scanner do it: a GET of the List-Unsubscribe
/// address changes nothing (sent to the page, which asks for the click); RFC 8058's POST, from
/// another site and without a session, unsubscribes.
#[tokio::test(flavor = "multi_thread")]
async fn one_click_unsubscribe_works_without_a_session_and_a_get_changes_nothing() {
    use atlas_server::http;
    use atlas_server::limits::WriteLimits;
    use axum::body::Body;
    use axum::http::{header, Request, StatusCode};
    use common::browser::Browser;
    use leptos::prelude::LeptosOptions;
    for backend in backends() {
        let (_, db, atlas, regie_slug) = setup(backend).await;
        let (amina, _) = person(&db, "amina@exemple.fr", "Amina", None).await;
        let (staff, _) = person(&db, "equipe@regie.example", "Équipe", Some(Role::RegieEditor { regie: 1 })).await;
        let form = PostForm { kind: "signalement".into(), category: "proprete".into(), qpv: QPV.into(), title: "Dépôt sauvage rue des Lilas".into(), body: "Des sacs depuis une semaine.".into(), ..Default::default() };
        let Outcome::Done(item) = participation::post(&atlas, &amina, &form).await.unwrap() else { panic!("posted") };
        participation::set_status(&db, &staff, item, &regie_slug, "recu", "", "").await.unwrap();
        let (_, text, list) = mails_to(&db, "amina@exemple.fr").await.pop().unwrap();
        let list = list.unwrap();
        let path = &list[list.find("/api/desabonnement").unwrap()..];
        assert_eq!(token_in(path), token_in(&text), "{backend}: the header and the body name the same link");

        let site = common::repo_root().join("public").to_string_lossy().to_string();
        let options = LeptosOptions::builder().output_name("atlas").site_root(site).build();
        let app = http::router_with_limits(options, atlas, WriteLimits::new(std::num::NonZeroU32::new(1000).unwrap(), false));
        let mut client = Browser { app, cookie: None };
        // A scanner follows the link: sent to the page, nothing changed.
        let scanned = client.get(path).await;
        assert_eq!(scanned.status, StatusCode::SEE_OTHER, "{backend}");
        assert!(scanned.headers[header::LOCATION].to_str().unwrap().starts_with("/compte/desabonnement?jeton="), "{backend}");
        let page = client.get(scanned.headers[header::LOCATION].to_str().unwrap()).await;
        assert!(page.body.contains("Ce lien arrête les courriels de cette sorte") && page.body.contains("Me désabonner"), "{backend}");
        assert_eq!(mail_setting(&db, "amina@exemple.fr", NewsKind::Status).await, None, "{backend}: a GET changes nothing");
        // The mail client's one click: a POST from its own site, no session.
        let clicked = client
            .send(
                Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").header("sec-fetch-site", "cross-site").header(header::ACCEPT, "*/*"),
                Body::from("List-Unsubscribe=One-Click"),
            )
            .await;
        // (The client's `Accept: */*` comes first: not a browser, so a plain 200 that says what stopped.)
        assert_eq!(clicked.status, StatusCode::OK, "{backend}: {}", clicked.body);
        assert_eq!(clicked.body, r#"{"desabonne":"statut"}"#, "{backend}");
        assert_eq!(mail_setting(&db, "amina@exemple.fr", NewsKind::Status).await.as_deref(), Some("jamais"), "{backend}");
        assert!(client.get("/compte/desabonnement?fait=1").await.body.contains("vous ne recevrez plus ces courriels"), "{backend}");
        // An unknown link: 404 with its message.
        let unknown = client.send(Request::post("/api/desabonnement?jeton=inconnu"), Body::empty()).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{backend}");
    }
}
