//! Property-based fuzzing of what users and files can send: importers (any bytes), search and
//! place parameters (any text, any number). The property is always the same: an answer or a
//! French error, never a panic. `make fuzz` runs many more cases (PROPTEST_CASES).

use atlas_core::csv_input::{parse_decimal, read_table};
use atlas_core::locate::check_coordinates;
use atlas_core::map::parse_bbox;
use atlas_core::dates::parse_day;
use atlas_core::partner::import::{parse_partnerships, HEADERS};
use atlas_core::place::{Hit, HitKind};
use atlas_core::qpv::import::{parse_anct_csv, parse_geojson};
use atlas_core::regie::import::parse_regies;
use atlas_core::search::{search_by_scan, Entry, SearchIndex};
use proptest::prelude::*;

/// Text that looks like a CSV file: the real header line, then rows of typical and odd cells.
fn csv_like(header: String) -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        Just(String::new()),
        "[0-9]{1,16}",
        "[a-zA-Zéèàç' ;,\"-]{0,24}",
        "-?[0-9]{1,6}([,.][0-9]{1,3})?",
        "[0-9]{2}/[0-9]{2}/[0-9]{4}",
        any::<String>(),
    ];
    prop::collection::vec(prop::collection::vec(cell, 0..18), 0..6).prop_map(move |rows| {
        let mut out = header.clone();
        for r in rows {
            out.push('\n');
            out.push_str(&r.join(";"));
        }
        out
    })
}

proptest! {
    #[test]
    fn any_bytes_read_as_a_table_or_a_french_error(bytes in prop::collection::vec(any::<u8>(), 0..2_000)) {
        if let Ok(table) = read_table(&bytes) {
            let _ = parse_regies(&table);
            let _ = parse_partnerships(&table);
            let _ = parse_anct_csv(&table);
        }
    }

    #[test]
    fn partnership_files_never_panic(text in csv_like(HEADERS.join(";"))) {
        if let Ok(table) = read_table(text.as_bytes()) {
            if let Ok((valid, rejected)) = parse_partnerships(&table) {
                prop_assert!(valid.len() + rejected.len() <= table.rows.len());
                for r in rejected {
                    prop_assert!(!r.problem.to_string().is_empty());
                }
            }
        }
    }

    #[test]
    fn regie_files_never_panic(text in csv_like("Nom;SIRET;Adresse;Code postal;Commune;Latitude;Longitude;Site internet;Statut;Source".into())) {
        if let Ok(table) = read_table(text.as_bytes()) {
            let _ = parse_regies(&table);
        }
    }

    #[test]
    fn geojson_text_never_panics(text in any::<String>()) {
        let _ = parse_geojson(&text);
        let _ = parse_geojson(&format!(r#"{{"type":"FeatureCollection","features":[{text}]}}"#));
    }

    #[test]
    fn numbers_dates_and_boxes_from_any_text(text in any::<String>()) {
        let _ = parse_decimal(&text);
        let _ = parse_day(&text);
        let _ = parse_bbox(&text);
    }

    #[test]
    fn any_coordinates_are_checked(lat in any::<f64>(), lon in any::<f64>()) {
        if check_coordinates(lat, lon).is_ok() {
            prop_assert!(lat.is_finite() && lon.is_finite());
        }
    }

    #[test]
    fn search_answers_any_query(query in any::<String>()) {
        let index = places();
        prop_assert!(index.search(&query, 8).len() <= 8);
        prop_assert_eq!(index.search(&query, 8), search_by_scan(index.entries(), &query, 8));
    }

    /// Queries near real names (a start, then one letter changed, added or removed anywhere)
    /// get from the index what the scan gives.
    #[test]
    fn the_index_answers_as_the_scan(name in prop::sample::select(vec!["sarcelles", "saint denis", "franc moisin", "qn09328m", "93200"]),
                                     end in 1usize..12, at in 0usize..12, letter in "[a-z0-9 ]", how in 0u8..4) {
        let index = places();
        let mut q: Vec<char> = name.chars().take(end).collect();
        let at = at.min(q.len());
        let c = letter.chars().next().unwrap();
        match how {
            0 => q.insert(at, c),
            1 if at < q.len() => { q.remove(at); }
            2 if at < q.len() => q[at] = c,
            _ => {}
        }
        let q: String = q.into_iter().collect();
        prop_assert_eq!(index.search(&q, 3), search_by_scan(index.entries(), &q, 3), "{:?}", q);
    }
}

proptest! {
    /// A reader's correction (any text in any field): accepted within the limits, or refused
    /// with reasons; an accepted message never carries control characters other than \n and \t.
    #[test]
    fn any_correction_form_is_accepted_within_limits_or_refused(
        topic in prop_oneof![Just("coordonnees".to_owned()), Just("autre".to_owned()), any::<String>()],
        message in prop_oneof![any::<String>(), "[a-zA-Zé \n]{0,2100}"],
        contact in prop_oneof![Just(String::new()), "[a-z]{1,8}@[a-z]{1,8}\\.fr", any::<String>()],
    ) {
        use atlas_core::correction::{Correction, MESSAGE_MAX_CHARS, MESSAGE_MIN_CHARS};
        match Correction::validate(&topic, &message, &contact) {
            Ok(c) => {
                let n = c.message.chars().count();
                prop_assert!((MESSAGE_MIN_CHARS..=MESSAGE_MAX_CHARS).contains(&n));
                prop_assert!(c.message.chars().all(|ch| !ch.is_control() || ch == '\n' || ch == '\t'));
                prop_assert!(c.contact.as_deref().is_none_or(|m| m.contains('@') && !m.contains(' ')));
            }
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }
}

/// A commune, another, a QPV with its code: enough for every path of the search.
fn places() -> SearchIndex {
    SearchIndex::new(vec![
        Entry {
            hit: Hit { kind: HitKind::Commune, label: "Saint-Denis".into(), detail: "93200 · 93".into(), url: "/communes/93066".into() },
            keys: vec!["saint denis".into()],
            postcodes: vec!["93200".into()],
            weight: 150_000,
        },
        Entry {
            hit: Hit { kind: HitKind::Commune, label: "Sarcelles".into(), detail: "95200 · 95".into(), url: "/communes/95585".into() },
            keys: vec!["sarcelles".into()],
            postcodes: vec!["95200".into()],
            weight: 58_000,
        },
        Entry {
            hit: Hit { kind: HitKind::Qpv, label: "Franc Moisin".into(), detail: "QN09328M".into(), url: "/qpv/QN09328M".into() },
            keys: vec!["franc moisin".into(), "qn09328m".into()],
            postcodes: vec![],
            weight: 0,
        },
    ])
}
