//! QPV import: ANCT GeoJSON (contours) or ANCT CSV list (names and communes only).

use std::path::Path;

use atlas_core::csv_input::read_table;
use atlas_core::qpv::import::{parse_anct_csv, parse_geojson};
use atlas_core::report::ImportReport;

use super::{base_name, may_write, read_bytes, ImportError, ImportOptions};
use crate::db::Database;

mod store;
pub use store::write;

pub async fn import_file(db: &Database, path: &Path, opts: ImportOptions) -> Result<ImportReport, ImportError> {
    let bytes = read_bytes(path)?;
    let name = base_name(path);
    let file_err = |source| ImportError::File { path: path.display().to_string(), source };
    let (records, rejected) = if name.ends_with(".csv") {
        parse_anct_csv(&read_table(&bytes).map_err(file_err)?).map_err(file_err)?
    } else if name.ends_with(".geojson") || name.ends_with(".json") {
        let text = atlas_core::csv_input::decode(&bytes);
        parse_geojson(&text).map_err(file_err)?
    } else {
        return Err(ImportError::Format(format!(
            "{} : format non reconnu (attendu : .geojson ou .csv de l'ANCT, éventuellement .gz)",
            path.display()
        )));
    };
    let mut report = ImportReport::new("QPV");
    report.read = records.len() + rejected.len();
    report.rejected = rejected;
    if !may_write(&mut report, opts) {
        return Ok(report);
    }
    write(db, &records, &mut report).await?;
    Ok(report)
}
