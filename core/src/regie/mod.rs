//! A Régie de Quartier or de Territoire: what the directory and its pages show.

pub mod audit;
pub mod creation;
pub mod directory;
pub mod figures_form;
pub mod news;
pub mod partners_form;
pub mod profile;
pub mod profile_problem;
#[cfg(feature = "import")]
pub mod import;

use serde::{Deserialize, Serialize};

use crate::activite::Activite;
use crate::coverage::CoverageStatus;

/// Whether a Régie's membership of the network has been checked by a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verification {
    /// Found in a public file by name only; membership not checked.
    AVerifier,
    /// Checked against the network's own list.
    Verifiee,
}

impl Verification {
    pub fn code(self) -> &'static str {
        match self {
            Self::AVerifier => "a_verifier",
            Self::Verifiee => "verifiee",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "a_verifier" => Some(Self::AVerifier),
            "verifiee" => Some(Self::Verifiee),
            _ => None,
        }
    }
}

/// One line of the directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegieSummary {
    pub slug: String,
    pub nom: String,
    pub commune: String,
    pub code_postal: String,
    /// Département code.
    pub departement: String,
    pub departement_nom: String,
    /// Région code.
    pub region: String,
    pub verification: Verification,
    pub nb_qpv: i64,
    pub activites: Vec<Activite>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QpvCovered {
    pub code: String,
    pub nom: String,
    pub statut: CoverageStatus,
}

/// Yearly key figures a Régie reports; each may be unknown.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChiffresCles {
    pub annee: i64,
    pub salaries: Option<i64>,
    pub salaries_insertion: Option<i64>,
    pub benevoles: Option<i64>,
    pub personnes_accompagnees: Option<i64>,
    pub sorties_positives: Option<i64>,
    pub chiffre_affaires_euros: Option<i64>,
    pub marches_publics: Option<i64>,
    /// Where the year's figures come from (« rapport d'activité 2024 »), as its team wrote it.
    #[serde(default)]
    pub source: Option<String>,
}

/// Everything the page of one Régie shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegieDetail {
    pub slug: String,
    pub nom: String,
    pub siret: Option<String>,
    pub adresse: Option<String>,
    pub code_postal: String,
    pub commune: String,
    pub commune_insee: String,
    pub departement: String,
    pub lat: f64,
    pub lon: f64,
    pub site_web: Option<String>,
    pub telephone: Option<String>,
    pub email: Option<String>,
    pub description: Option<String>,
    pub date_creation: Option<String>,
    pub date_adhesion: Option<String>,
    pub activites: Vec<Activite>,
    pub verification: Verification,
    /// Where the record comes from, shown to the reader; the page adds how fresh it is (when
    /// the network verified it, when it was last updated).
    pub source: Option<String>,
    pub qpvs: Vec<QpvCovered>,
    /// schema.org JSON-LD of the page, built on the server.
    pub json_ld: String,
    /// Its partners and key figures, for the server: the page gets them as markup
    /// (`partners_html`, `figures_html`), so the browser bundle needs neither shape.
    #[serde(skip)]
    pub partenaires: Vec<crate::partner::RegiePartner>,
    /// The commune, the QPVs it covers and the Régie's address, drawn on the server.
    pub figure: Option<crate::place::SvgFigure>,
    #[serde(skip)]
    pub chiffres: Vec<ChiffresCles>,
    /// Corrections reported by readers and not checked yet.
    pub corrections_en_attente: i64,
    /// Its answer clock in the participatory space, in the page's words (set by the page).
    #[serde(default)]
    pub answer_clock: Option<String>,
    /// Its logo or photo and its latest news posts as the page shows them, made on the server
    /// (set by the page: the browser bundle carries neither their views nor their data's shapes).
    #[serde(default)]
    pub news_html: Option<String>,
    #[serde(default)]
    pub logo_html: Option<String>,
    #[serde(default)]
    pub figures_html: Option<String>,
    #[serde(default)]
    pub partners_html: Option<String>,
}

/// A Régie's logo or photo as its page shows it: the thumbnail's address and size (the page
/// keeps its room before it loads), the full image's address. Each address names the image's
/// version, so a new one is never an old one from a cache.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegieLogo {
    pub thumb: String,
    pub full: String,
    pub width: u32,
    pub height: u32,
}
