//! `cargo bench -p server --bench places`: figures of the place indexes on the full national
//! data (printed, never asserted): point lookup, suggestions, map payload per zoom.

use std::io::Write;
use std::time::Instant;

use atlas_service::revision::{self, Concept};
use atlas_service::{db, import::reference};

fn gzip_len(s: &str) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(s.as_bytes()).unwrap();
    e.finish().unwrap().len()
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let path = std::env::temp_dir().join(format!("atlas-bench-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let database = db::connect(&format!("sqlite://{}", path.display())).await.unwrap();
        database.migrate().await.unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/reference");
        let t = Instant::now();
        reference::load(&database, &dir).await.unwrap();
        println!("reference data load (SQLite, empty database): {:.2} s", t.elapsed().as_secs_f64());
        let t = Instant::now();
        let places = atlas_service::snapshot::places::build(atlas_service::snapshot::store::place_rows(&database.pool, true).await.unwrap(), None);
        println!("place indexes build: {:.2} s", t.elapsed().as_secs_f64());

        // Point lookups: a deterministic spread of points over the Hexagone.
        let n = 200_000;
        let mut seed: u64 = 42;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let points: Vec<(f64, f64)> = (0..n).map(|_| (42.3 + next() * 8.8, -4.8 + next() * 13.0)).collect();
        let t = Instant::now();
        let mut found = 0usize;
        for &(lat, lon) in &points {
            found += usize::from(places.locate.qpv_at(lat, lon).is_some());
        }
        let per = t.elapsed().as_secs_f64() / n as f64;
        println!("point in QPV: {:.2} µs per lookup ({n} random points, {found} inside a QPV)", per * 1e6);
        let t = Instant::now();
        for &(lat, lon) in points.iter().take(20_000) {
            std::hint::black_box(places.locate.locate(lat, lon, 5));
        }
        println!("locate (QPV + 5 nearest Régies): {:.2} µs per call", t.elapsed().as_secs_f64() / 20_000.0 * 1e6);

        let queries = ["sa", "sar", "sarcelle", "sarcele", "st denis", "evry", "95200", "93", "qn0100", "marseille", "lochere", "régie"];
        let rounds = 200;
        let t = Instant::now();
        for _ in 0..rounds {
            for q in queries {
                std::hint::black_box(places.search.search(q, 8));
            }
        }
        let per = t.elapsed().as_secs_f64() / (rounds * queries.len()) as f64;
        println!("suggestions (index): {:.1} µs per query ({} entries, queries {:?})", per * 1e6, places.search.len(), queries);
        for q in queries {
            let t = Instant::now();
            for _ in 0..rounds {
                std::hint::black_box(places.search.search(q, 8));
            }
            print!("  {q:?} {:.1} µs", t.elapsed().as_secs_f64() / rounds as f64 * 1e6);
        }
        println!();
        let t = Instant::now();
        for q in queries {
            std::hint::black_box(atlas_core::search::search_by_scan(places.search.entries(), q, 8));
        }
        println!("suggestions (scan of every entry, before the index): {:.2} ms per query", t.elapsed().as_secs_f64() / queries.len() as f64 * 1e3);
        let rows = atlas_service::snapshot::store::place_rows(&database.pool, true).await.unwrap();
        let entries = atlas_service::snapshot::places::build(rows, None).search.entries().to_vec();
        let t = Instant::now();
        std::hint::black_box(atlas_core::search::SearchIndex::new(entries));
        println!("search index build: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);

        println!("map payload (GeoJSON bytes, raw / gzip):");
        let france = (-5.2, 41.3, 9.6, 51.1);
        for zoom in [5u8, 6] {
            let qpv = places.map.qpv.points(france);
            let contours = places.boundaries.departements.polygons(france, zoom);
            println!(
                "  France z{zoom}: QPV points {} / {}, département outlines {} / {}, total {} / {}",
                qpv.len(), gzip_len(&qpv), contours.len(), gzip_len(&contours),
                qpv.len() + contours.len(), gzip_len(&qpv) + gzip_len(&contours)
            );
        }
        // What a phone screen (~390×700 px) over a place sees, per zoom: the box halves per step.
        let (map, atlas) = (&places.map, atlas_core::map::QPV_CONTOUR_ZOOM);
        for (name, lat, lon) in [("Île-de-France", 48.86, 2.35), ("Marseille", 43.30, 5.40), ("Paris nord", 48.90, 2.36)] {
            for zoom in [7u8, 9, 10, 12, 14, 16] {
                let half_w = 390.0 / 2.0 * 360.0 / (256.0 * f64::from(1u32 << zoom));
                let half_h = half_w * 700.0 / 390.0 * 0.7;
                let bbox = (lon - half_w, lat - half_h, lon + half_w, lat + half_h);
                let qpv = if zoom < atlas { map.qpv.points(bbox) } else { map.qpv.polygons(bbox, zoom) };
                let outlines = if zoom < atlas_core::map::COMMUNE_OUTLINE_ZOOM {
                    places.boundaries.departements.polygons(bbox, zoom)
                } else {
                    places.boundaries.communes.polygons(bbox, zoom)
                };
                println!(
                    "  {name} z{zoom}: QPV {} / {}, outlines {} / {}",
                    qpv.len(), gzip_len(&qpv), outlines.len(), gzip_len(&outlines)
                );
            }
        }
        // Snapshot rebuild after a change, by the concept it touches (what every server does when
        // a revision moves): a Régie import keeps the département and EPCI outlines.
        let atlas = atlas_service::Atlas::open(database.clone()).await.unwrap();
        for concept in [Concept::Corrections, Concept::Partenaires, Concept::Regies, Concept::Territoires] {
            let mut times = Vec::new();
            for _ in 0..3 {
                let mut tx = database.pool.begin().await.unwrap();
                revision::bump(&mut tx, database.backend, concept).await.unwrap();
                tx.commit().await.unwrap();
                let t = Instant::now();
                atlas_service::snapshot::refresh(&database, &atlas.snapshot).await.unwrap();
                times.push(t.elapsed().as_secs_f64() * 1e3);
            }
            times.sort_by(f64::total_cmp);
            println!("snapshot rebuild after a change of {}: {:.1} ms (median of 3)", concept.code(), times[1]);
        }
        database.pool.close().await;
        let _ = std::fs::remove_file(&path);
    });
}
