//! The key figures Régies report each year, and their sums over a territory.

use serde::{Deserialize, Serialize};

use crate::regie::ChiffresCles;

/// The key figures a Régie reports each year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyFigure {
    Salaries,
    SalariesInsertion,
    Benevoles,
    PersonnesAccompagnees,
    SortiesPositives,
    ChiffreAffaires,
    MarchesPublics,
}

impl KeyFigure {
    pub const ALL: [Self; 7] = [
        Self::Salaries,
        Self::SalariesInsertion,
        Self::Benevoles,
        Self::PersonnesAccompagnees,
        Self::SortiesPositives,
        Self::ChiffreAffaires,
        Self::MarchesPublics,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Salaries => "salaries",
            Self::SalariesInsertion => "salaries_insertion",
            Self::Benevoles => "benevoles",
            Self::PersonnesAccompagnees => "personnes_accompagnees",
            Self::SortiesPositives => "sorties_positives",
            Self::ChiffreAffaires => "chiffre_affaires_euros",
            Self::MarchesPublics => "marches_publics",
        }
    }

    /// Its name, as the figures' form and the history say it.
    pub fn label(self, locale: crate::locale::Locale) -> &'static str {
        use crate::locale::Locale::{En, Fr};
        match (self, locale) {
            (Self::Salaries, Fr) => "Salariés",
            (Self::Salaries, En) => "Employees",
            (Self::SalariesInsertion, Fr) => "Salariés en insertion",
            (Self::SalariesInsertion, En) => "Employees in insertion jobs",
            (Self::Benevoles, Fr) => "Bénévoles",
            (Self::Benevoles, En) => "Volunteers",
            (Self::PersonnesAccompagnees, Fr) => "Personnes accompagnées",
            (Self::PersonnesAccompagnees, En) => "People supported",
            (Self::SortiesPositives, Fr) => "Sorties positives",
            (Self::SortiesPositives, En) => "Positive exits",
            (Self::ChiffreAffaires, Fr) => "Chiffre d'affaires (€)",
            (Self::ChiffreAffaires, En) => "Turnover (€)",
            (Self::MarchesPublics, Fr) => "Marchés publics",
            (Self::MarchesPublics, En) => "Public contracts",
        }
    }

    pub fn of(self, c: &ChiffresCles) -> Option<i64> {
        match self {
            Self::Salaries => c.salaries,
            Self::SalariesInsertion => c.salaries_insertion,
            Self::Benevoles => c.benevoles,
            Self::PersonnesAccompagnees => c.personnes_accompagnees,
            Self::SortiesPositives => c.sorties_positives,
            Self::ChiffreAffaires => c.chiffre_affaires_euros,
            Self::MarchesPublics => c.marches_publics,
        }
    }

    /// Sets this figure of `c`.
    pub fn set(self, c: &mut ChiffresCles, value: Option<i64>) {
        let slot = match self {
            Self::Salaries => &mut c.salaries,
            Self::SalariesInsertion => &mut c.salaries_insertion,
            Self::Benevoles => &mut c.benevoles,
            Self::PersonnesAccompagnees => &mut c.personnes_accompagnees,
            Self::SortiesPositives => &mut c.sorties_positives,
            Self::ChiffreAffaires => &mut c.chiffre_affaires_euros,
            Self::MarchesPublics => &mut c.marches_publics,
        };
        *slot = value;
    }
}

/// One key figure summed over the Régies that reported it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureSum {
    pub figure: KeyFigure,
    pub total: i64,
    /// How many of the territory's Régies reported it.
    pub regies: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummedFigures {
    pub sums: Vec<FigureSum>,
    /// Régies with at least one reported year.
    pub regies_declarantes: usize,
    /// Range of the (latest) years summed.
    pub annees: Option<(i64, i64)>,
}

pub(crate) fn sum_figures<'a>(years: impl Iterator<Item = &'a ChiffresCles>) -> SummedFigures {
    let mut sums: Vec<FigureSum> = KeyFigure::ALL.iter().map(|&figure| FigureSum { figure, total: 0, regies: 0 }).collect();
    let mut out = SummedFigures::default();
    for c in years {
        out.regies_declarantes += 1;
        out.annees = Some(match out.annees {
            None => (c.annee, c.annee),
            Some((a, b)) => (a.min(c.annee), b.max(c.annee)),
        });
        for s in &mut sums {
            if let Some(v) = s.figure.of(c) {
                s.total += v;
                s.regies += 1;
            }
        }
    }
    out.sums = sums;
    out
}
