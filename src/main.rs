//! The `site` binary: all work happens in the library; this maps it to an exit code.

fn main() -> std::process::ExitCode {
    roundtable::cli::main()
}
