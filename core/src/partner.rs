//! Partners of the Régies (social landlords, local authorities, employment bodies, …) and the
//! relations between them, as the pages show them.

use serde::{Deserialize, Serialize};

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

    pub fn label_fr(self) -> &'static str {
        match self {
            Self::DonneurOrdre => "donneur d'ordre",
            Self::Gouvernance => "membre de la gouvernance",
            Self::Financeur => "financeur",
            Self::EmploiInsertion => "partenaire emploi-insertion",
            Self::Social => "partenaire social",
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
}

/// One partner of a Régie, with the nature of their relation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegiePartner {
    pub nom: String,
    pub nature: PartnerKind,
    pub relation: RelationKind,
    pub college: Option<College>,
    pub depuis: Option<String>,
    pub jusqu_a: Option<String>,
    /// Demonstration data, labelled as such wherever it is shown.
    pub demo: bool,
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
