//! A correction reported on a Régie's record by anyone reading it ("this phone number is wrong",
//! "the Régie also works in that quartier"). The records come from a 2019 list and are mostly
//! unverified: readers who know better are the cheapest source of truth. Reports are kept for the
//! network to check; nothing on the record changes until someone has verified it.

use serde::{Deserialize, Serialize};

/// Shortest and longest accepted message, in characters after trimming.
pub const MESSAGE_MIN_CHARS: usize = 10;
pub const MESSAGE_MAX_CHARS: usize = 2000;
/// Longest accepted contact address.
pub const CONTACT_MAX_CHARS: usize = 254;

/// What the correction is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CorrectionTopic {
    /// Address, phone, e-mail, website.
    Coordonnees,
    /// What the Régie does.
    Activites,
    /// Which QPVs it works in.
    Quartiers,
    /// The Régie has closed or merged.
    Fermeture,
    Autre,
}

impl CorrectionTopic {
    pub const ALL: [Self; 5] = [Self::Coordonnees, Self::Activites, Self::Quartiers, Self::Fermeture, Self::Autre];

    /// The code stored in the database and sent by the form.
    pub fn code(self) -> &'static str {
        match self {
            Self::Coordonnees => "coordonnees",
            Self::Activites => "activites",
            Self::Quartiers => "quartiers",
            Self::Fermeture => "fermeture",
            Self::Autre => "autre",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code.trim())
    }

    /// In words, for the network's queue.
    pub fn label(self, locale: crate::locale::Locale) -> &'static str {
        use crate::locale::Locale::{En, Fr};
        match (self, locale) {
            (Self::Coordonnees, Fr) => "coordonnées",
            (Self::Coordonnees, En) => "contact details",
            (Self::Activites, Fr) => "activités",
            (Self::Activites, En) => "activities",
            (Self::Quartiers, Fr) => "quartiers couverts",
            (Self::Quartiers, En) => "neighbourhoods covered",
            (Self::Fermeture, Fr) => "fermeture ou fusion",
            (Self::Fermeture, En) => "closed or merged",
            (Self::Autre, Fr) => "autre",
            (Self::Autre, En) => "other",
        }
    }
}

/// Why a report was refused; the interface words each case in the reader's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CorrectionError {
    UnknownTopic,
    MessageTooShort,
    MessageTooLong,
    ContactInvalid,
}

impl CorrectionError {
    pub const ALL: [Self; 4] = [Self::UnknownTopic, Self::MessageTooShort, Self::MessageTooLong, Self::ContactInvalid];

    /// Short code, for the URL the form's redirect carries.
    pub fn code(self) -> &'static str {
        match self {
            Self::UnknownTopic => "sujet",
            Self::MessageTooShort => "court",
            Self::MessageTooLong => "long",
            Self::ContactInvalid => "contact",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.code() == code)
    }

    /// The French sentence, for logs, the command line and clients without the interface.
    pub fn french(self) -> String {
        match self {
            Self::UnknownTopic => "choisissez ce que concerne la correction".to_owned(),
            Self::MessageTooShort => format!("décrivez la correction en {MESSAGE_MIN_CHARS} caractères au moins"),
            Self::MessageTooLong => format!("le message dépasse {MESSAGE_MAX_CHARS} caractères"),
            Self::ContactInvalid => "l'adresse e-mail de contact n'est pas valide (elle est facultative)".to_owned(),
        }
    }
}

/// What the Atlas answers to a well-formed report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CorrectionOutcome {
    /// Recorded under this number (acknowledged only once committed).
    Recorded { id: i64 },
    /// Not recorded; every problem of the form, in form order (HTTP 422).
    Refused(Vec<CorrectionError>),
}

/// A report that passed validation: trimmed, within limits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    pub topic: CorrectionTopic,
    pub message: String,
    /// An e-mail address, when the reader wants an answer.
    pub contact: Option<String>,
}

