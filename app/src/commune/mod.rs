//! The page of one commune: identity, its QPVs with their coverage, the Régies based there or
//! working in its QPVs, and a map drawn on the server.


use atlas_core::territoire::CommuneDetail;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::figure::{one_or_404, Figure, PageMeta};
use crate::i18n::{coverage_label, use_texts};

/// `None` when no commune has this INSEE code: the page answers 404.
#[server]
pub async fn get_commune(insee: String) -> Result<Option<CommuneDetail>, ServerFnError> {
    use crate::error::{actor, atlas, fail};
    atlas_service::commune::page(&atlas()?, &actor(), &insee).await.map_err(fail)
}

#[component]
pub fn CommunePage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let insee = move || params.read().get("insee").unwrap_or_default().to_uppercase();
    let commune = Resource::new(insee, get_commune);
    one_or_404(commune, t.commune_not_found, |c| view! { <CommuneView c /> }.into_any())
}

#[component]
fn CommuneView(c: CommuneDetail) -> impl IntoView {
    let t = use_texts();
    let title = format!("{} ({})", c.nom, c.departement_code);
    let description = t
        .commune_description
        .replace("{nom}", &c.nom)
        .replace("{n}", &c.qpvs.len().to_string())
        .replace("{r}", &c.regies.len().to_string());
    let covered = c.qpvs.iter().filter(|(_, s)| s.is_some()).count();
    view! {
        <PageMeta title=title description=description json_ld=c.json_ld.clone() />
        <p class="breadcrumb-trail">{t.kind_commune}" · "<span class="code">{c.insee.clone()}</span></p>
        <h1>{c.nom.clone()}</h1>
        <p class="subtitle">{format!("{} ({}) · {}", c.departement, c.departement_code, c.region)}</p>
        <div class="grid two">
            <div>
                {c.figure.clone().map(|f| view! { <Figure figure=f label=t.commune_map_label.replace("{nom}", &c.nom) /> })}
                {(!c.qpvs.is_empty()).then(|| view! {
                    <ul class="legend">
                        <li><span class="swatch qpv cov-estimee"></span>{t.legend_covered}</li>
                        <li><span class="swatch qpv cov-aucune"></span>{t.legend_not_covered}</li>
                        <li><span class="swatch commune"></span>{t.legend_commune}</li>
                    </ul>
                })}
            </div>
            <section class="card" aria-labelledby="identite">
                <h2 id="identite">{t.identity}</h2>
                <dl>
                    <dt>{t.commune_population}</dt>
                    <dd>{c.population.map(|n| t.locale.int(n)).unwrap_or_else(|| "—".into())}</dd>
                    <dt>{t.commune_postcodes}</dt>
                    <dd>{c.codes_postaux.join(", ")}</dd>
                    {c.epci.clone().map(|e| view! { <dt>{t.commune_epci}</dt><dd>{e}</dd> })}
                </dl>
            </section>
        </div>
        <section aria-labelledby="qpv-commune">
            <h2 id="qpv-commune">{format!("{} ({})", t.search_qpvs, c.qpvs.len())}</h2>
            {if c.qpvs.is_empty() {
                view! { <p>{t.commune_no_qpv}</p> }.into_any()
            } else {
                view! {
                    <p>{t.commune_qpv_covered.replace("{n}", &covered.to_string()).replace("{total}", &c.qpvs.len().to_string())}</p>
                    <ul class="qpv-list">
                        {c.qpvs.iter().map(|(q, s)| view! {
                            <li>
                                <a href=t.path(&format!("/qpv/{}", q.code))>{q.nom.clone()}</a>" "<span class="code">{q.code.clone()}</span>" "
                                {match s {
                                    Some(s) => view! { <span class=format!("badge cov-{}", s.code())>{coverage_label(t, *s)}</span> }.into_any(),
                                    None => view! { <span class="badge cov-aucune">{t.coverage_none}</span> }.into_any(),
                                }}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="regies-commune">
            <h2 id="regies-commune">{t.commune_regies}</h2>
            {if c.regies.is_empty() {
                view! { <p>{t.commune_no_regie}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain">
                        {c.regies.iter().map(|r| view! {
                            <li><a href=t.path(&format!("/regies/{}", r.slug))>{r.nom.clone()}</a>" "<span class="help">{r.commune.clone()}</span></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p><a href=t.path(&format!("/autour-de-moi?lat={:.5}&lon={:.5}", c.lat, c.lon))>{t.commune_nearest}</a></p>
        </section>
        <p class="source">{t.commune_source}</p>
    }
}
