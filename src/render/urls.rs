//! Where pages live: root-relative and absolute URLs, the site path of each kind
//! of page, and dates as pages print them.

use crate::config::Config;

/// Builds root-relative and absolute URLs.
#[derive(Debug, Clone)]
pub struct Urls {
    /// Root-relative path of the site, ending in `/`.
    pub root: String,
    /// Absolute base URL, no trailing slash.
    pub base: String,
}

impl Urls {
    /// URLs for the configured base URL.
    pub fn new(config: &Config) -> Self {
        Urls { root: config.root_path(), base: config.base_url.clone() }
    }

    /// Root-relative URL of a site path such as `interviews/x/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.root)
    }

    /// Absolute URL of a site path.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}/{path}", self.base)
    }
}

/// Site path of an interview page.
pub fn interview_path(slug: &str) -> String {
    format!("interviews/{slug}/")
}

/// Site path of a principle page.
pub fn principle_path(slug: &str) -> String {
    format!("principles/{slug}/")
}

/// Site path of a panelist page.
pub fn panelist_path(slug: &str) -> String {
    format!("panelists/{slug}/")
}

/// Site path of a role page.
pub fn role_path(slug: &str) -> String {
    format!("roles/{slug}/")
}

/// Site path of a level page.
pub fn level_path(slug: &str) -> String {
    format!("levels/{slug}/")
}

/// Site path of a tag page.
pub fn tag_path(slug: &str) -> String {
    format!("tags/{slug}/")
}

/// Site path of a question page.
pub fn question_path(slug: &str) -> String {
    format!("questions/{slug}/")
}

/// Site path of a calibration guide: one principle, or one principle at one level.
pub fn calibration_path(principle_slug: &str, level_slug: Option<&str>) -> String {
    match level_slug {
        Some(level) => format!("calibration/{principle_slug}/{level}/"),
        None => format!("calibration/{principle_slug}/"),
    }
}

/// The level segment of the calibration guide of interviews without a level.
pub const NO_LEVEL_SLUG: &str = "no-level";

/// Site paths of the indexes (DESIGN §4).
pub const ARCHIVE_PATH: &str = "interviews/";
/// The index of every principle.
pub const PRINCIPLES_PATH: &str = "principles/";
/// The index of every panelist.
pub const PANELISTS_PATH: &str = "panelists/";
/// The index of every role.
pub const ROLES_PATH: &str = "roles/";
/// The index of every level.
pub const LEVELS_PATH: &str = "levels/";
/// The index of every tag.
pub const TAGS_PATH: &str = "tags/";
/// The index of every question.
pub const QUESTIONS_PATH: &str = "questions/";
/// The principle × level grid.
pub const CALIBRATION_PATH: &str = "calibration/";
/// The search page.
pub const SEARCH_PATH: &str = "search/";

/// `2026-11-23`.
pub fn iso_date(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// `23 Nov 2026`.
pub fn display_date(d: time::Date) -> String {
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{} {} {}", d.day(), MONTHS[usize::from(u8::from(d.month())) - 1], d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = time::macros::date!(2026 - 11 - 03);
        assert_eq!(iso_date(d), "2026-11-03");
        assert_eq!(display_date(d), "3 Nov 2026");
    }
}
