//! Reading the ANCT's QPV files: the GeoJSON of contours and the CSV list
//! (`code_qp;lib_qp;insee_reg;lib_reg;insee_dep;lib_dep;insee_com;lib_com;siren_epci;lib_epci`).

use std::collections::HashMap;

use crate::csv_input::{FileError, Table};
use crate::geometry;
use crate::qpv::{is_qpv_code, QpvRecord};
use crate::line_problem::LineProblem;
use crate::report::Rejection;
use crate::text::fold;

/// Splits the ANCT's joined commune codes: "02571; 02691" → ["02571", "02691"].
fn split_insee(raw: &str) -> Vec<String> {
    raw.split([';', ',', '|']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

fn check(code: &str, nom: &str, communes: &[String]) -> Result<(), LineProblem> {
    if !is_qpv_code(code) {
        return Err(LineProblem::QpvCode { value: code.to_owned() });
    }
    if nom.is_empty() {
        return Err(LineProblem::QpvNameEmpty { qpv: code.to_owned() });
    }
    if communes.is_empty() {
        return Err(LineProblem::QpvNoCommune { qpv: code.to_owned() });
    }
    if let Some(bad) = communes.iter().find(|c| c.len() != 5) {
        return Err(LineProblem::QpvInsee { qpv: code.to_owned(), value: bad.clone() });
    }
    Ok(())
}

/// Rejects the second occurrence of a code, naming where the first one was.
fn dedup(records: Vec<(usize, QpvRecord)>, rejected: &mut Vec<Rejection>) -> Vec<QpvRecord> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(records.len());
    for (line, r) in records {
        if let Some(first) = seen.get(&r.code) {
            rejected.push(Rejection { line, problem: LineProblem::QpvRepeated { qpv: r.code.clone(), first: *first } });
            continue;
        }
        seen.insert(r.code.clone(), line);
        out.push(r);
    }
    out
}

/// The ANCT CSV list: codes, names and communes, no geometry.
pub fn parse_anct_csv(table: &Table) -> Result<(Vec<QpvRecord>, Vec<Rejection>), FileError> {
    let code = table.require("code_qp", &["code qp", "code quartier", "code"])?;
    let nom = table.require("lib_qp", &["lib qp", "nom qp", "nom du quartier", "nom"])?;
    let com = table.require("insee_com", &["insee com", "code insee", "code commune"])?;
    let mut rejected = Vec::new();
    let mut ok = Vec::new();
    for row in &table.rows {
        let c = row.get(Some(code)).trim().to_uppercase();
        let n = row.get(Some(nom)).trim().to_owned();
        let communes = split_insee(row.get(Some(com)));
        match check(&c, &n, &communes) {
            Ok(()) => ok.push((row.line, QpvRecord { code: c, nom: n, communes, contour: None, centroid: None, bbox: None })),
            Err(problem) => rejected.push(Rejection { line: row.line, problem }),
        }
    }
    Ok((dedup(ok, &mut rejected), rejected))
}

/// The ANCT GeoJSON FeatureCollection. A rejection's "line" is the feature's rank (1-based).
pub fn parse_geojson(text: &str) -> Result<(Vec<QpvRecord>, Vec<Rejection>), FileError> {
    let gj: geojson::GeoJson = text
        .parse()
        .map_err(|e| FileError::Invalid(format!("GeoJSON illisible : {e}")))?;
    let geojson::GeoJson::FeatureCollection(fc) = gj else {
        return Err(FileError::Invalid("GeoJSON : une FeatureCollection est attendue".into()));
    };
    let mut rejected = Vec::new();
    let mut ok = Vec::new();
    for (i, f) in fc.features.iter().enumerate() {
        let rank = i + 1;
        let props: HashMap<String, String> = f
            .properties
            .iter()
            .flatten()
            .map(|(k, v)| (fold(k), v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string())))
            .collect();
        let get = |keys: &[&str]| keys.iter().find_map(|k| props.get(*k)).cloned().unwrap_or_default();
        let code = get(&["code qp", "code qpv"]).trim().to_uppercase();
        let nom = get(&["lib qp", "nom qp"]).trim().to_owned();
        let communes = split_insee(&get(&["insee com", "code insee"]));
        let parsed = check(&code, &nom, &communes).and_then(|()| {
            let g = f.geometry.as_ref().ok_or_else(|| LineProblem::QpvGeometryMissing { qpv: code.clone() })?;
            let mp = geometry::multipolygon_from_geojson(g).map_err(|e| LineProblem::Geometry { subject: format!("QPV {code}"), detail: e.to_string() })?;
            Ok(QpvRecord {
                contour: Some(geometry::to_geojson(&mp, 5)),
                centroid: geometry::centroid(&mp),
                bbox: geometry::bbox(&mp),
                code: code.clone(),
                nom: nom.clone(),
                communes: communes.clone(),
            })
        });
        match parsed {
            Ok(r) => ok.push((rank, r)),
            Err(problem) => rejected.push(Rejection { line: rank, problem }),
        }
    }
    Ok((dedup(ok, &mut rejected), rejected))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_input::read_table;

    #[test]
    fn anct_csv_with_multi_commune_qpv_and_duplicates() {
        let file = "code_qp;lib_qp;insee_reg;lib_reg;insee_dep;lib_dep;insee_com;lib_com;siren_epci;lib_epci\n\
            QN00201M;Europe;32;Hauts-de-France;02;Aisne;\"02571; 02691\";Omissy; Saint-Quentin;200071892;CA\n\
            QN00201M;Europe bis;32;Hauts-de-France;02;Aisne;02691;Saint-Quentin;200071892;CA\n\
            QX1;Nulle part;32;;02;;02691;;;\n";
        let (ok, rejected) = parse_anct_csv(&read_table(file.as_bytes()).unwrap()).unwrap();
        assert_eq!(ok.len(), 1);
        assert_eq!(ok[0].communes, vec!["02571", "02691"]);
        assert_eq!(rejected.len(), 2);
        assert_eq!(rejected[0].line, 4);
        assert!(rejected[0].problem.to_string().contains("code QPV invalide"));
        assert_eq!(rejected[1].line, 3);
        assert!(rejected[1].problem.to_string().contains("en double"));
    }

    #[test]
    fn geojson_features_with_centroid_and_bbox() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"code_qp":"QN00101M","lib_qp":"Test","insee_com":"01053"},
           "geometry":{"type":"Polygon","coordinates":[[[5.0,46.0],[5.2,46.0],[5.2,46.2],[5.0,46.2],[5.0,46.0]]]}},
          {"type":"Feature","properties":{"code_qp":"QN00102M","lib_qp":"Sans géométrie","insee_com":"01053"},"geometry":null}
        ]}"#;
        let (ok, rejected) = parse_geojson(text).unwrap();
        assert_eq!(ok.len(), 1);
        let (lon, lat) = ok[0].centroid.unwrap();
        assert!((lon - 5.1).abs() < 1e-9 && (lat - 46.1).abs() < 1e-9);
        assert_eq!(ok[0].bbox, Some((5.0, 46.0, 5.2, 46.2)));
        assert_eq!(rejected, vec![Rejection { line: 2, problem: LineProblem::QpvGeometryMissing { qpv: "QN00102M".into() } }]);
    }

    #[test]
    fn not_geojson_is_a_clear_error() {
        assert!(parse_geojson("{\"type\":\"Point\",\"coordinates\":[1,2]}").unwrap_err().to_string().contains("FeatureCollection"));
        assert!(parse_geojson("pas du json").unwrap_err().to_string().starts_with("GeoJSON illisible"));
    }
}
