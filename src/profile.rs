//! Build profiles (`[profiles.<name>]` in site.toml, DESIGN §2): the same content
//! published for another audience. This module only reads and validates them;
//! [`crate::redact`] applies one between loading and the graph.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::slug::slugify;
use crate::suggest::did_you_mean;

/// One `[profiles.<name>]` table exactly as written.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Profile")]
pub struct RawProfile {
    /// Replaces the site's base_url when this profile is applied.
    #[schemars(extend("format" = "uri", "pattern" = "^https?://[^/?#\\s]+"))]
    pub base_url: Option<String>,
    /// Interviews carrying any of these tags are left out of every output.
    pub exclude_tags: Option<Vec<String>>,
    /// Optional front-matter fields removed everywhere: candidate, company, video,
    /// summary, level, tags, question, hire_reason, concern, vote. A dropped
    /// candidate or company is also scrubbed, as whole words, from the texts of
    /// its interview; a dropped video URL from every text.
    pub drop_fields: Option<Vec<String>>,
    /// `## <heading>` sections of the body removed (compared by slug, so case and
    /// punctuation do not matter).
    pub drop_sections: Option<Vec<String>>,
    /// Every panelist becomes a stable, readable pseudonym (docs/publishing.md).
    pub pseudonymize: Option<bool>,
    /// Counts below this show as "fewer than N" (verdict mixes, matrix, insights,
    /// calibration, export).
    pub min_group: Option<usize>,
    /// false: noindex on every page, a robots.txt that disallows all, no sitemap.
    pub indexing: Option<bool>,
    /// false: no Atom feeds.
    pub feeds: Option<bool>,
    /// true: e-mail addresses and phone numbers in any published text are errors.
    pub check_pii: Option<bool>,
}

/// A front-matter field a profile can drop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// `candidate` (also scrubbed from the interview's texts).
    Candidate,
    /// `company` (also scrubbed from the interview's texts).
    Company,
    /// `video` (the URL is also removed from every text).
    Video,
    /// `summary`.
    Summary,
    /// `level`.
    Level,
    /// `tags`.
    Tags,
    /// `question`.
    Question,
    /// A panelist's `hire_reason`.
    HireReason,
    /// A panelist's `concern`.
    Concern,
    /// A panelist's `vote`.
    Vote,
}

impl Field {
    /// Every droppable field, by its front-matter key.
    pub const ALL: [(&'static str, Field); 10] = [
        ("candidate", Field::Candidate),
        ("company", Field::Company),
        ("video", Field::Video),
        ("summary", Field::Summary),
        ("level", Field::Level),
        ("tags", Field::Tags),
        ("question", Field::Question),
        ("hire_reason", Field::HireReason),
        ("concern", Field::Concern),
        ("vote", Field::Vote),
    ];

    /// The field named `key`.
    pub fn parse(key: &str) -> Option<Field> {
        Field::ALL.iter().find(|(k, _)| *k == key.trim()).map(|(_, f)| *f)
    }
}

/// A validated build profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// Its name in site.toml (`public` for `[profiles.public]`).
    pub name: String,
    /// Replaces base_url, if given (validated when applied).
    pub base_url: Option<String>,
    /// Slugs of the tags whose interviews are left out.
    pub exclude_tags: Vec<String>,
    /// The fields removed.
    pub drop_fields: Vec<Field>,
    /// Slugs of the section headings removed.
    pub drop_sections: Vec<String>,
    /// Panelists get pseudonyms.
    pub pseudonymize: bool,
    /// Counts below this are hidden (0: all shown).
    pub min_group: usize,
    /// Search engines may index the site.
    pub indexing: bool,
    /// Atom feeds are written.
    pub feeds: bool,
    /// E-mail addresses and phone numbers in published text are errors.
    pub check_pii: bool,
    /// What the pseudonyms' hash is keyed with: the environment's
    /// `ROUNDTABLE_PSEUDONYM_KEY`, or else the site's title and the profile's
    /// name (set by [`crate::config::Config::apply_profile`]).
    pub pseudonym_key: String,
}

impl Profile {
    /// True when `field` is dropped.
    pub fn drops(&self, field: Field) -> bool {
        self.drop_fields.contains(&field)
    }

    /// Validates the raw table `[profiles.<name>]`; problems are reported against
    /// `file` at `line` (the table's header).
    pub fn from_raw(
        name: &str,
        raw: RawProfile,
        file: &str,
        line: usize,
    ) -> Result<Profile, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut drop_fields = Vec::new();
        for key in raw.drop_fields.unwrap_or_default() {
            match Field::parse(&key) {
                Some(f) if !drop_fields.contains(&f) => drop_fields.push(f),
                Some(_) => {}
                None => {
                    let allowed = Field::ALL.iter().map(|(k, _)| *k);
                    let hint = match did_you_mean(&key, allowed.clone()) {
                        Some(best) => format!("did you mean \"{best}\"?"),
                        None => format!(
                            "the fields a profile can drop are: {}",
                            allowed.collect::<Vec<_>>().join(", ")
                        ),
                    };
                    errors.push(
                        Diagnostic::error(
                            file,
                            format!("profile {name:?}: unknown field {key:?} in drop_fields"),
                        )
                        .at_line(line)
                        .with_hint(hint),
                    );
                }
            }
        }
        let slugs = |list: Option<Vec<String>>, key: &str, errors: &mut Vec<Diagnostic>| -> Vec<String> {
            let mut out = Vec::new();
            for item in list.unwrap_or_default() {
                let slug = slugify(&item);
                if slug.is_empty() {
                    errors.push(
                        Diagnostic::error(
                            file,
                            format!("profile {name:?}: {key} entry {item:?} has no letters or digits"),
                        )
                        .at_line(line)
                        .with_hint("write the tag or heading as it appears in the content"),
                    );
                } else if !out.contains(&slug) {
                    out.push(slug);
                }
            }
            out
        };
        let exclude_tags = slugs(raw.exclude_tags, "exclude_tags", &mut errors);
        let drop_sections = slugs(raw.drop_sections, "drop_sections", &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Profile {
            name: name.to_string(),
            base_url: raw.base_url,
            exclude_tags,
            drop_fields,
            drop_sections,
            pseudonymize: raw.pseudonymize.unwrap_or(false),
            min_group: raw.min_group.unwrap_or(0),
            indexing: raw.indexing.unwrap_or(true),
            feeds: raw.feeds.unwrap_or(true),
            check_pii: raw.check_pii.unwrap_or(false),
            pseudonym_key: String::new(),
        })
    }
}

