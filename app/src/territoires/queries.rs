//! Server side of the territory pages: reads the rows a report needs (a few thousand, without
//! geometry), lets atlas_core compute the report, and draws its maps from the in-memory outlines.

use std::collections::HashMap;

use atlas_core::coverage::CoverageStatus;
use atlas_core::geometry::svg_areas;
use atlas_core::partner::PartnerKind;
use atlas_core::place::SvgFigure;
use atlas_core::regie::ChiffresCles;
use atlas_core::territoire::report::{
    report, share_class, CommuneInfo, Niveau, PartnerLink, QpvInfo, RegieInfo, Scope, TerritoryData, TerritoryReport,
};
use sqlx::AnyPool;

use crate::places::index::Places;

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

/// A value computed from the database, reused for `CACHE_TTL`.
struct Cached<T>(std::sync::Mutex<Option<(std::time::Instant, T)>>);

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Self(std::sync::Mutex::new(None))
    }
}

impl<T: Clone> Cached<T> {
    async fn get_or<F: std::future::Future<Output = Result<T, sqlx::Error>>>(&self, compute: impl FnOnce() -> F) -> Result<T, sqlx::Error> {
        if let Some((at, value)) = self.0.lock().ok().and_then(|v| v.clone()) {
            if at.elapsed() < CACHE_TTL {
                return Ok(value);
            }
        }
        let value = compute().await?;
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some((std::time::Instant::now(), value.clone()));
        }
        Ok(value)
    }
}

/// The rows every territory page and export reads (a few thousand, ~20 ms through sqlx `Any`)
/// and the load dates; they change only on imports.
#[derive(Default)]
pub struct TerritoryCache {
    data: Cached<std::sync::Arc<TerritoryData>>,
    dates: Cached<LoadDates>,
}

/// Day each dataset was loaded: QPV, communes, Régies.
pub type LoadDates = (Option<String>, Option<String>, Option<String>);

/// How long loaded rows are reused.
pub const CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(60);

impl TerritoryCache {
    async fn get(&self, pool: &AnyPool) -> Result<std::sync::Arc<TerritoryData>, sqlx::Error> {
        self.data.get_or(|| async { Ok(std::sync::Arc::new(load(pool, "").await?)) }).await
    }

    /// `data_dates`, kept as long as the rows.
    pub async fn dates(&self, pool: &AnyPool) -> Result<LoadDates, sqlx::Error> {
        self.dates.get_or(|| data_dates(pool)).await
    }
}

/// The report of a territory, or None when it does not exist.
pub async fn territory(pool: &AnyPool, places: &Places, scope: &Scope) -> Result<Option<TerritoryReport>, sqlx::Error> {
    let data = places.territories.get(pool).await?;
    // A commune with neither QPV nor Régie is not among the cached rows: read it with them.
    if scope.niveau == Niveau::Commune && !data.communes.contains_key(&scope.code) {
        return Ok(report(&load(pool, &scope.code).await?, scope));
    }
    Ok(report(&data, scope))
}

/// Coverage map: the smaller territories coloured by the share of their QPVs that have a Régie,
/// over the outline of the territory itself.
pub fn choropleth(places: &Places, r: &TerritoryReport) -> Option<SvgFigure> {
    use std::borrow::Cow;
    let outline = places.outline(r.scope.niveau, &r.scope.code);
    let mut areas: Vec<(String, String, Cow<atlas_core::geometry::Shape<f64>>)> = Vec::new();
    if let Some(outline) = outline {
        areas.push(("territoire-fond".into(), r.nom.clone(), Cow::Borrowed(outline)));
    }
    for a in &r.decoupage {
        let Some(shape) = places.outline(a.niveau, &a.code) else { continue };
        // An EPCI may reach beyond the département shown (the Métropole du Grand Paris): cut it.
        let shape = match (r.scope.niveau, outline) {
            (Niveau::Departement, Some(dep)) => Cow::Owned(atlas_core::geometry::clip(shape, dep)),
            _ => Cow::Borrowed(shape),
        };
        let class = share_class(a.qpv, a.avec_regie).map_or("ch ch-none".to_owned(), |c| format!("ch ch-{c}"));
        let title = if a.qpv == 0 {
            format!("{} : aucun QPV", a.nom)
        } else {
            format!("{} : {} QPV sur {} avec une Régie ({:.0} %)", a.nom, a.avec_regie, a.qpv, a.part_couverte())
        };
        areas.push((class, title, shape));
    }
    if areas.iter().all(|a| a.0 == "territoire-fond") {
        return None;
    }
    let areas: Vec<(String, String, &atlas_core::geometry::Shape<f64>)> = areas.iter().map(|(c, t, s)| (c.clone(), t.clone(), s.as_ref())).collect();
    svg_areas(&areas)
}

