//! The search box: communes (by name or postcode), QPVs (by name or code) and Régies (by name),
//! case- and accent-insensitive, by prefix of the name or of any of its words, tolerant of one typo.
//! Kept in memory: ~37,000 short entries are scanned in a few milliseconds.

pub use crate::place::{Hit, HitKind};
use crate::text::fold_place;

#[derive(Clone, Debug)]
pub struct Entry {
    pub hit: Hit,
    /// Folded name (and for a QPV, its lower-case code).
    pub keys: Vec<String>,
    pub postcodes: Vec<String>,
    /// Larger first among equally good matches (population for communes).
    pub weight: i64,
}

#[derive(Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

/// How well a key matches: lower is better; None is no match. `typos`: whether to try the
/// one-typo rule (slower, so only when exact matches are too few).
fn score(key: &str, q: &str, typos: bool) -> Option<u8> {
    if key.starts_with(q) {
        // Exact and prefix matches rank together, then by weight: "évry" means Évry-Courcouronnes
        // (67,000 inhabitants) more often than Évry in the Yonne (500).
        return Some(1);
    }
    if key.match_indices(' ').any(|(i, _)| key[i + 1..].starts_with(q)) {
        return Some(2);
    }
    // One typo (substitution, insertion, deletion, transposition) in the prefix, from 4 letters,
    // first letter right (people rarely mistype it; it also skips most keys at once).
    // Keys and queries are folded to ASCII, so byte slicing is safe.
    let n = q.len();
    if typos && n >= 4 && key.as_bytes().first() == q.as_bytes().first() {
        for len in [n, n + 1, n - 1] {
            if len <= key.len() && strsim::osa_distance(&key[..len], q) <= 1 {
                return Some(3);
            }
        }
    }
    None
}

impl SearchIndex {
    pub fn new(entries: Vec<Entry>) -> Self {
        Self { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let q = fold_place(query);
        if q.is_empty() {
            return Vec::new();
        }
        let digits = q.bytes().all(|b| b.is_ascii_digit());
        let scan = |typos: bool| -> Vec<(u8, HitKind, i64, &Entry)> {
            self.entries
                .iter()
                .filter_map(|e| {
                    let s = if digits {
                        // A postcode (or its start, from 2 digits): the communes it serves.
                        (q.len() >= 2 && e.postcodes.iter().any(|p| p.starts_with(&q)))
                            .then(|| if e.postcodes.iter().any(|p| *p == q) { 0 } else { 1 })
                    } else {
                        e.keys.iter().filter_map(|k| score(k, &q, typos)).min()
                    };
                    s.map(|s| (s, e.hit.kind, -e.weight, e))
                })
                .collect()
        };
        let mut found = scan(false);
        if found.len() < limit && !digits {
            found = scan(true);
        }
        found.sort_by(|a, b| (a.0, a.1, a.2, &a.3.hit.label).cmp(&(b.0, b.1, b.2, &b.3.hit.label)));
        found.into_iter().take(limit).map(|(_, _, _, e)| e.hit.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
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
}
