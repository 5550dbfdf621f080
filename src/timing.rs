//! Stage timings for profiling: set `ROUNDTABLE_TIMINGS=1` and every build or
//! live rebuild prints how long each stage took, and the process's resident
//! memory after it (Linux), on stderr.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Prints how long a stage took when `ROUNDTABLE_TIMINGS` is set (for profiling).
pub struct Timer {
    on: bool,
    at: Instant,
}

impl Timer {
    /// Starts timing; prints nothing unless `ROUNDTABLE_TIMINGS` is set.
    pub fn new() -> Self {
        Timer { on: std::env::var_os("ROUNDTABLE_TIMINGS").is_some(), at: Instant::now() }
    }

    /// Prints the time since the last lap, labelled `stage`.
    pub fn lap(&mut self, stage: &str) {
        if self.on {
            let rss = resident_mib().map_or(String::new(), |m| format!("  (resident {m} MiB)"));
            crate::report::tell!("timing: {stage:<8} {:>6} ms{rss}", self.at.elapsed().as_millis());
            self.at = Instant::now();
        }
    }
}

impl Default for Timer {
    fn default() -> Self {
        Timer::new()
    }
}

/// The process's resident memory now, from `/proc/self/statm` (Linux only).
fn resident_mib() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096 / (1024 * 1024))
}

/// Time spent per kind of page (template) across every rendering thread, when
/// `ROUNDTABLE_TIMINGS` is set: building the page's variables and rendering its
/// template. The sum is thread time, so it can exceed the wall time of the stage;
/// each template's share of the sum is its share of the stage.
pub struct PageTimes(Option<Mutex<BTreeMap<&'static str, (Duration, usize)>>>);

impl PageTimes {
    /// Starts collecting; collects nothing unless `ROUNDTABLE_TIMINGS` is set.
    pub fn new() -> Self {
        PageTimes(std::env::var_os("ROUNDTABLE_TIMINGS").is_some().then(|| Mutex::new(BTreeMap::new())))
    }

    /// The time `f` takes, added to `template`'s.
    pub fn time<T>(&self, template: &'static str, f: impl FnOnce() -> T) -> T {
        let Some(times) = &self.0 else { return f() };
        let at = Instant::now();
        let out = f();
        let took = at.elapsed();
        let mut times = times.lock().unwrap_or_else(|e| e.into_inner());
        let entry = times.entry(template).or_default();
        entry.0 += took;
        entry.1 += 1;
        out
    }

    /// Prints each template's time, pages and share of the sum, most first.
    pub fn report(self) {
        let Some(times) = self.0 else { return };
        let times = times.into_inner().unwrap_or_else(|e| e.into_inner());
        let total: Duration = times.values().map(|t| t.0).sum();
        let mut rows: Vec<_> = times.into_iter().collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.1 .0));
        for (template, (took, pages)) in rows {
            let share = took.as_secs_f64() * 100.0 / total.as_secs_f64().max(1e-9);
            crate::report::tell!(
                "timing:   page {template:<24} {:>6} ms {share:>5.1} %  ({pages} pages)",
                took.as_millis()
            );
        }
    }
}

impl Default for PageTimes {
    fn default() -> Self {
        PageTimes::new()
    }
}
