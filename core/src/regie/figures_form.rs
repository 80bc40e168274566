//! A Régie's yearly key figures as its team types them in `/gestion/<slug>/chiffres`: one year
//! at a time, every figure optional, the document they come from required, each refusal named
//! next to its input.

use super::profile::Problem;
use super::ChiffresCles;
use crate::locale::Locale;
use crate::territoire::report::KeyFigure;

pub const SOURCE_MAX_CHARS: usize = 200;
/// The first year a Régie could report (the network was founded in 1988; earlier activity
/// reports are rare but exist).
pub const FIRST_YEAR: i64 = 1980;
/// Above this a figure is a typing slip (a turnover of a thousand billion euros).
const MAX_FIGURE: i64 = 1_000_000_000_000;

/// One year's form as typed: the year, each figure in `KeyFigure::ALL` order, the source.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FiguresForm {
    pub annee: String,
    pub values: Vec<String>,
    pub source: String,
}

impl FiguresForm {
    /// The year's figures, or every problem at once. `this_year`: the latest year one may report.
    pub fn validate(&self, this_year: i64) -> Result<ChiffresCles, Vec<Problem>> {
        let mut problems = Vec::new();
        let annee = self.annee.trim().parse::<i64>().ok().filter(|y| (FIRST_YEAR..=this_year).contains(y));
        if annee.is_none() {
            problems.push(Problem::FigureYear);
        }
        let mut figures = ChiffresCles::default();
        let mut bad = false;
        for (i, figure) in KeyFigure::ALL.into_iter().enumerate() {
            let raw = self.values.get(i).map(String::as_str).unwrap_or("");
            match count(raw) {
                Ok(value) => figure.set(&mut figures, value),
                Err(()) => bad = true,
            }
        }
        if bad {
            problems.push(Problem::FigureNumber);
        } else if KeyFigure::ALL.iter().all(|f| f.of(&figures).is_none()) {
            problems.push(Problem::FiguresEmpty);
        }
        let source = self.source.split_whitespace().collect::<Vec<_>>().join(" ");
        if source.is_empty() {
            problems.push(Problem::FigureSourceMissing);
        } else if source.chars().count() > SOURCE_MAX_CHARS {
            problems.push(Problem::FigureSourceLength);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        figures.annee = annee.unwrap_or_default();
        figures.source = Some(source);
        Ok(figures)
    }
}

/// A whole number from 0 up as people type it (« 1 250 000 », « 1.250.000 », "1,250,000",
/// « 12 € »); empty is unknown (`None`); anything else, a decimal (« 12,5 ») or a negative
/// number is refused.
pub fn count(raw: &str) -> Result<Option<i64>, ()> {
    let raw = raw.trim().trim_end_matches('€');
    // A comma groups thousands only before exactly three digits; otherwise it is a decimal one.
    let groups: Vec<&str> = raw.split(',').collect();
    if groups.len() > 1 && groups[1..].iter().any(|g| g.trim().len() != 3) {
        return Err(());
    }
    let kept: String = raw.chars().filter(|c| !c.is_whitespace() && !matches!(c, '.' | ',' | '\u{a0}' | '\u{202f}')).collect();
    if kept.is_empty() {
        return Ok(None);
    }
    if !kept.chars().all(|c| c.is_ascii_digit()) || kept.len() > 13 {
        return Err(());
    }
    kept.parse::<i64>().ok().filter(|n| *n <= MAX_FIGURE).map(Some).ok_or(())
}

/// The year's figures in one line, as the history shows them (« 2024 : Salariés 12, … (source : …) »).
pub fn shown(c: &ChiffresCles, locale: Locale) -> String {
    let figures: Vec<String> = KeyFigure::ALL.iter().filter_map(|f| f.of(c).map(|v| format!("{} {}", f.label(locale), locale.int(v)))).collect();
    let source = c.source.as_deref().map(|s| format!(" (source : {s})")).unwrap_or_default();
    format!("{} : {}{source}", c.annee, figures.join(", "))
}

/// `years` with `year` put in its place (the same year replaced), the oldest first.
pub fn with_year(years: &[ChiffresCles], year: ChiffresCles) -> Vec<ChiffresCles> {
    let mut out: Vec<ChiffresCles> = years.iter().filter(|c| c.annee != year.annee).cloned().collect();
    out.push(year);
    out.sort_by_key(|c| c.annee);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(annee: &str, values: &[&str], source: &str) -> FiguresForm {
        FiguresForm { annee: annee.into(), values: values.iter().map(|v| v.to_string()).collect(), source: source.into() }
    }

    #[test]
    fn a_year_is_read_as_people_type_it() {
        let c = form("2024", &["12", " 30 ", "", "1 250", "", "1 250 000 €", "4"], "  rapport   d'activité 2024 ").validate(2026).unwrap();
        assert_eq!(c.annee, 2024);
        assert_eq!((c.salaries, c.salaries_insertion, c.benevoles, c.personnes_accompagnees), (Some(12), Some(30), None, Some(1250)));
        assert_eq!((c.chiffre_affaires_euros, c.marches_publics), (Some(1_250_000), Some(4)));
        assert_eq!(c.source.as_deref(), Some("rapport d'activité 2024"));
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let problems = form("2031", &["12,5"], "").validate(2026).unwrap_err();
        assert_eq!(problems, vec![Problem::FigureYear, Problem::FigureNumber, Problem::FigureSourceMissing]);
        assert_eq!(form("1979", &["-3"], "x").validate(2026).unwrap_err(), vec![Problem::FigureYear, Problem::FigureNumber]);
        assert_eq!(form("2020", &[], "bilan").validate(2026).unwrap_err(), vec![Problem::FiguresEmpty]);
        assert_eq!(form("2020", &["1"], &"x".repeat(201)).validate(2026).unwrap_err(), vec![Problem::FigureSourceLength]);
        assert_eq!(form("2020", &["99999999999999"], "bilan").validate(2026).unwrap_err(), vec![Problem::FigureNumber]);
        assert_eq!(form("2020", &["douze"], "bilan").validate(2026).unwrap_err(), vec![Problem::FigureNumber]);
    }

    #[test]
    fn thousands_are_grouped_but_decimals_refused() {
        assert_eq!(count("1,250,000"), Ok(Some(1_250_000)));
        assert_eq!(count("1.250.000"), Ok(Some(1_250_000)));
        assert_eq!(count("1\u{202f}250"), Ok(Some(1250)));
        assert_eq!(count("  "), Ok(None));
        assert_eq!(count("12,5"), Err(()));
        assert_eq!(count("+3"), Err(()));
    }

    #[test]
    fn a_year_replaces_the_same_year_and_keeps_the_order() {
        let year = |annee, salaries| ChiffresCles { annee, salaries: Some(salaries), ..Default::default() };
        let years = with_year(&[year(2022, 1), year(2024, 2)], year(2023, 3));
        assert_eq!(years.iter().map(|c| c.annee).collect::<Vec<_>>(), vec![2022, 2023, 2024]);
        let years = with_year(&years, year(2024, 9));
        assert_eq!(years.len(), 3);
        assert_eq!(years[2].salaries, Some(9));
    }

    #[test]
    fn the_history_reads_a_year_in_words() {
        let c = ChiffresCles { annee: 2024, salaries: Some(1200), marches_publics: Some(3), source: Some("bilan".into()), ..Default::default() };
        assert_eq!(shown(&c, Locale::Fr), "2024 : Salariés 1\u{202f}200, Marchés publics 3 (source : bilan)");
    }
}
