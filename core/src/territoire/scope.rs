//! Which territory a page is about: its level and its code, and the address of its page.

use serde::{Deserialize, Serialize};

/// The level of a territory page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Niveau {
    France,
    Region,
    Departement,
    Epci,
    Commune,
}

impl Niveau {
    pub const ALL: [Self; 5] = [Self::France, Self::Region, Self::Departement, Self::Epci, Self::Commune];

    /// The path segment of its pages (`/territoires/departement/93`).
    pub fn code(self) -> &'static str {
        match self {
            Self::France => "france",
            Self::Region => "region",
            Self::Departement => "departement",
            Self::Epci => "epci",
            Self::Commune => "commune",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.code() == s)
    }

    /// The smaller territories a page breaks its coverage into (and colours on its map).
    pub fn breakdown(self) -> Option<Self> {
        match self {
            Self::France | Self::Region => Some(Self::Departement),
            Self::Departement => Some(Self::Epci),
            Self::Epci => Some(Self::Commune),
            Self::Commune => None,
        }
    }
}

/// Which territory: France has an empty code.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Scope {
    pub niveau: Niveau,
    pub code: String,
}

impl Scope {
    pub fn france() -> Self {
        Self { niveau: Niveau::France, code: String::new() }
    }

    /// Page address: `/territoires` for France, `/territoires/{niveau}/{code}` otherwise.
    pub fn href(&self) -> String {
        match self.niveau {
            Niveau::France => "/territoires".to_owned(),
            n => format!("/territoires/{}/{}", n.code(), self.code),
        }
    }

    /// Accepts what a URL may carry: a known level and a short code of letters and digits.
    pub fn parse(niveau: &str, code: &str) -> Option<Self> {
        let niveau = Niveau::from_code(niveau)?;
        let ok = match niveau {
            Niveau::France => code.is_empty(),
            _ => (1..=9).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric()),
        };
        ok.then(|| Self { niveau, code: code.to_ascii_uppercase() })
    }
}
