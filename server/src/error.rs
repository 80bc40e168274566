//! The use cases' error as an HTTP answer of the JSON endpoints and exports:
//! the status of its code and `{"code": "…", "erreur": "…"}` in the caller's language.

use atlas_core::error::{Code, Error};
use atlas_core::locale::Locale;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde::Serialize;

#[derive(Serialize)]
struct ErrorBody {
    code: &'static str,
    erreur: String,
}

/// A form sent by a browser (it reads HTML): answered by a redirect to the next page.
pub fn from_browser(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/html"))
}

pub fn redirect(to: String) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, to)]).into_response()
}

/// The language a JSON client asked for (`Accept-Language`), French by default.
pub fn locale(headers: &HeaderMap) -> Locale {
    Locale::from_accept_language(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or(""))
}

/// The answer to an error, in `locale`.
pub fn respond(locale: Locale, error: &Error) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, Json(ErrorBody { code: error.code.name(), erreur: error.message(locale) })).into_response();
    if error.code == Code::TooManyRequests {
        if let Some(v) = error.detail.as_deref().and_then(|d| header::HeaderValue::from_str(d).ok()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
    response
}

/// An error and the language to say it in: what handlers return.
pub struct ApiError(pub Locale, pub Error);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        respond(self.0, &self.1)
    }
}

/// Query parameters read into a serde struct; a query that cannot be read (bytes that are not
/// UTF-8, a repeated or malformed field) is a 400 in the caller's language, never axum's text.
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(v)) => Ok(Params(v)),
            Err(rejection) => {
                let rejection: QueryRejection = rejection;
                tracing::debug!(%rejection, "unreadable query");
                Err(ApiError(locale(&parts.headers), Error::new(Code::MalformedRequest)))
            }
        }
    }
}

/// The caller's language, as an extractor.
pub struct Lang(pub Locale);

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang(locale(&parts.headers)))
    }
}
