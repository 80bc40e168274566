//! How sure we are that a Régie works in a QPV.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CoverageStatus {
    /// Deduced: the QPV lies in the commune of the Régie's address.
    Estimee,
    /// Declared by the Régie's staff.
    Declaree,
    /// Confirmed by the network.
    Confirmee,
}

impl CoverageStatus {
    pub const ALL: [CoverageStatus; 3] = [Self::Confirmee, Self::Declaree, Self::Estimee];

    pub fn code(self) -> &'static str {
        match self {
            Self::Estimee => "estimee",
            Self::Declaree => "declaree",
            Self::Confirmee => "confirmee",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// In words, lower case (« déclarée »).
    pub fn label(self, locale: crate::locale::Locale) -> &'static str {
        use crate::locale::Locale::{En, Fr};
        match (self, locale) {
            (Self::Estimee, Fr) => "estimée",
            (Self::Estimee, En) => "estimated",
            (Self::Declaree, Fr) => "déclarée",
            (Self::Declaree, En) => "declared",
            (Self::Confirmee, Fr) => "confirmée",
            (Self::Confirmee, En) => "confirmed",
        }
    }
}
