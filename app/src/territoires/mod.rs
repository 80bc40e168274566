//! Territory pages for elected officials and the network (`/territoires`, then
//! `/territoires/{region|departement|epci|commune}/{code}`): QPV coverage by status, the coverage
//! map of the smaller territories with its table, the QPVs, the Régies present with their key
//! figures summed, their partners, a comparison with France, exports and an A4 print layout.


use atlas_core::coverage::CoverageStatus;
use atlas_core::territoire::report::{share_class, CoverageCounts, KeyFigure, Niveau, Scope, TerritoryReport};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use crate::figure::{one_or_404, PageMeta};
use crate::i18n::{coverage_label, use_texts, Texts};

/// QPV rows a page shows: France and régions have hundreds (the exports have them all). 80 keeps
/// the heaviest page (Métropole du Grand Paris: 131 communes in its breakdown) under 100 KB.
pub fn page_qpvs(niveau: Niveau) -> usize {
    match niveau {
        Niveau::France => 0,
        Niveau::Region | Niveau::Epci => 80,
        Niveau::Departement => 150,
        Niveau::Commune => usize::MAX,
    }
}

/// The two maps of a territory page, served as SVG files of their own (see `map_svg`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TerritoryMap {
    /// Share of QPVs with a Régie, by smaller territory.
    Couverture,
    /// The QPVs coloured by coverage status.
    Quartiers,
}

impl TerritoryMap {
    pub fn file(self) -> &'static str {
        match self {
            Self::Couverture => "carte-couverture.svg",
            Self::Quartiers => "carte-quartiers.svg",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TerritoryPage {
    pub report: TerritoryReport,
    /// QPVs of the territory (the report's list may be cut to PAGE_QPVS).
    pub qpv_listed: usize,
    /// Width and height of the maps, when the territory has them.
    pub choropleth: Option<(u32, u32)>,
    pub qpv_map: Option<(u32, u32)>,
    /// Box of the territory (min lon, min lat, max lon, max lat) for the interactive map link.
    pub bbox: Option<(f64, f64, f64, f64)>,
    /// Day each dataset was loaded (QPV, communes, Régies): France page only.
    pub dates: Option<(Option<String>, Option<String>, Option<String>)>,
}

#[server]
pub async fn get_territory(niveau: String, code: String) -> Result<Option<TerritoryPage>, ServerFnError> {
    let Some(scope) = Scope::parse(&niveau, &code) else { return Ok(None) };
    use crate::error::{actor, atlas, fail};
    use atlas_service::territory::maps;
    let atlas = atlas()?;
    let Some(mut report) = atlas_service::territory::report(&atlas, &actor(), &scope).await.map_err(fail)? else { return Ok(None) };
    let snapshot = atlas.current();
    let places = &snapshot.places;
    let choropleth = maps::choropleth_size(places, &report);
    let qpv_map = maps::qpv_map_size(places, &report);
    let bbox = maps::bbox(places, &report);
    let qpv_listed = report.qpvs.len();
    report.qpvs.truncate(page_qpvs(scope.niveau));
    let dates = if scope.niveau == Niveau::France {
        Some(snapshot.dates.clone())
    } else {
        None
    };
    Ok(Some(TerritoryPage { report, qpv_listed, choropleth, qpv_map, bbox, dates }))
}

/// `/territoires` (France) and `/territoires/{niveau}/{code}`.
#[component]
pub fn TerritoryPageView() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (p.get("niveau").unwrap_or_else(|| "france".into()), p.get("code").unwrap_or_default())
    };
    let page = Resource::new(key, |(niveau, code)| get_territory(niveau, code));
    one_or_404(page, t.territory_not_found, |p| view! { <TerritoryView p /> }.into_any())
}

pub fn level_label(t: &Texts, n: Niveau) -> &'static str {
    match n {
        Niveau::France => t.level_france,
        Niveau::Region => t.level_region,
        Niveau::Departement => t.level_departement,
        Niveau::Epci => t.level_epci,
        Niveau::Commune => t.level_commune,
    }
}

/// "Département" → "département", inside a sentence.
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
}

