//! The network's imports from its pages (`/reseau/imports`): the upload (multipart, checked at
//! once), the start of a checked file, its abandon, and its state as JSON. Under the write prefix
//! (same-origin-checked and rate-limited) but the state, which only reads. A browser is sent to
//! the import's page; other clients get JSON: 201 with the check's report, 202 when the import
//! started, the state with its progress.

use axum::extract::rejection::FormRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form, Json};

use atlas_core::error::{Code, Error};
use atlas_core::locale::Locale;
use atlas_service::account::SignedIn;
use atlas_service::import::jobs::{self, Job, MAX_FILE_BYTES};
use atlas_service::Actor;

use crate::error::{from_browser, locale, redirect, respond};
use crate::state::AppState;

pub const UPLOAD_PATH: &str = "/api/ecriture/reseau/imports";
pub const START_PATH: &str = "/api/ecriture/reseau/imports/lancer";
pub const ABANDON_PATH: &str = "/api/ecriture/reseau/imports/abandonner";
pub const STATE_PATH: &str = "/api/reseau/imports/{id}";
/// The upload: the file at its limit, and the form's few fields.
pub const UPLOAD_MAX_BYTES: usize = MAX_FILE_BYTES + 64 * 1024;
/// A large file over a slow connection.
pub const UPLOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

fn actor_of(signed_in: Option<Extension<SignedIn>>) -> Actor {
    signed_in.map_or(Actor::Anonymous, |Extension(who)| who.actor())
}

/// An import as JSON; each refused line has its problem (`code` and the values it names) and its
/// `raison` in the reader's language.
fn job_json(job: &Job, reader: Locale) -> serde_json::Value {
    serde_json::json!({
        "id": job.id,
        "type": job.kind.code(),
        "fichier": job.file_name,
        "etat": job.status.code(),
        "fait": job.done,
        "total": job.total,
        "rapport": {
            "lues": job.report.read,
            "ajoutees": job.report.inserted,
            "mises_a_jour": job.report.updated,
            "inchangees": job.report.unchanged,
            "rejetees": job.report.rejected.iter().map(|r| serde_json::json!({ "ligne": r.line, "probleme": r.problem, "raison": r.problem.text(reader) })).collect::<Vec<_>>(),
        },
    })
}

/// A refusal: a browser goes back to the page with its code (a 5xx stays an error page).
fn refused(headers: &HeaderMap, page: &str, e: &Error) -> Response {
    if from_browser(headers) && e.status() < 500 {
        let sep = if page.contains('?') { '&' } else { '?' };
        return redirect(format!("{page}{sep}erreur={}", e.code.name()));
    }
    respond(locale(headers), e)
}

/// `POST /api/ecriture/reseau/imports` (multipart): `type` (`regies` or `partenariats`), the file
/// `fichier`, `langue`.
pub async fn upload(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, mut multipart: Multipart) -> Response {
    let actor = actor_of(signed_in);
    let (mut kind, mut lang, mut name, mut bytes) = (String::new(), String::new(), String::new(), Vec::new());
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return respond(locale(&headers), &Error::new(Code::TooLarge)),
            Err(_) => return respond(locale(&headers), &Error::new(Code::MalformedRequest)),
        };
        match field.name().unwrap_or_default() {
            "fichier" => {
                name = field.file_name().unwrap_or_default().to_owned();
                match field.bytes().await {
                    Ok(b) => bytes = b.to_vec(),
                    Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return respond(locale(&headers), &Error::new(Code::TooLarge)),
                    Err(_) => return respond(locale(&headers), &Error::new(Code::MalformedRequest)),
                }
            }
            other => {
                let other = other.to_owned();
                let Ok(text) = field.text().await else { return respond(locale(&headers), &Error::new(Code::MalformedRequest)) };
                match other.as_str() {
                    "type" => kind = text,
                    "langue" => lang = text,
                    _ => {}
                }
            }
        }
    }
    let reader = Locale::from_lang(&lang).unwrap_or_else(|| locale(&headers));
    let page = reader.path("/reseau/imports");
    match jobs::check(&state.atlas, &actor, &kind, &name, bytes).await {
        Ok(job) if from_browser(&headers) => redirect(format!("{page}?lot={}", job.id)),
        Ok(job) => (StatusCode::CREATED, Json(job_json(&job, reader))).into_response(),
        Err(e) => refused(&headers, &page, &e),
    }
}

type Posted = Result<Form<Vec<(String, String)>>, FormRejection>;

/// The job named by `lot` in a url-encoded form, and the page to go back to.
fn lot_of(headers: &HeaderMap, form: Posted) -> Result<(i64, String), Response> {
    let Ok(Form(fields)) = form else { return Err(respond(locale(headers), &Error::new(Code::MalformedRequest))) };
    let get = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let page = Locale::from_lang(&get("langue")).unwrap_or_default().path("/reseau/imports");
    match get("lot").trim().parse::<i64>() {
        Ok(id) => Ok((id, format!("{page}?lot={id}"))),
        Err(_) => Err(refused(headers, &page, &Error::with(Code::MissingParameter, "lot"))),
    }
}

/// `POST /api/ecriture/reseau/imports/lancer`: `lot`, `langue`. Starts a checked (or
/// interrupted) import; the browser goes to its page and follows its progress.
pub async fn start(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, form: Posted) -> Response {
    let (id, page) = match lot_of(&headers, form) {
        Ok(read) => read,
        Err(response) => return response,
    };
    match jobs::start(&state.atlas, &actor_of(signed_in), id).await {
        Ok(()) if from_browser(&headers) => redirect(page),
        Ok(()) => (StatusCode::ACCEPTED, Json(serde_json::json!({ "id": id }))).into_response(),
        Err(e) => refused(&headers, &page, &e),
    }
}

/// `POST /api/ecriture/reseau/imports/abandonner`: `lot`, `langue`. The file is deleted.
pub async fn abandon(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, form: Posted) -> Response {
    let (id, page) = match lot_of(&headers, form) {
        Ok(read) => read,
        Err(response) => return response,
    };
    match jobs::abandon(&state.atlas, &actor_of(signed_in), id).await {
        Ok(()) if from_browser(&headers) => redirect(page),
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => refused(&headers, &page, &e),
    }
}

/// `GET /api/reseau/imports/{id}`: the import's state, with its progress while it runs.
pub async fn state_of(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else { return respond(locale(&headers), &Error::new(Code::NotFound)) };
    match jobs::job(&state.atlas, &actor_of(signed_in), id).await {
        Ok(job) => ([(header::CACHE_CONTROL, "no-store")], Json(job_json(&job, locale(&headers)))).into_response(),
        Err(e) => respond(locale(&headers), &e),
    }
}
