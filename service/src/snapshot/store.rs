//! The rows the in-memory indexes are built from, read in one pass.

use sqlx::AnyPool;

/// QPV: code, name, contour (GeoJSON), name of its first commune.
pub type QpvRow = (String, String, Option<String>, String);
/// Régie: id, slug, name, commune name, lat, lon.
pub type RegieRow = (i64, String, String, String, f64, f64);
/// Commune: INSEE code, name, département, EPCI, population, contour.
pub type CommuneRow = (String, String, String, Option<String>, Option<i64>, Option<String>);

pub struct PlaceRows {
    pub qpvs: Vec<QpvRow>,
    /// Régie id, QPV code, coverage status code.
    pub couvertures: Vec<(i64, String, String)>,
    pub regies: Vec<RegieRow>,
    /// Postcode, commune INSEE code, ordered by postcode.
    pub postcodes: Vec<(String, String)>,
    pub communes: Vec<CommuneRow>,
    pub departement_names: Vec<(String, String)>,
}

/// The rows of the indexes; without `communes` (commune, postcode and département rows, the
/// bulk of the bytes) when the previous snapshot's boundaries are reused.
#[tracing::instrument(skip(pool))]
pub async fn place_rows(pool: &AnyPool, communes: bool) -> Result<PlaceRows, sqlx::Error> {
    if !communes {
        return Ok(PlaceRows { communes: vec![], postcodes: vec![], departement_names: vec![], ..regie_rows(pool).await? });
    }
    Ok(PlaceRows {
        postcodes: sqlx::query_as("SELECT code, commune_insee FROM codes_postaux ORDER BY code").fetch_all(pool).await?,
        communes: sqlx::query_as("SELECT insee, nom, departement_code, epci_siren, population, contour FROM communes")
            .fetch_all(pool)
            .await?,
        departement_names: sqlx::query_as("SELECT code, nom FROM departements").fetch_all(pool).await?,
        ..regie_rows(pool).await?
    })
}

/// QPV, coverage and Régie rows (what a Régie change touches).
async fn regie_rows(pool: &AnyPool) -> Result<PlaceRows, sqlx::Error> {
    Ok(PlaceRows {
        qpvs: sqlx::query_as(
            "SELECT q.code, q.nom, q.contour,
                    COALESCE((SELECT MIN(c.nom) FROM qpv_communes qc JOIN communes c ON c.insee = qc.commune_insee
                              WHERE qc.qpv_code = q.code), '')
             FROM qpv q ORDER BY q.code",
        )
        .fetch_all(pool)
        .await?,
        couvertures: sqlx::query_as("SELECT regie_id, qpv_code, statut FROM couvertures").fetch_all(pool).await?,
        regies: sqlx::query_as(
            "SELECT r.id, r.slug, r.nom, c.nom, r.lat, r.lon FROM regies r JOIN communes c ON c.insee = r.commune_insee",
        )
        .fetch_all(pool)
        .await?,
        postcodes: vec![],
        communes: vec![],
        departement_names: vec![],
    })
}
