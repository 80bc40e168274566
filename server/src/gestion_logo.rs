//! A Régie's logo or photo: the form of `/gestion/<slug>` that sends or takes it out (multipart:
//! its own body limit and timeout, like the participation's photos, see `http::bounds`), and the
//! image itself, for everyone. A browser comes back to the page with the outcome; other clients
//! get 204, 413 (too heavy), 415 (not an image), 422.

use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use atlas_core::error::{Code, Error};
use atlas_core::locale::Locale;
use atlas_core::regie::profile::Problem;
use atlas_core::text::percent_encode;
use atlas_service::account::SignedIn;
use atlas_service::regie::logo;
use atlas_service::Actor;

use crate::error::{from_browser, locale, redirect, respond};
use crate::gestion::{actor_of, problems_json, refused};
use crate::state::AppState;

pub const LOGO_PATH: &str = "/api/ecriture/gestion/logo";
/// One image at the participation's limit, and the form's few fields.
pub const LOGO_MAX_BYTES: usize = atlas_core::participation::PHOTO_MAX_BYTES + 64 * 1024;

/// `POST /api/ecriture/gestion/logo` (multipart): `regie`, `langue`, `action` (`envoyer` with the
/// image as `photo`, or `retirer`).
pub async fn save(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, mut multipart: Multipart) -> Response {
    let (fields, mut files) = match crate::participation::read_form(&mut multipart).await {
        Ok(read) => read,
        Err(e) => return respond(locale(&headers), &e),
    };
    let field = |name: &str| fields.get(name).cloned().unwrap_or_default();
    let page_locale = Locale::from_lang(&field("langue")).unwrap_or_default();
    let slug = field("regie");
    let page = page_locale.path(&format!("/gestion/{}", percent_encode(&slug)));
    let actor = actor_of(signed_in);
    let db = &state.atlas.db;
    let browser = from_browser(&headers);
    match field("action").as_str() {
        "envoyer" => {
            if files.len() > 1 {
                return refused(&headers, &page, Error::with(Code::InvalidParameter, "photo"), "");
            }
            let bytes = files.pop().unwrap_or_default();
            match logo::set(db, &actor, &slug, bytes).await {
                Ok(Ok(())) if browser => redirect(format!("{page}?fait=logo#logo")),
                Ok(Ok(())) => StatusCode::NO_CONTENT.into_response(),
                Ok(Err(problems)) if browser => {
                    let codes: Vec<&str> = problems.iter().map(|p| p.code()).collect();
                    redirect(format!("{page}?erreurs={}#logo", codes.join(",")))
                }
                Ok(Err(problems)) => {
                    let status = if problems.contains(&Problem::LogoTooLarge) {
                        StatusCode::PAYLOAD_TOO_LARGE
                    } else if problems.contains(&Problem::LogoType) {
                        StatusCode::UNSUPPORTED_MEDIA_TYPE
                    } else {
                        StatusCode::UNPROCESSABLE_ENTITY
                    };
                    problems_json(&headers, status, &problems)
                }
                Err(e) => refused(&headers, &page, e, ""),
            }
        }
        "retirer" => match logo::remove(db, &actor, &slug).await {
            Ok(()) if browser => redirect(format!("{page}?fait=logo-retire#logo")),
            Ok(()) => StatusCode::NO_CONTENT.into_response(),
            Err(e) => refused(&headers, &page, e, ""),
        },
        _ => refused(&headers, &page, Error::with(Code::InvalidParameter, "action"), ""),
    }
}

/// `GET /logos/{slug}/image.jpg` and `/logos/{slug}/vignette.jpg`: the Régie's image and its
/// thumbnail (their address in the page names their version: a new image is a new address).
pub async fn image(State(state): State<AppState>, headers: HeaderMap, Path((slug, file)): Path<(String, String)>) -> Response {
    let lang = locale(&headers);
    let thumb = match file.as_str() {
        "vignette.jpg" => true,
        "image.jpg" => false,
        _ => return respond(lang, &Error::new(Code::NotFound)),
    };
    match logo::file(&state.atlas.db, &Actor::Anonymous, &slug, thumb).await {
        Ok(Some(bytes)) => ([(header::CONTENT_TYPE, "image/jpeg"), (header::CACHE_CONTROL, "public, max-age=600")], bytes).into_response(),
        Ok(None) => respond(lang, &Error::new(Code::NotFound)),
        Err(e) => respond(lang, &e),
    }
}
