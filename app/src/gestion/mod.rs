//! `/gestion`: a Régie's team keeps its page true (`/compte` links to each Régie the person
//! keeps). `/gestion/<slug>` is the profile form (plain HTML, works without JavaScript, errors next to
//! their fields, what was typed kept), `/gestion/<slug>/historique` the versions with their diff
//! and a restore button each, `/gestion/<slug>/chiffres` its yearly key figures, `/gestion/<slug>/partenaires`
//! its partners and contracts, `/gestion/<slug>/actualites` its news posts; `/reseau` is the network's administration (`network_page`). One
//! lazy route for all: the main bundle carries only its loader.

pub mod audit_page;
pub mod audit_texts;
pub mod create_page;
pub mod daily_work;
pub mod data;
pub mod figures_page;
pub mod import_data;
pub mod import_page;
pub mod import_texts;
pub mod logo_form;
pub mod network_page;
pub mod news_page;
pub mod partners_data;
pub mod partners_page;
pub mod people_page;
pub mod profile_page;
pub mod texts;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::error::ErrorNotice;
use crate::i18n::use_texts;
use crate::layout::NotFound;
use data::{gestion_page, GestionData, VersionView};
use texts::T;

pub use crate::compte::param;
pub use create_page::create_view;

#[component]
pub fn GestionPages() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let path = leptos_router::hooks::use_location().pathname;
    move || {
        query.track();
        let slug = params.read().get("slug").unwrap_or_default();
        let network = path.get().ends_with("/reseau");
        match (slug.is_empty(), params.read().get("page").as_deref()) {
            (true, None) if network => gestion_view("reseau", String::new(), network_page::network_body),
            (true, Some("imports")) => import_page::imports_view(),
            (true, Some("journal")) => audit_page::audit_view(),
            (true, Some("personnes")) => people_page::people_view(),
            (true, Some("nouvelle-regie")) => create_page::create_view(),
            (false, None) => gestion_view("fiche", slug, profile_page::profile_body),
            (false, Some("historique")) => gestion_view("historique", slug, history_body),
            (false, Some("chiffres")) => gestion_view("chiffres", slug, figures_page::figures_body),
            (false, Some("partenaires")) => gestion_view("partenaires", slug, partners_page::partners_body),
            (false, Some("actualites")) => gestion_view("actualites", slug, news_page::news_body),
            _ => view! { <NotFound /> }.into_any(),
        }
    }
}

/// Loads the page's data, then renders `body`; a refusal (403, unknown Régie) is the page's error.
fn gestion_view(what: &'static str, slug: String, body: fn(GestionData) -> AnyView) -> AnyView {
    let t = use_texts();
    let depuis = param("depuis").parse::<i64>().ok();
    let q = if what == "partenaires" { param("q") } else { String::new() };
    let langue = t.locale.lang().to_owned();
    let data =
        Resource::new(move || (slug.clone(), depuis, q.clone()), move |(slug, depuis, q)| gestion_page(what.to_owned(), slug, depuis, langue.clone(), q));
    rendered(data, body)
}

