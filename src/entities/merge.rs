//! The one merge policy of tagger and gazetteer output, per sentence, over token indices.
//! Owns `merge_sentence` and `MergedSpan`. Depends on `conll` and `gazetteer`.
//!
//! Policy (applied in this order):
//! 0. Before anything else, the tagger's pieces of a name are put right: a person's span
//!    is cut at "and" ("Mr. Gable and Jimmy Stewart" is two people); initials join the
//!    name after them ("E." + "J. Fleming" -> "E. J. Fleming"); a lone given name
//!    coordinated with a full name is a person ("Ethan and Joel Coen").
//! 1. The tagger's spans are the base, after these repairs: a span is cut before an inner
//!    possessive token ("Amazon Global Selling ’s Chinese" -> "Amazon Global Selling"),
//!    a span is cut after an inner lower-case word that is not a name connector
//!    ("International e-commerce giant Amazon Global Selling" -> "Amazon Global Selling";
//!    "Bank of America" stays whole), and a span whose last token has no upper-case letter
//!    is dropped ("International e-commerce"): names end in a capitalised word (after a
//!    person's title the span is cut back instead: "Mr. Mannix reported" -> "Mannix"). A
//!    one-word span at the start of a sentence is dropped when unlabeled text shows the
//!    word is usually written in lower case ("International", "Officials"); in a
//!    title-case sentence (a headline) the same holds anywhere for words almost never
//!    capitalised ("Software", "Terminal"). One-word spans that are common acronyms of
//!    units, currencies or job titles ("CEO", "USD", "GHz") are dropped.
//!    A quoted title-case phrase ("''Hail, Caesar!''") is one MISC title in place of the
//!    names found in its words.
//! 2. Longest span wins. A gazetteer match that strictly contains tagger spans (and crosses
//!    no other tagger span) replaces them when it is a place name with a generic word
//!    ("Hubei province") or when every contained tagger span is a LOC; the result is LOC.
//!    A gazetteer match strictly inside a longer tagger span ("China" in "Amazon China")
//!    is dropped: the tagger's longer span wins.
//! 3. On an identical span the tagger's type wins; the gazetteer only contributes its
//!    place candidates (to LOC spans, and to MISC spans for demonyms such as "Chinese"),
//!    except that a name of two or more words that is a continent or world region
//!    ("Central Europe") or a city named with a settlement word ("Culver City") is a LOC.
//! 4. A gazetteer match overlapping no tagger span is added only when it is precise
//!    enough: a country, first-level region, continent or a city of >= 100,000 people
//!    named with an upper-case initial (LOC), or a demonym (MISC); never in an all-caps
//!    headline, where gazetteer hits are too noisy.
//! 5. A match partially crossing a tagger span is dropped (the tagger's boundaries win).
//!    Clause words the tagger swept in at a span's start ("When Mexico" -> "Mexico") and a
//!    weekday at its end ("CNBC Saturday" -> "CNBC") are cut off. A one-word all-caps span
//!    outside a headline whose word is almost never capitalised in running text is
//!    shouting, not a name ("MAKE AMERICA GREAT": "MAKE", "GREAT" dropped).
//! 6. Titles: leading title words ("President", "Ambassador", "Dr.") are cut from a span
//!    and what remains is a PERSON ("Ambassador Mohib" -> "Mohib").
//! 7. Organisation heads: a name of two or more words ending in a word that only heads
//!    organisations ("Brookings Institution", "Washington Institute", "Labour Party") is an
//!    ORGANIZATION whatever the tagger said.
//! 8. Apposition: a span followed by ", <job title>" ("Song Xiaojun, vice president of
//!    ...", "Jobs, chief executive") is a PERSON whatever the tagger or gazetteer said.

use super::conll::{NerType, TokenEntity};
use super::gazetteer::{Gazetteer, GazetteerMatch, NameUse, PlaceKind};

/// A merged entity span over token indices of one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct MergedSpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Entity type.
    pub ty: NerType,
    /// Gazetteer match whose candidates describe this span, if any.
    pub gazetteer: Option<GazetteerMatch>,
}

/// What unlabeled text and the name lists say about one token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordLex {
    /// How often the word is capitalised mid-sentence in unlabeled text (0 unknown,
    /// 1 almost never, 2 rarely, 3 often, 4 almost always).
    pub cap: u8,
    /// A common given name (US Census first-name rank <= 1,000).
    pub first_name: bool,
}

/// Lower-case words that may sit inside a name ("Bank of America", "Ludwig van Beethoven").
const NAME_CONNECTORS: &[&str] = &[
    "of", "and", "for", "the", "de", "del", "della", "der", "den", "van", "von", "da", "du", "la",
    "le", "al", "bin", "on", "upon", "y", "&", "-", "'n'", "und", "et", "in", "at", "to",
];

fn is_lowercase_word(w: &str) -> bool {
    w.chars().any(char::is_alphabetic)
        && !w.chars().any(char::is_uppercase)
        && !NAME_CONNECTORS.contains(&w)
        && !is_possessive(w)
}

/// A possessive clitic token.
pub fn is_possessive(tok: &str) -> bool {
    matches!(tok, "'s" | "’s" | "'" | "’" | "'S" | "’S")
}

fn precise_alone(g: &Gazetteer, m: &GazetteerMatch) -> bool {
    if m.name_use == NameUse::Demonym {
        return true;
    }
    m.candidates.iter().any(|&c| {
        g.place(c).is_some_and(|p| match p.kind {
            PlaceKind::Country | PlaceKind::Continent => true,
            PlaceKind::Region => m.has_generic || p.name.len() >= 4,
            PlaceKind::City => p.population.unwrap_or(0) >= 100_000,
        })
    })
}

