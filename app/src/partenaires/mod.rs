//! Partner networks: the national list of partners with a kind filter (`/partenaires`) and the
//! page of one partner (`/partenaires/{id}`): the Régies it works with, on a map, and its
//! contracts. Demonstration rows are labelled as such wherever they appear.


use atlas_core::partner::{PartnerDetail, PartnerKind, PartnerSummary};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::error::ErrorNotice;
use crate::figure::{one_or_404, Figure, PageMeta};
use crate::i18n::{relation_sentence, use_texts};

#[server]
pub async fn get_partners(nature: Option<String>) -> Result<Vec<PartnerSummary>, ServerFnError> {
    use crate::error::{actor, atlas, fail};
    let nature = nature.as_deref().and_then(PartnerKind::from_code);
    atlas_service::partner::list(&atlas()?, &actor(), nature).await.map_err(fail)
}

/// `None` when no partner has this number: the page answers 404.
#[server]
pub async fn get_partner(id: String) -> Result<Option<PartnerDetail>, ServerFnError> {
    let Ok(id) = id.parse::<i64>() else { return Ok(None) };
    use crate::error::{actor, atlas, fail};
    atlas_service::partner::page(&atlas()?, &actor(), id).await.map_err(fail)
}

fn euros(v: i64) -> String {
    format!("{} €", use_texts().locale.int(v))
}

#[component]
pub fn PartnersPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let nature = move || query.read().get("nature").filter(|s| !s.is_empty());
    let partners = Resource::new(nature, get_partners);
    view! {
        <PageMeta title=t.partners_page_title.to_owned() description=t.partners_page_intro.to_owned() />
        <h1>{t.partners_page_title}</h1>
        <p class="lead">{t.partners_page_intro}</p>
        <form class="filter" method="get" action=t.path("/partenaires")>
            <label for="nature-partenaire">{t.partner_kind}</label>
            <select id="nature-partenaire" name="nature">
                <option value="">{t.all_f}</option>
                {move || {
                    let current = nature();
                    PartnerKind::ALL.iter().map(|k| view! {
                        <option value=k.code() selected=current.as_deref() == Some(k.code())>{k.label(t.locale)}</option>
                    }).collect_view()
                }}
            </select>
            <button type="submit" class="button">{t.apply_filters}</button>
        </form>
        <p class="exports"><a href="/partenaires/partenariats.csv" download="" id="export-partenariats">{t.partners_export}</a></p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match partners.await {
                    Ok(list) if list.is_empty() => view! { <p>{t.partners_none}</p> }.into_any(),
                    Ok(list) => view! { <PartnersTable list /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PartnersTable(list: Vec<PartnerSummary>) -> impl IntoView {
    let t = use_texts();
    view! {
        <p role="status">{t.partners_count.replace("{n}", &list.len().to_string())}</p>
        <div class="table-scroll" role="region" aria-label=t.partners_page_title tabindex="0">
            <table class="figures-table" id="table-partenaires">
                <thead>
                    <tr>
                        <th scope="col">{t.partner_name}</th>
                        <th scope="col">{t.partner_kind}</th>
                        <th scope="col" class="num">{t.fig_regies}</th>
                        <th scope="col" class="num">{t.partner_contracts}</th>
                        <th scope="col" class="num">{t.partner_amount}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|p| view! {
                        <tr>
                            <th scope="row">
                                <a href=t.path(&format!("/partenaires/{}", p.id))>{p.nom.clone()}</a>
                                {p.demo.then(|| view! { " "<span class="badge demo">{t.demo_label}</span> })}
                            </th>
                            <td>{p.nature.label(t.locale)}</td>
                            <td class="num">{p.regies}</td>
                            <td class="num">{p.contrats}</td>
                            <td class="num">{euros(p.montant_euros)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn PartnerPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let partner = Resource::new(id, get_partner);
    one_or_404(partner, t.partner_not_found, |p| view! { <PartnerView p /> }.into_any())
}

#[component]
fn PartnerView(p: PartnerDetail) -> impl IntoView {
    let t = use_texts();
    let description = format!("{} — {}", p.nom, p.nature.label(t.locale));
    let total: i64 = p.contrats.iter().filter_map(|c| c.montant_euros).sum();
    let map_label = t.partner_map_label.replace("{nom}", &p.nom);
    view! {
        <PageMeta title=p.nom.clone() description=description />
        <p class="breadcrumb"><a href=t.path("/partenaires")>{t.partners_page_title}</a></p>
        <h1>{p.nom.clone()}</h1>
        <p class="subtitle">
            {p.nature.label(t.locale)}
            {p.territoire.clone().map(|x| format!(" · {x}"))}
            {p.siren.clone().map(|s| view! { " · SIREN "<span class="code">{s}</span> })}
        </p>
        {p.demo.then(|| view! { <p class="notice" role="note">{t.partner_demo_notice}</p> })}
        {p.site_web.clone().map(|s| view! { <p><a href=s.clone() rel="noopener">{s.clone()}</a></p> })}
        <div class="grid two">
            <div>{p.figure.clone().map(|f| view! { <Figure figure=f label=map_label /> })}</div>
            <section aria-labelledby="regies-partenaire">
                <h2 id="regies-partenaire">{t.partner_regies.replace("{n}", &p.regies.len().to_string())}</h2>
                <ul class="plain" id="liste-regies-partenaire">
                    {p.regies.iter().map(|r| {
                        let detail = format!(
                            "{} ({}) · {}",
                            r.commune,
                            r.departement,
                            relation_sentence(t, r.relation, r.college, r.depuis.as_deref(), r.jusqu_a.as_deref())
                        );
                        view! { <li><a href=t.path(&format!("/regies/{}", r.slug))>{r.nom.clone()}</a>" "<span class="help">{detail}</span></li> }
                    }).collect_view()}
                </ul>
            </section>
        </div>
        <section aria-labelledby="contrats">
            <h2 id="contrats">{t.partner_contracts_title}</h2>
            {if p.contrats.is_empty() {
                view! { <p>{t.partner_no_contract}</p> }.into_any()
            } else {
                view! {
                    <p id="total-contrats">{t.partner_contracts_total.replace("{n}", &p.contrats.len().to_string()).replace("{montant}", &euros(total))}</p>
                    <div class="table-scroll" role="region" aria-label=t.partner_contracts_title tabindex="0">
                        <table class="figures-table" id="table-contrats">
                            <thead>
                                <tr>
                                    <th scope="col">{t.contract_object}</th>
                                    <th scope="col">{t.kind_regie}</th>
                                    <th scope="col" class="num">{t.partner_amount}</th>
                                    <th scope="col">{t.contract_period}</th>
                                    <th scope="col">{t.contract_procedure}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {p.contrats.iter().map(|c| view! {
                                    <tr>
                                        <th scope="row">{c.objet.clone()}</th>
                                        <td><a href=t.path(&format!("/regies/{}", c.regie_slug))>{c.regie.clone()}</a></td>
                                        <td class="num">{c.montant_euros.map(euros).unwrap_or_else(|| "—".into())}</td>
                                        <td>{format!("{} → {}", c.debut.clone().unwrap_or_default(), c.fin.clone().unwrap_or_default())}</td>
                                        <td>{c.procedure.label(t.locale)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
