//! "Where is a Régie missing?": the QPVs no Régie covers, sortable by the population of their
//! commune or by the distance to the nearest Régie, and their export for spreadsheet software.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum GapSort {
    /// Largest commune population first.
    #[default]
    Population,
    /// Farthest from any Régie first.
    Distance,
}

impl GapSort {
    pub fn code(self) -> &'static str {
        match self {
            Self::Population => "population",
            Self::Distance => "distance",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        match s {
            "population" => Some(Self::Population),
            "distance" => Some(Self::Distance),
            _ => None,
        }
    }
}

/// A QPV without any Régie.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QpvGap {
    pub code: String,
    pub nom: String,
    pub commune: String,
    pub commune_insee: String,
    pub departement: String,
    /// Legal population of the QPV's (first) commune: the QPV's own is not in the data.
    pub population_commune: Option<i64>,
    pub regie_proche: Option<String>,
    pub regie_proche_slug: Option<String>,
    pub distance_m: Option<u32>,
}

pub fn sort(gaps: &mut [QpvGap], by: GapSort) {
    match by {
        GapSort::Population => gaps.sort_by(|a, b| b.population_commune.cmp(&a.population_commune).then_with(|| a.code.cmp(&b.code))),
        GapSort::Distance => gaps.sort_by(|a, b| b.distance_m.cmp(&a.distance_m).then_with(|| a.code.cmp(&b.code))),
    }
}

/// The gaps for spreadsheet software (see `csv_fr`).
pub fn to_csv_fr(gaps: &[QpvGap]) -> String {
    use crate::csv_fr::{decimal, opt_int, CsvFr};
    let mut csv = CsvFr::new(&[
        "code_qp", "nom_qp", "commune", "code_insee", "departement", "population_commune", "regie_la_plus_proche", "distance_km",
    ]);
    for g in gaps {
        let km = g.distance_m.map(|m| decimal(f64::from(m) / 1000.0, 1)).unwrap_or_default();
        let population = opt_int(g.population_commune);
        csv.row([
            g.code.as_str(),
            &g.nom,
            &g.commune,
            &g.commune_insee,
            &g.departement,
            &population,
            g.regie_proche.as_deref().unwrap_or(""),
            &km,
        ]);
    }
    csv.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap(code: &str, pop: Option<i64>, d: Option<u32>) -> QpvGap {
        QpvGap {
            code: code.into(),
            nom: format!("Quartier \"{code}\"; nord"),
            commune: "Évry".into(),
            commune_insee: "91228".into(),
            departement: "91".into(),
            population_commune: pop,
            regie_proche: Some("Régie X".into()),
            regie_proche_slug: Some("regie-x".into()),
            distance_m: d,
        }
    }

    #[test]
    fn sorts_by_population_or_distance() {
        let mut g = vec![gap("A", Some(10), Some(5_000)), gap("B", Some(500), Some(100)), gap("C", None, Some(90_000))];
        sort(&mut g, GapSort::Population);
        assert_eq!(g.iter().map(|g| g.code.as_str()).collect::<Vec<_>>(), ["B", "A", "C"]);
        sort(&mut g, GapSort::Distance);
        assert_eq!(g.iter().map(|g| g.code.as_str()).collect::<Vec<_>>(), ["C", "A", "B"]);
    }

    #[test]
    fn csv_is_what_french_spreadsheets_expect() {
        let csv = to_csv_fr(&[gap("QN09122M", Some(67_967), Some(12_345))]);
        assert!(csv.starts_with('\u{feff}'));
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[1], "QN09122M;\"Quartier \"\"QN09122M\"\"; nord\";Évry;91228;91;67967;Régie X;12,3");
        assert_eq!(lines[2], "", "ends with CRLF");
    }
}
