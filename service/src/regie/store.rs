//! Server-side reads of Régies.

use atlas_core::activite::Activite;
use atlas_core::coverage::CoverageStatus;
use atlas_core::regie::{QpvCovered, RegieDetail, RegieSummary, Verification};
use atlas_core::regie::directory::TerritoryNames;
use sqlx::AnyPool;

fn verification(code: &str) -> Verification {
    Verification::from_code(code).unwrap_or(Verification::AVerifier)
}

#[tracing::instrument(skip(pool))]
pub async fn list(pool: &AnyPool) -> Result<Vec<RegieSummary>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, String, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT r.id, r.slug, r.nom, c.nom, r.code_postal, d.code, d.nom, d.region_code, r.verification,
                (SELECT COUNT(*) FROM couvertures cv WHERE cv.regie_id = r.id)
         FROM regies r JOIN communes c ON c.insee = r.commune_insee JOIN departements d ON d.code = c.departement_code
         ORDER BY d.code, c.nom, r.nom",
    )
    .fetch_all(pool)
    .await?;
    let mut activites: std::collections::HashMap<i64, Vec<Activite>> = std::collections::HashMap::new();
    for (id, code) in sqlx::query_as::<_, (i64, String)>("SELECT regie_id, activite FROM regie_activites").fetch_all(pool).await? {
        if let Some(a) = Activite::from_code(&code) {
            activites.entry(id).or_default().push(a);
        }
    }
    Ok(rows
        .into_iter()
        .map(|(id, slug, nom, commune, code_postal, departement, departement_nom, region, v, nb_qpv)| RegieSummary {
            slug,
            nom,
            commune,
            code_postal,
            departement,
            departement_nom,
            region,
            verification: verification(&v),
            nb_qpv,
            activites: activites.remove(&id).unwrap_or_default(),
        })
        .collect())
}

/// Names of régions and départements for the directory's filters.
pub async fn territory_names(pool: &AnyPool) -> Result<TerritoryNames, sqlx::Error> {
    Ok(TerritoryNames {
        regions: sqlx::query_as("SELECT code, nom FROM regions ORDER BY nom").fetch_all(pool).await?,
        departements: sqlx::query_as("SELECT code, nom FROM departements ORDER BY code").fetch_all(pool).await?,
    })
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: i64,
    slug: String,
    nom: String,
    siret: Option<String>,
    adresse: Option<String>,
    code_postal: String,
    commune: String,
    commune_insee: String,
    departement: String,
    lat: f64,
    lon: f64,
    site_web: Option<String>,
    telephone: Option<String>,
    email: Option<String>,
    description: Option<String>,
    date_creation: Option<String>,
    date_adhesion: Option<String>,
    verification: String,
    source: Option<String>,
}

