//! The page of one quartier prioritaire (QPV): its commune(s), the Régies working there,
//! its neighbours, and a map drawn on the server.


use atlas_core::qpv::QpvDetail;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::figure::{one_or_404, Figure, PageMeta};
use crate::i18n::{coverage_label, use_texts};

/// `None` when no QPV has this code: the page answers 404.
#[server]
pub async fn get_qpv(code: String) -> Result<Option<QpvDetail>, ServerFnError> {
    use crate::error::{actor, atlas, fail};
    atlas_service::qpv::page(&atlas()?, &actor(), &code).await.map_err(fail)
}

#[component]
pub fn QpvPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default().to_uppercase();
    let qpv = Resource::new(code, get_qpv);
    one_or_404(qpv, t.qpv_not_found, |q| view! { <QpvView q /> }.into_any())
}

#[component]
fn QpvView(q: QpvDetail) -> impl IntoView {
    let t = use_texts();
    let communes = q.communes.iter().map(|c| c.nom.clone()).collect::<Vec<_>>().join(", ");
    let title = format!("{} ({})", q.nom, q.code);
    let description = t.qpv_description.replace("{nom}", &q.nom).replace("{communes}", &communes);
    view! {
        <PageMeta title=title.clone() description=description json_ld=q.json_ld.clone() />
        <p class="breadcrumb-trail">{t.kind_qpv}" · "<span class="code">{q.code.clone()}</span></p>
        <h1>{q.nom.clone()}</h1>
        <p class="subtitle">
            {q.communes
                .iter()
                .map(|c| view! { <a href=t.path(&format!("/communes/{}", c.insee))>{format!("{} ({})", c.nom, c.departement)}</a>" " })
                .collect_view()}
        </p>
        <div class="grid two">
            <div>
                {q.figure.clone().map(|f| view! { <Figure figure=f label=t.qpv_map_label.replace("{nom}", &q.nom) /> })}
                <ul class="legend">
                    <li><span class="swatch qpv-ici"></span>{t.legend_this_qpv}</li>
                    <li><span class="swatch qpv-voisin"></span>{t.legend_other_qpv}</li>
                    <li><span class="swatch commune"></span>{t.legend_commune}</li>
                </ul>
            </div>
            <section aria-labelledby="regies-ici">
                <h2 id="regies-ici">{t.qpv_regies}</h2>
                {if q.regies.is_empty() {
                    view! { <p id="aucune-regie">{t.qpv_no_regie}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain">
                            {q.regies.iter().map(|r| view! {
                                <li>
                                    <a href=t.path(&format!("/regies/{}", r.slug))>{r.nom.clone()}</a>
                                    " "<span class="help">{r.commune.clone()}</span>" "
                                    <span class=format!("badge cov-{}", r.statut.code())>{coverage_label(t, r.statut)}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <h2>{t.qpv_neighbours}</h2>
                {if q.voisins.is_empty() {
                    view! { <p>{t.qpv_no_neighbour}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain">
                            {q.voisins.iter().map(|v| view! {
                                <li><a href=t.path(&format!("/qpv/{}", v.code))>{v.nom.clone()}</a>" "<span class="code">{v.code.clone()}</span></li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </div>
        <section class="participate" aria-label=t.qpv_participation>
            <p>
                <a class="button" href=t.path(&format!("/participation/nouveau?qpv={}", q.code))>{t.qpv_participate}</a>" "
                <a href=t.path(&format!("/participation?qpv={}", q.code))>{t.qpv_participation}</a>
            </p>
            {crate::compte::notification_forms::follow_form("qpv", q.code.clone(), t.path(&format!("/qpv/{}", q.code)))}
        </section>
        <p class="source">{t.qpv_source}</p>
    }
}
