//! Live news across instances, on SQLite and PostgreSQL: two servers on one database, a browser's
//! stream (`/api/direct`) open on the second; a comment posted through the first reaches it (the
//! time is printed: a figure, not a limit), and a stream reopened with `Last-Event-ID` first
//! receives what happened while it was away.

mod common;

use std::time::{Duration, Instant};

use atlas_core::participation::Outcome;
use atlas_server::http;
use atlas_server::limits::WriteLimits;
use atlas_service::account::{self, operator};
use atlas_service::participation::{self, PostForm};
use atlas_service::{db, live, Actor, Atlas};
use axum::body::Body;
use axum::http::{header, Request};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

const QPV: &str = "QN9999999Z";

/// Reads the stream until an event names `item` with `kind`; answers its id.
async fn next_event(body: &mut Body, item: i64, kind: &str) -> i64 {
    let wanted = format!("data: {{\"element\":{item},\"quoi\":\"{kind}\"}}");
    let mut text = String::new();
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(10), body.frame()).await.expect("an event within 10 s").expect("the stream goes on").unwrap();
        if let Ok(data) = frame.into_data() {
            text.push_str(&String::from_utf8_lossy(&data));
        }
        // Events end with a blank line; the id comes first.
        while let Some(end) = text.find("\n\n") {
            let event: String = text.drain(..end + 2).collect();
            if event.contains(&wanted) {
                let id = event.lines().find_map(|l| l.strip_prefix("id: ")).expect("an id");
                return id.trim().parse().unwrap();
            }
        }
    }
}

async fn open_stream(app: &axum::Router, last: Option<i64>) -> Body {
    let mut request = Request::get("/api/direct");
    if let Some(id) = last {
        request = request.header("last-event-id", id.to_string());
    }
    let response = app.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "text/event-stream");
    response.into_body()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_comment_on_one_instance_reaches_a_stream_of_the_other() {
    for backend in common::backends() {
        let url = common::fresh_url(backend).await;
        let first = db::connect(&url).await.unwrap();
        first.migrate().await.unwrap();
        common::load_regies(&first).await;
        let slug = common::qpv_covered_by_regie_1(&first).await;
        let atlas_1 = Atlas::open(first.clone()).await.unwrap();
        let second = db::connect(&url).await.unwrap();
        let atlas_2 = Atlas::open(second.clone()).await.unwrap();
        for atlas in [&atlas_1, &atlas_2] {
            tokio::spawn(live::run(atlas.db.clone(), atlas.live.clone()));
        }
        operator::add(&first, &Actor::Cli, "amina@exemple.fr", None, Some("Amina"), Some("une phrase de passe solide")).await.unwrap();
        let session = account::sign_in(&first, &Actor::Anonymous, "amina@exemple.fr", "une phrase de passe solide", None).await.unwrap();
        let amina = account::session(&first, &session.token).await.unwrap().unwrap().actor();
        let form = PostForm { kind: "signalement".into(), category: "proprete".into(), qpv: QPV.into(), title: "Sacs devant le local".into(), body: "Depuis trois jours, personne ne les prend.".into(), ..Default::default() };
        let Outcome::Done(item) = participation::post(&atlas_1, &amina, &form).await.unwrap() else { panic!("posted") };

        let options = LeptosOptions::builder().output_name("atlas").site_root(common::repo_root().join("public").to_string_lossy().to_string()).build();
        let app_2 = http::router_with_limits(options, atlas_2.clone(), WriteLimits::new(std::num::NonZeroU32::new(1000).unwrap(), false));
        let mut stream = open_stream(&app_2, None).await;
        assert_eq!(atlas_2.live.streams(), 1, "{backend}: the stream is open on the second instance");

        // A comment through the first instance: the second's stream tells of it.
        let sent = Instant::now();
        participation::comment(&first, &amina, item, None, "Toujours là ce matin.").await.unwrap();
        let comment_event = next_event(&mut stream, item, live::COMMENT).await;
        println!("{backend}: a comment posted on instance 1 reached a stream of instance 2 in {} ms", sent.elapsed().as_millis());
        drop(stream);

        // Away: the Régie sets a status. Back with Last-Event-ID: it comes first.
        let role = atlas_core::account::Role::RegieEditor { regie: 1 };
        let added = operator::add(&first, &Actor::Cli, "equipe@regie.example", Some(role.clone()), Some("Équipe"), None).await.unwrap();
        let staff = Actor::Account { id: added.id, roles: vec![role] };
        participation::set_status(&first, &staff, item, &slug, "en-cours", "On passe demain.", "").await.unwrap();
        let mut again = open_stream(&app_2, Some(comment_event)).await;
        let missed = next_event(&mut again, item, live::STATUS).await;
        assert!(missed > comment_event, "{backend}: what was missed, after what was seen");
    }
}
