//! The search box of every page: a plain GET form to /recherche (works without JavaScript),
//! with suggestions fetched while typing once the page is hydrated (debounced 250 ms).

use std::time::Duration;

use atlas_core::place::Hit;
use leptos::prelude::*;

use super::suggest;
use crate::i18n::{use_texts, Texts};

pub fn kind_label(t: &Texts, kind: atlas_core::place::HitKind) -> &'static str {
    use atlas_core::place::HitKind::*;
    match kind {
        Regie => t.kind_regie,
        Commune => t.kind_commune,
        Qpv => t.kind_qpv,
    }
}

#[component]
pub fn SearchBox() -> impl IntoView {
    let t = use_texts();
    let (query, set_query) = signal(String::new());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let on_input = move |value: String| {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(move || set_query.set(value), Duration::from_millis(250)).ok();
        timer.set_value(handle);
    };
    // Closing also cancels a keystroke's pending timer: otherwise it could fire after a click on
    // a suggestion and open the list again over the new page (seen on a loaded machine).
    let close = move || {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        timer.set_value(None);
        set_query.set(String::new());
    };
    // Client-only: the server renders no suggestions, so hydration always matches.
    let suggestions = LocalResource::new(move || {
        let q = query.get();
        async move {
            if q.trim().chars().count() < 2 {
                Vec::new()
            } else {
                suggest(q).await.unwrap_or_default()
            }
        }
    });
    let hits = move || suggestions.get().unwrap_or_default();
    view! {
        <form
            class="search"
            method="get"
            action=t.path("/recherche")
            role="search"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    close();
                }
            }
        >
            <label for="recherche" class="visually-hidden">{t.search_label}</label>
            <input
                id="recherche"
                name="q"
                type="search"
                autocomplete="off"
                placeholder=t.search_placeholder
                aria-describedby="recherche-aide"
                on:input:target=move |ev| on_input(ev.target().value())
            />
            <button type="submit" class="button">{t.search_button}</button>
            <span id="recherche-aide" class="visually-hidden">{t.search_help}</span>
            <p class="visually-hidden" role="status" aria-live="polite">
                {move || { let n = hits().len(); if n == 0 { String::new() } else { t.suggestions_count.replace("{n}", &n.to_string()) } }}
            </p>
            <Show when=move || !hits().is_empty()>
                <ul class="suggestions" id="suggestions" aria-label=t.suggestions_label>
                    <For each=hits key=|h: &Hit| h.url.clone() let:h>
                        <li>
                            <a href=t.path(&h.url) on:click=move |_| close()>
                                <span class="suggestion-label">{h.label.clone()}</span>
                                <span class="suggestion-detail">{format!("{} · {}", kind_label(t, h.kind), h.detail)}</span>
                            </a>
                        </li>
                    </For>
                </ul>
            </Show>
        </form>
    }
}
