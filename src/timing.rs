//! Stage timings for profiling: set `ROUNDTABLE_TIMINGS=1` and every build or
//! live rebuild prints how long each stage took, and the process's resident
//! memory after it (Linux), on stderr.

use std::time::Instant;

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
