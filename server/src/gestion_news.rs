//! The form of `/gestion/<slug>/actualites`: a news post published or taken out. A browser comes
//! back to the page with the outcome (what was typed kept on a refusal); other clients get 201
//! `{"id"}`, 204, 422 with the problems.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};

use atlas_core::error::{Code, Error};
use atlas_core::regie::news::NewsForm;
use atlas_core::text::percent_encode;
use atlas_service::account::SignedIn;
use atlas_service::regie::news;

use crate::error::{from_browser, redirect};
use crate::gestion::{actor_of, cap, problems_json, read, refused, Posted};
use crate::state::AppState;

pub const NEWS_PATH: &str = "/api/ecriture/gestion/actualites";

/// `POST /api/ecriture/gestion/actualites`: `regie`, `langue` and `action`: `publier` with
/// `titre` and `texte`, or `retirer` with `actualite` (its id).
pub async fn save(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, form: Posted) -> Response {
    let (fields, page_locale) = match read(&headers, form) {
        Ok(read) => read,
        Err(response) => return response,
    };
    let actor = actor_of(signed_in);
    let db = &state.atlas.db;
    let slug = fields.get("regie");
    let page = page_locale.path(&format!("/gestion/{}/actualites", percent_encode(&slug)));
    let browser = from_browser(&headers);
    match fields.get("action").as_str() {
        "publier" => {
            let form = NewsForm { titre: fields.get("titre"), texte: fields.get("texte") };
            // What was typed comes back in the page's URL (capped: it travels there).
            let typed = format!("titre={}&texte={}", percent_encode(&cap(&form.titre, 200)), percent_encode(&cap(&form.texte, 1600)));
            match news::publish(db, &actor, &slug, &form).await {
                Ok(Ok(_)) if browser => redirect(format!("{page}?fait=publiee")),
                Ok(Ok(id)) => (StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response(),
                Ok(Err(problems)) if browser => {
                    let codes: Vec<&str> = problems.iter().map(|p| p.code()).collect();
                    redirect(format!("{page}?erreurs={}&{typed}#nouvelle", codes.join(",")))
                }
                Ok(Err(problems)) => problems_json(&headers, StatusCode::UNPROCESSABLE_ENTITY, &problems),
                Err(e) => refused(&headers, &page, e, &typed),
            }
        }
        "retirer" => {
            let Ok(id) = fields.get("actualite").trim().parse::<i64>() else {
                return refused(&headers, &page, Error::with(Code::MissingParameter, "actualite"), "");
            };
            match news::remove(db, &actor, &slug, id).await {
                Ok(()) if browser => redirect(format!("{page}?fait=retiree")),
                Ok(()) => StatusCode::NO_CONTENT.into_response(),
                Err(e) => refused(&headers, &page, e, ""),
            }
        }
        _ => refused(&headers, &page, Error::with(Code::InvalidParameter, "action"), ""),
    }
}
