//! A Régie's public profile as its team edits it in `/gestion`: every field checked on its own,
//! each refusal named next to its field, and what changed between two versions as people read it.

use serde::{Deserialize, Serialize};

use crate::activite::Activite;
use crate::coverage::CoverageStatus;
use crate::dates::parse_date;
use crate::locale::Locale;

pub use super::profile_problem::Problem;

pub const NAME_MAX_CHARS: usize = 150;
pub const ADDRESS_MAX_CHARS: usize = 200;
pub const WEBSITE_MAX_CHARS: usize = 200;
pub const DESCRIPTION_MAX_CHARS: usize = 2000;
pub const NOTE_MAX_CHARS: usize = 300;
/// What a covered QPV's status field says to take it out.
pub const REMOVE: &str = "retirer";

/// What a Régie's page says of it, as its team keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub nom: String,
    pub siret: Option<String>,
    pub adresse: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub telephone: Option<String>,
    pub email: Option<String>,
    pub site_web: Option<String>,
    pub date_creation: Option<String>,
    pub date_adhesion: Option<String>,
    pub description: Option<String>,
    /// In the vocabulary's order.
    pub activites: Vec<Activite>,
    /// The QPVs it works in, by code.
    #[serde(default)]
    pub couverture: Vec<Covered>,
    /// Its yearly key figures with their source, the oldest year first (kept by their own form:
    /// versions before them have none).
    #[serde(default)]
    pub chiffres: Vec<crate::regie::ChiffresCles>,
    /// Its relations with partners and their contracts (`None`: a version made before they were
    /// part of it, which a restore leaves as they are).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partenaires: Option<Vec<super::partners_form::Partnership>>,
}

/// A QPV a Régie works in: how sure the Atlas is of it, and its team's note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Covered {
    pub qpv: String,
    /// The QPV's name, kept in the version for its history to read.
    pub nom: String,
    pub statut: CoverageStatus,
    pub note: Option<String>,
}

/// The profile form as typed: every field text, the activities' codes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProfileForm {
    pub nom: String,
    pub siret: String,
    pub adresse: String,
    pub lat: String,
    pub lon: String,
    pub telephone: String,
    pub email: String,
    pub site_web: String,
    pub date_creation: String,
    pub date_adhesion: String,
    pub description: String,
    pub activites: Vec<String>,
    /// (QPV code, status code or `retirer`, note) of every covered QPV and the one added.
    pub couverture: Vec<(String, String, String)>,
}

/// A field of the profile: where a refusal is shown, and what a version changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProfileField {
    Nom,
    Siret,
    Adresse,
    Position,
    Telephone,
    Email,
    SiteWeb,
    DateCreation,
    DateAdhesion,
    Description,
    Activites,
    Couverture,
    Chiffres,
    Partenaires,
}

impl ProfileField {
    pub const ALL: [ProfileField; 14] = [
        Self::Nom,
        Self::Siret,
        Self::Adresse,
        Self::Position,
        Self::Telephone,
        Self::Email,
        Self::SiteWeb,
        Self::DateCreation,
        Self::DateAdhesion,
        Self::Description,
        Self::Activites,
        Self::Couverture,
        Self::Chiffres,
        Self::Partenaires,
    ];

