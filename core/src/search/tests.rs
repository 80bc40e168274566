use super::*;
use crate::text::fold_place;

fn commune(nom: &str, cp: &str, pop: i64) -> Entry {
    Entry {
        hit: Hit { kind: HitKind::Commune, label: nom.into(), detail: cp.into(), url: format!("/communes/{cp}") },
        keys: vec![fold_place(nom)],
        postcodes: vec![cp.into()],
        weight: pop,
    }
}

fn index() -> SearchIndex {
    SearchIndex::new(vec![
        commune("Sarcelles", "95200", 58_000),
        commune("Saint-Denis", "93200", 113_000),
        commune("Saint-Denis", "97400", 153_000),
        commune("Évry-Courcouronnes", "91000", 67_000),
        commune("Sarceaux", "61200", 1_000),
        commune("Évry", "89140", 500),
        Entry {
            hit: Hit { kind: HitKind::Qpv, label: "Les Rosiers".into(), detail: "QN09301M".into(), url: "/qpv/QN09301M".into() },
            keys: vec![fold_place("Les Rosiers"), "qn09301m".into()],
            postcodes: vec![],
            weight: 0,
        },
    ])
}

fn labels(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.label.as_str()).collect()
}

#[test]
fn finds_communes_without_accents_abbreviated_or_with_one_typo() {
    let i = index();
    assert_eq!(labels(&i.search("sarcelle", 5)), ["Sarcelles"]);
    assert_eq!(labels(&i.search("sarcele", 5)), ["Sarcelles"], "one letter missing");
    assert_eq!(labels(&i.search("sracelles", 5)), ["Sarcelles"], "two letters swapped");
    assert_eq!(labels(&i.search("evry", 5)), ["Évry-Courcouronnes", "Évry"], "the larger first");
    assert_eq!(labels(&i.search("courcouronnes", 5)), ["Évry-Courcouronnes"], "any word of the name");
    let st = i.search("st denis", 5);
    assert_eq!(labels(&st), ["Saint-Denis", "Saint-Denis"]);
    assert_eq!(st[0].detail, "97400", "larger population first");
}

#[test]
fn finds_by_postcode_and_qpv_code() {
    let i = index();
    assert_eq!(labels(&i.search("95200", 5)), ["Sarcelles"]);
    assert_eq!(labels(&i.search("93", 5)), ["Saint-Denis"]);
    assert_eq!(labels(&i.search("QN09301M", 5)), ["Les Rosiers"]);
    assert_eq!(labels(&i.search("rosiers", 5)), ["Les Rosiers"]);
}

#[test]
fn nothing_for_empty_or_unknown() {
    let i = index();
    assert!(i.search("  ", 5).is_empty());
    assert!(i.search("zzzzzz", 5).is_empty());
    assert!(i.search("9", 5).is_empty(), "one digit is too short");
}

/// Every query made of a name's starts, typos and word starts answers as the scan does.
#[test]
fn the_index_answers_as_the_scan() {
    let i = index();
    let names = ["sarcelles", "saint denis", "evry courcouronnes", "sarceaux", "les rosiers", "qn09301m", "95200", "93", "97"];
    let mut queries = Vec::new();
    for name in names {
        for end in 1..=name.len() {
            let start = &name[..end];
            queries.push(start.to_owned());
            for j in 0..end {
                let mut deleted = start.to_owned();
                deleted.remove(j);
                queries.push(deleted);
                for c in ['a', 'e', 'x', ' '] {
                    let mut inserted = start.to_owned();
                    inserted.insert(j, c);
                    queries.push(inserted);
                    let mut changed = start.to_owned();
                    changed.replace_range(j..j + 1, &c.to_string());
                    queries.push(changed);
                }
            }
        }
    }
    for q in &queries {
        for limit in [1, 3, 8] {
            assert_eq!(i.search(q, limit), search_by_scan(i.entries(), q, limit), "{q:?} limit {limit}");
        }
    }
}

#[test]
fn an_entry_matched_by_several_keys_or_words_counts_once() {
    let i = index();
    // "saint denis" matches "saint" at the start and nowhere else; "denis" as a word, twice.
    let hits = i.search("denis", 8);
    assert_eq!(labels(&hits), ["Saint-Denis", "Saint-Denis"]);
    assert_ne!(hits[0].detail, hits[1].detail);
}

/// Over `CHECK_EACH_BELOW` keys share a start: the typo search goes by variants, not key by key.
#[test]
fn many_keys_with_one_start_answer_as_the_scan() {
    let syllables = ["sa", "ar", "ce", "el", "le", "es", "in", "t ", "de", "ni"];
    let mut entries = Vec::new();
    for a in syllables {
        for b in syllables {
            for c in syllables {
                let name = format!("s{a}{b}{c}");
                entries.push(commune(&name, &format!("{:05}", entries.len()), entries.len() as i64 % 7));
            }
        }
    }
    assert!(entries.len() > 2 * CHECK_EACH_BELOW);
    let i = SearchIndex::new(entries);
    for q in ["ssarce", "saarcel", "sarcle", "sracel", "sarxel", "ssaint", "sainte", "sdeni", "sniar", "sesale"] {
        let scan = search_by_scan(i.entries(), q, 20);
        assert_eq!(i.search(q, 20), scan, "{q}");
    }
    assert!(!i.search("sarxel", 20).is_empty(), "a substitution found among the variants");
}
