//! Validation of a Régies file, row by row, with the header names people actually use.

use std::collections::HashMap;

use crate::activite::{self, Activite};
use crate::csv_input::{parse_decimal, FileError, Row, Table};
use crate::dates::parse_date;
use crate::regie::profile::in_france;
use crate::regie::Verification;
use crate::line_problem::{CoordinatesWhy, LineProblem};
use crate::report::Rejection;
use crate::siret::parse_siret;
use crate::territoire::is_postcode;

/// A valid row of a Régies file, before its commune is resolved against the database.
#[derive(Clone, Debug, PartialEq)]
pub struct RegieInput {
    pub line: usize,
    pub nom: String,
    pub siret: Option<String>,
    pub adresse: Option<String>,
    pub code_postal: String,
    pub commune: String,
    pub coords: Option<(f64, f64)>,
    pub site_web: Option<String>,
    pub telephone: Option<String>,
    pub email: Option<String>,
    pub activites: Vec<Activite>,
    pub description: Option<String>,
    pub verification: Verification,
    pub date_creation: Option<String>,
    pub date_adhesion: Option<String>,
    pub source: Option<String>,
}

struct Columns {
    nom: usize,
    code_postal: usize,
    commune: usize,
    siret: Option<usize>,
    adresse: Option<usize>,
    lat: Option<usize>,
    lon: Option<usize>,
    site_web: Option<usize>,
    telephone: Option<usize>,
    email: Option<usize>,
    activites: Option<usize>,
    description: Option<usize>,
    statut: Option<usize>,
    date_creation: Option<usize>,
    date_adhesion: Option<usize>,
    source: Option<usize>,
}

impl Columns {
    fn find(t: &Table) -> Result<Self, FileError> {
        Ok(Self {
            nom: t.require(
                "Nom",
                &["nom", "nom de la structure", "raison sociale", "denomination sociale", "denomination", "structure", "nom de la regie"],
            )?,
            code_postal: t.require("Code postal", &["code postal", "cp", "code postal commune", "codepostal"])?,
            commune: t.require("Commune", &["commune", "ville", "localite", "libelle commune"])?,
            siret: t.find(&["siret", "n siret", "numero siret"]),
            adresse: t.find(&["adresse", "adresse postale", "rue", "adresse du siege"]),
            lat: t.find(&["latitude", "lat", "y"]),
            lon: t.find(&["longitude", "lon", "lng", "long", "x"]),
            site_web: t.find(&["site internet", "site web", "site", "url", "web"]),
            telephone: t.find(&["telephone", "tel", "tel fixe", "numero de telephone"]),
            email: t.find(&["courriel", "email", "e mail", "mail", "adresse mail", "adresse electronique"]),
            activites: t.find(&["activites", "activite", "metiers", "domaines d activite"]),
            description: t.find(&["description", "presentation"]),
            statut: t.find(&["statut", "verification", "statut de verification"]),
            date_creation: t.find(&["date de creation", "creation", "annee de creation"]),
            date_adhesion: t.find(&["date d adhesion", "adhesion", "date d adhesion au reseau"]),
            source: t.find(&["source"]),
        })
    }
}

/// Valid rows and rejected ones; a missing required column fails the whole file.
pub fn parse_regies(table: &Table) -> Result<(Vec<RegieInput>, Vec<Rejection>), FileError> {
    let cols = Columns::find(table)?;
    let mut valid = Vec::new();
    let mut rejected = Vec::new();
    let mut seen_siret: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        match parse_row(&cols, row) {
            Ok(input) => {
                if let Some(siret) = &input.siret {
                    if let Some(first) = seen_siret.get(siret) {
                        rejected.push(Rejection { line: row.line, problem: LineProblem::SiretRepeated { siret: siret.clone(), first: *first } });
                        continue;
                    }
                    seen_siret.insert(siret.clone(), row.line);
                }
                valid.push(input);
            }
            Err(problem) => rejected.push(Rejection { line: row.line, problem }),
        }
    }
    Ok((valid, rejected))
}