/// Merges tagger entities and gazetteer matches of one sentence under the policy above.
/// `headline` says the sentence is mostly upper case. Output is sorted by start token.
/// `lex[i]` describes token i's word (capitalisation prior, given name).
pub fn merge_sentence<S: AsRef<str>>(
    words: &[S],
    lex: &[WordLex],
    tagged: &[TokenEntity],
    matches: &[GazetteerMatch],
    gazetteer: &Gazetteer,
    headline: bool,
) -> Vec<MergedSpan> {
    let word = |i: usize| words.get(i).map(|w| w.as_ref()).unwrap_or("");
    let title_case = is_title_case(words);
    let mut out: Vec<MergedSpan> = Vec::new();
    let tagged = split_coordinated_names(tagged, &word);
    let tagged = join_initials(tagged, &word);
    let tagged = coordinated_given_names(tagged, lex, matches, &word);
    for e in &tagged {
        let end = (e.start + 1..e.end)
            .find(|&i| is_possessive(word(i)))
            .unwrap_or(e.end);
        let start = (e.start..end.saturating_sub(1))
            .rev()
            .find(|&i| is_lowercase_word(word(i)))
            .map(|i| i + 1)
            .unwrap_or(e.start);
        let start =
            if start + 1 < end && CLAUSE_WORDS.contains(&word(start).to_lowercase().as_str()) {
                start + 1
            } else {
                start
            };
        let end = if end > start + 1 && end.checked_sub(1).map(word).is_some_and(is_weekday) {
            end - 1
        } else {
            end
        };
        let mut e = TokenEntity {
            start,
            end: e.end,
            ty: e.ty,
        };
        while e.start + 1 < end
            && TITLES_BEFORE_NAMES.contains(&word(e.start).to_lowercase().as_str())
        {
            e.start += 1;
            e.ty = NerType::Per;
        }
        // After a title, trailing tokens without a capital are cut ("Mr. Mayer ,", "Mr.
        // Mannix reported"): the title says a name follows, and names end in a capitalised
        // word. Other spans ending that way are dropped below.
        let titled = e.start > start;
        let mut end = end;
        while titled
            && end > e.start + 1
            && end
                .checked_sub(1)
                .map(word)
                .is_some_and(|w| !w.chars().any(char::is_uppercase))
        {
            end -= 1;
        }
        // In a title-case headline every word is capitalised, function words included: a
        // span the tagger ran out to one ("People Missing In The") is not a name.
        if title_case
            && end.checked_sub(1).is_some_and(|i| {
                let w = word(i).to_lowercase();
                NAME_CONNECTORS.contains(&w.as_str()) || matches!(w.as_str(), "a" | "an")
            })
        {
            continue;
        }
        let single = end == e.start + 1;
        let cap = lex.get(e.start).map(|l| l.cap).unwrap_or(0);
        // The first word of a sentence, also after an opening quote or dash ("'Hey, ...").
        let first = (0..e.start).all(|i| !word(i).chars().any(char::is_alphanumeric))
            || (e.start >= 2
                && OPENING_QUOTES.contains(&word(e.start - 1))
                && matches!(word(e.start - 2), "," | ":" | "'" | "--" | "—"));
        if single && ((first && matches!(cap, 1 | 2)) || (title_case && cap == 1)) {
            continue;
        }
        if single && NOT_NAMES.contains(&word(e.start)) {
            continue;
        }
        if single && !headline && cap == 1 && is_shouted_word(word(e.start)) {
            continue;
        }
        let last = end.checked_sub(1).map(word).unwrap_or("");
        if end <= e.start || !last.chars().any(char::is_uppercase) {
            continue;
        }
        out.push(MergedSpan {
            start: e.start,
            end,
            ty: e.ty,
            gazetteer: None,
        });
    }
    quoted_titles(&mut out, &word);
    for m in matches {
        let overlapping: Vec<usize> = out
            .iter()
            .enumerate()
            .filter(|(_, s)| s.start < m.end && m.start < s.end)
            .map(|(i, _)| i)
            .collect();
        if overlapping.is_empty() {
            if !headline && precise_alone(gazetteer, m) {
                let ty = if m.name_use == NameUse::Demonym {
                    NerType::Misc
                } else {
                    NerType::Loc
                };
                out.push(MergedSpan {
                    start: m.start,
                    end: m.end,
                    ty,
                    gazetteer: Some(m.clone()),
                });
            }
            continue;
        }
        let exact = overlapping
            .iter()
            .copied()
            .find(|&i| out[i].start == m.start && out[i].end == m.end);
        if let Some(i) = exact {
            let s = &mut out[i];
            let fits = match m.name_use {
                NameUse::Name => s.ty == NerType::Loc,
                NameUse::Demonym => s.ty == NerType::Misc,
            };
            if !fits && m.name_use == NameUse::Name && place_by_its_name(gazetteer, m, &word) {
                s.ty = NerType::Loc;
                s.gazetteer = Some(m.clone());
                continue;
            }
            if fits {
                s.gazetteer = Some(m.clone());
            }
            continue;
        }
        let all_inside = overlapping
            .iter()
            .all(|&i| m.start <= out[i].start && out[i].end <= m.end);
        if !all_inside {
            continue; // the match lies inside or crosses a tagger span: tagger wins
        }
        let all_loc = overlapping.iter().all(|&i| out[i].ty == NerType::Loc);
        if m.name_use == NameUse::Name && (m.has_generic || all_loc) {
            let mut idx = overlapping;
            idx.sort_unstable();
            for i in idx.into_iter().rev() {
                out.remove(i);
            }
            out.push(MergedSpan {
                start: m.start,
                end: m.end,
                ty: NerType::Loc,
                gazetteer: Some(m.clone()),
            });
        }
    }
    join_possessive_org_names(&mut out, &word);
    split_org_title_person(&mut out, &word);
    for s in &mut out {
        let head = s.end.checked_sub(1).map(word).unwrap_or("");
        if s.end >= s.start + 2 && s.ty != NerType::Org && ORG_HEADS.contains(&head) {
            s.ty = NerType::Org;
            s.gazetteer = None;
        }
    }
    for s in &mut out {
        let comma = words.get(s.end).is_some_and(|w| w.as_ref() == ",");
        let title = words
            .get(s.end + 1)
            .is_some_and(|w| JOB_TITLES.contains(&w.as_ref().to_lowercase().as_str()));
        if comma && title && s.ty != NerType::Per {
            s.ty = NerType::Per;
            s.gazetteer = None;
        }
    }
    out.sort_by_key(|s| (s.start, s.end));
    out
}

