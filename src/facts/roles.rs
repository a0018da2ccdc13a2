//! Roles: a person holds a title at an organisation, and the appointments and departures
//! that change them.
//!
//! Owns the title lexicon and these rules (each rule name is its pattern):
//! - `"<person>, <title> of <org> and <title> of <org>'s <unit>"`: appositions, one role per
//!   conjunct ("Song Xiaojun, vice president of Amazon China and head of ...");
//! - `"<person>, <title> and <title> of <org>"` (both titles at the organisation);
//! - `"<person>, who is <title> of <org>"` and `"<person>, who heads <org>"`;
//! - "of", "at" and "for" all link a title to its organisation ("a spokesman for ...");
//! - `"<org>'s <title> <person>"` and `"<org> <title> <person>"` ("Amazon's CEO Andy Jassy");
//! - `"<place> <title> <person>"` for titles of a place ("U.S. President Donald Trump"), also
//!   `"<nationality> <title> <person>"` for a nationality adjective standing for its country
//!   ("Mexican President Felipe Calderon": the country's entity when the article names it,
//!   else the adjective shown as the country; the entity stage's resolved demonym mention
//!   decides which country, the gazetteer's demonyms serve when it has none), and the
//!   appositions `"the <place> <title>, <person>"` / `"the <nationality> <title>, <person>"`
//!   ("the British Foreign Secretary, Boris Johnson,");
//! - `"<person> was appointed <title> of <org>"` and `"<org> appointed <person> as <title>"`:
//!   a role plus an APPOINTMENT;
//! - `"<person>, the <org> <title>"` ("Louis Gallois, the Airbus chief executive");
//! - "general" after an office noun heads a place's title ("U.S. Attorney General Loretta
//!   Lynch"), and a "then-"/"ex-" before the place makes the role a past one ("then-Texas
//!   Governor Rick Perry"; the tokenizer splits the prefix from the name);
//! - `"<person> resigned as <title> of <org>"` and `"<person> resigned from <org>"` ("is stepping down"):
//!   a DEPARTURE.
//!
//! A title is a run of lowercase title words ending in a title head ("vice president",
//! "chief executive officer", "CEO"). A role that has ended ("former", "ex-", "then-", "the
//! late", before the title or before the organisation or place written before it) is still
//! reported, with a `status` argument (the marker, displayed "former"); a role without one is
//! a present role. Depends on `sentence_view`, the facts types and the entities' gazetteer
//! (demonyms, read through its public lookup).

use super::sentence_view::{SentenceView, TokMention};
use super::{ArgTarget, Fact, FactArg, FactKind, MentionKind};
use crate::entities::gazetteer::{Gazetteer, NameUse, PlaceRecord};
use crate::entities::{EntityKind, PlaceKind};
use crate::span::Span;

/// Words that end a title: these and every political title.
const TITLE_HEADS: &[&str] = &[
    "president",
    "vice-president",
    "chairman",
    "chairwoman",
    "chair",
    "chairperson",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "cmo",
    "director",
    "head",
    "founder",
    "co-founder",
    "cofounder",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "manager",
    "secretary",
    "minister",
    "governor",
    "mayor",
    "editor",
    "economist",
    "analyst",
    "executive",
    "officer",
    "chief",
    "leader",
    "owner",
    "commander",
    "ambassador",
    "treasurer",
    "chancellor",
    "dean",
    "professor",
    "partner",
    "secretary-general",
];

/// Title heads that belong to a place rather than an organisation. The abbreviations are the
/// ones US news prints before a name ("Missouri Sen. Claire McCaskill").
const POLITICAL_TITLES: &[&str] = &[
    "president",
    "minister",
    "governor",
    "mayor",
    "ambassador",
    "chancellor",
    "premier",
    "senator",
    "sen.",
    "gov.",
    "rep.",
    "representative",
    "congressman",
    "congresswoman",
];

fn is_title_head(w: &str) -> bool {
    TITLE_HEADS.contains(&w) || POLITICAL_TITLES.contains(&w)
}

/// Office nouns that "general" follows as the title's head ("Attorney General", "Surgeon
/// General", "Solicitor General", "Inspector General").
const GENERAL_OFFICES: &[&str] = &["attorney", "surgeon", "solicitor", "inspector"];

