//! Faults, with the real server binary: killed with SIGKILL in the middle of a stream of writes
//! (every acknowledged write must be there after a restart, the SQLite file intact), and
//! PostgreSQL stopped and restarted under a running server (clear 503s while it is down, recovery
//! without a restart). The PostgreSQL one runs a private cluster on its own port, so the
//! machine's shared server is never touched.

mod common;



use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::process::{free_port, http, start_server, wait_health, Server};
use common::backends;

fn correction_form(slug: &str, message: &str) -> String {
    format!("regie={slug}&sujet=autre&message={}", atlas_core::text::percent_encode(message))
}

fn recorded_id(body: &str) -> Option<i64> {
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    v["Recorded"]["id"].as_i64()
}

async fn first_slug(url: &str) -> String {
    let db = atlas_service::db::connect(url).await.unwrap();
    let slug = sqlx::query_scalar("SELECT slug FROM regies ORDER BY slug LIMIT 1").fetch_one(&db.pool).await.unwrap();
    db.pool.close().await;
    slug
}

/// Two clients post corrections as fast as the server answers; the server is SIGKILLed after
/// `kill_after` acknowledgements. Returns the acknowledged (id, message) pairs.
fn write_until_killed(server: &mut Server, port: u16, slug: &str, kill_after: usize) -> Vec<(i64, String)> {
    let acked = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let (acked, stop, slug) = (acked.clone(), stop.clone(), slug.to_owned());
            std::thread::spawn(move || {
                for i in 0.. {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let message = format!("ecriture {w}-{i} avant la panne");
                    match http(port, "POST", "/api/ecriture/signaler-correction", Some(&correction_form(&slug, &message))) {
                        Ok((200, body)) => acked.lock().unwrap().push((recorded_id(&body).expect("numéro"), message)),
                        Ok((status, body)) => panic!("écriture refusée {status} : {body}"),
                        // The server is gone: this write was never acknowledged.
                        Err(_) => break,
                    }
                }
            })
        })
        .collect();
    let started = Instant::now();
    while acked.lock().unwrap().len() < kill_after {
        assert!(started.elapsed() < Duration::from_secs(60), "trop lent : {} écritures en 60 s", acked.lock().unwrap().len());
        std::thread::sleep(Duration::from_millis(2));
    }
    server.0.kill().expect("SIGKILL"); // std's kill() is SIGKILL on Unix: no shutdown code runs.
    server.0.wait().unwrap();
    stop.store(true, Ordering::SeqCst);
    for w in writers {
        w.join().unwrap();
    }
    Arc::try_unwrap(acked).unwrap().into_inner().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn sigkill_during_writes_loses_no_acknowledged_write() {
    for backend in backends() {
        let tmp = tempfile::tempdir().unwrap();
        let url = match backend {
            "sqlite" => format!("sqlite://{}", tmp.path().join("atlas.db").display()),
            _ => common::fresh_url("postgres").await,
        };
        let port = free_port();
        let mut server = start_server(&url, port);
        wait_health(port, 200, Duration::from_secs(120));
        let slug = first_slug(&url).await;

        let acked = tokio::task::block_in_place(|| write_until_killed(&mut server, port, &slug, 300));
        assert!(acked.len() >= 300, "{backend}");

        // The file as the crash left it: SQLite must find it intact before anything else opens it.
        if backend == "sqlite" {
            let db = atlas_service::db::connect(&url).await.unwrap();
            let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&db.pool).await.unwrap();
            assert_eq!(check, "ok", "intégrité SQLite après SIGKILL");
            db.pool.close().await;
        }
        let server = start_server(&url, port);
        wait_health(port, 200, Duration::from_secs(60));
        let db = atlas_service::db::connect(&url).await.unwrap();
        let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, message FROM corrections ORDER BY id").fetch_all(&db.pool).await.unwrap();
        let stored: std::collections::HashMap<i64, String> = rows.iter().cloned().collect();
        for (id, message) in &acked {
            assert_eq!(stored.get(id), Some(message), "{backend}: écriture acquittée n° {id} perdue");
        }
        // At most the writes in flight at the kill (one per client) were committed unacknowledged.
        assert!(rows.len() <= acked.len() + 2, "{backend}: {} lignes pour {} acquittées", rows.len(), acked.len());
        // The restarted server counts them all on the page, and takes new writes.
        let (status, page) = http(port, "GET", &format!("/regies/{slug}"), None).unwrap();
        assert_eq!(status, 200);
        assert!(page.contains(&format!("{} correction(s) signalée(s)", rows.len())), "{backend}");
        let (status, _) = http(port, "POST", "/api/ecriture/signaler-correction", Some(&correction_form(&slug, "apres le redemarrage"))).unwrap();
        assert_eq!(status, 200, "{backend}");
        eprintln!("{backend} : {} écritures acquittées avant SIGKILL, {} en base, toutes retrouvées", acked.len(), rows.len());
        db.pool.close().await;
        drop(server);
    }
}

/// A private PostgreSQL cluster in a temporary folder (owned by the `postgres` user when the tests
/// run as root, since PostgreSQL refuses to run as root).
struct Cluster {
    dir: PathBuf,
    port: u16,
    bin: PathBuf,
}

