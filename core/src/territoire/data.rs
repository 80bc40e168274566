//! What a territory report is computed from: plain rows, as the server reads them from the
//! database.

use std::collections::HashMap;

use crate::coverage::CoverageStatus;
use crate::partner::PartnerKind;
use crate::regie::ChiffresCles;

#[derive(Clone, Debug, PartialEq)]
pub struct CommuneInfo {
    pub insee: String,
    pub nom: String,
    pub departement: String,
    pub region: String,
    pub epci: Option<String>,
    pub population: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct QpvInfo {
    pub code: String,
    pub nom: String,
    /// INSEE codes of its communes.
    pub communes: Vec<String>,
    pub population: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RegieInfo {
    pub id: i64,
    pub slug: String,
    pub nom: String,
    pub commune_insee: String,
    /// Its most recent reported year, if any.
    pub chiffres: Option<ChiffresCles>,
}

/// One relation of a Régie with a partner, with its contracts summed.
#[derive(Clone, Debug, PartialEq)]
pub struct PartnerLink {
    pub regie_id: i64,
    pub partenaire_id: i64,
    pub nom: String,
    pub nature: PartnerKind,
    pub demo: bool,
    pub contrats: i64,
    pub montant_euros: i64,
}

/// Everything a report is computed from.
#[derive(Clone, Debug, Default)]
pub struct TerritoryData {
    pub regions: HashMap<String, String>,
    /// code → (nom, région code)
    pub departements: HashMap<String, (String, String)>,
    pub epcis: HashMap<String, String>,
    /// Communes that have a QPV or a Régie, plus the commune asked for.
    pub communes: HashMap<String, CommuneInfo>,
    pub qpvs: Vec<QpvInfo>,
    pub regies: Vec<RegieInfo>,
    pub couvertures: Vec<(i64, String, CoverageStatus)>,
    pub partenaires: Vec<PartnerLink>,
}
