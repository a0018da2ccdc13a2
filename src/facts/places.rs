//! Geography stated by the article: a place lies in another (LOCATED_IN), is the capital of
//! another (CAPITAL_OF), or neighbours another (NEIGHBOR_OF).
//!
//! Rules (named by their pattern):
//! - `"<place>, <country>'s <region> province"`: "Wuhan, China’s central Hubei province"
//!   gives Wuhan in Hubei and Hubei in China;
//! - `"<place>, <place>"`: "Kabul, Afghanistan", only when the gazetteer knows the second is
//!   a country or region;
//! - `"<place>, the capital of <place>"`, `"<place> is the capital of <place>"`,
//!   `"<place>'s capital <place>"`: the capital's target is the head place of the phrase
//!   after "of" ("the capital city of Hubei’s neighboring Henan province" -> Henan);
//! - `"<place>'s neighboring <place>"` and `"<place> borders <place>"`.
//!
//! Every fact is checked against the gazetteer data on the entities' `place`: a stated fact
//! the gazetteer contradicts (a city whose country or first-level region differs) is
//! dropped; one it confirms gets a higher confidence than one it cannot judge.
//! Depends on `sentence_view`, the facts types and [`crate::entities`] (places).

use super::sentence_view::{SentenceView, TokMention};
use super::{ArgTarget, Fact, FactArg, FactKind, MentionKind};
use crate::entities::{Place, PlaceKind};

/// Words naming a first-level region after its name ("Hubei province").
const REGION_WORDS: &[&str] = &[
    "province",
    "state",
    "region",
    "prefecture",
    "county",
    "territory",
    "district",
    "oblast",
];

/// Adjectives that may come between a possessive and a place ("China’s central Hubei").
fn is_modifier(w: &str) -> bool {
    matches!(
        w,
        "central"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "northeastern"
            | "northwestern"
            | "southeastern"
            | "southwestern"
            | "north"
            | "south"
            | "east"
            | "west"
            | "coastal"
            | "inland"
            | "remote"
            | "restive"
            | "southwest"
            | "northwest"
            | "southeast"
            | "northeast"
            | "neighboring"
            | "neighbouring"
    )
}

fn is_loc(m: &TokMention) -> bool {
    m.kind == MentionKind::Loc
}

/// What the gazetteer says about `inner` lying in `outer`: `Some(true)` confirmed,
/// `Some(false)` contradicted, `None` when it cannot tell.
pub fn gazetteer_contains(inner: Option<&Place>, outer: Option<&Place>) -> Option<bool> {
    let (i, o) = (inner?, outer?);
    let same = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (Some(a), Some(b)) => Some(a.eq_ignore_ascii_case(b)),
        _ => None,
    };
    match o.kind {
        PlaceKind::Country => {
            same(&i.country_code, &o.country_code).or_else(|| same(&i.country_code, &o.iso_code))
        }
        PlaceKind::Region => {
            if same(&i.country_code, &o.country_code) == Some(false) {
                return Some(false);
            }
            if i.kind == PlaceKind::Country || i.kind == PlaceKind::Continent {
                return Some(false);
            }
            let a = i.admin1.as_deref()?.to_lowercase();
            let b = o.name.to_lowercase();
            Some(a.contains(&b) || b.contains(&a))
        }
        PlaceKind::City => (i.kind != PlaceKind::City).then_some(false),
        PlaceKind::Continent => None,
    }
}

fn place_of<'a>(v: &SentenceView<'a>, m: &TokMention) -> Option<&'a Place> {
    super::entity(v.input.entities, m.entity_id).and_then(|e| e.place.as_ref())
}

fn arg(role: &'static str, m: &TokMention) -> FactArg {
    FactArg {
        role,
        target: ArgTarget::Entity(m.entity_id),
    }
}

/// A LOCATED_IN fact, or `None` when the gazetteer contradicts it or both are one entity.
fn located_in(
    v: &SentenceView<'_>,
    inner: &TokMention,
    outer: &TokMention,
    evidence: (usize, usize),
    rule: &'static str,
    stated_confidence: f32,
) -> Option<Fact> {
    if inner.entity_id == outer.entity_id {
        return None;
    }
    let confidence = match gazetteer_contains(place_of(v, inner), place_of(v, outer)) {
        Some(false) => return None,
        Some(true) => 0.95,
        None => stated_confidence,
    };
    Some(Fact {
        kind: FactKind::LocatedIn,
        args: vec![arg("place", inner), arg("container", outer)],
        evidence: v.range_span(evidence.0, evidence.1),
        confidence,
        rule,
        modality: v.modality(evidence.0),
    })
}

