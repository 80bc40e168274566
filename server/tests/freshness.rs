//! Fresh data on every instance, with the real binary: servers started at the same moment on one
//! empty database all come up, the reference data loaded once; then a Régie imported by a third
//! process (the command line) shows on every server — search suggestions, directory, map layer,
//! `/api/v1/locate` — without restart; then its team's edit (renamed, its pin moved) too. The
//! time from commit to visible is printed.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::process::{free_port, http, server_command, wait_health, Server};
use common::{backends, fresh_url};

/// A Régie of this test only, in a commune without a QPV or another Régie nearby (Salers, Cantal).
const NAME: &str = "Régie témoin du test de fraîcheur";
const CSV: &str = "Nom;SIRET;Adresse;Code postal;Commune;Latitude;Longitude\n\
Régie témoin du test de fraîcheur;;Place Tyssandier d'Escous;15140;Salers;45.1397;2.4958\n";

/// Its name after its team's edit.
const RENAMED: &str = "Régie témoin renommée";

fn shows_the_new_regie(port: u16) -> bool {
    let ok = |path: &str, needle: &str| matches!(http(port, "GET", path, None), Ok((200, body)) if body.contains(needle));
    ok("/api/suggestions?q=regie%20temoin", NAME)
        && ok("/regies?q=temoin", NAME)
        && ok("/api/v1/carte/regies.geojson", NAME)
        && ok("/api/v1/locate?lat=45.1397&lon=2.4958&limit=1", NAME)
}

/// Waits (10 s at most) until every instance shows `what`, printing when each did.
fn wait_for_every_instance(backend: &str, ports: &[u16], committed: Instant, what: &str, shows: impl Fn(u16) -> bool) {
    let mut pending: Vec<u16> = ports.to_vec();
    while !pending.is_empty() {
        pending.retain(|p| {
            if shows(*p) {
                println!("{backend}: {what} visible sur l'instance :{p} {} ms après le commit", committed.elapsed().as_millis());
                false
            } else {
                true
            }
        });
        assert!(committed.elapsed() < Duration::from_secs(10), "{backend}: instances {pending:?} ne montrent pas la {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

async fn revision(url: &str, concept: &str) -> i64 {
    let db = atlas_service::db::connect(url).await.unwrap();
    let r = sqlx::query_scalar("SELECT revision FROM revisions WHERE concept = $1").bind(concept.to_owned()).fetch_one(&db.pool).await.unwrap();
    db.pool.close().await;
    r
}

async fn instances_follow_a_command_line_import(backend: &str, instances: usize) {
    let url = fresh_url(backend).await;
    let ports: Vec<u16> = (0..instances).map(|_| free_port()).collect();
    // All at the same moment, as a deployment starts its instances, on a database with no table yet.
    let _servers: Vec<Server> = ports.iter().map(|p| Server(server_command(&url, *p).spawn().unwrap())).collect();
    for p in &ports {
        wait_health(*p, 200, Duration::from_secs(300));
        let (_, body) = http(*p, "GET", "/healthz", None).unwrap();
        let health: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(health["counts"]["qpv"], 1584, "{backend}: {body}");
    }
    // Loaded once: the communes import bumps the territories once, the QPV import once more;
    // a second load would have bumped them again.
    assert_eq!(revision(&url, "territoires").await, 2, "{backend}: reference data loaded once");
    for p in &ports {
        assert!(!shows_the_new_regie(*p), "{backend}: not there before the import");
    }

    let file = std::env::temp_dir().join(format!("atlas-fraicheur-{}-{backend}.csv", std::process::id()));
    std::fs::write(&file, CSV).unwrap();
    let before = revision(&url, "regies").await;
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["import", "regies"])
        .arg(&file)
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    // The import has committed when the process exits.
    let committed = Instant::now();
    assert!(output.status.success(), "{backend}: {}", String::from_utf8_lossy(&output.stdout));
    assert_eq!(revision(&url, "regies").await, before + 1, "{backend}");
    wait_for_every_instance(backend, &ports, committed, "Régie importée", shows_the_new_regie);
    let _ = std::fs::remove_file(&file);

    // A team's edit of that Régie (renamed, its pin moved): every instance shows it too.
    let db = atlas_service::db::connect(&url).await.unwrap();
    let slug: String = sqlx::query_scalar("SELECT slug FROM regies WHERE nom = $1").bind(NAME).fetch_one(&db.pool).await.unwrap();
    let editable = atlas_service::regie::edit::open(&db, &atlas_service::Actor::Cli, &slug).await.unwrap();
    let form = atlas_core::regie::profile::ProfileForm { nom: RENAMED.into(), lat: "45.1401".into(), ..editable.profile.form() };
    let saved = atlas_service::regie::edit::save(&db, &atlas_service::Actor::Cli, &slug, &form, editable.version).await.unwrap();
    let committed = Instant::now();
    assert_eq!(saved, atlas_service::regie::edit::Saved::Version(1), "{backend}");
    db.pool.close().await;
    let renamed = |port: u16| {
        let ok = |path: &str, needle: &str| matches!(http(port, "GET", path, None), Ok((200, body)) if body.contains(needle));
        ok("/api/suggestions?q=regie%20temoin%20renommee", RENAMED) && ok("/api/v1/carte/regies.geojson", "45.1401") && ok(&format!("/regies/{slug}"), RENAMED)
    };
    wait_for_every_instance(backend, &ports, committed, "fiche modifiée", renamed);
}

#[tokio::test(flavor = "multi_thread")]
async fn two_postgresql_instances_start_together_and_follow_an_import() {
    if backends().contains(&"postgres") {
        instances_follow_a_command_line_import("postgres", 2).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_sqlite_instance_follows_an_import() {
    instances_follow_a_command_line_import("sqlite", 1).await;
}
