//! Validation of a Régies file, row by row, with the header names people actually use.

use std::collections::HashMap;

use crate::activite::{self, Activite};
use crate::csv_input::{parse_decimal, FileError, Row, Table};
use crate::regie::profile::{in_france, parse_date};
use crate::regie::Verification;
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
                        rejected.push(Rejection {
                            line: row.line,
                            reason: format!("SIRET {siret} déjà présent à la ligne {first} du fichier"),
                        });
                        continue;
                    }
                    seen_siret.insert(siret.clone(), row.line);
                }
                valid.push(input);
            }
            Err(reason) => rejected.push(Rejection { line: row.line, reason }),
        }
    }
    Ok((valid, rejected))
}

fn opt(row: &Row, col: Option<usize>) -> Option<String> {
    let v = row.get(col).trim();
    (!v.is_empty()).then(|| v.to_owned())
}

fn parse_row(c: &Columns, row: &Row) -> Result<RegieInput, String> {
    let nom = row.get(Some(c.nom)).trim().to_owned();
    if nom.is_empty() {
        return Err("nom vide".into());
    }
    // The profile form's rule: an import may not write a name a team could not save.
    let length = nom.chars().count();
    if !(3..=super::profile::NAME_MAX_CHARS).contains(&length) {
        return Err(format!("nom de {length} caractères : entre 3 et {} attendus", super::profile::NAME_MAX_CHARS));
    }
    let code_postal = row.get(Some(c.code_postal)).trim().to_owned();
    // Spreadsheets drop the leading zero of "02000".
    let code_postal = if code_postal.len() == 4 && is_postcode(&format!("0{code_postal}")) {
        format!("0{code_postal}")
    } else {
        code_postal
    };
    if !is_postcode(&code_postal) {
        return Err(format!("code postal invalide « {code_postal} » : 5 chiffres attendus"));
    }
    let commune = row.get(Some(c.commune)).trim().to_owned();
    if commune.is_empty() {
        return Err("commune vide".into());
    }
    let siret = opt(row, c.siret).map(|s| parse_siret(&s)).transpose()?;
    let coords = parse_coords(row.get(c.lat), row.get(c.lon))?;
    let email = opt(row, c.email);
    if let Some(e) = &email {
        if !looks_like_email(e) {
            return Err(format!("courriel invalide « {e} »"));
        }
    }
    let site_web = opt(row, c.site_web).map(|s| {
        if s.starts_with("http://") || s.starts_with("https://") { s } else { format!("https://{s}") }
    });
    let activites = activite::parse_list(row.get(c.activites))?;
    let verification = match crate::text::fold(row.get(c.statut)).as_str() {
        "" | "a verifier" | "non verifiee" | "a_verifier" => Verification::AVerifier,
        "verifiee" | "verifie" | "membre" | "confirmee" => Verification::Verifiee,
        other => return Err(format!("statut inconnu « {other} » (attendu : à vérifier ou vérifiée)")),
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
pub fn parse_coords(lat: &str, lon: &str) -> Result<Option<(f64, f64)>, String> {
    match (lat.trim().is_empty(), lon.trim().is_empty()) {
        (true, true) => return Ok(None),
        (false, true) | (true, false) => {
            return Err("coordonnées incomplètes : latitude et longitude vont ensemble".into())
        }
        _ => {}
    }
    let (Some(la), Some(lo)) = (parse_decimal(lat), parse_decimal(lon)) else {
        return Err(format!("coordonnées invalides « {lat} ; {lon} » : nombres attendus"));
    };
    if !(-90.0..=90.0).contains(&la) || !(-180.0..=180.0).contains(&lo) {
        return Err(format!("coordonnées invalides « {lat} ; {lon} » : hors des bornes terrestres"));
    }
    if in_france(la, lo) {
        Ok(Some((la, lo)))
    } else if in_france(lo, la) {
        Err(format!("coordonnées invalides « {lat} ; {lon} » : latitude et longitude semblent inversées"))
    } else {
        Err(format!("coordonnées invalides « {lat} ; {lon} » : le point n'est pas en France"))
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
        let got: Vec<(usize, &str)> = rejected.iter().map(|r| (r.line, r.reason.as_str())).collect();
        assert_eq!(got[0], (3, "nom vide"));
        assert_eq!(got[1], (4, "SIRET 35284737000033 déjà présent à la ligne 2 du fichier"));
        assert!(got[2].1.starts_with("code postal invalide"), "{:?}", got[2]);
        assert!(got[3].1.contains("inversées"), "{:?}", got[3]);
        assert!(got[4].1.contains("hors des bornes"), "{:?}", got[4]);
        assert!(got[5].1.contains("incomplètes"), "{:?}", got[5]);
    }

    #[test]
    fn a_name_too_short_or_too_long_is_refused_like_on_the_profile_form() {
        let long = "R".repeat(151);
        let file = format!("Nom;Code postal;Commune\nAb;15140;Salers\n{long};15140;Salers\nAbc;15140;Salers\n");
        let table = crate::csv_input::read_table(file.as_bytes()).unwrap();
        let (rows, rejected) = parse_regies(&table).unwrap();
        assert_eq!(rows.len(), 1);
        let got: Vec<(usize, &str)> = rejected.iter().map(|r| (r.line, r.reason.as_str())).collect();
        assert_eq!(got, [(2, "nom de 2 caractères : entre 3 et 150 attendus"), (3, "nom de 151 caractères : entre 3 et 150 attendus")]);
    }

    #[test]
    fn names_the_missing_column() {
        let t = read_table(b"Raison sociale;Ville\nA;Laon\n").unwrap();
        let err = parse_regies(&t).unwrap_err();
        assert!(err.to_string().contains("« Code postal »"), "{err}");
    }

    #[test]
    fn dates_in_french_and_iso_forms() {
        assert_eq!(parse_date("01/03/2004").unwrap(), "2004-03-01");
        assert_eq!(parse_date("2004-03-01").unwrap(), "2004-03-01");
        assert_eq!(parse_date("1998").unwrap(), "1998");
        assert!(parse_date("32/01/2004").is_err());
    }
}
