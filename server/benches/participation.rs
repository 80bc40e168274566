//! `cargo bench -p server --bench participation`: server time of a QPV's participation space
//! holding 1,000 items and 10,000 comments (999 items with 9 comments each, one busy item with
//! 1,009), rendered without the page cache (what a signed-in person or the first visitor after
//! a change waits for) and served from it, on SQLite and, when `TEST_DATABASE_URL` names one,
//! PostgreSQL; then the fan-out of one status change to 1,000 followers of an item (notifications
//! in the Atlas for all, an immediate mail with its unsubscribe link for half of them), inside
//! the use case's transaction. Figures are printed, never asserted.

use std::time::{Duration, Instant};

use atlas_server::http;
use atlas_server::limits::WriteLimits;
use atlas_server::page_cache::PageCache;
use atlas_service::{db, import::reference};
use axum::body::Body;
use axum::http::Request;
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

const ITEMS: i64 = 1_000;
const COMMENTS: i64 = 10_000;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Fills one QPV's space; answers (QPV code, a typical item, the busy item).
async fn seed(database: &db::Database) -> (String, i64, i64) {
    let qpv: String = sqlx::query_scalar("SELECT qpv_code FROM couvertures ORDER BY qpv_code LIMIT 1").fetch_one(&database.pool).await.unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    let mut tx = database.pool.begin().await.unwrap();
    let author: i64 = sqlx::query_scalar(
        "INSERT INTO accounts (email, pseudonym, pseudonym_key, locale, created_at, confirmed_at) VALUES ('banc@exemple.fr', 'Banc d''essai', 'banc d essai', 'fr', $1, $1) RETURNING id",
    )
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    let categories = ["proprete", "encombrants", "eclairage", "degradation", "cadre-de-vie", "espaces-verts"];
    let statuses = ["nouveau", "recu", "a-l-etude", "en-cours", "realise", "transmis"];
    let mut first = 0;
    for n in 0..ITEMS {
        let at = now - n * 3_600_000;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO participation_items (qpv_code, kind, category, title, title_key, body, author_id, status, status_at, first_answer_at, supporters, comments, created_at)
             VALUES ($1, 'signalement', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $8) RETURNING id",
        )
        .bind(&qpv)
        .bind(categories[(n % 6) as usize])
        .bind(format!("Signalement numéro {n} dans le quartier"))
        .bind(format!("signalement numero {n} dans le quartier"))
        .bind("Un texte de quelques phrases, comme en écrivent les habitants, pour décrire ce qui ne va pas et depuis quand.")
        .bind(author)
        .bind(statuses[(n % 6) as usize])
        .bind(at)
        .bind((n % 6 != 0).then_some(at + 86_400_000))
        .bind(n % 37)
        .bind(if n == 0 { COMMENTS - 9 * (ITEMS - 1) } else { 9 })
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        if n == 0 {
            first = id;
        }
        let comments = if n == 0 { COMMENTS - 9 * (ITEMS - 1) } else { 9 };
        for c in 0..comments {
            sqlx::query("INSERT INTO participation_comments (item_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(author)
                .bind(format!("Commentaire {c} : moi aussi je l'ai vu, c'est pareil devant chez nous."))
                .bind(at + c * 60_000)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
    }
    tx.commit().await.unwrap();
    (qpv, first + 1, first)
}

async fn time(router: &axum::Router, uri: &str) -> (Duration, Duration, usize) {
    let mut times = Vec::new();
    let mut size = 0;
    for i in 0..22 {
        let t = Instant::now();
        let response = router.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
        assert!(response.status().is_success(), "{uri}: {}", response.status());
        size = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().len();
        if i >= 2 {
            times.push(t.elapsed());
        }
    }
    times.sort();
    (times[times.len() / 2], times[times.len() * 9 / 10], size)
}

async fn run(label: &str, url: &str) {
    let database = db::connect(url).await.unwrap();
    database.migrate().await.unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/reference");
    reference::load(&database, &dir).await.unwrap();
    let t = Instant::now();
    let (qpv, typical, busy) = seed(&database).await;
    println!("\n{label}: {ITEMS} items and {COMMENTS} comments in {qpv}, written in {:.1} s", t.elapsed().as_secs_f64());
    let atlas = atlas_service::Atlas::open(database.clone()).await.unwrap();
    let options = LeptosOptions::builder().output_name("atlas").build();
    let limits = || WriteLimits::new(std::num::NonZeroU32::new(1000).unwrap(), false);
    let rendered = http::router_with(options.clone(), atlas.clone(), limits(), PageCache::new(0));
    let cached = http::router_with(options, atlas, limits(), PageCache::new(32 * 1024 * 1024));
    println!("  server time per request (20 runs after 2 warm-ups): rendered (no page cache) | from the page cache, body size");
    let pages = [
        format!("/participation?qpv={qpv}"),
        format!("/participation?qpv={qpv}&tri=soutenus"),
        format!("/participation?qpv={qpv}&tri=sans-reponse"),
        "/participation".to_owned(),
        format!("/participation/{typical}"),
        format!("/participation/{busy}"),
        format!("/participation/flux/{qpv}.atom"),
    ];
    for uri in &pages {
        let (median, p90, size) = time(&rendered, uri).await;
        let (hit, hit90, _) = time(&cached, uri).await;
        println!(
            "  {uri:<44} median {:>6.1} ms  p90 {:>6.1} ms | median {:>6.3} ms  p90 {:>6.3} ms  {:>8} B",
            ms(median),
            ms(p90),
            ms(hit),
            ms(hit90),
            size
        );
    }
    fan_out(&database, typical).await;
}

/// 1,000 followers of the typical item (half of them choosing no mail); answers a staff actor.
async fn followers(database: &db::Database, item: i64) -> atlas_service::Actor {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    let mut tx = database.pool.begin().await.unwrap();
    for n in 0..1_000 {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (email, pseudonym, pseudonym_key, locale, created_at, confirmed_at) VALUES ($1, $2, $3, 'fr', $4, $4) RETURNING id",
        )
        .bind(format!("suiveur{n}@exemple.fr"))
        .bind(format!("Suiveur {n}"))
        .bind(format!("suiveur {n}"))
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        sqlx::query("INSERT INTO participation_follows (item_id, account_id, created_at) VALUES ($1, $2, $3)").bind(item).bind(id).bind(now).execute(&mut *tx).await.unwrap();
        if n % 2 == 1 {
            sqlx::query("INSERT INTO notification_settings (account_id, kind, mail) VALUES ($1, 'statut', 'jamais')").bind(id).execute(&mut *tx).await.unwrap();
        }
    }
    tx.commit().await.unwrap();
    let regie: i64 = sqlx::query_scalar("SELECT c.regie_id FROM couvertures c JOIN participation_items i ON i.qpv_code = c.qpv_code WHERE i.id = $1 LIMIT 1")
        .bind(item)
        .fetch_one(&database.pool)
        .await
        .unwrap();
    let staff = atlas_service::account::operator::add(database, &atlas_service::Actor::Cli, "equipe-banc@exemple.fr", Some(atlas_core::account::Role::RegieEditor { regie }), Some("Équipe banc"), None)
        .await
        .unwrap();
    atlas_service::Actor::Account { id: staff.id, roles: vec![atlas_core::account::Role::RegieEditor { regie }] }
}

