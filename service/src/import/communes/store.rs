//! Writes the territories read from files: upserts in one transaction, unchanged rows untouched.

use std::collections::{BTreeMap, HashMap};

use atlas_core::report::ImportReport;
use atlas_core::text::fold_place;

use super::Territories;
use crate::db::{now, Database};
use crate::import::{may_write, progress, ImportError, ImportOptions};

/// Upserts everything in one transaction; reports per table. Unchanged rows are not rewritten.
pub async fn write(db: &Database, t: &Territories, opts: ImportOptions) -> Result<Vec<ImportReport>, ImportError> {
    let mut communes_report = ImportReport::new("communes");
    communes_report.read = t.communes.len() + t.rejected.len();
    communes_report.rejected = t.rejected.clone();
    if !may_write(&mut communes_report, opts) {
        return Ok(vec![communes_report]);
    }
    let ts = now();
    let mut tx = db.begin_write().await?;

    let mut regions_report = ImportReport::new("régions");
    regions_report.read = t.regions.len();
    let existing: HashMap<String, String> =
        sqlx::query_as::<_, (String, String)>("SELECT code, nom FROM regions").fetch_all(&mut *tx).await?.into_iter().collect();
    for r in &t.regions {
        match existing.get(&r.code) {
            None => {
                sqlx::query("INSERT INTO regions (code, nom) VALUES ($1, $2)").bind(&r.code).bind(&r.nom).execute(&mut *tx).await?;
                regions_report.inserted += 1;
            }
            Some(nom) if *nom != r.nom => {
                sqlx::query("UPDATE regions SET nom = $2 WHERE code = $1").bind(&r.code).bind(&r.nom).execute(&mut *tx).await?;
                regions_report.updated += 1;
            }
            Some(_) => regions_report.unchanged += 1,
        }
    }

    let mut dep_report = ImportReport::new("départements");
    dep_report.read = t.departements.len();
    let existing: HashMap<String, (String, String)> =
        sqlx::query_as::<_, (String, String, String)>("SELECT code, nom, region_code FROM departements")
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(|(c, n, r)| (c, (n, r)))
            .collect();
    for d in &t.departements {
        match existing.get(&d.code) {
            None => {
                sqlx::query("INSERT INTO departements (code, nom, region_code) VALUES ($1, $2, $3)")
                    .bind(&d.code).bind(&d.nom).bind(&d.region_code).execute(&mut *tx).await?;
                dep_report.inserted += 1;
            }
            Some((n, r)) if *n != d.nom || *r != d.region_code => {
                sqlx::query("UPDATE departements SET nom = $2, region_code = $3 WHERE code = $1")
                    .bind(&d.code).bind(&d.nom).bind(&d.region_code).execute(&mut *tx).await?;
                dep_report.updated += 1;
            }
            Some(_) => dep_report.unchanged += 1,
        }
    }

    let mut epci_report = ImportReport::new("EPCI");
    epci_report.read = t.epcis.len();
    let existing: HashMap<String, (String, String)> =
        sqlx::query_as::<_, (String, String, String)>("SELECT siren, nom, nature FROM epci")
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(|(c, n, r)| (c, (n, r)))
            .collect();
    for e in &t.epcis {
        match existing.get(&e.siren) {
            None => {
                sqlx::query("INSERT INTO epci (siren, nom, nature) VALUES ($1, $2, $3)")
                    .bind(&e.siren).bind(&e.nom).bind(&e.nature).execute(&mut *tx).await?;
                epci_report.inserted += 1;
            }
            Some((n, k)) if *n != e.nom || *k != e.nature => {
                sqlx::query("UPDATE epci SET nom = $2, nature = $3 WHERE siren = $1")
                    .bind(&e.siren).bind(&e.nom).bind(&e.nature).execute(&mut *tx).await?;
                epci_report.updated += 1;
            }
            Some(_) => epci_report.unchanged += 1,
        }
    }

    type Existing = (String, Option<String>, Option<i64>, f64, f64, Option<String>);
    let existing: HashMap<String, (String, Existing)> = sqlx::query_as::<_, (String, String, String, Option<String>, Option<i64>, f64, f64, Option<String>)>(
        "SELECT insee, nom, departement_code, epci_siren, population, lon, lat, contour FROM communes",
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|(i, n, d, e, p, lo, la, c)| (i, (n, (d, e, p, lo, la, c))))
    .collect();
    let mut postcodes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (code, insee) in sqlx::query_as::<_, (String, String)>("SELECT code, commune_insee FROM codes_postaux ORDER BY code")
        .fetch_all(&mut *tx)
        .await?
    {
        postcodes.entry(insee).or_default().push(code);
    }
    let bar = progress(t.communes.len(), "communes");
    for c in &t.communes {
        bar.inc(1);
        let wanted: Existing = (c.departement_code.clone(), c.epci_siren.clone(), c.population, c.lon, c.lat, c.contour.clone());
        let same_postcodes = postcodes.get(&c.insee).map(Vec::as_slice).unwrap_or(&[]) == c.codes_postaux.as_slice();
        match existing.get(&c.insee) {
            None => {
                sqlx::query(
                    "INSERT INTO communes (insee, nom, nom_recherche, departement_code, epci_siren, population, lon, lat, contour, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
                )
                .bind(&c.insee).bind(&c.nom).bind(fold_place(&c.nom)).bind(&c.departement_code).bind(&c.epci_siren)
                .bind(c.population).bind(c.lon).bind(c.lat).bind(&c.contour).bind(&ts)
                .execute(&mut *tx)
                .await?;
                communes_report.inserted += 1;
            }
            Some((nom, old)) if *nom != c.nom || *old != wanted || !same_postcodes => {
                sqlx::query(
                    "UPDATE communes SET nom = $2, nom_recherche = $3, departement_code = $4, epci_siren = $5, population = $6,
                         lon = $7, lat = $8, contour = $9, updated_at = $10 WHERE insee = $1",
                )
                .bind(&c.insee).bind(&c.nom).bind(fold_place(&c.nom)).bind(&c.departement_code).bind(&c.epci_siren)
                .bind(c.population).bind(c.lon).bind(c.lat).bind(&c.contour).bind(&ts)
                .execute(&mut *tx)
                .await?;
                communes_report.updated += 1;
            }
            Some(_) => {
                communes_report.unchanged += 1;
                continue;
            }
        }
        if !same_postcodes {
            sqlx::query("DELETE FROM codes_postaux WHERE commune_insee = $1").bind(&c.insee).execute(&mut *tx).await?;
            for code in &c.codes_postaux {
                sqlx::query("INSERT INTO codes_postaux (code, commune_insee) VALUES ($1, $2)")
                    .bind(code).bind(&c.insee).execute(&mut *tx).await?;
            }
        }
    }
    bar.finish_and_clear();
    write_anciens_codes(&mut tx, &t.anciens_codes).await?;
    crate::revision::bump(&mut *tx, db.backend, crate::revision::Concept::Territoires).await?;
    tx.commit().await?;
    Ok(vec![regions_report, dep_report, epci_report, communes_report])
}

