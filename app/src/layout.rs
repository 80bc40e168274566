//! The frame around every page: header with navigation, footer with data credits, 404.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::error::set_not_found;
use crate::i18n::{use_texts, Locale};
use crate::compte::Viewer;
use crate::places::SearchBox;

#[component]
pub fn Header() -> impl IntoView {
    let t = use_texts();
    let viewer = use_context::<Viewer>().unwrap_or_default();
    // Phones: one row (brand, account, language, menu) above the search; the links fold into a
    // disclosure that works without JavaScript. Wider screens show the links (style/main.css).
    view! {
        <header class="site-header">
            <a class="brand" href=t.path("/")>
                <span class="brand-mark" aria-hidden="true"></span>
                <span>{t.site_name}</span>
            </a>
            <details class="menu">
                <summary>{t.nav_menu}</summary>
                <nav aria-label=t.nav_label>
                    <ul>
                        <li><A href=t.path("/") exact=true>{t.nav_home}</A></li>
                        <li><A href=t.path("/regies")>{t.nav_regies}</A></li>
                        <li><A href=t.path("/carte")>{t.nav_map}</A></li>
                        <li><A href=t.path("/territoires")>{t.nav_territories}</A></li>
                        <li><A href=t.path("/autour-de-moi")>{t.nav_locate}</A></li>
                    </ul>
                </nav>
                <LanguageSwitch />
            </details>
            <SearchBox />
            <AccountLink viewer />
        </header>
    }
}

/// Who is signed in (their pseudonym, to their account) with the bell of their notifications,
/// or the way to sign in.
#[component]
fn AccountLink(viewer: Viewer) -> impl IntoView {
    let t = use_texts();
    let signed_in = !viewer.pseudonym.is_empty();
    let (href, label) = if signed_in { (t.path("/compte"), viewer.pseudonym) } else { (t.path("/compte/connexion"), t.nav_sign_in.to_owned()) };
    let unread = viewer.unread;
    let bell = signed_in.then(|| view! {
        <a class="bell" href=t.path("/compte/notifications") aria-label=t.nav_notifications.replace("{n}", &unread)>
            <span class="bell-icon" aria-hidden="true"></span>
            {(unread != "0").then(|| view! { <span class="bell-count" aria-hidden="true">{unread.clone()}</span> })}
        </a>
    });
    view! {
        {bell}
        <a class="account-link" class:signed-in=signed_in href=href title=signed_in.then_some(t.nav_account)
            aria-label=signed_in.then(|| format!("{} : {label}", t.nav_account))>
            <span class="account-icon" aria-hidden="true"></span>
            <span class="account-name">{label.clone()}</span>
        </a>
    }
}

/// The same page in the other language (path and query kept).
#[component]
fn LanguageSwitch() -> impl IntoView {
    let t = use_texts();
    let other = match t.locale {
        Locale::Fr => Locale::En,
        Locale::En => Locale::Fr,
    };
    let location = use_location();
    let href = move || {
        let path = other.path(Locale::strip(&location.pathname.get()));
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        if search.is_empty() { path } else { format!("{path}?{search}") }
    };
    view! {
        <a class="lang-switch" href=href hreflang=other.lang() lang=other.lang() title=t.switch_language_label>
            {t.switch_language}
        </a>
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
        <p><a href=t.path("/")>{t.nav_home}</a></p>
    }
}
