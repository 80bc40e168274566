//! The territory maps, drawn from the snapshot's outlines (no database).

use atlas_core::geometry::svg_areas;
use atlas_core::place::SvgFigure;
use atlas_core::territoire::report::{share_class, Niveau, TerritoryReport};

use atlas_core::locale::Locale;

use crate::snapshot::Places;

/// The hover title of an area of the coverage map.
fn area_title(locale: Locale, a: &atlas_core::territoire::report::AreaCoverage) -> String {
    let share = locale.int(a.part_couverte().round() as i64);
    match (locale, a.qpv) {
        (Locale::Fr, 0) => format!("{} : aucun QPV", a.nom),
        (Locale::En, 0) => format!("{}: no QPV", a.nom),
        (Locale::Fr, _) => format!("{} : {} QPV sur {} avec une Régie ({share} %)", a.nom, a.avec_regie, a.qpv),
        (Locale::En, _) => format!("{}: {} of {} QPVs with a Régie ({share}%)", a.nom, a.avec_regie, a.qpv),
    }
}

/// Coverage map: the smaller territories coloured by the share of their QPVs that have a Régie,
/// over the outline of the territory itself.
pub fn choropleth(places: &Places, r: &TerritoryReport, locale: Locale) -> Option<SvgFigure> {
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
        let title = area_title(locale, a);
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
