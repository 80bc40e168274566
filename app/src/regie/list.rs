//! The directory of Régies, with a filter that works live (JavaScript) and as a plain form (without).

use atlas_core::regie::RegieSummary;
use atlas_core::text::fold;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::{list_regies, VerificationBadge};
use crate::error::ErrorNotice;
use crate::i18n::{fill, use_texts};

fn matches(r: &RegieSummary, folded_query: &str) -> bool {
    folded_query.is_empty()
        || fold(&format!("{} {} {} {}", r.nom, r.commune, r.departement, r.code_postal)).contains(folded_query)
}

#[component]
pub fn RegieListPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let initial = query.read_untracked().get("q").unwrap_or_default();
    let (filter, set_filter) = signal(initial);
    let regies = Resource::new(|| (), |_| list_regies());
    view! {
        <Title text=t.regies_title />
        <Meta name="description" content=t.regies_intro />
        <h1>{t.regies_title}</h1>
        <p class="lead">{t.regies_intro}</p>
        <form class="filter" method="get" action="/regies" role="search">
            <label for="filtre-regies">{t.filter_label}</label>
            <input
                id="filtre-regies"
                name="q"
                type="search"
                autocomplete="off"
                placeholder=t.filter_placeholder
                prop:value=filter
                on:input:target=move |ev| set_filter.set(ev.target().value())
            />
        </form>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match regies.await {
                    Ok(all) => view! { <RegieTable all filter /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RegieTable(all: Vec<RegieSummary>, filter: ReadSignal<String>) -> impl IntoView {
    let t = use_texts();
    let total = all.len();
    let all = StoredValue::new(all);
    let shown = Memo::new(move |_| {
        let q = fold(&filter.get());
        all.with_value(|all| all.iter().filter(|r| matches(r, &q)).cloned().collect::<Vec<_>>())
    });
    view! {
        <p class="count" role="status" aria-live="polite" id="nb-regies">
            {move || fill(t.shown_count, shown.with(Vec::len), total)}
        </p>
        <Show when=move || shown.with(|s| !s.is_empty()) fallback=move || view! { <p>{t.no_match}</p> }>
            <table class="regies">
                <thead>
                    <tr>
                        <th scope="col">{t.col_name}</th>
                        <th scope="col">{t.col_commune}</th>
                        <th scope="col">{t.col_dep}</th>
                        <th scope="col">{t.col_status}</th>
                        <th scope="col" class="num">{t.col_qpv}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || shown.get() key=|r| r.slug.clone() let:r>
                        <tr>
                            <th scope="row" data-label=t.col_name>
                                <a href=format!("/regies/{}", r.slug)>{r.nom.clone()}</a>
                            </th>
                            <td data-label=t.col_commune>{format!("{} ({})", r.commune, r.code_postal)}</td>
                            <td data-label=t.col_dep>{r.departement.clone()}</td>
                            <td data-label=t.col_status><VerificationBadge v=r.verification /></td>
                            <td data-label=t.col_qpv class="num">{r.nb_qpv}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </Show>
    }
}
