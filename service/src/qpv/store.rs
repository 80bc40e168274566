//! Server-side reads of one QPV.

use atlas_core::coverage::CoverageStatus;
use atlas_core::qpv::{CommuneRef, QpvDetail, QpvRef, RegieServing};
use atlas_core::geometry::{multipolygon_from_str, svg_figure, Shape};
use atlas_core::place::SvgFigure;
use sqlx::AnyPool;

#[tracing::instrument(skip(pool))]
pub async fn detail(pool: &AnyPool, code: &str) -> Result<Option<QpvDetail>, sqlx::Error> {
    let row: Option<(String, String, Option<f64>, Option<f64>, Option<String>)> =
        sqlx::query_as("SELECT code, nom, lat, lon, contour FROM qpv WHERE code = $1").bind(code).fetch_optional(pool).await?;
    let Some((code, nom, lat, lon, contour)) = row else { return Ok(None) };
    let communes: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.insee, c.nom, c.departement_code FROM qpv_communes qc JOIN communes c ON c.insee = qc.commune_insee
         WHERE qc.qpv_code = $1 ORDER BY c.nom",
    )
    .bind(&code)
    .fetch_all(pool)
    .await?;
    let regies: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT r.slug, r.nom, c.nom, cv.statut FROM couvertures cv JOIN regies r ON r.id = cv.regie_id
         JOIN communes c ON c.insee = r.commune_insee WHERE cv.qpv_code = $1 ORDER BY r.nom",
    )
    .bind(&code)
    .fetch_all(pool)
    .await?;
    let voisins: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT q.code, q.nom FROM qpv_communes mine
         JOIN qpv_communes other ON other.commune_insee = mine.commune_insee AND other.qpv_code <> mine.qpv_code
         JOIN qpv q ON q.code = other.qpv_code WHERE mine.qpv_code = $1 ORDER BY q.nom",
    )
    .bind(&code)
    .fetch_all(pool)
    .await?;
    let figure = figure(pool, &code, &nom, contour.as_deref()).await?;
    let json_ld = crate::json_ld(&serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Place",
        "name": nom,
        "identifier": code,
        "containedInPlace": communes.iter().map(|c| serde_json::json!({"@type": "City", "name": c.1})).collect::<Vec<_>>(),
        "geo": lat.zip(lon).map(|(lat, lon)| serde_json::json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon})),
    }));
    Ok(Some(QpvDetail {
        code,
        nom,
        communes: communes.into_iter().map(|(insee, nom, departement)| CommuneRef { insee, nom, departement }).collect(),
        regies: regies
            .into_iter()
            .map(|(slug, nom, commune, s)| RegieServing {
                slug,
                nom,
                commune,
                statut: CoverageStatus::from_code(&s).unwrap_or(CoverageStatus::Estimee),
            })
            .collect(),
        voisins: voisins.into_iter().map(|(code, nom)| QpvRef { code, nom }).collect(),
        lat,
        lon,
        json_ld,
        figure,
    }))
}

/// The QPV (highlighted) over its commune(s), with the other QPVs of those communes.
async fn figure(pool: &AnyPool, code: &str, nom: &str, contour: Option<&str>) -> Result<Option<SvgFigure>, sqlx::Error> {
    let Some(me) = contour.and_then(|c| multipolygon_from_str(c).ok()) else { return Ok(None) };
    let communes: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT c.nom, c.contour FROM qpv_communes qc JOIN communes c ON c.insee = qc.commune_insee WHERE qc.qpv_code = $1",
    )
    .bind(code)
    .fetch_all(pool)
    .await?;
    let others: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT DISTINCT q.nom, q.contour FROM qpv_communes mine
         JOIN qpv_communes other ON other.commune_insee = mine.commune_insee AND other.qpv_code <> mine.qpv_code
         JOIN qpv q ON q.code = other.qpv_code WHERE mine.qpv_code = $1",
    )
    .bind(code)
    .fetch_all(pool)
    .await?;
    let parse = |rows: Vec<(String, Option<String>)>| -> Vec<(String, Shape<f64>)> {
        rows.into_iter().filter_map(|(n, c)| Some((n, multipolygon_from_str(c.as_deref()?).ok()?))).collect()
    };
    let (communes, others) = (parse(communes), parse(others));
    let mut layers: Vec<(&str, &str, &Shape<f64>)> = communes.iter().map(|(n, s)| ("commune", n.as_str(), s)).collect();
    layers.extend(others.iter().map(|(n, s)| ("qpv-voisin", n.as_str(), s)));
    layers.push(("qpv-ici", nom, &me));
    Ok(svg_figure(&layers, &[]))
}