/// Titles that sit between a company and its officer's name: "Google CEO Sundar Pichai".
const OFFICER_TITLES: &[&str] = &[
    "ceo",
    "cfo",
    "coo",
    "cto",
    "chairman",
    "chairwoman",
    "spokesman",
    "spokeswoman",
    "founder",
    "co-founder",
];

/// Capitalised words that begin a sentence or a title, not a company's name.
const NOT_COMPANY_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "Former",
    "Then",
    "Ex",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "Acting",
    "Interim",
    "Deputy",
    "Vice",
    "Chief",
    "Senior",
    "Company",
    "Group",
    "Executive",
    "When",
    "As",
    "But",
    "And",
    "If",
    "While",
    "After",
    "Before",
    "Now",
    "Then-",
    "Ex-",
];

/// "<Company> <officer title> <Person>" ("Google CEO Eric Schmidt", "Goldman Sachs chairman
/// Lloyd Blankfein"): a span the tagger ran over the title becomes the company (ORG) and the
/// person (PER); a person span right after the title gets the capitalised words before the
/// title as its company when the tagger left them untagged (up to four words, stopping at a
/// sentence or title word such as "The" or "Former").
fn split_org_title_person<'a>(out: &mut Vec<MergedSpan>, word: &impl Fn(usize) -> &'a str) {
    let is_title = |i: usize| OFFICER_TITLES.contains(&word(i).to_lowercase().as_str());
    let capitalised = |i: usize| {
        let w = word(i);
        w.chars().next().is_some_and(char::is_uppercase) && !NOT_COMPANY_WORDS.contains(&w)
    };
    let mut added: Vec<MergedSpan> = Vec::new();
    for s in out.iter_mut() {
        let inner = (s.start + 1..s.end.saturating_sub(1)).find(|&i| is_title(i));
        if let Some(t) = inner {
            if (s.start..t).all(capitalised) && (t + 1..s.end).all(capitalised) {
                added.push(MergedSpan {
                    start: t + 1,
                    end: s.end,
                    ty: NerType::Per,
                    gazetteer: None,
                });
                s.end = t;
                s.ty = NerType::Org;
                s.gazetteer = None;
            }
        }
    }
    out.extend(added);
    let taken = |out: &Vec<MergedSpan>, i: usize| out.iter().any(|s| s.start <= i && i < s.end);
    let persons: Vec<usize> = out
        .iter()
        .filter(|s| s.ty == NerType::Per)
        .map(|s| s.start)
        .collect();
    for p in persons {
        let Some(t) = p.checked_sub(1).filter(|&t| is_title(t)) else {
            continue;
        };
        let mut start = t;
        while start > 0 && t - start < 4 && capitalised(start - 1) && !taken(out, start - 1) {
            start -= 1;
        }
        if start < t {
            out.push(MergedSpan {
                start,
                end: t,
                ty: NerType::Org,
                gazetteer: None,
            });
        }
    }
}

/// A gazetteer name that is a place whatever the tagger said: a continent or world region
/// of two or more words ("Central Europe", "Southeast Asia"), or a city whose name ends in
/// a settlement word ("Culver City", "Palm Springs"). One-word names stay with the tagger
/// ("Chicago" may be a team, "Europe" a golf side).
fn place_by_its_name<'a>(
    gazetteer: &Gazetteer,
    m: &GazetteerMatch,
    word: &impl Fn(usize) -> &'a str,
) -> bool {
    if m.end < m.start + 2 {
        return false;
    }
    let head = m.end.checked_sub(1).map(word).unwrap_or("");
    let settlement = SETTLEMENT_HEADS.contains(&head);
    m.candidates.iter().any(|&c| {
        gazetteer.place(c).is_some_and(|p| match p.kind {
            PlaceKind::Continent => true,
            PlaceKind::City => settlement,
            PlaceKind::Country | PlaceKind::Region => false,
        })
    })
}

/// Last words of city names that say "a settlement" ("Culver City", "Palm Springs").
const SETTLEMENT_HEADS: &[&str] = &[
    "City", "Town", "Township", "Village", "Springs", "Beach", "Heights", "Falls", "Hills",
];

