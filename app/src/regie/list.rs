//! The directory of Régies: filters (text, région, département, status, activity), sort and
//! pages, all held in the URL (shareable; the back button works). Server-rendered; without
//! JavaScript the filters are a plain GET form, with it they apply as one types or chooses.

use std::time::Duration;

use atlas_core::activite::Activite;
use atlas_core::regie::directory::{DirectoryPage, DirectoryQuery, Sort};
use atlas_core::regie::Verification;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::{directory, VerificationBadge};
use crate::error::ErrorNotice;
use crate::figure::PageMeta;
use crate::i18n::{fill, use_texts, Texts};

fn sort_label(t: &Texts, s: Sort) -> &'static str {
    match s {
        Sort::Territoire => t.sort_territoire,
        Sort::Nom => t.sort_nom,
        Sort::Qpv => t.sort_qpv,
    }
}

#[component]
pub fn RegieListPage() -> impl IntoView {
    let t = use_texts();
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| DirectoryQuery::from_params(|k| p.get(k))));
    let page = Resource::new(move || query.get(), directory);
    // The lists of régions and départements do not depend on the filters: fetched once.
    let choices = Resource::new(|| (), |_| directory(DirectoryQuery::default()));

    let navigate = use_navigate();
    let go = move |next: DirectoryQuery, replace: bool| {
        navigate(&t.path(&format!("/regies{}", next.to_query_string())), NavigateOptions { replace, scroll: false, ..Default::default() });
    };
    let go_select = go.clone();
    let change = move |apply: fn(&mut DirectoryQuery, String), value: String| {
        let mut next = query.get_untracked();
        apply(&mut next, value);
        next.page = 1;
        go_select(next, false);
    };
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let on_text = move |value: String| {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        let go = go.clone();
        let handle = set_timeout_with_handle(
            move || {
                let mut next = query.get_untracked();
                next.q = value;
                next.page = 1;
                go(next, true);
            },
            Duration::from_millis(250),
        );
        timer.set_value(handle.ok());
    };

    view! {
        <PageMeta title=t.regies_title.to_owned() description=t.regies_intro.to_owned() />
        <h1>{t.regies_title}</h1>
        <p class="lead">{t.regies_intro}</p>
        <form class="directory-filters" method="get" action=t.path("/regies") role="search" aria-label=t.filters_label>
            <div class="field wide">
                <label for="filtre-regies">{t.filter_label}</label>
                <input
                    id="filtre-regies"
                    name="q"
                    type="search"
                    autocomplete="off"
                    placeholder=t.filter_placeholder
                    prop:value=move || query.get().q
                    on:input:target=move |ev| on_text(ev.target().value())
                />
            </div>
            <Suspense fallback=|| ()>
                {move || { let change = change.clone(); Suspend::new(async move {
                    let c: Option<DirectoryPage> = choices.await.ok();
                    let (regions, departements) = c.map(|c| (c.regions, c.departements)).unwrap_or_default();
                    let (c1, c2, c3, c4, c5) = (change.clone(), change.clone(), change.clone(), change.clone(), change);
                    view! {
                        <div class="field">
                            <label for="filtre-region">{t.col_region}</label>
                            <select id="filtre-region" name="region" prop:value=move || query.get().region.unwrap_or_default()
                                on:change:target=move |ev| c1(|q, v| q.region = Some(v).filter(|v| !v.is_empty()), ev.target().value())>
                                <option value="">{t.all_f}</option>
                                {regions.into_iter().map(|(code, nom)| {
                                    let c = code.clone();
                                    view! { <option value=code selected=move || query.get().region.as_deref() == Some(c.as_str())>{nom}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="filtre-dep">{t.col_dep}</label>
                            <select id="filtre-dep" name="dep" prop:value=move || query.get().departement.unwrap_or_default()
                                on:change:target=move |ev| c2(|q, v| q.departement = Some(v).filter(|v| !v.is_empty()), ev.target().value())>
                                <option value="">{t.all_m}</option>
                                {departements.into_iter().map(|(code, nom)| {
                                    let c = code.clone();
                                    let label = format!("{code} · {nom}");
                                    view! { <option value=code selected=move || query.get().departement.as_deref() == Some(c.as_str())>{label}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="filtre-statut">{t.col_status}</label>
                            <select id="filtre-statut" name="statut" prop:value=move || query.get().statut.map(|s| s.code()).unwrap_or_default()
                                on:change:target=move |ev| c3(|q, v| q.statut = Verification::from_code(&v), ev.target().value())>
                                <option value="">{t.all_m}</option>
                                {[Verification::AVerifier, Verification::Verifiee].into_iter().map(|v| view! {
                                    <option value=v.code() selected=move || query.get().statut == Some(v)>
                                        {match v { Verification::AVerifier => t.status_unverified, Verification::Verifiee => t.status_verified }}
                                    </option>
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="filtre-activite">{t.activities}</label>
                            <select id="filtre-activite" name="activite" prop:value=move || query.get().activite.map(|a| a.code()).unwrap_or_default()
                                on:change:target=move |ev| c4(|q, v| q.activite = Activite::from_code(&v), ev.target().value())>
                                <option value="">{t.all_f}</option>
                                {Activite::ALL.into_iter().map(|a| view! {
                                    <option value=a.code() selected=move || query.get().activite == Some(a)>{a.label(t.locale)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="filtre-tri">{t.sort_label}</label>
                            <select id="filtre-tri" name="tri" prop:value=move || query.get().tri.code()
                                on:change:target=move |ev| c5(|q, v| q.tri = Sort::from_code(&v).unwrap_or_default(), ev.target().value())>
                                {Sort::ALL.into_iter().map(|s| view! {
                                    <option value=s.code() selected=move || query.get().tri == s>{sort_label(t, s)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    }
                })}}
            </Suspense>
            <noscript><button type="submit" class="button">{t.apply_filters}</button></noscript>
        </form>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <RegieTable p query=query.get_untracked() /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RegieTable(p: DirectoryPage, query: DirectoryQuery) -> impl IntoView {
    let t = use_texts();
    let pager = (p.pages > 1).then(|| {
        let link = |n: usize| t.path(&format!("/regies{}", query.with_page(n).to_query_string()));
        view! {
            <nav class="pager" aria-label=t.pages_label>
                {(p.page > 1).then(|| view! { <a rel="prev" href=link(p.page - 1)>{t.page_prev}</a> })}
                <span aria-current="page">{t.page_of.replace("{n}", &p.page.to_string()).replace("{total}", &p.pages.to_string())}</span>
                {(p.page < p.pages).then(|| view! { <a rel="next" href=link(p.page + 1)>{t.page_next}</a> })}
            </nav>
        }
    });
    view! {
        <p class="count" role="status" aria-live="polite" id="nb-regies">{fill(t.shown_count, p.matching, p.total)}</p>
        {if p.items.is_empty() {
            view! { <p>{t.no_match}</p> }.into_any()
        } else {
            view! {
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
                        {p.items.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row" data-label=t.col_name>
                                    <a href=t.path(&format!("/regies/{}", r.slug))>{r.nom.clone()}</a>
                                </th>
                                <td data-label=t.col_commune>{format!("{} ({})", r.commune, r.code_postal)}</td>
                                <td data-label=t.col_dep>{format!("{} · {}", r.departement, r.departement_nom)}</td>
                                <td data-label=t.col_status><VerificationBadge v=r.verification /></td>
                                <td data-label=t.col_qpv class="num">{r.nb_qpv}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        {pager}
    }
}
