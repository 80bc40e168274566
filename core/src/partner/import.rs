//! Validation of a partnerships file: one row per relation between a Régie and a partner, with
//! optionally one contract or convention under it. The same columns as the export, so a file
//! exported, edited in a spreadsheet and imported again changes only what was edited.

use crate::csv_input::{parse_decimal, FileError, Row, Table};
use crate::partner::{College, PartnerKind, Procedure, RelationKind};
use crate::dates::parse_day;
use crate::line_problem::{LineProblem, Period};
use crate::report::Rejection;

/// Column headers of the file, as the export writes them.
pub const HEADERS: [&str; 16] = [
    "Régie",
    "Partenaire",
    "Nature du partenaire",
    "SIREN du partenaire",
    "Territoire du partenaire",
    "Site du partenaire",
    "Relation",
    "Collège",
    "Depuis",
    "Jusqu'au",
    "Objet du contrat",
    "Montant (€)",
    "Début du contrat",
    "Fin du contrat",
    "Procédure",
    "Activité",
];

#[derive(Clone, Debug, PartialEq)]
pub struct PartnerInput {
    pub nom: String,
    pub nature: PartnerKind,
    pub siren: Option<String>,
    pub territoire: Option<String>,
    pub site_web: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ContractInput {
    pub objet: String,
    pub montant_euros: Option<i64>,
    pub debut: Option<String>,
    pub fin: Option<String>,
    pub procedure: Procedure,
    pub activite: Option<String>,
}

/// A valid row, before its Régie is looked up in the database.
#[derive(Clone, Debug, PartialEq)]
pub struct PartnershipInput {
    pub line: usize,
    /// SIRET or Atlas identifier (slug) of the Régie.
    pub regie: String,
    pub partenaire: PartnerInput,
    pub relation: RelationKind,
    pub college: Option<College>,
    pub depuis: Option<String>,
    pub jusqu_a: Option<String>,
    pub contrat: Option<ContractInput>,
}

struct Columns {
    regie: usize,
    partenaire: usize,
    nature: usize,
    relation: usize,
    siren: Option<usize>,
    territoire: Option<usize>,
    site: Option<usize>,
    college: Option<usize>,
    depuis: Option<usize>,
    jusqu_a: Option<usize>,
    objet: Option<usize>,
    montant: Option<usize>,
    debut: Option<usize>,
    fin: Option<usize>,
    procedure: Option<usize>,
    activite: Option<usize>,
}

impl Columns {
    fn find(t: &Table) -> Result<Self, FileError> {
        Ok(Self {
            regie: t.require("Régie", &["regie", "regie siret ou identifiant", "siret de la regie", "regie siret"])?,
            partenaire: t.require("Partenaire", &["partenaire", "nom du partenaire"])?,
            nature: t.require("Nature du partenaire", &["nature du partenaire", "type de partenaire", "nature partenaire"])?,
            relation: t.require("Relation", &["relation", "nature de la relation", "type de relation"])?,
            siren: t.find(&["siren du partenaire", "siren"]),
            territoire: t.find(&["territoire du partenaire", "territoire"]),
            site: t.find(&["site du partenaire", "site internet", "site web"]),
            college: t.find(&["college"]),
            depuis: t.find(&["depuis", "debut de la relation"]),
            jusqu_a: t.find(&["jusqu au", "fin de la relation"]),
            objet: t.find(&["objet du contrat", "objet", "contrat"]),
            montant: t.find(&["montant", "montant eur", "montant euros", "montant du contrat"]),
            debut: t.find(&["debut du contrat", "debut"]),
            fin: t.find(&["fin du contrat", "fin"]),
            procedure: t.find(&["procedure"]),
            activite: t.find(&["activite"]),
        })
    }
}

/// Valid rows and rejected ones (with their line and problem); a missing column fails the file.
pub fn parse_partnerships(table: &Table) -> Result<(Vec<PartnershipInput>, Vec<Rejection>), FileError> {
    let cols = Columns::find(table)?;
    let mut valid = Vec::new();
    let mut rejected = Vec::new();
    for row in &table.rows {
        match parse_row(&cols, row) {
            Ok(p) => valid.push(p),
            Err(problem) => rejected.push(Rejection { line: row.line, problem }),
        }
    }
    Ok((valid, rejected))
}

fn opt(row: &Row, col: Option<usize>) -> Option<String> {
    let v = row.get(col).trim();
    (!v.is_empty()).then(|| v.to_owned())
}

fn period(start: Option<String>, end: Option<String>, of: Period) -> Result<(Option<String>, Option<String>), LineProblem> {
    let start = start.map(|s| parse_day(&s)).transpose()?;
    let end = end.map(|s| parse_day(&s)).transpose()?;
    if let (Some(a), Some(b)) = (&start, &end) {
        if b < a {
            return Err(LineProblem::DatesReversed { of, start: a.clone(), end: b.clone() });
        }
    }
    Ok((start, end))
}

fn parse_row(c: &Columns, row: &Row) -> Result<PartnershipInput, LineProblem> {
    let regie = row.get(Some(c.regie)).trim().to_owned();
    if regie.is_empty() {
        return Err(LineProblem::RegieMissing);
    }
    let nom = row.get(Some(c.partenaire)).trim().to_owned();
    if nom.is_empty() {
        return Err(LineProblem::PartnerNameMissing);
    }
    let raw = row.get(Some(c.nature)).trim();
    let nature = PartnerKind::parse(raw).ok_or_else(|| LineProblem::PartnerKindUnknown { value: raw.to_owned() })?;
    let siren = opt(row, c.siren).map(|s| s.replace([' ', '\u{a0}'], ""));
    if let Some(s) = &siren {
        if s.len() != 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(LineProblem::SirenInvalid { value: s.clone() });
        }
    }
    let raw = row.get(Some(c.relation)).trim();
    let relation = RelationKind::parse(raw).ok_or_else(|| LineProblem::RelationUnknown { value: raw.to_owned() })?;
    let college = match opt(row, c.college) {
        None => None,
        Some(raw) => {
            let college = College::parse(&raw).ok_or_else(|| LineProblem::CollegeUnknown { value: raw.clone() })?;
            if relation != RelationKind::Gouvernance {
                return Err(LineProblem::CollegeOutsideGovernance);
            }
            Some(college)
        }
    };
    let (depuis, jusqu_a) = period(opt(row, c.depuis), opt(row, c.jusqu_a), Period::Relation)?;