fn figure_label(t: &Texts, f: KeyFigure) -> &'static str {
    match f {
        KeyFigure::Salaries => t.fig_salaries,
        KeyFigure::SalariesInsertion => t.fig_insertion_jobs,
        KeyFigure::Benevoles => t.fig_volunteers,
        KeyFigure::PersonnesAccompagnees => t.fig_accompanied,
        KeyFigure::SortiesPositives => t.fig_positive_exits,
        KeyFigure::ChiffreAffaires => t.fig_turnover,
        KeyFigure::MarchesPublics => t.fig_contracts,
    }
}

fn percent(v: f64) -> String {
    format!("{v:.1}").replace('.', ",") + " %"
}

/// Base of the export addresses: `/territoires/departement/93/` (France: `/territoires/`).
fn export_base(scope: &Scope) -> String {
    format!("{}/", scope.href())
}

#[component]
fn TerritoryView(p: TerritoryPage) -> impl IntoView {
    let t = use_texts();
    let r = p.report;
    let level = level_label(t, r.scope.niveau);
    let title = if r.scope.niveau == Niveau::France { t.territory_france_title.to_owned() } else { format!("{} · {level}", r.nom) };
    let c = r.couverture.clone();
    let description = t
        .territory_description
        .replace("{nom}", &r.nom)
        .replace("{avec}", &t.locale.int(c.avec_regie() as i64))
        .replace("{total}", &t.locale.int(c.total as i64));
    let base = export_base(&r.scope);
    let map_href = match p.bbox {
        Some((a, b, c, d)) => format!("/carte?bbox={a:.3},{b:.3},{c:.3},{d:.3}"),
        None => "/carte".to_owned(),
    };
    view! {
        <PageMeta title=title.clone() description=description />
        <nav aria-label=t.breadcrumb_label class="breadcrumb-trail">
            {r.parents.iter().map(|l| view! { <a href=t.path(&l.href())>{l.nom.clone()}</a>" › " }).collect_view()}
            <span aria-current="page">{level}</span>
        </nav>
        <h1>{title}</h1>
        <div class="print-actions">
            <PrintButton />
            <a class="button secondary" href=t.path(&map_href)>{t.territory_open_map}</a>
        </div>
        <KeyNumbers r=r.clone() />
        <StatusChart c=c.clone() nom=r.nom.clone() />
        {r.scope.niveau.breakdown().map(|_| view! { <Breakdown r=r.clone() figure=p.choropleth.clone() base=base.clone() /> })}
        <QpvSection r=r.clone() listed=p.qpv_listed figure=p.qpv_map.clone() base=base.clone() />
        <RegiesSection r=r.clone() />
        <PartnersSection r=r.clone() />
        {(r.scope.niveau != Niveau::France).then(|| view! { <Comparison r=r.clone() /> })}
        {p.dates.map(|d| view! { <EnQuelquesChiffres r=r.clone() dates=d /> })}
        <p class="source">{t.territory_source}</p>
    }
}

/// A server-drawn map as an image of its own: cached apart, not repeated in the hydration data.
/// `label` is its text alternative; the table next to it gives the same figures.
#[component]
fn MapImage(src: String, size: (u32, u32), label: String) -> impl IntoView {
    view! {
        <figure class="mini-map">
            <img src=src alt=label width=size.0 height=size.1 loading="lazy" decoding="async" />
        </figure>
    }
}

#[component]
fn PrintButton() -> impl IntoView {
    let t = use_texts();
    view! {
        <button type="button" class="button" on:click=move |_| {
            #[cfg(feature = "hydrate")]
            {
                let _ = window().print();
            }
        }>{t.territory_print}</button>
    }
}

