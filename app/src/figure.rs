//! Shared page pieces: a server-drawn SVG map figure, and the meta tags of a page
//! (title, description, Open Graph, schema.org JSON-LD).

use atlas_core::place::SvgFigure;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// A small map drawn on the server; `label` names it for screen readers, and the page gives
/// the same information as lists next to it.
#[component]
pub fn Figure(figure: SvgFigure, label: String) -> impl IntoView {
    view! {
        <figure class="mini-map">
            <svg viewBox=figure.view_box role="img" aria-label=label.clone() preserveAspectRatio="xMidYMid meet">
                <title>{label.clone()}</title>
                {figure
                    .paths
                    .into_iter()
                    .map(|p| view! { <path class=p.class d=p.d fill-rule="evenodd"><title>{p.title}</title></path> })
                    .collect_view()}
            </svg>
        </figure>
    }
}

/// Title, description, Open Graph tags and a schema.org JSON-LD object for one page.
#[component]
pub fn PageMeta(title: String, description: String, #[prop(optional, into)] json_ld: Option<String>) -> impl IntoView {
    let t = crate::i18n::use_texts();
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=description.clone() />
        <Meta property="og:title" content=title />
        <Meta property="og:description" content=description />
        <Meta property="og:type" content="website" />
        <Meta property="og:locale" content=t.locale.og() />
        {json_ld.map(|j| view! { <script type="application/ld+json" inner_html=j></script> })}
    }
}

#[cfg(feature = "ssr")]
/// A JSON-LD object as text, with `<` escaped so it can never close its script element.
pub fn json_ld(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default().replace('<', "\\u003c")
}

/// The page of one thing (a Régie, a QPV, a commune) loaded by `resource`: `found` renders it;
/// when it does not exist the page answers 404 with the sentence `missing`.
pub fn one_or_404<T>(
    resource: Resource<Result<Option<T>, ServerFnError>>,
    missing: &'static str,
    found: fn(T) -> AnyView,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
{
    let t = crate::i18n::use_texts();
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match resource.await {
                    Ok(Some(x)) => found(x),
                    Ok(None) => {
                        crate::error::set_not_found();
                        view! {
                            <PageMeta title=t.not_found_title.to_owned() description=missing.to_owned() />
                            <h1>{t.not_found_title}</h1>
                            <p>{missing}</p>
                            <p><a href=t.path("/")>{t.nav_home}</a></p>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::error::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