    let montant = opt(row, c.montant);
    let (debut, fin, procedure, activite) = (opt(row, c.debut), opt(row, c.fin), opt(row, c.procedure), opt(row, c.activite));
    let contrat = match opt(row, c.objet) {
        None => {
            if montant.is_some() || debut.is_some() || fin.is_some() || procedure.is_some() {
                return Err(LineProblem::ContractWithoutObject);
            }
            None
        }
        Some(objet) => {
            let montant_euros = montant
                .map(|m| {
                    let cleaned = m.replace(['€', ' ', '\u{a0}', '\u{202f}'], "");
                    match parse_decimal(&cleaned) {
                        Some(v) if v < 0.0 => Err(LineProblem::AmountNegative { value: m.clone() }),
                        Some(v) => Ok(v.round() as i64),
                        None => Err(LineProblem::AmountInvalid { value: m.clone() }),
                    }
                })
                .transpose()?;
            let raw = procedure.ok_or(LineProblem::ProcedureMissing)?;
            let procedure = Procedure::parse(&raw).ok_or_else(|| LineProblem::ProcedureUnknown { value: raw.clone() })?;
            let (debut, fin) = period(debut, fin, Period::Contract)?;
            // Activities use the Atlas vocabulary, stored by code.
            let activite = activite
                .map(|a| crate::activite::Activite::parse(&a).map(|x| x.code().to_owned()).ok_or_else(|| LineProblem::ActivityUnknown { value: a.clone() }))
                .transpose()?;
            Some(ContractInput { objet, montant_euros, debut, fin, procedure, activite })
        }
    };
    Ok(PartnershipInput {
        line: row.line,
        regie,
        partenaire: PartnerInput { nom, nature, siren, territoire: opt(row, c.territoire), site_web: opt(row, c.site) },
        relation,
        college,
        depuis,
        jusqu_a,
        contrat,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_input::read_table;

    fn parse(body: &str) -> (Vec<PartnershipInput>, Vec<Rejection>) {
        let text = format!("{}\n{body}", HEADERS.join(";"));
        parse_partnerships(&read_table(text.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn reads_labels_as_people_write_them_and_french_numbers() {
        let (ok, bad) = parse(
            "rq-troyes;Office HLM;Bailleur social;123 456 789;Aube;;Donneur d'ordre;;01/01/2019;;Entretien des halls;12 500,50 €;2024-01-01;31/12/2026;Marché public;entretien\n\
             rq-troyes;Ville;collectivite;;;;gouvernance;Collège des élus;;;;;;;;",
        );
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(ok[0].partenaire.siren.as_deref(), Some("123456789"));
        assert_eq!(ok[0].depuis.as_deref(), Some("2019-01-01"));
        let c = ok[0].contrat.as_ref().unwrap();
        assert_eq!((c.montant_euros, c.procedure, c.fin.as_deref()), (Some(12_501), Procedure::MarchePublic, Some("2026-12-31")));
        assert_eq!(ok[1].college, Some(College::Elus));
        assert!(ok[1].contrat.is_none());
    }

    #[test]
    fn rejects_with_line_and_reason() {
        let (ok, bad) = parse(
            "a;P;banque;;;;financeur;;;;;;;;;\n\
             a;P;association;;;;financeur;;2022-01-01;2020-01-01;;;;;;\n\
             a;P;association;;;;financeur;;;;Objet;-5;;;convention;\n\
             a;P;association;;;;amitié;;;;;;;;;\n\
             a;P;association;;;;financeur;;;;Objet;10;2024-05-01;2024-04-01;convention;",
        );
        assert!(ok.is_empty());
        let lines: Vec<usize> = bad.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6]);
        let bad: Vec<String> = bad.iter().map(|r| r.problem.to_string()).collect();
        assert!(bad[0].starts_with("nature du partenaire inconnue « banque »"), "{}", bad[0]);
        assert_eq!(bad[1], "relation : la fin (2020-01-01) précède le début (2022-01-01)");
        assert_eq!(bad[2], "montant négatif « -5 »");
        assert!(bad[3].starts_with("relation inconnue « amitié »"));
        assert_eq!(bad[4], "contrat : la fin (2024-04-01) précède le début (2024-05-01)");
    }
}
