//! Partners of the Régies (social landlords, local authorities, employment bodies, …) and the
//! relations between them, as the pages show them.

#[cfg(feature = "import")]
pub mod import;

use serde::{Deserialize, Serialize};

use crate::text::fold;

/// Reads a kind as people write it: its code ("bailleur_social") or its label, any case or accents.
fn parse_kind<K: Copy>(all: &[K], code: fn(K) -> &'static str, label: fn(K) -> &'static str, raw: &str) -> Option<K> {
    let wanted = fold(raw);
    all.iter().copied().find(|k| fold(code(*k)) == wanted || fold(label(*k)) == wanted || fold(&code(*k).replace('_', " ")) == wanted)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PartnerKind {
    BailleurSocial,
    Collectivite,
    Epci,
    Etat,
    Plie,
    MaisonEmploi,
    MissionLocale,
    CentreSocial,
    Entreprise,
    Association,
    Fondation,
}

impl PartnerKind {
    pub const ALL: [Self; 11] = [
        Self::BailleurSocial,
        Self::Collectivite,
        Self::Epci,
        Self::Etat,
        Self::Plie,
        Self::MaisonEmploi,
        Self::MissionLocale,
        Self::CentreSocial,
        Self::Entreprise,
        Self::Association,
        Self::Fondation,
    ];

    /// Code stored in the database (see the CHECK constraint of `partenaires.nature`).
    pub fn code(self) -> &'static str {
        match self {
            Self::BailleurSocial => "bailleur_social",
            Self::Collectivite => "collectivite",
            Self::Epci => "epci",
            Self::Etat => "etat",
            Self::Plie => "plie",
            Self::MaisonEmploi => "maison_emploi",
            Self::MissionLocale => "mission_locale",
            Self::CentreSocial => "centre_social",
            Self::Entreprise => "entreprise",
            Self::Association => "association",
            Self::Fondation => "fondation",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }

    /// Code or label, as typed in a spreadsheet ("Bailleur social", "mission_locale", "PLIE").
    pub fn parse(raw: &str) -> Option<Self> {
        parse_kind(&Self::ALL, Self::code, Self::label_fr, raw)
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Self::BailleurSocial => "bailleur social",
            Self::Collectivite => "collectivité",
            Self::Epci => "intercommunalité (EPCI)",
            Self::Etat => "État / préfecture",
            Self::Plie => "PLIE",
            Self::MaisonEmploi => "Maison de l'Emploi",
            Self::MissionLocale => "Mission locale",
            Self::CentreSocial => "centre social",
            Self::Entreprise => "entreprise",
            Self::Association => "association",
            Self::Fondation => "fondation",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Self::BailleurSocial => "social landlord",
            Self::Collectivite => "local authority",
            Self::Epci => "intercommunality (EPCI)",
            Self::Etat => "State / prefecture",
            Self::Plie => "PLIE (local employment plan)",
            Self::MaisonEmploi => "Maison de l'Emploi (employment centre)",
            Self::MissionLocale => "Mission locale (youth employment)",
            Self::CentreSocial => "community centre",
            Self::Entreprise => "company",
            Self::Association => "association",
            Self::Fondation => "foundation",
        }
    }

    pub fn label(self, locale: crate::locale::Locale) -> &'static str {
        match locale {
            crate::locale::Locale::Fr => self.label_fr(),
            crate::locale::Locale::En => self.label_en(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RelationKind {
    DonneurOrdre,
    Gouvernance,
    Financeur,
    EmploiInsertion,
    Social,
}

impl RelationKind {
    pub const ALL: [Self; 5] = [Self::DonneurOrdre, Self::Gouvernance, Self::Financeur, Self::EmploiInsertion, Self::Social];

    pub fn code(self) -> &'static str {
        match self {
            Self::DonneurOrdre => "donneur_ordre",
            Self::Gouvernance => "gouvernance",
            Self::Financeur => "financeur",
            Self::EmploiInsertion => "emploi_insertion",
            Self::Social => "social",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }

    pub fn parse(raw: &str) -> Option<Self> {
        parse_kind(&Self::ALL, Self::code, Self::label_fr, raw)
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Self::DonneurOrdre => "donneur d'ordre",
            Self::Gouvernance => "membre de la gouvernance",
            Self::Financeur => "financeur",
            Self::EmploiInsertion => "partenaire emploi-insertion",
            Self::Social => "partenaire social",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Self::DonneurOrdre => "client",
            Self::Gouvernance => "board member",
            Self::Financeur => "funder",
            Self::EmploiInsertion => "employment and integration partner",
            Self::Social => "social partner",
        }
    }

    pub fn label(self, locale: crate::locale::Locale) -> &'static str {
        match locale {
            crate::locale::Locale::Fr => self.label_fr(),
            crate::locale::Locale::En => self.label_en(),
        }
    }
}

/// The three colleges of a Régie's governance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum College {
    Habitants,
    Elus,
    BailleursPartenaires,
}

