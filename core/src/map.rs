//! Map layers served to the interactive map, sized for phones on poor connections:
//! each request gets only what lies in the visible box, simplified for the zoom level.
//! - QPV: a point per QPV below zoom 10 (at that scale a quartier is a few pixels),
//!   contours from zoom 10, simplified less as the zoom grows.
//! - Outlines (départements, communes) so the map stays readable when tiles do not load.

use geo::{BoundingRect, MultiPolygon};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};

use crate::error::{Code, Error};
use crate::geometry::{simplify, to_geojson};

/// Zoom from which QPVs are drawn as contours rather than points.
pub const QPV_CONTOUR_ZOOM: u8 = 10;
/// Zoom from which commune outlines replace département outlines (at 10, a phone over Paris
/// would get ~200 communes).
pub const COMMUNE_OUTLINE_ZOOM: u8 = 11;

/// Douglas–Peucker tolerance (degrees) per zoom: about one screen pixel.
fn epsilon_for_zoom(zoom: u8) -> f64 {
    // 360° / (256 px × 2^zoom) is one pixel at the equator; France is at ~46°N, so a bit less.
    360.0 / (256.0 * f64::from(1u32 << zoom.min(20))) * 0.7
}

/// Decimal places that keep one-pixel precision at this zoom.
fn decimals_for_zoom(zoom: u8) -> usize {
    match zoom {
        0..=7 => 3,
        8..=11 => 4,
        _ => 5,
    }
}

/// A JSON object of feature properties, already serialised (`{"code":…}`).
pub struct MapShape {
    pub properties: String,
    /// Shorter properties for the point form (zoomed out, every byte counts ×1,500).
    pub point_properties: String,
    /// Shared with the point-in-QPV index (`locate`): one copy of each QPV's contour.
    pub shape: std::sync::Arc<MultiPolygon<f64>>,
    /// (lon, lat) of the label point.
    pub point: (f64, f64),
}

/// Shapes with an R-tree of their boxes and their GeoJSON precomputed per zoom band.
pub struct ShapeLayer {
    shapes: Vec<MapShape>,
    tree: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
    /// Per zoom band (see `band`), per shape: the geometry text. Empty for a layer made by
    /// `on_demand`.
    simplified: Vec<Vec<String>>,
    bands: Vec<u8>,
}

impl ShapeLayer {
    /// `bands`: the zooms at which geometry is precomputed, ascending (a request uses the
    /// highest band not above its zoom).
    pub fn new(shapes: Vec<MapShape>, bands: &[u8]) -> Self {
        let mut layer = Self::on_demand(shapes, bands);
        layer.simplified = bands
            .iter()
            .map(|&z| layer.shapes.iter().map(|s| to_geojson(&simplify(&s.shape, epsilon_for_zoom(z)), decimals_for_zoom(z))).collect())
            .collect();
        layer
    }

    /// A layer whose geometry text is written for each request instead of kept: the communes'
    /// text for all of France would weigh ~32 MB, the QPVs' 7 MB, while a request at their zoom
    /// shows a few hundred of them (simplified and written in well under a millisecond; the
    /// page cache keeps the answer for the next visitor of the same view).
    pub fn on_demand(shapes: Vec<MapShape>, bands: &[u8]) -> Self {
        let tree = RTree::bulk_load(
            shapes
                .iter()
                .enumerate()
                .filter_map(|(i, s)| {
                    s.shape.bounding_rect().map(|r| {
                        GeomWithData::new(Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]), i)
                    })
                })
                .collect(),
        );
        Self { shapes, tree, simplified: Vec::new(), bands: bands.to_vec() }
    }

    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    /// The full-precision shape at `index` (in the order given to `new`).
    pub fn shape(&self, index: usize) -> Option<&MultiPolygon<f64>> {
        self.shapes.get(index).map(|s| &*s.shape)
    }

    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }

    fn band(&self, zoom: u8) -> Option<usize> {
        self.bands.iter().rposition(|&b| b <= zoom).or(if self.bands.is_empty() { None } else { Some(0) })
    }

    fn in_box(&self, bbox: BBox) -> Vec<usize> {
        let env = AABB::from_corners([bbox.0, bbox.1], [bbox.2, bbox.3]);
        let mut hits: Vec<usize> = self.tree.locate_in_envelope_intersecting(&env).map(|g| g.data).collect();
        hits.sort_unstable();
        hits
    }

    /// Contours in the box, simplified for the zoom, as a GeoJSON FeatureCollection.
    pub fn polygons(&self, bbox: BBox, zoom: u8) -> String {
        let Some(band) = self.band(zoom) else { return empty() };
        let Some(texts) = self.simplified.get(band) else {
            let z = self.bands[band];
            return collection(self.in_box(bbox).into_iter().map(|i| {
                let s = &self.shapes[i];
                feature(&to_geojson(&simplify(&s.shape, epsilon_for_zoom(z)), decimals_for_zoom(z)), &s.properties)
            }));
        };
        collection(self.in_box(bbox).into_iter().map(|i| feature(&texts[i], &self.shapes[i].properties)))
    }

    /// One point per shape in the box (its label point).
    pub fn points(&self, bbox: BBox) -> String {
        collection(self.in_box(bbox).into_iter().map(|i| {
            let (x, y) = self.shapes[i].point;
            let geometry = format!("{{\"type\":\"Point\",\"coordinates\":[{:.4},{:.4}]}}", x, y);
            feature(&geometry, &self.shapes[i].point_properties)
        }))
    }
}

