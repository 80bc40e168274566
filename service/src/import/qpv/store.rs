//! QPV import, the SQL: upserts by code in one transaction.

use std::collections::HashMap;

use atlas_core::qpv::QpvRecord;
use atlas_core::report::ImportReport;

use crate::db::{now, Database};
use crate::import::{progress, ImportError};

/// Upserts by code. A CSV (no geometry) updates names and communes and keeps the stored contours.
pub async fn write(db: &Database, records: &[QpvRecord], report: &mut ImportReport) -> Result<(), ImportError> {
    let ts = now();
    let mut tx = db.begin_write().await?;
    let existing: HashMap<String, (String, Option<String>)> =
        sqlx::query_as::<_, (String, String, Option<String>)>("SELECT code, nom, contour FROM qpv")
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(|(c, n, g)| (c, (n, g)))
            .collect();
    let mut communes: HashMap<String, Vec<String>> = HashMap::new();
    for (q, c) in sqlx::query_as::<_, (String, String)>("SELECT qpv_code, commune_insee FROM qpv_communes ORDER BY commune_insee")
        .fetch_all(&mut *tx)
        .await?
    {
        communes.entry(q).or_default().push(c);
    }
    // The file may name a commune by a former code (merged since): file it under today's commune.
    let current: HashMap<String, String> =
        sqlx::query_as::<_, (String, String)>("SELECT code, commune_insee FROM anciens_codes_communes").fetch_all(&mut *tx).await?.into_iter().collect();
    let bar = progress(records.len(), "QPV");
    for r in records {
        bar.inc(1);
        let mut wanted_communes: Vec<String> = r.communes.iter().map(|c| current.get(c).unwrap_or(c).clone()).collect();
        wanted_communes.sort();
        wanted_communes.dedup();
        let same_communes = communes.get(&r.code) == Some(&wanted_communes);
        let (lon, lat) = r.centroid.unzip();
        let (a, b, c, d) = match r.bbox {
            Some((a, b, c, d)) => (Some(a), Some(b), Some(c), Some(d)),
            None => (None, None, None, None),
        };
        match existing.get(&r.code) {
            None => {
                sqlx::query(
                    "INSERT INTO qpv (code, nom, contour, lon, lat, bbox_min_lon, bbox_min_lat, bbox_max_lon, bbox_max_lat, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
                )
                .bind(&r.code).bind(&r.nom).bind(&r.contour).bind(lon).bind(lat).bind(a).bind(b).bind(c).bind(d).bind(&ts)
                .execute(&mut *tx)
                .await?;
                report.inserted += 1;
            }
            Some((nom, contour)) => {
                let contour_changed = r.contour.is_some() && *contour != r.contour;
                if *nom == r.nom && !contour_changed && same_communes {
                    report.unchanged += 1;
                    continue;
                }
                sqlx::query("UPDATE qpv SET nom = $2, updated_at = $3 WHERE code = $1")
                    .bind(&r.code).bind(&r.nom).bind(&ts).execute(&mut *tx).await?;
                if contour_changed {
                    sqlx::query(
                        "UPDATE qpv SET contour = $2, lon = $3, lat = $4, bbox_min_lon = $5, bbox_min_lat = $6,
                             bbox_max_lon = $7, bbox_max_lat = $8 WHERE code = $1",
                    )
                    .bind(&r.code).bind(&r.contour).bind(lon).bind(lat).bind(a).bind(b).bind(c).bind(d)
                    .execute(&mut *tx)
                    .await?;
                }
                report.updated += 1;
            }
        }
        if !same_communes {
            sqlx::query("DELETE FROM qpv_communes WHERE qpv_code = $1").bind(&r.code).execute(&mut *tx).await?;
            for insee in &wanted_communes {
                sqlx::query("INSERT INTO qpv_communes (qpv_code, commune_insee) VALUES ($1, $2)")
                    .bind(&r.code).bind(insee).execute(&mut *tx).await?;
            }
        }
    }
    bar.finish_and_clear();
    crate::import::coverage::refresh_estimated(&mut tx, &ts).await?;
    crate::revision::bump(&mut *tx, db.backend, crate::revision::Concept::Territoires).await?;
    crate::revision::bump(&mut *tx, db.backend, crate::revision::Concept::Regies).await?;
    tx.commit().await?;
    Ok(())
}