/// Splits a span that runs over "and the" between two capitalised names ("the Irving
/// Independent School District and the Irving Police Department" is two organisations).
/// "and" alone stays inside ("Procter and Gamble"), except in a person's span: people's
/// names never contain "and" ("Mr. Gable and Jimmy Stewart" is two people).
fn split_coordinated_names<'a>(
    tagged: &[TokenEntity],
    word: &impl Fn(usize) -> &'a str,
) -> Vec<TokenEntity> {
    let mut out = Vec::with_capacity(tagged.len());
    for e in tagged {
        let mut start = e.start;
        let mut i = e.start + 1;
        let person = e.ty == NerType::Per
            || TITLES_BEFORE_NAMES.contains(&word(e.start).to_lowercase().as_str());
        while i + 1 < e.end {
            let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
            let before = word(i - 1);
            let person_pair = person
                && word(i) == "and"
                && capital(before)
                && !TITLES_BEFORE_NAMES.contains(&before.to_lowercase().as_str())
                && capital(word(i + 1));
            if person_pair {
                out.push(TokenEntity {
                    start,
                    end: i,
                    ty: NerType::Per,
                });
                start = i + 1;
                i += 2;
                continue;
            }
            let joins = i + 2 < e.end
                && word(i) == "and"
                && word(i + 1) == "the"
                && capital(before)
                && capital(word(i + 2));
            if joins {
                out.push(TokenEntity {
                    start,
                    end: i,
                    ty: e.ty,
                });
                start = i + 2;
                i += 3;
            } else {
                i += 1;
            }
        }
        out.push(TokenEntity {
            start,
            end: e.end,
            ty: if start > e.start && person {
                NerType::Per
            } else {
                e.ty
            },
        });
    }
    out
}

/// A single-letter initial ("E.", "J.").
fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
}

/// Initials belong to the name that follows them: "E. J. Fleming", "W. C. Fields" are one
/// person each, whatever pieces the tagger made of them (it often tags a lone "E." as
/// MISC). A run of initials followed by a capitalised word joins the span holding that
/// word (a PERSON unless the tagger said ORGANIZATION: "J. P. Morgan"); with no span
/// there, the initials and up to three following capitalised words are a PERSON.
fn join_initials<'a>(
    tagged: Vec<TokenEntity>,
    word: &impl Fn(usize) -> &'a str,
) -> Vec<TokenEntity> {
    let mut out = tagged;
    let mut a = 0usize;
    loop {
        // The next run of initials [a, b) followed by a capitalised word b.
        while !word(a).is_empty() && !is_initial(word(a)) {
            a += 1;
        }
        if word(a).is_empty() {
            break;
        }
        let mut b = a;
        while is_initial(word(b)) {
            b += 1;
        }
        let next = word(b);
        let capital_word = next.chars().next().is_some_and(char::is_uppercase)
            && next.chars().any(char::is_lowercase);
        if !capital_word {
            a = b.max(a + 1);
            continue;
        }
        let holder = out.iter().position(|e| e.start <= b && b < e.end);
        let (start, end, ty) = match holder.and_then(|h| out.get(h)) {
            Some(h) if h.start < a => {
                a = b.max(a + 1);
                continue; // the span already holds the initials ("Louis B. Mayer")
            }
            Some(h) if h.start == a => (a, h.end, h.ty),
            Some(h) => (
                a,
                h.end,
                if h.ty == NerType::Org {
                    NerType::Org
                } else {
                    NerType::Per
                },
            ),
            None => {
                let mut end = b + 1;
                while end < b + 3
                    && word(end).chars().next().is_some_and(char::is_uppercase)
                    && word(end).chars().any(char::is_lowercase)
                    && !out.iter().any(|e| e.start <= end && end < e.end)
                {
                    end += 1;
                }
                (a, end, NerType::Per)
            }
        };
        // A given name just before the initials, in a person's span or after a title ("Gov.
        // John" + "R. Kasich"), is the start of the same name.
        let before = out.iter().position(|e| {
            e.end == start
                && e.start < start
                && (e.ty == NerType::Per
                    || TITLES_BEFORE_NAMES.contains(&word(e.start).to_lowercase().as_str()))
                && start.checked_sub(1).map(word).is_some_and(|w| {
                    !is_initial(w) && w.chars().next().is_some_and(char::is_uppercase)
                })
        });
        let (start, ty) = match before.and_then(|i| out.get(i)) {
            Some(e) => (e.start, NerType::Per),
            None => (start, ty),
        };
        if before.is_none()
            && holder
                .and_then(|h| out.get(h))
                .is_some_and(|h| h.start == a)
        {
            a = end;
            continue; // the tagger's span already starts with the initials ("J. Fleming")
        }
        out.retain(|e| e.end <= start || e.start >= end);
        out.push(TokenEntity { start, end, ty });
        out.sort_by_key(|e| (e.start, e.end));
        a = end;
    }
    out
}

/// A given name coordinated with a full name shares its surname: in "Ethan and Joel Coen"
/// the lone "Ethan" (a listed given name, untagged or typed otherwise by the tagger) is a
/// PERSON. The given name must not end a longer capitalised phrase nor be a place name
/// ("Georgia and Rob Portman").
fn coordinated_given_names<'a>(
    tagged: Vec<TokenEntity>,
    lex: &[WordLex],
    places: &[GazetteerMatch],
    word: &impl Fn(usize) -> &'a str,
) -> Vec<TokenEntity> {
    let mut out = tagged;
    let mut k = 1usize;
    while !word(k).is_empty() {
        let x = k - 1;
        let full_name_after = out
            .iter()
            .any(|e| e.start == k + 1 && e.end >= k + 3 && e.ty == NerType::Per);
        let given = lex.get(x).is_some_and(|l| l.first_name)
            && word(x).chars().next().is_some_and(char::is_uppercase)
            && word(x).chars().all(char::is_alphabetic)
            && (x == 0 || !word(x - 1).chars().next().is_some_and(char::is_uppercase));
        let place = places.iter().any(|m| m.start <= x && x < m.end);
        if word(k) == "and" && full_name_after && given && !place {
            let own = out.iter().position(|e| e.start <= x && x < e.end);
            match own.and_then(|i| out.get_mut(i)) {
                Some(e) if e.start == x && e.end == x + 1 => e.ty = NerType::Per,
                Some(_) => {}
                None => {
                    out.push(TokenEntity {
                        start: x,
                        end: x + 1,
                        ty: NerType::Per,
                    });
                    out.sort_by_key(|e| (e.start, e.end));
                }
            }
        }
        k += 1;
    }
    out
}