/// Words that may come before a title head inside a title.
const TITLE_MODIFIERS: &[&str] = &[
    "vice",
    "deputy",
    "senior",
    "executive",
    "chief",
    "general",
    "managing",
    "regional",
    "global",
    "acting",
    "interim",
    "co",
    "assistant",
    "associate",
    "operating",
    "financial",
    "technology",
    "marketing",
    "country",
    "foreign",
    "prime",
    "finance",
    "defence",
    "defense",
    "interior",
    "board",
    "founding",
    "group",
    "joint",
    "research",
    "sales",
    "chief-",
];

/// Last words of organisation names ("Association", "Movement"), lowercased.
const ORG_NAME_ENDS: &[&str] = &[
    "association",
    "institute",
    "institution",
    "foundation",
    "movement",
    "committee",
    "council",
    "commission",
    "union",
    "party",
    "center",
    "centre",
    "society",
    "federation",
    "fund",
    "league",
    "coalition",
    "alliance",
    "network",
    "project",
    "university",
    "college",
    "organization",
    "organisation",
];

/// Confidence per rule: appositions and possessive titles are rarely wrong once the person
/// and organisation are tagged; "who heads" and appointments a little less.
const APPOSITION: f32 = 0.9;
const POSSESSIVE: f32 = 0.85;
const WHO_HEADS: f32 = 0.8;
const APPOINTED: f32 = 0.85;

/// Words just before a title (or before the organisation or place of a title) saying the
/// role has ended: "former", and "late" (the holder has died: "the late President Kennedy").
/// "then-" and "ex-" are tokens of their own before a capitalised word ("then-U.S. President").
const PAST_WORDS: &[&str] = &["former", "late", "then-", "ex-"];

/// Prefixes glued to the first word of a title with the same meaning: "ex-CEO",
/// "then-President" (the office held at the time told of, no longer).
const PAST_PREFIXES: &[&str] = &["ex-", "then-"];

/// What every past-role marker is reported as (the `status` argument's display): clients
/// tell past from present roles by this one word, whatever the article wrote.
const FORMER: &str = "former";

/// The lowercased word at token `k` without a glued past prefix ("ex-ceo" -> "ceo").
fn without_past_prefix<'v>(v: &'v SentenceView<'_>, k: usize) -> &'v str {
    let w = v.w(k);
    PAST_PREFIXES
        .iter()
        .find_map(|p| w.strip_prefix(p))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(w)
}

/// The span of a past-prefix glued to token `k` ("ex" of "ex-CEO", hyphen left out).
fn past_prefix_span(v: &SentenceView<'_>, k: usize) -> Option<Span> {
    let w = v.w(k);
    let p = PAST_PREFIXES
        .iter()
        .find(|p| w.len() > p.len() && w.starts_with(**p))?;
    let t = v.tspan(k);
    let start = t.start as usize;
    let end = start + p.len() - 1;
    // Lowercasing keeps these ASCII prefixes at the same bytes; check before slicing.
    v.input
        .text
        .get(start..end)
        .filter(|s| s.eq_ignore_ascii_case(p.trim_end_matches('-')))
        .map(|_| Span::new(start, end))
}

/// The marker saying that a role whose title starts at `title_first` has ended: a glued
/// prefix ("ex-CEO"), or "former"/"late" just before the title, or just before `holder_first`
/// (the organisation or place written before the title: "former U.S. President ...").
fn past_status(
    v: &SentenceView<'_>,
    title_first: usize,
    holder_first: Option<usize>,
) -> Option<Span> {
    if let Some(s) = past_prefix_span(v, title_first) {
        return Some(s);
    }
    [Some(title_first), holder_first]
        .into_iter()
        .flatten()
        .filter_map(|k| k.checked_sub(1))
        .find(|&k| PAST_WORDS.contains(&v.w(k)))
        .map(|k| v.tspan(k))
}

/// The title starting at token `i` (after an optional "the"/"a"/"its" and an optional past
/// marker "former"/"late", which [`past_status`] reports): `(first, last)`. The first word may
/// carry a glued "ex-"/"then-". `None` when the run does not end in a title head.
fn title_at(v: &SentenceView<'_>, i: usize) -> Option<(usize, usize)> {
    let mut k = i;
    if matches!(v.w(k), "the" | "a" | "an" | "its" | "their" | "his" | "her") {
        k += 1;
    }
    if PAST_WORDS.contains(&v.w(k)) {
        k += 1;
    }
    let first = k;
    let mut last_head = None;
    while k < v.toks.len().min(first + 8) && v.mention_starting(k).is_none() {
        let w = if k == first {
            without_past_prefix(v, k)
        } else {
            v.w(k)
        };
        // "attorney general", "surgeon general": "general" after an office noun is the head.
        let general_head = w == "general"
            && k > first
            && GENERAL_OFFICES.contains(&v.w(k - 1))
            && last_head.is_none();
        if is_title_head(w) || general_head {
            last_head = Some(k);
        } else if !TITLE_MODIFIERS.contains(&w) && !GENERAL_OFFICES.contains(&w) {
            break;
        }
        k += 1;
    }
    let last = last_head?;
    // A run like "chief" alone after "general" is fine; one that ends before a lowercase
    // noun ("head office") is not a title.
    let next = v.w(last + 1);
    if next.chars().next().is_some_and(|c| c.is_alphabetic())
        && !matches!(
            next,
            "of" | "at" | "for" | "and" | "with" | "in" | "'s" | "to"
        )
        && v.mention_starting(last + 1).is_none()
    {
        return None;
    }
    Some((first, last))
}