impl Correction {
    /// Checks a submitted form; every problem is reported at once, in form order.
    pub fn validate(topic: &str, message: &str, contact: &str) -> Result<Self, Vec<CorrectionError>> {
        let mut errors = Vec::new();
        let topic = CorrectionTopic::parse(topic);
        if topic.is_none() {
            errors.push(CorrectionError::UnknownTopic);
        }
        // Line endings as typed; control characters other than newlines and tabs are dropped.
        let message: String =
            message.trim().chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect();
        let length = message.chars().count();
        if length < MESSAGE_MIN_CHARS {
            errors.push(CorrectionError::MessageTooShort);
        } else if length > MESSAGE_MAX_CHARS {
            errors.push(CorrectionError::MessageTooLong);
        }
        let contact = contact.trim();
        let contact = if contact.is_empty() {
            None
        } else if looks_like_email(contact) {
            Some(contact.to_owned())
        } else {
            errors.push(CorrectionError::ContactInvalid);
            None
        };
        match topic {
            Some(topic) if errors.is_empty() => Ok(Self { topic, message, contact }),
            _ => Err(errors),
        }
    }
}

/// One "@", something before it, a dotted domain after it, no spaces: enough to catch typos
/// without refusing real addresses.
fn looks_like_email(s: &str) -> bool {
    if s.chars().count() > CONTACT_MAX_CHARS || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.split('.').count() >= 2
                && domain.split('.').all(|part| !part.is_empty())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_complete_report_is_trimmed_and_kept() {
        let c = Correction::validate("coordonnees", "  Le numéro a changé : 01 23 45 67 89  ", " a.b@exemple.fr ").unwrap();
        assert_eq!(c.topic, CorrectionTopic::Coordonnees);
        assert_eq!(c.message, "Le numéro a changé : 01 23 45 67 89");
        assert_eq!(c.contact.as_deref(), Some("a.b@exemple.fr"));
    }

    #[test]
    fn contact_is_optional() {
        assert_eq!(Correction::validate("fermeture", "La Régie a fermé en 2023.", "").unwrap().contact, None);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        assert_eq!(
            Correction::validate("", "court", "pas-une-adresse").unwrap_err(),
            vec![CorrectionError::UnknownTopic, CorrectionError::MessageTooShort, CorrectionError::ContactInvalid]
        );
        let long = "é".repeat(MESSAGE_MAX_CHARS + 1);
        assert_eq!(Correction::validate("autre", &long, "x@y.fr").unwrap_err(), vec![CorrectionError::MessageTooLong]);
        // Exactly the limits pass (counted in characters, not bytes).
        assert!(Correction::validate("autre", &"é".repeat(MESSAGE_MAX_CHARS), "").is_ok());
        assert!(Correction::validate("autre", &"é".repeat(MESSAGE_MIN_CHARS), "").is_ok());
    }

    #[test]
    fn spaces_and_control_characters_do_not_count_as_content() {
        assert_eq!(
            Correction::validate("autre", "   \u{0}\u{7}\u{1b}     ", "").unwrap_err(),
            vec![CorrectionError::MessageTooShort]
        );
        let c = Correction::validate("autre", "ligne 1\nligne\u{0} 2", "").unwrap();
        assert_eq!(c.message, "ligne 1\nligne 2");
    }

    #[test]
    fn email_shapes() {
        for ok in ["a@b.fr", "prenom.nom+atlas@regie-quartier.org"] {
            assert!(looks_like_email(ok), "{ok}");
        }
        for bad in ["a@b", "@b.fr", "a@@b.fr", "a b@c.fr", "a@b..fr", "a@.fr", "abc"] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }

    #[test]
    fn error_codes_round_trip() {
        for e in CorrectionError::ALL {
            assert_eq!(CorrectionError::parse(e.code()), Some(e));
        }
    }

    #[test]
    fn topic_codes_round_trip() {
        for t in CorrectionTopic::ALL {
            assert_eq!(CorrectionTopic::parse(t.code()), Some(t));
        }
        assert_eq!(CorrectionTopic::parse("inconnu"), None);
    }
}
