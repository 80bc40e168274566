//! The Atlas des Régies web application: routes, pages and server functions.
//! Compiled twice: with `ssr` into the server, with `hydrate` into the browser bundle.

pub mod carte;
pub mod commune;
pub mod compte;
pub mod error;
pub mod figure;
pub mod gestion;
pub mod gaps;
pub mod home;
pub mod i18n;
pub mod layout;
pub mod partenaires;
pub mod participation;
pub mod places;
pub mod qpv;
pub mod regie;
pub mod territoires;
pub mod textarea;

/// Every server function that writes lives under this path (`#[server(endpoint = "ecriture/…")]`):
/// the server rate-limits it per client. Reads (also POST, as Leptos calls them) are not limited.
pub const WRITE_PREFIX: &str = "/api/ecriture/";

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, Meta, MetaTags, Title};
use leptos_router::{
    components::{Outlet, ParentRoute, Route, Router, Routes},
    any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute},
    lazy_route, path, Lazy, LazyRoute, SsrMode,
};

use crate::i18n::Locale;

use crate::carte::MapPage;
use crate::compte::account_page::AccountPage;
use crate::compte::privacy::{DevMailPage, PrivacyPage};
use crate::compte::pages::AccountPages;
use crate::commune::CommunePage;
use crate::gaps::GapsPage;
use crate::home::HomePage;
use crate::qpv::QpvPage;
use crate::layout::{Footer, Header, NotFound};
use crate::places::{LocatePage, SearchPage};
use crate::regie::{RegieListPage, RegiePage};
use crate::territoires::TerritoryPageView;
use crate::partenaires::{PartnerPage, PartnersPage};
use crate::participation::new_page::ParticipationPages;

