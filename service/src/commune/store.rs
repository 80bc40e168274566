//! Server-side reads of one commune.

use std::collections::BTreeMap;

use atlas_core::coverage::CoverageStatus;
use atlas_core::qpv::{QpvRef, RegieServing};
use atlas_core::territoire::CommuneDetail;
use atlas_core::geometry::{multipolygon_from_str, svg_figure, Shape};
use atlas_core::place::SvgFigure;
use sqlx::AnyPool;

type CommuneRow = (String, String, String, String, String, Option<String>, Option<i64>, f64, f64, Option<String>);

#[tracing::instrument(skip(pool))]
pub async fn detail(pool: &AnyPool, insee: &str) -> Result<Option<CommuneDetail>, sqlx::Error> {
    let row: Option<CommuneRow> = sqlx::query_as(
        "SELECT c.insee, c.nom, d.code, d.nom, r.nom, e.nom, c.population, c.lat, c.lon, c.contour
         FROM communes c JOIN departements d ON d.code = c.departement_code JOIN regions r ON r.code = d.region_code
         LEFT JOIN epci e ON e.siren = c.epci_siren WHERE c.insee = $1",
    )
    .bind(insee)
    .fetch_optional(pool)
    .await?;
    let Some((insee, nom, departement_code, departement, region, epci, population, lat, lon, contour)) = row else {
        return Ok(None);
    };
    let codes_postaux: Vec<(String,)> =
        sqlx::query_as("SELECT code FROM codes_postaux WHERE commune_insee = $1 ORDER BY code").bind(&insee).fetch_all(pool).await?;
    let qpv_rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT q.code, q.nom, cv.statut FROM qpv_communes qc JOIN qpv q ON q.code = qc.qpv_code
         LEFT JOIN couvertures cv ON cv.qpv_code = q.code WHERE qc.commune_insee = $1 ORDER BY q.nom",
    )
    .bind(&insee)
    .fetch_all(pool)
    .await?;
    // Best status per QPV (confirmed > declared > estimated).
    let mut qpvs: BTreeMap<(String, String), Option<CoverageStatus>> = BTreeMap::new();
    for (code, nom, statut) in qpv_rows {
        let s = statut.as_deref().and_then(CoverageStatus::from_code);
        let best = qpvs.entry((nom, code)).or_insert(None);
        if s.is_some() && (best.is_none() || s > *best) {
            *best = s;
        }
    }
    let regie_rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT DISTINCT r.slug, r.nom, c.nom, cv.statut FROM regies r JOIN communes c ON c.insee = r.commune_insee
         LEFT JOIN couvertures cv ON cv.regie_id = r.id
             AND cv.qpv_code IN (SELECT qpv_code FROM qpv_communes WHERE commune_insee = $1)
         WHERE r.commune_insee = $1 OR cv.qpv_code IS NOT NULL ORDER BY r.nom",
    )
    .bind(&insee)
    .fetch_all(pool)
    .await?;
    let mut regies: BTreeMap<String, RegieServing> = BTreeMap::new();
    for (slug, nom, commune, statut) in regie_rows {
        let s = statut.as_deref().and_then(CoverageStatus::from_code).unwrap_or(CoverageStatus::Estimee);
        let e = regies.entry(slug.clone()).or_insert(RegieServing { slug, nom, commune, statut: s });
        e.statut = e.statut.max(s);
    }
    let mut regies: Vec<RegieServing> = regies.into_values().collect();
    regies.sort_by(|a, b| a.nom.cmp(&b.nom));
    let figure = figure(pool, &insee, &nom, contour.as_deref(), &qpvs).await?;
    let codes_postaux: Vec<String> = codes_postaux.into_iter().map(|(c,)| c).collect();
    let json_ld = crate::json_ld(&serde_json::json!({
        "@context": "https://schema.org",
        "@type": "City",
        "name": nom,
        "identifier": insee,
        "postalCode": codes_postaux,
        "geo": {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon},
        "containedInPlace": {"@type": "AdministrativeArea", "name": departement},
    }));
    Ok(Some(CommuneDetail {
        insee,
        nom,
        departement_code,
        departement,
        region,
        epci,
        population,
        codes_postaux,
        lat,
        lon,
        qpvs: qpvs.clone().into_iter().map(|((nom, code), s)| (QpvRef { code, nom }, s)).collect(),
        regies,
        json_ld,
        figure,
    }))
}

/// The commune's outline with its QPVs, coloured by coverage.
async fn figure(
    pool: &AnyPool,
    insee: &str,
    nom: &str,
    contour: Option<&str>,
    qpvs: &BTreeMap<(String, String), Option<CoverageStatus>>,
) -> Result<Option<SvgFigure>, sqlx::Error> {
    let Some(outline) = contour.and_then(|c| multipolygon_from_str(c).ok()) else { return Ok(None) };
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT q.code, q.nom, q.contour FROM qpv_communes qc JOIN qpv q ON q.code = qc.qpv_code WHERE qc.commune_insee = $1",
    )
    .bind(insee)
    .fetch_all(pool)
    .await?;
    let shapes: Vec<(String, String, Shape<f64>)> = rows
        .into_iter()
        .filter_map(|(code, n, c)| {
            let status = qpvs.get(&(n.clone(), code)).copied().flatten();
            let class = format!("qpv cov-{}", status.map_or("aucune", |s| s.code()));
            Some((class, n, multipolygon_from_str(c.as_deref()?).ok()?))
        })
        .collect();
    let mut layers: Vec<(&str, &str, &Shape<f64>)> = vec![("commune", nom, &outline)];
    layers.extend(shapes.iter().map(|(class, n, s)| (class.as_str(), n.as_str(), s)));
    Ok(svg_figure(&layers, &[]))
}

/// Name and centre of a commune.
pub async fn point(pool: &AnyPool, insee: &str) -> Result<Option<(String, f64, f64)>, sqlx::Error> {
    sqlx::query_as("SELECT nom, lat, lon FROM communes WHERE insee = $1").bind(insee).fetch_optional(pool).await
}
