//! The kinds of change the network's audit log (`/reseau/journal`) lists: every version of a
//! Régie's public profile, and the network's answers to requests to keep a Régie's page.

use crate::locale::Locale::{self, En, Fr};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditKind {
    /// Its team (or the network) saved the profile form.
    Profile,
    /// An earlier version was brought back.
    Restore,
    /// The network verified it.
    Verification,
    /// A file imported by the network changed it.
    Import,
    ClaimAccepted,
    ClaimRefused,
}

impl AuditKind {
    pub const ALL: [AuditKind; 6] = [Self::Profile, Self::Restore, Self::Verification, Self::Import, Self::ClaimAccepted, Self::ClaimRefused];

    pub fn code(self) -> &'static str {
        match self {
            Self::Profile => "profil",
            Self::Restore => "restauration",
            Self::Verification => "verification",
            Self::Import => "import",
            Self::ClaimAccepted => "demande-acceptee",
            Self::ClaimRefused => "demande-refusee",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind of a stored version (`regie_versions.kind`; `origine` is no change).
    pub fn of_version(kind: &str) -> Option<Self> {
        match kind {
            "profil" => Some(Self::Profile),
            "restauration" => Some(Self::Restore),
            "verification" => Some(Self::Verification),
            "import" => Some(Self::Import),
            _ => None,
        }
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Self::Profile, Fr) => "fiche modifiée",
            (Self::Profile, En) => "entry edited",
            (Self::Restore, Fr) => "version restaurée",
            (Self::Restore, En) => "version restored",
            (Self::Verification, Fr) => "vérifiée par le réseau",
            (Self::Verification, En) => "verified by the network",
            (Self::Import, Fr) => "import d'un fichier",
            (Self::Import, En) => "file import",
            (Self::ClaimAccepted, Fr) => "demande de gestion acceptée",
            (Self::ClaimAccepted, En) => "request to keep the entry accepted",
            (Self::ClaimRefused, Fr) => "demande de gestion refusée",
            (Self::ClaimRefused, En) => "request to keep the entry refused",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_every_stored_kind_but_the_origin_is_a_change() {
        for k in AuditKind::ALL {
            assert_eq!(AuditKind::parse(k.code()), Some(k));
            assert_ne!(k.label(Fr), k.label(En));
        }
        for stored in ["profil", "restauration", "verification", "import"] {
            assert_eq!(AuditKind::of_version(stored).map(AuditKind::code), Some(stored));
        }
        assert_eq!(AuditKind::of_version("origine"), None);
    }
}