#[component]
fn KeyNumbers(r: TerritoryReport) -> impl IntoView {
    let t = use_texts();
    let c = &r.couverture;
    let population = if r.population_communes > 0 { t.locale.int(r.population_communes) } else { "—".into() };
    let qpv_population = if r.qpv_avec_population == 0 {
        t.territory_qpv_population_missing.to_owned()
    } else {
        t.territory_qpv_population
            .replace("{pop}", &t.locale.int(r.population_qpv))
            .replace("{n}", &r.qpv_avec_population.to_string())
            .replace("{total}", &c.total.to_string())
    };
    view! {
        <ul class="key-numbers" id="chiffres-territoire">
            <li><strong data-figure="qpv">{t.locale.int(c.total as i64)}</strong>" "{t.territory_qpv}</li>
            <li><strong data-figure="qpv-avec-regie">{t.locale.int(c.avec_regie() as i64)}</strong>" "{t.territory_qpv_with}" ("{percent(c.part_couverte())}")"</li>
            <li><strong data-figure="qpv-sans-regie">{t.locale.int(c.sans as i64)}</strong>" "{t.territory_qpv_without}</li>
            <li><strong data-figure="regies">{t.locale.int(r.regies.len() as i64)}</strong>" "{t.territory_regies_present}</li>
            <li><strong data-figure="communes">{t.locale.int(r.communes_avec_qpv as i64)}</strong>" "{t.territory_communes}</li>
            <li><strong data-figure="population">{population}</strong>" "{t.territory_population}</li>
        </ul>
        <p class="help">{qpv_population}</p>
    }
}

