//! What the whole library contributes to redaction (who the panelists are, when
//! each was first seen, which words are somebody's name), counted per interview so
//! that an edit under `site serve --watch --profile` updates it without a scan of
//! the library, and the interviews it did not touch keep their redaction.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use time::Date;

use super::names;
use crate::content::Interview;

/// The counted contributions of every loaded interview (excluded ones too: a
/// person on an excluded interview still has a name to avoid and a first date).
#[derive(Debug, Default, Clone)]
pub struct Census {
    /// Per panelist slug: how many interviews show each (date, spelling).
    seen: HashMap<String, BTreeMap<(Date, String), usize>>,
    /// Every word of a panelist's or candidate's name, with how many names hold it.
    words: HashMap<String, usize>,
    /// What each interview (by source path) contributed, to take it back on an edit.
    by_source: HashMap<PathBuf, Contribution>,
}

/// One interview's part of the [`Census`].
#[derive(Debug, Default, Clone, PartialEq)]
struct Contribution {
    seen: Vec<(String, Date, String)>,
    words: Vec<String>,
}

impl Contribution {
    fn of(iv: &Interview) -> Contribution {
        let mut c = Contribution::default();
        for p in &iv.panelists {
            c.seen.push((p.slug.clone(), iv.date, p.name.clone()));
            c.words.extend(names::name_words(&p.name));
        }
        if let Some(name) = &iv.candidate {
            c.words.extend(names::name_words(name));
        }
        c
    }
}

impl Census {
    /// The census of `interviews`.
    pub fn of(interviews: &[Arc<Interview>]) -> Census {
        let mut census = Census::default();
        for iv in interviews {
            let c = Contribution::of(iv);
            census.add(&c);
            census.by_source.insert(iv.source.clone(), c);
        }
        census
    }

    /// Each panelist's slug with the date of their first interview and the
    /// spelling of their name there (the first in sort order on a tie), by slug.
    pub fn first_seen(&self) -> Vec<(&str, Date, &str)> {
        let mut out: Vec<(&str, Date, &str)> = self
            .seen
            .iter()
            .filter_map(|(slug, m)| m.keys().next().map(|(d, n)| (slug.as_str(), *d, n.as_str())))
            .collect();
        out.sort_unstable();
        out
    }

    /// Every word of somebody's name (lower case), which no pseudonym may use.
    pub fn name_words(&self) -> HashSet<String> {
        self.words.keys().cloned().collect()
    }

    /// Replaces what the interviews in `edited` contributed with what they
    /// contribute now (an interview not seen before is added). True when the
    /// result still gives every panelist the same first date and spelling and the
    /// same set of name words, so that every pseudonym and name replacement stays
    /// as it was; false when the library's redaction table must be made anew.
    pub fn update(&mut self, edited: &[Arc<Interview>]) -> bool {
        let mut same = true;
        for iv in edited {
            let new = Contribution::of(iv);
            let old = self.by_source.get(&iv.source).cloned();
            if old.as_ref() == Some(&new) {
                continue;
            }
            let slugs: Vec<&str> =
                old.iter().chain([&new]).flat_map(|c| c.seen.iter().map(|s| s.0.as_str())).collect();
            let words: Vec<&str> =
                old.iter().chain([&new]).flat_map(|c| c.words.iter().map(String::as_str)).collect();
            let before = self.snapshot(&slugs, &words);
            if let Some(old) = &old {
                self.remove(old);
            }
            self.add(&new);
            if self.snapshot(&slugs, &words) != before {
                same = false;
            }
            self.by_source.insert(iv.source.clone(), new);
        }
        same
    }

    /// What the table derives from these slugs and words: first (date, spelling)
    /// of each slug, and whether each word is somebody's.
    fn snapshot(&self, slugs: &[&str], words: &[&str]) -> (Vec<Option<(Date, String)>>, Vec<bool>) {
        let firsts = slugs.iter().map(|s| self.seen.get(*s).and_then(|m| m.keys().next().cloned())).collect();
        let present = words.iter().map(|w| self.words.contains_key(*w)).collect();
        (firsts, present)
    }

    fn add(&mut self, c: &Contribution) {
        for (slug, date, name) in &c.seen {
            *self.seen.entry(slug.clone()).or_default().entry((*date, name.clone())).or_insert(0) += 1;
        }
        for w in &c.words {
            *self.words.entry(w.clone()).or_insert(0) += 1;
        }
    }

