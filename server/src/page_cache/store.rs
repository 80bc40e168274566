//! Where stored responses live: in this process's memory, under a byte budget, the least
//! recently used out first; and the renders under way, so that a burst of identical requests for
//! a page not yet stored renders it once (the others wait for that render).
//!
//! Nothing here is shared between instances, and nothing needs to be: an entry is valid only
//! while this instance's snapshot is at the revisions it was made from, and every instance
//! follows the revisions of the one database (`atlas_service::watch`).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use hashlink::LinkedHashMap;
use tokio::sync::OnceCell;

use atlas_service::revision::Revisions;

use super::entry::Entry;

/// A render under way: the first request runs it, the others wait for its entry (or for
/// nothing, when the response was not one to store, and then render on their own).
pub type Flight = Arc<OnceCell<Option<Arc<Entry>>>>;

#[derive(Clone)]
pub struct PageCache(Arc<Shared>);

struct Shared {
    budget: usize,
    entries: Mutex<Entries>,
    flights: Mutex<HashMap<String, Flight>>,
    hits: AtomicU64,
    renders: AtomicU64,
}

#[derive(Default)]
struct Entries {
    map: LinkedHashMap<String, Arc<Entry>>,
    bytes: usize,
}

/// What the cache has done, for tests and the bench.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub hits: u64,
    pub renders: u64,
    pub entries: usize,
    pub bytes: usize,
}

impl PageCache {
    /// A cache of at most `budget` bytes; 0 turns it off (every request renders).
    pub fn new(budget: usize) -> Self {
        Self(Arc::new(Shared {
            budget,
            entries: Mutex::new(Entries::default()),
            flights: Mutex::new(HashMap::new()),
            hits: AtomicU64::new(0),
            renders: AtomicU64::new(0),
        }))
    }

    /// `ATLAS_PAGE_CACHE_MB` megabytes (32 by default; 0 turns the cache off).
    pub fn from_env() -> Self {
        let megabytes = std::env::var("ATLAS_PAGE_CACHE_MB").ok().and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(32);
        Self::new(megabytes * 1024 * 1024)
    }

    pub fn enabled(&self) -> bool {
        self.0.budget > 0
    }

    /// The largest response kept: one page may not push out most of the others.
    pub fn largest_entry(&self) -> usize {
        self.0.budget / 8
    }

    /// The stored response for `key` if it was made at `revisions`; a stale one is dropped.
    pub fn get(&self, key: &str, revisions: &Revisions) -> Option<Arc<Entry>> {
        let mut entries = lock(&self.0.entries);
        let entry = entries.map.to_back(key)?.clone();
        if &entry.revisions == revisions {
            drop(entries);
            self.0.hits.fetch_add(1, Ordering::Relaxed);
            Some(entry)
        } else {
            entries.remove(key);
            None
        }
    }

    pub fn insert(&self, key: String, entry: Arc<Entry>) {
        let size = entry.size() + key.len();
        if size > self.largest_entry() {
            return;
        }
        let mut entries = lock(&self.0.entries);
        entries.remove(&key);
        entries.bytes += size;
        entries.map.insert(key, entry);
        while entries.bytes > self.0.budget {
            let Some((old_key, old)) = entries.map.pop_front() else { break };
            entries.bytes -= old.size() + old_key.len();
        }
    }

    /// The render under way for `key`, or a new one.
    pub fn flight(&self, key: &str) -> Flight {
        lock(&self.0.flights).entry(key.to_owned()).or_default().clone()
    }

    /// Forgets `flight` once it is over (a later miss starts a new one).
    pub fn land(&self, key: &str, flight: &Flight) {
        let mut flights = lock(&self.0.flights);
        if flights.get(key).is_some_and(|f| Arc::ptr_eq(f, flight)) {
            flights.remove(key);
        }
    }

    pub fn count_render(&self) {
        self.0.renders.fetch_add(1, Ordering::Relaxed);
    }

    pub fn stats(&self) -> Stats {
        let entries = lock(&self.0.entries);
        Stats {
            hits: self.0.hits.load(Ordering::Relaxed),
            renders: self.0.renders.load(Ordering::Relaxed),
            entries: entries.map.len(),
            bytes: entries.bytes,
        }
    }
}

impl Entries {
    fn remove(&mut self, key: &str) {
        if let Some(old) = self.map.remove(key) {
            self.bytes -= old.size() + key.len();
        }
    }
}

/// A poisoned lock still holds a consistent map: every change under it is a few lines that
/// cannot panic halfway.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    fn entry(revision: i64, len: usize) -> Arc<Entry> {
        let revisions: Revisions = [(atlas_service::revision::Concept::Regies, revision)].into_iter().collect();
        Arc::new(Entry::new(revisions, HeaderMap::new(), &vec![b'a'; len][..], None, "Accept-Encoding"))
    }

    #[test]
    fn least_recently_used_out_under_the_budget() {
        let one = entry(1, 100).size() + 3;
        let cache = PageCache::new(one * 8 * 3);
        let at = |r: i64| -> Revisions { [(atlas_service::revision::Concept::Regies, r)].into_iter().collect() };
        for k in ["/aa", "/bb", "/cc"] {
            cache.insert(k.into(), entry(1, 100));
        }
        assert!(cache.get("/aa", &at(1)).is_some(), "/aa used again: /bb is now the oldest");
        for k in (0..23).map(|i| format!("/{i:02}")) {
            cache.insert(k, entry(1, 100));
        }
        assert_eq!(cache.stats().bytes, one * 24, "full, not over");
        assert!(cache.get("/bb", &at(1)).is_none() && cache.get("/cc", &at(1)).is_none(), "the oldest went first");
        assert!(cache.get("/aa", &at(1)).is_some() && cache.get("/22", &at(1)).is_some());
        assert!(cache.get("/22", &at(2)).is_none(), "another revision: stale");
        assert!(cache.get("/22", &at(1)).is_none(), "and dropped");
        assert_eq!(cache.stats().entries, 23);
    }

    #[test]
    fn a_response_larger_than_an_eighth_of_the_budget_is_not_kept() {
        let cache = PageCache::new(8 * 1024);
        cache.insert("/gros".into(), entry(1, 2000));
        assert_eq!(cache.stats().entries, 0);
        assert!(!PageCache::new(0).enabled());
    }
}
