//! The SQL of a Régie's profile and its versions (`regies`, `regie_activites`, `regie_versions`).

use atlas_core::activite::Activite;
use atlas_core::coverage::CoverageStatus;
use atlas_core::regie::profile::{Covered, Profile};
use atlas_core::regie::ChiffresCles;
use sqlx::AnyConnection;

/// A saved state of a profile, as the history lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub number: i64,
    /// `origine` (as imported), `profil` (an edit) or `restauration`.
    pub kind: String,
    pub restored_from: Option<i64>,
    /// Unix milliseconds.
    pub at: i64,
    /// The author's pseudonym (`None`: the command line, or an account deleted since).
    pub author: Option<String>,
    pub profile: Profile,
}

type ProfileRow =
    (String, Option<String>, Option<String>, f64, f64, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>, i64);

/// The Régie's profile as stored now, and its version.
pub async fn current(conn: &mut AnyConnection, regie: i64) -> Result<Option<(Profile, i64)>, sqlx::Error> {
    let row: Option<ProfileRow> = sqlx::query_as(
        "SELECT nom, siret, adresse, lat, lon, telephone, email, site_web, date_creation, date_adhesion, description, version
         FROM regies WHERE id = $1",
    )
    .bind(regie)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((nom, siret, adresse, lat, lon, telephone, email, site_web, date_creation, date_adhesion, description, version)) = row else {
        return Ok(None);
    };
    let codes: Vec<String> = sqlx::query_scalar("SELECT activite FROM regie_activites WHERE regie_id = $1").bind(regie).fetch_all(&mut *conn).await?;
    let mut activites: Vec<Activite> = codes.iter().filter_map(|c| Activite::from_code(c)).collect();
    activites.sort();
    let rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT cv.qpv_code, q.nom, cv.statut, cv.note FROM couvertures cv JOIN qpv q ON q.code = cv.qpv_code WHERE cv.regie_id = $1 ORDER BY cv.qpv_code",
    )
    .bind(regie)
    .fetch_all(&mut *conn)
    .await?;
    let couverture = rows
        .into_iter()
        .map(|(qpv, nom, statut, note)| Covered { qpv, nom, statut: CoverageStatus::from_code(&statut).unwrap_or(CoverageStatus::Estimee), note })
        .collect();
    let chiffres = figures(&mut *conn, regie).await?;
    let partenaires = Some(super::partner_rows::of(&mut *conn, regie).await?);
    let profile =
        Profile { nom, siret, adresse, lat, lon, telephone, email, site_web, date_creation, date_adhesion, description, activites, couverture, chiffres, partenaires };
    Ok(Some((profile, version)))
}

type FiguresRow = (i64, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<String>);

/// The Régie's yearly key figures with their source, the oldest year first.
pub async fn figures(conn: &mut AnyConnection, regie: i64) -> Result<Vec<ChiffresCles>, sqlx::Error> {
    let rows: Vec<FiguresRow> = sqlx::query_as(
        "SELECT annee, salaries, salaries_insertion, benevoles, personnes_accompagnees, sorties_positives, chiffre_affaires_euros, marches_publics, source
         FROM chiffres_cles WHERE regie_id = $1 ORDER BY annee",
    )
    .bind(regie)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(annee, salaries, salaries_insertion, benevoles, personnes_accompagnees, sorties_positives, chiffre_affaires_euros, marches_publics, source)| {
            ChiffresCles { annee, salaries, salaries_insertion, benevoles, personnes_accompagnees, sorties_positives, chiffre_affaires_euros, marches_publics, source }
        })
        .collect())
}