    /// The form's input (`lat` for the position, whose `lon` goes with it).
    pub fn name(self) -> &'static str {
        match self {
            Self::Nom => "nom",
            Self::Siret => "siret",
            Self::Adresse => "adresse",
            Self::Position => "lat",
            Self::Telephone => "telephone",
            Self::Email => "courriel",
            Self::SiteWeb => "site_web",
            Self::DateCreation => "date_creation",
            Self::DateAdhesion => "date_adhesion",
            Self::Description => "description",
            Self::Activites => "activite",
            Self::Couverture => "couverture",
            Self::Chiffres => "chiffres",
            Self::Partenaires => "partenaires",
        }
    }

    pub fn label(self, locale: Locale) -> &'static str {
        use Locale::{En, Fr};
        match (self, locale) {
            (Self::Nom, Fr) => "Nom",
            (Self::Nom, En) => "Name",
            (Self::Siret, _) => "SIRET",
            (Self::Adresse, Fr) => "Adresse",
            (Self::Adresse, En) => "Address",
            (Self::Position, Fr) => "Position sur la carte",
            (Self::Position, En) => "Position on the map",
            (Self::Telephone, Fr) => "Téléphone",
            (Self::Telephone, En) => "Phone",
            (Self::Email, Fr) => "Courriel",
            (Self::Email, En) => "E-mail",
            (Self::SiteWeb, Fr) => "Site web",
            (Self::SiteWeb, En) => "Website",
            (Self::DateCreation, Fr) => "Date de création",
            (Self::DateCreation, En) => "Founded",
            (Self::DateAdhesion, Fr) => "Adhésion au réseau",
            (Self::DateAdhesion, En) => "Joined the network",
            (Self::Description, _) => "Description",
            (Self::Activites, Fr) => "Activités",
            (Self::Activites, En) => "Activities",
            (Self::Couverture, Fr) => "Quartiers prioritaires couverts",
            (Self::Couverture, En) => "Priority neighbourhoods covered",
            (Self::Chiffres, Fr) => "Chiffres clés",
            (Self::Chiffres, En) => "Key figures",
            (Self::Partenaires, Fr) => "Partenaires",
            (Self::Partenaires, En) => "Partners",
        }
    }
}

/// One field a version changed, both values as the page shows them (empty: nothing).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub field: ProfileField,
    pub before: String,
    pub after: String,
}

impl ProfileForm {
    /// The profile, or every problem of the form at once.
    pub fn validate(&self) -> Result<Profile, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut check = |ok: bool, p: Problem| {
            if !ok {
                problems.push(p);
            }
        };
        let nom = one_line(&self.nom);
        check((3..=NAME_MAX_CHARS).contains(&nom.chars().count()), Problem::NameLength);
        let siret = optional(&self.siret).map(|s| crate::siret::parse_siret(&s));
        check(!matches!(siret, Some(Err(_))), Problem::SiretInvalid);
        let adresse = optional(&one_line(&self.adresse));
        check(adresse.as_ref().is_none_or(|a| a.chars().count() <= ADDRESS_MAX_CHARS), Problem::AddressLength);
        let position = crate::text::parse_decimal(&self.lat).zip(crate::text::parse_decimal(&self.lon)).filter(|(lat, lon)| in_france(*lat, *lon));
        check(position.is_some(), Problem::PositionInvalid);
        let telephone = optional(&self.telephone).map(|t| phone(&t));
        check(!matches!(telephone, Some(None)), Problem::PhoneInvalid);
        let email = optional(&self.email).map(|e| crate::account::Email::parse(&e).map(|e| e.as_str().to_owned()));
        check(!matches!(email, Some(Err(_))), Problem::EmailInvalid);
        let site_web = optional(&self.site_web).map(|s| website(&s));
        check(!matches!(site_web, Some(None)), Problem::WebsiteInvalid);
        let date_creation = optional(&self.date_creation).map(|d| parse_date(&d));
        check(!matches!(date_creation, Some(Err(_))), Problem::CreationDateInvalid);
        let date_adhesion = optional(&self.date_adhesion).map(|d| parse_date(&d));
        check(!matches!(date_adhesion, Some(Err(_))), Problem::MembershipDateInvalid);
        let description = optional(self.description.trim());
        check(description.as_ref().is_none_or(|d| d.chars().count() <= DESCRIPTION_MAX_CHARS), Problem::DescriptionLength);
        let activites: Vec<Option<Activite>> = self.activites.iter().filter(|c| !c.is_empty()).map(|c| Activite::from_code(c)).collect();
        check(activites.iter().all(Option::is_some), Problem::ActivityUnknown);
        let couverture = coverage(&self.couverture);
        check(couverture.is_some(), Problem::CoverageInvalid);
        check(self.couverture.iter().all(|(_, _, note)| note.trim().chars().count() <= NOTE_MAX_CHARS), Problem::NoteLength);
        if !problems.is_empty() {
            return Err(problems);
        }
        let (lat, lon) = position.unwrap_or_default();
        let mut activites: Vec<Activite> = activites.into_iter().flatten().collect();
        activites.sort();
        activites.dedup();
        Ok(Profile {
            nom,
            siret: siret.and_then(Result::ok),
            adresse,
            lat,
            lon,
            telephone: telephone.flatten(),
            email: email.and_then(Result::ok),
            site_web: site_web.flatten(),
            date_creation: date_creation.and_then(Result::ok),
            date_adhesion: date_adhesion.and_then(Result::ok),
            description,
            activites,
            couverture: couverture.unwrap_or_default(),
            // The figures have a form of their own; an edit of the profile keeps them.
            chiffres: Vec::new(),
            partenaires: None,
        })
    }
}

