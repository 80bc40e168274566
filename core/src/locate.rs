//! "Which QPV is here, and which Régies are near?": exact point-in-polygon on the QPV contours,
//! behind an R-tree of their bounding boxes so a lookup tests a handful of polygons, not 1,584.

use geo::{Contains, Distance, Haversine, MultiPolygon, Point};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::RTree;
pub use crate::place::{Located, NearbyRegie, QpvHere};
use crate::error::{Code, Error};

/// Numbers within the Earth's bounds; anything else is an invalid parameter (400), said in
/// French and English.
pub fn check_coordinates(lat: f64, lon: f64) -> Result<(), Error> {
    if !lat.is_finite() || !lon.is_finite() {
        return Err(Error::said(
            Code::InvalidParameter,
            "coordonnées : latitude et longitude doivent être des nombres",
            "coordinates: latitude and longitude must be numbers",
        ));
    }
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(Error::said(
            Code::InvalidParameter,
            format!("coordonnées hors limites : latitude {lat} (entre -90 et 90), longitude {lon} (entre -180 et 180)"),
            format!("coordinates out of bounds: latitude {lat} (from -90 to 90), longitude {lon} (from -180 to 180)"),
        ));
    }
    Ok(())
}

/// One QPV as the index keeps it.
pub struct IndexedQpv {
    pub code: String,
    pub nom: String,
    pub shape: std::sync::Arc<MultiPolygon<f64>>,
}

/// A Régie as the index keeps it, with the QPV codes it covers.
#[derive(Clone, Debug)]
pub struct IndexedRegie {
    pub slug: String,
    pub nom: String,
    pub commune: String,
    pub lat: f64,
    pub lon: f64,
    pub qpvs: Vec<String>,
}

pub struct LocateIndex {
    qpvs: Vec<IndexedQpv>,
    tree: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
    regies: Vec<IndexedRegie>,
}

impl LocateIndex {
    pub fn new(qpvs: Vec<IndexedQpv>, regies: Vec<IndexedRegie>) -> Self {
        use geo::BoundingRect;
        let boxes = qpvs
            .iter()
            .enumerate()
            .filter_map(|(i, q)| {
                q.shape.bounding_rect().map(|r| {
                    GeomWithData::new(Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]), i)
                })
            })
            .collect();
        Self { qpvs, tree: RTree::bulk_load(boxes), regies }
    }

    pub fn qpv_count(&self) -> usize {
        self.qpvs.len()
    }

    /// The QPV whose contour contains the point (QPVs do not overlap; the first found wins).
    pub fn qpv_at(&self, lat: f64, lon: f64) -> Option<&IndexedQpv> {
        let p = Point::new(lon, lat);
        self.tree
            .locate_all_at_point(&[lon, lat])
            .map(|hit| &self.qpvs[hit.data])
            .find(|q| q.shape.contains(&p))
    }

    /// The nearest Régie (slug, name, metres), by great-circle distance.
    pub fn nearest_regie(&self, lat: f64, lon: f64) -> Option<(&IndexedRegie, u32)> {
        let here = Point::new(lon, lat);
        self.regies
            .iter()
            .map(|r| (r, Haversine.distance(here, Point::new(r.lon, r.lat)).round() as u32))
            .min_by_key(|(_, d)| *d)
    }

    /// QPV here (if any) and the `limit` nearest Régies, by great-circle distance.
    pub fn locate(&self, lat: f64, lon: f64, limit: usize) -> Located {
        let here = Point::new(lon, lat);
        let qpv = self.qpv_at(lat, lon);
        let mut regies: Vec<NearbyRegie> = self
            .regies
            .iter()
            .map(|r| NearbyRegie {
                slug: r.slug.clone(),
                nom: r.nom.clone(),
                commune: r.commune.clone(),
                distance_m: Haversine.distance(here, Point::new(r.lon, r.lat)).round() as u32,
                couvre_ce_qpv: qpv.is_some_and(|q| r.qpvs.contains(&q.code)),
            })
            .collect();
        // Régies covering this QPV first, then by distance.
        regies.sort_by_key(|r| (!r.couvre_ce_qpv, r.distance_m));
        regies.truncate(limit);
        Located { qpv: qpv.map(|q| QpvHere { code: q.code.clone(), nom: q.nom.clone() }), regies }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, MultiPolygon};

    fn square(code: &str, x: f64, y: f64) -> IndexedQpv {
        IndexedQpv {
            code: code.into(),
            nom: format!("Quartier {code}"),
            shape: MultiPolygon(vec![polygon![(x: x, y: y), (x: x + 0.01, y: y), (x: x + 0.01, y: y + 0.01), (x: x, y: y + 0.01), (x: x, y: y)]]).into(),
        }
    }

    fn index() -> LocateIndex {
        LocateIndex::new(
            vec![square("QN09301M", 2.35, 48.93), square("QN06901M", 4.85, 45.75)],
            vec![
                IndexedRegie { slug: "loin".into(), nom: "Loin".into(), commune: "Lyon".into(), lat: 45.755, lon: 4.855, qpvs: vec!["QN06901M".into()] },
                IndexedRegie { slug: "pres".into(), nom: "Près".into(), commune: "Saint-Denis".into(), lat: 48.936, lon: 2.356, qpvs: vec![] },
                IndexedRegie { slug: "couvre".into(), nom: "Couvre".into(), commune: "Saint-Denis".into(), lat: 48.90, lon: 2.30, qpvs: vec!["QN09301M".into()] },
            ],
        )
    }

    #[test]
    fn finds_the_qpv_containing_the_point_and_none_outside() {
        let i = index();
        assert_eq!(i.qpv_at(48.935, 2.355).map(|q| q.code.as_str()), Some("QN09301M"));
        assert_eq!(i.qpv_at(45.751, 4.851).map(|q| q.code.as_str()), Some("QN06901M"));
        assert!(i.qpv_at(48.945, 2.355).is_none(), "just north of the square");
        assert!(i.qpv_at(0.0, 0.0).is_none());
    }

    #[test]
    fn covering_regie_comes_first_then_nearest() {
        let l = index().locate(48.935, 2.355, 2);
        assert_eq!(l.qpv.as_ref().map(|q| q.code.as_str()), Some("QN09301M"));
        let slugs: Vec<&str> = l.regies.iter().map(|r| r.slug.as_str()).collect();
        assert_eq!(slugs, ["couvre", "pres"]);
        assert!(l.regies[0].couvre_ce_qpv && !l.regies[1].couvre_ce_qpv);
        // ~100 m east-west and north-south at this latitude.
        assert!((50..300).contains(&l.regies[1].distance_m), "{}", l.regies[1].distance_m);
    }

    #[test]
    fn refuses_coordinates_out_of_range() {
        assert!(check_coordinates(48.8, 2.3).is_ok());
        let out = check_coordinates(91.0, 2.3).unwrap_err();
        assert_eq!(out.status(), 400);
        assert!(out.message(crate::locale::Locale::Fr).contains("hors limites : latitude 91"));
        assert!(out.message(crate::locale::Locale::En).contains("out of bounds: latitude 91"));
        assert!(check_coordinates(f64::NAN, 2.3).unwrap_err().message(crate::locale::Locale::En).contains("must be numbers"));
    }
}