#[tracing::instrument(skip(pool))]
pub async fn detail(pool: &AnyPool, slug: &str) -> Result<Option<RegieDetail>, sqlx::Error> {
    let Some(r) = sqlx::query_as::<_, DetailRow>(
        "SELECT r.id, r.slug, r.nom, r.siret, r.adresse, r.code_postal, c.nom AS commune,
                r.commune_insee, c.departement_code AS departement, r.lat, r.lon, r.site_web,
                r.telephone, r.email, r.description, r.date_creation, r.date_adhesion,
                r.verification, r.source
         FROM regies r JOIN communes c ON c.insee = r.commune_insee
         WHERE r.slug = $1",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let activites: Vec<(String,)> =
        sqlx::query_as("SELECT activite FROM regie_activites WHERE regie_id = $1 ORDER BY activite")
            .bind(r.id)
            .fetch_all(pool)
            .await?;
    let qpvs: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT q.code, q.nom, cv.statut FROM couvertures cv JOIN qpv q ON q.code = cv.qpv_code
         WHERE cv.regie_id = $1 ORDER BY q.nom",
    )
    .bind(r.id)
    .fetch_all(pool)
    .await?;
    let chiffres = super::versions::figures(&mut *pool.acquire().await?, r.id).await?;
    let json_ld = crate::json_ld(&serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": r.nom,
        "url": r.site_web,
        "telephone": r.telephone,
        "email": r.email,
        "taxID": r.siret,
        "address": {"@type": "PostalAddress", "streetAddress": r.adresse, "postalCode": r.code_postal,
                    "addressLocality": r.commune, "addressCountry": "FR"},
        "location": {"@type": "Place", "geo": {"@type": "GeoCoordinates", "latitude": r.lat, "longitude": r.lon}},
    }));
    let figure = figure(pool, &r.commune_insee, &r.commune, r.id, &r.nom, r.lon, r.lat).await?;
    let partenaires = partners(pool, r.id).await?;
    let corrections_en_attente: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM corrections WHERE regie_id = $1 AND statut = 'nouvelle'")
            .bind(r.id)
            .fetch_one(pool)
            .await?;
    Ok(Some(RegieDetail {
        news_html: None,
        logo_html: None,
        figures_html: None,
        partners_html: None,
        corrections_en_attente,
        answer_clock: None,
        json_ld,
        partenaires,
        figure,
        slug: r.slug,
        nom: r.nom,
        siret: r.siret,
        adresse: r.adresse,
        code_postal: r.code_postal,
        commune: r.commune,
        commune_insee: r.commune_insee,
        departement: r.departement,
        lat: r.lat,
        lon: r.lon,
        site_web: r.site_web,
        telephone: r.telephone,
        email: r.email,
        description: r.description,
        date_creation: r.date_creation,
        date_adhesion: r.date_adhesion,
        activites: activites.iter().filter_map(|(a,)| Activite::from_code(a)).collect(),
        verification: verification(&r.verification),
        source: r.source,
        qpvs: qpvs
            .into_iter()
            .map(|(code, nom, statut)| QpvCovered {
                code,
                nom,
                statut: CoverageStatus::from_code(&statut).unwrap_or(CoverageStatus::Estimee),
            })
            .collect(),
        chiffres,
    }))
}

/// The Régie's commune with the QPVs it covers (coloured by status) and a dot at its address.
async fn figure(
    pool: &AnyPool,
    insee: &str,
    commune: &str,
    regie_id: i64,
    nom: &str,
    lon: f64,
    lat: f64,
) -> Result<Option<atlas_core::place::SvgFigure>, sqlx::Error> {
    use atlas_core::geometry::{multipolygon_from_str, svg_figure, Shape};
    let outline: Option<(Option<String>,)> =
        sqlx::query_as("SELECT contour FROM communes WHERE insee = $1").bind(insee).fetch_optional(pool).await?;
    let Some(outline) = outline.and_then(|(c,)| c).and_then(|c| multipolygon_from_str(&c).ok()) else { return Ok(None) };
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT q.nom, cv.statut, q.contour FROM couvertures cv JOIN qpv q ON q.code = cv.qpv_code WHERE cv.regie_id = $1",
    )
    .bind(regie_id)
    .fetch_all(pool)
    .await?;
    let shapes: Vec<(String, String, Shape<f64>)> = rows
        .into_iter()
        .filter_map(|(n, statut, c)| Some((format!("qpv cov-{statut}"), n, multipolygon_from_str(c.as_deref()?).ok()?)))
        .collect();
    let mut layers: Vec<(&str, &str, &Shape<f64>)> = vec![("commune", commune, &outline)];
    layers.extend(shapes.iter().map(|(class, n, s)| (class.as_str(), n.as_str(), s)));
    Ok(svg_figure(&layers, &[("regie-point", nom, lon, lat)]))
}

/// Partners of a Régie, current relations first.
async fn partners(pool: &AnyPool, regie_id: i64) -> Result<Vec<atlas_core::partner::RegiePartner>, sqlx::Error> {
    use atlas_core::partner::{College, PartnerKind, RegiePartner, RelationKind};
    type Row = (i64, String, String, String, Option<String>, Option<String>, Option<String>, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT p.id, p.nom, p.nature, r.nature, r.college, r.depuis, r.jusqu_a, p.demo + r.demo
         FROM relations r JOIN partenaires p ON p.id = r.partenaire_id
         WHERE r.regie_id = $1 ORDER BY (r.jusqu_a IS NOT NULL), p.nom",
    )
    .bind(regie_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, nom, nature, relation, college, depuis, jusqu_a, demo)| {
            Some(RegiePartner {
                id,
                nom,
                nature: PartnerKind::from_code(&nature)?,
                relation: RelationKind::from_code(&relation)?,
                college: college.as_deref().and_then(College::from_code),
                depuis,
                jusqu_a,
                demo: demo > 0,
            })
        })
        .collect())
}