/// The span of a title's words, without a glued past prefix ("CEO" of "ex-CEO").
fn title_span(v: &SentenceView<'_>, title: (usize, usize)) -> Span {
    let all = v.range_span(title.0, title.1);
    match past_prefix_span(v, title.0) {
        // The prefix span stops before the hyphen: the title starts after it.
        Some(p) if (p.end as usize) < all.end as usize => {
            Span::new(p.end as usize + 1, all.end as usize)
        }
        _ => all,
    }
}

fn is_org(m: &TokMention) -> bool {
    matches!(m.kind, MentionKind::Org)
}

fn is_org_or_place(m: &TokMention) -> bool {
    matches!(m.kind, MentionKind::Org | MentionKind::Loc)
}

/// A ROLE fact; the arguments are the parts each rule has already found.
#[allow(clippy::too_many_arguments)]
fn role(
    v: &SentenceView<'_>,
    person: &TokMention,
    title: (usize, usize),
    org: &TokMention,
    unit: Option<(usize, usize)>,
    evidence_last: usize,
    rule: &'static str,
    confidence: f32,
) -> Fact {
    let mut args = vec![
        FactArg {
            role: "person",
            target: ArgTarget::Entity(person.entity_id),
        },
        FactArg {
            role: "title",
            target: ArgTarget::Text(title_span(v, title)),
        },
        FactArg {
            role: "organization",
            target: ArgTarget::Entity(org.entity_id),
        },
    ];
    // "the Cleveland Police Patrolmen's Association": a capitalised "unit" ending in an
    // organisation word is the rest of the organisation's name, which the tagger cut short.
    let unit = match unit {
        Some((a, b))
            if (a..=b).all(|k| starts_capitalised(v, k)) && ORG_NAME_ENDS.contains(&v.w(b)) =>
        {
            if let Some(arg) = args.last_mut() {
                arg.target = ArgTarget::Text(v.range_span(org.first, b));
            }
            None
        }
        u => u,
    };
    if let Some((a, b)) = unit {
        args.push(FactArg {
            role: "unit",
            target: ArgTarget::Text(v.range_span(a, b)),
        });
    }
    // A past marker before the title, or before an organisation written before it.
    let status = past_status(v, title.0, (org.first < title.0).then_some(org.first));
    if let Some(s) = status {
        args.push(FactArg {
            role: "status",
            target: ArgTarget::Named(s, FORMER),
        });
    }
    let first = person.first.min(title.0).min(org.first);
    let mut evidence = v.range_span(first, evidence_last);
    if let Some(s) = status.filter(|s| s.start < evidence.start) {
        evidence = s.cover(evidence);
    }
    Fact {
        kind: FactKind::Role,
        args,
        evidence,
        confidence,
        rule,
        modality: v.modality(first),
    }
}

/// After an organisation ending at `org_last`: "'s <unit words>" ("Amazon Global Selling’s
/// Chinese merchant expansion") -> the unit's tokens, and the last token consumed.
fn unit_after(v: &SentenceView<'_>, org_last: usize) -> (Option<(usize, usize)>, usize) {
    let poss = if v.w(org_last + 1) == "'s" {
        org_last + 1
    } else if v.w(org_last).ends_with("'s") {
        org_last
    } else {
        return (None, org_last);
    };
    let first = poss + 1;
    let mut k = first;
    while k < v.toks.len().min(first + 8)
        && v.w(k).chars().all(|c| c.is_alphanumeric() || c == '-')
        && !matches!(v.w(k), "and" | "said" | "says" | "who" | "which")
    {
        k += 1;
    }
    if k > first {
        (Some((first, k - 1)), k - 1)
    } else {
        (None, poss)
    }
}

