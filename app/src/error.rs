//! How a use case's answer reaches a page: errors shown as a readable alert, the response's
//! HTTP status, and (server side) the running Atlas and the acting party of the request.

use leptos::prelude::*;

use crate::i18n::use_texts;

/// Shows a server function's failure as a readable alert, without the technical prefix.
#[component]
pub fn ErrorNotice(error: ServerFnError) -> impl IntoView {
    let t = use_texts();
    let message = match error {
        ServerFnError::ServerError(m) => m,
        other => other.to_string(),
    };
    view! { <p class="alert" role="alert">{t.error_prefix}{message}</p> }
}

/// Marks the current response as "not found" when rendering on the server.
pub fn set_not_found() {
    #[cfg(feature = "ssr")]
    set_status(404);
}

/// Sets the HTTP status of the page or server-function response being answered.
#[cfg(feature = "ssr")]
pub fn set_status(status: u16) {
    if let (Some(resp), Ok(status)) = (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(status)) {
        resp.set_status(status);
    }
}

/// The running Atlas (database and snapshot) the server provided to this request.
#[cfg(feature = "ssr")]
pub fn atlas() -> Result<atlas_service::Atlas, ServerFnError> {
    use_context::<atlas_service::Atlas>().ok_or_else(|| fail(atlas_service::Error::new(atlas_service::Code::Unavailable)))
}

/// Who is asking: the signed-in person the server found behind the session cookie, or anonymous.
#[cfg(feature = "ssr")]
pub fn actor() -> atlas_service::Actor {
    signed_in().map_or(atlas_service::Actor::Anonymous, |who| who.actor())
}

#[cfg(feature = "ssr")]
pub fn signed_in() -> Option<atlas_service::account::SignedIn> {
    use_context::<http::request::Parts>()?.extensions.get::<atlas_service::account::SignedIn>().cloned()
}

/// A use case's error as this response: its message in the request's language, and its status
/// when a client called the server function. A page that shows the error (an unknown commune
/// typed in « Autour de moi », a search too long) still answers 200, unless it could not be
/// served at all (503: the database is down).
#[cfg(feature = "ssr")]
pub fn fail(e: atlas_service::Error) -> ServerFnError {
    let server_fn_call = use_context::<http::request::Parts>().is_some_and(|p| p.uri.path().starts_with("/api/"));
    if server_fn_call || e.status() >= 500 {
        set_status(e.status());
    }
    ServerFnError::ServerError(e.message(crate::i18n::request_locale()))
}
