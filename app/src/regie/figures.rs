//! A Régie's key figures by year, made into markup on the server (see `presentation`): a small
//! bar chart (SVG) and the full table, which is the chart's text alternative.

use atlas_core::regie::ChiffresCles;

use super::presentation::{attribute, text};
use crate::i18n::Texts;

/// The section's heading, then the chart and the table, or the sentence saying there are none.
pub fn key_figures(t: &Texts, chiffres: &[ChiffresCles]) -> String {
    let mut out = format!("<section aria-labelledby=\"chiffres-cles\"><h2 id=\"chiffres-cles\">{}</h2>", text(t.key_figures));
    if chiffres.is_empty() {
        out.push_str(&format!("<p>{}</p>", text(t.no_key_figures)));
        out.push_str("</section>");
        return out;
    }
    out.push_str(&chart(t, chiffres));
    out.push_str(&table(t, chiffres));
    out.push_str("</section>");
    out
}

/// Bars: employees and, inside, employees in insertion jobs, per year.
fn chart(t: &Texts, chiffres: &[ChiffresCles]) -> String {
    let max = chiffres.iter().filter_map(|c| c.salaries.or(c.salaries_insertion)).max().unwrap_or(0).max(1) as f64;
    let (w, h, top, bottom) = (320.0, 170.0, 18.0, 22.0);
    let slot = w / chiffres.len() as f64;
    let bar = (slot * 0.3).min(28.0);
    let base = h - bottom;
    let scale = |v: i64| (v as f64 / max) * (h - top - bottom);
    let bar_with_value = |class: &str, left: f64, value_x: f64, v: i64| {
        let bh = scale(v);
        format!(
            "<rect class=\"{class}\" x=\"{left:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{bh:.1}\"></rect>\
             <text class=\"bar-value\" x=\"{value_x:.1}\" y=\"{:.1}\">{}</text>",
            base - bh,
            base - bh - 4.0,
            text(&t.locale.int(v))
        )
    };
    let mut out = format!(
        "<figure class=\"key-figures\"><svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"chiffres-titre\" class=\"chart\">\
         <title id=\"chiffres-titre\">{}</title><line x1=\"0\" x2=\"{w}\" y1=\"{base}\" y2=\"{base}\" class=\"axis\"></line>",
        text(t.chart_title)
    );
    for (i, c) in chiffres.iter().enumerate() {
        let x = slot * i as f64 + slot / 2.0;
        out.push_str("<g class=\"year\">");
        if let Some(v) = c.salaries {
            out.push_str(&bar_with_value("bar-total", x - bar, x - bar / 2.0, v));
        }
        if let Some(v) = c.salaries_insertion {
            out.push_str(&bar_with_value("bar-insertion", x, x + bar / 2.0, v));
        }
        out.push_str(&format!("<text class=\"bar-year\" x=\"{x:.1}\" y=\"{:.1}\">{}</text></g>", h - 6.0, c.annee));
    }
    out.push_str(&format!(
        "</svg><figcaption><span class=\"swatch bar-total\"></span>{} <span class=\"swatch bar-insertion\"></span>{}</figcaption></figure>",
        text(t.fig_salaries),
        text(t.fig_insertion)
    ));
    out
}

/// Every figure of every year; an unknown one is a dash.
fn table(t: &Texts, chiffres: &[ChiffresCles]) -> String {
    let cell = |v: Option<i64>| v.map(|n| t.locale.int(n)).unwrap_or_else(|| "—".into());
    let label = attribute(t.key_figures);
    let mut out = format!(
        "<div class=\"table-scroll\" role=\"region\" aria-label=\"{label}\" tabindex=\"0\"><table class=\"figures-table\">\
         <caption class=\"visually-hidden\">{}</caption><thead><tr><th scope=\"col\">{}</th>",
        text(t.key_figures),
        text(t.fig_year)
    );
    for heading in [t.fig_salaries, t.fig_insertion, t.fig_volunteers, t.fig_accompanied, t.fig_positive_exits, t.fig_turnover, t.fig_contracts] {
        out.push_str(&format!("<th scope=\"col\" class=\"num\">{}</th>", text(heading)));
    }
    out.push_str(&format!("<th scope=\"col\">{}</th></tr></thead><tbody>", text(t.fig_source)));
    for c in chiffres {
        let turnover = c.chiffre_affaires_euros.map(|v| format!("{} €", t.locale.int(v))).unwrap_or_else(|| "—".into());
        out.push_str(&format!("<tr><th scope=\"row\">{}</th>", c.annee));
        for value in [
            cell(c.salaries),
            cell(c.salaries_insertion),
            cell(c.benevoles),
            cell(c.personnes_accompagnees),
            cell(c.sorties_positives),
            turnover,
            cell(c.marches_publics),
        ] {
            out.push_str(&format!("<td class=\"num\">{}</td>", text(&value)));
        }
        out.push_str(&format!("<td>{}</td></tr>", text(c.source.as_deref().unwrap_or_default())));
    }
    out.push_str("</tbody></table></div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{texts, Locale};

    #[test]
    fn each_year_is_a_row_and_a_group_of_bars_and_the_team_source_is_text() {
        let years = [
            ChiffresCles { annee: 2024, salaries: Some(1200), salaries_insertion: Some(900), source: Some("<b>rapport</b>".into()), ..Default::default() },
            ChiffresCles { annee: 2025, salaries_insertion: Some(40), chiffre_affaires_euros: Some(2_500_000), ..Default::default() },
        ];
        let fr = key_figures(texts(Locale::Fr), &years);
        assert!(fr.starts_with("<section aria-labelledby=\"chiffres-cles\"><h2 id=\"chiffres-cles\">Chiffres clés</h2><figure class=\"key-figures\">"), "{fr}");
        assert!(fr.ends_with("</tbody></table></div></section>"), "{fr}");
        assert_eq!(fr.matches("<g class=\"year\">").count(), 2);
        // 2024 has both bars, 2025 only the insertion one; the tallest bar fills the chart's height.
        assert_eq!(fr.matches("<rect class=\"bar-total\"").count(), 1);
        assert_eq!(fr.matches("<rect class=\"bar-insertion\"").count(), 2);
        assert!(fr.contains("height=\"130.0\""), "{fr}");
        assert!(fr.contains(">1\u{202f}200</text>"), "{fr}");
        assert!(fr.contains("<tr><th scope=\"row\">2025</th><td class=\"num\">—</td><td class=\"num\">40</td>"), "{fr}");
        assert!(fr.contains("<td class=\"num\">2\u{202f}500\u{202f}000 €</td>"), "{fr}");
        assert!(fr.contains("<td>&lt;b&gt;rapport&lt;/b&gt;</td>"), "{fr}");
        assert_eq!(fr.matches("<tr>").count(), 3, "the heading row and one per year");
        let en = key_figures(texts(Locale::En), &years[..1]);
        assert!(en.contains(">1,200</text>") && en.contains("Key figures"), "{en}");
        assert_eq!(
            key_figures(texts(Locale::Fr), &[]),
            format!(
                "<section aria-labelledby=\"chiffres-cles\"><h2 id=\"chiffres-cles\">Chiffres clés</h2><p>{}</p></section>",
                texts(Locale::Fr).no_key_figures
            )
        );
    }
}