/// Waits for a page's data, then renders it with `body`; an error is the page's notice.
pub(crate) fn rendered<T>(data: Resource<Result<T, ServerFnError>>, body: fn(T) -> AnyView) -> AnyView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
{
    let t = use_texts();
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => body(d),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// What a network page shows someone who may not see it: the way to sign in (coming back to
/// `here`), or that the page is the network's. `None` for the network. `words`: the page's
/// « connectez-vous », its button, and « cette page est celle du réseau ».
pub(crate) fn network_only(signed_in: bool, network: bool, title: &str, words: [String; 3], here: &str) -> Option<AnyView> {
    let t = use_texts();
    let [first, button, only] = words;
    if !signed_in {
        let href = format!("{}?suite={}", t.locale.path("/compte/connexion"), atlas_core::text::percent_encode(&t.locale.path(here)));
        return Some(frame(title.to_owned(), view! { <p>{first}</p><p><a class="button" href=href>{button}</a></p> }.into_any()));
    }
    (!network).then(|| frame(title.to_owned(), view! { <p class="alert" role="alert">{only}</p> }.into_any()))
}

/// A page's frame: its title (the tab's and the heading) and its body.
fn frame(title: String, body: AnyView) -> AnyView {
    view! {
        <Title text=title.clone() />
        <div class="account-page gestion-page">
            <h1>{title}</h1>
            {body}
        </div>
    }
    .into_any()
}

/// Not signed in: the way to sign in, coming back here.
fn sign_in_first(d: &GestionData) -> AnyView {
    let t = use_texts();
    let here = leptos_router::hooks::use_location().pathname.get_untracked();
    let href = format!("{}?suite={}", t.locale.path("/compte/connexion"), atlas_core::text::percent_encode(&here));
    view! {
        <p>{d.texts.get(T::SignInFirst)}</p>
        <p><a class="button" href=href>{d.texts.get(T::SignIn)}</a></p>
    }
    .into_any()
}

/// The versions, each with its changes as a table (field, before, after).
pub fn version_list(d: &GestionData, versions: &[VersionView], restore: bool) -> impl IntoView {
    let t = use_texts();
    let current = d.version;
    view! {
        <ol class="versions">
            {versions.iter().map(|v| {
                let is_current = v.number == current;
                view! {
                    <li class="version">
                        <h3>{v.title.clone()}{is_current.then(|| format!(" · {}", d.texts.get(T::Current)))}</h3>
                        <p class="byline">{v.byline.clone()}</p>
                        {(!v.changes.is_empty()).then(|| view! {
                            <table class="diff">
                                <thead><tr><th scope="col">{d.texts.get(T::Field)}</th><th scope="col">{d.texts.get(T::Before)}</th><th scope="col">{d.texts.get(T::After)}</th></tr></thead>
                                <tbody>
                                    {v.changes.iter().map(|(field, before, after)| view! {
                                        <tr><th scope="row">{field.clone()}</th><td><del>{before.clone()}</del></td><td><ins>{after.clone()}</ins></td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })}
                        {(restore && !is_current).then(|| view! {
                            <form method="post" action=crate::gestion::RESTORE_URL>
                                <input type="hidden" name="regie" value=d.slug.clone() />
                                <input type="hidden" name="numero" value=v.number.to_string() />
                                <input type="hidden" name="version" value=current.to_string() />
                                <input type="hidden" name="langue" value=t.locale.lang() />
                                <button type="submit" class="secondary">{d.texts.get(T::Restore)} " " {v.number}</button>
                            </form>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

fn history_body(d: GestionData) -> AnyView {
    let t = use_texts();
    if !d.signed_in {
        return frame(d.texts.get(T::History), sign_in_first(&d));
    }
    let done = (param("fait") == "enregistre").then(|| {
        view! {
            <p class="notice ok" role="status">{d.texts.get(T::Restored).replace("{n}", &param("numero"))}</p>
        }
    });
    let error = d.message(&param("erreur")).map(|m| view! { <div class="alert" role="alert"><p>{m}</p></div> });
    let body = view! {
        {done}
        {error}
        <p><a href=t.locale.path(&format!("/gestion/{}", d.slug))>{d.texts.get(T::BackToForm)}</a></p>
        {if d.versions.is_empty() {
            view! { <p>{d.texts.get(T::NoHistory)}</p> }.into_any()
        } else {
            version_list(&d, &d.versions, true).into_any()
        }}
    }
    .into_any();
    frame(format!("{} · {}", d.texts.get(T::History), d.name), body)
}

/// Where the profile form posts (an axum handler of the server: the activities are a repeated field).
pub const PROFILE_URL: &str = "/api/ecriture/gestion/profil";
pub const FIGURES_URL: &str = "/api/ecriture/gestion/chiffres";
pub const PARTNERS_URL: &str = "/api/ecriture/gestion/partenaires";
pub const NEWS_URL: &str = "/api/ecriture/gestion/actualites";
/// The logo's form is multipart (a file), an axum handler of the server.
pub const LOGO_URL: &str = "/api/ecriture/gestion/logo";
pub const RESTORE_URL: &str = "/api/ecriture/gestion/restaurer";
pub const VERIFY_URL: &str = "/api/ecriture/gestion/verifier";
pub const CLAIM_URL: &str = "/api/ecriture/gestion/demander";
pub const DECIDE_URL: &str = "/api/ecriture/reseau/decider";
pub const PROPOSALS_URL: &str = "/api/ecriture/reseau/propositions";
pub const CORRECTION_URL: &str = "/api/ecriture/reseau/corrections";
pub const CONFIRM_URL: &str = "/api/ecriture/reseau/couvertures";
/// The network's imports: the upload (multipart), then the start or the abandon of a checked file.
pub const IMPORT_URL: &str = "/api/ecriture/reseau/imports";
pub const IMPORT_START_URL: &str = "/api/ecriture/reseau/imports/lancer";
pub const IMPORT_ABANDON_URL: &str = "/api/ecriture/reseau/imports/abandonner";