/// Writes the Régie's key figures as `years` says: the years it leaves out are taken out.
async fn write_figures(conn: &mut AnyConnection, regie: i64, years: &[ChiffresCles], updated_at: &str) -> Result<(), sqlx::Error> {
    let stored: Vec<i64> = sqlx::query_scalar("SELECT annee FROM chiffres_cles WHERE regie_id = $1").bind(regie).fetch_all(&mut *conn).await?;
    for annee in stored.iter().filter(|annee| !years.iter().any(|c| c.annee == **annee)) {
        sqlx::query("DELETE FROM chiffres_cles WHERE regie_id = $1 AND annee = $2").bind(regie).bind(annee).execute(&mut *conn).await?;
    }
    for c in years {
        sqlx::query(
            "INSERT INTO chiffres_cles (regie_id, annee, salaries, salaries_insertion, benevoles, personnes_accompagnees, sorties_positives,
                                        chiffre_affaires_euros, marches_publics, source, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
             ON CONFLICT (regie_id, annee) DO UPDATE SET salaries = excluded.salaries, salaries_insertion = excluded.salaries_insertion,
                benevoles = excluded.benevoles, personnes_accompagnees = excluded.personnes_accompagnees, sorties_positives = excluded.sorties_positives,
                chiffre_affaires_euros = excluded.chiffre_affaires_euros, marches_publics = excluded.marches_publics, source = excluded.source,
                updated_at = excluded.updated_at",
        )
        .bind(regie)
        .bind(c.annee)
        .bind(c.salaries)
        .bind(c.salaries_insertion)
        .bind(c.benevoles)
        .bind(c.personnes_accompagnees)
        .bind(c.sorties_positives)
        .bind(c.chiffre_affaires_euros)
        .bind(c.marches_publics)
        .bind(&c.source)
        .bind(updated_at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The name of each QPV code that exists (in the order asked).
pub async fn qpv_names(conn: &mut AnyConnection, codes: &[String]) -> Result<Vec<Option<String>>, sqlx::Error> {
    let mut out = Vec::with_capacity(codes.len());
    for code in codes {
        out.push(sqlx::query_scalar("SELECT nom FROM qpv WHERE code = $1").bind(code).fetch_optional(&mut *conn).await?);
    }
    Ok(out)
}

/// The QPVs of the Régie's département it does not cover yet: (code, name), by name.
pub async fn candidates(conn: &mut AnyConnection, regie: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT DISTINCT q.code, q.nom FROM qpv q
           JOIN qpv_communes qc ON qc.qpv_code = q.code
           JOIN communes c ON c.insee = qc.commune_insee
           JOIN communes rc ON rc.departement_code = c.departement_code
           JOIN regies r ON r.commune_insee = rc.insee
         WHERE r.id = $1 AND NOT EXISTS (SELECT 1 FROM couvertures cv WHERE cv.regie_id = r.id AND cv.qpv_code = q.code)
         ORDER BY q.nom",
    )
    .bind(regie)
    .fetch_all(&mut *conn)
    .await
}

/// Another Régie with this SIRET, if any.
pub async fn siret_elsewhere(conn: &mut AnyConnection, regie: i64, siret: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM regies WHERE siret = $1 AND id <> $2").bind(siret).bind(regie).fetch_optional(&mut *conn).await?;
    Ok(found.is_some())
}

/// Writes `profile` as version `expected + 1` if the stored version is still `expected`;
/// `false` (nothing written) when another change came first.
pub async fn write(conn: &mut AnyConnection, regie: i64, expected: i64, profile: &Profile, updated_at: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE regies SET nom = $3, siret = $4, siren = $5, adresse = $6, lat = $7, lon = $8, telephone = $9, email = $10,
                site_web = $11, date_creation = $12, date_adhesion = $13, description = $14, updated_at = $15, version = version + 1
         WHERE id = $1 AND version = $2",
    )
    .bind(regie)
    .bind(expected)
    .bind(&profile.nom)
    .bind(&profile.siret)
    .bind(profile.siret.as_deref().map(atlas_core::siret::siren_of))
    .bind(&profile.adresse)
    .bind(profile.lat)
    .bind(profile.lon)
    .bind(&profile.telephone)
    .bind(&profile.email)
    .bind(&profile.site_web)
    .bind(&profile.date_creation)
    .bind(&profile.date_adhesion)
    .bind(&profile.description)
    .bind(updated_at)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM regie_activites WHERE regie_id = $1").bind(regie).execute(&mut *conn).await?;
    for a in &profile.activites {
        sqlx::query("INSERT INTO regie_activites (regie_id, activite) VALUES ($1, $2)").bind(regie).bind(a.code()).execute(&mut *conn).await?;
    }
    // Coverage: rows kept (their creation date with them), changed in place, or taken out.
    let stored: Vec<String> = sqlx::query_scalar("SELECT qpv_code FROM couvertures WHERE regie_id = $1").bind(regie).fetch_all(&mut *conn).await?;
    for code in stored.iter().filter(|code| !profile.couverture.iter().any(|c| &c.qpv == *code)) {
        sqlx::query("DELETE FROM couvertures WHERE regie_id = $1 AND qpv_code = $2").bind(regie).bind(code).execute(&mut *conn).await?;
    }
    for c in &profile.couverture {
        sqlx::query(
            "INSERT INTO couvertures (regie_id, qpv_code, statut, note, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
             ON CONFLICT (regie_id, qpv_code) DO UPDATE SET statut = excluded.statut, note = excluded.note, updated_at = excluded.updated_at",
        )
        .bind(regie)
        .bind(&c.qpv)
        .bind(c.statut.code())
        .bind(&c.note)
        .bind(updated_at)
        .execute(&mut *conn)
        .await?;
    }
    write_figures(&mut *conn, regie, &profile.chiffres, updated_at).await?;
    if let Some(partners) = &profile.partenaires {
        super::partner_rows::write(&mut *conn, regie, partners, updated_at).await?;
    }
    Ok(true)
}

/// Marks the Régie « vérifiée » as version `expected + 1`, if it is still at `expected`.
pub async fn verify(conn: &mut AnyConnection, regie: i64, expected: i64, updated_at: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE regies SET verification = 'verifiee', updated_at = $3, version = version + 1 WHERE id = $1 AND version = $2")
        .bind(regie)
        .bind(expected)
        .bind(updated_at)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The latest verification and the latest change by its team (or the network) of the Régie.
pub async fn dates(conn: &mut AnyConnection, slug: &str) -> Result<super::edit::Dates, sqlx::Error> {
    let latest =
        |kinds: &'static str| format!("SELECT MAX(v.at) FROM regie_versions v JOIN regies r ON r.id = v.regie_id WHERE r.slug = $1 AND v.kind IN ({kinds})");
    let verified: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(latest("'verification'"))).bind(slug).fetch_one(&mut *conn).await?;
    let updated: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(latest("'profil', 'restauration'"))).bind(slug).fetch_one(&mut *conn).await?;
    Ok(super::edit::Dates { verified, updated })
}

