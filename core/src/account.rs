//! Accounts: what an e-mail address, a public pseudonym and a password must be, and the roles a
//! person may hold. Pure rules; the common-password list is given by the caller (the server
//! loads it from `data/passwords/`, see its PROVENANCE.md).

use serde::{Deserialize, Serialize};

use crate::locale::Locale;
use crate::text::fold;

/// Longest e-mail address (RFC 5321's path limit).
pub const EMAIL_MAX_CHARS: usize = 254;
pub const PSEUDONYM_MIN_CHARS: usize = 3;
pub const PSEUDONYM_MAX_CHARS: usize = 30;
pub const PASSWORD_MIN_CHARS: usize = 12;
/// Argon2 hashes anything, but a bound keeps one request's cost bounded.
pub const PASSWORD_MAX_CHARS: usize = 256;

/// Pseudonyms that would pass for the institutions (compared folded, without spaces).
const INSTITUTIONAL: [&str; 10] = [
    "regie", "mairie", "moderation", "moderateur", "moderatrice", "mouvementdesregies", "cnlrq", "administrat", "prefecture",
    "atlasdesregies",
];

/// One problem with what a person typed, tied to the field it concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Problem {
    EmailInvalid,
    PseudonymLength,
    PseudonymCharacters,
    PseudonymInstitutional,
    PseudonymTaken,
    PasswordTooShort,
    PasswordTooLong,
    PasswordCommon,
    PasswordContainsIdentity,
}

/// The form fields a problem is shown next to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Email,
    Pseudonym,
    Password,
}

impl Problem {
    pub fn field(self) -> Field {
        match self {
            Self::EmailInvalid => Field::Email,
            Self::PseudonymLength | Self::PseudonymCharacters | Self::PseudonymInstitutional | Self::PseudonymTaken => Field::Pseudonym,
            _ => Field::Password,
        }
    }

    /// Stable name, for URLs and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::EmailInvalid => "email_invalide",
            Self::PseudonymLength => "pseudonyme_longueur",
            Self::PseudonymCharacters => "pseudonyme_caracteres",
            Self::PseudonymInstitutional => "pseudonyme_institution",
            Self::PseudonymTaken => "pseudonyme_pris",
            Self::PasswordTooShort => "mot_de_passe_court",
            Self::PasswordTooLong => "mot_de_passe_long",
            Self::PasswordCommon => "mot_de_passe_courant",
            Self::PasswordContainsIdentity => "mot_de_passe_identite",
        }
    }

    pub const ALL: [Problem; 9] = [
        Self::EmailInvalid,
        Self::PseudonymLength,
        Self::PseudonymCharacters,
        Self::PseudonymInstitutional,
        Self::PseudonymTaken,
        Self::PasswordTooShort,
        Self::PasswordTooLong,
        Self::PasswordCommon,
        Self::PasswordContainsIdentity,
    ];

    /// The problem a stable name stands for (a form's outcome comes back in its page's URL).
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn message(self, locale: Locale) -> String {
        use Locale::{En, Fr};
        match (self, locale) {
            (Self::EmailInvalid, Fr) => "cette adresse e-mail n'est pas valide (exemple : prenom@exemple.fr)".into(),
            (Self::EmailInvalid, En) => "this e-mail address is not valid (example: name@example.org)".into(),
            (Self::PseudonymLength, Fr) => format!("le pseudonyme compte de {PSEUDONYM_MIN_CHARS} à {PSEUDONYM_MAX_CHARS} caractères"),
            (Self::PseudonymLength, En) => format!("the pseudonym has {PSEUDONYM_MIN_CHARS} to {PSEUDONYM_MAX_CHARS} characters"),
            (Self::PseudonymCharacters, Fr) => "le pseudonyme s'écrit avec des lettres, des chiffres, des espaces, - _ ou .".into(),
            (Self::PseudonymCharacters, En) => "the pseudonym uses letters, digits, spaces, - _ or .".into(),
            (Self::PseudonymInstitutional, Fr) => {
                "ce pseudonyme ressemble au nom d'une institution (Régie, mairie, modération…) : choisissez-en un autre".into()
            }
            (Self::PseudonymInstitutional, En) => {
                "this pseudonym looks like an institution's name (Régie, mairie, moderation…): choose another".into()
            }
            (Self::PseudonymTaken, Fr) => "ce pseudonyme est déjà pris : choisissez-en un autre".into(),
            (Self::PseudonymTaken, En) => "this pseudonym is taken: choose another".into(),
            (Self::PasswordTooShort, Fr) => format!("le mot de passe compte au moins {PASSWORD_MIN_CHARS} caractères"),
            (Self::PasswordTooShort, En) => format!("the password has at least {PASSWORD_MIN_CHARS} characters"),
            (Self::PasswordTooLong, Fr) => format!("le mot de passe compte au plus {PASSWORD_MAX_CHARS} caractères"),
            (Self::PasswordTooLong, En) => format!("the password has at most {PASSWORD_MAX_CHARS} characters"),
            (Self::PasswordCommon, Fr) => "ce mot de passe est trop courant : une phrase de plusieurs mots est plus sûre".into(),
            (Self::PasswordCommon, En) => "this password is too common: a phrase of several words is safer".into(),
            (Self::PasswordContainsIdentity, Fr) => "le mot de passe ne doit contenir ni votre adresse e-mail ni votre pseudonyme".into(),
            (Self::PasswordContainsIdentity, En) => "the password must contain neither your e-mail address nor your pseudonym".into(),
        }
    }
}

