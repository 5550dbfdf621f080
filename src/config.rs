//! `site.toml`: read raw (unknown keys denied), then resolved into a [`Config`]
//! with a normalised base URL and a principle catalogue.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Error, Position, Result};
use crate::principles;
use crate::profile::Profile;
use crate::slug::slugify;

/// The environment variable that keys the pseudonyms' hash (docs/publishing.md).
pub const PSEUDONYM_KEY_VAR: &str = "ROUNDTABLE_PSEUDONYM_KEY";

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// `site.toml` exactly as written. Its doc comments are the descriptions of
/// `schemas/site.schema.json` (see [`schema`]), which editors show on hover.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "site.toml", description = "The configuration of a Roundtable site (docs/authoring.md).")]
struct RawConfig {
    /// The site's title, shown in every page's header and title. Required.
    title: String,
    /// The absolute URL the site is published at, e.g. "https://example.com/kb"; a
    /// sub-path works (links, feeds and the sitemap follow it). Required.
    #[schemars(extend("format" = "uri", "pattern" = "^https?://[^/?#\\s]+"))]
    base_url: String,
    /// One sentence about the site: the home page's meta description.
    description: Option<String>,
    /// The language code of the pages (`<html lang>`); default "en".
    language: Option<String>,
    /// The theme: themes/<theme>/ of the site, or the built-in "default".
    theme: Option<String>,
    /// true: raw HTML in interview bodies is sanitised (scripts, event handlers and
    /// styles removed); default false.
    safe_html: Option<bool>,
    /// The principle catalogue, in order. Without it, the 16 built-in Amazon
    /// leadership principles are used.
    principles: Option<Vec<RawPrinciple>>,
    /// Build profiles: `[profiles.<name>]`, applied with `site build --profile
    /// <name>` (docs/publishing.md). Without --profile nothing is redacted.
    profiles: Option<std::collections::BTreeMap<String, crate::profile::RawProfile>>,
}

/// One `[[principles]]` entry.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Principle")]
struct RawPrinciple {
    /// The principle's name, e.g. "Dive Deep"; interviews name it in `principles`.
    name: String,
    /// One line about it; a built-in principle's name keeps its built-in description.
    description: Option<String>,
}

/// The JSON Schema of `site.toml`, generated from the type that parses it
/// (draft-07, which taplo / Even Better TOML and VS Code read).
pub fn schema() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft07().into_generator().into_root_schema_for::<RawConfig>()
}

/// One principle of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principle {
    /// Display name, e.g. "Dive Deep".
    pub name: String,
    /// URL slug, e.g. `dive-deep`.
    pub slug: String,
    /// One-line description.
    pub description: String,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root folder.
    pub root: PathBuf,
    /// Site title.
    pub title: String,
    /// Absolute base URL without a trailing slash, e.g. `https://example.com/kb`.
    pub base_url: String,
    /// Description (may be empty).
    pub description: String,
    /// Language code, default `en`.
    pub language: String,
    /// Theme name, default `default`.
    pub theme: String,
    /// Sanitise raw HTML in bodies.
    pub safe_html: bool,
    /// The principle catalogue, in order.
    pub principles: Vec<Principle>,
    /// The line of `theme = ...` in site.toml, if written (for error messages).
    pub theme_line: Option<usize>,
    /// Counts of a group below this show as "fewer than N" (a build profile's
    /// `min_group`; 0 without one: every count is shown). See [`crate::render::tally::Tally`].
    pub min_group: usize,
    /// Keep the Markdown of every part of each interview
    /// ([`crate::content::Interview::sources`]) when loading: `site export` needs
    /// it, a build does not (it would hold the library's text twice).
    pub keep_sources: bool,
    /// Every `[profiles.<name>]` of site.toml, by name.
    pub profiles: std::collections::BTreeMap<String, Profile>,
    /// The profile this build applies ([`Config::apply_profile`]), if any.
    pub profile: Option<std::sync::Arc<Profile>>,
    /// Search engines may index the site (a profile's `indexing`; default true).
    pub indexing: bool,
    /// Atom feeds are written (a profile's `feeds`; default true).
    pub feeds: bool,
}