/// "<title> of|at <org>['s <unit>]" starting at token `i`: (title, org, unit, last token).
fn title_of_org(v: &SentenceView<'_>, i: usize) -> Option<TitleOfOrg> {
    let Some(title) = title_at(v, i) else {
        return title_inside_org_mention(v, i);
    };
    if !matches!(v.w(title.1 + 1), "of" | "at" | "for") {
        return None;
    }
    let mut k = title.1 + 2;
    if v.w(k) == "the" {
        k += 1;
    }
    let org = v.mention_starting(k).filter(is_org_or_place)?;
    // A capitalised word right after the mention continues a longer name the tagger cut
    // short ("president of the United States Hispanic Chamber of Commerce"): not this one.
    if starts_capitalised(v, org.last + 1) || modifies_a_noun(v, org.last + 1) {
        return None;
    }
    let (unit, last) = unit_after(v, org.last);
    Some((title, org, unit, last))
}

/// Whether token `k`, right after an organisation or place, is a lowercase word that makes
/// the name a mere modifier of a longer noun phrase ("the Indiana state firefighters
/// union"): any word but the function words and verbs that may follow a name.
fn modifies_a_noun(v: &SentenceView<'_>, k: usize) -> bool {
    const MAY_FOLLOW: &[&str] = &[
        "and",
        "or",
        "but",
        "nor",
        "in",
        "on",
        "at",
        "for",
        "of",
        "from",
        "to",
        "with",
        "by",
        "since",
        "until",
        "till",
        "who",
        "whom",
        "whose",
        "which",
        "that",
        "as",
        "when",
        "where",
        "while",
        "after",
        "before",
        "during",
        "about",
        "over",
        "than",
        "because",
        "said",
        "says",
        "say",
        "told",
        "tells",
        "is",
        "was",
        "are",
        "were",
        "has",
        "had",
        "have",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "should",
        "must",
        "does",
        "did",
        "added",
        "adds",
        "wrote",
        "writes",
        "noted",
        "notes",
        "argued",
        "argues",
        "explained",
        "explains",
        "announced",
        "announces",
        "also",
        "then",
        "now",
        "today",
        "yesterday",
        "himself",
        "herself",
        "itself",
        "here",
        "there",
        "again",
        "too",
        "both",
        "either",
    ];
    let w = v.w(k);
    !starts_capitalised(v, k)
        && w.chars().next().is_some_and(char::is_alphabetic)
        && !MAY_FOLLOW.contains(&w)
}

