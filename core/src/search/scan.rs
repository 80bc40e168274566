//! The search as a scan of every entry: how each entry is scored, written the plainest way.
//! The index (`super::SearchIndex`) answers the same without the scan; this stays as the
//! reference it is tested against (unit tests, property tests, thousands of queries on the
//! national data) and as the "before" of the bench.

use super::{Entry, Hit, HitKind};
use crate::text::fold_place;

/// How well a key matches: lower is better; None is no match. `typos`: whether to try the
/// one-typo rule (only when exact matches are too few).
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
    // first letter right (people rarely mistype it). Keys and queries are folded to ASCII, so
    // byte slicing is safe.
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

/// At most `limit` hits for `query`, best first, by scanning `entries`.
pub fn search_by_scan(entries: &[Entry], query: &str, limit: usize) -> Vec<Hit> {
    let q = fold_place(query);
    if q.is_empty() {
        return Vec::new();
    }
    let digits = q.bytes().all(|b| b.is_ascii_digit());
    let scan = |typos: bool| -> Vec<(u8, HitKind, i64, &Entry)> {
        entries
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