/// Quotation marks that open a title, with the closing marks they pair with.
fn closing_quote(open: &str) -> Option<&'static [&'static str]> {
    match open {
        "\"" => Some(&["\""]),
        "“" => Some(&["”", "\""]),
        "``" => Some(&["''"]),
        "‘" => Some(&["’"]),
        _ => None,
    }
}

/// Tokens that open a quotation.
const OPENING_QUOTES: &[&str] = &["\"", "“", "'", "‘", "``"];

/// Lower-case words a title-case title may contain.
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "from", "by", "as",
    "into", "nor", "but", "vs.", "is",
];

/// A quoted title-case phrase of two to eight words in which the tagger found a name is a
/// title, one MISC name ("''Hail, Caesar!''", "“A Serious Man”"), not the names the tagger
/// found in its words ("Hail", "Caesar"). Quoted speech is not title case, so it stays as
/// it is; a quoted name that the tagger found whole ("“Islamic State”") keeps the tagger's span and type. A comma or
/// full stop before the closing mark (American style) is not part of the title.
fn quoted_titles<'a>(out: &mut Vec<MergedSpan>, word: &impl Fn(usize) -> &'a str) {
    let mut i = 0usize;
    while !word(i).is_empty() {
        // Opening mark: one token, or two apostrophes standing for a double quote.
        let (open_len, closes): (usize, &[&str]) = if word(i) == "'" && word(i + 1) == "'" {
            (2, &["'"])
        } else if let Some(c) = closing_quote(word(i)) {
            (1, c)
        } else {
            i += 1;
            continue;
        };
        let c = i + open_len;
        let close = (c..c + 12).find(|&j| {
            let w = word(j);
            w.is_empty() || closes.contains(&w) || closing_quote(w).is_some() || w == "'"
        });
        let Some(e) =
            close.filter(|&j| closes.contains(&word(j)) && (open_len == 1 || word(j + 1) == "'"))
        else {
            i += 1;
            continue;
        };
        let mut end = e;
        while end > c && matches!(word(end - 1), "," | ".") {
            end -= 1;
        }
        let content: Vec<&str> = (c..end).map(word).collect();
        let alphabetic: Vec<&str> = content
            .iter()
            .copied()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        let title_case = content
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
            && alphabetic.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase) || TITLE_SMALL_WORDS.contains(w)
            })
            && alphabetic
                .iter()
                .skip(1)
                .any(|w| w.chars().next().is_some_and(char::is_uppercase))
            && !content.iter().any(|w| matches!(*w, "." | "?" | ";"));
        let next = e + open_len;
        if !(2..=8).contains(&alphabetic.len()) || !title_case {
            i = next.max(i + 1);
            continue;
        }
        let inside: Vec<usize> = out
            .iter()
            .enumerate()
            .filter(|(_, s)| s.start < end && c < s.end)
            .map(|(k, _)| k)
            .collect();
        let crosses = inside
            .iter()
            .any(|&k| out.get(k).is_some_and(|s| s.start < c || s.end > end));
        let whole = inside.len() == 1
            && inside
                .first()
                .and_then(|&k| out.get(k))
                .is_some_and(|s| s.start == c && s.end == end);
        // Title case alone is not enough ("Proven Failure", "I Think She Will" are quoted
        // words): the tagger must have seen a name in it.
        if !crosses && !whole && !inside.is_empty() {
            out.retain(|s| !(s.start < end && c < s.end));
            out.push(MergedSpan {
                start: c,
                end,
                ty: NerType::Misc,
                gazetteer: None,
            });
        }
        i = next.max(i + 1);
    }
}

