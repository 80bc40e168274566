//! The page of one Régie.

use atlas_core::coverage::CoverageStatus;
use atlas_core::regie::{RegieDetail, Verification};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::correction::CorrectionForm;
use super::{get_regie, VerificationBadge};
use crate::figure::{one_or_404, Figure, PageMeta};
use crate::i18n::{coverage_label, use_texts};

#[component]
pub fn RegiePage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let regie = Resource::new(slug, get_regie);
    one_or_404(regie, t.regie_not_found, |r| view! { <RegieView r /> }.into_any())
}

#[component]
fn RegieView(r: RegieDetail) -> impl IntoView {
    let t = use_texts();
    let description = format!("{} — {} ({})", r.nom, r.commune, r.code_postal);
    let has_contact = r.site_web.is_some() || r.telephone.is_some() || r.email.is_some();
    let any_estimated = r.qpvs.iter().any(|q| q.statut == CoverageStatus::Estimee);
    view! {
        <PageMeta title=r.nom.clone() description=description json_ld=r.json_ld.clone() />
        <p class="breadcrumb"><a href=t.path("/regies")>{t.back_to_directory}</a></p>
        {team_markup("regie-logo-wrap", r.logo_html.clone())}
        <h1>{r.nom.clone()}</h1>
        <p class="subtitle">
            {format!("{} ({}) · ", r.commune, r.departement)}
            <VerificationBadge v=r.verification />
        </p>
        {(r.verification == Verification::AVerifier)
            .then(|| view! { <p class="notice" role="note">{t.unverified_notice}</p> })}
        {r.description.clone().map(|d| view! { <p class="lead">{d}</p> })}
        {r.figure.clone().map(|f| view! {
            <Figure figure=f label=t.regie_map_label.replace("{nom}", &r.nom).replace("{commune}", &r.commune) />
            <ul class="legend">
                <li><span class="swatch regie-point"></span>{t.legend_regie_address}</li>
                <li><span class="swatch qpv cov-estimee"></span>{t.legend_covered}</li>
                <li><span class="swatch commune"></span>{t.legend_commune}</li>
            </ul>
        })}
        <div class="grid">
            <section class="card" aria-labelledby="identite">
                <h2 id="identite">{t.identity}</h2>
                <dl>
                    <dt>{t.address}</dt>
                    <dd>
                        {r.adresse.clone().map(|a| view! { {a}<br /> })}
                        {format!("{} {}", r.code_postal, r.commune)}
                    </dd>
                    {r.siret.clone().map(|s| view! { <dt>{t.siret}</dt><dd>{s}</dd> })}
                </dl>
            </section>
            <section class="card" aria-labelledby="contacts">
                <h2 id="contacts">{t.contacts}</h2>
                {(!has_contact).then(|| view! { <p>{t.no_contact}</p> })}
                <ul class="plain">
                    {r.site_web.clone().map(|u| view! { <li>{t.website}" : "<a href=u.clone() rel="noopener">{u.clone()}</a></li> })}
                    {r.telephone.clone().map(|p| view! { <li>{t.phone}" : "<a href=format!("tel:{}", p.replace(' ', ""))>{p.clone()}</a></li> })}
                    {r.email.clone().map(|e| view! { <li>{t.email}" : "<a href=format!("mailto:{e}")>{e.clone()}</a></li> })}
                </ul>
            </section>
            <section class="card" aria-labelledby="activites">
                <h2 id="activites">{t.activities}</h2>
                {if r.activites.is_empty() {
                    view! { <p>{t.no_activity}</p> }.into_any()
                } else {
                    view! {
                        <ul class="tags">
                            {r.activites.iter().map(|a| view! { <li>{a.label(t.locale)}</li> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            </section>
        </div>
        {team_markup("news", r.news_html.clone())}
        <section aria-labelledby="qpv">
            <h2 id="qpv">{t.qpv_covered}" (" {r.qpvs.len()} ")"</h2>
            {if r.qpvs.is_empty() {
                view! { <p>{t.no_qpv}</p> }.into_any()
            } else {
                view! {
                    <ul class="qpv-list">
                        {r.qpvs
                            .iter()
                            .map(|q| {
                                view! {
                                    <li>
                                        <span class="qpv-name">{q.nom.clone()}</span>
                                        " "
                                        <span class="code">{q.code.clone()}</span>
                                        " "
                                        <span class=format!("badge cov-{}", q.statut.code())>{coverage_label(t, q.statut)}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {any_estimated.then(|| view! { <p class="help">{t.coverage_estimee_help}</p> })}
        </section>
        {team_markup("regie-figures", r.figures_html.clone())}
        {team_markup("regie-partners", r.partners_html.clone())}
        <section aria-labelledby="participer" class="card take-part">
            <h2 id="participer">{t.take_part_title}</h2>
            {if has_contact {
                view! {
                    <p>{t.take_part_intro}</p>
                    <ul class="plain">
                        {r.telephone.clone().map(|p| view! { <li>{t.phone}" : "<a href=format!("tel:{}", p.replace(' ', ""))>{p.clone()}</a></li> })}
                        {r.email.clone().map(|e| view! { <li>{t.email}" : "<a href=format!("mailto:{e}")>{e.clone()}</a></li> })}
                        {r.site_web.clone().map(|u| view! { <li>{t.website}" : "<a href=u.clone() rel="noopener">{u.clone()}</a></li> })}
                    </ul>
                }.into_any()
            } else {
                view! { <p>{t.take_part_no_contact}</p> }.into_any()
            }}
            <p>{t.take_part_visit}" "{r.adresse.clone().map(|a| format!("{a}, ")).unwrap_or_default()}{format!("{} {}", r.code_postal, r.commune)}</p>
            <p><a href=t.path(&format!("/participation?regie={}", r.slug))>{t.regie_participation}</a></p>
            {crate::compte::notification_forms::follow_form("regie", r.slug.clone(), t.path(&format!("/regies/{}", r.slug)))}
            {r.answer_clock.clone().map(|line| view! { <p class="help" id="delai-regie">{line}</p> })}
            <CorrectionForm slug=r.slug.clone() pending=r.corrections_en_attente />
        </section>
        {r.source.clone().map(|s| view! { <p class="source" id="source">{t.source}" : "{s}</p> })}
        <p class="source"><a href=t.path(&format!("/gestion/{}", r.slug))>{t.regie_manage}</a></p>
    }
}

/// What the Régie's team wrote (its logo, its news, its key figures, its partners), made into
/// markup on the server (`presentation`): one view for all keeps the bundle every visitor loads small.
fn team_markup(class: &'static str, html: Option<String>) -> impl IntoView {
    html.map(|h| view! { <div class=class inner_html=h></div> })
}
