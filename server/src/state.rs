//! What every HTTP handler receives: the Leptos options and the running Atlas.

use leptos::prelude::LeptosOptions;

use atlas_service::Atlas;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub atlas: Atlas,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