impl College {
    pub const ALL: [Self; 3] = [Self::Habitants, Self::Elus, Self::BailleursPartenaires];

    pub fn code(self) -> &'static str {
        match self {
            Self::Habitants => "habitants",
            Self::Elus => "elus",
            Self::BailleursPartenaires => "bailleurs_partenaires",
        }
    }

    /// "habitants", "Collège des élus", "bailleurs et partenaires", …
    pub fn parse(raw: &str) -> Option<Self> {
        let folded = fold(raw);
        match folded.strip_prefix("college des ").unwrap_or(&folded) {
            "habitants" => Some(Self::Habitants),
            "elus" => Some(Self::Elus),
            "bailleurs et partenaires" | "bailleurs partenaires" | "bailleurs" => Some(Self::BailleursPartenaires),
            _ => None,
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        match s {
            "habitants" => Some(Self::Habitants),
            "elus" => Some(Self::Elus),
            "bailleurs_partenaires" => Some(Self::BailleursPartenaires),
            _ => None,
        }
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Habitants => "collège des habitants",
            Self::Elus => "collège des élus",
            Self::BailleursPartenaires => "collège des bailleurs et partenaires",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Self::Habitants => "residents' college",
            Self::Elus => "elected officials' college",
            Self::BailleursPartenaires => "landlords' and partners' college",
        }
    }

    pub fn label(self, locale: crate::locale::Locale) -> &'static str {
        match locale {
            crate::locale::Locale::Fr => self.label_fr(),
            crate::locale::Locale::En => self.label_en(),
        }
    }
}

/// How a public contract or convention was awarded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Procedure {
    MarchePublic,
    Convention,
    BonDeCommande,
}

impl Procedure {
    pub const ALL: [Self; 3] = [Self::MarchePublic, Self::Convention, Self::BonDeCommande];

    pub fn code(self) -> &'static str {
        match self {
            Self::MarchePublic => "marche_public",
            Self::Convention => "convention",
            Self::BonDeCommande => "bon_de_commande",
        }
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Self::MarchePublic => "marché public",
            Self::Convention => "convention",
            Self::BonDeCommande => "bon de commande",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Self::MarchePublic => "public contract",
            Self::Convention => "agreement",
            Self::BonDeCommande => "purchase order",
        }
    }

    pub fn label(self, locale: crate::locale::Locale) -> &'static str {
        match locale {
            crate::locale::Locale::Fr => self.label_fr(),
            crate::locale::Locale::En => self.label_en(),
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }

    pub fn parse(raw: &str) -> Option<Self> {
        parse_kind(&Self::ALL, Self::code, Self::label_fr, raw)
    }
}

/// One partner of a Régie, with the nature of their relation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegiePartner {
    pub id: i64,
    pub nom: String,
    pub nature: PartnerKind,
    pub relation: RelationKind,
    pub college: Option<College>,
    pub depuis: Option<String>,
    pub jusqu_a: Option<String>,
    /// Demonstration data, labelled as such wherever it is shown.
    pub demo: bool,
}

/// A line of the national list of partners.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerSummary {
    pub id: i64,
    pub nom: String,
    pub nature: PartnerKind,
    pub territoire: Option<String>,
    pub regies: i64,
    pub contrats: i64,
    pub montant_euros: i64,
    pub demo: bool,
}

/// A Régie a partner works with, and how.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerRegie {
    pub slug: String,
    pub nom: String,
    pub commune: String,
    pub departement: String,
    pub relation: RelationKind,
    pub college: Option<College>,
    pub depuis: Option<String>,
    pub jusqu_a: Option<String>,
    pub lat: f64,
    pub lon: f64,
}

/// A contract or convention under a relation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    pub regie_slug: String,
    pub regie: String,
    pub objet: String,
    pub montant_euros: Option<i64>,
    pub debut: Option<String>,
    pub fin: Option<String>,
    pub procedure: Procedure,
    pub activite: Option<String>,
}

/// Everything the page of one partner shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerDetail {
    pub id: i64,
    pub nom: String,
    pub nature: PartnerKind,
    pub siren: Option<String>,
    pub territoire: Option<String>,
    pub site_web: Option<String>,
    pub demo: bool,
    pub regies: Vec<PartnerRegie>,
    pub contrats: Vec<Contract>,
    /// The Régies' départements and addresses, drawn on the server.
    pub figure: Option<crate::place::SvgFigure>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in PartnerKind::ALL {
            assert_eq!(PartnerKind::from_code(k.code()), Some(k));
        }
        for k in RelationKind::ALL {
            assert_eq!(RelationKind::from_code(k.code()), Some(k));
        }
        assert_eq!(PartnerKind::from_code("banque"), None);
    }
}
