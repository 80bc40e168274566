//! `POST /api/ecriture/reseau/regies`: the network adds a Régie (`nom`, `siret`, `adresse`,
//! `code_postal`, `commune`, `lat`, `lon`, `confirmer`, `langue`). A browser goes to the new
//! Régie's management page, or back to the form with its refusals or its likely duplicates and
//! what was typed; other clients get 201 `{"regie"}`, 422 with the problems, or 409 with the
//! likely duplicates (a similar name nearby: sent again with `confirmer=1`, it is written).
//! Anyone else signed in who sends it (with a `message`) proposes the Régie to the network
//! (`/compte/nouvelle-regie`): 202 `{"proposition"}`, the browser back to the form saying so.
//! `POST /api/ecriture/reseau/propositions` (`proposition`, `decision` = `accepter` | `refuser`):
//! the network's answer; 200 `{"regie"}` when accepted, 204 when refused.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};

use atlas_core::error::Code;
use atlas_core::regie::creation::NewRegieForm;
use atlas_core::text::percent_encode;
use atlas_service::account::SignedIn;
use atlas_service::regie::create::{self, Created};
use atlas_service::regie::proposal;
use atlas_service::Action;

use crate::error::{from_browser, locale, redirect};
use crate::gestion::{actor_of, read, refused, Posted};
use crate::state::AppState;

pub const CREATE_PATH: &str = "/api/ecriture/reseau/regies";
pub const PROPOSALS_PATH: &str = "/api/ecriture/reseau/propositions";

pub async fn create(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, form: Posted) -> Response {
    let (fields, page_locale) = match read(&headers, form) {
        Ok(read) => read,
        Err(response) => return response,
    };
    let actor = actor_of(signed_in);
    // The network adds the Régie; anyone else signed in proposes it (each use case checks its own right).
    let network = actor.authorize(Action::CreateRegie).is_ok();
    let page = page_locale.path(if network { "/reseau/nouvelle-regie" } else { "/compte/nouvelle-regie" });
    let form = NewRegieForm {
        nom: fields.get("nom"),
        siret: fields.get("siret"),
        adresse: fields.get("adresse"),
        code_postal: fields.get("code_postal"),
        commune: fields.get("commune"),
        lat: fields.get("lat"),
        lon: fields.get("lon"),
    };
    let mut typed = String::from("saisie=1");
    for (name, value) in [
        ("nom", &form.nom),
        ("siret", &form.siret),
        ("adresse", &form.adresse),
        ("code_postal", &form.code_postal),
        ("commune", &form.commune),
        ("lat", &form.lat),
        ("lon", &form.lon),
    ] {
        let value: String = value.chars().take(250).collect();
        typed.push_str(&format!("&{name}={}", percent_encode(&value)));
    }
    let message = fields.get("message");
    if !network {
        let kept: String = message.chars().take(proposal::MESSAGE_MAX_CHARS).collect();
        typed.push_str(&format!("&message={}", percent_encode(&kept)));
    }
    let browser = from_browser(&headers);
    let confirmed = fields.get("confirmer") == "1";
    let answer = if network {
        create::create(&state.atlas.db, &actor, &form, confirmed).await
    } else {
        proposal::propose(&state.atlas.db, &actor, &form, &message, confirmed).await
    };
    match answer {
        Ok(Created::Proposed(_)) if browser => redirect(format!("{page}?fait=proposee#nouvelle")),
        Ok(Created::Proposed(id)) => (StatusCode::ACCEPTED, Json(serde_json::json!({ "proposition": id }))).into_response(),
        Ok(Created::Regie(slug)) if browser => redirect(page_locale.path(&format!("/gestion/{slug}?fait=creee"))),
        Ok(Created::Regie(slug)) => (StatusCode::CREATED, Json(serde_json::json!({ "regie": slug }))).into_response(),
        Ok(Created::Refused(problems)) if browser => {
            let codes: Vec<&str> = problems.iter().map(|p| p.code()).collect();
            redirect(format!("{page}?erreurs={}&{typed}#nouvelle", codes.join(",")))
        }
        Ok(Created::Refused(problems)) => {
            let lang = locale(&headers);
            let messages: Vec<String> = problems.iter().map(|p| p.message(lang)).collect();
            let codes: Vec<&str> = problems.iter().map(|p| p.code()).collect();
            let body = serde_json::json!({ "code": Code::Invalid.name(), "erreur": messages.join(" ; "), "problemes": codes });
            (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
        }
        Ok(Created::Duplicates(_)) if browser => redirect(format!("{page}?doublons=1&{typed}#doublons")),
        Ok(Created::Duplicates(likely)) => {
            let list: Vec<serde_json::Value> = likely
                .iter()
                .map(|l| serde_json::json!({ "regie": l.slug, "nom": l.nom, "commune": l.commune, "metres": l.metres.map(|m| m.round() as i64) }))
                .collect();
            (StatusCode::CONFLICT, Json(serde_json::json!({ "code": Code::Conflict.name(), "doublons": list }))).into_response()
        }
        Err(e) => refused(&headers, &page, e, &typed),
    }
}

pub async fn decide_proposal(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, form: Posted) -> Response {
    let (fields, page_locale) = match read(&headers, form) {
        Ok(read) => read,
        Err(response) => return response,
    };
    let page = page_locale.path("/reseau");
    let (id, accept) = match fields.decision("proposition") {
        Ok(decision) => decision,
        Err(e) => return refused(&headers, &page, e, ""),
    };
    match proposal::decide(&state.atlas.db, &actor_of(signed_in), id, accept).await {
        Ok(Some(slug)) if from_browser(&headers) => redirect(format!("{page}?fait=proposition-acceptee&regie={slug}#propositions")),
        Ok(None) if from_browser(&headers) => redirect(format!("{page}?fait=proposition-refusee#propositions")),
        Ok(Some(slug)) => (StatusCode::OK, Json(serde_json::json!({ "regie": slug }))).into_response(),
        Ok(None) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => refused(&headers, &page, e, ""),
    }
}
