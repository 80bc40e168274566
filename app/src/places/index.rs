//! Server-side, in-memory indexes built from the database at startup: where is a point (QPV
//! contours, Régies) and what does a search box query match (communes, postcodes, QPVs, Régies).
//! They change only when data is imported, which restarts or reloads the server.

use std::collections::HashMap;
use std::sync::Arc;

use atlas_core::geometry::multipolygon_from_str;
use atlas_core::locate::{IndexedQpv, IndexedRegie, LocateIndex};
use atlas_core::map::{MapShape, ShapeLayer};
use atlas_core::search::{Entry, Hit, HitKind, SearchIndex};
use atlas_core::text::fold_place;
use atlas_core::coverage::CoverageStatus;
use atlas_core::territoire::report::Niveau;
use atlas_core::geometry::Shape as MultiPolygon;
use sqlx::AnyPool;

pub struct Places {
    pub locate: LocateIndex,
    pub search: SearchIndex,
    pub map: MapLayers,
    pub outlines: Outlines,
    /// Rows of the territory reports, reused for a minute.
    pub territories: crate::territoires::queries::TerritoryCache,
}

/// Where to find the outline of a territory or a QPV by its code, for server-drawn maps.
#[derive(Default)]
pub struct Outlines {
    /// Index into `MapLayers::departements`, `communes` and `qpv`.
    departements: HashMap<String, usize>,
    communes: HashMap<String, usize>,
    qpv: HashMap<String, usize>,
    /// EPCI outlines: the union of their communes, built at startup.
    epci: HashMap<String, MultiPolygon<f64>>,
}

impl Places {
    pub fn outline(&self, niveau: Niveau, code: &str) -> Option<&MultiPolygon<f64>> {
        let o = &self.outlines;
        match niveau {
            Niveau::Departement => self.map.departements.shape(*o.departements.get(code)?),
            Niveau::Commune => self.map.communes.shape(*o.communes.get(code)?),
            Niveau::Epci => o.epci.get(code),
            Niveau::France | Niveau::Region => None,
        }
    }

    pub fn qpv_outline(&self, code: &str) -> Option<&MultiPolygon<f64>> {
        self.map.qpv.shape(*self.outlines.qpv.get(code)?)
    }
}

/// What the interactive map asks for, precomputed (see atlas_core::map).
pub struct MapLayers {
    pub qpv: ShapeLayer,
    pub communes: ShapeLayer,
    pub departements: ShapeLayer,
    /// All Régies as GeoJSON points (a few hundred: sent whole, clustered by the browser).
    pub regies: String,
}

pub type SharedPlaces = Arc<Places>;

