//! A server killed (SIGKILL) in the middle of a browser import leaves nothing half-written, with
//! the real binary on SQLite and PostgreSQL: the network uploads a large Régies file, confirms
//! it, and the server is killed while the progress bar moves. The database holds none of its
//! rows; once a server runs again the import says « interrompu », and it can be run again to
//! the end.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::process::{exchange, free_port, start_server, wait_health, Server};
use common::{backends, fresh_url};

const PASSWORD: &str = "une phrase de passe solide";
/// Enough rows for the import to last a while (about 2.5 MB).
const ROWS: usize = 25_000;

fn big_file() -> Vec<u8> {
    let mut csv = String::from("Nom;SIRET;Adresse;Code postal;Commune;Latitude;Longitude;Site internet;Statut;Source\n");
    for i in 0..ROWS {
        csv.push_str(&format!("Régie d'essai de l'arrêt brutal {i};;Place Tyssandier d'Escous;15140;Salers;45.1397;2.4958;;à vérifier;essai\n"));
    }
    csv.into_bytes()
}

fn sign_in(port: u16) -> String {
    let origin = format!("http://127.0.0.1:{port}");
    let form = format!("email=reseau%40exemple.fr&mot_de_passe={}", PASSWORD.replace(' ', "+"));
    let (status, head, body) = exchange(
        port,
        "POST",
        "/api/ecriture/compte/connexion",
        &[("Origin", &origin), ("Accept", "text/html"), ("Content-Type", "application/x-www-form-urlencoded")],
        form.as_bytes(),
    )
    .unwrap();
    assert_eq!(status, 302, "{body}");
    let cookie = head.lines().find_map(|l| l.strip_prefix("set-cookie: atlas_session=").or_else(|| l.strip_prefix("Set-Cookie: atlas_session="))).unwrap();
    format!("atlas_session={}", cookie.split(';').next().unwrap())
}

fn json(port: u16, method: &str, path: &str, cookie: &str, content_type: &str, body: &[u8]) -> (u16, serde_json::Value) {
    let origin = format!("http://127.0.0.1:{port}");
    let headers = [("Origin", origin.as_str()), ("Accept", "application/json"), ("Cookie", cookie), ("Content-Type", content_type)];
    let (status, _, body) = exchange(port, method, path, &headers, body).unwrap();
    (status, serde_json::from_str(&body).unwrap_or(serde_json::Value::Null))
}

async fn regies(url: &str) -> i64 {
    let db = atlas_service::db::connect(url).await.unwrap();
    let n = sqlx::query_scalar("SELECT COUNT(*) FROM regies").fetch_one(&db.pool).await.unwrap();
    db.pool.close().await;
    n
}

async fn killed_during_an_import(backend: &str) {
    let url = fresh_url(backend).await;
    let port = free_port();
    let mut server = start_server(&url, port);
    wait_health(port, 200, Duration::from_secs(300));
    let mut add = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["users", "add", "reseau@exemple.fr", "--role", "network-admin", "--password-stdin"])
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    add.stdin.take().unwrap().write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
    assert!(add.wait().unwrap().success());
    let cookie = sign_in(port);
    let before = regies(&url).await;

    let boundary = "----atlas-kill-boundary";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nregies\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"grand.csv\"\r\nContent-Type: text/csv\r\n\r\n").into_bytes();
    body.extend_from_slice(&big_file());
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let (status, checked) = json(port, "POST", "/api/ecriture/reseau/imports", &cookie, &format!("multipart/form-data; boundary={boundary}"), &body);
    assert_eq!(status, 201, "{backend}: {checked}");
    assert_eq!((checked["etat"].as_str(), checked["rapport"]["ajoutees"].as_u64()), (Some("analyse"), Some(ROWS as u64)), "{backend}: {checked}");
    let id = checked["id"].as_i64().unwrap();
    let form = format!("lot={id}");
    let (status, _) = json(port, "POST", "/api/ecriture/reseau/imports/lancer", &cookie, "application/x-www-form-urlencoded", form.as_bytes());
    assert_eq!(status, 202, "{backend}");

    // Killed while the bar moves.
    let started = Instant::now();
    loop {
        let (_, s) = json(port, "GET", &format!("/api/reseau/imports/{id}"), &cookie, "text/plain", b"");
        let (done, total) = (s["fait"].as_u64().unwrap_or(0), s["total"].as_u64().unwrap_or(0));
        assert_eq!(s["etat"], "en_cours", "{backend}: the import ended before it could be killed: {s}");
        if done > 0 && done < total {
            server.0.kill().unwrap();
            server.0.wait().unwrap();
            println!("{backend}: serveur tué à {done}/{total} lignes");
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "{backend}: no progress");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(regies(&url).await, before, "{backend}: none of its rows written");

    // A server again: the import is « interrompu », nothing written; run again, it completes.
    let port = free_port();
    let _server: Server = start_server(&url, port);
    wait_health(port, 200, Duration::from_secs(120));
    let started = Instant::now();
    loop {
        let (_, s) = json(port, "GET", &format!("/api/reseau/imports/{id}"), &cookie, "text/plain", b"");
        if s["etat"] == "interrompu" {
            break;
        }
        assert_eq!(s["etat"], "en_cours", "{backend}: {s}");
        assert!(started.elapsed() < Duration::from_secs(30), "{backend}: never seen as interrupted");
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(regies(&url).await, before, "{backend}");
    let (status, _) = json(port, "POST", "/api/ecriture/reseau/imports/lancer", &cookie, "application/x-www-form-urlencoded", form.as_bytes());
    assert_eq!(status, 202, "{backend}");
    let started = Instant::now();
    loop {
        let (_, s) = json(port, "GET", &format!("/api/reseau/imports/{id}"), &cookie, "text/plain", b"");
        if s["etat"] == "importe" {
            break;
        }
        assert_eq!(s["etat"], "en_cours", "{backend}: {s}");
        assert!(started.elapsed() < Duration::from_secs(120), "{backend}: the second run did not finish");
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(regies(&url).await, before + ROWS as i64, "{backend}: every row, once");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_killed_during_a_browser_import_leaves_nothing_half_written() {
    for backend in backends() {
        killed_during_an_import(backend).await;
    }
}
