//! The one error every layer reports: a stable code, the HTTP status it maps to, and the
//! sentence a user reads in French or English. Server functions, JSON endpoints and the command
//! line all map it the same way (status, `{"code","erreur"}`, exit code).

use serde::{Deserialize, Serialize};

use crate::locale::Locale;

/// What went wrong. `detail` fills the message's hole (a parameter name, a search text); when
/// the detail is words rather than a name or a number, `detail_en` holds them in English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Error {
    pub code: Code,
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail_en: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Code {
    /// 400: the request cannot be read (bytes that are not UTF-8, a missing or malformed field).
    MalformedRequest,
    /// 400: a required parameter is absent (`detail`: its name).
    MissingParameter,
    /// 400: a parameter has a wrong value (`detail`: the reason).
    InvalidParameter,
    /// 400: a search text over 100 characters.
    QueryTooLong,
    /// 400: "autour de moi" needs a place or coordinates.
    PlaceNeeded,
    /// 401: the action needs a signed-in account.
    NotSignedIn,
    /// 401: the e-mail address and password do not match an active account (which one is wrong
    /// is never said).
    WrongCredentials,
    /// 401: the second factor's code is wrong, or was used already (a code serves once).
    WrongCode,
    /// 400: an e-mailed link that expired, was used already, or never existed.
    LinkExpired,
    /// 403: the actor may not do this.
    Forbidden,
    /// 403: a state-changing request sent by another site.
    CrossSite,
    /// 403: the person's participation is suspended by moderation in this space.
    Suspended,
    /// 404: no Régie has this address.
    UnknownRegie,
    /// 404: no commune matches the text (`detail`).
    UnknownCommune,
    /// 404: no such territory, export or page.
    NotFound,
    /// 408: the request took too long.
    Timeout,
    /// 409: the change conflicts with the current state.
    Conflict,
    /// 413: the request body is too large.
    TooLarge,
    /// 422: the content was read but refused by the rules (the reasons travel beside it).
    Invalid,
    /// 429: too many writes from this client (`detail`: seconds to wait).
    TooManyRequests,
    /// 429: too many failed sign-ins for this account or from this client (`detail`: minutes to wait).
    TooManyAttempts,
    /// 503: the database did not answer.
    Unavailable,
}

impl Code {
    pub const ALL: [Code; 22] = [
        Code::MalformedRequest,
        Code::MissingParameter,
        Code::InvalidParameter,
        Code::QueryTooLong,
        Code::PlaceNeeded,
        Code::NotSignedIn,
        Code::WrongCredentials,
        Code::WrongCode,
        Code::LinkExpired,
        Code::Forbidden,
        Code::CrossSite,
        Code::Suspended,
        Code::UnknownRegie,
        Code::UnknownCommune,
        Code::NotFound,
        Code::Timeout,
        Code::Conflict,
        Code::TooLarge,
        Code::Invalid,
        Code::TooManyRequests,
        Code::TooManyAttempts,
        Code::Unavailable,
    ];

    pub fn status(self) -> u16 {
        match self {
            Self::MalformedRequest | Self::MissingParameter | Self::InvalidParameter | Self::QueryTooLong | Self::PlaceNeeded | Self::LinkExpired => 400,
            Self::NotSignedIn | Self::WrongCredentials | Self::WrongCode => 401,
            Self::Forbidden | Self::CrossSite | Self::Suspended => 403,
            Self::UnknownRegie | Self::UnknownCommune | Self::NotFound => 404,
            Self::Timeout => 408,
            Self::Conflict => 409,
            Self::TooLarge => 413,
            Self::Invalid => 422,
            Self::TooManyRequests | Self::TooManyAttempts => 429,
            Self::Unavailable => 503,
        }
    }