/// Width and height of the coverage map, from bounding boxes only (the page needs no more).
pub fn choropleth_size(places: &Places, r: &TerritoryReport) -> Option<(u32, u32)> {
    let outline = places.outline(r.scope.niveau, &r.scope.code);
    let parts: Vec<&atlas_core::geometry::Shape<f64>> = r.decoupage.iter().filter_map(|a| places.outline(a.niveau, &a.code)).collect();
    if parts.is_empty() {
        return None;
    }
    let areas: Vec<(String, String, &atlas_core::geometry::Shape<f64>)> = match (r.scope.niveau, outline) {
        // EPCIs are cut to the département: the département's box is the map's.
        (Niveau::Departement, Some(dep)) => vec![(String::new(), String::new(), dep)],
        _ => outline.into_iter().chain(parts).map(|s| (String::new(), String::new(), s)).collect(),
    };
    atlas_core::geometry::svg_areas_size(&areas)
}

/// The QPVs of a département, EPCI or commune over its outline, coloured by coverage status.
/// France and régions hold hundreds of QPVs: their pages link to the interactive map instead.
pub fn qpv_map(places: &Places, r: &TerritoryReport) -> Option<SvgFigure> {
    if matches!(r.scope.niveau, Niveau::France | Niveau::Region) {
        return None;
    }
    let outline = places.outline(r.scope.niveau, &r.scope.code)?;
    let mut areas = vec![("territoire-fond".to_owned(), r.nom.clone(), outline)];
    for q in &r.qpvs {
        if let Some(shape) = places.qpv_outline(&q.code) {
            let status = q.statut.map_or("aucune", |s| s.code());
            areas.push((format!("qpv cov-{status}"), format!("{} ({})", q.nom, q.code), shape));
        }
    }
    svg_areas(&areas)
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

/// The box of the territory (lon/lat), to open the interactive map on it.
pub fn bbox(places: &Places, r: &TerritoryReport) -> Option<(f64, f64, f64, f64)> {
    if r.scope.niveau == Niveau::France {
        return None;
    }
    let own = places.outline(r.scope.niveau, &r.scope.code).into_iter();
    let parts = r.decoupage.iter().filter_map(|a| places.outline(a.niveau, &a.code));
    own.chain(parts).filter_map(atlas_core::geometry::bbox).reduce(|a, b| (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3)))
}

/// Width and height of the QPV map: the territory's outline sets the box.
pub fn qpv_map_size(places: &Places, r: &TerritoryReport) -> Option<(u32, u32)> {
    if matches!(r.scope.niveau, Niveau::France | Niveau::Region) {
        return None;
    }
    let outline = places.outline(r.scope.niveau, &r.scope.code)?;
    let mut areas = vec![(String::new(), String::new(), outline)];
    areas.extend(r.qpvs.iter().filter_map(|q| places.qpv_outline(&q.code)).map(|s| (String::new(), String::new(), s)));
    atlas_core::geometry::svg_areas_size(&areas)
}

/// CSS of the standalone map files (the page's stylesheet does not reach into an `<img>`).
pub const MAP_STYLE: &str = "path{stroke-linejoin:round}\
.territoire-fond{fill:#fff;stroke:#5b6770;stroke-width:1.5}\
.inset{fill:none;stroke:#9aa4ab;stroke-width:1;stroke-dasharray:4 3}\
.ch{stroke:#fff;stroke-width:.8}.ch-0{fill:#f6d9c4}.ch-1{fill:#c7e9c0}.ch-2{fill:#74c476}.ch-3{fill:#31a354}.ch-4{fill:#006d2c}.ch-none{fill:#e4e4e4}\
.qpv{stroke:#333;stroke-width:1;fill-opacity:.85}.cov-confirmee{fill:#1a7f37}.cov-declaree{fill:#2f9e8f}.cov-estimee{fill:#e0a526}.cov-aucune{fill:#b3261e}";
