//! Participation behind a load balancer: two server instances on one database (each its own
//! memory, page cache and snapshot, following the revisions as deployed). An item posted through
//! one shows on the other's list, whose stored page is replaced; « Moi aussi » through the other
//! counts on the first; a draft kept through one is put back by the other; the per-account flood
//! limit holds across them (the sixth post of the hour is refused on either). The time from the
//! post's answer to the other instance showing it is printed. On SQLite and PostgreSQL.

mod common;

use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use atlas_server::http;
use atlas_server::limits::WriteLimits;
use atlas_server::page_cache::PageCache;
use atlas_service::account::operator;
use atlas_service::{Actor, Atlas, Code};
use common::browser::Browser;
use common::{backends, fresh};
use leptos::prelude::LeptosOptions;

const QPV: &str = "QN9999999Z";

fn instance(atlas: Atlas) -> axum::Router {
    let site = common::repo_root().join("public").to_string_lossy().to_string();
    let options = LeptosOptions::builder().output_name("atlas").site_root(site).build();
    http::router_with(options, atlas, WriteLimits::new(NonZeroU32::new(1000).unwrap(), false), PageCache::new(16 << 20))
}

/// Polls `browser`'s `path` until its page contains `needle` (10 s at most); answers the wait.
async fn until_shown(browser: &mut Browser, path: &str, needle: &str, what: &str) -> Duration {
    let started = Instant::now();
    loop {
        if browser.get(path).await.body.contains(needle) {
            return started.elapsed();
        }
        assert!(started.elapsed() < Duration::from_secs(10), "{what}: {path} never shows {needle:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn two_instances_share_the_participatory_space() {
    for backend in backends() {
        let db = fresh(backend).await;
        sqlx::query("INSERT INTO qpv (code, nom, created_at, updated_at) VALUES ($1, 'Quartier des deux instances', '2026-01-01', '2026-01-01')")
            .bind(QPV)
            .execute(&db.pool)
            .await
            .unwrap();
        operator::add(&db, &Actor::Cli, "amina@exemple.fr", None, Some("Amina"), Some("une phrase de passe solide")).await.unwrap();
        operator::add(&db, &Actor::Cli, "bruno@exemple.fr", None, Some("Bruno"), Some("une phrase de passe solide")).await.unwrap();
        let (one, two) = (Atlas::open(db.clone()).await.unwrap(), Atlas::open(db.clone()).await.unwrap());
        let followers = [tokio::spawn(atlas_service::watch::follow(one.clone())), tokio::spawn(atlas_service::watch::follow(two.clone()))];
        let (app_one, app_two) = (instance(one), instance(two));

        let mut amina = Browser { app: app_one.clone(), cookie: None };
        assert_eq!(amina.post("/api/ecriture/compte/connexion", &[("email", "amina@exemple.fr"), ("mot_de_passe", "une phrase de passe solide")]).await, "/compte");
        let mut amina_there = Browser { app: app_two.clone(), cookie: amina.cookie.clone() };
        let mut bruno_there = Browser { app: app_two.clone(), cookie: None };
        assert_eq!(bruno_there.post("/api/ecriture/compte/connexion", &[("email", "bruno@exemple.fr"), ("mot_de_passe", "une phrase de passe solide")]).await, "/compte");
        let (mut reader_one, mut reader_two) = (Browser { app: app_one.clone(), cookie: None }, Browser { app: app_two.clone(), cookie: None });

        // The other instance's list, stored in its page cache before the post.
        let list = format!("/participation?qpv={QPV}");
        assert!(reader_two.get(&list).await.body.contains("0 élément(s) en tout"), "{backend}");
        assert_eq!(reader_two.get(&list).await.headers["x-atlas-cache"], "hit", "{backend}: stored");

        // A draft kept through one instance is put back by the other.
        let form = [("nature", "signalement"), ("categorie", "eclairage"), ("qpv", QPV), ("langue", "fr")];
        let mut draft = form.to_vec();
        draft.extend([("titre", "Lampadaire du square"), ("texte", "Éteint depuis trois soirs.")]);
        let kept = amina.post("/api/ecriture/participation/brouillon", &draft).await;
        assert!(amina_there.get(&kept).await.body.contains("value=\"Lampadaire du square\""), "{backend}");

        // Posted through the first: on the second's list, its stored page replaced.
        let mut post = form.to_vec();
        post.extend([("titre", "Lampadaire éteint au square"), ("texte", "Le lampadaire du square est éteint depuis trois soirs.")]);
        let at = amina.post_multipart("/api/ecriture/participation/deposer", &post, &[]).await;
        assert!(at.contains("?depose=1"), "{backend}: {at}");
        let waited = until_shown(&mut reader_two, &list, "Lampadaire éteint au square", backend).await;
        println!("{backend}: élément déposé sur l'instance 1, visible dans la liste de l'instance 2 après {} ms", waited.as_millis());
        assert!(reader_two.get(&list).await.body.contains("1 élément(s) en tout"), "{backend}");
        assert!(!amina_there.get(&kept).await.body.contains("Lampadaire du square"), "{backend}: posted, the draft is gone for both");

        // « Moi aussi » through the second counts on the first.
        let item = at.split('?').next().unwrap().trim_start_matches("/participation/").to_owned();
        let back = bruno_there.post("/api/ecriture/participation/soutenir", &[("element", item.as_str()), ("soutien", "1"), ("langue", "fr")]).await;
        assert!(back.starts_with(&format!("/participation/{item}")), "{backend}: {back}");
        until_shown(&mut reader_one, &format!("/participation/{item}"), "1 soutien(s)", backend).await;

        // Five posts an hour per account, whichever instance takes them.
        for n in 2..=5 {
            let title = format!("Idée numéro {n} pour le quartier");
            let mut idea = vec![("nature", "proposition"), ("categorie", "autre"), ("qpv", QPV), ("langue", "fr"), ("titre", title.as_str())];
            idea.push(("texte", "Une idée de plus pour le quartier."));
            let browser = if n % 2 == 0 { &mut amina_there } else { &mut amina };
            assert!(browser.post_multipart("/api/ecriture/participation/deposer", &idea, &[]).await.contains("?depose=1"), "{backend}: post {n}");
        }
        let mut sixth = vec![("nature", "proposition"), ("categorie", "autre"), ("qpv", QPV), ("langue", "fr"), ("titre", "Une idée de trop")];
        sixth.push(("texte", "Une idée de plus pour le quartier."));
        for browser in [&mut amina, &mut amina_there] {
            let refused = browser.post_multipart("/api/ecriture/participation/deposer", &sixth, &[]).await;
            assert!(refused.contains(&format!("erreur={}", Code::TooManyRequests.name())), "{backend}: {refused}");
        }
        let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM participation_items").fetch_one(&db.pool).await.unwrap();
        assert_eq!(stored, 5, "{backend}: the refused posts stored nothing");
        for f in followers {
            f.abort();
        }
    }
}
