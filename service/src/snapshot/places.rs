//! The place indexes: where is a point (QPV contours, Régies), what does a search box query
//! match (communes, postcodes, QPVs, Régies), the map layers and the outlines of territories.

use std::collections::HashMap;
use std::sync::Arc;

use atlas_core::coverage::CoverageStatus;
use atlas_core::geometry::multipolygon_from_str;
use atlas_core::geometry::Shape as MultiPolygon;
use atlas_core::locate::{IndexedQpv, IndexedRegie, LocateIndex};
use atlas_core::map::{MapShape, ShapeLayer};
use atlas_core::search::{Entry, Hit, HitKind, SearchIndex};
use atlas_core::territoire::report::Niveau;
use atlas_core::text::fold_place;

use super::store::{CommuneRow, PlaceRows};

pub struct Places {
    pub locate: LocateIndex,
    pub search: SearchIndex,
    pub map: MapLayers,
    /// Communes, départements and EPCI: most of the work (contours of 34,867 communes, unions),
    /// rebuilt only when the territories change.
    pub boundaries: Arc<Boundaries>,
    qpv: HashMap<String, usize>,
}

/// Commune, département and EPCI outlines.
pub struct Boundaries {
    pub departements: ShapeLayer,
    pub communes: ShapeLayer,
    departement_index: HashMap<String, usize>,
    commune_index: HashMap<String, usize>,
    epci: HashMap<String, MultiPolygon<f64>>,
    /// How many of the search index's entries, at its start, are communes (made with these
    /// outlines, kept once: in the index).
    commune_entries: usize,
}

/// What the interactive map asks for, precomputed (see atlas_core::map).
pub struct MapLayers {
    pub qpv: ShapeLayer,
    /// All Régies as GeoJSON points (a few hundred: sent whole, clustered by the browser).
    pub regies: String,
}

impl Places {
    pub fn outline(&self, niveau: Niveau, code: &str) -> Option<&MultiPolygon<f64>> {
        let b = &self.boundaries;
        match niveau {
            Niveau::Departement => b.departements.shape(*b.departement_index.get(code)?),
            Niveau::Commune => b.communes.shape(*b.commune_index.get(code)?),
            Niveau::Epci => b.epci.get(code),
            Niveau::France | Niveau::Region => None,
        }
    }

    pub fn qpv_outline(&self, code: &str) -> Option<&MultiPolygon<f64>> {
        self.map.qpv.shape(*self.qpv.get(code)?)
    }

    /// The INSEE code of the best commune for a name or postcode typed by the user.
    pub fn best_commune(&self, q: &str) -> Option<String> {
        self.search
            .search(q, 20)
            .into_iter()
            .find(|h| h.kind == HitKind::Commune)
            .and_then(|h| h.url.strip_prefix("/communes/").map(str::to_owned))
    }
}

