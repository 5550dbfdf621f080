//! The texts `site new` writes where the author has to write their own. The
//! scaffold writes these very strings and the content lint (`site check`) flags
//! every one left in a file, so a draft cannot be published with them unnoticed.

/// The summary line.
pub const SUMMARY: &str = "One sentence for cards, feeds and the page description.";
/// The introduction.
pub const INTRO: &str = "The question the candidate was asked, and its context.";
/// Each turn.
pub const TURN: &str = "Their first turn.";
/// The consensus.
pub const CONSENSUS: &str = "The panel's synthesis.";
/// A panelist's reason to hire.
pub const HIRE_REASON: &str = "What they credited.";
/// A panelist's concern.
pub const CONCERN: &str = "What worried them.";
/// The role of a panelist the site has not seen before.
pub const PANELIST_ROLE: &str = "Their role on the panel";

/// Every placeholder.
pub const ALL: [&str; 7] = [SUMMARY, INTRO, TURN, CONSENSUS, HIRE_REASON, CONCERN, PANELIST_ROLE];