/// The covered QPVs of the form, by code (names are the store's to fill); `None` when a code or a
/// status is not one. The same QPV twice keeps its first line.
fn coverage(lines: &[(String, String, String)]) -> Option<Vec<Covered>> {
    let mut out: Vec<Covered> = Vec::new();
    for (code, statut, note) in lines {
        let code = code.trim().to_uppercase();
        let statut = statut.trim();
        if code.is_empty() || statut == REMOVE {
            continue;
        }
        let well_formed = code.len() <= 12 && code.starts_with('Q') && code.chars().all(|c| c.is_ascii_alphanumeric());
        let statut = CoverageStatus::from_code(statut)?;
        if !well_formed {
            return None;
        }
        if !out.iter().any(|c| c.qpv == code) {
            out.push(Covered { qpv: code, nom: String::new(), statut, note: optional(&one_line(note)) });
        }
    }
    out.sort_by(|a, b| a.qpv.cmp(&b.qpv));
    Some(out)
}

impl Profile {
    /// The form filled with this profile, as the page shows it to be edited.
    pub fn form(&self) -> ProfileForm {
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        ProfileForm {
            nom: self.nom.clone(),
            siret: text(&self.siret),
            adresse: text(&self.adresse),
            lat: self.lat.to_string(),
            lon: self.lon.to_string(),
            telephone: text(&self.telephone),
            email: text(&self.email),
            site_web: text(&self.site_web),
            date_creation: text(&self.date_creation),
            date_adhesion: text(&self.date_adhesion),
            description: text(&self.description),
            activites: self.activites.iter().map(|a| a.code().to_owned()).collect(),
            couverture: self.couverture.iter().map(|c| (c.qpv.clone(), c.statut.code().to_owned(), c.note.clone().unwrap_or_default())).collect(),
        }
    }

    /// A field's value as a reader sees it (dates and activities in the page's language).
    pub fn shown(&self, field: ProfileField, locale: Locale) -> String {
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        let date = |o: &Option<String>| o.as_deref().map(|d| if d.len() == 4 { d.to_owned() } else { locale.date(d) }).unwrap_or_default();
        match field {
            ProfileField::Nom => self.nom.clone(),
            ProfileField::Siret => text(&self.siret),
            ProfileField::Adresse => text(&self.adresse),
            ProfileField::Position => format!("{:.5} ; {:.5}", self.lat, self.lon),
            ProfileField::Telephone => text(&self.telephone),
            ProfileField::Email => text(&self.email),
            ProfileField::SiteWeb => text(&self.site_web),
            ProfileField::DateCreation => date(&self.date_creation),
            ProfileField::DateAdhesion => date(&self.date_adhesion),
            ProfileField::Description => text(&self.description),
            ProfileField::Activites => self.activites.iter().map(|a| a.label(locale)).collect::<Vec<_>>().join(", "),
            ProfileField::Couverture => self
                .couverture
                .iter()
                .map(|c| {
                    let note = c.note.as_deref().map(|n| format!(" : {n}")).unwrap_or_default();
                    format!("{} ({}){note}", if c.nom.is_empty() { &c.qpv } else { &c.nom }, c.statut.label(locale))
                })
                .collect::<Vec<_>>()
                .join(" ; "),
            ProfileField::Chiffres => self.chiffres.iter().map(|c| super::figures_form::shown(c, locale)).collect::<Vec<_>>().join(" ; "),
            ProfileField::Partenaires => self.partenaires.as_deref().map(|p| super::partners_form::shown(p, locale)).unwrap_or_default(),
        }
    }

