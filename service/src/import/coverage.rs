//! Estimated coverage: until a Régie declares its QPVs, it is deemed to work in the QPVs of its commune.

use sqlx::AnyConnection;

/// Recomputes the `estimee` rows from the Régies' communes; declared and confirmed rows are never touched.
/// Returns the number of rows removed and added.
pub async fn refresh_estimated(conn: &mut AnyConnection, ts: &str) -> Result<(u64, u64), sqlx::Error> {
    let removed = sqlx::query(
        "DELETE FROM couvertures WHERE statut = 'estimee' AND NOT EXISTS (
             SELECT 1 FROM regies r JOIN qpv_communes qc ON qc.commune_insee = r.commune_insee
             WHERE r.id = couvertures.regie_id AND qc.qpv_code = couvertures.qpv_code)",
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let added = sqlx::query(
        "INSERT INTO couvertures (regie_id, qpv_code, statut, created_at, updated_at)
         SELECT r.id, qc.qpv_code, 'estimee', $1, $1
         FROM regies r JOIN qpv_communes qc ON qc.commune_insee = r.commune_insee
         WHERE NOT EXISTS (SELECT 1 FROM couvertures c WHERE c.regie_id = r.id AND c.qpv_code = qc.qpv_code)",
    )
    .bind(ts)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok((removed, added))
}