/// Whether token `k` is a word starting with a capital letter.
fn starts_capitalised(v: &SentenceView<'_>, k: usize) -> bool {
    v.toks.get(k).is_some_and(|t| {
        t.span
            .slice(v.input.text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    })
}

/// A title linked to its organisation: (title tokens, organisation, unit tokens after the
/// organisation's "'s", last token used).
type TitleOfOrg = ((usize, usize), TokMention, Option<(usize, usize)>, usize);

/// The tagger sometimes swallows a capitalised title into the organisation ("Chief Operating
/// Officer of AirTran Airways" as one organisation): split such a mention at "of"/"at"/"for"
/// and take the organisation from the entity whose name is the rest ("AirTran Airways").
fn title_inside_org_mention(v: &SentenceView<'_>, i: usize) -> Option<TitleOfOrg> {
    let m = v.mention_starting(i).filter(is_org)?;
    let prep = (i + 1..m.last.min(i + 8)).find(|k| matches!(v.w(*k), "of" | "at" | "for"))?;
    let title_last = prep.checked_sub(1)?;
    if !is_title_head(v.w(title_last))
        || !(i..title_last).all(|k| TITLE_MODIFIERS.contains(&v.w(k)) || is_title_head(v.w(k)))
    {
        return None;
    }
    let rest = v.range_span(prep + 1, m.last).slice(v.input.text);
    let org = super::entity(v.input.entities, *v.org_names.get(rest)?)?;
    let org_mention = TokMention {
        first: prep + 1,
        last: m.last,
        entity_id: org.id,
        kind: MentionKind::Org,
    };
    let (unit, last) = unit_after(v, m.last);
    Some(((i, title_last), org_mention, unit, last))
}

/// Roles, appointments and departures stated in one sentence.
pub fn extract(v: &SentenceView<'_>) -> Vec<Fact> {
    let mut out = Vec::new();
    for person in v.mentions.iter().filter(|m| m.kind == MentionKind::Person) {
        let after = person.last + 1;
        // "<person>, <title> of <org> [and <title> of <org>]*"
        if v.w(after) == "," {
            let mut k = after + 1;
            let mut who_is = false;
            if v.w(k) == "who" && matches!(v.w(k + 1), "is" | "was" | "serves") {
                who_is = true;
                k += 2;
                if v.w(k) == "as" {
                    k += 1;
                }
            }
            let rule = if who_is {
                "<person>, who is <title> of <org>"
            } else {
                "<person>, <title> of <org> and <title> of <org>'s <unit>"
            };
            // "<person>, Chairman and Chief Operating Officer of <org>": the first title
            // shares the second's organisation.
            if let Some(first_title) = title_at(v, k).filter(|t| v.w(t.1 + 1) == "and") {
                if let Some((title, org, unit, last)) = title_of_org(v, first_title.1 + 2) {
                    out.push(role(
                        v,
                        person,
                        first_title,
                        &org,
                        unit,
                        last,
                        "<person>, <title> and <title> of <org>",
                        APPOSITION,
                    ));
                    out.push(role(
                        v,
                        person,
                        title,
                        &org,
                        unit,
                        last,
                        "<person>, <title> and <title> of <org>",
                        APPOSITION,
                    ));
                }
            }
            while let Some((title, org, unit, last)) = title_of_org(v, k) {
                out.push(role(v, person, title, &org, unit, last, rule, APPOSITION));
                if v.w(last + 1) == "and"
                    || (v.w(last + 1) == "," && title_at(v, last + 2).is_some())
                {
                    k = last + 2;
                } else {
                    break;
                }
            }
            // "<person>, the <org> <title>" ("Louis Gallois, the Airbus chief executive")
            if v.w(after + 1) == "the" {
                if let Some(org) = v.mention_starting(after + 2).filter(is_org) {
                    if let Some(title) = title_at(v, org.last + 1) {
                        if !matches!(v.w(title.1 + 1), "of" | "at" | "for") {
                            out.push(role(
                                v,
                                person,
                                title,
                                &org,
                                None,
                                title.1,
                                "<person>, the <org> <title>",
                                APPOSITION,
                            ));
                        }
                    }
                }
            }
            // "<person>, who heads <org>"
            if v.w(after + 1) == "who"
                && matches!(
                    v.w(after + 2),
                    "heads" | "headed" | "leads" | "led" | "runs" | "ran" | "chairs" | "founded"
                )
            {
                if let Some(org) = v.mention_starting(after + 3).filter(is_org) {
                    out.push(role(
                        v,
                        person,
                        (after + 2, after + 2),
                        &org,
                        None,
                        org.last,
                        "<person>, who heads <org>",
                        WHO_HEADS,
                    ));
                }
            }
        }
        // "<person> was appointed <title> of <org>"
        let mut k = after;
        if matches!(v.w(k), "was" | "is" | "has" | "had" | "have" | "were") {
            k += 1;
            if v.w(k) == "been" {
                k += 1;
            }
            if matches!(v.w(k), "appointed" | "named" | "elected" | "promoted") {
                let verb = k;
                let mut t = k + 1;
                if matches!(v.w(t), "as" | "to") {
                    t += 1;
                }
                if let Some((title, org, unit, last)) = title_of_org(v, t) {
                    let f = role(
                        v,
                        person,
                        title,
                        &org,
                        unit,
                        last,
                        "<person> was appointed <title> of <org>",
                        APPOINTED,
                    );
                    out.push(appointment(
                        v,
                        &f,
                        verb,
                        "<person> was appointed <title> of <org>",
                    ));
                    out.push(f);
                }
            }
            // "<person> resigned as <title> of <org>"
        }
        // "<person> is stepping down [from <org>]", "<person> resigned [from <org>]"
        let mut d = after;
        if matches!(v.w(d), "is" | "has" | "had" | "was") {
            d += 1;
        }
        let plain_departure = matches!(v.w(d), "resigned" | "resigns" | "resigning")
            || (matches!(v.w(d), "stepped" | "steps" | "stepping") && v.w(d + 1) == "down");
        if plain_departure && v.w(if v.w(d + 1) == "down" { d + 2 } else { d + 1 }) != "as" {
            let next = if v.w(d + 1) == "down" { d + 2 } else { d + 1 };
            let mut args = vec![FactArg {
                role: "person",
                target: ArgTarget::Entity(person.entity_id),
            }];
            let mut last = next - 1;
            if v.w(next) == "from" {
                let mut o = next + 1;
                if v.w(o) == "the" {
                    o += 1;
                }
                if let Some(org) = v.mention_starting(o).filter(is_org) {
                    args.push(FactArg {
                        role: "organization",
                        target: ArgTarget::Entity(org.entity_id),
                    });
                    last = org.last;
                }
            }
            if let Some(t) = v.clause_date(d) {
                args.push(FactArg {
                    role: "time",
                    target: ArgTarget::Value(t.index),
                });
            }
            out.push(Fact {
                kind: FactKind::Departure,
                args,
                evidence: v.range_span(person.first, last),
                confidence: WHO_HEADS,
                rule: "<person> resigned from <org>",
                modality: v.modality(d),
            });
        }
        if matches!(v.w(after), "resigned" | "quit" | "retired")
            || (matches!(v.w(after), "stepped" | "steps" | "will") && v.w(after + 1) == "down")
        {
            let verb = after;
            let mut t = after + 1;
            if v.w(t) == "down" {
                t += 1;
            }
            if v.w(t) == "as" {
                if let Some((title, org, unit, last)) = title_of_org(v, t + 1) {
                    let mut f = role(
                        v,
                        person,
                        title,
                        &org,
                        unit,
                        last,
                        "<person> resigned as <title> of <org>",
                        APPOINTED,
                    );
                    f.kind = FactKind::Departure;
                    f.args.push(FactArg {
                        role: "event",
                        target: ArgTarget::Text(v.tspan(verb)),
                    });
                    if let Some(t) = v.clause_date(verb) {
                        f.args.push(FactArg {
                            role: "time",
                            target: ArgTarget::Value(t.index),
                        });
                    }
                    f.modality = v.modality(verb);
                    out.push(f);
                }
            }
        }
    }
    // "<org>'s <title> <person>" and "<org> <title> <person>"
    for org in v.mentions.iter().filter(|m| is_org(m)) {
        // A capitalised word before the mention begins a longer name the tagger cut short
        // ("Republican National Committee spokesman": not "Committee"'s spokesman).
        if org.first.checked_sub(1).is_some_and(|b| {
            starts_capitalised(v, b) && !matches!(v.w(b), "the" | "a" | "an" | "former" | "late")
        }) {
            continue;
        }
        let (mut k, rule) = if v.w(org.last + 1) == "'s" {
            (org.last + 2, "<org>'s <title> <person>")
        } else if v.w(org.last).ends_with("'s") {
            (org.last + 1, "<org>'s <title> <person>")
        } else {
            (org.last + 1, "<org> <title> <person>")
        };
        let Some(title) = title_at(v, k) else {
            continue;
        };
        k = title.1 + 1;
        if let Some(person) = v
            .mention_starting(k)
            .filter(|m| m.kind == MentionKind::Person)
        {
            out.push(role(
                v,
                &person,
                title,
                org,
                None,
                person.last,
                rule,
                POSSESSIVE,
            ));
        }
        // "<org> appointed <person> as <title>"
    }
    // "<place> <political title> <person>" ("U.S. President Donald Trump"): a country or
    // city's office; only titles that belong to a place. A nationality adjective stands for
    // its country ("Mexican President Felipe Calderon").
    for place in v.mentions.iter().filter(|m| m.kind == MentionKind::Loc) {
        if demonym_at(v, place.first).is_some_and(|(last, _)| last == place.last) {
            continue; // left to the nationality loop below
        }
        place_roles(
            v,
            place,
            ArgTarget::Entity(place.entity_id),
            false,
            &mut out,
        );
    }
    for k in 0..v.toks.len() {
        let Some((last, country)) = demonym_at(v, k) else {
            continue;
        };
        if title_at(v, last + 1).is_none_or(|t| t.0 != last + 1) {
            continue;
        }
        // Part of a longer name ("American Airlines", "the British Museum"): not a country.
        // Mentions are sorted by first token; names longer than 8 tokens are not looked at.
        let from = v.mentions.partition_point(|m| m.first + 8 < k);
        let to = v.mentions.partition_point(|m| m.first <= last);
        if v.mentions
            .get(from..to)
            .unwrap_or(&[])
            .iter()
            .any(|m| k <= m.last && (m.first, m.last) != (k, last))
        {
            continue;
        }
        let holder = TokMention {
            first: k,
            last,
            entity_id: 0,
            kind: MentionKind::Loc,
        };
        place_roles(
            v,
            &holder,
            country_target(v, k, last, country),
            true,
            &mut out,
        );
    }
    // "<political title> <person> of <place>" ("Sen. Ted Cruz of Texas", "Gov. Chris
    // Christie of New Jersey"): the office belongs to the place after the name.
    for person in v.mentions.iter().filter(|m| m.kind == MentionKind::Person) {
        if v.w(person.last + 1) != "of" {
            continue;
        }
        let Some(place) = v
            .mention_starting(person.last + 2)
            .filter(|m| m.kind == MentionKind::Loc)
        else {
            continue;
        };
        // The title ends right before the name; it starts at most three words earlier.
        let Some(title) = (person.first.saturating_sub(4)..person.first)
            .filter_map(|k| title_at(v, k).filter(|t| t.0 == k && t.1 + 1 == person.first))
            .next()
        else {
            continue;
        };
        // "Missouri Sen. X" already gave the place before the title.
        if !is_place_title(v, title)
            || title
                .0
                .checked_sub(1)
                .and_then(|b| v.mention_ending(b))
                .is_some_and(|m| m.kind == MentionKind::Loc)
        {
            continue;
        }
        out.push(role(
            v,
            person,
            title,
            &place,
            None,
            place.last,
            "<title> <person> of <place>",
            POSSESSIVE,
        ));
    }
    for org in v.mentions.iter().filter(|m| is_org(m)) {
        let verb = org.last + 1;
        if !matches!(v.w(verb), "appointed" | "named" | "hired" | "promoted") {
            continue;
        }
        let Some(person) = v
            .mention_starting(verb + 1)
            .filter(|m| m.kind == MentionKind::Person)
        else {
            continue;
        };
        let mut t = person.last + 1;
        if matches!(v.w(t), "as" | "to") {
            t += 1;
        } else {
            continue;
        }
        if matches!(v.w(t), "former") {
            continue;
        }
        if let Some(title) = title_at(v, t) {
            let f = role(
                v,
                &person,
                title,
                org,
                None,
                title.1,
                "<org> appointed <person> as <title>",
                APPOINTED,
            );
            out.push(appointment(
                v,
                &f,
                verb,
                "<org> appointed <person> as <title>",
            ));
            out.push(f);
        }
    }
    out
}

/// Whether a title belongs to a place (a country's or a city's office): the political heads,
/// "leader", and a qualified "secretary" ("Foreign Secretary", not a club's secretary).
fn is_place_title(v: &SentenceView<'_>, title: (usize, usize)) -> bool {
    let head = if title.0 == title.1 {
        without_past_prefix(v, title.1)
    } else {
        v.w(title.1)
    };
    POLITICAL_TITLES.contains(&head)
        || head == "leader"
        || (head == "secretary" && title.0 < title.1)
        || (head == "general" && title.0 < title.1)
}

/// The roles of a place's office whose holder is written at `holder` (a place mention or a
/// nationality adjective), its argument being `target`:
/// `"<place> <title> <person>"` ("U.S. President Donald Trump") and the apposition
/// `"the <place> <title>, <person>,"` ("the British Foreign Secretary, Boris Johnson, said").
fn place_roles(
    v: &SentenceView<'_>,
    holder: &TokMention,
    target: ArgTarget,
    nationality: bool,
    out: &mut Vec<Fact>,
) {
    let k = holder.last + 1;
    let Some(title) = title_at(v, k).filter(|t| t.0 == k && is_place_title(v, *t)) else {
        return;
    };
    let person_at = |i: usize| {
        v.mention_starting(i)
            .filter(|m| m.kind == MentionKind::Person)
    };
    let mut push = |person: &TokMention, rule: &'static str| {
        let mut f = role(
            v,
            person,
            title,
            holder,
            None,
            person.last,
            rule,
            POSSESSIVE,
        );
        if let Some(a) = f.args.iter_mut().find(|a| a.role == "organization") {
            a.target = target;
        }
        out.push(f);
    };
    if let Some(person) = person_at(title.1 + 1) {
        push(
            &person,
            if nationality {
                "<nationality> <title> <person>"
            } else {
                "<place> <title> <person>"
            },
        );
    }
    // The apposition must be closed after the name, and the phrase must not be a comparison
    // ("Like the German chancellor, Obama said ...").
    let before = holder
        .first
        .checked_sub(usize::from(PAST_WORDS.contains(&v.at(holder.first, -1))) + 1)
        .map_or("", |b| v.w(b));
    if before == "the"
        && !matches!(v.at(holder.first, -2), "like" | "unlike" | "than")
        && v.w(title.1 + 1) == ","
    {
        if let Some(person) =
            person_at(title.1 + 2).filter(|p| matches!(v.w(p.last + 1), "" | "," | "." | ";" | ")"))
        {
            push(
                &person,
                if nationality {
                    "the <nationality> <title>, <person>"
                } else {
                    "the <place> <title>, <person>"
                },
            );
        }
    }
}

