//! Roundtable turns a folder of interview reviews into a static website.
//!
//! A build flows one way: [`config`] → [`theme`] and [`content`] (load and
//! validate) → [`model`] (the cross-link graph) → [`render`] (pages in memory) →
//! [`output`] (written atomically). [`pipeline`] runs those stages in order and
//! [`cli`] is the command line on top.
//!
//! ```no_run
//! use roundtable::pipeline::{build, Options};
//! let report = build(&Options { root: "my-site".into(), ..Options::default() })?;
//! println!("{} pages", report.pages);
//! # Ok::<(), roundtable::diagnostic::Error>(())
//! ```
#![warn(missing_docs)]
// Output goes through `report` (a closed stdout must not panic): no bare print.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod entities;
pub mod export;
pub mod import;
pub mod init;
pub mod links;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod principles;
pub mod profile;
pub mod redact;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schemas;
pub mod search;
pub mod serve;
pub mod slug;
pub mod sources;
pub mod suggest;
pub mod theme;
pub mod timing;
pub mod watch;
pub mod wording;