impl Config {
    /// Reads and validates `<root>/site.toml`.
    pub fn load(root: &Path) -> Result<Config> {
        Config::parse(root, &read_text(root)?)
    }

    /// Reads `<root>/site.toml` like [`Config::load`], but when its contents are
    /// invalid, returns its errors with a [`Config::fallback`] to go on loading
    /// the content with, so that one run reports both. Only a missing or
    /// unreadable file stops at once.
    pub fn load_or_fallback(root: &Path) -> Result<(Config, Diagnostics)> {
        let text = read_text(root)?;
        match Config::parse(root, &text) {
            Ok(config) => Ok((config, Diagnostics::default())),
            Err(Error::Invalid(ds)) => Ok((Config::fallback(root, &text), ds)),
            Err(e) => Err(e),
        }
    }

    /// A configuration made of what still reads in an invalid `site.toml` (its
    /// principles above all: every interview names them) and defaults for the
    /// rest. Only for finding the content's errors: a run with it never writes.
    pub fn fallback(root: &Path, text: &str) -> Config {
        let table = salvage(text);
        let text_of = |key: &str| table.get(key).and_then(toml::Value::as_str).map(str::to_string);
        let principles = match table.get("principles").and_then(toml::Value::as_array) {
            None => builtin_principles(),
            Some(list) => {
                let mut out: Vec<Principle> = Vec::new();
                for entry in list {
                    let Some(name) = entry.get("name").and_then(toml::Value::as_str) else { continue };
                    let slug = slugify(name);
                    if slug.is_empty() || out.iter().any(|p| p.slug == slug) {
                        continue;
                    }
                    let description = entry.get("description").and_then(toml::Value::as_str);
                    let description = description.map_or_else(|| builtin_description(&slug), str::to_string);
                    out.push(Principle { name: name.to_string(), slug, description });
                }
                out
            }
        };
        Config {
            root: root.to_path_buf(),
            title: text_of("title").filter(|t| !t.trim().is_empty()).unwrap_or_else(|| "Roundtable".into()),
            base_url: text_of("base_url")
                .and_then(|u| normalise_base_url(&u).ok())
                .unwrap_or_else(|| "http://localhost".into()),
            description: text_of("description").unwrap_or_default(),
            language: text_of("language").unwrap_or_else(|| "en".into()),
            theme_line: table.contains_key("theme").then(|| key_line(text, "theme")),
            theme: text_of("theme").unwrap_or_else(|| "default".into()),
            safe_html: table.get("safe_html").and_then(toml::Value::as_bool).unwrap_or(false),
            principles,
            min_group: 0,
            keep_sources: false,
            // The profiles that read, so that `--profile` still applies.
            profiles: table
                .get("profiles")
                .and_then(toml::Value::as_table)
                .into_iter()
                .flatten()
                .filter_map(|(name, v)| {
                    let raw: crate::profile::RawProfile = v.clone().try_into().ok()?;
                    Some((name.clone(), Profile::from_raw(name, raw, CONFIG_FILE, 1).ok()?))
                })
                .collect(),
            profile: None,
            indexing: true,
            feeds: true,
        }
    }

