//! Exports of a territory report for spreadsheet software (see `csv_fr`): its QPVs, and its
//! breakdown into smaller territories.

use crate::csv_fr::{decimal, opt_int, CsvFr};
use crate::territoire::report::TerritoryReport;

/// One row per QPV of the territory.
pub fn qpvs_csv(r: &TerritoryReport) -> String {
    let mut csv = CsvFr::new(&["code_qp", "nom_qp", "communes", "codes_insee", "departement", "couverture", "regies", "population_qp"]);
    for q in &r.qpvs {
        let communes: Vec<&str> = q.communes.iter().map(|(_, n)| n.as_str()).collect();
        let insee: Vec<&str> = q.communes.iter().map(|(c, _)| c.as_str()).collect();
        let (communes, insee, regies) = (communes.join(", "), insee.join(", "), q.regies.join(", "));
        let population = opt_int(q.population);
        csv.row([
            q.code.as_str(),
            &q.nom,
            &communes,
            &insee,
            &q.departement,
            q.statut.map_or("aucune", |s| s.code()),
            &regies,
            &population,
        ]);
    }
    csv.finish()
}

/// One row per smaller territory: QPVs, QPVs with a Régie, share covered, Régies based there.
pub fn breakdown_csv(r: &TerritoryReport) -> String {
    let mut csv = CsvFr::new(&["niveau", "code", "nom", "qpv", "qpv_avec_regie", "part_couverte_pct", "regies"]);
    for a in &r.decoupage {
        let (qpv, avec, regies) = (a.qpv.to_string(), a.avec_regie.to_string(), a.regies.to_string());
        let part = if a.qpv == 0 { String::new() } else { decimal(a.part_couverte(), 1) };
        csv.row([a.niveau.code(), &a.code, &a.nom, &qpv, &avec, &part, &regies]);
    }
    csv.finish()
}
