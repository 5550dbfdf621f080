//! Different spellings that share one address: roles "C++ Engineer" and "C Engineer"
//! both slug to `c-engineer`, panelists "Sarah Chen" and "Sarah Chén" to
//! `sarah-chen`. The graph merges them into one page under the first spelling, so
//! the author is warned, naming both spellings and a file of each.

use std::collections::HashMap;
use std::path::Path;

use super::Interview;
use crate::diagnostic::Diagnostic;
use crate::slug::slugify;

/// One warning per kind and slug written in more than one way, in input order.
pub fn warnings(interviews: &[Interview]) -> Vec<Diagnostic> {
    let mut seen: HashMap<(&str, String), (&str, &Path)> = HashMap::new();
    let mut warned: HashMap<(&str, String), Vec<&str>> = HashMap::new();
    let mut out = Vec::new();
    for iv in interviews {
        // A panelist carries its slug; the other names are slugged here.
        let names = iv
            .panelists
            .iter()
            .map(|p| ("panelist", p.name.as_str(), Some(&p.slug)))
            .chain(std::iter::once(("role", iv.role.as_str(), None)))
            .chain(iv.level.iter().map(|l| ("level", l.as_str(), None)))
            .chain(iv.tags.iter().map(|t| ("tag", t.as_str(), None)));
        for (kind, name, slug) in names {
            let slug = slug.cloned().unwrap_or_else(|| slugify(name));
            let key = (kind, slug.clone());
            let Some(&(first, first_file)) = seen.get(&key) else {
                seen.insert(key, (name, &iv.source));
                continue;
            };
            if first == name {
                continue;
            }
            let spellings = warned.entry(key).or_default();
            if spellings.contains(&name) {
                continue;
            }
            spellings.push(name);
            out.push(
                Diagnostic::warning(
                    &iv.source,
                    format!(
                        "{kind} {name:?} and {first:?} (in {}) share the address /{slug}/: \
                         they are shown as one {kind}, named {first:?}",
                        first_file.display()
                    ),
                )
                .with_hint(format!(
                    "write the {kind} the same way in both files, or make the names differ in letters"
                )),
            );
        }
    }
    out
}
