//! The page of one Régie.

use atlas_core::coverage::CoverageStatus;
use atlas_core::regie::{RegieDetail, Verification};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::figures::KeyFigures;
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
        <p class="breadcrumb"><a href="/regies">{t.back_to_directory}</a></p>
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
                            {r.activites.iter().map(|a| view! { <li>{a.label_fr()}</li> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            </section>
        </div>
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
        <section aria-labelledby="chiffres-cles">
            <h2 id="chiffres-cles">{t.key_figures}</h2>
            {if r.chiffres.is_empty() {
                view! { <p>{t.no_key_figures}</p> }.into_any()
            } else {
                view! { <KeyFigures chiffres=r.chiffres.clone() /> }.into_any()
            }}
        </section>
        <section aria-labelledby="partenaires">
            <h2 id="partenaires">{t.partners_title}</h2>
            {if r.partenaires.is_empty() {
                view! { <p>{t.no_partner}</p> }.into_any()
            } else {
                view! {
                    <NetworkGraph nom=r.nom.clone() partners=r.partenaires.clone() />
                    <ul class="plain partner-list" id="liste-partenaires">
                        {r.partenaires.iter().map(|p| {
                            let mut detail = format!("{} · {}", p.nature.label_fr(), p.relation.label_fr());
                            if let Some(c) = p.college {
                                detail.push_str(&format!(" ({})", c.label_fr()));
                            }
                            if let Some(d) = &p.depuis {
                                detail.push_str(&format!(", {}", t.partner_since.replace("{date}", d)));
                            }
                            if let Some(d) = &p.jusqu_a {
                                detail.push_str(&format!(", {}", t.partner_until.replace("{date}", d)));
                            }
                            view! {
                                <li>
                                    <a href=format!("/partenaires/{}", p.id)><strong>{p.nom.clone()}</strong></a>" "
                                    <span class="help">{detail}</span>
                                    {p.demo.then(|| view! { " "<span class="badge badge-warn">{t.demo_label}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
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
        </section>
        {r.source.clone().map(|s| view! { <p class="source">{t.source}" : "{s}</p> })}
    }
}

/// The Régie in the centre and its partners around it, one link per partner (reachable with
/// the keyboard), edges coloured by the kind of relation. The list under it is the text version.
#[component]
fn NetworkGraph(nom: String, partners: Vec<atlas_core::partner::RegiePartner>) -> impl IntoView {
    let t = use_texts();
    // One node per partner, with its first (current) relation.
    let mut nodes: Vec<&atlas_core::partner::RegiePartner> = Vec::new();
    for p in &partners {
        if !nodes.iter().any(|n| n.id == p.id) {
            nodes.push(p);
        }
    }
    let n = nodes.len().max(1) as f64;
    let (cx, cy, radius) = (300.0, 190.0, 150.0);
    let short = |s: &str| if s.chars().count() > 26 { format!("{}…", s.chars().take(25).collect::<String>()) } else { s.to_owned() };
    let label = t.network_label.replace("{nom}", &nom);
    let items = nodes
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n;
            let (x, y) = (cx + radius * 1.35 * angle.cos(), cy + radius * angle.sin());
            let anchor = if x < cx - 10.0 { "end" } else if x > cx + 10.0 { "start" } else { "middle" };
            let tx = x + if anchor == "end" { -12.0 } else if anchor == "start" { 12.0 } else { 0.0 };
            let ty = y + if anchor == "middle" { if y < cy { -14.0 } else { 22.0 } } else { 5.0 };
            view! {
                <line class=format!("edge rel-{}", p.relation.code()) x1=cx y1=cy x2=format!("{x:.1}") y2=format!("{y:.1}") />
                <a href=format!("/partenaires/{}", p.id) class="node" aria-label=p.nom.clone()>
                    <circle class=format!("node-dot kind-{}", p.nature.code()) cx=format!("{x:.1}") cy=format!("{y:.1}") r="9" />
                    <text x=format!("{tx:.1}") y=format!("{ty:.1}") text-anchor=anchor>{short(&p.nom)}</text>
                </a>
            }
        })
        .collect_view();
    view! {
        <figure class="network">
            <svg viewBox="0 0 600 380" role="group" aria-label=label.clone()>
                <title>{label.clone()}</title>
                {items}
                <circle class="node-regie" cx=cx cy=cy r="16" />
                <text class="node-regie-label" x=cx y=cy + 36.0 text-anchor="middle">{short(&nom)}</text>
            </svg>
        </figure>
    }
}