/// The head place of the phrase starting at token `i`: "Hubei’s neighboring Henan
/// province" -> Henan (the last place before a region word or the phrase end).
fn head_place(v: &SentenceView<'_>, i: usize) -> Option<(TokMention, usize)> {
    let mut k = i;
    if v.w(k) == "the" {
        k += 1;
    }
    let mut head = None;
    let mut end = k;
    let stop = v.toks.len().min(k + 12);
    while k < stop {
        if let Some(m) = v.mention_starting(k).filter(is_loc) {
            head = Some(m);
            end = m.last;
            k = m.last + 1;
            if v.w(k) == "'s" {
                end = k;
                k += 1;
            }
            continue;
        }
        let w = v.w(k);
        if REGION_WORDS.contains(&w) && head.is_some() {
            end = k;
            break;
        }
        if !is_modifier(w) {
            break;
        }
        k += 1;
    }
    // A head followed by "'s" is a possessor, not the head ("Hubei’s" alone).
    head.filter(|h| v.w(h.last + 1) != "'s").map(|h| (h, end))
}

/// Located-in, capital-of and neighbour-of facts stated in one sentence.
pub fn extract(v: &SentenceView<'_>) -> Vec<Fact> {
    let mut out = Vec::new();
    for a in v.mentions.iter().filter(|m| is_loc(m)) {
        // "<A>'s [central] <B> province": B in A; "<A>'s neighboring <B>": neighbours.
        if v.w(a.last + 1) == "'s" {
            let mut k = a.last + 2;
            let mut neighbouring = false;
            while is_modifier(v.w(k)) {
                neighbouring |= matches!(v.w(k), "neighboring" | "neighbouring");
                k += 1;
            }
            if let Some(b) = v.mention_starting(k).filter(is_loc) {
                if neighbouring {
                    let confidence = match (place_of(v, a), place_of(v, &b)) {
                        (Some(p), Some(q))
                            if p.country_code.is_some()
                                && p.country_code != q.country_code
                                && p.kind == PlaceKind::Region =>
                        {
                            0.5
                        }
                        _ => 0.85,
                    };
                    if a.entity_id != b.entity_id {
                        out.push(Fact {
                            kind: FactKind::NeighborOf,
                            args: vec![arg("place", &b), arg("neighbor", a)],
                            evidence: v.range_span(a.first, b.last),
                            confidence,
                            rule: "<place>'s neighboring <place>",
                            modality: v.modality(a.first),
                        });
                    }
                } else if REGION_WORDS.contains(&v.w(b.last + 1)) {
                    out.extend(located_in(
                        v,
                        &b,
                        a,
                        (a.first, b.last + 1),
                        "<country>'s <region> province",
                        0.85,
                    ));
                }
            }
        }
        // "<A>, <B>..." and "<A>, the capital of <B>"
        if v.w(a.last + 1) == "," {
            let k = a.last + 2;
            if let Some((b, end)) = head_place(v, k) {
                let possessive_region = b.first > k;
                let stated: f32 = if possessive_region { 0.85 } else { 0.0 };
                let list_goes_on = matches!(v.w(b.last + 1), "and" | "or")
                    || (v.w(b.last + 1) == ","
                        && v.mention_starting(b.last + 2).is_some_and(|m| is_loc(&m)));
                let outer_is_area = place_of(v, &b)
                    .is_some_and(|p| matches!(p.kind, PlaceKind::Country | PlaceKind::Region))
                    || REGION_WORDS.contains(&v.w(end));
                if (possessive_region || outer_is_area) && !list_goes_on {
                    let rule = if possessive_region {
                        "<place>, <country>'s <region> province"
                    } else {
                        "<place>, <place>"
                    };
                    if let Some(f) = located_in(v, a, &b, (a.first, end), rule, stated.max(0.6)) {
                        // Without a region word or possessive, only a gazetteer-confirmed pair is kept.
                        if possessive_region
                            || f.confidence > 0.9
                            || REGION_WORDS.contains(&v.w(end))
                        {
                            out.push(f);
                        }
                    }
                }
            }
            let mut c = k;
            if v.w(c) == "the" {
                c += 1;
            }
            if v.w(c) == "capital" {
                capital(v, a, c, &mut out, "<place>, the capital of <place>");
            }
        }
        // "<A> is the capital of <B>"
        if matches!(v.w(a.last + 1), "is" | "was")
            && v.w(a.last + 2) == "the"
            && v.w(a.last + 3) == "capital"
        {
            capital(
                v,
                a,
                a.last + 3,
                &mut out,
                "<place> is the capital of <place>",
            );
        }
        // "<A>'s capital[,] <B>"
        if v.w(a.last + 1) == "'s" && v.w(a.last + 2) == "capital" {
            let mut k = a.last + 3;
            if v.w(k) == "," {
                k += 1;
            }
            if let Some(c) = v.mention_starting(k).filter(is_loc) {
                out.extend(capital_fact(
                    v,
                    &c,
                    a,
                    (a.first, c.last),
                    "<place>'s capital <place>",
                ));
            }
        }
        // "<A> borders <B>"
        if matches!(v.w(a.last + 1), "borders" | "bordering") {
            if let Some(b) = v.mention_starting(a.last + 2).filter(is_loc) {
                if a.entity_id != b.entity_id {
                    out.push(Fact {
                        kind: FactKind::NeighborOf,
                        args: vec![arg("place", a), arg("neighbor", &b)],
                        evidence: v.range_span(a.first, b.last),
                        confidence: 0.8,
                        rule: "<place> borders <place>",
                        modality: v.modality(a.first),
                    });
                }
            }
        }
    }
    out
}

