//! What an import tells its user: counts, and each rejected line with its reason in French.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rejection {
    pub line: usize,
    pub reason: String,
}

#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportReport {
    pub what: String,
    pub read: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: Vec<Rejection>,
    /// True when nothing was written because of rejections (strict mode).
    pub rolled_back: bool,
}

impl ImportReport {
    pub fn new(what: &str) -> Self {
        Self { what: what.to_owned(), ..Self::default() }
    }

    pub fn reject(&mut self, line: usize, reason: impl Into<String>) {
        self.rejected.push(Rejection { line, reason: reason.into() });
    }

    pub fn changed(&self) -> bool {
        !self.rolled_back && (self.inserted > 0 || self.updated > 0)
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Import {} : {} lues, {} ajoutées, {} mises à jour, {} inchangées, {} rejetées.",
            self.what,
            self.read,
            self.inserted,
            self.updated,
            self.unchanged,
            self.rejected.len()
        )?;
        for r in &self.rejected {
            writeln!(f, "  ligne {} : {}", r.line, r.reason)?;
        }
        if self.rolled_back {
            writeln!(
                f,
                "Rien n'a été écrit : corrigez le fichier puis relancez, ou utilisez --skip-invalid pour importer les lignes valides."
            )?;
        } else if !self.changed() && self.rejected.is_empty() {
            writeln!(f, "Aucun changement : la base était déjà à jour.")?;
        }
        Ok(())
    }
}
