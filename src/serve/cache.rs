//! The rendered files `site serve` keeps: pages, feeds and the sitemap, each
//! rendered when first asked for, kept within a budget of bytes, the least
//! recently used evicted first. An edit removes exactly the files it changed.

use axum::body::Bytes;
use lru::LruCache;

/// The budget when `ROUNDTABLE_SERVE_CACHE_BYTES` does not set one: 256 MiB.
pub const DEFAULT_BUDGET: usize = 256 << 20;

/// The environment variable that sets the budget, in bytes.
pub const BUDGET_VAR: &str = "ROUNDTABLE_SERVE_CACHE_BYTES";

/// What one entry costs besides its bytes: its key, the map's and the list's
/// bookkeeping (an estimate, so that a budget of many tiny files holds).
const ENTRY_OVERHEAD: usize = 96;

/// The budget: `ROUNDTABLE_SERVE_CACHE_BYTES` if it is a number, else
/// [`DEFAULT_BUDGET`] (with a warning for a value that is not a number).
pub fn budget_from_env() -> usize {
    match std::env::var(BUDGET_VAR) {
        Ok(v) => v.trim().parse().unwrap_or_else(|_| {
            crate::report::tell!(
                "warning: {BUDGET_VAR}={v:?} is not a number of bytes; the page cache keeps {} MiB",
                DEFAULT_BUDGET >> 20
            );
            DEFAULT_BUDGET
        }),
        Err(_) => DEFAULT_BUDGET,
    }
}

/// Rendered files by output path, within a budget of bytes.
pub struct Cache {
    entries: LruCache<String, Bytes>,
    /// What the entries cost, overhead included.
    used: usize,
    budget: usize,
}

impl Cache {
    /// An empty cache that keeps at most `budget` bytes.
    pub fn new(budget: usize) -> Cache {
        Cache { entries: LruCache::unbounded(), used: 0, budget }
    }

    fn cost(key: &str, bytes: &Bytes) -> usize {
        key.len() + bytes.len() + ENTRY_OVERHEAD
    }

    /// The file at `path`, if kept; it becomes the most recently used.
    pub fn get(&mut self, path: &str) -> Option<Bytes> {
        self.entries.get(path).cloned()
    }

    /// Keeps `bytes` for `path`, evicting the least recently used files until the
    /// budget holds. A file larger than the whole budget is not kept.
    pub fn put(&mut self, path: String, bytes: Bytes) {
        let cost = Cache::cost(&path, &bytes);
        self.remove(&path);
        if cost > self.budget {
            return;
        }
        self.used += cost;
        self.entries.put(path, bytes);
        while self.used > self.budget {
            match self.entries.pop_lru() {
                Some((k, v)) => self.used -= Cache::cost(&k, &v),
                None => break,
            }
        }
    }

    /// Forgets the file at `path`.
    pub fn remove(&mut self, path: &str) {
        if let Some((k, v)) = self.entries.pop_entry(path) {
            self.used -= Cache::cost(&k, &v);
        }
    }

    /// Forgets every file.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.used = 0;
    }

    /// Forgets every file whose path `keep` refuses. Looks at the kept files
    /// only: bounded by the budget, not by the size of the site.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        let gone: Vec<String> =
            self.entries.iter().filter(|(k, _)| !keep(k)).map(|(k, _)| k.clone()).collect();
        for k in gone {
            self.remove(&k);
        }
    }

    /// The bytes the kept files cost.
    #[cfg(test)]
    pub fn used(&self) -> usize {
        self.used
    }

    /// How many files are kept.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(n: usize) -> Bytes {
        Bytes::from(vec![b'x'; n])
    }

    #[test]
    fn evicts_the_least_recently_used_within_the_budget() {
        let one = Cache::cost("a", &page(100));
        let mut c = Cache::new(one * 2);
        c.put("a".into(), page(100));
        c.put("b".into(), page(100));
        assert!(c.get("a").is_some(), "a is now the most recent");
        c.put("c".into(), page(100));
        assert!(c.get("b").is_none(), "b was the least recently used");
        assert!(c.get("a").is_some() && c.get("c").is_some());
        assert_eq!(c.used(), one * 2);
    }

    #[test]
    fn a_file_larger_than_the_budget_is_not_kept() {
        let mut c = Cache::new(1);
        c.put("a".into(), page(10));
        assert_eq!((c.len(), c.used()), (0, 0));
    }

    #[test]
    fn replacing_removing_and_retaining_keep_the_count_right() {
        let mut c = Cache::new(1 << 20);
        c.put("a".into(), page(10));
        c.put("a".into(), page(20));
        assert_eq!(c.used(), Cache::cost("a", &page(20)));
        c.put("b/x".into(), page(5));
        c.retain(|k| k.starts_with('b'));
        assert_eq!((c.len(), c.used()), (1, Cache::cost("b/x", &page(5))));
        c.remove("b/x");
        assert_eq!((c.len(), c.used()), (0, 0));
    }
}