/// Replaces the table of former codes, then moves QPVs loaded earlier under a former code to the
/// commune it belongs to now (QPV and commune files may be loaded in either order).
async fn write_anciens_codes(tx: &mut sqlx::Transaction<'_, sqlx::Any>, anciens: &[(String, String)]) -> Result<(), sqlx::Error> {
    let known: BTreeMap<String, String> =
        sqlx::query_as::<_, (String, String)>("SELECT code, commune_insee FROM anciens_codes_communes").fetch_all(&mut **tx).await?.into_iter().collect();
    let wanted: BTreeMap<String, String> = anciens.iter().cloned().collect();
    if known != wanted {
        sqlx::query("DELETE FROM anciens_codes_communes").execute(&mut **tx).await?;
        for (code, insee) in &wanted {
            sqlx::query("INSERT INTO anciens_codes_communes (code, commune_insee) VALUES ($1, $2)")
                .bind(code).bind(insee).execute(&mut **tx).await?;
        }
    }
    sqlx::query(
        "INSERT INTO qpv_communes (qpv_code, commune_insee)
         SELECT DISTINCT qc.qpv_code, a.commune_insee FROM qpv_communes qc JOIN anciens_codes_communes a ON a.code = qc.commune_insee
         WHERE NOT EXISTS (SELECT 1 FROM qpv_communes x WHERE x.qpv_code = qc.qpv_code AND x.commune_insee = a.commune_insee)",
    )
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM qpv_communes WHERE commune_insee IN (SELECT code FROM anciens_codes_communes)").execute(&mut **tx).await?;
    Ok(())
}
