//! The fixed vocabulary of what Régies do, shared by importers, forms and filters.

use serde::{Deserialize, Serialize};

use crate::text::fold;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Activite {
    EspacesVerts,
    Proprete,
    SecondOeuvre,
    Maraichage,
    Mediation,
    ServicesHabitants,
    DechetsReemploi,
    Mobilite,
    GestionUrbaine,
    Restauration,
}

impl Activite {
    pub const ALL: [Activite; 10] = [
        Self::EspacesVerts,
        Self::Proprete,
        Self::SecondOeuvre,
        Self::Maraichage,
        Self::Mediation,
        Self::ServicesHabitants,
        Self::DechetsReemploi,
        Self::Mobilite,
        Self::GestionUrbaine,
        Self::Restauration,
    ];

    /// Stable code stored in the database and used in URLs and files.
    pub fn code(self) -> &'static str {
        match self {
            Self::EspacesVerts => "espaces-verts",
            Self::Proprete => "proprete",
            Self::SecondOeuvre => "second-oeuvre",
            Self::Maraichage => "maraichage",
            Self::Mediation => "mediation",
            Self::ServicesHabitants => "services-habitants",
            Self::DechetsReemploi => "dechets-reemploi",
            Self::Mobilite => "mobilite",
            Self::GestionUrbaine => "gestion-urbaine",
            Self::Restauration => "restauration",
        }
    }

    /// French label as users read it.
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::EspacesVerts => "Espaces verts",
            Self::Proprete => "Propreté et nettoyage",
            Self::SecondOeuvre => "Second œuvre et bâtiment",
            Self::Maraichage => "Maraîchage et jardins",
            Self::Mediation => "Médiation et lien social",
            Self::ServicesHabitants => "Services aux habitants",
            Self::DechetsReemploi => "Gestion des déchets et réemploi",
            Self::Mobilite => "Mobilité",
            Self::GestionUrbaine => "Gestion urbaine de proximité",
            Self::Restauration => "Restauration et cuisine",
        }
    }

    pub fn label(self, locale: crate::locale::Locale) -> &'static str {
        match locale {
            crate::locale::Locale::Fr => self.label_fr(),
            crate::locale::Locale::En => self.label_en(),
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Self::EspacesVerts => "Green spaces",
            Self::Proprete => "Cleaning",
            Self::SecondOeuvre => "Building finishing work",
            Self::Maraichage => "Market gardening",
            Self::Mediation => "Mediation and social ties",
            Self::ServicesHabitants => "Services to residents",
            Self::DechetsReemploi => "Waste and reuse",
            Self::Mobilite => "Mobility",
            Self::GestionUrbaine => "Local urban management",
            Self::Restauration => "Catering",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Reads what a spreadsheet holds: the code, the French label, or a usual synonym.
    pub fn parse(raw: &str) -> Option<Self> {
        let f = fold(raw);
        if f.is_empty() {
            return None;
        }
        Self::ALL.into_iter().find(|a| {
            fold(a.code()) == f || fold(a.label_fr()) == f || a.synonyms().iter().any(|s| *s == f)
        })
    }

    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Self::EspacesVerts => &["espaces verts", "entretien des espaces verts", "jardinage"],
            Self::Proprete => &["proprete", "nettoyage", "entretien", "nettoyage des parties communes"],
            Self::SecondOeuvre => &["batiment", "second oeuvre", "peinture", "renovation"],
            Self::Maraichage => &["maraichage", "jardins", "jardins partages", "agriculture urbaine"],
            Self::Mediation => &["mediation", "lien social", "mediation sociale"],
            Self::ServicesHabitants => &["services aux habitants", "services", "conciergerie"],
            Self::DechetsReemploi => &["dechets", "reemploi", "recyclerie", "encombrants"],
            Self::Mobilite => &["mobilite", "garage solidaire", "transport"],
            Self::GestionUrbaine => &["gup", "gestion urbaine", "gestion urbaine de proximite"],
            Self::Restauration => &["restauration", "cuisine", "traiteur"],
        }
    }
}

/// Splits a cell such as "Espaces verts | propreté" into activities; unknown words are returned as errors.
pub fn parse_list(raw: &str) -> Result<Vec<Activite>, crate::line_problem::LineProblem> {
    let mut out = Vec::new();
    for part in raw.split(['|', ',', ';', '/']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        match Activite::parse(part) {
            Some(a) if !out.contains(&a) => out.push(a),
            Some(_) => {}
            None => return Err(crate::line_problem::LineProblem::ActivityUnknown { value: part.to_owned() }),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for a in Activite::ALL {
            assert_eq!(Activite::from_code(a.code()), Some(a));
            assert_eq!(Activite::parse(a.label_fr()), Some(a));
        }
    }

    #[test]
    fn list_accepts_labels_and_synonyms_and_names_unknown_words() {
        assert_eq!(
            parse_list("Espaces verts | NETTOYAGE, recyclerie").unwrap(),
            vec![Activite::EspacesVerts, Activite::Proprete, Activite::DechetsReemploi]
        );
        assert_eq!(parse_list("astronautique").unwrap_err().to_string(), "activité inconnue « astronautique »");
    }
}
