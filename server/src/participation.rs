//! The participation routes that are not server functions: the second screen of « Signaler ou
//! proposer », a multipart form with up to three photos (its own body limit and timeout, see
//! `bounds`), and the photos themselves, served immutable (a photo never changes).

use std::collections::HashMap;

use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};

use atlas_core::error::{Code, Error};
use atlas_core::locale::Locale;
use atlas_core::participation::{Outcome, Problem, PHOTO_MAX_BYTES};
use atlas_core::text::percent_encode;
use atlas_service::account::SignedIn;
use atlas_service::participation::{self, PostForm};
use atlas_service::Actor;

use crate::error::{from_browser, locale, redirect, respond};
use crate::state::AppState;

/// Where the form posts (under the write prefix: same-origin-checked and rate-limited).
pub const POST_PATH: &str = "/api/ecriture/participation/deposer";
/// The whole form: three photos at their limit, and the text fields.
pub const POST_MAX_BYTES: usize = 3 * PHOTO_MAX_BYTES + 256 * 1024;
/// A phone on a slow network sends three photos in this time.
pub const POST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// The status of a refusal: a photo too heavy 413, not an image 415, anything else 422.
fn refusal_status(problems: &[Problem]) -> StatusCode {
    if problems.contains(&Problem::PhotoTooLarge) {
        StatusCode::PAYLOAD_TOO_LARGE
    } else if problems.contains(&Problem::PhotoType) {
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// Reads the multipart form: its text fields, and the photos' bytes (a file over the limit is
/// read one byte past it, for the use case to refuse).
pub(crate) async fn read_form(multipart: &mut Multipart) -> Result<(HashMap<String, String>, Vec<Vec<u8>>), Error> {
    let mut fields = HashMap::new();
    let mut files = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(Error::new(Code::TooLarge)),
            Err(_) => return Err(Error::new(Code::MalformedRequest)),
        };
        let name = field.name().unwrap_or_default().to_owned();
        // `photo`, or the form's `photo1`…`photo3`.
        if name.starts_with("photo") {
            let mut field = field;
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(|_| Error::new(Code::MalformedRequest))? {
                bytes.extend_from_slice(&chunk);
                if bytes.len() > PHOTO_MAX_BYTES {
                    bytes.truncate(PHOTO_MAX_BYTES + 1);
                    break;
                }
            }
            // An empty file input still sends a part: no photo.
            if !bytes.is_empty() {
                files.push(bytes);
            }
        } else {
            let text = field.text().await.map_err(|_| Error::new(Code::MalformedRequest))?;
            fields.insert(name, text);
        }
    }
    Ok((fields, files))
}