impl Cluster {
    fn as_postgres(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    fn create() -> Self {
        let bin = postgres_bin().expect("binaires PostgreSQL (/usr/lib/postgresql/*/bin)");
        let dir = std::env::temp_dir().join(format!("atlas-pg-{}-{}", std::process::id(), free_port()));
        std::fs::create_dir_all(&dir).unwrap();
        let cluster = Self { dir, port: free_port(), bin };
        if is_root() {
            assert!(Command::new("chown").args(["-R", "postgres:postgres"]).arg(&cluster.dir).status().unwrap().success());
        }
        let data = cluster.data();
        let ok = cluster.as_postgres("initdb").args(["-A", "trust", "-U", "postgres", "--no-sync", "-D"]).arg(&data)
            .stdout(Stdio::null()).status().unwrap().success();
        assert!(ok, "initdb");
        cluster.start();
        cluster
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn pg_ctl(&self, args: &[&str]) -> bool {
        let options = format!("-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=on", self.port, self.dir.display());
        self.as_postgres("pg_ctl").args(["-D"]).arg(self.data()).args(["-o", &options, "-l"]).arg(self.dir.join("log"))
            .args(args).stdout(Stdio::null()).status().unwrap().success()
    }

    fn start(&self) {
        assert!(self.pg_ctl(&["-w", "start"]), "pg_ctl start");
    }

    /// `immediate`: PostgreSQL stops as if it crashed (no checkpoint), clients are cut off.
    fn crash(&self) {
        assert!(self.pg_ctl(&["-m", "immediate", "-w", "stop"]), "pg_ctl stop");
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self.pg_ctl(&["-m", "immediate", "stop"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

fn postgres_bin() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql").ok()?.filter_map(|e| e.ok().map(|e| e.path().join("bin"))).collect();
    versions.sort();
    versions.pop().filter(|p| Path::new(p).join("initdb").exists())
}

#[tokio::test(flavor = "multi_thread")]
async fn postgres_down_gives_clear_503s_and_the_server_recovers_by_itself() {
    if !backends().contains(&"postgres") {
        return; // common::backends() already said PostgreSQL tests are skipped (a failure in CI).
    }
    let cluster = tokio::task::block_in_place(Cluster::create);
    let port = free_port();
    let _server = start_server(&cluster.url(), port);
    wait_health(port, 200, Duration::from_secs(180));
    let slug = first_slug(&cluster.url()).await;
    // Where the Régie is: locating this point must name it, from memory.
    let (lat, lon): (f64, f64) = {
        let db = atlas_service::db::connect(&cluster.url()).await.unwrap();
        let row = sqlx::query_as("SELECT lat, lon FROM regies WHERE slug = $1").bind(&slug).fetch_one(&db.pool).await.unwrap();
        db.pool.close().await;
        row
    };
    let before = tokio::task::block_in_place(|| http(port, "POST", "/api/ecriture/signaler-correction", Some(&correction_form(&slug, "avant la panne de la base")))).unwrap();
    assert_eq!(before.0, 200, "{}", before.1);
    let before_id = recorded_id(&before.1).unwrap();

    tokio::task::block_in_place(|| cluster.crash());
    tokio::task::block_in_place(|| {
        for (method, path, form) in [
            ("GET", "/healthz".to_owned(), None),
            ("GET", format!("/regies/{slug}"), None),
            ("POST", "/api/ecriture/signaler-correction".to_owned(), Some(correction_form(&slug, "pendant la panne de la base"))),
        ] {
            let started = Instant::now();
            let (status, body) = http(port, method, &path, form.as_deref()).unwrap();
            let took = started.elapsed();
            assert_eq!(status, 503, "{method} {path} base arrêtée : {body}");
            assert!(
                body.contains("base de données") ,
                "{method} {path}: le message doit dire ce qui ne va pas : {body}"
            );
            assert!(took < Duration::from_secs(10), "{method} {path}: 503 en {took:?}");
            eprintln!("base arrêtée : {method} {path} → 503 en {} ms", took.as_millis());
        }
        // What needs no database still works: the directory, the map data and locating a point
        // come from memory.
        // The slug is the folded name: as a search, it finds the Régie.
        let (status, body) = http(port, "GET", &format!("/regies?q={}", slug.replace('-', "+")), None).unwrap();
        assert_eq!(status, 200, "annuaire sans base : {body}");
        assert!(body.contains(&format!("/regies/{slug}")), "l'annuaire nomme la Régie : {body}");
        let (status, _) = http(port, "GET", "/api/v1/carte/regies.geojson", None).unwrap();
        assert_eq!(status, 200, "données de carte sans base");
        let (status, body) = http(port, "GET", &format!("/api/v1/locate?lat={lat}&lon={lon}"), None).unwrap();
        assert_eq!(status, 200, "localisation sans base");
        assert!(body.contains(&slug), "la Régie la plus proche de son adresse est elle-même : {body}");
    });

    tokio::task::block_in_place(|| cluster.start());
    let restarted = Instant::now();
    tokio::task::block_in_place(|| wait_health(port, 200, Duration::from_secs(30)));
    eprintln!("base redémarrée : /healthz de nouveau 200 après {} ms, sans redémarrer le serveur", restarted.elapsed().as_millis());
    let after = tokio::task::block_in_place(|| http(port, "POST", "/api/ecriture/signaler-correction", Some(&correction_form(&slug, "apres la panne de la base")))).unwrap();
    assert_eq!(after.0, 200, "{}", after.1);
    let db = atlas_service::db::connect(&cluster.url()).await.unwrap();
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, message FROM corrections ORDER BY id").fetch_all(&db.pool).await.unwrap();
    // The write acknowledged before the crash is kept; the one refused with 503 was not written.
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0], (before_id, "avant la panne de la base".to_owned()));
    assert_eq!(rows[1].1, "apres la panne de la base");
    db.pool.close().await;
}
