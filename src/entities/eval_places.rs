//! Place resolution scored against the Wikipedia links of GUM news (`newsfacts eval places`).
//!
//! GUM links many place mentions to their Wikipedia article ("Portland,_Maine",
//! "Washington_(state)"). For every linked place mention that the entity stage found and
//! resolved against the gazetteer, the resolved place is compared with the linked title:
//! the title's name must equal the place's name (or an alternate name of it in the
//! gazetteer), and a qualifier in the title ("Portland, Maine", "Georgia (country)") must
//! agree with the place's first-level region, country or kind. The report gives the
//! accuracy of the resolutions made and how many linked mentions were resolved at all, and
//! lists the wrong ones. Depends on the entity stage and the GUM reader of `eval`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use super::eval::{parse_gum_sentences, read_gum_files, stage_entities};
use super::gazetteer::{Gazetteer, PlaceKind};
use super::tagger::NerModel;
use super::{EntityError, Place};

/// Place resolution figures on GUM news.
#[derive(Debug, Default)]
pub struct PlaceReport {
    /// Documents read.
    pub documents: usize,
    /// Place mentions linked to a Wikipedia article.
    pub linked: usize,
    /// Of those, mentions the stage found (overlapping span) and resolved to a place.
    pub resolved: usize,
    /// Of those, resolutions that agree with the link.
    pub correct: usize,
    /// Linked mentions found but left unresolved, by title.
    pub unresolved: BTreeMap<String, usize>,
    /// Wrong resolutions: (title, resolved place) with counts.
    pub wrong: BTreeMap<(String, String), usize>,
}

impl fmt::Display for PlaceReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        writeln!(
            f,
            "GUM news place resolution against Wikipedia links ({} documents)",
            self.documents
        )?;
        writeln!(
            f,
            "  linked place mentions {}; found and resolved {} ({:.3}); resolution accuracy {:.3} ({} of {})",
            self.linked,
            self.resolved,
            ratio(self.resolved, self.linked),
            ratio(self.correct, self.resolved),
            self.correct,
            self.resolved
        )?;
        let mut wrong: Vec<_> = self.wrong.iter().collect();
        wrong.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        writeln!(f, "  wrong resolutions (link -> resolved place):")?;
        for ((title, place), n) in wrong.iter().take(20) {
            writeln!(f, "    {n:3}  {title} -> {place}")?;
        }
        let mut unresolved: Vec<_> = self.unresolved.iter().collect();
        unresolved.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        writeln!(f, "  found but not resolved (often not in the gazetteer):")?;
        for (title, n) in unresolved.iter().take(10) {
            writeln!(f, "    {n:3}  {title}")?;
        }
        Ok(())
    }
}

