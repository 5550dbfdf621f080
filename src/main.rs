//! The `site` binary: all work happens in the library; this maps it to an exit code.

// A build allocates millions of short-lived strings and JSON values on every core
// (template contexts, escaped text); mimalloc's per-thread heaps serve them faster
// than the system allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    roundtable::cli::main()
}