    fn remove(&mut self, c: &Contribution) {
        for (slug, date, name) in &c.seen {
            if let Some(m) = self.seen.get_mut(slug) {
                let key = (*date, name.clone());
                if let Some(n) = m.get_mut(&key) {
                    *n -= 1;
                    if *n == 0 {
                        m.remove(&key);
                    }
                }
                if m.is_empty() {
                    self.seen.remove(slug);
                }
            }
        }
        for w in &c.words {
            if let Some(n) = self.words.get_mut(w) {
                *n -= 1;
                if *n == 0 {
                    self.words.remove(w);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// A site whose profile `public` pseudonymizes and drops candidates.
    fn config(profiled: bool) -> Config {
        let toml = "title = \"T\"\nbase_url = \"https://example.com\"\n\
                    [profiles.public]\npseudonymize = true\ndrop_fields = [\"candidate\"]\n";
        let mut config = Config::parse(std::path::Path::new("/site"), toml).expect("a valid site.toml");
        if profiled {
            config.apply_profile("public").expect("the profile exists");
        }
        config
    }

    /// An interview at `source` on `date` with panel `panel` and `candidate`.
    fn interview(source: &str, date: Date, panel: &[&str], candidate: Option<&str>) -> Arc<Interview> {
        let config = config(false);
        let mut text = format!(
            "+++\ntitle = \"{source}\"\ndate = {date}\nprinciples = [\"Ownership\"]\nrole = \"R\"\nlevel = \"L5\"\nverdict = \"hire\"\n"
        );
        if let Some(c) = candidate {
            text.push_str(&format!("candidate = \"{c}\"\n"));
        }
        for name in panel {
            text.push_str(&format!(
                "\n[[panelists]]\nname = \"{name}\"\nrole = \"EM\"\nhire_reason = \"Clear.\"\n"
            ));
        }
        text.push_str("+++\n\n## Roundtable\n\n");
        for name in panel {
            text.push_str(&format!("### {name}\nA turn.\n\n"));
        }
        let dir = PathBuf::from(format!("/site/content/{source}"));
        let (iv, ds) = crate::content::parse(&config, &dir.join("index.md"), &text, dir, Vec::new(), false);
        Arc::new(iv.unwrap_or_else(|| panic!("{source} does not parse: {ds:?}")))
    }

    fn day(d: u8) -> Date {
        Date::from_calendar_date(2026, time::Month::March, d).unwrap_or(Date::MIN)
    }

    #[test]
    fn a_text_only_edit_keeps_the_table() {
        let a = interview("a", day(1), &["Ana Silva", "Ben Ode"], Some("Cleo Park"));
        let b = interview("b", day(2), &["Ana Silva"], None);
        let mut census = Census::of(&[a.clone(), b.clone()]);
        let firsts = census
            .first_seen()
            .into_iter()
            .map(|(s, d, n)| (s.to_string(), d, n.to_string()))
            .collect::<Vec<_>>();
        assert_eq!(firsts[0], ("ana-silva".to_string(), day(1), "Ana Silva".to_string()));
        // The same people, dates and candidate: nothing the table derives changes.
        assert!(census.update(&[interview("b", day(2), &["Ana Silva"], None)]));
        assert!(census.name_words().contains("cleo"));
    }

    #[test]
    fn a_new_person_an_earlier_date_or_a_lost_name_word_changes_it() {
        let a = interview("a", day(5), &["Ana Silva"], Some("Cleo Park"));
        let b = interview("b", day(6), &["Ana Silva"], None);
        let mut census = Census::of(&[a, b]);
        // A panelist nobody had seen.
        assert!(!census.update(&[interview("b", day(6), &["Ana Silva", "Dev Rao"], None)]));
        // Ana's first interview moves earlier.
        assert!(!census.update(&[interview("b", day(1), &["Ana Silva", "Dev Rao"], None)]));
        // The only candidate named Cleo is gone: "cleo" is no longer a name word.
        assert!(!census.update(&[interview("a", day(5), &["Ana Silva"], None)]));
        assert!(!census.name_words().contains("cleo"));
        // Back to a state already counted: same as a census made from scratch.
        let now = [
            interview("a", day(5), &["Ana Silva"], None),
            interview("b", day(1), &["Ana Silva", "Dev Rao"], None),
        ];
        let fresh = Census::of(&now);
        assert_eq!(census.first_seen(), fresh.first_seen());
        assert_eq!(census.name_words(), fresh.name_words());
    }

    #[test]
    fn a_name_word_still_held_by_another_keeps_the_table() {
        let a = interview("a", day(1), &["Ana Silva"], Some("Ana Lopez"));
        let b = interview("b", day(2), &["Ana Silva"], None);
        let mut census = Census::of(&[a, b]);
        // "ana" stays a name word (Ana Silva), but "lopez" goes: the table changes.
        assert!(!census.update(&[interview("a", day(1), &["Ana Silva"], Some("Ana Silva"))]));
    }

    /// What the live server gets from `republish` is what publishing the whole
    /// edited library gives those interviews; an edit that changes the table is
    /// refused, so the caller redacts the library anew.
    #[test]
    fn republish_gives_what_a_whole_publish_gives_or_refuses() {
        let config = config(true);
        let a = interview("a", day(1), &["Ana Silva", "Ben Ode"], None);
        let b = interview("b", day(2), &["Ana Silva"], None);
        let mut redactor = super::super::Redactor::new(&config, &[a.clone(), b.clone()]).expect("a profile");
        let edited = interview("b", day(2), &["Ana Silva"], None);
        let one =
            redactor.republish(&config, vec![edited.clone()]).expect("the table stands").expect("no PII");
        let all = super::super::publish(&config, vec![a.clone(), edited]).expect("no PII");
        let (got, want) = (&one.interviews()[0], &all.interviews()[1]);
        assert_eq!(got.panelists[0].name, want.panelists[0].name);
        assert_ne!(got.panelists[0].name, "Ana Silva", "pseudonymized");
        assert_eq!(
            got.turns.iter().map(|t| &t.html).collect::<Vec<_>>(),
            want.turns.iter().map(|t| &t.html).collect::<Vec<_>>()
        );
        // A candidate's name is new to the library: every pseudonym must avoid it.
        let named = interview("b", day(2), &["Ana Silva"], Some("Cleo Park"));
        assert!(redactor.republish(&config, vec![named]).is_none());
    }
}
