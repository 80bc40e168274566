//! Errors a page can show, each with the French sentence a user reads.

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
    set_status(http::StatusCode::NOT_FOUND);
}

/// Sets the HTTP status of the page or server-function response being answered.
#[cfg(feature = "ssr")]
pub fn set_status(status: http::StatusCode) {
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(status);
    }
}

/// Server-side: the database pool provided by the server, or a French error.
#[cfg(feature = "ssr")]
pub fn pool() -> Result<sqlx::AnyPool, ServerFnError> {
    use_context::<sqlx::AnyPool>().ok_or_else(|| ServerFnError::new("base de données indisponible"))
}

/// Server-side: logs the database error and answers with a sentence that reveals nothing internal,
/// as a 503 (the database is down or overloaded: the client may retry; a balancer may route away).
#[cfg(feature = "ssr")]
pub fn db_error(e: sqlx::Error) -> ServerFnError {
    tracing::error!(error = %e, "database query failed");
    set_status(http::StatusCode::SERVICE_UNAVAILABLE);
    ServerFnError::new("la base de données n'a pas répondu ; réessayez dans un instant")
}