/// Joins a name cut at an inner possessive: "Cleveland Police" + "Patrolmen 's" +
/// "Association" is one organisation when the part after the possessive ends in an
/// organisation head ("Patrolmen's Association", "Women's Health Foundation").
fn join_possessive_org_names<'a>(out: &mut Vec<MergedSpan>, word: &impl Fn(usize) -> &'a str) {
    out.sort_by_key(|s| (s.start, s.end));
    let mut k = 0;
    while k + 1 < out.len() {
        let (Some(a), Some(b)) = (out.get(k), out.get(k + 1)) else {
            break;
        };
        let owner = word(a.end);
        let joins = b.start == a.end + 2
            && owner.chars().next().is_some_and(char::is_uppercase)
            && is_possessive(word(a.end + 1))
            && b.end
                .checked_sub(1)
                .is_some_and(|h| ORG_HEADS.contains(&word(h)));
        if joins {
            let end = b.end;
            if let Some(a) = out.get_mut(k) {
                a.end = end;
                a.ty = NerType::Org;
                a.gazetteer = None;
            }
            out.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// A headline written in title case: most words of four letters or more are capitalised.
fn is_title_case<S: AsRef<str>>(words: &[S]) -> bool {
    let long: Vec<&str> = words
        .iter()
        .map(|w| w.as_ref())
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let caps = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    long.len() >= 3 && caps * 10 >= long.len() * 8
}

/// An all-caps word of four letters or more ("GREAT"), as opposed to an acronym ("WHO").
fn is_shouted_word(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
    )
}

/// Words that open a clause or sentence and never begin a name (compared in lower case).
const CLAUSE_WORDS: &[&str] = &[
    "when",
    "if",
    "but",
    "and",
    "or",
    "as",
    "after",
    "before",
    "while",
    "since",
    "because",
    "although",
    "though",
    "so",
    "then",
    "unlike",
    "like",
    "once",
    "until",
    "unless",
    "whether",
    "where",
    "why",
    "how",
    "what",
    "which",
    "who",
    "meanwhile",
    "however",
    "also",
    "yet",
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "by",
    "to",
    "into",
    "about",
    "under",
    "over",
    "this",
    "that",
    "these",
    "those",
    "our",
    "my",
    "his",
    "her",
    "their",
    "its",
    "your",
    "we",
    "i",
    "he",
    "she",
    "they",
    "it",
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "last",
    "next",
    "every",
    "each",
    "both",
    "all",
    "some",
    "many",
    "most",
    "several",
    "no",
    "not",
];

/// Last words that only ever head an organisation's name (not "Bank": "West Bank"; not
/// "Union": "Soviet Union"; not "Center": often a building).
const ORG_HEADS: &[&str] = &[
    "Institute",
    "Institution",
    "University",
    "College",
    "Foundation",
    "Association",
    "Corporation",
    "Corp",
    "Corp.",
    "Inc",
    "Inc.",
    "Ltd",
    "Ltd.",
    "LLC",
    "Council",
    "Committee",
    "Commission",
    "Agency",
    "Department",
    "Ministry",
    "Party",
    "Airlines",
    "Airways",
    "Bureau",
    "Federation",
    "Society",
    "Organization",
    "Organisation",
    "Authority",
];

/// Capitalised tokens that are not names: the pronoun "I" (tagged before "'m" in quotes), units,
/// currency codes, job-title acronyms.
const NOT_NAMES: &[&str] = &[
    "I", "CEO", "CFO", "COO", "CTO", "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "GHz", "MHz", "KHz",
    "GB", "MB", "TB", "KB", "UTC", "GMT", "EST", "PST", "EDT", "PDT", "OS", "LCD", "LED", "SDK",
    "GPS", "PC", "PCs", "TV", "AM", "PM", "GDP", "IPO", "CPU", "GPU", "API", "URL", "PDF", "HD",
    "DVD", "USB", "FM", "VIP", "Q1", "Q2", "Q3", "Q4",
];

/// Titles written before a person's name; not part of the name (CoNLL convention).
const TITLES_BEFORE_NAMES: &[&str] = &[
    "president",
    "ambassador",
    "minister",
    "senator",
    "governor",
    "mayor",
    "chancellor",
    "premier",
    "judge",
    "justice",
    "gen.",
    "general",
    "col.",
    "lt.",
    "sgt.",
    "capt.",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "prof.",
    "professor",
    "sen.",
    "rep.",
    "gov.",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "chairman",
    "ceo",
    "sheikh",
    "sir",
    "lord",
    "lady",
    "bishop",
    "archbishop",
    "cardinal",
    "rabbi",
    "imam",
    "secretary",
    "spokesman",
    "coach",
    "representative",
    "congressman",
    "congresswoman",
    "councilman",
    "councilwoman",
    "assemblyman",
    "assemblywoman",
    "sheriff",
    "administrator",
];

/// First words of job titles that mark an apposition to a person.
const JOB_TITLES: &[&str] = &[
    "president",
    "vice",
    "chief",
    "head",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "secretary",
    "founder",
    "co-founder",
    "manager",
    "general",
    "executive",
    "deputy",
    "senior",
    "professor",
    "analyst",
    "economist",
    "governor",
    "senator",
    "mayor",
    "ambassador",
    "commissioner",
    "chancellor",
    "premier",
    "leader",
    "editor",
    "author",
    "founder",
    "managing",
    "partner",
    "lawyer",
    "attorney",
    "representative",
    "rep.",
    "sen.",
    "gov.",
    "aged",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> &'static Gazetteer {
        Gazetteer::embedded().unwrap_or_else(|e| panic!("{e}"))
    }

    fn te(start: usize, end: usize, ty: NerType) -> TokenEntity {
        TokenEntity { start, end, ty }
    }

    #[test]
    fn policy_table() {
        // (tokens, tagger spans, expected merged (start, end, type, has place))
        type Case<'a> = (
            &'a [&'a str],
            Vec<TokenEntity>,
            &'a [(usize, usize, NerType, bool)],
        );
        let cases: &[Case] = &[
            // tagger LOC inside "Hubei province": longest span wins.
            (
                &["in", "Hubei", "province", "."],
                vec![te(1, 2, NerType::Loc)],
                &[(1, 3, NerType::Loc, true)],
            ),
            // "China" inside the ORG "Amazon China": tagger's longer span wins.
            (
                &["Amazon", "China", "said"],
                vec![te(0, 2, NerType::Org)],
                &[(0, 2, NerType::Org, false)],
            ),
            // identical span: tagger type wins, place attached to LOC.
            (
                &["in", "Wuhan", "."],
                vec![te(1, 2, NerType::Loc)],
                &[(1, 2, NerType::Loc, true)],
            ),
            // "<company> CEO <person>": a span over the title is split, and untagged
            // capitalised words before the title of a tagged person are the company.
            (
                &["the", "former", "Google", "CEO", "Eric", "Schmidt", "said"],
                vec![te(2, 6, NerType::Org)],
                &[(2, 3, NerType::Org, false), (4, 6, NerType::Per, false)],
            ),
            (
                &["Goldman", "Sachs", "chairman", "Lloyd", "Blankfein", "said"],
                vec![te(3, 5, NerType::Per)],
                &[(0, 2, NerType::Org, false), (3, 5, NerType::Per, false)],
            ),
            // a sentence or title word before the title is no company; nor is a lowercase one.
            (
                &["The", "CEO", "Tim", "Cook", "said"],
                vec![te(2, 4, NerType::Per)],
                &[(2, 4, NerType::Per, false)],
            ),
            (
                &["the", "company", "spokesman", "John", "Smith", "said"],
                vec![te(3, 5, NerType::Per)],
                &[(3, 5, NerType::Per, false)],
            ),
            // the pronoun "I" is no name, even when the tagger says so ("I'm not sure").
            (
                &["\"", "I", "'m", "not", "sure"],
                vec![te(1, 2, NerType::Per)],
                &[],
            ),
            // missed country is added by the gazetteer.
            (&["in", "China", "."], vec![], &[(1, 2, NerType::Loc, true)]),
            // demonym added as MISC.
            (
                &["Chinese", "merchants"],
                vec![],
                &[(0, 1, NerType::Misc, true)],
            ),
            // lower-case word never matches.
            (&["in", "china", "shops"], vec![], &[]),
            // a span never runs through a possessive; the demonym after it is MISC.
            (
                &["Amazon", "Selling", "’s", "Chinese", "unit"],
                vec![te(0, 4, NerType::Org)],
                &[(0, 2, NerType::Org, false), (3, 4, NerType::Misc, true)],
            ),
            // "and the" between two names splits the span; "and" alone does not.
            (
                &[
                    "the",
                    "Irving",
                    "Police",
                    "and",
                    "the",
                    "Irving",
                    "Fire",
                    "Department",
                    "said",
                ],
                vec![te(1, 8, NerType::Org)],
                &[(1, 3, NerType::Org, false), (5, 8, NerType::Org, false)],
            ),
            (
                &["Procter", "and", "Gamble", "said"],
                vec![te(0, 3, NerType::Org)],
                &[(0, 3, NerType::Org, false)],
            ),
            // ... unless the part after it ends in an organisation head: one organisation.
            (
                &[
                    "the",
                    "Cleveland",
                    "Police",
                    "Patrolmen",
                    "'s",
                    "Association",
                    ",",
                ],
                vec![te(1, 3, NerType::Org), te(5, 6, NerType::Org)],
                &[(1, 6, NerType::Org, false)],
            ),
            (
                &["Trump", "'s", "Party", "said"],
                vec![te(0, 1, NerType::Per), te(2, 3, NerType::Org)],
                &[(0, 1, NerType::Per, false), (2, 3, NerType::Org, false)],
            ),
            // a span is cut after an inner lower-case word; connectors stay inside.
            (
                &["International", "e-commerce", "giant", "Amazon", "Global"],
                vec![te(0, 5, NerType::Org)],
                &[(3, 5, NerType::Org, false)],
            ),
            (
                &["Bank", "of", "America", "said"],
                vec![te(0, 3, NerType::Org)],
                &[(0, 3, NerType::Org, false)],
            ),
            // a leading title is cut and the rest is a person.
            (
                &["Ambassador", "Hamdullah", "Mohib", "said"],
                vec![te(0, 3, NerType::Loc)],
                &[(1, 3, NerType::Per, false)],
            ),
            (&["President", "Hotel"], vec![], &[]),
            // apposition with a job title makes a person.
            (
                &["said", "Song", "Xiaojun", ",", "vice", "president"],
                vec![te(1, 3, NerType::Loc)],
                &[(1, 3, NerType::Per, false)],
            ),
            // a sentence-initial word usually written in lower case is not a name alone.
            (&["Officials", "said"], vec![te(0, 1, NerType::Org)], &[]),
            // unit and title acronyms are not names.
            (&["the", "CEO", "said"], vec![te(1, 2, NerType::Org)], &[]),
            // a span ending in a lower-case word is dropped.
            (
                &["International", "e-commerce", "giant"],
                vec![te(0, 2, NerType::Org)],
                &[],
            ),
            // a name ending in an organisation head is an organisation.
            (
                &["at", "the", "Brookings", "Institution", "said"],
                vec![te(2, 4, NerType::Misc)],
                &[(2, 4, NerType::Org, false)],
            ),
            (
                &["the", "Washington", "Institute", "for"],
                vec![te(1, 3, NerType::Loc)],
                &[(1, 3, NerType::Org, false)],
            ),
            // words outside the list keep the tagger's type.
            (
                &["in", "the", "West", "Bank", "."],
                vec![te(2, 4, NerType::Loc)],
                &[(2, 4, NerType::Loc, false)],
            ),
            // a clause word swept into a span's start is cut off.
            (
                &["When", "Mexico", "sends"],
                vec![te(0, 2, NerType::Loc)],
                &[(1, 2, NerType::Loc, true)],
            ),
            // a trailing weekday is cut off.
            (
                &["told", "CNBC", "Saturday", "."],
                vec![te(1, 3, NerType::Org)],
                &[(1, 2, NerType::Org, false)],
            ),
            // shouted common words are not names; an acronym of three letters stays.
            (
                &[
                    "MAKE", "AMERICA", "GREAT", "AGAIN", "says", "the", "report", "from", "WHO",
                ],
                vec![
                    te(0, 1, NerType::Org),
                    te(1, 2, NerType::Loc),
                    te(2, 3, NerType::Org),
                    te(8, 9, NerType::Org),
                ],
                &[(1, 2, NerType::Loc, true), (8, 9, NerType::Org, false)],
            ),
            // people's names never contain "and"; a leading title is cut from the first.
            (
                &[
                    "pals", "like", "Mr.", "Gable", "and", "Jimmy", "Stewart", ".",
                ],
                vec![te(2, 7, NerType::Loc)],
                &[(3, 4, NerType::Per, false), (5, 7, NerType::Per, false)],
            ),
            (
                &["Clark", "Gable", "and", "Jimmy", "Stewart", "."],
                vec![te(0, 5, NerType::Per)],
                &[(0, 2, NerType::Per, false), (3, 5, NerType::Per, false)],
            ),
            // a given name coordinated with a full name is a person; others are not.
            (
                &["by", "Ethan", "and", "Joel", "Coen", "."],
                vec![te(1, 2, NerType::Loc), te(3, 5, NerType::Per)],
                &[(1, 2, NerType::Per, false), (3, 5, NerType::Per, false)],
            ),
            (
                &["by", "Ethan", "and", "Joel", "Coen", "."],
                vec![te(3, 5, NerType::Per)],
                &[(1, 2, NerType::Per, false), (3, 5, NerType::Per, false)],
            ),
            (
                &["Georgia", "and", "Rob", "Portman", "said"],
                vec![te(0, 1, NerType::Loc), te(2, 4, NerType::Per)],
                &[(0, 1, NerType::Loc, true), (2, 4, NerType::Per, false)],
            ),
            (&["a", "“", "Proven", "Failure", "”", "."], vec![], &[]),
            (
                &["in", "Boston", "and", "Joel", "Coen", "."],
                vec![te(1, 2, NerType::Loc), te(3, 5, NerType::Per)],
                &[(1, 2, NerType::Loc, true), (3, 5, NerType::Per, false)],
            ),
            // initials stay with the name after them.
            (
                &["to", "E.", "J.", "Fleming", "'s", "book"],
                vec![te(1, 2, NerType::Misc), te(2, 4, NerType::Per)],
                &[(1, 4, NerType::Per, false)],
            ),
            (
                &["run", "by", "W.", "C.", "Fields", "."],
                vec![te(2, 3, NerType::Misc)],
                &[(2, 5, NerType::Per, false)],
            ),
            (
                &["Louis", "B.", "Mayer", "said"],
                vec![te(0, 3, NerType::Per)],
                &[(0, 3, NerType::Per, false)],
            ),
            (&["Plan", "B.", "was", "dead"], vec![], &[]),
            (
                &["and", "Gov.", "John", "R.", "Kasich", "of", "Ohio"],
                vec![
                    te(1, 3, NerType::Loc),
                    te(3, 5, NerType::Per),
                    te(6, 7, NerType::Loc),
                ],
                &[(2, 5, NerType::Per, false), (6, 7, NerType::Loc, true)],
            ),
            // in a title-case headline, a span ending in a function word is not a name.
            (
                &[
                    "These", "Are", "The", "People", "Missing", "In", "The", "Crash",
                ],
                vec![te(3, 7, NerType::Org)],
                &[],
            ),
            (
                &["Bank", "Of", "America", "Profits", "Fall", "Sharply"],
                vec![te(0, 3, NerType::Org)],
                &[(0, 3, NerType::Org, false)],
            ),
            // a sentence's first word after an opening quote is still its first word, also
            // when the quotation opens mid-sentence.
            (
                &["people", "say", ",", "'", "Hey", ",", "they", "know"],
                vec![te(4, 5, NerType::Loc)],
                &[],
            ),
            (
                &["'", "Hey", ",", "they", "know"],
                vec![te(1, 2, NerType::Loc)],
                &[],
            ),
            // trailing words without a capital are cut, not the whole span dropped.
            (
                &["Mr.", "Mannix", "reported", "daily"],
                vec![te(0, 3, NerType::Loc)],
                &[(1, 2, NerType::Per, false)],
            ),
            (
                &["with", "Mr.", "Mayer", ",", "or"],
                vec![te(1, 4, NerType::Loc)],
                &[(2, 3, NerType::Per, false)],
            ),
            // a quoted title-case title is one MISC name; quoted speech is not a title.
            (
                &[
                    "end", "of", "'", "'", "Hail", ",", "Caesar", "!", "'", "'", "--",
                ],
                vec![te(4, 5, NerType::Per), te(6, 7, NerType::Per)],
                &[(4, 8, NerType::Misc, false)],
            ),
            (
                &["meets", "“", "A", "Serious", "Man", ".", "”"],
                vec![te(3, 5, NerType::Misc)],
                &[(2, 5, NerType::Misc, false)],
            ),
            (
                &["“", "Obama", "is", "wrong", ",", "”", "Paris", "said"],
                vec![te(1, 2, NerType::Per), te(6, 7, NerType::Per)],
                &[(1, 2, NerType::Per, false), (6, 7, NerType::Per, false)],
            ),
            (
                &["the", "“", "Islamic", "State", "”", "group"],
                vec![te(2, 4, NerType::Org)],
                &[(2, 4, NerType::Org, false)],
            ),
            // a city named with a settlement word, and a world region, are places.
            (
                &["the", "Culver", "City", "studio"],
                vec![te(1, 3, NerType::Org)],
                &[(1, 3, NerType::Loc, true)],
            ),
            (
                &["trade", "with", "Central", "Europe", "grew"],
                vec![te(2, 4, NerType::Org)],
                &[(2, 4, NerType::Loc, true)],
            ),
            (
                &["Chicago", "beat", "Boston", "."],
                vec![te(0, 1, NerType::Org), te(2, 3, NerType::Org)],
                &[(0, 1, NerType::Org, false), (2, 3, NerType::Org, false)],
            ),
        ];
        for (toks, tagged, want) in cases {
            let matches = gaz().find(toks);
            let lex: Vec<WordLex> = toks
                .iter()
                .map(|w| WordLex {
                    cap: match *w {
                        "Officials" | "Hey" => 2,
                        "MAKE" | "GREAT" | "WHO" | "Much" | "Compared" | "Missing" | "Of" | "A"
                        | "To" | "In" | "The" | "Is" | "Not" | "Are" | "These" | "Fall"
                        | "Sharply" => 1,
                        _ => 0,
                    },
                    first_name: matches!(
                        *w,
                        "Ethan" | "Jimmy" | "Joel" | "Paris" | "Georgia" | "Rob"
                    ),
                })
                .collect();
            let got: Vec<_> = merge_sentence(toks, &lex, tagged, &matches, gaz(), false)
                .iter()
                .map(|s| (s.start, s.end, s.ty, s.gazetteer.is_some()))
                .collect();
            assert_eq!(&got, want, "{toks:?}");
        }
    }
}