/// `POST /api/ecriture/participation/deposer` (multipart): `nature`, `categorie`, `qpv`, `lat`,
/// `lon`, `titre`, `texte`, `langue`, and up to three `photo` (or `photo1`…) files; for a Régie's staff filing
/// for an inhabitant, `pour_habitant` (the Régie's slug) and `accord=1`. A browser is sent to the
/// item's page, or back to the form with the problems' codes; other clients get 201 `{"id"}`,
/// or the status and `{"code","erreur","problemes"}`.
pub async fn post_item(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, mut multipart: Multipart) -> Response {
    let actor = signed_in.map_or(Actor::Anonymous, |Extension(who)| who.actor());
    let browser = from_browser(&headers);
    let (fields, files) = match read_form(&mut multipart).await {
        Ok(read) => read,
        Err(e) => return respond(locale(&headers), &e),
    };
    let field = |name: &str| fields.get(name).cloned().unwrap_or_default();
    let page_locale = Locale::from_lang(&field("langue")).unwrap_or_default();
    let point = field("lat").trim().parse::<f64>().ok().zip(field("lon").trim().parse::<f64>().ok());
    let form = PostForm { kind: field("nature"), category: field("categorie"), qpv: field("qpv"), point, title: field("titre"), body: field("texte"), photos: files };
    // A Régie's staff filing for an inhabitant met at a permanence: the code to give comes back.
    let for_inhabitant = field("pour_habitant");
    let result = if for_inhabitant.is_empty() {
        participation::post(&state.atlas, &actor, &form).await.map(|o| match o {
            Outcome::Done(id) => Outcome::Done((id, None)),
            Outcome::Refused(p) => Outcome::Refused(p),
        })
    } else {
        participation::permanence::file_for_inhabitant(&state.atlas, &actor, &for_inhabitant, &form, field("accord") == "1").await.map(|o| match o {
            Outcome::Done((id, code)) => Outcome::Done((id, Some(code))),
            Outcome::Refused(p) => Outcome::Refused(p),
        })
    };
    // What was typed comes back to be corrected (the text capped: it travels in the URL).
    let keep = || {
        let body: String = form.body.chars().take(1500).collect();
        format!(
            "etape=2&nature={}&categorie={}&qpv={}&lat={}&lon={}&titre={}&texte={}",
            percent_encode(&form.kind),
            percent_encode(&form.category),
            percent_encode(&form.qpv),
            percent_encode(&field("lat")),
            percent_encode(&field("lon")),
            percent_encode(&form.title),
            percent_encode(&body)
        )
    };
    let back = |query: String| redirect(format!("{}?{query}#formulaire", page_locale.path("/participation/nouveau")));
    match result {
        Ok(Outcome::Done((id, code))) if browser => {
            let code = code.map(|c| format!("&code={c}")).unwrap_or_default();
            redirect(format!("{}?depose=1{code}", page_locale.path(&format!("/participation/{id}"))))
        }
        Ok(Outcome::Done((id, code))) => (StatusCode::CREATED, Json(serde_json::json!({ "id": id, "code": code }))).into_response(),
        Ok(Outcome::Refused(problems)) if browser => {
            let codes: Vec<&str> = problems.iter().map(|p| p.code()).collect();
            back(format!("erreurs={}&{}", codes.join(","), keep()))
        }
        Ok(Outcome::Refused(problems)) => {
            let lang = locale(&headers);
            let messages: Vec<String> = problems.iter().map(|p| p.message(lang)).collect();
            let codes: Vec<&str> = problems.iter().map(|p| p.code()).collect();
            let body = serde_json::json!({ "code": Code::Invalid.name(), "erreur": messages.join(" ; "), "problemes": codes });
            (refusal_status(&problems), Json(body)).into_response()
        }
        Err(e) if browser && e.status() < 500 => back(format!("erreur={}&{}", e.code.name(), keep())),
        Err(e) => respond(locale(&headers), &e),
    }
}

/// `GET /participation/photos/{id}.jpg` and `{id}-vignette.jpg`: the stored JPEG. Its bytes never
/// change, but moderation may hide it (a face, a number plate): caches keep it 10 minutes, not a year.
pub async fn photo(State(state): State<AppState>, headers: HeaderMap, Path(file): Path<String>) -> Response {
    let lang = locale(&headers);
    let (id, thumb) = match file.strip_suffix(".jpg") {
        Some(stem) => match stem.strip_suffix("-vignette") {
            Some(id) => (id.parse::<i64>().ok(), true),
            None => (stem.parse::<i64>().ok(), false),
        },
        None => (None, false),
    };
    let Some(id) = id else { return respond(lang, &Error::new(Code::NotFound)) };
    match participation::photo_file(&state.atlas.db, &Actor::Anonymous, id, thumb).await {
        Ok(Some(bytes)) => (
            [(header::CONTENT_TYPE, "image/jpeg"), (header::CACHE_CONTROL, "public, max-age=600")],
            bytes,
        )
            .into_response(),
        Ok(None) => respond(lang, &Error::new(Code::NotFound)),
        Err(e) => respond(lang, &e),
    }
}

/// `GET /participation/flux/{code}.atom[?langue=en]`: a QPV's latest items as an Atom feed.
pub async fn feed(State(state): State<AppState>, headers: HeaderMap, Path(file): Path<String>, query: axum::extract::Query<HashMap<String, String>>) -> Response {
    let lang = locale(&headers);
    let Some(code) = file.strip_suffix(".atom") else { return respond(lang, &Error::new(Code::NotFound)) };
    let feed_locale = query.get("langue").and_then(|l| Locale::from_lang(l)).unwrap_or_default();
    match participation::public::atom(&state.atlas.db, &Actor::Anonymous, code, feed_locale).await {
        Ok(Some(xml)) => ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], xml).into_response(),
        Ok(None) => respond(lang, &Error::new(Code::NotFound)),
        Err(e) => respond(lang, &e),
    }
}