/// The Régie's new state after an import as a version of kind `import` (its state `before`, at
/// `version`, kept as version 0 when it had no version yet); its version number moves on, so a
/// form opened before the import is refused (409) instead of overwriting it or, for a contract
/// taken out by its place in the list, taking out another one.
pub async fn record_import(tx: &mut AnyConnection, id: i64, before: Profile, version: i64, author: Option<i64>, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE regies SET version = version + 1 WHERE id = $1").bind(id).execute(&mut *tx).await?;
    if version == 0 {
        record(tx, id, 0, "origine", None, None, at, &before).await?;
    }
    if let Some((after, number)) = current(tx, id).await? {
        record(tx, id, number, "import", None, author, at, &after).await?;
    }
    Ok(())
}

/// Records a version (the whole profile as JSON).
pub async fn record(
    conn: &mut AnyConnection,
    regie: i64,
    number: i64,
    kind: &str,
    restored_from: Option<i64>,
    author: Option<i64>,
    at: i64,
    profile: &Profile,
) -> Result<(), sqlx::Error> {
    let json = serde_json::to_string(profile).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO regie_versions (regie_id, version, kind, restored_from, author_id, at, profile) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (regie_id, version) DO NOTHING",
    )
    .bind(regie)
    .bind(number)
    .bind(kind)
    .bind(restored_from)
    .bind(author)
    .bind(at)
    .bind(json)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

type VersionRow = (i64, String, Option<i64>, i64, Option<String>, String);

fn version((number, kind, restored_from, at, author, json): VersionRow) -> Option<Version> {
    let profile = serde_json::from_str(&json).ok()?;
    Some(Version { number, kind, restored_from, at, author, profile })
}

/// Every version of the Régie, the newest first.
pub async fn list(conn: &mut AnyConnection, regie: i64) -> Result<Vec<Version>, sqlx::Error> {
    let rows: Vec<VersionRow> = sqlx::query_as(
        "SELECT v.version, v.kind, v.restored_from, v.at, a.pseudonym, v.profile
         FROM regie_versions v LEFT JOIN accounts a ON a.id = v.author_id WHERE v.regie_id = $1 ORDER BY v.version DESC",
    )
    .bind(regie)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().filter_map(version).collect())
}

/// One version of the Régie.
pub async fn one(conn: &mut AnyConnection, regie: i64, number: i64) -> Result<Option<Version>, sqlx::Error> {
    let row: Option<VersionRow> = sqlx::query_as(
        "SELECT v.version, v.kind, v.restored_from, v.at, a.pseudonym, v.profile
         FROM regie_versions v LEFT JOIN accounts a ON a.id = v.author_id WHERE v.regie_id = $1 AND v.version = $2",
    )
    .bind(regie)
    .bind(number)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.and_then(version))
}

/// The versions an account wrote, for its data export (every column but the account's own id).
pub async fn written_by(conn: &mut AnyConnection, account: i64) -> Result<serde_json::Value, sqlx::Error> {
    let rows: Vec<(i64, i64, i64, String, Option<i64>, i64, String)> =
        sqlx::query_as("SELECT id, regie_id, version, kind, restored_from, at, profile FROM regie_versions WHERE author_id = $1 ORDER BY id")
            .bind(account)
            .fetch_all(&mut *conn)
            .await?;
    Ok(serde_json::Value::Array(
        rows.into_iter()
            .map(|(id, regie_id, version, kind, restored_from, at, profile)| {
                serde_json::json!({ "id": id, "regie_id": regie_id, "version": version, "kind": kind, "restored_from": restored_from, "author_id": account, "at": at, "profile": profile })
            })
            .collect(),
    ))
}
