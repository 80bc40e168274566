//! The report of one territory (France, a région, a département, an EPCI or a commune) for
//! elected officials: how many QPVs, which have a Régie and how sure we are, the Régies present
//! with their key figures summed, their partners, the breakdown into smaller territories and a
//! comparison with France. Computed here from plain rows so that the rules are in one place.
//!
//! Which QPVs belong to a territory: those with at least one of their communes in it (a QPV
//! spanning two communes of different EPCIs counts in both). France holds every QPV, even those
//! the commune file does not place (the 88 of French Polynesia).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::coverage::CoverageStatus;
use crate::partner::PartnerKind;
use crate::regie::ChiffresCles;

pub use super::data::*;
pub use super::figures::{FigureSum, KeyFigure, SummedFigures};
pub use super::scope::{Niveau, Scope};
use super::figures::sum_figures;

// ---------------------------------------------------------------------------------------------
// Output.

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageCounts {
    pub total: usize,
    pub confirmee: usize,
    pub declaree: usize,
    pub estimee: usize,
    pub sans: usize,
}

impl CoverageCounts {
    pub fn avec_regie(&self) -> usize {
        self.confirmee + self.declaree + self.estimee
    }

    /// Share of QPVs with a Régie, in percent (0 when there is no QPV).
    pub fn part_couverte(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.avec_regie() as f64 / self.total as f64
        }
    }

    fn add(&mut self, status: Option<CoverageStatus>) {
        self.total += 1;
        match status {
            Some(CoverageStatus::Confirmee) => self.confirmee += 1,
            Some(CoverageStatus::Declaree) => self.declaree += 1,
            Some(CoverageStatus::Estimee) => self.estimee += 1,
            None => self.sans += 1,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerritoryLink {
    pub niveau: Niveau,
    pub code: String,
    pub nom: String,
}

impl TerritoryLink {
    pub fn href(&self) -> String {
        Scope { niveau: self.niveau, code: self.code.clone() }.href()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TerritoryQpv {
    pub code: String,
    pub nom: String,
    /// (INSEE code, name) of its communes known to the data.
    pub communes: Vec<(String, String)>,
    pub departement: String,
    /// Best status any Régie gives it; None: no Régie.
    pub statut: Option<CoverageStatus>,
    /// Names of the Régies that cover it.
    pub regies: Vec<String>,
    pub population: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TerritoryRegie {
    pub slug: String,
    pub nom: String,
    pub commune: String,
    /// QPVs of this territory it covers.
    pub qpv_ici: usize,
    pub chiffres: Option<ChiffresCles>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TerritoryPartner {
    pub id: i64,
    pub nom: String,
    pub nature: PartnerKind,
    /// Régies of the territory it works with.
    pub regies: usize,
    pub contrats: i64,
    pub montant_euros: i64,
    pub demo: bool,
}

/// Coverage of one smaller territory (a row of the breakdown table, an area of the map).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaCoverage {
    pub niveau: Niveau,
    pub code: String,
    pub nom: String,
    pub qpv: usize,
    pub avec_regie: usize,
    /// Régies based there.
    pub regies: usize,
}

impl AreaCoverage {
    pub fn part_couverte(&self) -> f64 {
        if self.qpv == 0 {
            0.0
        } else {
            100.0 * self.avec_regie as f64 / self.qpv as f64
        }
    }

    pub fn href(&self) -> String {
        Scope { niveau: self.niveau, code: self.code.clone() }.href()
    }
}

/// Colour class of an area on the coverage map: `None` when it has no QPV, else 0 (no QPV
/// covered) to 4 (75 % or more).
pub fn share_class(qpv: usize, avec_regie: usize) -> Option<u8> {
    if qpv == 0 {
        return None;
    }
    if avec_regie == 0 {
        return Some(0);
    }
    let pct = 100 * avec_regie / qpv;
    Some(match pct {
        0..=24 => 1,
        25..=49 => 2,
        50..=74 => 3,
        _ => 4,
    })
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TerritoryReport {
    pub scope: Scope,
    pub nom: String,
    /// From France down to the parent of this territory.
    pub parents: Vec<TerritoryLink>,
    pub couverture: CoverageCounts,
    pub communes_avec_qpv: usize,
    /// Legal population of the communes that have a QPV here.
    pub population_communes: i64,
    /// Sum of the QPVs' own populations where the data has them, and how many have one.
    pub population_qpv: i64,
    pub qpv_avec_population: usize,
    pub qpvs: Vec<TerritoryQpv>,
    pub regies: Vec<TerritoryRegie>,
    pub chiffres: SummedFigures,
    pub partenaires: Vec<TerritoryPartner>,
    pub decoupage: Vec<AreaCoverage>,
    /// QPVs the breakdown cannot place (no commune in the data).
    pub hors_decoupage: usize,
    pub national: CoverageCounts,
    pub regies_nationales: usize,
}

/// The report of `scope`, or None when no such territory exists.
pub fn report(data: &TerritoryData, scope: &Scope) -> Option<TerritoryReport> {
    let (nom, parents) = identify(data, scope)?;
    let commune_in = |insee: &str| data.communes.get(insee).is_some_and(|c| in_scope(c, scope));
    let qpv_in = |q: &QpvInfo| scope.niveau == Niveau::France || q.communes.iter().any(|c| commune_in(c));

    let mut best: HashMap<&str, CoverageStatus> = HashMap::new();
    let mut covering: HashMap<&str, Vec<i64>> = HashMap::new();
    for (regie, qpv, status) in &data.couvertures {
        let b = best.entry(qpv.as_str()).or_insert(*status);
        *b = (*b).max(*status);
        covering.entry(qpv.as_str()).or_default().push(*regie);
    }
    let regie_by_id: HashMap<i64, &RegieInfo> = data.regies.iter().map(|r| (r.id, r)).collect();

    let mut couverture = CoverageCounts::default();
    let mut national = CoverageCounts::default();
    let mut communes_avec_qpv: BTreeSet<&str> = BTreeSet::new();
    let mut qpvs = Vec::new();
    let mut qpv_here: BTreeSet<&str> = BTreeSet::new();
    let (mut population_qpv, mut qpv_avec_population) = (0, 0);
    for q in &data.qpvs {
        let status = best.get(q.code.as_str()).copied();
        national.add(status);
        if !qpv_in(q) {
            continue;
        }
        couverture.add(status);
        qpv_here.insert(&q.code);
        if let Some(p) = q.population {
            population_qpv += p;
            qpv_avec_population += 1;
        }
        let communes: Vec<(String, String)> = q
            .communes
            .iter()
            .filter_map(|c| data.communes.get(c))
            .map(|c| (c.insee.clone(), c.nom.clone()))
            .collect();
        communes_avec_qpv.extend(q.communes.iter().filter(|c| commune_in(c)).map(String::as_str));
        let mut regies: Vec<String> = covering
            .get(q.code.as_str())
            .into_iter()
            .flatten()
            .filter_map(|id| regie_by_id.get(id).map(|r| r.nom.clone()))
            .collect();
        regies.sort();
        regies.dedup();
        let departement = q.communes.iter().find_map(|c| data.communes.get(c)).map(|c| c.departement.clone()).unwrap_or_default();
        qpvs.push(TerritoryQpv { code: q.code.clone(), nom: q.nom.clone(), communes, departement, statut: status, regies, population: q.population });
    }
    qpvs.sort_by(|a, b| a.statut.is_some().cmp(&b.statut.is_some()).then_with(|| a.nom.cmp(&b.nom)).then_with(|| a.code.cmp(&b.code)));
    let population_communes = communes_avec_qpv.iter().filter_map(|c| data.communes.get(*c)?.population).sum();

    // Régies present: based here, or covering a QPV here.
    let mut qpv_ici: HashMap<i64, usize> = HashMap::new();
    for (regie, qpv, _) in &data.couvertures {
        if qpv_here.contains(qpv.as_str()) {
            *qpv_ici.entry(*regie).or_default() += 1;
        }
    }
    let present: Vec<&RegieInfo> = data
        .regies
        .iter()
        .filter(|r| scope.niveau == Niveau::France || commune_in(&r.commune_insee) || qpv_ici.contains_key(&r.id))
        .collect();
    let mut regies: Vec<TerritoryRegie> = present
        .iter()
        .map(|r| TerritoryRegie {
            slug: r.slug.clone(),
            nom: r.nom.clone(),
            commune: data.communes.get(&r.commune_insee).map(|c| c.nom.clone()).unwrap_or_default(),
            qpv_ici: qpv_ici.get(&r.id).copied().unwrap_or(0),
            chiffres: r.chiffres.clone(),
        })
        .collect();
    regies.sort_by(|a, b| a.nom.cmp(&b.nom).then_with(|| a.slug.cmp(&b.slug)));
    let chiffres = sum_figures(present.iter().filter_map(|r| r.chiffres.as_ref()));

    let present_ids: BTreeSet<i64> = present.iter().map(|r| r.id).collect();
    let mut partners: BTreeMap<i64, (TerritoryPartner, BTreeSet<i64>)> = BTreeMap::new();
    for link in data.partenaires.iter().filter(|l| present_ids.contains(&l.regie_id)) {
        let entry = partners.entry(link.partenaire_id).or_insert_with(|| {
            let p = TerritoryPartner {
                id: link.partenaire_id,
                nom: link.nom.clone(),
                nature: link.nature,
                regies: 0,
                contrats: 0,
                montant_euros: 0,
                demo: false,
            };
            (p, BTreeSet::new())
        });
        entry.0.contrats += link.contrats;
        entry.0.montant_euros += link.montant_euros;
        entry.0.demo |= link.demo;
        entry.1.insert(link.regie_id);
    }
    let mut partenaires: Vec<TerritoryPartner> =
        partners.into_values().map(|(mut p, regies)| { p.regies = regies.len(); p }).collect();
    partenaires.sort_by(|a, b| b.regies.cmp(&a.regies).then_with(|| a.nom.cmp(&b.nom)));

    let (decoupage, hors_decoupage) = breakdown(data, scope, &best);
    Some(TerritoryReport {
        scope: scope.clone(),
        nom,
        parents,
        couverture,
        communes_avec_qpv: communes_avec_qpv.len(),
        population_communes,
        population_qpv,
        qpv_avec_population,
        qpvs,
        regies,
        chiffres,
        partenaires,
        decoupage,
        hors_decoupage,
        national,
        regies_nationales: data.regies.len(),
    })
}

fn in_scope(c: &CommuneInfo, scope: &Scope) -> bool {
    match scope.niveau {
        Niveau::France => true,
        Niveau::Region => c.region == scope.code,
        Niveau::Departement => c.departement == scope.code,
        Niveau::Epci => c.epci.as_deref() == Some(scope.code.as_str()),
        Niveau::Commune => c.insee == scope.code,
    }
}

/// Name of the territory and the chain of its parents; None when it does not exist.
fn identify(data: &TerritoryData, scope: &Scope) -> Option<(String, Vec<TerritoryLink>)> {
    let france = TerritoryLink { niveau: Niveau::France, code: String::new(), nom: "France".to_owned() };
    let region = |code: &str| {
        data.regions.get(code).map(|nom| TerritoryLink { niveau: Niveau::Region, code: code.to_owned(), nom: nom.clone() })
    };
    let departement = |code: &str| {
        data.departements.get(code).map(|(nom, _)| TerritoryLink { niveau: Niveau::Departement, code: code.to_owned(), nom: nom.clone() })
    };
    let code = scope.code.as_str();
    match scope.niveau {
        Niveau::France => Some(("France".to_owned(), vec![])),
        Niveau::Region => Some((data.regions.get(code)?.clone(), vec![france])),
        Niveau::Departement => {
            let (nom, reg) = data.departements.get(code)?;
            Some((nom.clone(), [Some(france), region(reg)].into_iter().flatten().collect()))
        }
        Niveau::Epci => {
            let nom = data.epcis.get(code)?.clone();
            // An EPCI rarely spans départements: its parents are those of its first commune.
            let first = data.communes.values().filter(|c| c.epci.as_deref() == Some(code)).min_by(|a, b| a.insee.cmp(&b.insee));
            let mut parents = vec![france];
            if let Some(c) = first {
                parents.extend(region(&c.region));
                parents.extend(departement(&c.departement));
            }
            Some((nom, parents))
        }
        Niveau::Commune => {
            let c = data.communes.get(code)?;
            let mut parents: Vec<TerritoryLink> = [Some(france), region(&c.region), departement(&c.departement)].into_iter().flatten().collect();
            if let Some(siren) = &c.epci {
                if let Some(nom) = data.epcis.get(siren) {
                    parents.push(TerritoryLink { niveau: Niveau::Epci, code: siren.clone(), nom: nom.clone() });
                }
            }
            Some((c.nom.clone(), parents))
        }
    }
}

/// Coverage per smaller territory. Every area of the level inside the territory is listed, even
/// without a QPV (the map shows it grey), except communes: only those with a QPV.
fn breakdown(data: &TerritoryData, scope: &Scope, best: &HashMap<&str, CoverageStatus>) -> (Vec<AreaCoverage>, usize) {
    let Some(level) = scope.niveau.breakdown() else { return (vec![], 0) };
    let key = |c: &CommuneInfo| -> Option<String> {
        match level {
            Niveau::Departement => Some(c.departement.clone()),
            Niveau::Epci => c.epci.clone(),
            Niveau::Commune => Some(c.insee.clone()),
            Niveau::France | Niveau::Region => None,
        }
    };
    let mut areas: BTreeMap<String, AreaCoverage> = BTreeMap::new();
    let name = |code: &str| -> String {
        match level {
            Niveau::Departement => data.departements.get(code).map(|d| d.0.clone()),
            Niveau::Epci => data.epcis.get(code).cloned(),
            _ => data.communes.get(code).map(|c| c.nom.clone()),
        }
        .unwrap_or_default()
    };
    fn area<'m>(areas: &'m mut BTreeMap<String, AreaCoverage>, level: Niveau, code: String, name: &dyn Fn(&str) -> String) -> &'m mut AreaCoverage {
        areas.entry(code.clone()).or_insert_with(|| AreaCoverage { niveau: level, nom: name(&code), code, qpv: 0, avec_regie: 0, regies: 0 })
    }
    // Départements of a région or of France are listed even without QPV.
    if level == Niveau::Departement {
        for (code, (_, region)) in &data.departements {
            if scope.niveau == Niveau::France || *region == scope.code {
                area(&mut areas, level, code.clone(), &name);
            }
        }
    }
    let mut hors = 0;
    for q in &data.qpvs {
        let keys: BTreeSet<String> =
            q.communes.iter().filter_map(|c| data.communes.get(c)).filter(|c| in_scope(c, scope)).filter_map(key).collect();
        if keys.is_empty() {
            if scope.niveau == Niveau::France {
                hors += 1;
            }
            continue;
        }
        for k in keys {
            let a = area(&mut areas, level, k, &name);
            a.qpv += 1;
            if best.contains_key(q.code.as_str()) {
                a.avec_regie += 1;
            }
        }
    }
    for r in &data.regies {
        if let Some(c) = data.communes.get(&r.commune_insee).filter(|c| in_scope(c, scope)) {
            if let Some(k) = key(c) {
                area(&mut areas, level, k, &name).regies += 1;
            }
        }
    }
    (areas.into_values().collect(), hors)
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