/// This response's Content-Security-Policy nonce, chosen by the server's security headers
/// (which name it in the policy) and stamped by Leptos on every inline script of the page.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// The HTML document around the app, rendered on the server only; its language is the page's.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let locale = use_context::<http::request::Parts>().map(|p| Locale::of_path(p.uri.path())).unwrap_or_default();
    #[cfg(feature = "ssr")]
    if let Some(nonce) = use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<CspNonce>().cloned()) {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
    #[cfg(not(feature = "ssr"))]
    let locale = Locale::Fr;
    view! {
        <!DOCTYPE html>
        <html lang=locale.lang()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <AutoReload options=options.clone() />
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// French pages at `/…`, the same pages in English at `/en/…`: the URL decides the language,
/// so that a page can be shared and cached as it is.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    compte::provide_viewer();
    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Title formatter=|page: String| {
            if page.is_empty() { "Atlas des Régies".to_owned() } else { format!("{page} · Atlas des Régies") }
        } />
        <Router>
            <Routes fallback=|| {
                let locale = Locale::of_path(&leptos_router::hooks::use_location().pathname.get_untracked());
                view! { <Frame locale><NotFound /></Frame> }
            }>
                <ParentRoute path=path!("/en") view=|| view! { <Frame locale=Locale::En><Outlet /></Frame> }>
                    <PageRoutes />
                </ParentRoute>
                <ParentRoute path=path!("") view=|| view! { <Frame locale=Locale::Fr><Outlet /></Frame> }>
                    <PageRoutes />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// Every page, mounted once per language.
#[component(transparent)]
fn PageRoutes() -> AnyNestedRoute {
    // Async: pages wait for their data, so the HTML is complete without JavaScript.
    view! {
        <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
        <Route path=path!("/regies") view=RegieListPage ssr=SsrMode::Async />
        <Route path=path!("/regies/:slug") view=RegiePage ssr=SsrMode::Async />
        <Route path=path!("/qpv/:code") view=QpvPage ssr=SsrMode::Async />
        <Route path=path!("/communes/:insee") view={Lazy::<CommuneRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/recherche") view=SearchPage ssr=SsrMode::Async />
        <Route path=path!("/carte") view={Lazy::<MapRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/territoires/quartiers-sans-regie") view={Lazy::<GapsRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/territoires") view={Lazy::<TerritoryRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/territoires/:niveau/:code") view={Lazy::<TerritoryRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/partenaires") view={Lazy::<PartnersRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/partenaires/:id") view={Lazy::<PartnerRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/autour-de-moi") view={Lazy::<LocateRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/compte") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async />
        // Sign-up, sign-in, mailed links, the code, invitations: one lazy route (compte::pages),
        // since each lazy route costs the main bundle its own loader.
        <Route path=path!("/compte/:page") view={Lazy::<AccountPagesRoute>::new()} ssr=SsrMode::Async />
        // The participatory space: the lists, the form and the items behind one lazy route (one
        // loader in the main bundle).
        <Route path=path!("/participation") view={Lazy::<ParticipationPagesRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/participation/:page") view={Lazy::<ParticipationPagesRoute>::new()} ssr=SsrMode::Async />
        // A Régie's team space (the list, the profile form, its history) and the network's
        // administration: in the account pages' lazy route (`compte::pages`), which sends them
        // to `gestion`: a lazy route of their own would cost the main bundle its loader.
        <Route path=path!("/gestion/:slug") view={Lazy::<AccountPagesRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/gestion/:slug/:page") view={Lazy::<AccountPagesRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/reseau") view={Lazy::<AccountPagesRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/reseau/:page") view={Lazy::<AccountPagesRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/confidentialite") view={Lazy::<PrivacyRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/dev/courriels") view={Lazy::<DevMailRoute>::new()} ssr=SsrMode::Async />
    }
    .into_inner()
    .into_any_nested_route()
}

/// The frame of a page in one language: it provides the language to everything inside, says
/// where the page is in the other language, and draws the header and footer.
#[component]
fn Frame(locale: Locale, children: Children) -> impl IntoView {
    provide_context(locale);
    let t = i18n::texts(locale);
    let pathname = leptos_router::hooks::use_location().pathname;
    let path = Locale::strip(&pathname.get_untracked()).to_owned();
    // After a client-side navigation the alternates must name the page shown (a shared link):
    // the three tags are updated in place, cheaper in the bundle than re-rendering them.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let path = Locale::strip(&pathname.get()).to_owned();
        for (hreflang, locale) in [("fr", Locale::Fr), ("en", Locale::En), ("x-default", Locale::Fr)] {
            if let Ok(Some(link)) = document().query_selector(&format!("link[hreflang=\"{hreflang}\"]")) {
                let _ = link.set_attribute("href", &locale.path(&path));
            }
        }
    });
    view! {
        <Meta name="description" content=t.site_tagline />
        <Link rel="alternate" hreflang="fr" href=Locale::Fr.path(&path) />
        <Link rel="alternate" hreflang="en" href=Locale::En.path(&path) />
        <Link rel="alternate" hreflang="x-default" href=Locale::Fr.path(&path) />
        <a class="skip-link" href="#contenu">{t.skip_to_content}</a>
        <Header />
        <main id="contenu" tabindex="-1">{children()}</main>
        <Footer />
    }
}

/// A rarely used page as a lazy route: its code is a separate wasm chunk (`cargo leptos build
/// --split`), fetched when the page is first shown, so the home, directory, Régie, QPV and search
/// pages load a smaller main bundle. Making every page lazy was measured worse (a Régie page then
/// needed 96 chunk files). Pages load their own data (resources in the component).
macro_rules! lazy_page {
    ($route:ident, $page:ident) => {
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page /> }.into_any()
            }
        }
    };
}

lazy_page!(CommuneRoute, CommunePage);
lazy_page!(MapRoute, MapPage);
lazy_page!(GapsRoute, GapsPage);
lazy_page!(TerritoryRoute, TerritoryPageView);
lazy_page!(PartnersRoute, PartnersPage);
lazy_page!(PartnerRoute, PartnerPage);
lazy_page!(LocateRoute, LocatePage);
lazy_page!(AccountRoute, AccountPage);
lazy_page!(AccountPagesRoute, AccountPages);
lazy_page!(PrivacyRoute, PrivacyPage);
lazy_page!(DevMailRoute, DevMailPage);
lazy_page!(ParticipationPagesRoute, ParticipationPages);
