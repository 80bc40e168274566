//! The forms of `/reseau/personnes`: suspend an account, reactivate it, lift its sign-in block.
//! Url-encoded (`compte`: its id, `q`: the page's search, kept; `langue`), under the write prefix
//! (same-origin-checked and rate-limited). A browser goes back to the page with the outcome;
//! other clients get 204, or the error's status and JSON.

use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};

use atlas_core::error::{Code, Error};
use atlas_core::locale::Locale;
use atlas_core::text::percent_encode;
use atlas_service::account::{people, SignedIn};
use atlas_service::Actor;

use crate::error::{from_browser, locale, redirect, respond};
use crate::state::AppState;

pub const SUSPEND_PATH: &str = "/api/ecriture/reseau/personnes/suspendre";
pub const REACTIVATE_PATH: &str = "/api/ecriture/reseau/personnes/reactiver";
pub const UNLOCK_PATH: &str = "/api/ecriture/reseau/personnes/debloquer";

#[derive(Clone, Copy)]
enum Act {
    Suspend,
    Reactivate,
    Unlock,
}

impl Act {
    /// The outcome's word in the page's URL.
    fn done(self) -> &'static str {
        match self {
            Act::Suspend => "suspendu",
            Act::Reactivate => "reactive",
            Act::Unlock => "debloque",
        }
    }
}

type Posted = Result<Form<Vec<(String, String)>>, FormRejection>;

async fn act(state: AppState, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, form: Posted, act: Act) -> Response {
    let Ok(Form(fields)) = form else { return respond(locale(&headers), &Error::new(Code::MalformedRequest)) };
    let get = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let page = format!("{}?q={}", Locale::from_lang(&get("langue")).unwrap_or_default().path("/reseau/personnes"), percent_encode(&get("q")));
    let actor = signed_in.map_or(Actor::Anonymous, |Extension(who)| who.actor());
    let db = &state.atlas.db;
    let result = match get("compte").trim().parse::<i64>() {
        Err(_) => Err(Error::with(Code::MissingParameter, "compte")),
        Ok(id) => match act {
            Act::Suspend => people::set_suspended(db, &actor, id, true).await,
            Act::Reactivate => people::set_suspended(db, &actor, id, false).await,
            Act::Unlock => people::unlock(db, &actor, id).await,
        },
    };
    match result {
        Ok(()) if from_browser(&headers) => redirect(format!("{page}&fait={}", act.done())),
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) if from_browser(&headers) && e.status() < 500 => redirect(format!("{page}&erreur={}", e.code.name())),
        Err(e) => respond(locale(&headers), &e),
    }
}

pub async fn suspend(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, form: Posted) -> Response {
    act(state, signed_in, headers, form, Act::Suspend).await
}

pub async fn reactivate(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, form: Posted) -> Response {
    act(state, signed_in, headers, form, Act::Reactivate).await
}

pub async fn unlock(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, form: Posted) -> Response {
    act(state, signed_in, headers, form, Act::Unlock).await
}
