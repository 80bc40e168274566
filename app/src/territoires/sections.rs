//! The sections of a territory page below its key numbers: breakdown by smaller territory,
//! QPVs, Régies, partners, comparison with France, and "en quelques chiffres".

use atlas_core::territoire::report::{share_class, Niveau, TerritoryReport};
use leptos::prelude::*;

use super::texts::{TerritoryTexts, T};
use super::{figure_label, level_label, lower_first, percent, MapImage, TerritoryMap};
use crate::i18n::{coverage_label, use_texts};

#[component]
pub(super) fn Breakdown(r: TerritoryReport, figure: Option<(u32, u32)>, base: String, x: TerritoryTexts) -> impl IntoView {
    let t = use_texts();
    let level = r.scope.niveau.breakdown().unwrap_or(Niveau::Departement);
    let heading = x.get(T::BreakdownTitle).replace("{niveau}", &lower_first(level_label(t, level)));
    let map_label = t.territory_choropleth_label.replace("{nom}", &r.nom).replace("{niveau}", &lower_first(level_label(t, level)));
    view! {
        <section aria-labelledby="decoupage" class="breakdown">
            <h2 id="decoupage">{heading.clone()}</h2>
            {figure.map(|size| view! {
                <MapImage src=format!("{base}{}", TerritoryMap::Couverture.src(t.locale)) size label=map_label />
                <ul class="legend choropleth-legend">
                    <li><span class="swatch ch-0"></span>"0 %"</li>
                    <li><span class="swatch ch-1"></span>"1 – 24 %"</li>
                    <li><span class="swatch ch-2"></span>"25 – 49 %"</li>
                    <li><span class="swatch ch-3"></span>"50 – 74 %"</li>
                    <li><span class="swatch ch-4"></span>"75 – 100 %"</li>
                    <li><span class="swatch ch-none"></span>{x.get(T::NoQpv)}</li>
                </ul>
            })}
            <p class="exports">
                {x.get(T::Export)}" : "
                <a href=format!("{base}decoupage.csv") download="" id="export-decoupage-csv">"CSV"</a>" · "
                <a href=format!("{base}decoupage.geojson") download="" id="export-decoupage-geojson">"GeoJSON"</a>
            </p>
            <div class="table-scroll" role="region" aria-label=heading tabindex="0">
                <table class="figures-table" id="table-decoupage">
                    <thead>
                        <tr>
                            <th scope="col">{level_label(t, level)}</th>
                            <th scope="col" class="num">"QPV"</th>
                            <th scope="col" class="num">{x.get(T::QpvWith)}</th>
                            <th scope="col" class="num">{x.get(T::Share)}</th>
                            <th scope="col" class="num">{t.fig_regies}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {r.decoupage.iter().map(|a| {
                            let class = share_class(a.qpv, a.avec_regie).map_or("swatch ch-none".to_owned(), |c| format!("swatch ch-{c}"));
                            view! {
                                <tr data-code=a.code.clone()>
                                    <th scope="row"><span class=class></span><a href=t.path(&a.href())>{a.nom.clone()}</a></th>
                                    <td class="num">{a.qpv}</td>
                                    <td class="num">{a.avec_regie}</td>
                                    <td class="num">{if a.qpv == 0 { "—".to_owned() } else { percent(a.part_couverte()) }}</td>
                                    <td class="num">{a.regies}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(r.hors_decoupage > 0).then(|| view! { <p class="help">{x.get(T::Outside).replace("{n}", &r.hors_decoupage.to_string())}</p> })}
        </section>
    }
}

#[component]
pub(super) fn QpvSection(r: TerritoryReport, listed: usize, figure: Option<(u32, u32)>, base: String, x: TerritoryTexts) -> impl IntoView {
    let t = use_texts();
    let label = t.territory_qpv_map_label.replace("{nom}", &r.nom);
    let gaps = match r.scope.niveau {
        Niveau::Departement => format!("/territoires/quartiers-sans-regie?dep={}", r.scope.code),
        _ => "/territoires/quartiers-sans-regie".to_owned(),
    };
    view! {
        <section aria-labelledby="quartiers">
            <h2 id="quartiers">{x.get(T::QpvTitle)}</h2>
            {figure.map(|size| view! {
                <MapImage src=format!("{base}{}", TerritoryMap::Quartiers.src(t.locale)) size label=label />
                <ul class="legend">
                    <li><span class="swatch cov-confirmee"></span>{t.coverage_confirmee}</li>
                    <li><span class="swatch cov-declaree"></span>{t.coverage_declaree}</li>
                    <li><span class="swatch cov-estimee"></span>{t.coverage_estimee}</li>
                    <li><span class="swatch cov-aucune"></span>{t.coverage_none}</li>
                </ul>
            })}
            <p class="exports">
                {x.get(T::Export)}" : "
                <a href=format!("{base}quartiers.csv") download="" id="export-qpv-csv">"CSV"</a>" · "
                <a href=format!("{base}quartiers.geojson") download="" id="export-qpv-geojson">"GeoJSON"</a>
                " · "<a href=t.path(&gaps)>{t.gaps_title}</a>
            </p>
            {if r.qpvs.is_empty() && listed > 0 {
                Some(view! { <p class="help">{x.get(T::QpvInExports).replace("{n}", &t.locale.int(listed as i64))}</p> })
            } else if listed > r.qpvs.len() {
                Some(view! { <p class="help">{t.gaps_cut.replace("{n}", &r.qpvs.len().to_string())}</p> })
            } else {
                None
            }}
            {(!r.qpvs.is_empty()).then(|| view! {
                <div class="table-scroll" role="region" aria-label=x.get(T::QpvTitle) tabindex="0">
                    <table class="figures-table" id="table-qpv">
                        <thead>
                            <tr>
                                <th scope="col">{t.kind_qpv}</th>
                                <th scope="col">{t.col_commune}</th>
                                <th scope="col">{x.get(T::StatusCol)}</th>
                                <th scope="col">{t.fig_regies}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {r.qpvs.iter().map(|q| view! {
                                <tr data-code=q.code.clone()>
                                    <th scope="row"><a href=t.path(&format!("/qpv/{}", q.code))>{q.nom.clone()}</a>" "<span class="code">{q.code.clone()}</span></th>
                                    <td>{q.communes.iter().map(|(insee, nom)| view! { <a href=t.path(&format!("/communes/{insee}"))>{nom.clone()}</a>" " }).collect_view()}</td>
                                    <td><span class=format!("badge cov-{}", q.statut.map_or("aucune", |s| s.code()))>
                                        {q.statut.map_or(t.coverage_none, |s| coverage_label(t, s))}
                                    </span></td>
                                    <td>{q.regies.join(", ")}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}

#[component]
pub(super) fn RegiesSection(r: TerritoryReport, x: TerritoryTexts) -> impl IntoView {
    let t = use_texts();
    let f = r.chiffres.clone();
    let reported = x
        .get(T::FiguresReported)
        .replace("{n}", &f.regies_declarantes.to_string())
        .replace("{total}", &r.regies.len().to_string());
    let years = f.annees.map(|(a, b)| if a == b { a.to_string() } else { format!("{a}–{b}") });
    view! {
        <section aria-labelledby="regies-presentes">
            <h2 id="regies-presentes">{x.get(T::RegiesTitle)}</h2>
            <h3>{x.get(T::FiguresTitle)}</h3>
            <p id="regies-declarantes">{reported}{years.map(|y| format!(" ({y})"))}</p>
            {(f.regies_declarantes > 0).then(|| view! {
                <table class="figures-table compact" id="table-chiffres">
                    <thead><tr><th scope="col">{x.get(T::FigureCol)}</th><th scope="col" class="num">{x.get(T::Total)}</th><th scope="col" class="num">{x.get(T::Reporting)}</th></tr></thead>
                    <tbody>
                        {f.sums.iter().map(|s| view! {
                            <tr data-figure=s.figure.code()>
                                <th scope="row">{figure_label(t, s.figure)}</th>
                                <td class="num">{if s.regies == 0 { "—".to_owned() } else { t.locale.int(s.total) }}</td>
                                <td class="num">{s.regies}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {if r.regies.is_empty() {
                view! { <p>{x.get(T::NoRegie)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" role="region" aria-label=x.get(T::RegiesTitle) tabindex="0">
                        <table class="figures-table" id="table-regies">
                            <thead>
                                <tr>
                                    <th scope="col">{t.kind_regie}</th>
                                    <th scope="col">{t.col_commune}</th>
                                    <th scope="col" class="num">{x.get(T::QpvHere)}</th>
                                    <th scope="col" class="num">{t.fig_salaries}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {r.regies.iter().map(|g| view! {
                                    <tr>
                                        <th scope="row"><a href=t.path(&format!("/regies/{}", g.slug))>{g.nom.clone()}</a></th>
                                        <td>{g.commune.clone()}</td>
                                        <td class="num">{g.qpv_ici}</td>
                                        <td class="num">{g.chiffres.as_ref().and_then(|c| c.salaries).map(|n| t.locale.int(n)).unwrap_or_else(|| "—".into())}</td>
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

#[component]
pub(super) fn PartnersSection(r: TerritoryReport, x: TerritoryTexts) -> impl IntoView {
    let t = use_texts();
    view! {
        <section aria-labelledby="partenaires-territoire">
            <h2 id="partenaires-territoire">{x.get(T::PartnersTitle)}</h2>
            {if r.partenaires.is_empty() {
                view! { <p>{x.get(T::NoPartner)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain" id="liste-partenaires">
                        {r.partenaires.iter().map(|p| view! {
                            <li>
                                <a href=t.path(&format!("/partenaires/{}", p.id))><strong>{p.nom.clone()}</strong></a>" · "{p.nature.label(t.locale)}" · "
                                {x.get(T::PartnerRegies).replace("{n}", &p.regies.to_string())}
                                {(p.contrats > 0).then(|| format!(" · {}", x.get(T::PartnerContracts).replace("{n}", &p.contrats.to_string()).replace("{montant}", &t.locale.int(p.montant_euros))))}
                                {p.demo.then(|| view! { " "<span class="badge demo">{t.demo_label}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub(super) fn Comparison(r: TerritoryReport, x: TerritoryTexts) -> impl IntoView {
    let t = use_texts();
    let (here, fr) = (&r.couverture, &r.national);
    let share = |n: usize, d: usize| if d == 0 { "—".to_owned() } else { percent(100.0 * n as f64 / d as f64) };
    view! {
        <section aria-labelledby="comparaison">
            <h2 id="comparaison">{x.get(T::ComparisonTitle)}</h2>
            <table class="figures-table compact" id="table-comparaison">
                <thead><tr><th scope="col"></th><th scope="col" class="num">{r.nom.clone()}</th><th scope="col" class="num">"France"</th></tr></thead>
                <tbody>
                    <tr><th scope="row">{x.get(T::Share)}</th><td class="num">{percent(here.part_couverte())}</td><td class="num">{percent(fr.part_couverte())}</td></tr>
                    <tr><th scope="row">{x.get(T::Qpv)}</th><td class="num">{t.locale.int(here.total as i64)}</td><td class="num">{t.locale.int(fr.total as i64)}</td></tr>
                    <tr><th scope="row">{x.get(T::ShareOfFrance)}</th><td class="num">{share(here.total, fr.total)}</td><td class="num">"100 %"</td></tr>
                    <tr><th scope="row">{x.get(T::RegiesPresent)}</th><td class="num">{r.regies.len()}</td><td class="num">{r.regies_nationales}</td></tr>
                </tbody>
            </table>
        </section>
    }
}

/// "Les Régies en quelques chiffres": national figures computed from the database when the page
/// is asked for, each with its source and the day its data was loaded.
#[component]
pub(super) fn EnQuelquesChiffres(r: TerritoryReport, dates: (Option<String>, Option<String>, Option<String>), x: TerritoryTexts) -> impl IntoView {
    let t = use_texts();
    let (qpv_date, communes_date, regies_date) = dates;
    let loaded = |d: Option<String>| d.map(|d| t.loaded_on.replace("{date}", &d)).unwrap_or_default();
    let c = &r.couverture;
    let f = &r.chiffres;
    let reported = x.get(T::FiguresReported).replace("{n}", &f.regies_declarantes.to_string()).replace("{total}", &r.regies.len().to_string());
    let rows: Vec<(String, &'static str, String)> = vec![
        (t.locale.int(r.regies.len() as i64), t.qc_regies, format!("{} {}", t.qc_regies_source, loaded(regies_date.clone()))),
        (t.locale.int(c.total as i64), t.qc_qpv, format!("{} {}", t.qc_qpv_source, loaded(qpv_date.clone()))),
        (t.locale.int(c.avec_regie() as i64), t.qc_qpv_with, format!("{} {}", t.qc_coverage_source, loaded(regies_date))),
        (t.locale.int(r.population_communes), t.qc_population, format!("{} {}", t.qc_population_source, loaded(communes_date))),
    ];
    view! {
        <section aria-labelledby="en-quelques-chiffres" id="quelques-chiffres">
            <h2 id="en-quelques-chiffres">{t.qc_title}</h2>
            <dl class="quelques-chiffres">
                {rows.into_iter().map(|(v, label, source)| view! {
                    <div><dt>{label}</dt><dd><strong>{v}</strong><span class="source">{source}</span></dd></div>
                }).collect_view()}
                {f.sums.iter().map(|s| {
                    let value = if s.regies == 0 { t.qc_not_reported.to_owned() } else { t.locale.int(s.total) };
                    view! {
                        <div><dt>{figure_label(t, s.figure)}</dt><dd><strong>{value}</strong><span class="source">{format!("{} {}", t.qc_figures_source, reported)}</span></dd></div>
                    }
                }).collect_view()}
            </dl>
        </section>
    }
}
