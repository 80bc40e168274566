//! Administrative territories (région, département, EPCI, commune) and national figures.

pub mod export;
mod data;
mod figures;
pub mod report;
mod scope;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Region {
    pub code: String,
    pub nom: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Departement {
    pub code: String,
    pub nom: String,
    pub region_code: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Epci {
    pub siren: String,
    pub nom: String,
    /// CC, CA, CU, ME (métropole), …
    pub nature: String,
}

/// A commune as imported: identity, legal population, postcodes and a simplified contour.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Commune {
    pub insee: String,
    pub nom: String,
    pub departement_code: String,
    pub epci_siren: Option<String>,
    pub population: Option<i64>,
    pub codes_postaux: Vec<String>,
    pub lon: f64,
    pub lat: f64,
    /// GeoJSON geometry (MultiPolygon), simplified for display.
    pub contour: Option<String>,
}

/// Everything the page of one commune shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommuneDetail {
    pub insee: String,
    pub nom: String,
    pub departement_code: String,
    pub departement: String,
    pub region: String,
    pub epci: Option<String>,
    pub population: Option<i64>,
    pub codes_postaux: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    /// QPVs of the commune, each with the best coverage status any Régie gives it.
    pub qpvs: Vec<(crate::qpv::QpvRef, Option<crate::coverage::CoverageStatus>)>,
    /// Régies based in the commune or working in one of its QPVs.
    pub regies: Vec<crate::qpv::RegieServing>,
    /// schema.org JSON-LD of the page, built on the server.
    pub json_ld: String,
    /// The commune and its QPVs, drawn on the server.
    pub figure: Option<crate::place::SvgFigure>,
}

/// The figures on the home page, computed from the database.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NationalFigures {
    pub regies: i64,
    pub regies_a_verifier: i64,
    pub qpv: i64,
    pub qpv_avec_regie: i64,
    pub communes_avec_qpv: i64,
    pub communes_concernees: i64,
}

/// A valid postcode has five digits.
pub fn is_postcode(s: &str) -> bool {
    s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Département of an INSEE commune code: "02691" → "02", "2A004" → "2A", "97411" → "974".
pub fn departement_of_insee(insee: &str) -> &str {
    if insee.starts_with("97") || insee.starts_with("98") {
        &insee[..3.min(insee.len())]
    } else {
        &insee[..2.min(insee.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcode_and_departement_rules() {
        assert!(is_postcode("02000"));
        assert!(!is_postcode("2000"));
        assert!(!is_postcode("2A000"));
        assert_eq!(departement_of_insee("2A004"), "2A");
        assert_eq!(departement_of_insee("97411"), "974");
        assert_eq!(departement_of_insee("75056"), "75");
    }
}
