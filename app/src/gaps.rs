//! /territoires/quartiers-sans-regie: the QPVs no Régie covers, the starting point for "where
//! should a new Régie be created", sortable by commune population or distance to the nearest
//! Régie, filterable by département, exported as CSV for spreadsheet software.

use atlas_core::gap::{GapSort, QpvGap};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::error::ErrorNotice;
use crate::figure::PageMeta;
use crate::i18n::use_texts;

/// Rows shown on the page; the CSV export has them all.
pub const PAGE_ROWS: usize = 100;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Gaps {
    pub rows: Vec<QpvGap>,
    /// QPVs without a Régie matching the filter (rows may be cut to PAGE_ROWS).
    pub matching: usize,
    /// All QPVs in the filter's scope.
    pub total_qpv: usize,
    pub departements: Vec<(String, String)>,
}

#[server]
pub async fn get_gaps(tri: Option<String>, dep: Option<String>) -> Result<Gaps, ServerFnError> {
    use crate::error::{actor, atlas, fail};
    let (atlas, actor) = (atlas()?, actor());
    let sort = tri.as_deref().and_then(GapSort::from_code).unwrap_or_default();
    let dep = dep.filter(|d| !d.is_empty() && d.len() <= 3);
    let (mut rows, total_qpv) = atlas_service::territory::gaps(&atlas, &actor, sort, dep.as_deref()).await.map_err(fail)?;
    let matching = rows.len();
    rows.truncate(PAGE_ROWS);
    let departements = atlas_service::territory::departements(&atlas, &actor).await.map_err(fail)?;
    Ok(Gaps { rows, matching, total_qpv, departements })
}

#[component]
pub fn GapsPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        (q.get("tri").filter(|s| !s.is_empty()), q.get("dep").filter(|s| !s.is_empty()))
    };
    let gaps = Resource::new(params, |(tri, dep)| get_gaps(tri, dep));
    view! {
        <PageMeta title=t.gaps_title.to_owned() description=t.gaps_intro.to_owned() />
        <h1>{t.gaps_title}</h1>
        <p class="lead">{t.gaps_intro}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let (tri, dep) = params();
                match gaps.await {
                    Ok(g) => view! { <GapsView g tri dep /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn query_string(tri: &str, dep: &Option<String>) -> String {
    match dep {
        Some(d) => format!("?tri={tri}&dep={d}"),
        None => format!("?tri={tri}"),
    }
}

#[component]
fn GapsView(g: Gaps, tri: Option<String>, dep: Option<String>) -> impl IntoView {
    let t = use_texts();
    let sort = tri.as_deref().and_then(GapSort::from_code).unwrap_or_default();
    let dep_for_links = dep.clone();
    let sort_link = move |s: GapSort, label: &'static str| {
        let href = format!("/territoires/quartiers-sans-regie{}", query_string(s.code(), &dep_for_links));
        view! { <a href=t.path(&href) aria-current=(s == sort).then_some("true") class="sort-link">{label}</a> }
    };
    let csv = format!("/territoires/quartiers-sans-regie.csv{}", query_string(sort.code(), &dep));
    let geojson = format!("/territoires/quartiers-sans-regie.geojson{}", query_string(sort.code(), &dep));
    let dep_selected = dep.clone();
    view! {
        <form class="filter" method="get" action=t.path("/territoires/quartiers-sans-regie")>
            <input type="hidden" name="tri" value=sort.code() />
            <label for="gaps-dep">{t.col_dep}</label>
            <select id="gaps-dep" name="dep">
                <option value="">{t.all_m}</option>
                {g.departements.iter().map(|(code, nom)| {
                    let selected = dep_selected.as_deref() == Some(code.as_str());
                    view! { <option value=code.clone() selected=selected>{format!("{code} · {nom}")}</option> }
                }).collect_view()}
            </select>
            <button type="submit" class="button">{t.apply_filters}</button>
        </form>
        <p id="nb-sans-regie" role="status">
            {t.gaps_count.replace("{n}", &t.locale.int(g.matching as i64)).replace("{total}", &t.locale.int(g.total_qpv as i64))}
        </p>
        <p class="sort-links">{t.sort_label}" : "{sort_link(GapSort::Population, t.gaps_sort_population)}" · "{sort_link(GapSort::Distance, t.gaps_sort_distance)}</p>
        <p class="exports">
            <a class="button" id="export-csv" href=csv download="quartiers-sans-regie.csv">{t.gaps_export}</a>" "
            <a id="export-geojson" href=geojson download="quartiers-sans-regie.geojson">{t.gaps_export_geojson}</a>
        </p>
        {(g.matching > g.rows.len()).then(|| view! { <p class="help">{t.gaps_cut.replace("{n}", &g.rows.len().to_string())}</p> })}
        <div class="table-scroll" role="region" aria-label=t.gaps_title tabindex="0">
            <table class="figures-table gaps">
                <thead>
                    <tr>
                        <th scope="col">{t.kind_qpv}</th>
                        <th scope="col">{t.col_commune}</th>
                        <th scope="col">{t.col_dep}</th>
                        <th scope="col" class="num">{t.gaps_population}</th>
                        <th scope="col">{t.gaps_nearest}</th>
                        <th scope="col" class="num">{t.gaps_distance}</th>
                    </tr>
                </thead>
                <tbody>
                    {g.rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row"><a href=t.path(&format!("/qpv/{}", r.code))>{r.nom.clone()}</a>" "<span class="code">{r.code.clone()}</span></th>
                            <td><a href=t.path(&format!("/communes/{}", r.commune_insee))>{r.commune.clone()}</a></td>
                            <td>{r.departement.clone()}</td>
                            <td class="num">{r.population_commune.map(|n| t.locale.int(n)).unwrap_or_else(|| "—".into())}</td>
                            <td>{r.regie_proche_slug.clone().zip(r.regie_proche.clone()).map(|(s, n)| view! { <a href=t.path(&format!("/regies/{s}"))>{n}</a> })}</td>
                            <td class="num">{r.distance_m.map(|m| t.locale.distance(m)).unwrap_or_else(|| "—".into())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="source">{t.gaps_source}</p>
    }
}
