//! A Régie's key figures by year: a small bar chart (SVG, drawn identically on server and
//! client) and the full table, which is the chart's text alternative.

use atlas_core::regie::ChiffresCles;
use leptos::prelude::*;

use crate::i18n::use_texts;

fn cell(v: Option<i64>) -> String {
    v.map(|n| use_texts().locale.int(n)).unwrap_or_else(|| "—".into())
}

#[component]
pub fn KeyFigures(chiffres: Vec<ChiffresCles>) -> impl IntoView {
    let t = use_texts();
    // Bars: employees and, inside, employees in insertion jobs, per year.
    let max = chiffres.iter().filter_map(|c| c.salaries.or(c.salaries_insertion)).max().unwrap_or(0).max(1) as f64;
    let (w, h, top, bottom) = (320.0, 170.0, 18.0, 22.0);
    let slot = w / chiffres.len().max(1) as f64;
    let bar = (slot * 0.3).min(28.0);
    let scale = |v: i64| (v as f64 / max) * (h - top - bottom);
    let bars = chiffres
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let x = slot * i as f64 + slot / 2.0;
            let base = h - bottom;
            let total = c.salaries.map(|v| {
                let bh = scale(v);
                view! {
                    <rect class="bar-total" x=format!("{:.1}", x - bar) y=format!("{:.1}", base - bh) width=format!("{bar:.1}") height=format!("{bh:.1}") />
                    <text class="bar-value" x=format!("{:.1}", x - bar / 2.0) y=format!("{:.1}", base - bh - 4.0)>{t.locale.int(v)}</text>
                }
            });
            let insertion = c.salaries_insertion.map(|v| {
                let bh = scale(v);
                view! {
                    <rect class="bar-insertion" x=format!("{x:.1}") y=format!("{:.1}", base - bh) width=format!("{bar:.1}") height=format!("{bh:.1}") />
                    <text class="bar-value" x=format!("{:.1}", x + bar / 2.0) y=format!("{:.1}", base - bh - 4.0)>{t.locale.int(v)}</text>
                }
            });
            view! {
                <g class="year">
                    {total}
                    {insertion}
                    <text class="bar-year" x=format!("{x:.1}") y=format!("{:.1}", h - 6.0)>{c.annee}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="key-figures">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-labelledby="chiffres-titre" class="chart">
                <title id="chiffres-titre">{t.chart_title}</title>
                <line x1="0" x2=w.to_string() y1=(h - bottom).to_string() y2=(h - bottom).to_string() class="axis" />
                {bars}
            </svg>
            <figcaption>
                <span class="swatch bar-total"></span>{t.fig_salaries}" "
                <span class="swatch bar-insertion"></span>{t.fig_insertion}
            </figcaption>
        </figure>
        <div class="table-scroll" role="region" aria-label=t.key_figures tabindex="0">
            <table class="figures-table">
                <caption class="visually-hidden">{t.key_figures}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.fig_year}</th>
                        <th scope="col" class="num">{t.fig_salaries}</th>
                        <th scope="col" class="num">{t.fig_insertion}</th>
                        <th scope="col" class="num">{t.fig_volunteers}</th>
                        <th scope="col" class="num">{t.fig_accompanied}</th>
                        <th scope="col" class="num">{t.fig_positive_exits}</th>
                        <th scope="col" class="num">{t.fig_turnover}</th>
                        <th scope="col" class="num">{t.fig_contracts}</th>
                        <th scope="col">{t.fig_source}</th>
                    </tr>
                </thead>
                <tbody>
                    {chiffres.into_iter().map(|c| view! {
                        <tr>
                            <th scope="row">{c.annee}</th>
                            <td class="num">{cell(c.salaries)}</td>
                            <td class="num">{cell(c.salaries_insertion)}</td>
                            <td class="num">{cell(c.benevoles)}</td>
                            <td class="num">{cell(c.personnes_accompagnees)}</td>
                            <td class="num">{cell(c.sorties_positives)}</td>
                            <td class="num">{c.chiffre_affaires_euros.map(|v| format!("{} €", t.locale.int(v))).unwrap_or_else(|| "—".into())}</td>
                            <td class="num">{cell(c.marches_publics)}</td>
                            <td>{c.source}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