fn opt(row: &Row, col: Option<usize>) -> Option<String> {
    let v = row.get(col).trim();
    (!v.is_empty()).then(|| v.to_owned())
}

fn parse_row(c: &Columns, row: &Row) -> Result<RegieInput, LineProblem> {
    let nom = row.get(Some(c.nom)).trim().to_owned();
    if nom.is_empty() {
        return Err(LineProblem::NameEmpty);
    }
    // The profile form's rule: an import may not write a name a team could not save.
    let length = nom.chars().count();
    if !(3..=super::profile::NAME_MAX_CHARS).contains(&length) {
        return Err(LineProblem::NameLength { length });
    }
    let code_postal = row.get(Some(c.code_postal)).trim().to_owned();
    // Spreadsheets drop the leading zero of "02000".
    let code_postal = if code_postal.len() == 4 && is_postcode(&format!("0{code_postal}")) {
        format!("0{code_postal}")
    } else {
        code_postal
    };
    if !is_postcode(&code_postal) {
        return Err(LineProblem::PostcodeInvalid { value: code_postal });
    }
    let commune = row.get(Some(c.commune)).trim().to_owned();
    if commune.is_empty() {
        return Err(LineProblem::CommuneEmpty);
    }
    let siret = opt(row, c.siret).map(|s| parse_siret(&s)).transpose()?;
    let coords = parse_coords(row.get(c.lat), row.get(c.lon))?;
    let email = opt(row, c.email);
    if let Some(e) = &email {
        if !looks_like_email(e) {
            return Err(LineProblem::EmailInvalid { value: e.clone() });
        }
    }
    let site_web = opt(row, c.site_web).map(|s| {
        if s.starts_with("http://") || s.starts_with("https://") { s } else { format!("https://{s}") }
    });
    let activites = activite::parse_list(row.get(c.activites))?;
    let verification = match crate::text::fold(row.get(c.statut)).as_str() {
        "" | "a verifier" | "non verifiee" | "a_verifier" => Verification::AVerifier,
        "verifiee" | "verifie" | "membre" | "confirmee" => Verification::Verifiee,
        _ => return Err(LineProblem::StatusUnknown { value: row.get(c.statut).trim().to_owned() }),
    };
    let date_creation = opt(row, c.date_creation).map(|d| parse_date(&d)).transpose()?;
    let date_adhesion = opt(row, c.date_adhesion).map(|d| parse_date(&d)).transpose()?;
    Ok(RegieInput {
        line: row.line,
        nom,
        siret,
        adresse: opt(row, c.adresse),
        code_postal,
        commune,
        coords,
        site_web,
        telephone: opt(row, c.telephone),
        email,
        activites,
        description: opt(row, c.description),
        verification,
        date_creation,
        date_adhesion,
        source: opt(row, c.source),
    })
}

/// Latitude and longitude, both or neither, inside France (metropolitan or overseas).
pub fn parse_coords(lat: &str, lon: &str) -> Result<Option<(f64, f64)>, LineProblem> {
    match (lat.trim().is_empty(), lon.trim().is_empty()) {
        (true, true) => return Ok(None),
        (false, true) | (true, false) => return Err(LineProblem::CoordinatesIncomplete),
        _ => {}
    }
    let refused = |why| LineProblem::Coordinates { lat: lat.to_owned(), lon: lon.to_owned(), why };
    let (Some(la), Some(lo)) = (parse_decimal(lat), parse_decimal(lon)) else {
        return Err(refused(CoordinatesWhy::NotNumbers));
    };
    if !(-90.0..=90.0).contains(&la) || !(-180.0..=180.0).contains(&lo) {
        return Err(refused(CoordinatesWhy::OutOfBounds));
    }
    if in_france(la, lo) {
        Ok(Some((la, lo)))
    } else if in_france(lo, la) {
        Err(refused(CoordinatesWhy::Swapped))
    } else {
        Err(refused(CoordinatesWhy::OutsideFrance))
    }
}

