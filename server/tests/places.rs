//! The in-memory place indexes on the real national data: point in QPV checked against the
//! contours for every QPV, search on real commune names, map payload limits.

mod common;

use atlas_service::import::reference;
use common::{fresh, reference_dir};
use geo::{BoundingRect, Centroid, Contains, InteriorPoint, MultiPolygon, Point};

/// A point strictly inside (not on the boundary): geo's interior point, the centroid, or a grid scan.
fn strictly_inside(shape: &MultiPolygon<f64>) -> Option<Point<f64>> {
    let r = shape.bounding_rect()?;
    let grid = (1..30).flat_map(move |i| {
        (1..30).map(move |j| Point::new(r.min().x + r.width() * f64::from(i) / 30.0, r.min().y + r.height() * f64::from(j) / 30.0))
    });
    shape.interior_point().into_iter().chain(shape.centroid()).chain(grid).find(|p| shape.contains(p))
}

#[tokio::test]
async fn point_in_qpv_search_and_map_on_national_data() {
    let db = fresh("sqlite").await;
    reference::load(&db, &reference_dir()).await.expect("reference load");
    let places = atlas_service::snapshot::places::build(atlas_service::snapshot::store::place_rows(&db.pool, true).await.expect("rows"), None);

    // Every QPV's contour, read here from the database on its own.
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT code, contour FROM qpv WHERE contour IS NOT NULL").fetch_all(&db.pool).await.unwrap();
    assert_eq!(rows.len(), 1_584);
    let shapes: Vec<(String, geo::MultiPolygon<f64>)> = rows
        .into_iter()
        .map(|(code, c)| (code, atlas_core::geometry::multipolygon_from_str(&c).unwrap()))
        .collect();
    let brute_force = |p: Point<f64>| shapes.iter().filter(|(_, s)| s.contains(&p)).map(|(c, _)| c.clone()).collect::<Vec<_>>();

    let (mut inside, mut outside) = (0, 0);
    for (code, shape) in &shapes {
        // A point inside: the index must name this QPV (QPVs do not overlap).
        let Some(p) = strictly_inside(shape) else { continue };
        assert_eq!(brute_force(p), vec![code.clone()], "{code}: QPVs overlap at {p:?}?");
        let found = places.locate.qpv_at(p.y(), p.x()).map(|q| q.code.clone());
        assert_eq!(found.as_deref(), Some(code.as_str()), "{code} at {p:?}");
        inside += 1;
        // Points just outside its box: the index agrees with a scan of all contours.
        let r = shape.bounding_rect().unwrap();
        for q in [Point::new(r.min().x - 0.001, r.min().y - 0.001), Point::new(r.max().x + 0.001, r.center().y)] {
            let expected = brute_force(q).into_iter().next();
            assert_eq!(places.locate.qpv_at(q.y(), q.x()).map(|x| x.code.clone()), expected, "near {code} at {q:?}");
            outside += usize::from(expected.is_none());
        }
    }
    assert!(inside >= 1_580, "a point strictly inside found for {inside} QPVs");
    assert!(outside > 2_500, "most points beside a QPV are in none: {outside}");
    // Far from any QPV: the middle of the Atlantic.
    assert!(places.locate.qpv_at(46.0, -20.0).is_none());

    // Search on real names.
    let first = |q: &str| places.search.search(q, 5).first().map(|h| (h.label.clone(), h.url.clone()));
    assert_eq!(first("sarcelle"), Some(("Sarcelles".into(), "/communes/95585".into())));
    assert_eq!(first("sarcele"), Some(("Sarcelles".into(), "/communes/95585".into())), "one typo");
    assert_eq!(first("95200").map(|h| h.0), Some("Sarcelles".into()));
    assert_eq!(first("évry").map(|h| h.0), Some("Évry-Courcouronnes".into()));
    let st_denis = places.search.search("st denis", 5);
    assert!(st_denis.iter().any(|h| h.url == "/communes/93066"), "{st_denis:?}");
    assert_eq!(first("QN01007I").map(|h| h.1), Some("/qpv/QN01007I".into()));
    search_index_answers_as_the_scan(&places.search);

    // Map: the whole of France at zoom 5 is points, not contours, and stays small.
    let france = (-5.2, 41.3, 9.6, 51.1);
    let qpv = places.map.qpv.points(france);
    let v: serde_json::Value = serde_json::from_str(&qpv).unwrap();
    let in_france = shapes
        .iter()
        .filter(|(_, s)| {
            let r = s.bounding_rect().unwrap();
            r.max().x >= france.0 && r.min().x <= france.2 && r.max().y >= france.1 && r.min().y <= france.3
        })
        .count();
    assert!(in_france > 1_300, "{in_france}");
    assert_eq!(v["features"].as_array().unwrap().len(), in_france, "every QPV of the Hexagone and Corsica, no other");
    assert!(qpv.len() < 200_000, "France QPV layer: {} bytes", qpv.len());
    let contours = places.boundaries.departements.polygons(france, 5);
    assert!(contours.len() < 200_000, "France outlines: {} bytes", contours.len());
    let v: serde_json::Value = serde_json::from_str(&contours).unwrap();
    assert!(v["features"].as_array().unwrap().len() >= 96, "metropolitan départements");
}

/// Thousands of queries made from the real names and postcodes — starts of names and of words,
/// with one letter changed, missing, added or two swapped, as people type them — get from the
/// index exactly what a scan of every entry gives (all hits, in order: the first one included).
fn search_index_answers_as_the_scan(index: &atlas_core::search::SearchIndex) {
    let entries = index.entries();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut queries = Vec::new();
    while queries.len() < 2_500 {
        let entry = &entries[next(entries.len())];
        let source = if !entry.postcodes.is_empty() && next(4) == 0 { &entry.postcodes[0] } else { &entry.keys[next(entry.keys.len())] };
        let mut q: Vec<char> = source.chars().collect();
        if q.is_empty() {
            continue;
        }
        let from = if next(3) == 0 { q.iter().position(|c| *c == ' ').map_or(0, |i| i + 1) } else { 0 };
        let end = (from + 1 + next(12)).min(q.len());
        let mut q: Vec<char> = q.drain(from..end).collect();
        let at = next(q.len() + 1);
        let letter = b"abcdeilmnorstuz 0123"[next(20)] as char;
        match next(5) {
            0 => q.insert(at, letter),
            1 if at < q.len() => {
                q.remove(at);
            }
            2 if at < q.len() => q[at] = letter,
            3 if at + 1 < q.len() => q.swap(at, at + 1),
            _ => {}
        }
        queries.push(q.into_iter().collect::<String>());
    }
    let (mut typos, mut answered) = (0, 0);
    for q in &queries {
        let limit = if next(2) == 0 { 8 } else { 50 };
        let hits = index.search(q, limit);
        assert_eq!(hits, atlas_core::search::search_by_scan(entries, q, limit), "{q:?}, limit {limit}");
        answered += usize::from(!hits.is_empty());
        typos += usize::from(hits.len() < limit && q.len() >= 4);
    }
    assert!(answered > 1_900, "most queries find something: {answered}");
    assert!(typos > 300, "the one-typo rule is exercised: {typos}");
}
