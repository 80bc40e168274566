//! A Régie's partners as its team keeps them in `/gestion/<slug>/partenaires`: each relation
//! (a partner, how they work together, since when) with its contracts. They are part of the
//! versioned profile, so their history, diff and restore are the profile's. A partner is chosen
//! among those the Atlas knows (found by SIREN or name) or added once: the same SIREN or the
//! same name is never a second partner.

use serde::{Deserialize, Serialize};

use super::profile::{website, Problem};
use crate::dates::parse_date;
use crate::locale::Locale;
use crate::partner::{College, PartnerKind, Procedure, RelationKind};
use crate::text::fold;

pub const PARTNER_NAME_MAX_CHARS: usize = 150;
pub const TERRITORY_MAX_CHARS: usize = 100;
pub const OBJECT_MAX_CHARS: usize = 200;

/// One relation of the Régie with a partner, as a version keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Partnership {
    /// The partner's id in the Atlas.
    pub partenaire: i64,
    /// Its name and kind when the version was made, for the history to read.
    pub nom: String,
    pub nature: PartnerKind,
    pub relation: RelationKind,
    pub college: Option<College>,
    pub depuis: Option<String>,
    pub jusqu_a: Option<String>,
    #[serde(default)]
    pub contrats: Vec<ContractLine>,
    /// Demonstration data keeps its label through an edit.
    #[serde(default)]
    pub demo: bool,
}

impl Partnership {
    /// A relation is one partner in one role: the key of the page's buttons.
    pub fn is(&self, partenaire: i64, relation: RelationKind) -> bool {
        self.partenaire == partenaire && self.relation == relation
    }
}

/// A contract or convention under a relation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContractLine {
    pub objet: String,
    pub montant_euros: Option<i64>,
    pub debut: Option<String>,
    pub fin: Option<String>,
    pub procedure: Procedure,
    /// An activity of the Atlas vocabulary, by code.
    pub activite: Option<String>,
    #[serde(default)]
    pub demo: bool,
}

/// A partner the Atlas does not know yet, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewPartnerForm {
    pub nom: String,
    pub nature: String,
    pub siren: String,
    pub territoire: String,
    pub site_web: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NewPartner {
    pub nom: String,
    pub nature: PartnerKind,
    pub siren: Option<String>,
    pub territoire: Option<String>,
    pub site_web: Option<String>,
}

/// How the Régie and the partner work together, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RelationForm {
    pub relation: String,
    pub college: String,
    pub depuis: String,
    pub jusqu_a: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RelationTerms {
    pub relation: RelationKind,
    pub college: Option<College>,
    pub depuis: Option<String>,
    pub jusqu_a: Option<String>,
}

/// A contract as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContractForm {
    pub objet: String,
    pub montant: String,
    pub debut: String,
    pub fin: String,
    pub procedure: String,
    pub activite: String,
}

