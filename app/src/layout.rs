//! The frame around every page: header with navigation, footer with data credits, 404.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::error::set_not_found;
use crate::i18n::use_texts;
use crate::places::SearchBox;

#[component]
pub fn Header() -> impl IntoView {
    let t = use_texts();
    view! {
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true"></span>
                <span>{t.site_name}</span>
            </a>
            <nav aria-label=t.nav_label>
                <ul>
                    <li><A href="/" exact=true>{t.nav_home}</A></li>
                    <li><A href="/regies">{t.nav_regies}</A></li>
                    <li><A href="/carte">{t.nav_map}</A></li>
                    <li><A href="/territoires">{t.nav_territories}</A></li>
                    <li><A href="/autour-de-moi">{t.nav_locate}</A></li>
                </ul>
            </nav>
            <SearchBox />
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let t = use_texts();
    view! {
        <footer class="site-footer">
            <p>{t.footer_data}</p>
            <p>{t.footer_licence}</p>
        </footer>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_texts();
    set_not_found();
    view! {
        <Title text=t.not_found_title />
        <h1>{t.not_found_title}</h1>
        <p>{t.not_found_text}</p>
        <p><a href="/">{t.nav_home}</a></p>
    }
}
