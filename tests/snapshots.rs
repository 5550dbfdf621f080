//! Snapshot tests (insta): the full error report of a broken site, and the main
//! content of one interview page. Review changes with `cargo insta review`, or
//! re-create with `INSTA_UPDATE=always cargo test --test snapshots`.
//! The interview page snapshot follows the default theme: re-accept it whenever
//! `themes/default/` changes on purpose.

mod common;

use common::{main_of, Site};

#[test]
fn error_report_of_three_errors() {
    let site = Site::fixture("broken");
    let run = site.run(&["build"]).code(1);
    assert!(!site.path("public").exists());
    let report = run.stderr.replace(site.root().to_str().unwrap(), "[ROOT]");
    insta::assert_snapshot!("error_report", report);
}

#[test]
fn interview_page_main() {
    let site = Site::fixture("basic");
    site.build();
    let page = site.out("interviews/checkout-latency/index.html");
    insta::assert_snapshot!("interview_main", main_of(&page));
}
