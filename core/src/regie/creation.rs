//! A Régie the Atlas does not list yet, as the network adds it from `/reseau/nouvelle-regie`:
//! its name, SIRET, address and commune (by postcode), and its position (the commune's centre
//! when left empty). Before it is written, the likely duplicates are named: the same SIRET, or a
//! similar name within a kilometre.

use serde::{Deserialize, Serialize};

use super::profile::{in_france, Problem, ADDRESS_MAX_CHARS, NAME_MAX_CHARS};
use crate::participation::similar::{close_titles, distance_m};
use crate::text::fold;

/// A Régie with a similar name closer than this is likely the same one.
pub const NEAR_M: f64 = 1000.0;

/// The form as typed (as it comes back to the page, too).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewRegieForm {
    pub nom: String,
    pub siret: String,
    pub adresse: String,
    pub code_postal: String,
    /// The INSEE code chosen when the postcode has several communes (else empty).
    pub commune: String,
    pub lat: String,
    pub lon: String,
}

/// The form, read.
#[derive(Clone, Debug, PartialEq)]
pub struct NewRegie {
    pub nom: String,
    pub siret: Option<String>,
    pub adresse: Option<String>,
    pub code_postal: String,
    pub commune: Option<String>,
    /// `None`: the commune's centre.
    pub position: Option<(f64, f64)>,
}

impl NewRegieForm {
    /// The new Régie, or every problem of the form at once (the commune is the store's to find).
    pub fn validate(&self) -> Result<NewRegie, Vec<Problem>> {
        let mut problems = Vec::new();
        let nom = self.nom.split_whitespace().collect::<Vec<_>>().join(" ");
        if !(3..=NAME_MAX_CHARS).contains(&nom.chars().count()) {
            problems.push(Problem::NameLength);
        }
        let siret = Some(self.siret.trim()).filter(|s| !s.is_empty()).map(crate::siret::parse_siret);
        if matches!(siret, Some(Err(_))) {
            problems.push(Problem::SiretInvalid);
        }
        let adresse = Some(self.adresse.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|a| !a.is_empty());
        if adresse.as_ref().is_some_and(|a| a.chars().count() > ADDRESS_MAX_CHARS) {
            problems.push(Problem::AddressLength);
        }
        let code_postal: String = self.code_postal.chars().filter(|c| !c.is_whitespace()).collect();
        if code_postal.len() != 5 || !code_postal.chars().all(|c| c.is_ascii_alphanumeric()) {
            problems.push(Problem::PostcodeUnknown);
        }
        let (lat, lon) = (self.lat.trim(), self.lon.trim());
        let position = match (lat.is_empty(), lon.is_empty()) {
            (true, true) => None,
            _ => {
                let read = crate::text::parse_decimal(lat).zip(crate::text::parse_decimal(lon)).filter(|(lat, lon)| in_france(*lat, *lon));
                if read.is_none() {
                    problems.push(Problem::PositionInvalid);
                }
                read
            }
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let commune = Some(self.commune.trim().to_owned()).filter(|c| !c.is_empty());
        Ok(NewRegie { nom, siret: siret.and_then(Result::ok), adresse, code_postal, commune, position })
    }
}

/// Words every Régie's name has, which say nothing of which one it is.
const GENERIC: [&str; 12] = ["regie", "regies", "quartier", "quartiers", "territoire", "territoires", "association", "asso", "rq", "rqt", "de", "des"];

/// Do these names likely speak of the same Régie? Compared without the words all Régies share
/// (« Régie de quartier de Laon » and « Régie des quartiers Laon » are alike).
pub fn similar_names(a: &str, b: &str) -> bool {
    let specific = |name: &str| fold(name).split(' ').filter(|w| !GENERIC.contains(w)).collect::<Vec<_>>().join(" ");
    let (a, b) = (specific(a), specific(b));
    if a.is_empty() || b.is_empty() {
        return a == b;
    }
    a == b || close_titles(&a, &b)
}

/// A likely duplicate of `new`: a similar name within `NEAR_M` of its position.
pub fn near_and_alike(new: (&str, (f64, f64)), other: (&str, (f64, f64))) -> Option<f64> {
    let d = distance_m(new.1, other.1);
    (d <= NEAR_M && similar_names(new.0, other.0)).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compared_without_the_words_all_regies_share() {
        assert!(similar_names("Régie de Quartier de Laon", "REGIE DES QUARTIERS LAON"));
        assert!(similar_names("Régie de quartier Nord Laon", "Régie de Quartier Laon Nord"));
        assert!(similar_names("Régie de Quartiers Villeneuve", "Régie de quartier de Villeneuve"));
        assert!(!similar_names("Régie de Quartier de Laon", "Régie de Quartier de Soissons"));
        assert!(!similar_names("Régie de quartier Nord", "Régie de quartier Sud"));
    }

    #[test]
    fn alike_and_within_a_kilometre() {
        let laon = (49.5641, 3.6199);
        let next_street = (49.5660, 3.6230);
        let reims = (49.2583, 4.0317);
        assert!(near_and_alike(("Régie de Quartier de Laon", laon), ("Régie des quartiers Laon", next_street)).is_some_and(|d| d < 400.0));
        assert_eq!(near_and_alike(("Régie de Quartier de Laon", laon), ("Régie des quartiers Laon", reims)), None);
        assert_eq!(near_and_alike(("Régie de Quartier de Laon", laon), ("Régie de Quartier Soissons", next_street)), None);
    }

    #[test]
    fn the_form_is_read_or_refused_with_every_reason() {
        let form = NewRegieForm { nom: " Régie  de Quartier Test ".into(), code_postal: "02 000".into(), ..Default::default() };
        let new = form.validate().unwrap();
        assert_eq!((new.nom.as_str(), new.code_postal.as_str(), new.position, new.siret), ("Régie de Quartier Test", "02000", None, None));
        let bad =
            NewRegieForm { nom: "R".into(), siret: "123".into(), code_postal: "2000".into(), lat: "2.35".into(), lon: "48.85".into(), ..Default::default() };
        assert_eq!(bad.validate().unwrap_err(), vec![Problem::NameLength, Problem::SiretInvalid, Problem::PostcodeUnknown, Problem::PositionInvalid]);
        let placed = NewRegieForm { nom: "Régie Test".into(), code_postal: "75019".into(), lat: "48,88".into(), lon: "2,38".into(), ..Default::default() };
        assert_eq!(placed.validate().unwrap().position, Some((48.88, 2.38)));
    }
}