/// Validates every `[profiles.<name>]` of site.toml (`text`, for lines).
pub fn parse_all(
    raw: BTreeMap<String, RawProfile>,
    file: &str,
    text: &str,
) -> Result<BTreeMap<String, Profile>, Vec<Diagnostic>> {
    let mut out = BTreeMap::new();
    let mut errors = Vec::new();
    for (name, raw) in raw {
        let line = header_line(text, &name);
        match Profile::from_raw(&name, raw, file, line) {
            Ok(p) => {
                out.insert(name, p);
            }
            Err(ds) => errors.extend(ds),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The hint for an unknown profile: the profiles that exist, or how to add one.
pub fn unknown_profile(name: &str, known: &BTreeMap<String, Profile>) -> Diagnostic {
    let names: Vec<&str> = known.keys().map(String::as_str).collect();
    let message = if names.is_empty() {
        format!("unknown profile {name:?}: site.toml declares no profiles")
    } else {
        format!("unknown profile {name:?}: site.toml declares {}", names.join(", "))
    };
    let hint = match did_you_mean(name, names.iter().copied()) {
        Some(best) => format!("did you mean `--profile {best}`?"),
        None if names.is_empty() => "declare [profiles.<name>] in site.toml (docs/publishing.md)".to_string(),
        None => format!("pass one of: {}", names.join(", ")),
    };
    Diagnostic::error("--profile", message).with_hint(hint)
}

/// The 1-based line of `[profiles.<name>]` in `text`, or 1.
fn header_line(text: &str, name: &str) -> usize {
    let wanted = [format!("[profiles.{name}]"), format!("[profiles.\"{name}\"]")];
    text.lines()
        .position(|l| {
            let l: String =
                l.split('#').next().unwrap_or_default().chars().filter(|c| !c.is_whitespace()).collect();
            wanted.contains(&l)
        })
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> RawProfile {
        toml::from_str(text).expect("a profile table")
    }

    #[test]
    fn defaults_publish_everything() {
        let p = Profile::from_raw("p", RawProfile::default(), "site.toml", 1).unwrap();
        assert!(p.indexing && p.feeds && !p.pseudonymize && !p.check_pii);
        assert_eq!(p.min_group, 0);
        assert!(p.drop_fields.is_empty());
    }

    #[test]
    fn fields_tags_and_sections_are_read() {
        let p = Profile::from_raw(
            "public",
            raw("drop_fields = [\"candidate\", \"video\"]\nexclude_tags = [\"Confidential\"]\ndrop_sections = [\"Internal notes\"]\nmin_group = 3\n"),
            "site.toml",
            4,
        )
        .unwrap();
        assert!(p.drops(Field::Candidate) && p.drops(Field::Video) && !p.drops(Field::Company));
        assert_eq!(p.exclude_tags, ["confidential"]);
        assert_eq!(p.drop_sections, ["internal-notes"]);
        assert_eq!(p.min_group, 3);
    }

    #[test]
    fn an_unknown_field_gets_a_did_you_mean() {
        let ds =
            Profile::from_raw("public", raw("drop_fields = [\"candidat\"]"), "site.toml", 7).unwrap_err();
        assert_eq!(ds[0].line, Some(7));
        assert!(ds[0].message.contains("\"candidat\""), "{}", ds[0].message);
        assert_eq!(ds[0].hint.as_deref(), Some("did you mean \"candidate\"?"));
        let ds = Profile::from_raw("public", raw("drop_fields = [\"title\"]"), "site.toml", 7).unwrap_err();
        assert!(ds[0].hint.as_deref().unwrap_or("").contains("candidate, company"), "{:?}", ds[0].hint);
    }

    #[test]
    fn an_unknown_profile_names_the_known_ones() {
        let mut known = BTreeMap::new();
        for name in ["internal", "public"] {
            known.insert(name.to_string(), Profile::from_raw(name, RawProfile::default(), "f", 1).unwrap());
        }
        let d = unknown_profile("publc", &known);
        assert!(d.message.contains("internal, public"), "{}", d.message);
        assert_eq!(d.hint.as_deref(), Some("did you mean `--profile public`?"));
        let d = unknown_profile("x", &BTreeMap::new());
        assert!(d.message.contains("declares no profiles"), "{}", d.message);
    }

    #[test]
    fn the_header_line_is_found() {
        assert_eq!(header_line("a = 1\n\n[profiles.public]\nx = 1\n", "public"), 3);
        assert_eq!(header_line("[profiles . \"odd name\"]\n", "odd name"), 1);
        assert_eq!(header_line("", "x"), 1);
    }
}
