//! What an import tells its user: counts, and each rejected line with its problem.

use std::fmt;

use crate::line_problem::LineProblem;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(from = "StoredRejection")]
pub struct Rejection {
    pub line: usize,
    pub problem: LineProblem,
}

/// A rejection as kept in the database: reports written before problems had codes kept their
/// French sentence as `reason`.
#[derive(serde::Deserialize)]
struct StoredRejection {
    line: usize,
    problem: Option<LineProblem>,
    reason: Option<String>,
}

impl From<StoredRejection> for Rejection {
    fn from(s: StoredRejection) -> Self {
        let problem = s.problem.unwrap_or_else(|| LineProblem::Recorded { text: s.reason.unwrap_or_default() });
        Self { line: s.line, problem }
    }
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

    pub fn reject(&mut self, line: usize, problem: LineProblem) {
        self.rejected.push(Rejection { line, problem });
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
            writeln!(f, "  ligne {} : {}", r.line, r.problem)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_kept_before_problems_had_codes_still_reads() {
        let old: Rejection = serde_json::from_str(r#"{"line":3,"reason":"code postal 99999 inconnu"}"#).unwrap();
        assert_eq!(old.problem.to_string(), "code postal 99999 inconnu");
        let new = Rejection { line: 3, problem: LineProblem::PostcodeUnknown { value: "99999".into() } };
        let back: Rejection = serde_json::from_str(&serde_json::to_string(&new).unwrap()).unwrap();
        assert_eq!(back, new);
    }
}
