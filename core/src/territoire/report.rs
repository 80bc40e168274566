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

/// The level of a territory page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Niveau {
    France,
    Region,
    Departement,
    Epci,
    Commune,
}

impl Niveau {
    pub const ALL: [Self; 5] = [Self::France, Self::Region, Self::Departement, Self::Epci, Self::Commune];

    /// The path segment of its pages (`/territoires/departement/93`).
    pub fn code(self) -> &'static str {
        match self {
            Self::France => "france",
            Self::Region => "region",
            Self::Departement => "departement",
            Self::Epci => "epci",
            Self::Commune => "commune",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.code() == s)
    }

    /// The smaller territories a page breaks its coverage into (and colours on its map).
    pub fn breakdown(self) -> Option<Self> {
        match self {
            Self::France | Self::Region => Some(Self::Departement),
            Self::Departement => Some(Self::Epci),
            Self::Epci => Some(Self::Commune),
            Self::Commune => None,
        }
    }
}

/// Which territory: France has an empty code.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Scope {
    pub niveau: Niveau,
    pub code: String,
}

impl Scope {
    pub fn france() -> Self {
        Self { niveau: Niveau::France, code: String::new() }
    }

    /// Page address: `/territoires` for France, `/territoires/{niveau}/{code}` otherwise.
    pub fn href(&self) -> String {
        match self.niveau {
            Niveau::France => "/territoires".to_owned(),
            n => format!("/territoires/{}/{}", n.code(), self.code),
        }
    }

    /// Accepts what a URL may carry: a known level and a short code of letters and digits.
    pub fn parse(niveau: &str, code: &str) -> Option<Self> {
        let niveau = Niveau::from_code(niveau)?;
        let ok = match niveau {
            Niveau::France => code.is_empty(),
            _ => (1..=9).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric()),
        };
        ok.then(|| Self { niveau, code: code.to_ascii_uppercase() })
    }
}

// ---------------------------------------------------------------------------------------------
// Input: plain rows, as the server reads them from the database.

#[derive(Clone, Debug, PartialEq)]
pub struct CommuneInfo {
    pub insee: String,
    pub nom: String,
    pub departement: String,
    pub region: String,
    pub epci: Option<String>,
    pub population: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct QpvInfo {
    pub code: String,
    pub nom: String,
    /// INSEE codes of its communes.
    pub communes: Vec<String>,
    pub population: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RegieInfo {
    pub id: i64,
    pub slug: String,
    pub nom: String,
    pub commune_insee: String,
    /// Its most recent reported year, if any.
    pub chiffres: Option<ChiffresCles>,
}

/// One relation of a Régie with a partner, with its contracts summed.
#[derive(Clone, Debug, PartialEq)]
pub struct PartnerLink {
    pub regie_id: i64,
    pub partenaire_id: i64,
    pub nom: String,
    pub nature: PartnerKind,
    pub demo: bool,
    pub contrats: i64,
    pub montant_euros: i64,
}

/// Everything a report is computed from.
#[derive(Clone, Debug, Default)]
pub struct TerritoryData {
    pub regions: HashMap<String, String>,
    /// code → (nom, région code)
    pub departements: HashMap<String, (String, String)>,
    pub epcis: HashMap<String, String>,
    /// Communes that have a QPV or a Régie, plus the commune asked for.
    pub communes: HashMap<String, CommuneInfo>,
    pub qpvs: Vec<QpvInfo>,
    pub regies: Vec<RegieInfo>,
    pub couvertures: Vec<(i64, String, CoverageStatus)>,
    pub partenaires: Vec<PartnerLink>,
}

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

/// The key figures a Régie reports each year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyFigure {
    Salaries,
    SalariesInsertion,
    Benevoles,
    PersonnesAccompagnees,
    SortiesPositives,
    ChiffreAffaires,
    MarchesPublics,
}

impl KeyFigure {
    pub const ALL: [Self; 7] = [
        Self::Salaries,
        Self::SalariesInsertion,
        Self::Benevoles,
        Self::PersonnesAccompagnees,
        Self::SortiesPositives,
        Self::ChiffreAffaires,
        Self::MarchesPublics,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Salaries => "salaries",
            Self::SalariesInsertion => "salaries_insertion",
            Self::Benevoles => "benevoles",
            Self::PersonnesAccompagnees => "personnes_accompagnees",
            Self::SortiesPositives => "sorties_positives",
            Self::ChiffreAffaires => "chiffre_affaires_euros",
            Self::MarchesPublics => "marches_publics",
        }
    }

