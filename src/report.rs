//! The one reporting layer: every line a command prints goes through here, and
//! so does every diagnostic. Nothing printed can fail the run: a closed or
//! broken stdout or stderr (`site build | true`, `site check 2>&-`) loses the
//! text, never the exit code (0, 1 or 2).

use std::fmt;
use std::io::Write;

use crate::diagnostic::{Diagnostics, WARNINGS_SHOWN_PER_KIND};
use crate::wording::counted;

/// Prints a line to stdout; a closed stdout is not an error (see the module doc).
macro_rules! say {
    ($($arg:tt)*) => { $crate::report::out(format_args!($($arg)*)) };
}

/// Prints a line to stderr; a closed stderr is not an error (see the module doc).
macro_rules! tell {
    ($($arg:tt)*) => { $crate::report::err(format_args!($($arg)*)) };
}

pub(crate) use {say, tell};

/// Writes one line to stdout, ignoring a closed or broken pipe.
pub fn out(line: fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// Writes one line to stderr, ignoring a closed or broken pipe.
pub fn err(line: fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Writes `bytes` to stdout as they are (a completion script, a man page). A
/// reader that stopped reading (`| head`) is not a failure; other errors are.
pub fn raw(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    }
}

/// Prints every diagnostic to stderr, sorted, with a closing count (`site check`).
pub fn all(ds: &Diagnostics) {
    with_limit(ds, usize::MAX);
}

/// Prints the diagnostics like [`all`], but at most [`WARNINGS_SHOWN_PER_KIND`]
/// warnings of one kind, then how many more there are (`site build`, `site
/// serve`, `site import`, `site export`).
pub fn summarised(ds: &Diagnostics) {
    with_limit(ds, WARNINGS_SHOWN_PER_KIND);
}

fn with_limit(ds: &Diagnostics, limit: usize) {
    if ds.0.is_empty() {
        return;
    }
    let stderr = std::io::stderr();
    let mut w = stderr.lock();
    for entry in ds.summarised(limit) {
        if writeln!(w, "{entry}").is_err() {
            return;
        }
    }
    let _ = writeln!(w, "{}, {}", counted(ds.error_count(), "error"), counted(ds.warning_count(), "warning"));
}