    /// Parses the text of `site.toml` for the site at `root`.
    pub fn parse(root: &Path, text: &str) -> Result<Config> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            Error::Invalid(Diagnostics(vec![toml_diagnostic(Path::new(CONFIG_FILE), &e, text, 0)]))
        })?;
        let mut errors = Vec::new();
        let base_url = match normalise_base_url(&raw.base_url) {
            Ok(url) => url,
            Err(msg) => {
                errors.push(
                    Diagnostic::error(CONFIG_FILE, msg)
                        .at_line(key_line(text, "base_url"))
                        .with_hint("use an absolute URL such as \"https://example.com/kb\""),
                );
                String::new()
            }
        };
        let principles = match raw.principles {
            None => builtin_principles(),
            Some(list) => {
                let mut out: Vec<Principle> = Vec::new();
                for p in list {
                    let slug = slugify(&p.name);
                    if slug.is_empty() {
                        errors.push(
                            Diagnostic::error(
                                CONFIG_FILE,
                                format!("principle name {:?} has no letters or digits", p.name),
                            )
                            .with_hint("give the principle a name made of words"),
                        );
                        continue;
                    }
                    if out.iter().any(|q| q.slug == slug) {
                        errors.push(
                            Diagnostic::error(
                                CONFIG_FILE,
                                format!("principle {:?} is declared twice", p.name),
                            )
                            .with_hint("remove one of the two [[principles]] entries"),
                        );
                        continue;
                    }
                    // A site may name built-in principles without rewriting their descriptions.
                    let description = p.description.unwrap_or_else(|| builtin_description(&slug));
                    out.push(Principle { name: p.name, slug, description });
                }
                out
            }
        };
        let profiles = match crate::profile::parse_all(raw.profiles.unwrap_or_default(), CONFIG_FILE, text) {
            Ok(p) => p,
            Err(ds) => {
                errors.extend(ds);
                Default::default()
            }
        };
        if raw.title.trim().is_empty() {
            errors.push(
                Diagnostic::error(CONFIG_FILE, "`title` is empty")
                    .at_line(key_line(text, "title"))
                    .with_hint("give the site a title"),
            );
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(Diagnostics(errors)));
        }
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title,
            base_url,
            description: raw.description.unwrap_or_default(),
            language: raw.language.unwrap_or_else(|| "en".to_string()),
            theme_line: raw.theme.is_some().then(|| key_line(text, "theme")),
            theme: raw.theme.unwrap_or_else(|| "default".to_string()),
            safe_html: raw.safe_html.unwrap_or(false),
            principles,
            min_group: 0,
            keep_sources: false,
            profiles,
            profile: None,
            indexing: true,
            feeds: true,
        })
    }

    /// Applies the profile `name`: its base_url, min_group, indexing and feeds
    /// here; its redaction in [`crate::redact`]. An unknown name is an error
    /// naming the profiles that exist (a usage error at the command line).
    pub fn apply_profile(&mut self, name: &str) -> std::result::Result<(), Diagnostic> {
        let Some(mut profile) = self.profiles.get(name).cloned() else {
            return Err(crate::profile::unknown_profile(name, &self.profiles));
        };
        profile.pseudonym_key = match std::env::var(PSEUDONYM_KEY_VAR) {
            Ok(key) if !key.is_empty() => key,
            _ => format!("{}\u{0}{name}", self.title),
        };
        if let Some(url) = &profile.base_url {
            self.set_base_url(url).map_err(|msg| {
                Diagnostic::error(CONFIG_FILE, format!("profile {name:?}: {msg}"))
                    .with_hint("use an absolute URL such as \"https://reviews.example.org\"")
            })?;
        }
        self.min_group = profile.min_group;
        self.indexing = profile.indexing;
        self.feeds = profile.feeds;
        self.profile = Some(std::sync::Arc::new(profile));
        Ok(())
    }

    /// Replaces the base URL (for `--base-url` and `serve`).
    pub fn set_base_url(&mut self, url: &str) -> std::result::Result<(), String> {
        self.base_url = normalise_base_url(url)?;
        Ok(())
    }

    /// The root-relative path of the site, always ending in `/` (e.g. `/kb/`).
    pub fn root_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        match after_scheme.find('/') {
            Some(i) => format!("{}/", &after_scheme[i..]),
            None => "/".to_string(),
        }
    }

    /// Finds a principle by name or slug, case-insensitively.
    pub fn principle(&self, name: &str) -> Option<&Principle> {
        let slug = slugify(name);
        self.principles.iter().find(|p| p.slug == slug)
    }
}

/// The text of `<root>/site.toml`, or an error saying why there is none.
fn read_text(root: &Path) -> Result<String> {
    let path = root.join(CONFIG_FILE);
    // Never opened when it is a FIFO or a device: reading would wait for good.
    if let Err(crate::sources::Refused::Special(kind)) = crate::sources::inspect(&path, root) {
        let d = Diagnostic::error(CONFIG_FILE, format!("{CONFIG_FILE} is {kind}, not a regular file"));
        return Err(Error::Invalid(Diagnostics(vec![d.with_hint("make site.toml a regular file")])));
    }
    std::fs::read_to_string(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound && !root.is_dir() {
            Error::Invalid(Diagnostics(vec![Diagnostic::error(
                root,
                format!("the site folder {} does not exist", root.display()),
            )
            .with_hint("check the --root path, or start a site there with `site init`")]))
        } else if e.kind() == std::io::ErrorKind::NotFound {
            Error::Invalid(Diagnostics(vec![Diagnostic::error(
                CONFIG_FILE,
                format!("no {CONFIG_FILE} in {}", root.display()),
            )
            .with_hint("run `site` from a site folder, pass --root DIR, or start a site with `site init`")]))
        } else {
            Error::io(&path, e)
        }
    })
}