/// A stacked bar of the QPVs by coverage status; the table under it says the same in text.
#[component]
fn StatusChart(c: CoverageCounts, nom: String) -> impl IntoView {
    let t = use_texts();
    let rows: Vec<(&'static str, &'static str, usize)> = CoverageStatus::ALL
        .iter()
        .map(|s| (s.code(), coverage_label(t, *s), match s {
            CoverageStatus::Confirmee => c.confirmee,
            CoverageStatus::Declaree => c.declaree,
            CoverageStatus::Estimee => c.estimee,
        }))
        .chain(std::iter::once(("aucune", t.coverage_none, c.sans)))
        .collect();
    let total = c.total.max(1) as f64;
    let mut x = 0.0;
    let bars = rows
        .iter()
        .filter(|r| r.2 > 0)
        .map(|(code, label, n)| {
            let w = 1000.0 * *n as f64 / total;
            let bar = view! {
                <rect class=format!("cov-{code}") x=format!("{x:.1}") y="0" width=format!("{w:.1}") height="40"><title>{format!("{label} : {n}")}</title></rect>
            };
            x += w;
            bar
        })
        .collect_view();
    let label = t.territory_status_chart.replace("{nom}", &nom);
    view! {
        <section aria-labelledby="statuts">
            <h2 id="statuts">{t.territory_status_title}</h2>
            <svg class="status-bar" viewBox="0 0 1000 40" preserveAspectRatio="none" role="img" aria-label=label.clone()>
                <title>{label.clone()}</title>
                {bars}
            </svg>
            <table class="figures-table compact" id="table-statuts">
                <caption class="visually-hidden">{t.territory_status_title}</caption>
                <thead><tr><th scope="col">{t.territory_status_col}</th><th scope="col" class="num">"QPV"</th><th scope="col" class="num">"%"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(code, label, n)| view! {
                        <tr data-statut=code>
                            <th scope="row"><span class=format!("swatch cov-{code}")></span>{label}</th>
                            <td class="num">{t.locale.int(n as i64)}</td>
                            <td class="num">{percent(100.0 * n as f64 / total)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn Breakdown(r: TerritoryReport, figure: Option<(u32, u32)>, base: String) -> impl IntoView {
    let t = use_texts();
    let level = r.scope.niveau.breakdown().unwrap_or(Niveau::Departement);
    let heading = t.territory_breakdown_title.replace("{niveau}", &lower_first(level_label(t, level)));
    let map_label = t.territory_choropleth_label.replace("{nom}", &r.nom).replace("{niveau}", &lower_first(level_label(t, level)));
    view! {
        <section aria-labelledby="decoupage" class="breakdown">
            <h2 id="decoupage">{heading.clone()}</h2>
            {figure.map(|size| view! {
                <MapImage src=format!("{base}{}", TerritoryMap::Couverture.file()) size label=map_label />
                <ul class="legend choropleth-legend">
                    <li><span class="swatch ch-0"></span>"0 %"</li>
                    <li><span class="swatch ch-1"></span>"1 – 24 %"</li>
                    <li><span class="swatch ch-2"></span>"25 – 49 %"</li>
                    <li><span class="swatch ch-3"></span>"50 – 74 %"</li>
                    <li><span class="swatch ch-4"></span>"75 – 100 %"</li>
                    <li><span class="swatch ch-none"></span>{t.territory_no_qpv}</li>
                </ul>
            })}
            <p class="exports">
                {t.territory_export}" : "
                <a href=format!("{base}decoupage.csv") download="" id="export-decoupage-csv">"CSV"</a>" · "
                <a href=format!("{base}decoupage.geojson") download="" id="export-decoupage-geojson">"GeoJSON"</a>
            </p>
            <div class="table-scroll" role="region" aria-label=heading tabindex="0">
                <table class="figures-table" id="table-decoupage">
                    <thead>
                        <tr>
                            <th scope="col">{level_label(t, level)}</th>
                            <th scope="col" class="num">"QPV"</th>
                            <th scope="col" class="num">{t.territory_qpv_with}</th>
                            <th scope="col" class="num">{t.territory_share}</th>
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
            {(r.hors_decoupage > 0).then(|| view! { <p class="help">{t.territory_outside.replace("{n}", &r.hors_decoupage.to_string())}</p> })}
        </section>
    }
}

#[component]
fn QpvSection(r: TerritoryReport, listed: usize, figure: Option<(u32, u32)>, base: String) -> impl IntoView {
    let t = use_texts();
    let label = t.territory_qpv_map_label.replace("{nom}", &r.nom);
    let gaps = match r.scope.niveau {
        Niveau::Departement => format!("/territoires/quartiers-sans-regie?dep={}", r.scope.code),
        _ => "/territoires/quartiers-sans-regie".to_owned(),
    };
    view! {
        <section aria-labelledby="quartiers">
            <h2 id="quartiers">{t.territory_qpv_title}</h2>
            {figure.map(|size| view! {
                <MapImage src=format!("{base}{}", TerritoryMap::Quartiers.file()) size label=label />
                <ul class="legend">
                    <li><span class="swatch cov-confirmee"></span>{t.coverage_confirmee}</li>
                    <li><span class="swatch cov-declaree"></span>{t.coverage_declaree}</li>
                    <li><span class="swatch cov-estimee"></span>{t.coverage_estimee}</li>
                    <li><span class="swatch cov-aucune"></span>{t.coverage_none}</li>
                </ul>
            })}
            <p class="exports">
                {t.territory_export}" : "
                <a href=format!("{base}quartiers.csv") download="" id="export-qpv-csv">"CSV"</a>" · "
                <a href=format!("{base}quartiers.geojson") download="" id="export-qpv-geojson">"GeoJSON"</a>
                " · "<a href=t.path(&gaps)>{t.gaps_title}</a>
            </p>
            {if r.qpvs.is_empty() && listed > 0 {
                Some(view! { <p class="help">{t.territory_qpv_in_exports.replace("{n}", &t.locale.int(listed as i64))}</p> })
            } else if listed > r.qpvs.len() {
                Some(view! { <p class="help">{t.gaps_cut.replace("{n}", &r.qpvs.len().to_string())}</p> })
            } else {
                None
            }}
            {(!r.qpvs.is_empty()).then(|| view! {
                <div class="table-scroll" role="region" aria-label=t.territory_qpv_title tabindex="0">
                    <table class="figures-table" id="table-qpv">
                        <thead>
                            <tr>
                                <th scope="col">{t.kind_qpv}</th>
                                <th scope="col">{t.col_commune}</th>
                                <th scope="col">{t.territory_status_col}</th>
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
fn RegiesSection(r: TerritoryReport) -> impl IntoView {
    let t = use_texts();
    let f = r.chiffres.clone();
    let reported = t
        .territory_figures_reported
        .replace("{n}", &f.regies_declarantes.to_string())
        .replace("{total}", &r.regies.len().to_string());
    let years = f.annees.map(|(a, b)| if a == b { a.to_string() } else { format!("{a}–{b}") });
    view! {
        <section aria-labelledby="regies-presentes">
            <h2 id="regies-presentes">{t.territory_regies_title}</h2>
            <h3>{t.territory_figures_title}</h3>
            <p id="regies-declarantes">{reported}{years.map(|y| format!(" ({y})"))}</p>
            {(f.regies_declarantes > 0).then(|| view! {
                <table class="figures-table compact" id="table-chiffres">
                    <thead><tr><th scope="col">{t.territory_figure_col}</th><th scope="col" class="num">{t.territory_total}</th><th scope="col" class="num">{t.territory_reporting}</th></tr></thead>
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
                view! { <p>{t.territory_no_regie}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" role="region" aria-label=t.territory_regies_title tabindex="0">
                        <table class="figures-table" id="table-regies">
                            <thead>
                                <tr>
                                    <th scope="col">{t.kind_regie}</th>
                                    <th scope="col">{t.col_commune}</th>
                                    <th scope="col" class="num">{t.territory_qpv_here}</th>
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
fn PartnersSection(r: TerritoryReport) -> impl IntoView {
    let t = use_texts();
    view! {
        <section aria-labelledby="partenaires-territoire">
            <h2 id="partenaires-territoire">{t.territory_partners_title}</h2>
            {if r.partenaires.is_empty() {
                view! { <p>{t.territory_no_partner}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain" id="liste-partenaires">
                        {r.partenaires.iter().map(|p| view! {
                            <li>
                                <a href=t.path(&format!("/partenaires/{}", p.id))><strong>{p.nom.clone()}</strong></a>" · "{p.nature.label(t.locale)}" · "
                                {t.territory_partner_regies.replace("{n}", &p.regies.to_string())}
                                {(p.contrats > 0).then(|| format!(" · {}", t.territory_partner_contracts.replace("{n}", &p.contrats.to_string()).replace("{montant}", &t.locale.int(p.montant_euros))))}
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
fn Comparison(r: TerritoryReport) -> impl IntoView {
    let t = use_texts();
    let (here, fr) = (&r.couverture, &r.national);
    let share = |n: usize, d: usize| if d == 0 { "—".to_owned() } else { percent(100.0 * n as f64 / d as f64) };
    view! {
        <section aria-labelledby="comparaison">
            <h2 id="comparaison">{t.territory_comparison_title}</h2>
            <table class="figures-table compact" id="table-comparaison">
                <thead><tr><th scope="col"></th><th scope="col" class="num">{r.nom.clone()}</th><th scope="col" class="num">"France"</th></tr></thead>
                <tbody>
                    <tr><th scope="row">{t.territory_share}</th><td class="num">{percent(here.part_couverte())}</td><td class="num">{percent(fr.part_couverte())}</td></tr>
                    <tr><th scope="row">{t.territory_qpv}</th><td class="num">{t.locale.int(here.total as i64)}</td><td class="num">{t.locale.int(fr.total as i64)}</td></tr>
                    <tr><th scope="row">{t.territory_share_of_france}</th><td class="num">{share(here.total, fr.total)}</td><td class="num">"100 %"</td></tr>
                    <tr><th scope="row">{t.territory_regies_present}</th><td class="num">{r.regies.len()}</td><td class="num">{r.regies_nationales}</td></tr>
                </tbody>
            </table>
        </section>
    }
}

/// "Les Régies en quelques chiffres": national figures computed from the database when the page
/// is asked for, each with its source and the day its data was loaded.
#[component]
fn EnQuelquesChiffres(r: TerritoryReport, dates: (Option<String>, Option<String>, Option<String>)) -> impl IntoView {
    let t = use_texts();
    let (qpv_date, communes_date, regies_date) = dates;
    let loaded = |d: Option<String>| d.map(|d| t.loaded_on.replace("{date}", &d)).unwrap_or_default();
    let c = &r.couverture;
    let f = &r.chiffres;
    let reported = t.territory_figures_reported.replace("{n}", &f.regies_declarantes.to_string()).replace("{total}", &r.regies.len().to_string());
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