/// The country a nationality adjective stands for: its ISO code and the gazetteer's name
/// (none when the gazetteer does not know the country by that code).
#[derive(Clone, Copy, Debug)]
struct Nationality<'a> {
    iso_code: Option<&'a str>,
    name: Option<&'static str>,
}

/// A nationality adjective at token `k` ("Mexican", "South Korean"): its last token and the
/// country. The entity stage's reading comes first: a demonym mention it resolved to a
/// country gives that country, and one it resolved to another kind of place gives none, so
/// roles and entities agree. A word the entity stage did not read as a demonym is looked up
/// in the gazetteer, where it must name exactly one country.
fn demonym_at<'a>(v: &SentenceView<'a>, k: usize) -> Option<(usize, Nationality<'a>)> {
    let first = v.toks.get(k)?;
    if !first
        .span
        .slice(v.input.text)
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
    {
        return None;
    }
    if let Some(m) = v.mention_starting(k).filter(|m| m.last <= k + 1) {
        let span = v.range_span(m.first, m.last);
        let entity = v.input.entities.iter().find(|e| e.id == m.entity_id);
        let resolved = entity.filter(|e| {
            e.mentions
                .iter()
                .any(|x| x.span == span && x.kind == crate::entities::MentionKind::Demonym)
        });
        if let Some(e) = resolved {
            let place = e.place.as_ref()?;
            if place.kind != PlaceKind::Country {
                return None;
            }
            let iso_code = place.iso_code.as_deref();
            // The gazetteer's own record of that country gives the name to show.
            let name = Gazetteer::embedded().ok().and_then(|gaz| {
                let (_, candidates) = gaz.lookup(&place.name)?;
                candidates
                    .iter()
                    .filter_map(|&c| gaz.place(c))
                    .find(|p| p.kind == PlaceKind::Country && p.iso_code.as_deref() == iso_code)
                    .map(|p| p.name.as_str())
            });
            return Some((m.last, Nationality { iso_code, name }));
        }
    }
    let gaz = Gazetteer::embedded().ok()?;
    for last in [k + 1, k] {
        if last >= v.toks.len() {
            continue;
        }
        let Some((NameUse::Demonym, candidates)) =
            gaz.lookup(v.range_span(k, last).slice(v.input.text))
        else {
            continue;
        };
        let mut countries = candidates
            .iter()
            .filter_map(|&c| gaz.place(c))
            .filter(|p| p.kind == PlaceKind::Country);
        if let (Some(one), None) = (countries.next(), countries.next()) {
            return Some((last, gazetteer_nationality(one)));
        }
    }
    None
}