/// Builds the indexes from the rows; the boundaries and commune search entries from `previous`
/// when the territories did not change (then `rows.communes` is empty: a Régie import takes a
/// fraction of a full build).
pub fn build(rows: PlaceRows, previous: Option<&Places>) -> Places {
    let started = std::time::Instant::now();
    let mut covered: HashMap<i64, Vec<String>> = HashMap::new();
    let mut best_status: HashMap<String, CoverageStatus> = HashMap::new();
    for (id, code, statut) in rows.couvertures {
        if let Some(s) = CoverageStatus::from_code(&statut) {
            let best = best_status.entry(code.clone()).or_insert(s);
            *best = (*best).max(s);
        }
        covered.entry(id).or_default().push(code);
    }
    let (boundaries, mut entries) = match previous {
        Some(p) => (p.boundaries.clone(), p.search.entries()[..p.boundaries.commune_entries].to_vec()),
        None => {
            let (boundaries, entries) = build_boundaries(rows.communes, rows.postcodes, rows.departement_names);
            (Arc::new(boundaries), entries)
        }
    };
    entries.reserve(rows.qpvs.len() + rows.regies.len());
    let mut qpvs = Vec::with_capacity(rows.qpvs.len());
    let mut qpv_shapes = Vec::with_capacity(rows.qpvs.len());
    let mut qpv_index = HashMap::new();
    for (code, nom, contour, commune) in rows.qpvs {
        entries.push(Entry {
            keys: vec![fold_place(&nom), code.to_lowercase()],
            hit: Hit { kind: HitKind::Qpv, label: nom.clone(), detail: format!("{code} · {commune}"), url: format!("/qpv/{code}") },
            postcodes: vec![],
            weight: 0,
        });
        if let Some(shape) = contour.as_deref().and_then(|c| multipolygon_from_str(c).ok()).map(Arc::new) {
            let couverture = best_status.get(&code).map_or("aucune", |s| s.code());
            let properties = serde_json::json!({"code": code, "nom": nom, "couverture": couverture}).to_string();
            let point = atlas_core::geometry::centroid(&shape).unwrap_or_default();
            let point_properties = serde_json::json!({"code": code, "couverture": couverture}).to_string();
            qpv_index.insert(code.clone(), qpv_shapes.len());
            qpv_shapes.push(MapShape { properties, point_properties, shape: Arc::clone(&shape), point });
            qpvs.push(IndexedQpv { code, nom, shape });
        }
    }
    let mut regies = Vec::with_capacity(rows.regies.len());
    let mut regie_features = Vec::with_capacity(rows.regies.len());
    for (id, slug, nom, commune, lat, lon) in rows.regies {
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
    let map = MapLayers {
        qpv: ShapeLayer::on_demand(qpv_shapes, &[10, 13, 16]),
        regies: serde_json::json!({"type": "FeatureCollection", "features": regie_features}).to_string(),
    };
    let places = Places { locate: LocateIndex::new(qpvs, regies), search: SearchIndex::new(entries), map, boundaries, qpv: qpv_index };
    tracing::info!(
        elapsed_ms = started.elapsed().as_millis() as u64,
        qpv = places.locate.qpv_count(),
        entries = places.search.len(),
        "place indexes built"
    );
    places
}

/// Commune contours and search entries, then département and EPCI outlines: the unions of their
/// communes' contours.
fn build_boundaries(communes: Vec<CommuneRow>, postcode_rows: Vec<(String, String)>, departement_names: Vec<(String, String)>) -> (Boundaries, Vec<Entry>) {
    let started = std::time::Instant::now();
    let mut postcodes: HashMap<String, Vec<String>> = HashMap::new();
    for (code, insee) in postcode_rows {
        postcodes.entry(insee).or_default().push(code);
    }
    let names: HashMap<String, String> = departement_names.into_iter().collect();
    let mut commune_shapes = Vec::with_capacity(communes.len());
    // The communes of each département and EPCI, by index into `commune_shapes`: their unions
    // read the communes' polygons where they are (no copy of the 1.1 million points).
    let mut departement_parts: HashMap<String, Vec<usize>> = HashMap::new();
    let mut epci_parts: HashMap<String, Vec<usize>> = HashMap::new();
    let mut commune_index = HashMap::new();
    let mut commune_entries = Vec::with_capacity(communes.len());
    for (insee, nom, dep, epci, population, contour) in communes {
        if let Some(shape) = contour.as_deref().and_then(|c| multipolygon_from_str(c).ok()) {
            departement_parts.entry(dep.clone()).or_default().push(commune_shapes.len());
            if let Some(siren) = epci {
                epci_parts.entry(siren).or_default().push(commune_shapes.len());
            }
            commune_index.insert(insee.clone(), commune_shapes.len());
            let properties = serde_json::json!({"insee": insee, "nom": nom}).to_string();
            commune_shapes.push(MapShape {
                point_properties: properties.clone(),
                properties,
                point: atlas_core::geometry::centroid(&shape).unwrap_or_default(),
                shape: Arc::new(shape),
            });
        }
        let cps = postcodes.remove(&insee).unwrap_or_default();
        let detail = match cps.first() {
            Some(cp) => format!("{cp} · {dep}"),
            None => dep,
        };
        commune_entries.push(Entry {
            keys: vec![fold_place(&nom)],
            hit: Hit { kind: HitKind::Commune, label: nom, detail, url: format!("/communes/{insee}") },
            postcodes: cps,
            weight: population.unwrap_or(0),
        });
    }
    let mut deps: Vec<(String, MapShape)> = departement_parts
        .into_iter()
        .map(|(code, communes)| {
            let shape = atlas_core::geometry::union(polygons_of(&commune_shapes, &communes));
            let nom = names.get(&code).cloned().unwrap_or_default();
            let properties = serde_json::json!({"code": code, "nom": nom}).to_string();
            let point = atlas_core::geometry::centroid(&shape).unwrap_or_default();
            (code, MapShape { point_properties: properties.clone(), properties, point, shape: Arc::new(shape) })
        })
        .collect();
    deps.sort_by(|a, b| a.0.cmp(&b.0));
    let departement_index = deps.iter().enumerate().map(|(i, (code, _))| (code.clone(), i)).collect();
    let epci = epci_parts
        .into_iter()
        .map(|(siren, communes)| (siren, atlas_core::geometry::union(polygons_of(&commune_shapes, &communes))))
        .collect();
    tracing::info!(elapsed_ms = started.elapsed().as_millis() as u64, "département and EPCI outlines built");
    let boundaries = Boundaries {
        departements: ShapeLayer::new(deps.into_iter().map(|(_, s)| s).collect(), &[5, 7, 9]),
        communes: ShapeLayer::on_demand(commune_shapes, &[11]),
        departement_index,
        commune_index,
        epci,
        commune_entries: commune_entries.len(),
    };
    (boundaries, commune_entries)
}

/// Every polygon of the communes at `indices`.
fn polygons_of<'a>(shapes: &'a [MapShape], indices: &'a [usize]) -> impl Iterator<Item = &'a atlas_core::geometry::Part<f64>> {
    indices.iter().flat_map(move |&i| shapes[i].shape.0.iter())
}
