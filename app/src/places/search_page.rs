//! /recherche?q=…: the results of the search box, server-rendered, grouped by kind.

use atlas_core::place::{Hit, HitKind};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::search_box::kind_label;
use super::search_results;
use crate::error::ErrorNotice;
use crate::figure::PageMeta;
use crate::i18n::use_texts;

#[component]
pub fn SearchPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let results = Resource::new(q, |q| async move {
        if q.trim().is_empty() { Ok(Vec::new()) } else { search_results(q).await }
    });
    view! {
        <PageMeta title=t.search_title.to_owned() description=t.search_help.to_owned() />
        <h1>{t.search_title}</h1>
        <form class="filter" method="get" action=t.path("/recherche") role="search">
            <label for="recherche-page">{t.search_label}</label>
            <input id="recherche-page" name="q" type="search" prop:value=q />
            <button type="submit" class="button">{t.search_button}</button>
        </form>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(hits) => view! { <Results hits q=q() /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Results(hits: Vec<Hit>, q: String) -> impl IntoView {
    let t = use_texts();
    if q.trim().is_empty() {
        return view! { <p>{t.search_help}</p> }.into_any();
    }
    if hits.is_empty() {
        return view! { <p id="nb-resultats" role="status">{t.search_none.replace("{q}", &q)}</p> }.into_any();
    }
    let groups = [HitKind::Commune, HitKind::Qpv, HitKind::Regie].map(|kind| {
        let of_kind: Vec<Hit> = hits.iter().filter(|h| h.kind == kind).cloned().collect();
        (kind, of_kind)
    });
    view! {
        <p id="nb-resultats" role="status">{t.search_count.replace("{n}", &hits.len().to_string()).replace("{q}", &q)}</p>
        {groups
            .into_iter()
            .filter(|(_, hits)| !hits.is_empty())
            .map(|(kind, hits)| {
                let heading = match kind {
                    HitKind::Commune => t.search_communes,
                    HitKind::Qpv => t.search_qpvs,
                    HitKind::Regie => t.search_regies,
                };
                view! {
                    <section class="results" data-kind=kind_label(t, kind)>
                        <h2>{heading}</h2>
                        <ul class="plain result-list">
                            {hits
                                .into_iter()
                                .map(|h| view! {
                                    <li><a href=t.path(&h.url)>{h.label}</a>" "<span class="help">{h.detail}</span></li>
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })
            .collect_view()}
    }
        .into_any()
}