/// One status change told to 1,000 followers, five times (alternating statuses).
async fn fan_out(database: &db::Database, item: i64) {
    let staff = followers(database, item).await;
    let slug: String = sqlx::query_scalar("SELECT r.slug FROM regies r WHERE r.id = (SELECT c.regie_id FROM couvertures c JOIN participation_items i ON i.qpv_code = c.qpv_code WHERE i.id = $1 LIMIT 1)")
        .bind(item)
        .fetch_one(&database.pool)
        .await
        .unwrap();
    let mut times = Vec::new();
    for n in 0..5 {
        let status = if n % 2 == 0 { "en-cours" } else { "a-l-etude" };
        let t = Instant::now();
        atlas_service::participation::set_status(database, &staff, item, &slug, status, "Passage de l'équipe.", "").await.unwrap();
        times.push(t.elapsed());
    }
    times.sort();
    let told: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notifications").fetch_one(&database.pool).await.unwrap();
    let mailed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE list_unsubscribe IS NOT NULL").fetch_one(&database.pool).await.unwrap();
    println!(
        "  fan-out of a status to 1,000 followers (500 mailed at once): median {:.1} ms, max {:.1} ms per change ({told} notifications, {mailed} mails queued in all)",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let path = std::env::temp_dir().join(format!("atlas-bench-participation-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        run("SQLite", &format!("sqlite://{}", path.display())).await;
        let _ = std::fs::remove_file(&path);
        match std::env::var("TEST_DATABASE_URL") {
            Ok(pg) => {
                let admin = db::connect(&pg).await.unwrap().pool;
                sqlx::query("DROP SCHEMA IF EXISTS bench_participation CASCADE").execute(&admin).await.unwrap();
                sqlx::query("CREATE SCHEMA bench_participation").execute(&admin).await.unwrap();
                let sep = if pg.contains('?') { '&' } else { '?' };
                run("PostgreSQL", &format!("{pg}{sep}options=-c%20search_path%3Dbench_participation")).await;
                sqlx::query("DROP SCHEMA bench_participation CASCADE").execute(&admin).await.unwrap();
            }
            Err(_) => println!("\nPostgreSQL: TEST_DATABASE_URL not set, skipped"),
        }
    });
}
