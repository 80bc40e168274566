//! Server-side reads of partners: the national list and the page of one partner.

use atlas_core::partner::{College, Contract, PartnerDetail, PartnerKind, PartnerRegie, PartnerSummary, Procedure, RelationKind};
use sqlx::AnyPool;

/// Every partner (of one kind when asked), most connected first.
#[tracing::instrument(skip(pool))]
pub async fn list(pool: &AnyPool, nature: Option<PartnerKind>) -> Result<Vec<PartnerSummary>, sqlx::Error> {
    type Row = (i64, String, String, Option<String>, i64, i64, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT p.id, p.nom, p.nature, p.territoire,
                (SELECT COUNT(DISTINCT r.regie_id) FROM relations r WHERE r.partenaire_id = p.id),
                (SELECT COUNT(*) FROM contrats c JOIN relations r ON r.id = c.relation_id WHERE r.partenaire_id = p.id),
                (SELECT CAST(COALESCE(SUM(c.montant_euros), 0) AS BIGINT) FROM contrats c JOIN relations r ON r.id = c.relation_id
                  WHERE r.partenaire_id = p.id),
                p.demo
         FROM partenaires p ORDER BY p.nom",
    )
    .fetch_all(pool)
    .await?;
    let mut out: Vec<PartnerSummary> = rows
        .into_iter()
        .filter_map(|(id, nom, nature, territoire, regies, contrats, montant_euros, demo)| {
            Some(PartnerSummary { id, nom, nature: PartnerKind::from_code(&nature)?, territoire, regies, contrats, montant_euros, demo: demo != 0 })
        })
        .filter(|p| nature.is_none_or(|n| p.nature == n))
        .collect();
    out.sort_by(|a, b| b.regies.cmp(&a.regies).then_with(|| a.nom.cmp(&b.nom)));
    Ok(out)
}

#[tracing::instrument(skip(pool))]
pub async fn detail(pool: &AnyPool, id: i64) -> Result<Option<PartnerDetail>, sqlx::Error> {
    let row: Option<(i64, String, String, Option<String>, Option<String>, Option<String>, i64)> =
        sqlx::query_as("SELECT id, nom, nature, siren, territoire, site_web, demo FROM partenaires WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    let Some((id, nom, nature, siren, territoire, site_web, demo)) = row else { return Ok(None) };
    let Some(nature) = PartnerKind::from_code(&nature) else { return Ok(None) };
    type RegieRow = (String, String, String, String, String, Option<String>, Option<String>, Option<String>, f64, f64);
    let regies: Vec<PartnerRegie> = sqlx::query_as::<_, RegieRow>(
        "SELECT g.slug, g.nom, c.nom, c.departement_code, r.nature, r.college, r.depuis, r.jusqu_a, g.lat, g.lon
         FROM relations r JOIN regies g ON g.id = r.regie_id JOIN communes c ON c.insee = g.commune_insee
         WHERE r.partenaire_id = $1 ORDER BY g.nom, r.nature",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .filter_map(|(slug, nom, commune, departement, relation, college, depuis, jusqu_a, lat, lon)| {
        Some(PartnerRegie {
            slug,
            nom,
            commune,
            departement,
            relation: RelationKind::from_code(&relation)?,
            college: college.as_deref().and_then(College::from_code),
            depuis,
            jusqu_a,
            lat,
            lon,
        })
    })
    .collect();
    type ContractRow = (String, String, String, Option<i64>, Option<String>, Option<String>, String, Option<String>);
    let contrats: Vec<Contract> = sqlx::query_as::<_, ContractRow>(
        "SELECT g.slug, g.nom, c.objet, c.montant_euros, c.debut, c.fin, c.procedure, c.activite
         FROM contrats c JOIN relations r ON r.id = c.relation_id JOIN regies g ON g.id = r.regie_id
         WHERE r.partenaire_id = $1 ORDER BY c.debut DESC, c.objet",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .filter_map(|(regie_slug, regie, objet, montant_euros, debut, fin, procedure, activite)| {
        Some(Contract { regie_slug, regie, objet, montant_euros, debut, fin, procedure: Procedure::from_code(&procedure)?, activite })
    })
    .collect();
    Ok(Some(PartnerDetail { id, nom, nature, siren, territoire, site_web, demo: demo != 0, regies, contrats, figure: None }))
}

#[derive(sqlx::FromRow)]
struct ExportRow {
    slug: String,
    siret: Option<String>,
    partenaire: String,
    nature: String,
    siren: Option<String>,
    territoire: Option<String>,
    site_web: Option<String>,
    relation: String,
    college: Option<String>,
    depuis: Option<String>,
    jusqu_a: Option<String>,
    objet: Option<String>,
    montant_euros: Option<i64>,
    debut: Option<String>,
    fin: Option<String>,
    procedure: Option<String>,
    activite: Option<String>,
}

/// Every relation, one row per contract (or one row without contract), in the import format.
pub async fn export_rows(pool: &AnyPool) -> Result<Vec<[String; 16]>, sqlx::Error> {
    let rows: Vec<ExportRow> = sqlx::query_as(
        "SELECT g.slug AS slug, g.siret AS siret, p.nom AS partenaire, p.nature AS nature, p.siren AS siren,
                p.territoire AS territoire, p.site_web AS site_web, r.nature AS relation, r.college AS college,
                r.depuis AS depuis, r.jusqu_a AS jusqu_a, c.objet AS objet, c.montant_euros AS montant_euros,
                c.debut AS debut, c.fin AS fin, c.procedure AS procedure, c.activite AS activite
         FROM relations r JOIN regies g ON g.id = r.regie_id JOIN partenaires p ON p.id = r.partenaire_id
         LEFT JOIN contrats c ON c.relation_id = r.id
         ORDER BY g.slug, p.nom, r.nature, c.debut, c.objet",
    )
    .fetch_all(pool)
    .await?;
    let o = |v: Option<String>| v.unwrap_or_default();
    Ok(rows
        .into_iter()
        .map(|r| {
            [
                r.siret.unwrap_or(r.slug),
                r.partenaire,
                PartnerKind::from_code(&r.nature).map(PartnerKind::label_fr).unwrap_or("").to_owned(),
                o(r.siren),
                o(r.territoire),
                o(r.site_web),
                RelationKind::from_code(&r.relation).map(RelationKind::label_fr).unwrap_or("").to_owned(),
                r.college.as_deref().and_then(College::from_code).map(|c| c.label_fr().to_owned()).unwrap_or_default(),
                o(r.depuis),
                o(r.jusqu_a),
                o(r.objet),
                r.montant_euros.map(|m| m.to_string()).unwrap_or_default(),
                o(r.debut),
                o(r.fin),
                r.procedure.as_deref().and_then(Procedure::from_code).map(|p| p.label_fr().to_owned()).unwrap_or_default(),
                o(r.activite),
            ]
        })
        .collect())
}
