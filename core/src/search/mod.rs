//! The search box: communes (by name or postcode), QPVs (by name or code) and Régies (by name),
//! case- and accent-insensitive, by prefix of the name or of any of its words, tolerant of one
//! typo. Answered from sorted arrays made once per snapshot, so a suggestion costs a few binary
//! searches instead of a scan of ~37,000 entries; the ranking is the scan's (`scan`, kept as the
//! reference the index is tested against): exact or prefix of the name, then of a word, then one
//! typo; among equals, kind, then weight (population), then label.

mod scan;

pub use crate::place::{Hit, HitKind};
pub use scan::search_by_scan;
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

/// A piece of `SearchIndex::text`: a key from a word start, or a postcode, and its entry.
#[derive(Clone, Copy)]
struct Piece {
    at: u32,
    end: u32,
    entry: u32,
    /// From the start of the key (a match is a prefix of the name, not of a later word).
    whole: bool,
}

#[derive(Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// Each entry's place among equally good matches (kind, weight, label, then order).
    rank: Vec<u32>,
    /// Entry of each rank.
    by_rank: Vec<u32>,
    /// Every key and postcode, one after the other; the pieces below point into it.
    text: String,
    /// Every key from each of its word starts, sorted: a prefix query is a range.
    words: Vec<Piece>,
    /// Every key from its start only, sorted: where the one-typo rule looks.
    keys: Vec<Piece>,
    postcodes: Vec<Piece>,
    /// The bytes keys are made of: the letters a typo may put in or change.
    alphabet: Vec<u8>,
}

/// Below this many keys sharing the query's start, checking each key costs less than searching
/// for every variant of the query.
const CHECK_EACH_BELOW: usize = 256;

