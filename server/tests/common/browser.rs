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

    /// Posts a form; answers the redirect's target.
    pub async fn post(&mut self, path: &str, pairs: &[(&str, &str)]) -> String {
        let form = pairs.iter().map(|(k, v)| format!("{k}={}", atlas_core::text::percent_encode(v))).collect::<Vec<_>>().join("&");
        let builder = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").header(header::ORIGIN, "http://atlas.example");
        let page = self.send(builder, Body::from(form)).await;
        assert_eq!(page.status, StatusCode::FOUND, "{path}: {}", page.body);
        page.headers[header::LOCATION].to_str().unwrap().to_owned()
    }
}