#[tracing::instrument(skip(pool))]
pub async fn build(pool: &AnyPool) -> Result<Places, sqlx::Error> {
    let started = std::time::Instant::now();
    let qpv_rows: Vec<(String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT q.code, q.nom, q.contour,
                COALESCE((SELECT MIN(c.nom) FROM qpv_communes qc JOIN communes c ON c.insee = qc.commune_insee
                          WHERE qc.qpv_code = q.code), '')
         FROM qpv q ORDER BY q.code",
    )
    .fetch_all(pool)
    .await?;
    let mut covered: HashMap<i64, Vec<String>> = HashMap::new();
    let mut best_status: HashMap<String, CoverageStatus> = HashMap::new();
    for (id, code, statut) in
        sqlx::query_as::<_, (i64, String, String)>("SELECT regie_id, qpv_code, statut FROM couvertures").fetch_all(pool).await?
    {
        if let Some(s) = CoverageStatus::from_code(&statut) {
            let best = best_status.entry(code.clone()).or_insert(s);
            *best = (*best).max(s);
        }
        covered.entry(id).or_default().push(code);
    }
    let regie_rows: Vec<(i64, String, String, String, f64, f64)> = sqlx::query_as(
        "SELECT r.id, r.slug, r.nom, c.nom, r.lat, r.lon FROM regies r JOIN communes c ON c.insee = r.commune_insee",
    )
    .fetch_all(pool)
    .await?;
    let mut postcodes: HashMap<String, Vec<String>> = HashMap::new();
    for (code, insee) in sqlx::query_as::<_, (String, String)>("SELECT code, commune_insee FROM codes_postaux ORDER BY code")
        .fetch_all(pool)
        .await?
    {
        postcodes.entry(insee).or_default().push(code);
    }
    let communes: Vec<(String, String, String, Option<String>, Option<i64>, Option<String>)> =
        sqlx::query_as("SELECT insee, nom, departement_code, epci_siren, population, contour FROM communes").fetch_all(pool).await?;
    let departement_names: HashMap<String, String> =
        sqlx::query_as::<_, (String, String)>("SELECT code, nom FROM departements").fetch_all(pool).await?.into_iter().collect();
    let mut commune_shapes = Vec::with_capacity(communes.len());
    let mut departement_parts: HashMap<String, Vec<atlas_core::geometry::Part>> = HashMap::new();
    let mut epci_parts: HashMap<String, Vec<atlas_core::geometry::Part>> = HashMap::new();
    let mut outlines = Outlines::default();

    let mut entries = Vec::with_capacity(communes.len() + qpv_rows.len() + regie_rows.len());
    for (insee, nom, dep, epci, population, contour) in communes {
        if let Some(shape) = contour.as_deref().and_then(|c| multipolygon_from_str(c).ok()) {
            departement_parts.entry(dep.clone()).or_default().extend(shape.0.iter().cloned());
            if let Some(siren) = epci {
                epci_parts.entry(siren).or_default().extend(shape.0.iter().cloned());
            }
            outlines.communes.insert(insee.clone(), commune_shapes.len());
            let properties = serde_json::json!({"insee": insee, "nom": nom}).to_string();
            commune_shapes.push(MapShape {
                point_properties: properties.clone(),
                properties,
                point: atlas_core::geometry::centroid(&shape).unwrap_or_default(),
                shape,
            });
        }
        let cps = postcodes.remove(&insee).unwrap_or_default();
        let detail = match cps.first() {
            Some(cp) => format!("{cp} · {dep}"),
            None => dep,
        };
        entries.push(Entry {
            keys: vec![fold_place(&nom)],
            hit: Hit { kind: HitKind::Commune, label: nom, detail, url: format!("/communes/{insee}") },
            postcodes: cps,
            weight: population.unwrap_or(0),
        });
    }
    let mut qpvs = Vec::with_capacity(qpv_rows.len());
    let mut qpv_shapes = Vec::with_capacity(qpv_rows.len());
    for (code, nom, contour, commune) in qpv_rows {
        entries.push(Entry {
            keys: vec![fold_place(&nom), code.to_lowercase()],
            hit: Hit { kind: HitKind::Qpv, label: nom.clone(), detail: format!("{code} · {commune}"), url: format!("/qpv/{code}") },
            postcodes: vec![],
            weight: 0,
        });
        if let Some(shape) = contour.as_deref().and_then(|c| multipolygon_from_str(c).ok()) {
            let couverture = best_status.get(&code).map_or("aucune", |s| s.code());
            let properties = serde_json::json!({"code": code, "nom": nom, "couverture": couverture}).to_string();
            let point = atlas_core::geometry::centroid(&shape).unwrap_or_default();
            let point_properties = serde_json::json!({"code": code, "couverture": couverture}).to_string();
            outlines.qpv.insert(code.clone(), qpv_shapes.len());
            qpv_shapes.push(MapShape { properties, point_properties, shape: shape.clone(), point });
            qpvs.push(IndexedQpv { code, nom, shape });
        }
    }
    let mut regies = Vec::with_capacity(regie_rows.len());
    let mut regie_features = Vec::with_capacity(regie_rows.len());
    for (id, slug, nom, commune, lat, lon) in regie_rows {
        regie_features.push(serde_json::json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"slug": slug, "nom": nom, "commune": commune},
        }));
        entries.push(Entry {
            keys: vec![fold_place(&nom)],
            hit: Hit { kind: HitKind::Regie, label: nom.clone(), detail: commune.clone(), url: format!("/regies/{slug}") },
            postcodes: vec![],
            weight: 0,
        });
        regies.push(IndexedRegie { slug, nom, commune, lat, lon, qpvs: covered.remove(&id).unwrap_or_default() });
    }
    let departements = departement_outlines(departement_parts, &departement_names);
    outlines.departements = departements.iter().enumerate().map(|(i, (code, _))| (code.clone(), i)).collect();
    let started_epci = std::time::Instant::now();
    outlines.epci = epci_parts.into_iter().map(|(siren, parts)| (siren, atlas_core::geometry::union(&parts))).collect();
    tracing::info!(elapsed_ms = started_epci.elapsed().as_millis() as u64, epci = outlines.epci.len(), "EPCI outlines built");
    let map = MapLayers {
        qpv: ShapeLayer::new(qpv_shapes, &[10, 13, 16]),
        communes: ShapeLayer::new(commune_shapes, &[11]),
        departements: ShapeLayer::new(departements.into_iter().map(|(_, s)| s).collect(), &[5, 7, 9]),
        regies: serde_json::json!({"type": "FeatureCollection", "features": regie_features}).to_string(),
    };
    let places = Places { locate: LocateIndex::new(qpvs, regies), search: SearchIndex::new(entries), map, outlines, territories: Default::default() };
    tracing::info!(
        elapsed_ms = started.elapsed().as_millis() as u64,
        qpv = places.locate.qpv_count(),
        entries = places.search.len(),
        "place indexes built"
    );
    Ok(places)
}

/// The indexes the server provided to this request.
pub fn places() -> Result<SharedPlaces, leptos::prelude::ServerFnError> {
    leptos::prelude::use_context::<SharedPlaces>()
        .ok_or_else(|| leptos::prelude::ServerFnError::new("index des lieux indisponible"))
}

/// The centre of the best commune for a name or postcode typed by the user.
pub async fn commune_point(pool: &AnyPool, places: &Places, q: &str) -> Result<Option<(Option<String>, f64, f64)>, sqlx::Error> {
    let Some(insee) = places
        .search
        .search(q, 20)
        .into_iter()
        .find(|h| h.kind == HitKind::Commune)
        .and_then(|h| h.url.strip_prefix("/communes/").map(str::to_owned))
    else {
        return Ok(None);
    };
    let row: Option<(String, f64, f64)> = sqlx::query_as("SELECT nom, lat, lon FROM communes WHERE insee = $1")
        .bind(&insee)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|(nom, lat, lon)| (Some(nom), lat, lon)))
}

/// Département outlines: the union of their communes' contours, done once at startup.
fn departement_outlines(parts: HashMap<String, Vec<atlas_core::geometry::Part>>, names: &HashMap<String, String>) -> Vec<(String, MapShape)> {
    let started = std::time::Instant::now();
    let mut out: Vec<(String, MapShape)> = parts
        .into_iter()
        .map(|(code, polygons)| {
            let shape = atlas_core::geometry::union(&polygons);
            let nom = names.get(&code).cloned().unwrap_or_default();
            let properties = serde_json::json!({"code": code, "nom": nom}).to_string();
            (code, MapShape { point_properties: properties.clone(), properties, point: atlas_core::geometry::centroid(&shape).unwrap_or_default(), shape })
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    tracing::info!(elapsed_ms = started.elapsed().as_millis() as u64, "département outlines built");
    out
}