    pub fn of(self, c: &ChiffresCles) -> Option<i64> {
        match self {
            Self::Salaries => c.salaries,
            Self::SalariesInsertion => c.salaries_insertion,
            Self::Benevoles => c.benevoles,
            Self::PersonnesAccompagnees => c.personnes_accompagnees,
            Self::SortiesPositives => c.sorties_positives,
            Self::ChiffreAffaires => c.chiffre_affaires_euros,
            Self::MarchesPublics => c.marches_publics,
        }
    }
}

/// One key figure summed over the Régies that reported it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureSum {
    pub figure: KeyFigure,
    pub total: i64,
    /// How many of the territory's Régies reported it.
    pub regies: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummedFigures {
    pub sums: Vec<FigureSum>,
    /// Régies with at least one reported year.
    pub regies_declarantes: usize,
    /// Range of the (latest) years summed.
    pub annees: Option<(i64, i64)>,
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

fn sum_figures<'a>(years: impl Iterator<Item = &'a ChiffresCles>) -> SummedFigures {
    let mut sums: Vec<FigureSum> = KeyFigure::ALL.iter().map(|&figure| FigureSum { figure, total: 0, regies: 0 }).collect();
    let mut out = SummedFigures::default();
    for c in years {
        out.regies_declarantes += 1;
        out.annees = Some(match out.annees {
            None => (c.annee, c.annee),
            Some((a, b)) => (a.min(c.annee), b.max(c.annee)),
        });
        for s in &mut sums {
            if let Some(v) = s.figure.of(c) {
                s.total += v;
                s.regies += 1;
            }
        }
    }
    out.sums = sums;
    out
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
mod tests {
    use super::*;

    fn commune(insee: &str, dep: &str, epci: Option<&str>, pop: i64) -> (String, CommuneInfo) {
        (
            insee.to_owned(),
            CommuneInfo {
                insee: insee.into(),
                nom: format!("Commune {insee}"),
                departement: dep.into(),
                region: if dep == "93" { "11".into() } else { "44".into() },
                epci: epci.map(Into::into),
                population: Some(pop),
            },
        )
    }

    fn qpv(code: &str, communes: &[&str]) -> QpvInfo {
        QpvInfo { code: code.into(), nom: format!("Quartier {code}"), communes: communes.iter().map(|c| c.to_string()).collect(), population: None }
    }

    fn data() -> TerritoryData {
        TerritoryData {
            regions: [("11".into(), "Île-de-France".into()), ("44".into(), "Grand Est".into())].into(),
            departements: [("93".into(), ("Seine-Saint-Denis".into(), "11".into())), ("10".into(), ("Aube".into(), "44".into()))].into(),
            epcis: [("200054781".into(), "Métropole du Grand Paris".into()), ("200069250".into(), "Troyes Champagne Métropole".into())].into(),
            communes: [
                commune("93066", "93", Some("200054781"), 100_000),
                commune("93001", "93", Some("200054781"), 50_000),
                commune("10387", "10", Some("200069250"), 60_000),
            ]
            .into(),
            qpvs: vec![qpv("A", &["93066"]), qpv("B", &["93066", "93001"]), qpv("C", &["10387"]), qpv("P", &[])],
            regies: vec![
                RegieInfo {
                    id: 1,
                    slug: "rq-sd".into(),
                    nom: "RQ Saint-Denis".into(),
                    commune_insee: "93066".into(),
                    chiffres: Some(ChiffresCles { annee: 2023, salaries: Some(40), chiffre_affaires_euros: Some(1_000_000), ..Default::default() }),
                },
                RegieInfo {
                    id: 2,
                    slug: "rq-troyes".into(),
                    nom: "RQ Troyes".into(),
                    commune_insee: "10387".into(),
                    chiffres: Some(ChiffresCles { annee: 2022, salaries: Some(10), ..Default::default() }),
                },
            ],
            couvertures: vec![(1, "A".into(), CoverageStatus::Confirmee), (1, "B".into(), CoverageStatus::Estimee), (2, "B".into(), CoverageStatus::Declaree)],
            partenaires: vec![PartnerLink {
                regie_id: 1,
                partenaire_id: 7,
                nom: "Bailleur".into(),
                nature: PartnerKind::BailleurSocial,
                demo: true,
                contrats: 2,
                montant_euros: 300_000,
            }],
        }
    }

    #[test]
    fn france_counts_every_qpv_and_sums_latest_figures() {
        let r = report(&data(), &Scope::france()).unwrap();
        assert_eq!(r.couverture, CoverageCounts { total: 4, confirmee: 1, declaree: 1, estimee: 0, sans: 2 });
        assert_eq!(r.hors_decoupage, 1, "P has no commune");
        let salaries = r.chiffres.sums.iter().find(|s| s.figure == KeyFigure::Salaries).unwrap();
        assert_eq!((salaries.total, salaries.regies), (50, 2));
        assert_eq!(r.chiffres.annees, Some((2022, 2023)));
        assert_eq!(r.population_communes, 210_000);
        assert_eq!(r.decoupage.iter().map(|a| (a.code.as_str(), a.qpv, a.avec_regie)).collect::<Vec<_>>(), [("10", 1, 0), ("93", 2, 2)]);
    }

    #[test]
    fn departement_has_its_qpvs_regies_from_elsewhere_and_partners() {
        let r = report(&data(), &Scope::parse("departement", "93").unwrap()).unwrap();
        assert_eq!(r.nom, "Seine-Saint-Denis");
        assert_eq!(r.parents.iter().map(|p| p.nom.as_str()).collect::<Vec<_>>(), ["France", "Île-de-France"]);
        assert_eq!(r.couverture.total, 2);
        assert_eq!(r.couverture.sans, 0);
        // Troyes covers B, which is in 93: it is present here, with 1 QPV.
        assert_eq!(r.regies.iter().map(|g| (g.slug.as_str(), g.qpv_ici)).collect::<Vec<_>>(), [("rq-sd", 2), ("rq-troyes", 1)]);
        assert_eq!(r.partenaires.len(), 1);
        assert!(r.partenaires[0].demo);
        assert_eq!(r.decoupage.len(), 1);
        assert_eq!(r.decoupage[0].nom, "Métropole du Grand Paris");
        assert_eq!(r.national.total, 4);
    }

    #[test]
    fn commune_level_and_unknown_territories() {
        let r = report(&data(), &Scope::parse("commune", "93001").unwrap()).unwrap();
        assert_eq!(r.qpvs.iter().map(|q| q.code.as_str()).collect::<Vec<_>>(), ["B"]);
        assert_eq!(r.parents.last().unwrap().niveau, Niveau::Epci);
        assert!(report(&data(), &Scope::parse("departement", "99").unwrap()).is_none());
        assert!(Scope::parse("canton", "1").is_none());
        assert!(Scope::parse("departement", "9/3").is_none());
        assert_eq!(Scope::parse("departement", "2a").unwrap().code, "2A");
    }

    #[test]
    fn share_classes() {
        assert_eq!(share_class(0, 0), None);
        assert_eq!(share_class(10, 0), Some(0));
        assert_eq!(share_class(10, 1), Some(1));
        assert_eq!(share_class(4, 1), Some(2));
        assert_eq!(share_class(4, 3), Some(4));
    }
}
