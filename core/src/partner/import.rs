//! Validation of a partnerships file: one row per relation between a Régie and a partner, with
//! optionally one contract or convention under it. The same columns as the export, so a file
//! exported, edited in a spreadsheet and imported again changes only what was edited.

use crate::csv_input::{parse_decimal, FileError, Row, Table};
use crate::partner::{College, PartnerKind, Procedure, RelationKind};
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

/// Valid rows and rejected ones (with their line and reason); a missing column fails the file.
pub fn parse_partnerships(table: &Table) -> Result<(Vec<PartnershipInput>, Vec<Rejection>), FileError> {
    let cols = Columns::find(table)?;
    let mut valid = Vec::new();
    let mut rejected = Vec::new();
    for row in &table.rows {
        match parse_row(&cols, row) {
            Ok(p) => valid.push(p),
            Err(reason) => rejected.push(Rejection { line: row.line, reason }),
        }
    }
    Ok((valid, rejected))
}

fn opt(row: &Row, col: Option<usize>) -> Option<String> {
    let v = row.get(col).trim();
    (!v.is_empty()).then(|| v.to_owned())
}

fn list<K: Copy>(all: &[K], label: fn(K) -> &'static str) -> String {
    all.iter().map(|k| label(*k)).collect::<Vec<_>>().join(", ")
}

/// "2024-03-01" or "01/03/2024" → "2024-03-01".
pub fn parse_date(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    let (y, m, d) = if let [d, m, y] = raw.split('/').collect::<Vec<_>>()[..] {
        (y, m, d)
    } else if let [y, m, d] = raw.split('-').collect::<Vec<_>>()[..] {
        (y, m, d)
    } else {
        return Err(format!("date invalide « {raw} » : JJ/MM/AAAA ou AAAA-MM-JJ attendu"));
    };
    let num = |s: &str, len: usize| (s.len() == len || (len == 2 && s.len() == 1)).then(|| s.parse::<u32>().ok()).flatten();
    match (num(y, 4), num(m, 2), num(d, 2)) {
        (Some(y), Some(m @ 1..=12), Some(d @ 1..=31)) => Ok(format!("{y:04}-{m:02}-{d:02}")),
        _ => Err(format!("date invalide « {raw} » : JJ/MM/AAAA ou AAAA-MM-JJ attendu")),
    }
}

fn period(start: Option<String>, end: Option<String>, what: &str) -> Result<(Option<String>, Option<String>), String> {
    let start = start.map(|s| parse_date(&s)).transpose()?;
    let end = end.map(|s| parse_date(&s)).transpose()?;
    if let (Some(a), Some(b)) = (&start, &end) {
        if b < a {
            return Err(format!("{what} : la fin ({b}) précède le début ({a})"));
        }
    }
    Ok((start, end))
}

fn parse_row(c: &Columns, row: &Row) -> Result<PartnershipInput, String> {
    let regie = row.get(Some(c.regie)).trim().to_owned();
    if regie.is_empty() {
        return Err("Régie manquante (SIRET ou identifiant de l'Atlas)".into());
    }
    let nom = row.get(Some(c.partenaire)).trim().to_owned();
    if nom.is_empty() {
        return Err("nom du partenaire manquant".into());
    }
    let raw = row.get(Some(c.nature)).trim();
    let nature = PartnerKind::parse(raw)
        .ok_or_else(|| format!("nature du partenaire inconnue « {raw} » : attendu {}", list(&PartnerKind::ALL, PartnerKind::label_fr)))?;
    let siren = opt(row, c.siren).map(|s| s.replace([' ', '\u{a0}'], ""));
    if let Some(s) = &siren {
        if s.len() != 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("SIREN du partenaire invalide « {s} » : 9 chiffres attendus"));
        }
    }
    let raw = row.get(Some(c.relation)).trim();
    let relation = RelationKind::parse(raw)
        .ok_or_else(|| format!("relation inconnue « {raw} » : attendu {}", list(&RelationKind::ALL, RelationKind::label_fr)))?;
    let college = match opt(row, c.college) {
        None => None,
        Some(raw) => {
            let college = College::parse(&raw)
                .ok_or_else(|| format!("collège inconnu « {raw} » : attendu habitants, élus, bailleurs et partenaires"))?;
            if relation != RelationKind::Gouvernance {
                return Err("un collège ne s'indique que pour un membre de la gouvernance".into());
            }
            Some(college)
        }
    };
    let (depuis, jusqu_a) = period(opt(row, c.depuis), opt(row, c.jusqu_a), "relation")?;

    let montant = opt(row, c.montant);
    let (debut, fin, procedure, activite) = (opt(row, c.debut), opt(row, c.fin), opt(row, c.procedure), opt(row, c.activite));
    let contrat = match opt(row, c.objet) {
        None => {
            if montant.is_some() || debut.is_some() || fin.is_some() || procedure.is_some() {
                return Err("contrat sans objet : indiquez l'objet du contrat ou videz ses colonnes".into());
            }
            None
        }
        Some(objet) => {
            let montant_euros = montant
                .map(|m| {
                    let cleaned = m.replace(['€', ' ', '\u{a0}', '\u{202f}'], "");
                    match parse_decimal(&cleaned) {
                        Some(v) if v < 0.0 => Err(format!("montant négatif « {m} »")),
                        Some(v) => Ok(v.round() as i64),
                        None => Err(format!("montant invalide « {m} » : un nombre d'euros attendu")),
                    }
                })
                .transpose()?;
            let raw = procedure.ok_or("procédure du contrat manquante : marché public, convention ou bon de commande")?;
            let procedure = Procedure::parse(&raw)
                .ok_or_else(|| format!("procédure inconnue « {raw} » : attendu {}", list(&Procedure::ALL, Procedure::label_fr)))?;
            let (debut, fin) = period(debut, fin, "contrat")?;
            // Activities use the Atlas vocabulary, stored by code.
            let activite = activite
                .map(|a| crate::activite::Activite::parse(&a).map(|x| x.code().to_owned()).ok_or_else(|| format!("activité inconnue « {a} »")))
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
        assert!(bad[0].reason.starts_with("nature du partenaire inconnue « banque »"), "{}", bad[0].reason);
        assert_eq!(bad[1].reason, "relation : la fin (2020-01-01) précède le début (2022-01-01)");
        assert_eq!(bad[2].reason, "montant négatif « -5 »");
        assert!(bad[3].reason.starts_with("relation inconnue « amitié »"));
        assert_eq!(bad[4].reason, "contrat : la fin (2024-04-01) précède le début (2024-05-01)");
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("1/2/2024").unwrap(), "2024-02-01");
        assert!(parse_date("2024-13-01").is_err());
        assert!(parse_date("hier").is_err());
    }
}