/// An e-mail address as stored: trimmed, its domain lower-cased (the local part is the
/// provider's business, but nearly every provider ignores its case: compared lower-cased too).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(s: &str) -> Result<Self, Problem> {
        let s = s.trim();
        let ok = s.chars().count() <= EMAIL_MAX_CHARS
            && !s.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | ',' | ';'))
            && match s.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.contains('@')
                        && domain.split('.').count() >= 2
                        && domain.split('.').all(|part| !part.is_empty() && !part.starts_with('-'))
                }
                None => false,
            };
        if !ok {
            return Err(Problem::EmailInvalid);
        }
        Ok(Self(s.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A public pseudonym, and its key: two pseudonyms are the same when their keys are (case,
/// accents, spaces and punctuation ignored: « Zoé-B » and « zoe b » are one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pseudonym {
    pub shown: String,
    pub key: String,
}

impl Pseudonym {
    pub fn parse(s: &str) -> Result<Self, Problem> {
        let shown: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
        let n = shown.chars().count();
        if !(PSEUDONYM_MIN_CHARS..=PSEUDONYM_MAX_CHARS).contains(&n) {
            return Err(Problem::PseudonymLength);
        }
        if !shown.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.')) {
            return Err(Problem::PseudonymCharacters);
        }
        let key: String = fold(&shown).chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        if key.is_empty() {
            return Err(Problem::PseudonymCharacters);
        }
        if INSTITUTIONAL.iter().any(|word| key.contains(word)) {
            return Err(Problem::PseudonymInstitutional);
        }
        Ok(Self { shown, key })
    }

    /// For accounts the operator makes (a Régie's team, the network): they may carry the
    /// institution's name, the other rules hold.
    pub fn parse_for_staff(s: &str) -> Result<Self, Problem> {
        match Self::parse(s) {
            Err(Problem::PseudonymInstitutional) => {
                let shown: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
                let key = fold(&shown).chars().filter(|c| c.is_ascii_alphanumeric()).collect();
                Ok(Self { shown, key })
            }
            other => other,
        }
    }
}

/// What makes a password refused, every reason at once. `is_common` answers for a lower-cased
/// candidate; the password is also tried without its trailing digits and symbols
/// (« motdepasse2024! » is « motdepasse »).
pub fn password_problems(password: &str, email: Option<&Email>, pseudonym: Option<&str>, is_common: impl Fn(&str) -> bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    let n = password.chars().count();
    if n < PASSWORD_MIN_CHARS {
        problems.push(Problem::PasswordTooShort);
    }
    if n > PASSWORD_MAX_CHARS {
        problems.push(Problem::PasswordTooLong);
        return problems;
    }
    let lower = password.to_lowercase();
    let stem = lower.trim_end_matches(|c: char| !c.is_alphabetic());
    if is_common(&lower) || (!stem.is_empty() && is_common(stem)) || is_common(&fold(password).replace(' ', "")) {
        problems.push(Problem::PasswordCommon);
    }
    let squashed: String = fold(password).chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let mut identities: Vec<String> = Vec::new();
    if let Some(email) = email {
        identities.push(email.as_str().to_owned());
        if let Some((local, _)) = email.as_str().split_once('@') {
            identities.push(fold(local).chars().filter(|c| c.is_ascii_alphanumeric()).collect());
        }
    }
    if let Some(p) = pseudonym {
        identities.push(fold(p).chars().filter(|c| c.is_ascii_alphanumeric()).collect());
    }
    if identities.iter().any(|id| id.chars().count() >= 3 && (lower.contains(id.as_str()) || squashed.contains(id.as_str()))) {
        problems.push(Problem::PasswordContainsIdentity);
    }
    problems
}

/// A role a person holds. A person may hold several (e.g. éditeur of two Régies).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Edits a Régie's content, answers and moderates its participation.
    RegieEditor { regie: i64 },
    /// An éditeur who also manages the team and restores versions.
    RegieAdmin { regie: i64 },
    /// Le Mouvement des Régies: everything, everywhere.
    NetworkAdmin,
    /// Reads a territory (e.g. `departement:93`), never writes.
    Observer { territory: String },
}

impl Role {
    /// The name used by the command line and stored in the database.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::RegieEditor { .. } => "regie-editor",
            Self::RegieAdmin { .. } => "regie-admin",
            Self::NetworkAdmin => "network-admin",
            Self::Observer { .. } => "observer",
        }
    }
}

#[cfg(test)]
#[path = "account_tests.rs"]
mod tests;
