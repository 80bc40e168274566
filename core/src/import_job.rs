//! An import from the network's pages (`/reseau/imports`): what kind of file, and where it
//! stands. A file is checked first (a dry run whose report is kept), then imported when the
//! network confirms; the import writes everything or nothing.

use crate::locale::Locale::{self, En, Fr};

/// The files the network may import from its pages (official reference files stay on the
/// command line: they are the operator's, and large).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    Regies,
    Partenariats,
}

impl ImportKind {
    pub const ALL: [ImportKind; 2] = [ImportKind::Regies, ImportKind::Partenariats];

    pub fn code(self) -> &'static str {
        match self {
            Self::Regies => "regies",
            Self::Partenariats => "partenariats",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Self::Regies, Fr) => "Régies (fiches)",
            (Self::Regies, En) => "Régies (entries)",
            (Self::Partenariats, Fr) => "Partenariats (partenaires, relations, marchés)",
            (Self::Partenariats, En) => "Partnerships (partners, relations, contracts)",
        }
    }
}

/// Where an import stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportStatus {
    /// Checked: its report says what the import would do; it waits for the network's word.
    Checked,
    /// Being written by one instance.
    Running,
    Imported,
    /// Rows were rejected: nothing was written.
    Refused,
    /// The instance writing it stopped (restart, crash): its transaction never committed,
    /// nothing was written, and it may be run again.
    Interrupted,
    /// The database refused it: nothing was written.
    Failed,
    Abandoned,
}

impl ImportStatus {
    pub const ALL: [ImportStatus; 7] = [Self::Checked, Self::Running, Self::Imported, Self::Refused, Self::Interrupted, Self::Failed, Self::Abandoned];

    pub fn code(self) -> &'static str {
        match self {
            Self::Checked => "analyse",
            Self::Running => "en_cours",
            Self::Imported => "importe",
            Self::Refused => "refuse",
            Self::Interrupted => "interrompu",
            Self::Failed => "echec",
            Self::Abandoned => "abandonne",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The network may start (or start again) the import: a checked file without rejected rows,
    /// or one whose import was interrupted.
    pub fn may_start(self) -> bool {
        matches!(self, Self::Checked | Self::Interrupted)
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Self::Checked, Fr) => "vérifié, en attente de confirmation",
            (Self::Checked, En) => "checked, waiting for confirmation",
            (Self::Running, Fr) => "import en cours",
            (Self::Running, En) => "importing",
            (Self::Imported, Fr) => "importé",
            (Self::Imported, En) => "imported",
            (Self::Refused, Fr) => "refusé : rien n'a été écrit",
            (Self::Refused, En) => "refused: nothing was written",
            (Self::Interrupted, Fr) => "interrompu : rien n'a été écrit",
            (Self::Interrupted, En) => "interrupted: nothing was written",
            (Self::Failed, Fr) => "échec : rien n'a été écrit",
            (Self::Failed, En) => "failed: nothing was written",
            (Self::Abandoned, Fr) => "abandonné",
            (Self::Abandoned, En) => "abandoned",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_only_checked_or_interrupted_files_start() {
        for s in ImportStatus::ALL {
            assert_eq!(ImportStatus::parse(s.code()), Some(s));
            assert_ne!(s.label(Fr), s.label(En));
        }
        for k in ImportKind::ALL {
            assert_eq!(ImportKind::parse(k.code()), Some(k));
        }
        assert_eq!(ImportKind::parse("qpv"), None);
        let startable: Vec<_> = ImportStatus::ALL.into_iter().filter(|s| s.may_start()).collect();
        assert_eq!(startable, [ImportStatus::Checked, ImportStatus::Interrupted]);
    }
}