/// The keys of an invalid `site.toml` that still read: a line the TOML parser
/// stops at is blanked and the rest read again (a few times at most), so one
/// typo does not hide the principles declared below it.
fn salvage(text: &str) -> toml::Table {
    let mut lines: Vec<&str> = text.lines().collect();
    for _ in 0..16 {
        let attempt = lines.join("\n");
        match toml::from_str::<toml::Table>(&attempt) {
            Ok(table) => return table,
            Err(e) => {
                let Some(span) = e.span() else { break };
                let line = attempt[..span.start.min(attempt.len())].matches('\n').count();
                match lines.get_mut(line) {
                    Some(l) if !l.is_empty() => *l = "",
                    _ => break,
                }
            }
        }
    }
    toml::Table::new()
}

/// The built-in catalogue, used when `site.toml` declares no principles.
fn builtin_principles() -> Vec<Principle> {
    principles::BUILTIN
        .iter()
        .map(|(name, description)| Principle {
            name: (*name).to_string(),
            slug: slugify(name),
            description: (*description).to_string(),
        })
        .collect()
}

/// A built-in principle's description, so a site may name one without rewriting it.
fn builtin_description(slug: &str) -> String {
    principles::BUILTIN
        .iter()
        .find(|(n, _)| slugify(n) == slug)
        .map(|(_, d)| (*d).to_string())
        .unwrap_or_default()
}

/// The base URL as every link is made from it: the scheme and host lower-cased
/// (`HTTPS://Example.COM` is `https://example.com`), runs of `/` in the path made
/// one (a `//` would make root-relative links protocol-relative: `//kb/` points at
/// a host named `kb`), no trailing `/`.
fn normalise_base_url(url: &str) -> std::result::Result<String, String> {
    let url = url.trim();
    let not_http = || format!("base_url {url:?} is not an absolute http(s) URL");
    let (scheme, rest) = url.split_once("://").ok_or_else(not_http)?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(not_http());
    }
    if rest.is_empty() || rest.starts_with('/') {
        return Err(format!("base_url {url:?} has no host"));
    }
    if url.contains(['?', '#', ' ']) {
        return Err(format!("base_url {url:?} may not hold a query, fragment or space"));
    }
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let mut out = format!("{scheme}://{}", host.to_ascii_lowercase());
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        out.push('/');
        out.push_str(segment);
    }
    Ok(out)
}

/// The 1-based line on which `key = ` is first written, or 1.
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('=')))
        .map_or(1, |i| i + 1)
}

/// Turns a TOML error into a diagnostic located in the file: `offset` is where the
/// TOML text starts inside `file_text`. Only a syntax error is called invalid
/// TOML; a missing or unknown key and a value of the wrong type are named as such,
/// and a mistyped key gets a did-you-mean among the keys allowed where it is.
pub fn toml_diagnostic(file: &Path, err: &toml::de::Error, file_text: &str, offset: usize) -> Diagnostic {
    let message = err.message().trim().to_string();
    let (text, hint) = if let Some(key) = crate::suggest::missing_key(&message) {
        (format!("missing key `{key}`"), missing_key_hint(key))
    } else if let Some((key, hint)) = crate::suggest::unknown_key(&message) {
        (format!("unknown key `{key}`"), hint)
    } else if ["invalid type", "invalid value", "invalid length"].iter().any(|p| message.starts_with(p)) {
        (
            message.clone(),
            "check the value's type: strings are quoted, dates are bare (2026-11-23), lists use [ ]"
                .to_string(),
        )
    } else {
        (
            format!("invalid TOML: {message}"),
            "check the TOML syntax at this position: strings need quotes, tables [[...]] need matching brackets"
                .to_string(),
        )
    };
    let mut d = Diagnostic::error(file, text).with_hint(hint);
    if let Some(span) = err.span() {
        d = d.at(Position::of_offset(file_text, offset + span.start));
    }
    d
}

