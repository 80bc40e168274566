//! The real server binary in a child process, and a minimal HTTP client to talk to it.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::repo_root;

/// A minimal HTTP/1.1 exchange (one request per connection): status and body, or the I/O error
/// a client sees when the server is gone.
pub fn http(port: u16, method: &str, path: &str, form: Option<&str>) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    let body = form.unwrap_or("");
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nAccept: application/json\r\n");
    if form.is_some() {
        request.push_str(&format!("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "réponse incomplète"))?;
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    Ok((status, body))
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The server process, SIGKILLed when dropped (also when an assertion fails).
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn start_server(database_url: &str, port: u16) -> Server {
    Server(server_command(database_url, port).spawn().expect("start the server binary"))
}

/// `server serve` on this database and port, quiet, with the shipped reference data.
pub fn server_command(database_url: &str, port: u16) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", repo_root().join("public"))
        .env("ATLAS_REFERENCE_DIR", repo_root().join("data/reference"))
        .env("ATLAS_WRITES_PER_MINUTE", "1000000")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Waits until /healthz answers `expected` (the first start loads the national reference data).
pub fn wait_health(port: u16, expected: u16, within: Duration) {
    let started = Instant::now();
    loop {
        if let Ok((status, _)) = http(port, "GET", "/healthz", None) {
            if status == expected {
                return;
            }
        }
        assert!(started.elapsed() < within, "/healthz n'a pas répondu {expected} en {within:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}


/// One HTTP/1.1 exchange with any headers and body: status, the raw response headers, body.
pub fn exchange(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> std::io::Result<(u16, String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes())?;
    stream.write_all(body)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "réponse incomplète"))?;
    let (head, body) = text.split_once("\r\n\r\n").map(|(h, b)| (h.to_owned(), b.to_owned())).unwrap_or_default();
    Ok((status, head, body))
}