fn looks_like_email(e: &str) -> bool {
    let mut parts = e.split('@');
    matches!((parts.next(), parts.next(), parts.next()), (Some(u), Some(d), None) if !u.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.') && !e.contains(' '))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_input::read_table;

    const GOOD: &str = "Nom de la structure;SIRET;Adresse;CP;Ville;Latitude;Longitude;Courriel;Activités\n\
        Régie de Quartiers de Laon;352 847 370 00033;11 rue Édouard Branly;2000;Laon;49,56618;3,647503;contact@example.org;Espaces verts|propreté\n";

    #[test]
    fn reads_usual_headers_and_french_decimals() {
        let t = read_table(GOOD.as_bytes()).unwrap();
        let (rows, rejected) = parse_regies(&t).unwrap();
        assert!(rejected.is_empty(), "{rejected:?}");
        let r = &rows[0];
        assert_eq!(r.nom, "Régie de Quartiers de Laon");
        assert_eq!(r.siret.as_deref(), Some("35284737000033"));
        assert_eq!(r.code_postal, "02000");
        assert_eq!(r.coords, Some((49.56618, 3.647503)));
        assert_eq!(r.activites, vec![Activite::EspacesVerts, Activite::Proprete]);
        assert_eq!(r.verification, Verification::AVerifier);
    }

    #[test]
    fn rejects_bad_rows_with_their_line_and_reason() {
        let file = "Nom;SIRET;Code postal;Commune;Latitude;Longitude\n\
            Régie A;35284737000033;02000;Laon;49.5;3.6\n\
            ;;02000;Laon;;\n\
            Régie B;35284737000033;02000;Laon;;\n\
            Régie C;;2A000;Ajaccio;;\n\
            Régie D;;02000;Laon;3.6;49.5\n\
            Régie E;;02000;Laon;91;3\n\
            Régie F;;02000;Laon;49.5;\n";
        let (rows, rejected) = parse_regies(&read_table(file.as_bytes()).unwrap()).unwrap();
        assert_eq!(rows.len(), 1);
        let got: Vec<(usize, String)> = rejected.iter().map(|r| (r.line, r.problem.to_string())).collect();
        assert_eq!(got[0], (3, "nom vide".to_owned()));
        assert_eq!(got[1], (4, "SIRET 35284737000033 déjà présent à la ligne 2 du fichier".to_owned()));
        assert_eq!(got[2].1, "code postal invalide « 2A000 » : 5 chiffres attendus");
        assert_eq!(got[3].1, "coordonnées invalides « 3.6 ; 49.5 » : latitude et longitude semblent inversées");
        assert!(got[4].1.contains("hors des bornes"), "{:?}", got[4]);
        assert!(got[5].1.contains("incomplètes"), "{:?}", got[5]);
        let english = rejected[3].problem.text(crate::locale::Locale::En);
        assert_eq!(english, "invalid coordinates “3.6 ; 49.5”: latitude and longitude seem swapped");
    }

    #[test]
    fn a_name_too_short_or_too_long_is_refused_like_on_the_profile_form() {
        let long = "R".repeat(151);
        let file = format!("Nom;Code postal;Commune\nAb;15140;Salers\n{long};15140;Salers\nAbc;15140;Salers\n");
        let table = crate::csv_input::read_table(file.as_bytes()).unwrap();
        let (rows, rejected) = parse_regies(&table).unwrap();
        assert_eq!(rows.len(), 1);
        let got: Vec<(usize, String)> = rejected.iter().map(|r| (r.line, r.problem.to_string())).collect();
        assert_eq!(got, [(2, "nom de 2 caractères : entre 3 et 150 attendus".to_owned()), (3, "nom de 151 caractères : entre 3 et 150 attendus".to_owned())]);
    }

    #[test]
    fn names_the_missing_column() {
        let t = read_table(b"Raison sociale;Ville\nA;Laon\n").unwrap();
        let err = parse_regies(&t).unwrap_err();
        assert!(err.to_string().contains("« Code postal »"), "{err}");
    }
}
