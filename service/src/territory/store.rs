//! The rows territory reports are computed from, the national figures, the uncovered QPVs.

use std::collections::HashMap;

use atlas_core::coverage::CoverageStatus;
use atlas_core::partner::PartnerKind;
use atlas_core::regie::ChiffresCles;
use atlas_core::territoire::report::{
    CommuneInfo, PartnerLink, QpvInfo, RegieInfo, TerritoryData,
};
use atlas_core::territoire::NationalFigures;
use sqlx::AnyPool;

/// Everything a report is computed from. `commune`: the commune asked for, loaded even when it
/// has neither QPV nor Régie.
#[tracing::instrument(skip(pool))]
pub async fn load(pool: &AnyPool, commune: &str) -> Result<TerritoryData, sqlx::Error> {
    let regions = sqlx::query_as::<_, (String, String)>("SELECT code, nom FROM regions").fetch_all(pool).await?.into_iter().collect();
    let departements = sqlx::query_as::<_, (String, String, String)>("SELECT code, nom, region_code FROM departements")
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|(code, nom, region)| (code, (nom, region)))
        .collect();
    let epcis = sqlx::query_as::<_, (String, String)>("SELECT siren, nom FROM epci").fetch_all(pool).await?.into_iter().collect();
    let communes = sqlx::query_as::<_, (String, String, String, String, Option<String>, Option<i64>)>(
        "SELECT c.insee, c.nom, c.departement_code, d.region_code, c.epci_siren, c.population
         FROM communes c JOIN departements d ON d.code = c.departement_code
         WHERE c.insee IN (SELECT commune_insee FROM qpv_communes) OR c.insee IN (SELECT commune_insee FROM regies)
            OR c.insee = $1",
    )
    .bind(commune)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|(insee, nom, departement, region, epci, population)| {
        (insee.clone(), CommuneInfo { insee, nom, departement, region, epci, population })
    })
    .collect();
    let mut qpv_communes: HashMap<String, Vec<String>> = HashMap::new();
    for (qpv, insee) in sqlx::query_as::<_, (String, String)>("SELECT qpv_code, commune_insee FROM qpv_communes ORDER BY commune_insee")
        .fetch_all(pool)
        .await?
    {
        qpv_communes.entry(qpv).or_default().push(insee);
    }
    let qpvs = sqlx::query_as::<_, (String, String, Option<i64>)>("SELECT code, nom, population FROM qpv ORDER BY code")
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|(code, nom, population)| QpvInfo { communes: qpv_communes.remove(&code).unwrap_or_default(), code, nom, population })
        .collect();
    type FiguresRow = (i64, i64, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>);
    // Ordered by year: the last row of each Régie is its latest.
    let mut latest: HashMap<i64, ChiffresCles> = HashMap::new();
    for (id, annee, salaries, salaries_insertion, benevoles, personnes_accompagnees, sorties_positives, chiffre_affaires_euros, marches_publics) in
        sqlx::query_as::<_, FiguresRow>(
            "SELECT regie_id, annee, salaries, salaries_insertion, benevoles, personnes_accompagnees, sorties_positives,
                    chiffre_affaires_euros, marches_publics FROM chiffres_cles ORDER BY regie_id, annee",
        )
        .fetch_all(pool)
        .await?
    {
        latest.insert(
            id,
            ChiffresCles {
                annee,
                salaries,
                salaries_insertion,
                benevoles,
                personnes_accompagnees,
                sorties_positives,
                chiffre_affaires_euros,
                marches_publics,
                source: None,
            },
        );
    }
    let regies = sqlx::query_as::<_, (i64, String, String, String)>("SELECT id, slug, nom, commune_insee FROM regies")
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|(id, slug, nom, commune_insee)| RegieInfo { chiffres: latest.remove(&id), id, slug, nom, commune_insee })
        .collect();
    let couvertures = sqlx::query_as::<_, (i64, String, String)>("SELECT regie_id, qpv_code, statut FROM couvertures")
        .fetch_all(pool)
        .await?
        .into_iter()
        .filter_map(|(id, qpv, statut)| Some((id, qpv, CoverageStatus::from_code(&statut)?)))
        .collect();
    let partenaires = sqlx::query_as::<_, (i64, i64, String, String, i64, i64, i64)>(
        "SELECT r.regie_id, p.id, p.nom, p.nature, CASE WHEN p.demo = 1 OR r.demo = 1 THEN 1 ELSE 0 END,
                (SELECT COUNT(*) FROM contrats ct WHERE ct.relation_id = r.id),
                (SELECT CAST(COALESCE(SUM(ct.montant_euros), 0) AS BIGINT) FROM contrats ct WHERE ct.relation_id = r.id)
         FROM relations r JOIN partenaires p ON p.id = r.partenaire_id",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .filter_map(|(regie_id, partenaire_id, nom, nature, demo, contrats, montant_euros)| {
        Some(PartnerLink { regie_id, partenaire_id, nom, nature: PartnerKind::from_code(&nature)?, demo: demo != 0, contrats, montant_euros })
    })
    .collect();
    Ok(TerritoryData { regions, departements, epcis, communes, qpvs, regies, couvertures, partenaires })
}

/// When each reference dataset was last loaded into this database (ISO date), for the
/// "en quelques chiffres" sources.
pub async fn data_dates(pool: &AnyPool) -> Result<(Option<String>, Option<String>, Option<String>), sqlx::Error> {
    let row: (Option<String>, Option<String>, Option<String>) = sqlx::query_as(
        "SELECT (SELECT MAX(updated_at) FROM qpv), (SELECT MAX(updated_at) FROM communes), (SELECT MAX(updated_at) FROM regies)",
    )
    .fetch_one(pool)
    .await?;
    let day = |s: Option<String>| s.map(|s| s.chars().take(10).collect());
    Ok((day(row.0), day(row.1), day(row.2)))
}

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

/// Uncovered-QPV candidates: code, name, lat, lon, INSEE code, commune name, département,
/// commune population, number of Régies covering it.
pub type GapRow = (String, String, Option<f64>, Option<f64>, Option<String>, Option<String>, Option<String>, Option<i64>, i64);

pub async fn gap_rows(pool: &AnyPool) -> Result<Vec<GapRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT q.code, q.nom, q.lat, q.lon, c.insee, c.nom, c.departement_code, c.population,
                (SELECT COUNT(*) FROM couvertures cv WHERE cv.qpv_code = q.code)
         FROM qpv q
         LEFT JOIN communes c ON c.insee = (SELECT MIN(qc.commune_insee) FROM qpv_communes qc WHERE qc.qpv_code = q.code)
         ORDER BY q.code",
    )
    .fetch_all(pool)
    .await
}

/// Code and name of every département, by code.
pub async fn departements(pool: &AnyPool) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT code, nom FROM departements ORDER BY code").fetch_all(pool).await
}
