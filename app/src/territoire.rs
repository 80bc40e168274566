//! Server-side queries about territories and national figures.

use atlas_core::territoire::NationalFigures;
use sqlx::AnyPool;

/// Every figure of the home page in one round trip.
#[tracing::instrument(skip(pool))]
pub async fn national_figures(pool: &AnyPool) -> Result<NationalFigures, sqlx::Error> {
    let row: (i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT
            (SELECT COUNT(*) FROM regies),
            (SELECT COUNT(*) FROM regies WHERE verification = 'a_verifier'),
            (SELECT COUNT(*) FROM qpv),
            (SELECT COUNT(DISTINCT qpv_code) FROM couvertures),
            (SELECT COUNT(DISTINCT commune_insee) FROM qpv_communes),
            (SELECT COUNT(DISTINCT qc.commune_insee) FROM couvertures c
                JOIN qpv_communes qc ON qc.qpv_code = c.qpv_code)",
    )
    .fetch_one(pool)
    .await?;
    Ok(NationalFigures {
        regies: row.0,
        regies_a_verifier: row.1,
        qpv: row.2,
        qpv_avec_regie: row.3,
        communes_avec_qpv: row.4,
        communes_concernees: row.5,
    })
}
