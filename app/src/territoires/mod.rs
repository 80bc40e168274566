//! Territory pages for elected officials and the network (`/territoires`, then
//! `/territoires/{region|departement|epci|commune}/{code}`): QPV coverage by status, the coverage
//! map of the smaller territories with its table, the QPVs, the Régies present with their key
//! figures summed, their partners, a comparison with France, exports and an A4 print layout.


use atlas_core::coverage::CoverageStatus;
use atlas_core::territoire::report::{CoverageCounts, KeyFigure, Niveau, Scope, TerritoryReport};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

mod sections;
pub mod texts;

use sections::{Breakdown, Comparison, EnQuelquesChiffres, PartnersSection, QpvSection, RegiesSection};

use crate::figure::{one_or_404, PageMeta};
use crate::i18n::{coverage_label, use_texts, Texts};
use texts::{TerritoryTexts, T};

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

    /// The image's address from the page: the file's area titles (hover, screen readers inside
    /// the SVG) follow the page's language.
    pub fn src(self, locale: crate::i18n::Locale) -> &'static str {
        match (self, locale) {
            (map, crate::i18n::Locale::Fr) => map.file(),
            (Self::Couverture, crate::i18n::Locale::En) => "carte-couverture.svg?langue=en",
            (Self::Quartiers, crate::i18n::Locale::En) => "carte-quartiers.svg?langue=en",
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
    /// The inhabitants' participation in the territory's QPVs (public aggregates).
    pub participation: crate::participation::TerritorySummary,
    /// The page's words, in the request's language: kept out of the browser bundle.
    pub texts: TerritoryTexts,
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
    let figures = atlas_service::participation::public::territory(&atlas.db, &actor(), &niveau, &code).await.map_err(fail)?;
    let locale = crate::i18n::request_locale();
    let list = match scope.niveau {
        Niveau::France => Some(locale.path("/participation")),
        Niveau::Commune => Some(locale.path(&format!("/participation?commune={code}"))),
        _ => None,
    };
    let participation = crate::participation::territory_summary(&figures, locale, list);
    Ok(Some(TerritoryPage { report, qpv_listed, choropleth, qpv_map, bbox, dates, participation, texts: TerritoryTexts::of(locale) }))
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

pub(super) fn figure_label(t: &Texts, f: KeyFigure) -> &'static str {
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

pub(super) fn percent(v: f64) -> String {
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
    let x = p.texts;
    let level = level_label(t, r.scope.niveau);
    let title = if r.scope.niveau == Niveau::France { x.get(T::FranceTitle) } else { format!("{} · {level}", r.nom) };
    let c = r.couverture.clone();
    let description = x
        .get(T::Description)
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
            <PrintButton label=x.get(T::Print) />
            <a class="button secondary" href=t.path(&map_href)>{x.get(T::OpenMap)}</a>
        </div>
        <KeyNumbers r=r.clone() x=x.clone() />
        <StatusChart c=c.clone() nom=r.nom.clone() x=x.clone() />
        {r.scope.niveau.breakdown().map(|_| view! { <Breakdown r=r.clone() figure=p.choropleth.clone() base=base.clone() x=x.clone() /> })}
        <QpvSection r=r.clone() listed=p.qpv_listed figure=p.qpv_map.clone() base=base.clone() x=x.clone() />
        <RegiesSection r=r.clone() x=x.clone() />
        <PartnersSection r=r.clone() x=x.clone() />
        {(r.scope.niveau != Niveau::France).then(|| view! { <Comparison r=r.clone() x=x.clone() /> })}
        <section aria-labelledby="participation-territoire">
            <h2 id="participation-territoire">{p.participation.heading.clone()}</h2>
            <ul class="plain">{p.participation.lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
            {p.participation.link.clone().map(|(href, text)| view! { <p><a href=href>{text}</a></p> })}
        </section>
        {p.dates.map(|d| view! { <EnQuelquesChiffres r=r.clone() dates=d x=x.clone() /> })}
        <p class="source">{x.get(T::Source)}</p>
    }
}

/// A server-drawn map as an image of its own: cached apart, not repeated in the hydration data.
/// `label` is its text alternative; the table next to it gives the same figures.
#[component]
pub(super) fn MapImage(src: String, size: (u32, u32), label: String) -> impl IntoView {
    view! {
        <figure class="mini-map">
            <img src=src alt=label width=size.0 height=size.1 loading="lazy" decoding="async" />
        </figure>
    }
}

#[component]
fn PrintButton(label: String) -> impl IntoView {
    view! {
        <button type="button" class="button" on:click=move |_| {
            #[cfg(feature = "hydrate")]
            {
                let _ = window().print();
            }
        }>{label}</button>
    }
}

#[component]
fn KeyNumbers(r: TerritoryReport, x: TerritoryTexts) -> impl IntoView {
    let t = use_texts();
    let c = &r.couverture;
    let population = if r.population_communes > 0 { t.locale.int(r.population_communes) } else { "—".into() };
    let qpv_population = if r.qpv_avec_population == 0 {
        x.get(T::QpvPopulationMissing)
    } else {
        x.get(T::QpvPopulation)
            .replace("{pop}", &t.locale.int(r.population_qpv))
            .replace("{n}", &r.qpv_avec_population.to_string())
            .replace("{total}", &c.total.to_string())
    };
    view! {
        <ul class="key-numbers" id="chiffres-territoire">
            <li><strong data-figure="qpv">{t.locale.int(c.total as i64)}</strong>" "{x.get(T::Qpv)}</li>
            <li><strong data-figure="qpv-avec-regie">{t.locale.int(c.avec_regie() as i64)}</strong>" "{x.get(T::QpvWith)}" ("{percent(c.part_couverte())}")"</li>
            <li><strong data-figure="qpv-sans-regie">{t.locale.int(c.sans as i64)}</strong>" "{x.get(T::QpvWithout)}</li>
            <li><strong data-figure="regies">{t.locale.int(r.regies.len() as i64)}</strong>" "{x.get(T::RegiesPresent)}</li>
            <li><strong data-figure="communes">{t.locale.int(r.communes_avec_qpv as i64)}</strong>" "{x.get(T::Communes)}</li>
            <li><strong data-figure="population">{population}</strong>" "{x.get(T::Population)}</li>
        </ul>
        <p class="help">{qpv_population}</p>
    }
}

/// A stacked bar of the QPVs by coverage status; the table under it says the same in text.
#[component]
fn StatusChart(c: CoverageCounts, nom: String, x: TerritoryTexts) -> impl IntoView {
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
    // Left edge of the next bar (`x` names the page's texts here).
    let mut left = 0.0;
    let bars = rows
        .iter()
        .filter(|r| r.2 > 0)
        .map(|(code, label, n)| {
            let w = 1000.0 * *n as f64 / total;
            let bar = view! {
                <rect class=format!("cov-{code}") x=format!("{left:.1}") y="0" width=format!("{w:.1}") height="40"><title>{format!("{label} : {n}")}</title></rect>
            };
            left += w;
            bar
        })
        .collect_view();
    let label = x.get(T::StatusChart).replace("{nom}", &nom);
    view! {
        <section aria-labelledby="statuts">
            <h2 id="statuts">{x.get(T::StatusTitle)}</h2>
            <svg class="status-bar" viewBox="0 0 1000 40" preserveAspectRatio="none" role="img" aria-label=label.clone()>
                <title>{label.clone()}</title>
                {bars}
            </svg>
            <table class="figures-table compact" id="table-statuts">
                <caption class="visually-hidden">{x.get(T::StatusTitle)}</caption>
                <thead><tr><th scope="col">{x.get(T::StatusCol)}</th><th scope="col" class="num">"QPV"</th><th scope="col" class="num">"%"</th></tr></thead>
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

