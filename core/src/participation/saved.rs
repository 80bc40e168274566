//! A draft kept on the server for a signed-in person, so that what they typed survives a lost
//! connection, a refused photo or a change of device. Unlike a post it may be incomplete: only
//! the fields' maximums and the known codes are checked; the rules of a post apply when posting.

use serde::{Deserialize, Serialize};

use super::{clean, Category, Kind, Problem, BODY_MAX_CHARS, TITLE_MAX_CHARS};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedDraft {
    pub kind: Option<Kind>,
    pub category: Option<Category>,
    /// The QPV the form was started for (its code), if any.
    pub qpv: Option<String>,
    pub point: Option<(f64, f64)>,
    pub title: String,
    pub body: String,
    /// Unix ms of the last save.
    pub saved_at: i64,
}

impl SavedDraft {
    /// What the form sent, checked: unknown codes are dropped (the form offers only known ones),
    /// text over its maximum is refused (the browser's `maxlength` already stops it).
    pub fn validate(kind: &str, category: &str, qpv: &str, point: Option<(f64, f64)>, title: &str, body: &str) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        let title = clean(title).replace(['\n', '\t'], " ");
        if title.chars().count() > TITLE_MAX_CHARS {
            problems.push(Problem::TitleLength);
        }
        let body = clean(body);
        if body.chars().count() > BODY_MAX_CHARS {
            problems.push(Problem::BodyLength);
        }
        let point = point.filter(|(lat, lon)| lat.is_finite() && lon.is_finite() && (-90.0..=90.0).contains(lat) && (-180.0..=180.0).contains(lon));
        let qpv = qpv.trim().to_uppercase();
        let qpv = (!qpv.is_empty() && qpv.len() <= 12 && qpv.chars().all(|c| c.is_ascii_alphanumeric())).then_some(qpv);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Self { kind: Kind::parse(kind), category: Category::parse(category), qpv, point, title, body, saved_at: 0 })
    }

    /// Nothing worth keeping was typed.
    pub fn is_empty(&self) -> bool {
        self.title.is_empty() && self.body.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_incomplete_draft_is_kept_and_unknown_codes_dropped() {
        let d = SavedDraft::validate("signalement", "pas-une-categorie", " qp093001 ", None, " Lampa", "").unwrap();
        assert_eq!((d.kind, d.category, d.qpv.as_deref(), d.title.as_str()), (Some(Kind::Signalement), None, Some("QP093001"), "Lampa"));
        assert!(!d.is_empty());
        assert!(SavedDraft::validate("", "", "", None, "  ", "\n").unwrap().is_empty());
        assert_eq!(SavedDraft::validate("", "", "QP'--", Some((f64::NAN, 1.0)), "", "").unwrap().qpv, None);
    }

    #[test]
    fn a_draft_over_the_maximums_is_refused() {
        let long = "x".repeat(TITLE_MAX_CHARS + 1);
        let body = "y".repeat(BODY_MAX_CHARS + 1);
        assert_eq!(SavedDraft::validate("", "", "", None, &long, &body).unwrap_err(), vec![Problem::TitleLength, Problem::BodyLength]);
    }
}
