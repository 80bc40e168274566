//! A browser for tests through the real router: same-origin form posts that accept HTML (so
//! the answer is a redirect), and a cookie jar of one (the session).

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use tower::ServiceExt;

/// A browser: same-origin form posts that accept HTML (so the answer is a redirect) and a cookie jar of one.
pub struct Browser {
    pub app: axum::Router,
    pub cookie: Option<String>,
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Browser {
    pub async fn send(&mut self, builder: axum::http::request::Builder, body: Body) -> Page {
        let builder = builder.header(header::HOST, "atlas.example").header(header::ACCEPT, "text/html,application/xhtml+xml");
        let builder = match &self.cookie {
            Some(c) => builder.header(header::COOKIE, format!("atlas_session={c}")),
            None => builder,
        };
        let response = self.app.clone().oneshot(builder.body(body).unwrap()).await.unwrap();
        let headers = response.headers().clone();
        for set in headers.get_all(header::SET_COOKIE) {
            let set = set.to_str().unwrap();
            if let Some(value) = set.strip_prefix("atlas_session=") {
                let value = value.split(';').next().unwrap();
                self.cookie = (!value.is_empty()).then(|| value.to_owned());
            }
        }
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        Page { status, headers, body: String::from_utf8_lossy(&bytes).replace("<!>", "").replace("&#x27;", "'") }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        self.send(Request::get(path), Body::empty()).await
    }

    /// Posts a multipart form (`files`: the `photo` parts' bytes) as a browser does; answers the
    /// response (a redirect for a browser).
    pub async fn send_multipart(&mut self, path: &str, pairs: &[(&str, &str)], files: &[Vec<u8>]) -> Page {
        let boundary = "----atlas-test-boundary-7d1f";
        let mut body = Vec::new();
        for (k, v) in pairs {
            body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
        }
        for (n, bytes) in files.iter().enumerate() {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"photo{n}.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let builder = Request::post(path)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .header(header::CONTENT_LENGTH, body.len())
            .header(header::ORIGIN, "http://atlas.example");
        self.send(builder, Body::from(body)).await
    }

    /// Posts a multipart form with one file part `field` named `file_name`, as a browser does.
    pub async fn send_file(&mut self, path: &str, pairs: &[(&str, &str)], field: &str, file_name: &str, bytes: &[u8]) -> Page {
        let boundary = "----atlas-test-boundary-9c2e";
        let mut body = Vec::new();
        for (k, v) in pairs {
            body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
        }
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let builder = Request::post(path)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .header(header::CONTENT_LENGTH, body.len())
            .header(header::ORIGIN, "http://atlas.example");
        self.send(builder, Body::from(body)).await
    }

    /// Uploads a Régies file on the network's import form; answers the redirect's target.
    pub async fn post_file_ok(&mut self, path: &str, file_name: &str, bytes: &[u8]) -> String {
        let page = self.send_file(path, &[("type", "regies"), ("langue", "fr")], "fichier", file_name, bytes).await;
        assert_eq!(page.status, StatusCode::FOUND, "{path}: {}", page.body);
        page.headers[header::LOCATION].to_str().unwrap().to_owned()
    }

    pub async fn post_multipart(&mut self, path: &str, pairs: &[(&str, &str)], files: &[Vec<u8>]) -> String {
        let page = self.send_multipart(path, pairs, files).await;
        assert_eq!(page.status, StatusCode::FOUND, "{path}: {}", page.body);
        page.headers[header::LOCATION].to_str().unwrap().to_owned()
    }

    /// Posts a form; answers the redirect's target.
    pub async fn post(&mut self, path: &str, pairs: &[(&str, &str)]) -> String {
        let form = pairs.iter().map(|(k, v)| format!("{k}={}", atlas_core::text::percent_encode(v))).collect::<Vec<_>>().join("&");
        let builder = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").header(header::ORIGIN, "http://atlas.example");
        let page = self.send(builder, Body::from(form)).await;
        assert_eq!(page.status, StatusCode::FOUND, "{path}: {}", page.body);
        page.headers[header::LOCATION].to_str().unwrap().to_owned()
    }
}

/// A same-origin url-encoded post from a client that is not a browser (it reads the status and
/// the JSON), with the session of `cookie` if any.
pub fn api_post(path: &str, cookie: Option<&str>, body: String) -> Request<Body> {
    let r = Request::post(path)
        .header(header::HOST, "atlas.example")
        .header(header::ORIGIN, "http://atlas.example")
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    let r = match cookie {
        Some(c) => r.header(header::COOKIE, format!("atlas_session={c}")),
        None => r,
    };
    r.body(Body::from(body)).unwrap()
}

/// The whole router over `db` as the browser tests use it: the site's public files, a write limit
/// high enough for a test's many posts.
pub async fn app(db: &atlas_service::db::Database) -> axum::Router {
    router_of(atlas_service::Atlas::open(db.clone()).await.unwrap())
}

/// The router of one running instance (its own memory and page cache).
#[allow(dead_code)]
pub fn router_of(atlas: atlas_service::Atlas) -> axum::Router {
    let site = super::repo_root().join("public").to_string_lossy().to_string();
    let options = leptos::prelude::LeptosOptions::builder().output_name("atlas").site_root(site).build();
    atlas_server::http::router_with_limits(options, atlas, atlas_server::limits::WriteLimits::new(std::num::NonZeroU32::new(1000).unwrap(), false))
}