/// "capital [city] of <phrase>" at token `c` ("capital"), for the capital `a`.
fn capital(
    v: &SentenceView<'_>,
    a: &TokMention,
    c: usize,
    out: &mut Vec<Fact>,
    rule: &'static str,
) {
    let mut k = c + 1;
    if v.w(k) == "city" {
        k += 1;
    }
    if v.w(k) != "of" {
        return;
    }
    if let Some((b, end)) = head_place(v, k + 1) {
        out.extend(capital_fact(v, a, &b, (a.first, end), rule));
    }
}

fn capital_fact(
    v: &SentenceView<'_>,
    capital: &TokMention,
    of: &TokMention,
    evidence: (usize, usize),
    rule: &'static str,
) -> Option<Fact> {
    if capital.entity_id == of.entity_id {
        return None;
    }
    let confidence = match gazetteer_contains(place_of(v, capital), place_of(v, of)) {
        Some(false) => return None,
        Some(true) => 0.95,
        None => 0.85,
    };
    Some(Fact {
        kind: FactKind::CapitalOf,
        args: vec![arg("capital", capital), arg("place", of)],
        evidence: v.range_span(evidence.0, evidence.1),
        confidence,
        rule,
        modality: v.modality(evidence.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(kind: PlaceKind, name: &str, country: &str, admin1: Option<&str>) -> Place {
        Place {
            kind,
            name: name.to_string(),
            geonames_id: None,
            iso_code: (kind == PlaceKind::Country).then(|| country.to_string()),
            country_code: Some(country.to_string()),
            admin1: admin1.map(str::to_string),
            lat: None,
            lon: None,
            population: None,
        }
    }

    #[test]
    fn gazetteer_confirms_contradicts_or_cannot_tell() {
        let wuhan = place(PlaceKind::City, "Wuhan", "CN", Some("Hubei"));
        let lyon = place(PlaceKind::City, "Lyon", "FR", Some("Auvergne-Rhône-Alpes"));
        let hubei = place(PlaceKind::Region, "Hubei", "CN", None);
        let henan = place(PlaceKind::Region, "Henan", "CN", None);
        let china = place(PlaceKind::Country, "China", "CN", None);
        let germany = place(PlaceKind::Country, "Germany", "DE", None);
        let paris = place(PlaceKind::City, "Paris", "FR", Some("Île-de-France"));
        let no_admin = place(PlaceKind::City, "Somewhere", "CN", None);
        let table: &[(&Place, &Place, Option<bool>)] = &[
            (&wuhan, &hubei, Some(true)),
            (&wuhan, &henan, Some(false)),
            (&wuhan, &china, Some(true)),
            (&lyon, &germany, Some(false)),
            (&china, &hubei, Some(false)),
            (&china, &paris, Some(false)),
            (&lyon, &paris, None),
            (&no_admin, &hubei, None),
        ];
        for (inner, outer, want) in table {
            assert_eq!(
                gazetteer_contains(Some(inner), Some(outer)),
                *want,
                "{} in {}",
                inner.name,
                outer.name
            );
        }
        assert_eq!(gazetteer_contains(None, Some(&china)), None);
    }
}