fn gazetteer_nationality(p: &'static PlaceRecord) -> Nationality<'static> {
    Nationality {
        iso_code: p.iso_code.as_deref(),
        name: Some(p.name.as_str()),
    }
}

/// The argument for the country of a nationality adjective at tokens `first..=last`: the
/// article's entity for that country when it has one (the most salient), else the adjective
/// shown as the country's name.
fn country_target(
    v: &SentenceView<'_>,
    first: usize,
    last: usize,
    country: Nationality<'_>,
) -> ArgTarget {
    let same = |p: &crate::entities::Place| {
        p.kind == PlaceKind::Country
            && p.iso_code.is_some()
            && p.iso_code.as_deref() == country.iso_code
    };
    v.input
        .entities
        .iter()
        .find(|e| e.kind == EntityKind::Location && e.place.as_ref().is_some_and(same))
        .map_or_else(
            || match country.name {
                Some(name) => ArgTarget::Named(v.range_span(first, last), name),
                None => ArgTarget::Text(v.range_span(first, last)),
            },
            |e| ArgTarget::Entity(e.id),
        )
}

/// The APPOINTMENT event behind a role: same arguments plus the time of the clause.
fn appointment(v: &SentenceView<'_>, role: &Fact, verb: usize, rule: &'static str) -> Fact {
    let mut f = role.clone();
    f.kind = FactKind::Appointment;
    f.rule = rule;
    if let Some(t) = v.clause_date(verb) {
        f.args.push(FactArg {
            role: "time",
            target: ArgTarget::Value(t.index),
        });
    }
    f.modality = v.modality(verb);
    f
}
