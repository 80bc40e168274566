//! What every HTTP handler receives: the Leptos options, the running Atlas and the page cache.

use leptos::prelude::LeptosOptions;

use atlas_service::Atlas;

use crate::page_cache::PageCache;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub atlas: Atlas,
    pub page_cache: PageCache,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