impl SearchIndex {
    pub fn new(entries: Vec<Entry>) -> Self {
        let mut order: Vec<u32> = (0..entries.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&entries[a as usize], &entries[b as usize]);
            (x.hit.kind, -x.weight, &x.hit.label, a).cmp(&(y.hit.kind, -y.weight, &y.hit.label, b))
        });
        let mut rank = vec![0; entries.len()];
        for (r, &e) in order.iter().enumerate() {
            rank[e as usize] = r as u32;
        }
        let mut text = String::new();
        let (mut words, mut keys, mut postcodes) = (Vec::new(), Vec::new(), Vec::new());
        for (i, e) in entries.iter().enumerate() {
            let entry = i as u32;
            for key in &e.keys {
                let at = text.len() as u32;
                text.push_str(key);
                let end = text.len() as u32;
                keys.push(Piece { at, end, entry, whole: true });
                words.push(Piece { at, end, entry, whole: true });
                for (j, _) in key.match_indices(' ') {
                    words.push(Piece { at: at + j as u32 + 1, end, entry, whole: false });
                }
            }
            for postcode in &e.postcodes {
                let at = text.len() as u32;
                text.push_str(postcode);
                postcodes.push(Piece { at, end: text.len() as u32, entry, whole: true });
            }
        }
        let mut alphabet: Vec<u8> = keys.iter().flat_map(|p| text.as_bytes()[p.at as usize..p.end as usize].iter().copied()).collect();
        alphabet.sort_unstable();
        alphabet.dedup();
        let mut index = Self { entries, rank, by_rank: order, text, words, keys, postcodes, alphabet };
        for list in [&mut index.words, &mut index.keys, &mut index.postcodes] {
            let text = index.text.as_bytes();
            list.sort_unstable_by(|a, b| text[a.at as usize..a.end as usize].cmp(&text[b.at as usize..b.end as usize]));
        }
        index
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// At most `limit` hits for `query`, best first (the order of `search_by_scan`).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let q = fold_place(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let q = q.as_bytes();
        // Each match as (how good << 32 | rank): sorting them sorts the hits.
        let mut found: Vec<u64> = Vec::new();
        let push = |found: &mut Vec<u64>, score: u64, piece: &Piece| found.push(score << 32 | u64::from(self.rank[piece.entry as usize]));
        if q.iter().all(u8::is_ascii_digit) {
            // A postcode (or its start, from 2 digits): the communes it serves.
            if q.len() >= 2 {
                let (lo, hi) = self.starting_with(&self.postcodes, (0, self.postcodes.len()), q);
                for p in &self.postcodes[lo..hi] {
                    push(&mut found, u64::from(self.piece(p).len() != q.len()), p);
                }
            }
            return self.best(&mut found, limit);
        }
        let (lo, hi) = self.starting_with(&self.words, (0, self.words.len()), q);
        for p in &self.words[lo..hi] {
            push(&mut found, if p.whole { 1 } else { 2 }, p);
        }
        let exact = self.best(&mut found, limit);
        if exact.len() == limit || q.len() < 4 {
            return exact;
        }
        self.one_typo(q, &mut |p| push(&mut found, 3, p));
        self.best(&mut found, limit)
    }

    fn piece(&self, p: &Piece) -> &[u8] {
        &self.text.as_bytes()[p.at as usize..p.end as usize]
    }

    /// The part of `range` of the sorted `list` whose pieces start with `prefix`.
    fn starting_with(&self, list: &[Piece], (lo, hi): (usize, usize), prefix: &[u8]) -> (usize, usize) {
        let part = &list[lo..hi];
        let start = part.partition_point(|p| self.piece(p) < prefix);
        let len = part[start..].partition_point(|p| self.piece(p).starts_with(prefix));
        (lo + start, lo + start + len)
    }

    /// Every key whose start is `q` with one substitution, insertion, deletion or swap of two
    /// neighbours, the first letter right. A typo at position `j` leaves `q[..j]` as it is: the
    /// keys starting with it are a range that narrows as `j` grows.
    fn one_typo(&self, q: &[u8], found: &mut impl FnMut(&Piece)) {
        let n = q.len();
        let mut range = self.starting_with(&self.keys, (0, self.keys.len()), &q[..1]);
        let mut variant = Vec::with_capacity(n + 1);
        for j in 1..=n {
            if range.0 == range.1 {
                return;
            }
            if range.1 - range.0 < CHECK_EACH_BELOW {
                for p in &self.keys[range.0..range.1] {
                    if typo_at(self.piece(p), q, j) {
                        found(p);
                    }
                }
            } else {
                let mut each_starting_with = |v: &[u8]| {
                    let (lo, hi) = self.starting_with(&self.keys, range, v);
                    self.keys[lo..hi].iter().for_each(&mut *found);
                };
                let mut try_variant = |make: &dyn Fn(&mut Vec<u8>)| {
                    variant.clear();
                    variant.extend_from_slice(&q[..j]);
                    make(&mut variant);
                    each_starting_with(&variant);
                };
                if j < n {
                    try_variant(&|v| v.extend_from_slice(&q[j + 1..]));
                    if j + 1 < n {
                        try_variant(&|v| {
                            v.extend_from_slice(&[q[j + 1], q[j]]);
                            v.extend_from_slice(&q[j + 2..]);
                        });
                    }
                }
                for &c in &self.alphabet {
                    if j < n && c != q[j] {
                        try_variant(&|v| {
                            v.push(c);
                            v.extend_from_slice(&q[j + 1..]);
                        });
                    }
                    try_variant(&|v| {
                        v.push(c);
                        v.extend_from_slice(&q[j..]);
                    });
                }
            }
            if j < n {
                range = self.starting_with(&self.keys, range, &q[..j + 1]);
            }
        }
    }

    /// The first `limit` distinct entries of `found`, best first. Only the best part is sorted
    /// (a one-letter query matches thousands of words); an entry matched twice keeps its best.
    fn best(&self, found: &mut [u64], limit: usize) -> Vec<Hit> {
        let mut take = limit.saturating_mul(2).max(16);
        loop {
            let head = if found.len() > take {
                found.select_nth_unstable(take);
                &mut found[..take]
            } else {
                &mut *found
            };
            head.sort_unstable();
            let mut ranks: Vec<u32> = Vec::with_capacity(limit);
            for &m in head.iter() {
                let rank = m as u32;
                if !ranks.contains(&rank) {
                    ranks.push(rank);
                    if ranks.len() == limit {
                        break;
                    }
                }
            }
            if ranks.len() == limit || take >= found.len() {
                return ranks.into_iter().map(|r| self.entries[self.by_rank[r as usize] as usize].hit.clone()).collect();
            }
            take = take.saturating_mul(4);
        }
    }
}

/// Whether `key`, which starts with `q[..j]`, starts with `q` given one typo at `j`.
fn typo_at(key: &[u8], q: &[u8], j: usize) -> bool {
    let n = q.len();
    let substituted = j < n && key.len() >= n && key[j + 1..n] == q[j + 1..];
    let inserted = key.len() > n && key[j + 1..=n] == q[j..];
    let deleted = j < n && key.len() >= n - 1 && key[j..n - 1] == q[j + 1..];
    let swapped = j + 1 < n && key.len() >= n && key[j] == q[j + 1] && key[j + 1] == q[j] && key[j + 2..n] == q[j + 2..];
    substituted || inserted || deleted || swapped
}

#[cfg(test)]
mod tests;