fn optional(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// Both dates read, the end not before the start; `None` when one is not a date or they cross.
fn period(start: &str, end: &str) -> Option<(Option<String>, Option<String>)> {
    let start = optional(start).map(|d| parse_date(&d)).transpose().ok()?;
    let end = optional(end).map(|d| parse_date(&d)).transpose().ok()?;
    match (&start, &end) {
        (Some(s), Some(e)) if e < s => None,
        _ => Some((start, end)),
    }
}

impl NewPartnerForm {
    pub fn validate(&self) -> Result<NewPartner, Vec<Problem>> {
        let mut problems = Vec::new();
        let nom = optional(&self.nom).unwrap_or_default();
        if !(2..=PARTNER_NAME_MAX_CHARS).contains(&nom.chars().count()) {
            problems.push(Problem::PartnerNameLength);
        }
        let nature = PartnerKind::from_code(self.nature.trim()).or_else(|| PartnerKind::parse(&self.nature));
        if nature.is_none() {
            problems.push(Problem::PartnerKindUnknown);
        }
        let siren = optional(&self.siren).map(|s| crate::siret::parse_siren(&s));
        if matches!(siren, Some(None)) {
            problems.push(Problem::SirenInvalid);
        }
        let territoire = optional(&self.territoire);
        if territoire.as_ref().is_some_and(|t| t.chars().count() > TERRITORY_MAX_CHARS) {
            problems.push(Problem::TerritoryLength);
        }
        let site_web = optional(&self.site_web).map(|s| website(&s));
        if matches!(site_web, Some(None)) {
            problems.push(Problem::PartnerWebsiteInvalid);
        }
        match nature {
            Some(nature) if problems.is_empty() => Ok(NewPartner { nom, nature, siren: siren.flatten(), territoire, site_web: site_web.flatten() }),
            _ => Err(problems),
        }
    }
}

impl RelationForm {
    pub fn validate(&self) -> Result<RelationTerms, Vec<Problem>> {
        let mut problems = Vec::new();
        let relation = RelationKind::from_code(self.relation.trim()).or_else(|| RelationKind::parse(&self.relation));
        if relation.is_none() {
            problems.push(Problem::RelationUnknown);
        }
        // A college is a seat in the governance: only a member of it has one.
        let college = optional(&self.college).map(|c| College::from_code(&c).or_else(|| College::parse(&c)));
        let college_fits = match (&college, relation) {
            (None, _) => true,
            (Some(None), _) => false,
            (Some(Some(_)), r) => r == Some(RelationKind::Gouvernance),
        };
        if !college_fits {
            problems.push(Problem::CollegeInvalid);
        }
        let dates = period(&self.depuis, &self.jusqu_a);
        if dates.is_none() {
            problems.push(Problem::RelationDates);
        }
        match (relation, dates) {
            (Some(relation), Some((depuis, jusqu_a))) if problems.is_empty() => Ok(RelationTerms { relation, college: college.flatten(), depuis, jusqu_a }),
            _ => Err(problems),
        }
    }
}

impl ContractForm {
    pub fn validate(&self) -> Result<ContractLine, Vec<Problem>> {
        let mut problems = Vec::new();
        let objet = optional(&self.objet).unwrap_or_default();
        if !(3..=OBJECT_MAX_CHARS).contains(&objet.chars().count()) {
            problems.push(Problem::ContractObject);
        }
        let montant = super::figures_form::count(&self.montant);
        if montant.is_err() {
            problems.push(Problem::ContractAmount);
        }
        let dates = period(&self.debut, &self.fin);
        if dates.is_none() {
            problems.push(Problem::ContractDates);
        }
        let procedure = Procedure::from_code(self.procedure.trim()).or_else(|| Procedure::parse(&self.procedure));
        if procedure.is_none() {
            problems.push(Problem::ProcedureUnknown);
        }
        let activite = optional(&self.activite).map(|a| crate::activite::Activite::from_code(&a).or_else(|| crate::activite::Activite::parse(&a)));
        if matches!(activite, Some(None)) {
            problems.push(Problem::ActivityUnknown);
        }
        match (procedure, dates, montant) {
            (Some(procedure), Some((debut, fin)), Ok(montant_euros)) if problems.is_empty() => Ok(ContractLine {
                objet,
                montant_euros,
                debut,
                fin,
                procedure,
                activite: activite.flatten().map(|a| a.code().to_owned()),
                demo: false,
            }),
            _ => Err(problems),
        }
    }
}

/// One change to the Régie's relations, by the key the page shows (partner, role).
#[derive(Clone, Debug, PartialEq)]
pub enum PartnerEdit {
    Add(Partnership),
    Remove(i64, RelationKind),
    AddContract(i64, RelationKind, ContractLine),
    /// The contract at this place in the relation's list (the version the page showed fixes it).
    RemoveContract(i64, RelationKind, usize),
}

impl PartnerEdit {
    /// The relations once changed; `Err(Some(_))`: refused for that reason; `Err(None)`: the
    /// relation or contract named is not there.
    pub fn apply(self, current: &[Partnership]) -> Result<Vec<Partnership>, Option<Problem>> {
        let mut out = current.to_vec();
        let find = |out: &mut Vec<Partnership>, partner: i64, relation: RelationKind| out.iter().position(|p| p.is(partner, relation)).ok_or(None);
        match self {
            PartnerEdit::Add(new) => {
                if out.iter().any(|p| p.is(new.partenaire, new.relation)) {
                    return Err(Some(Problem::RelationExists));
                }
                out.push(new);
            }
            PartnerEdit::Remove(partner, relation) => {
                let i = find(&mut out, partner, relation)?;
                out.remove(i);
            }
            PartnerEdit::AddContract(partner, relation, contract) => {
                let i = find(&mut out, partner, relation)?;
                out[i].contrats.push(contract);
            }
            PartnerEdit::RemoveContract(partner, relation, index) => {
                let i = find(&mut out, partner, relation)?;
                if index >= out[i].contrats.len() {
                    return Err(None);
                }
                out[i].contrats.remove(index);
            }
        }
        Ok(out)
    }
}

/// Two partners are the same when their names read the same (case, accents, spaces apart).
pub fn same_name(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

/// The relations as the history reads them, one per line.
pub fn shown(partners: &[Partnership], locale: Locale) -> String {
    let since = |d: &Option<String>, word: &str| d.as_deref().map(|d| format!(", {word} {}", if d.len() == 4 { d.to_owned() } else { locale.date(d) }));
    let (from, to) = match locale {
        Locale::Fr => ("depuis", "jusqu'au"),
        Locale::En => ("since", "until"),
    };
    partners
        .iter()
        .map(|p| {
            let college = p.college.map(|c| format!(", {}", c.label(locale))).unwrap_or_default();
            let contracts = p
                .contrats
                .iter()
                .map(|c| {
                    let amount = c.montant_euros.map(|m| format!(", {} €", locale.int(m))).unwrap_or_default();
                    format!(" [{} ({}{amount})]", c.objet, c.procedure.label(locale))
                })
                .collect::<String>();
            format!(
                "{} ({}) : {}{college}{}{}{contracts}",
                p.nom,
                p.nature.label(locale),
                p.relation.label(locale),
                since(&p.depuis, from).unwrap_or_default(),
                since(&p.jusqu_a, to).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

#[cfg(test)]
#[path = "partners_form_tests.rs"]
mod tests;