/// (min lon, min lat, max lon, max lat).
pub type BBox = (f64, f64, f64, f64);

/// Reads `minLon,minLat,maxLon,maxLat`; an invalid parameter (400), said in French and English,
/// when it is not that.
pub fn parse_bbox(s: &str) -> Result<BBox, Error> {
    let four = || {
        Error::said(
            Code::InvalidParameter,
            format!("bbox « {s} » : quatre nombres attendus, minLon,minLat,maxLon,maxLat"),
            format!("bbox “{s}”: four numbers expected, minLon,minLat,maxLon,maxLat"),
        )
    };
    let v: Vec<f64> = s.split(',').map(|p| p.trim().parse::<f64>()).collect::<Result<_, _>>().map_err(|_| four())?;
    match v[..] {
        [a, b, c, d] if a.is_finite() && b.is_finite() && c.is_finite() && d.is_finite() && a <= c && b <= d => Ok((a, b, c, d)),
        [_, _, _, _] => Err(Error::said(
            Code::InvalidParameter,
            format!("bbox « {s} » : les minimums doivent précéder les maximums"),
            format!("bbox “{s}”: the minimums must come before the maximums"),
        )),
        _ => Err(four()),
    }
}

fn feature(geometry: &str, properties: &str) -> String {
    format!("{{\"type\":\"Feature\",\"geometry\":{geometry},\"properties\":{properties}}}")
}

fn collection(features: impl Iterator<Item = String>) -> String {
    let mut out = String::from("{\"type\":\"FeatureCollection\",\"features\":[");
    for (i, f) in features.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&f);
    }
    out.push_str("]}");
    out
}

fn empty() -> String {
    collection(std::iter::empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Locale;
    use geo::polygon;

    fn layer() -> ShapeLayer {
        let sq = |x: f64, code: &str| MapShape {
            properties: format!("{{\"code\":\"{code}\"}}"),
            point_properties: format!("{{\"code\":\"{code}\"}}"),
            shape: MultiPolygon(vec![polygon![(x: x, y: 45.0), (x: x + 0.1, y: 45.0), (x: x + 0.1, y: 45.1), (x: x, y: 45.1), (x: x, y: 45.0)]]).into(),
            point: (x + 0.05, 45.05),
        };
        ShapeLayer::new(vec![sq(2.0, "A"), sq(4.0, "B")], &[10, 14])
    }

    #[test]
    fn sends_only_what_is_in_the_box() {
        let l = layer();
        let west: serde_json::Value = serde_json::from_str(&l.polygons((1.9, 44.9, 2.5, 45.5), 12)).unwrap();
        assert_eq!(west["features"].as_array().unwrap().len(), 1);
        assert_eq!(west["features"][0]["properties"]["code"], "A");
        let all: serde_json::Value = serde_json::from_str(&l.points((-5.0, 40.0, 10.0, 52.0))).unwrap();
        assert_eq!(all["features"].as_array().unwrap().len(), 2);
        assert_eq!(all["features"][1]["geometry"]["type"], "Point");
        let none: serde_json::Value = serde_json::from_str(&l.points((20.0, 40.0, 21.0, 41.0))).unwrap();
        assert!(none["features"].as_array().unwrap().is_empty());
    }

    #[test]
    fn a_layer_drawn_on_demand_sends_the_same_bytes() {
        let kept = layer();
        let shapes = (0..kept.len()).map(|i| MapShape {
            properties: kept.shapes[i].properties.clone(),
            point_properties: kept.shapes[i].point_properties.clone(),
            shape: kept.shapes[i].shape.clone(),
            point: kept.shapes[i].point,
        });
        let on_demand = ShapeLayer::on_demand(shapes.collect(), &[10, 14]);
        for zoom in [8, 10, 12, 14, 17] {
            let bbox = (1.9, 44.9, 4.5, 45.5);
            assert_eq!(on_demand.polygons(bbox, zoom), kept.polygons(bbox, zoom), "zoom {zoom}");
        }
        assert_eq!(on_demand.points((-5.0, 40.0, 10.0, 52.0)), kept.points((-5.0, 40.0, 10.0, 52.0)));
    }

    #[test]
    fn bbox_errors_are_said_in_french_and_english() {
        assert_eq!(parse_bbox("1,2,3,4"), Ok((1.0, 2.0, 3.0, 4.0)));
        let fr = |s: &str| parse_bbox(s).unwrap_err().message(Locale::Fr);
        let en = |s: &str| parse_bbox(s).unwrap_err().message(Locale::En);
        assert_eq!(fr("1,2,3"), "paramètre invalide : bbox « 1,2,3 » : quatre nombres attendus, minLon,minLat,maxLon,maxLat");
        assert_eq!(en("a,b,c,d"), "invalid parameter: bbox “a,b,c,d”: four numbers expected, minLon,minLat,maxLon,maxLat");
        assert!(fr("3,2,1,4").contains("minimums doivent précéder"));
        assert!(en("3,2,1,4").contains("minimums must come before"));
        assert_eq!(parse_bbox("3,2,1,4").unwrap_err().status(), 400);
    }

    #[test]
    fn tolerance_shrinks_as_zoom_grows() {
        assert!(epsilon_for_zoom(10) > epsilon_for_zoom(14));
        assert!(epsilon_for_zoom(10) < 0.001);
    }
}