    /// The stable name clients and logs rely on.
    pub fn name(self) -> &'static str {
        match self {
            Self::MalformedRequest => "requete_illisible",
            Self::MissingParameter => "parametre_manquant",
            Self::InvalidParameter => "parametre_invalide",
            Self::QueryTooLong => "recherche_trop_longue",
            Self::PlaceNeeded => "lieu_manquant",
            Self::NotSignedIn => "connexion_requise",
            Self::WrongCredentials => "identifiants_incorrects",
            Self::WrongCode => "code_incorrect",
            Self::LinkExpired => "lien_expire",
            Self::Forbidden => "interdit",
            Self::CrossSite => "autre_site",
            Self::Suspended => "participation_suspendue",
            Self::UnknownRegie => "regie_inconnue",
            Self::UnknownCommune => "commune_inconnue",
            Self::NotFound => "introuvable",
            Self::Timeout => "delai_depasse",
            Self::Conflict => "conflit",
            Self::TooLarge => "trop_volumineux",
            Self::Invalid => "refuse",
            Self::TooManyRequests => "trop_de_requetes",
            Self::TooManyAttempts => "trop_de_tentatives",
            Self::Unavailable => "base_indisponible",
        }
    }

    /// The message, `{}` standing for the detail.
    fn template(self, locale: Locale) -> &'static str {
        use Locale::{En, Fr};
        match (self, locale) {
            (Self::MalformedRequest, Fr) => "requête invalide : un champ manque ou est mal formé",
            (Self::MalformedRequest, En) => "invalid request: a field is missing or malformed",
            (Self::MissingParameter, Fr) => "paramètre « {} » manquant",
            (Self::MissingParameter, En) => "missing parameter “{}”",
            (Self::InvalidParameter, Fr) => "paramètre invalide : {}",
            (Self::InvalidParameter, En) => "invalid parameter: {}",
            (Self::QueryTooLong, Fr) => "recherche trop longue (100 caractères au plus)",
            (Self::QueryTooLong, En) => "search too long (100 characters at most)",
            (Self::PlaceNeeded, Fr) => "indiquez une commune, un code postal, ou autorisez la localisation",
            (Self::PlaceNeeded, En) => "enter a town, a postcode, or allow location",
            (Self::NotSignedIn, Fr) => "connectez-vous pour faire cela",
            (Self::NotSignedIn, En) => "sign in to do this",
            (Self::WrongCredentials, Fr) => "adresse e-mail ou mot de passe incorrect",
            (Self::WrongCredentials, En) => "wrong e-mail address or password",
            (Self::WrongCode, Fr) => "code incorrect ou déjà utilisé : attendez le code suivant de votre application",
            (Self::WrongCode, En) => "wrong or already used code: wait for the next code from your app",
            (Self::LinkExpired, Fr) => "ce lien a expiré ou a déjà servi : demandez-en un nouveau",
            (Self::LinkExpired, En) => "this link has expired or was used already: ask for a new one",
            (Self::Forbidden, Fr) => "vous n'avez pas le droit de faire cela",
            (Self::Forbidden, En) => "you are not allowed to do this",
            (Self::CrossSite, Fr) => "envoi refusé : il ne vient pas de ce site",
            (Self::CrossSite, En) => "refused: this request does not come from this site",
            (Self::Suspended, Fr) => "votre participation est suspendue dans ce quartier par la modération (voir la charte de participation)",
            (Self::Suspended, En) => "your participation in this neighbourhood is suspended by moderation (see the participation charter)",
            (Self::UnknownRegie, Fr) => "aucune Régie ne correspond à cette fiche",
            (Self::UnknownRegie, En) => "no Régie matches this page",
            (Self::UnknownCommune, Fr) => "aucune commune ne correspond à « {} »",
            (Self::UnknownCommune, En) => "no town matches “{}”",
            (Self::NotFound, Fr) => "introuvable : {}",
            (Self::NotFound, En) => "not found: {}",
            (Self::Timeout, Fr) => "la requête a pris trop de temps",
            (Self::Timeout, En) => "the request took too long",
            (Self::Conflict, Fr) => "conflit : {}",
            (Self::Conflict, En) => "conflict: {}",
            (Self::TooLarge, Fr) => "envoi trop volumineux",
            (Self::TooLarge, En) => "request too large",
            (Self::Invalid, Fr) => "contenu refusé : {}",
            (Self::Invalid, En) => "content refused: {}",
            (Self::TooManyRequests, Fr) => "trop d'envois ; réessayez dans {} s",
            (Self::TooManyRequests, En) => "too many requests; try again in {} s",
            (Self::TooManyAttempts, Fr) => "trop de tentatives de connexion : attendez {} min avant de réessayer",
            (Self::TooManyAttempts, En) => "too many sign-in attempts: wait {} min before trying again",
            (Self::Unavailable, Fr) => "la base de données n'a pas répondu ; réessayez dans un instant",
            (Self::Unavailable, En) => "the database did not answer; try again in a moment",
        }
    }
}

impl Error {
    pub fn new(code: Code) -> Self {
        Self { code, detail: None, detail_en: None }
    }

    /// A detail that reads the same in both languages: a name, a number, a code.
    pub fn with(code: Code, detail: impl Into<String>) -> Self {
        Self { code, detail: Some(detail.into()), detail_en: None }
    }

    /// A detail in words, said in French and in English.
    pub fn said(code: Code, fr: impl Into<String>, en: impl Into<String>) -> Self {
        Self { code, detail: Some(fr.into()), detail_en: Some(en.into()) }
    }

    pub fn status(&self) -> u16 {
        self.code.status()
    }

    /// The sentence a user reads.
    pub fn message(&self, locale: Locale) -> String {
        let template = self.code.template(locale);
        if template.contains("{}") {
            let detail = match locale {
                Locale::En => self.detail_en.as_deref().or(self.detail.as_deref()),
                Locale::Fr => self.detail.as_deref(),
            };
            template.replace("{}", detail.unwrap_or("?"))
        } else {
            template.to_owned()
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Locale::Fr))
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_status_a_name_and_both_messages() {
        let mut names = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(names.insert(code.name()), "name used twice: {}", code.name());
            assert!((400..600).contains(&code.status()));
            let e = Error::with(code, "x");
            let (fr, en) = (e.message(Locale::Fr), e.message(Locale::En));
            assert!(!fr.is_empty() && !en.is_empty() && fr != en, "{code:?}: {fr} / {en}");
            assert!(!fr.contains("{}") && !en.contains("{}"));
        }
        assert_eq!(Error::with(Code::UnknownCommune, "Xyz").message(Locale::Fr), "aucune commune ne correspond à « Xyz »");
        assert_eq!(Error::new(Code::Unavailable).status(), 503);
    }
}