    /// What `newer` changed, field by field, in the form's order.
    pub fn changes(&self, newer: &Profile, locale: Locale) -> Vec<Change> {
        ProfileField::ALL
            .into_iter()
            .filter_map(|field| {
                // A version made before the partners were versioned says nothing of them.
                if field == ProfileField::Partenaires && (self.partenaires.is_none() || newer.partenaires.is_none()) {
                    return None;
                }
                let (before, after) = (self.shown(field, locale), newer.shown(field, locale));
                (before != after).then_some(Change { field, before, after })
            })
            .collect()
    }
}

/// Spaces and line breaks folded into single spaces (a name, an address: one line).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn optional(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// A French number in pairs (« 01 23 45 67 89 »), or an international one as typed with its
/// separators removed; `None` when it is neither.
pub fn phone(raw: &str) -> Option<String> {
    let kept: String = raw.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '\u{a0}')).collect();
    let (plus, digits) = match kept.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, kept.as_str()),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let national = match (plus, digits.strip_prefix("33")) {
        (false, _) if digits.len() == 10 && digits.starts_with('0') => Some(digits.to_owned()),
        (true, Some(rest)) if rest.len() == 9 => Some(format!("0{rest}")),
        _ => None,
    };
    match national {
        Some(n) => Some(n.as_bytes().chunks(2).map(|pair| String::from_utf8_lossy(pair).into_owned()).collect::<Vec<_>>().join(" ")),
        None if plus && (8..=15).contains(&digits.len()) => Some(format!("+{digits}")),
        None => None,
    }
}

/// An `http(s)://` address with a host (`https://` added when left out); `None` otherwise.
pub fn website(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let url = if raw.starts_with("http://") || raw.starts_with("https://") { raw.to_owned() } else { format!("https://{raw}") };
    let host = url.split_once("://")?.1.split(['/', '?', '#']).next()?;
    let ok = url.chars().count() <= WEBSITE_MAX_CHARS
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\'' | '\\' | '`'))
        && host.contains('.')
        && host.split('.').all(|part| !part.is_empty())
        && !host.contains('@');
    ok.then_some(url)
}

/// Rough boxes around metropolitan France and the overseas départements and collectivités.
pub fn in_france(lat: f64, lon: f64) -> bool {
    const BOXES: [(f64, f64, f64, f64); 7] = [
        (41.0, 51.6, -5.8, 10.0),   // Hexagone and Corse
        (15.8, 18.2, -63.2, -60.8), // Guadeloupe, Saint-Martin, Saint-Barthélemy
        (14.3, 14.9, -61.3, -60.7), // Martinique
        (2.0, 6.0, -54.7, -51.5),   // Guyane
        (-21.5, -20.8, 55.1, 55.9), // La Réunion
        (-13.1, -12.6, 44.9, 45.4), // Mayotte
        (46.7, 47.2, -56.5, -56.0), // Saint-Pierre-et-Miquelon
    ];
    BOXES.iter().any(|(a, b, c, d)| (*a..=*b).contains(&lat) && (*c..=*d).contains(&lon))
}

#[cfg(test)]
#[path = "profile_tests.rs"]
mod tests;