fn missing_key_hint(key: &str) -> String {
    match key {
        "base_url" => {
            "add the missing key: base_url = \"https://example.com/kb\", the address the site is published at"
                .to_string()
        }
        "title" => "add the missing key: title = \"Interview Reviews\"".to_string(),
        _ => "add the missing key".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("/site"), text)
    }

    #[test]
    fn defaults_and_builtin_catalogue() {
        let c = parse("title = \"T\"\nbase_url = \"https://example.com/kb/\"\n").unwrap();
        assert_eq!(c.base_url, "https://example.com/kb");
        assert_eq!(c.root_path(), "/kb/");
        assert_eq!(c.language, "en");
        assert_eq!(c.theme, "default");
        assert_eq!(c.principles.len(), 16);
        assert!(c.principle("dive deep").is_some());
        assert!(c.principle("Dive-Deep").is_some());
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = parse("title = \"T\"\nbase_ulr = \"https://x\"\n").unwrap_err();
        let Error::Invalid(ds) = err else { panic!() };
        let d = &ds.0[0];
        assert_eq!(d.message, "unknown key `base_ulr`");
        assert_eq!(d.line, Some(2));
        assert_eq!(d.hint.as_deref(), Some("did you mean `base_url`?"));
    }

    #[test]
    fn a_mistyped_key_in_a_principle_gets_a_did_you_mean_among_its_keys() {
        let err = parse(
            "title = \"T\"\nbase_url = \"https://x.org\"\n[[principles]]\nname = \"A\"\ndescripton = \"B\"\n",
        )
        .unwrap_err();
        let d = &err.into_diagnostics().0[0];
        assert_eq!(d.message, "unknown key `descripton`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `description`?"));
        let err = parse("title = \"T\"\nbase_url = \"https://x.org\"\nzzz = 1\n").unwrap_err();
        let hint = err.into_diagnostics().0[0].hint.clone().unwrap_or_default();
        assert!(hint.contains("the keys allowed here are: title, base_url"), "{hint}");
    }

    #[test]
    fn a_missing_base_url_is_not_called_invalid_toml() {
        let err = parse("title = \"T\"\n").unwrap_err();
        let d = &err.into_diagnostics().0[0];
        assert_eq!(d.message, "missing key `base_url`");
        assert!(d.hint.as_deref().unwrap_or("").contains("base_url = \"https://"), "{:?}", d.hint);
        let err = parse("title = \"T\"\nbase_url = 3\n").unwrap_err();
        let d = &err.into_diagnostics().0[0];
        assert!(d.message.starts_with("invalid type: integer"), "{}", d.message);
        let err = parse("title = \"T\n").unwrap_err();
        assert!(err.into_diagnostics().0[0].message.starts_with("invalid TOML: "));
    }

    #[test]
    fn a_root_that_does_not_exist_says_so() {
        let err = Config::load(Path::new("/no/such/site/folder")).unwrap_err();
        let d = &err.into_diagnostics().0[0];
        assert!(d.message.contains("does not exist"), "{}", d.message);
        assert!(d.hint.as_deref().unwrap_or("").contains("--root"), "{:?}", d.hint);
    }

    #[test]
    fn relative_base_url_is_an_error() {
        assert!(parse("title = \"T\"\nbase_url = \"/kb\"\n").is_err());
        let c = parse("title = \"T\"\nbase_url = \"http://localhost:1111\"\n").unwrap();
        assert_eq!(c.root_path(), "/");
    }

    #[test]
    fn custom_catalogue_keeps_builtin_descriptions() {
        let c = parse(
            "title = \"T\"\nbase_url = \"https://x.org\"\n[[principles]]\nname = \"Dive Deep\"\n[[principles]]\nname = \"Craft\"\ndescription = \"Care.\"\n",
        )
        .unwrap();
        assert_eq!(c.principles.len(), 2);
        assert!(c.principles[0].description.starts_with("Work at every level"));
        assert_eq!(c.principles[1].description, "Care.");
    }
}