/// Decodes a Wikipedia title as GUM writes it ("Washington_%28state%29").
fn decode_title(link: &str) -> String {
    let bytes = link.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(b' ');
        let hex = link
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (b'_', _) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits a title into its name and qualifier: "Portland, Maine" -> ("Portland",
/// Some("Maine")), "Georgia (country)" -> ("Georgia", Some("country")).
fn split_title(title: &str) -> (String, Option<String>) {
    if let Some((name, rest)) = title.split_once(" (") {
        return (
            name.trim().to_string(),
            Some(rest.trim_end_matches(')').to_string()),
        );
    }
    if let Some((name, qual)) = title.split_once(", ") {
        return (name.trim().to_string(), Some(qual.trim().to_string()));
    }
    (title.trim().to_string(), None)
}

fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The initials of a multi-word name ("District of Columbia" -> "dc").
fn initials(s: &str) -> String {
    s.split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a resolved place agrees with a Wikipedia title.
fn agrees(gaz: &Gazetteer, place: &Place, country_name: Option<&str>, title: &str) -> bool {
    let (name, qualifier) = split_title(title);
    let name_key = fold(&name);
    let names_match = fold(&place.name) == name_key
        || gaz.lookup(&name).is_some_and(|(_, candidates)| {
            candidates.iter().any(|&c| {
                gaz.place(c).is_some_and(|p| {
                    p.name == place.name
                        && p.kind == place.kind
                        && p.country_code == place.country_code
                })
            })
        });
    if !names_match {
        return false;
    }
    let Some(q) = qualifier else { return true };
    let qk = fold(&q);
    match qk.as_str() {
        "state" | "province" | "region" | "usstate" => place.kind == PlaceKind::Region,
        "country" => place.kind == PlaceKind::Country,
        "city" => place.kind == PlaceKind::City,
        _ => {
            place
                .admin1
                .as_deref()
                .is_some_and(|a| fold(a) == qk || initials(a) == qk)
                || country_name.is_some_and(|c| fold(c) == qk)
        }
    }
}

/// Scores the embedded model and gazetteer on `data_dir/gum-news`.
pub fn run_eval(data_dir: &Path) -> Result<PlaceReport, EntityError> {
    eval_gum_places(
        NerModel::embedded()?,
        Gazetteer::embedded()?,
        &data_dir.join("gum-news"),
    )
}

/// Scores place resolution on the GUM news files under `dir` (`dep/*.conllu`).
pub fn eval_gum_places(
    model: &NerModel,
    gaz: &Gazetteer,
    dir: &Path,
) -> Result<PlaceReport, EntityError> {
    let mut country_names: BTreeMap<String, String> = BTreeMap::new();
    for i in 0..gaz.place_count() {
        if let Some(p) = u32::try_from(i).ok().and_then(|i| gaz.place(i)) {
            if let (PlaceKind::Country, Some(code)) = (p.kind, p.country_code.as_ref()) {
                country_names.insert(code.clone(), p.name.clone());
            }
        }
    }
    let mut report = PlaceReport::default();
    for text in read_gum_files(dir)? {
        let sentences = parse_gum_sentences(&text);
        let tokens: Vec<Vec<String>> = sentences.iter().map(|s| s.tokens.clone()).collect();
        let (entities, mentions) = stage_entities(model, gaz, &tokens);
        report.documents += 1;
        for (s, found) in sentences.iter().zip(&mentions) {
            for (a, b, label) in &s.mentions {
                let parts: Vec<&str> = label.splitn(8, '-').collect();
                let (Some(&"place"), Some(link)) = (parts.get(1), parts.get(7)) else {
                    continue;
                };
                let title = decode_title(link);
                if title.is_empty() {
                    continue;
                }
                report.linked += 1;
                // The system mention that starts with the gold one, else the first overlapping
                // one ("Durham, North Carolina" is linked as a whole).
                let hit = found
                    .iter()
                    .find(|(t, _)| t.start == *a)
                    .or_else(|| found.iter().find(|(t, _)| t.start <= *b && *a < t.end))
                    .and_then(|(_, ei)| entities.get(*ei));
                let Some(entity) = hit else { continue };
                let Some(place) = entity.place.as_ref() else {
                    let key = format!(
                        "{title} (found as {:?} {:?})",
                        entity.kind, entity.canonical
                    );
                    *report.unresolved.entry(key).or_insert(0) += 1;
                    continue;
                };
                report.resolved += 1;
                let country = place
                    .country_code
                    .as_ref()
                    .and_then(|c| country_names.get(c))
                    .map(String::as_str);
                if agrees(gaz, place, country, &title) {
                    report.correct += 1;
                } else {
                    let shown = format!(
                        "{} ({:?}, {}{})",
                        place.name,
                        place.kind,
                        place
                            .admin1
                            .as_deref()
                            .map(|a| format!("{a}, "))
                            .unwrap_or_default(),
                        place.country_code.as_deref().unwrap_or("?")
                    );
                    *report.wrong.entry((title, shown)).or_insert(0) += 1;
                }
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_decode_and_split() {
        let cases = [
            ("Washington_%28state%29", "Washington", Some("state")),
            ("Portland,_Maine", "Portland", Some("Maine")),
            ("Washington%2C_D.C.", "Washington", Some("D.C.")),
            ("New_York_City", "New York City", None),
        ];
        for (link, name, qual) in cases {
            let (n, q) = split_title(&decode_title(link));
            assert_eq!(n, name, "{link}");
            assert_eq!(q.as_deref(), qual, "{link}");
        }
        // A stray or truncated escape is kept as written.
        assert_eq!(decode_title("A%2"), "A%2");
        assert_eq!(decode_title("%zz"), "%zz");
    }

    #[test]
    fn qualifiers_are_checked_against_the_place() {
        let gz = match Gazetteer::embedded() {
            Ok(g) => g,
            Err(e) => panic!("embedded gazetteer: {e}"),
        };
        let place = |admin1: Option<&str>, kind: PlaceKind, name: &str, cc: &str| Place {
            kind,
            name: name.into(),
            geonames_id: None,
            iso_code: None,
            country_code: Some(cc.into()),
            admin1: admin1.map(Into::into),
            lat: None,
            lon: None,
            population: None,
        };
        let portland_me = place(Some("Maine"), PlaceKind::City, "Portland", "US");
        let portland_or = place(Some("Oregon"), PlaceKind::City, "Portland", "US");
        let dc = place(
            Some("District of Columbia"),
            PlaceKind::City,
            "Washington",
            "US",
        );
        let wa = place(Some("Washington"), PlaceKind::Region, "Washington", "US");
        let ge = place(None, PlaceKind::Country, "Georgia", "GE");
        assert!(agrees(
            gz,
            &portland_me,
            Some("United States"),
            "Portland, Maine"
        ));
        assert!(!agrees(
            gz,
            &portland_or,
            Some("United States"),
            "Portland, Maine"
        ));
        assert!(agrees(gz, &dc, Some("United States"), "Washington, D.C."));
        assert!(!agrees(gz, &wa, Some("United States"), "Washington, D.C."));
        assert!(agrees(gz, &wa, Some("United States"), "Washington (state)"));
        assert!(agrees(gz, &ge, Some("Georgia"), "Georgia (country)"));
        assert!(!agrees(gz, &ge, Some("Georgia"), "Georgia (U.S. state)"));
    }
}
