//! Article metadata over the clean text: headline, byline, dateline, and the credits trailer.
//!
//! Owns [`ArticleMeta`], [`Field`], [`Dateline`], [`PartialDate`] and the layout detection that
//! also decides where the body is. Recognised shapes:
//! - datelines opening the first body paragraph: `(Yicai) May 16 --`, `WASHINGTON (Reuters) -`,
//!   `BEIJING, May 16 (Xinhua) --`, `LONDON, Jan 5 (AP) —`, `NEW YORK, March 3, 2024 /PRNewswire/ --`,
//!   `SAN FRANCISCO, Calif. --`, and a date alone on a line (`Friday, July 21, 2017`);
//! - bylines: `By Jane Doe and John Roe`, `By Jane Doe, Reuters`;
//! - trailers at the end: `Editors: A, B`, `Reporting by X; Editing by Y`,
//!   `(Reporting by X in Place; Additional reporting by Z; Editing by Y)`, `Writing by ...`,
//!   on their own lines or appended to the last paragraph in parentheses;
//! - a headline: a first line without sentence-final period followed by more text.
//!
//! Dates are partial: a year that is not written stays `None` (never guessed). All spans index
//! the clean text. Depends on `crate::span` only.

use crate::span::Span;

/// A piece of metadata text and where it is in the clean text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// Span in the clean text.
    pub span: Span,
    /// The text of the span.
    pub text: String,
}

/// A calendar date with possibly unknown parts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PartialDate {
    /// Year when written, else `None`.
    pub year: Option<i32>,
    /// Month 1..=12 when written.
    pub month: Option<u32>,
    /// Day 1..=31 when written.
    pub day: Option<u32>,
}

/// A wire-style dateline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The whole dateline including its separator (`BEIJING, May 16 (Xinhua) --`).
    pub span: Span,
    /// Place (`BEIJING`, `SAN FRANCISCO, Calif.`).
    pub place: Option<Field>,
    /// Outlet in parentheses or slashes (`Xinhua`, `PRNewswire`).
    pub outlet: Option<Field>,
    /// The date as written.
    pub date: Option<PartialDate>,
    /// Where the date is written.
    pub date_span: Option<Span>,
}

/// Metadata found around the body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    /// A headline line at the top, when present.
    pub headline: Option<Field>,
    /// A second title line right after the headline (a deck, or `<h1>` after `<title>`).
    pub subheadlines: Vec<Field>,
    /// The outlet, from the dateline or else the byline.
    pub outlet: Option<Field>,
    /// The dateline, when present.
    pub dateline: Option<Dateline>,
    /// The byline line (`By Jane Doe, Reuters`).
    pub byline: Option<Span>,
    /// Reporters and writers, from the byline and the trailer, in text order, each person once
    /// (the first mention).
    pub authors: Vec<Field>,
    /// Editors from the trailer, in text order, each person once.
    pub editors: Vec<Field>,
    /// The whole credits trailer.
    pub trailer: Option<Span>,
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Trailer clause openers and whether the names after them are editors.
const TRAILER_OPENERS: &[(&str, bool)] = &[
    ("additional reporting by", false),
    ("reporting by", false),
    ("reported by", false),
    ("writing by", false),
    ("written by", false),
    ("compiled by", false),
    ("reporters:", false),
    ("reporter:", false),
    ("writers:", false),
    ("writer:", false),
    ("editing by", true),
    ("edited by", true),
    ("editors:", true),
    ("editor:", true),
];

/// Outlets recognised at the end of a byline (`By Jane Doe, Reuters`).
const BYLINE_OUTLETS: &[&str] = &[
    "reuters",
    "associated press",
    "the associated press",
    "ap",
    "afp",
    "agence france-presse",
    "bloomberg",
    "bloomberg news",
    "xinhua",
    "yicai",
    "cnn",
    "bbc",
    "bbc news",
    "dpa",
    "kyodo",
    "kyodo news",
    "ani",
    "pti",
    "upi",
    "efe",
    "ansa",
    "tass",
    "yonhap",
    "caixin",
    "nikkei",
];

/// Story labels that look like an all-caps place before a dash but are not (`EXCLUSIVE –`).
const KICKERS: &[&str] = &[
    "exclusive",
    "update",
    "updated",
    "breaking",
    "breaking news",
    "analysis",
    "opinion",
    "editorial",
    "watch",
    "video",
    "photos",
    "live",
    "factbox",
    "explainer",
    "correction",
    "corrected",
    "refile",
    "special report",
    "insight",
    "commentary",
    "review",
    "interview",
    "poll",
    "news analysis",
];

/// Lowercase particles allowed inside personal names.
const NAME_PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "bin", "al", "da", "di", "le", "la", "du", "dos", "del", "y",
];

/// Layout of an article: its metadata and the clean-text region of the body.
pub(crate) struct Layout {
    pub(crate) meta: ArticleMeta,
    pub(crate) body: Span,
}

/// Finds headline, byline, dateline and trailer in `text` and the body between them.
pub(crate) fn detect(text: &str) -> Layout {
    let lines = nonempty_lines(text);
    let mut meta = ArticleMeta::default();
    let mut idx = 0usize;
    let mut body_start = None;
    // A dateline on one of the first four lines makes the short lines before it title lines
    // (headline, deck), as in `Headline.\n\nDeck sentence.\n\nBERLIN - Body`.
    let dateline_line = lines
        .iter()
        .take(4)
        .position(|&l| parse_dateline_prefix(text, l).is_some())
        .filter(|&k| {
            lines
                .iter()
                .take(k)
                .all(|l| l.slice(text).chars().count() <= 400)
        });
    while let Some(&line) = lines.get(idx) {
        if idx >= 5 {
            break;
        }
        if meta.dateline.is_none() {
            if let Some((dateline, body_from)) = parse_dateline_prefix(text, line) {
                meta.dateline = Some(dateline);
                body_start = Some(body_from);
                break;
            }
            if let Some(dateline) = parse_date_line(text, line) {
                meta.dateline = Some(dateline);
                idx += 1;
                continue;
            }
        }
        if meta.byline.is_none() {
            if let Some((authors, outlet)) = parse_byline(text, line) {
                meta.byline = Some(line);
                meta.authors.extend(authors);
                if meta.outlet.is_none() {
                    meta.outlet = outlet;
                }
                idx += 1;
                continue;
            }
        }
        // A headline, then possibly a second title line (HTML <title> + <h1>, or a deck) before
        // the byline or the body.
        if idx < 3
            && meta.byline.is_none()
            && meta.dateline.is_none()
            && (dateline_line.is_some_and(|k| idx < k)
                || looks_like_headline(text, line, lines.get(idx + 1).copied())
                || title_before_header(text, line, lines.get(idx + 1).copied()))
        {
            let f = field(text, line.start as usize, line.end as usize);
            if meta.headline.is_none() {
                meta.headline = f;
                idx += 1;
                continue;
            } else if meta.subheadlines.is_empty() || dateline_line.is_some_and(|k| idx < k) {
                meta.subheadlines.extend(f);
                idx += 1;
                continue;
            }
        }
        break;
    }
    let body_start =
        body_start.unwrap_or_else(|| lines.get(idx).map_or(text.len(), |l| l.start as usize));
    if let Some(outlet) = meta.dateline.as_ref().and_then(|d| d.outlet.clone()) {
        meta.outlet = Some(outlet);
    }

    // Trailer: up to four credit lines at the end, or credits in parentheses closing the last line.
    let mut body_end = lines.last().map_or(text.len(), |l| l.end as usize);
    let mut trailer: Option<Span> = None;
    let mut t = lines.len();
    while t > 0 && lines.len() - t < 4 {
        let Some(&line) = lines.get(t - 1) else { break };
        if (line.start as usize) < body_start {
            break;
        }
        if let Some((authors, editors)) =
            parse_trailer(text, line.start as usize, line.end as usize)
        {
            meta.authors.extend(authors);
            meta.editors.extend(editors);
            trailer = Some(trailer.map_or(line, |s| s.cover(line)));
            body_end = line.start as usize;
            t -= 1;
            continue;
        }
        if trailer.is_none() {
            if let Some(open) = embedded_trailer_start(text, line) {
                if let Some((authors, editors)) = parse_trailer(text, open, line.end as usize) {
                    if open > body_start {
                        meta.authors.extend(authors);
                        meta.editors.extend(editors);
                        trailer = Some(Span::new(open, line.end as usize));
                        body_end = open;
                    }
                }
            }
        }
        break;
    }
    meta.trailer = trailer;
    for names in [&mut meta.authors, &mut meta.editors] {
        names.sort_by_key(|f| f.span);
        // One entry per person: the first mention is kept as the evidence.
        let mut seen: Vec<String> = Vec::new();
        names.retain(|f| {
            let fresh = !seen.contains(&f.text);
            if fresh {
                seen.push(f.text.clone());
            }
            fresh
        });
    }
    let body = trimmed(text, body_start, body_end.max(body_start));
    Layout { meta, body }
}

/// Non-empty lines of `text`, trimmed, in order.
fn nonempty_lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0usize;
    for line in text.split('\n') {
        let span = trimmed(text, start, start + line.len());
        if !span.is_empty() {
            out.push(span);
        }
        start += line.len() + 1;
    }
    out
}

/// `[start, end)` of `text` with surrounding whitespace removed (empty span at `start` if blank).
fn trimmed(text: &str, start: usize, end: usize) -> Span {
    let Some(s) = text.get(start..end) else {
        return Span::new(start, start);
    };
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if t.is_empty() {
        return Span::new(start, start);
    }
    Span::new(start + lead, start + lead + t.len())
}

/// A trimmed, non-empty [`Field`] for `[start, end)`.
fn field(text: &str, start: usize, end: usize) -> Option<Field> {
    let span = trimmed(text, start, end);
    let s = text.get(span.range())?;
    (!s.is_empty()).then(|| Field {
        span,
        text: s.to_string(),
    })
}

/// Largest char boundary of `s` not above `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A dateline opening `line`; returns it and where the body text after it starts.
fn parse_dateline_prefix(text: &str, line: Span) -> Option<(Dateline, usize)> {
    let s = line.slice(text);
    let base = line.start as usize;
    let window = s.get(..floor_boundary(s, 120))?;
    let (sep_at, sep_len) = ["--", "—", "–", "―", " - "]
        .iter()
        .filter_map(|sep| window.find(sep).map(|p| (p, sep.len())))
        .min()?;
    let prefix = s.get(..sep_at)?.trim_end();
    if prefix.is_empty() || KICKERS.contains(&prefix.to_lowercase().as_str()) {
        return None;
    }
    let mut a = 0usize;
    let mut b = prefix.len();
    let mut outlet = None;
    if prefix.starts_with('(') {
        let close = prefix.find(')')?;
        outlet = Some((1, close));
        a = close + 1;
    } else if prefix.ends_with(')') {
        let open = prefix.rfind('(')?;
        outlet = Some((open + 1, b - 1));
        b = open;
    } else if prefix.ends_with('/') && b >= 2 {
        let open = prefix.get(..b - 1)?.rfind('/')?;
        outlet = Some((open + 1, b - 1));
        b = open;
    }
    let outlet = match outlet {
        Some((os, oe)) => {
            let name = prefix.get(os..oe)?.trim();
            let ok = (1..=40).contains(&name.len())
                && name.chars().next().is_some_and(char::is_uppercase)
                && name.split_whitespace().count() <= 4
                && !name.contains([':', ',', ';']);
            if !ok {
                return None;
            }
            field(text, base + os, base + oe)
        }
        None => None,
    };
    // Remaining: place and/or date, comma separated.
    let rest_span = trimmed(text, base + a, base + b);
    let mut place: Option<Span> = None;
    let mut first_place_part: Option<Span> = None;
    let mut place_parts = 0usize;
    let mut date: Option<PartialDate> = None;
    let mut date_span: Option<Span> = None;
    let mut part_start = rest_span.start as usize;
    let rest_text = rest_span.slice(text);
    if !rest_text.is_empty() {
        for part in rest_text.split(',') {
            let span = trimmed(text, part_start, part_start + part.len());
            part_start += part.len() + 1;
            let p = span.slice(text);
            if p.is_empty() {
                continue;
            }
            if date.is_none() {
                if let Some(d) = parse_month_day(p) {
                    date = Some(d);
                    date_span = Some(span);
                    continue;
                }
            } else if date.is_some_and(|d| d.year.is_none()) {
                if let Some(y) = parse_year(p) {
                    date = date.map(|d| PartialDate { year: Some(y), ..d });
                    date_span = date_span.map(|s| s.cover(span));
                    continue;
                }
            }
            // City (at most three words: `SALT LAKE CITY`) then at most one region (`Calif.`).
            if date.is_none()
                && place_parts < 2
                && is_place_like(p)
                && p.split_whitespace().count() <= 3
            {
                place_parts += 1;
                place = Some(place.map_or(span, |s| s.cover(span)));
                first_place_part = first_place_part.or(Some(span));
                continue;
            }
            return None;
        }
    }
    let place_text = first_place_part.map(|s| s.slice(text)).unwrap_or("");
    let all_caps = place_text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && place_text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    match (&outlet, place, date) {
        (None, None, None) => return None,
        // "Washington, May 16 -" is still a dateline; a plain title-case phrase is not.
        (None, Some(_), None) if !all_caps => return None,
        (Some(_), Some(_), None) if !all_caps && place_text.split_whitespace().count() > 3 => {
            return None
        }
        _ => {}
    }
    let sep_end = sep_at + sep_len;
    let dateline_end = base + sep_end;
    let body_from = {
        let after = text.get(dateline_end..).unwrap_or("");
        dateline_end + (after.len() - after.trim_start().len())
    };
    let dateline_span = Span::new(
        base,
        base + s.get(..sep_end).map_or(sep_end, |d| d.trim_end().len()),
    );
    Some((
        Dateline {
            span: dateline_span,
            place: place.and_then(|p| field(text, p.start as usize, p.end as usize)),
            outlet,
            date,
            date_span,
        },
        body_from,
    ))
}

/// A line that is only a date: `Friday, July 21, 2017`, `May 16`, `2024-03-03`.
fn parse_date_line(text: &str, line: Span) -> Option<Dateline> {
    let s = line.slice(text);
    if s.len() > 40 {
        return None;
    }
    let date = parse_iso_date(s).or_else(|| {
        let parts: Vec<&str> = s.split(',').map(str::trim).collect();
        let mut i = 0;
        if parts
            .first()
            .is_some_and(|p| WEEKDAYS.contains(&p.trim_end_matches('.').to_lowercase().as_str()))
        {
            i = 1;
        }
        let mut d = parse_month_day(parts.get(i)?)?;
        match parts.get(i + 1) {
            Some(y) if d.year.is_none() => d.year = Some(parse_year(y)?),
            Some(_) => return None,
            None => {}
        }
        (parts.len() <= i + 2).then_some(d)
    })?;
    Some(Dateline {
        span: line,
        place: None,
        outlet: None,
        date: Some(date),
        date_span: Some(line),
    })
}

fn parse_iso_date(s: &str) -> Option<PartialDate> {
    let mut it = s.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let month: u32 = m.parse().ok()?;
    let day: u32 = d.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(PartialDate {
        year: Some(year),
        month: Some(month),
        day: Some(day),
    })
}

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == w).map(|(_, m)| *m)
}

fn parse_day(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if w.is_empty() || w.len() > 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let suffix = word.get(w.len()..).unwrap_or("");
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    w.parse().ok().filter(|d| (1..=31).contains(d))
}

fn parse_year(word: &str) -> Option<i32> {
    let w = word.trim();
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1800..=2200).contains(y))
}

/// `May 16`, `Jan. 5`, `16 May`, `March 3 2024` (a comma-separated year is handled by callers).
fn parse_month_day(part: &str) -> Option<PartialDate> {
    let words: Vec<&str> = part.split_whitespace().collect();
    let (month, day, year) = match words.as_slice() {
        [m, d] if month_number(m).is_some() => (month_number(m)?, parse_day(d)?, None),
        [d, m] if month_number(m).is_some() => (month_number(m)?, parse_day(d)?, None),
        [m, d, y] if month_number(m).is_some() => {
            (month_number(m)?, parse_day(d)?, Some(parse_year(y)?))
        }
        [d, m, y] if month_number(m).is_some() => {
            (month_number(m)?, parse_day(d)?, Some(parse_year(y)?))
        }
        _ => return None,
    };
    Some(PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    })
}

/// A short capitalised place name: `BEIJING`, `New York`, `Calif.`.
fn is_place_like(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && p.len() <= 40
        && !p.chars().any(|c| c.is_ascii_digit())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || NAME_PARTICLES.contains(&w.to_lowercase().as_str())
        })
        && p.chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '.' | '-' | '\'' | '’'))
}

/// `By Jane Doe and John Roe`, `By Jane Doe, Reuters`: the authors and an outlet if named.
fn parse_byline(text: &str, line: Span) -> Option<(Vec<Field>, Option<Field>)> {
    let s = line.slice(text);
    if s.len() > 150 || !(s.starts_with("By ") || s.starts_with("BY ") || s.starts_with("by ")) {
        return None;
    }
    let base = line.start as usize;
    let parts = split_names(text, base + 3, line.end as usize);
    let mut authors = Vec::new();
    let mut outlet = None;
    let count = parts.len();
    for (i, part) in parts.into_iter().enumerate() {
        let p = part.slice(text);
        let lower = p.to_lowercase();
        if i + 1 == count
            && i > 0
            && (BYLINE_OUTLETS.contains(&lower.as_str()) || is_outlet_like(p))
        {
            outlet = field(text, part.start as usize, part.end as usize);
            continue;
        }
        if !is_person_name(p) {
            return None;
        }
        authors.extend(field(text, part.start as usize, part.end as usize));
    }
    (!authors.is_empty()).then_some((authors, outlet))
}

fn is_outlet_like(p: &str) -> bool {
    [
        "News",
        "Times",
        "Post",
        "Journal",
        "Press",
        "Daily",
        "Herald",
        "Agency",
        "Tribune",
        "Wire",
        "Staff",
        "Correspondent",
        "Writer",
        "Reporter",
    ]
    .iter()
    .any(|w| p.split_whitespace().any(|x| x == *w))
}

/// A personal name: one to five capitalised words (particles allowed), no digits.
fn is_person_name(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && p.len() <= 60
        && words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || NAME_PARTICLES.contains(&w.to_lowercase().as_str())
        })
        && p.chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '.' | '-' | '\'' | '’'))
}

/// Splits `[start, end)` into name spans at `,`, ` and `, ` & `; trims each and drops empties.
fn split_names(text: &str, start: usize, end: usize) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut piece_start = start;
    let mut i = start;
    let end = end.min(bytes.len());
    while i < end {
        let sep_len = if bytes.get(i) == Some(&b',') {
            1
        } else if bytes
            .get(i..i + 5)
            .is_some_and(|w| w.eq_ignore_ascii_case(b" and "))
        {
            5
        } else if bytes.get(i..i + 3) == Some(b" & ") {
            3
        } else {
            0
        };
        if sep_len > 0 && i + sep_len <= end {
            let span = trimmed(text, piece_start, i);
            if !span.is_empty() {
                out.push(span);
            }
            i += sep_len;
            piece_start = i;
        } else {
            i += 1;
        }
    }
    let span = trimmed(text, piece_start, end);
    if !span.is_empty() {
        out.push(span);
    }
    out
}

/// Where `(Reporting by ...)`-style credits start inside the last line, if they close it.
fn embedded_trailer_start(text: &str, line: Span) -> Option<usize> {
    let s = line.slice(text);
    if !s.ends_with(')') {
        return None;
    }
    let open = s.rfind('(')?;
    let inner = s.get(open + 1..)?.to_lowercase();
    TRAILER_OPENERS
        .iter()
        .any(|(opener, _)| inner.starts_with(opener))
        .then_some(line.start as usize + open)
}

/// A credits trailer in `[start, end)`: `(Reporting by X in Place; Editing by Y)`, `Editors: A, B`.
/// Returns (authors, editors); `None` when the text does not open with a credit clause.
fn parse_trailer(text: &str, start: usize, end: usize) -> Option<(Vec<Field>, Vec<Field>)> {
    let span = trimmed(text, start, end);
    let (mut s, mut e) = (span.start as usize, span.end as usize);
    let raw = span.slice(text);
    if raw.starts_with('(') && raw.ends_with(')') && raw.len() >= 2 {
        s += 1;
        e -= 1;
    }
    let content = text.get(s..e)?;
    let mut authors = Vec::new();
    let mut editors = Vec::new();
    let mut clause_start = s;
    let mut matched_first = false;
    for (n, clause) in content.split(';').enumerate() {
        let cspan = trimmed(text, clause_start, clause_start + clause.len());
        clause_start += clause.len() + 1;
        let c = cspan.slice(text);
        let lower = c.to_lowercase();
        let Some((opener, is_editor)) = TRAILER_OPENERS.iter().find(|(o, _)| lower.starts_with(o))
        else {
            if n == 0 {
                return None;
            }
            continue;
        };
        if n == 0 {
            matched_first = true;
        }
        let names_start = cspan.start as usize + opener.len();
        for part in split_names(text, names_start, cspan.end as usize) {
            let name = strip_place_suffix(text, part);
            let p = name.slice(text);
            if !is_person_name(p) {
                continue;
            }
            if let Some(f) = field(text, name.start as usize, name.end as usize) {
                if *is_editor {
                    editors.push(f)
                } else {
                    authors.push(f)
                }
            }
        }
    }
    (matched_first && (!authors.is_empty() || !editors.is_empty())).then_some((authors, editors))
}

/// `Jane Doe in Beijing` -> `Jane Doe`; also drops a trailing period.
fn strip_place_suffix(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let mut end = s.len();
    if let Some(p) = s.find(" in ") {
        if s.get(p + 4..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_uppercase)
        {
            end = p;
        }
    }
    let kept = s.get(..end).unwrap_or(s).trim_end().trim_end_matches('.');
    Span::new(span.start as usize, span.start as usize + kept.len())
}

/// A first line that reads as a headline: short, no sentence-final period or comma at its end,
/// and followed by a line that does not continue it in lowercase.
fn looks_like_headline(text: &str, line: Span, next: Option<Span>) -> bool {
    let s = line.slice(text);
    let Some(next) = next else { return false };
    // The last char that is not a closing quote or bracket (`He said “we won.”` ends with `.`).
    let Some(last) = s.chars().rev().find(|c| !super::segment::is_closer(*c)) else {
        return false;
    };
    // Some feeds end headlines with a period; Title Case still marks them, and so does a short
    // sentence standing as its own paragraph above a much longer one.
    let ending_ok = !matches!(last, '.' | ',' | ';' | ':' | '-' | '—' | '…')
        || (last == '.' && (is_title_case(s) || short_line_over_long_paragraph(text, line, next)));
    s.chars().count() <= 200
        && ending_ok
        && super::segment::split_sentences(text, line).len() == 1
        && s.chars().any(char::is_alphabetic)
        && next
            .slice(text)
            .chars()
            .find(|c| !super::segment::is_opener(*c))
            .is_some_and(|c| !c.is_lowercase())
        && parse_trailer(text, line.start as usize, line.end as usize).is_none()
}

/// Most words a sentence-case headline ending with a period may have.
const SENTENCE_HEADLINE_WORDS: usize = 16;

/// A short sentence (at most [`SENTENCE_HEADLINE_WORDS`] words) that is a paragraph of its own
/// (a blank line follows) above a paragraph at least half as long again and of a dozen words or
/// more: "Clinton says she won't rule out a female running mate.\n\nBernie Sanders' plan
/// would ...". A one-sentence lede is longer than the paragraph after it as often as not, so the
/// margin is wide.
fn short_line_over_long_paragraph(text: &str, line: Span, next: Span) -> bool {
    let words = line.slice(text).split_whitespace().count();
    let next_words = next.slice(text).split_whitespace().count();
    let gap = text
        .get(line.end as usize..next.start as usize)
        .unwrap_or("");
    words <= SENTENCE_HEADLINE_WORDS
        && gap.matches('\n').count() >= 2
        && next_words >= 12
        && 2 * next_words >= 3 * words
}

/// Title Case: at least three words with letters, and at least 80% of those that are not
/// short function words start with a capital letter.
fn is_title_case(s: &str) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "at", "by", "with", "as",
        "vs", "from",
    ];
    let mut content = 0usize;
    let mut capitalised = 0usize;
    for word in s.split_whitespace() {
        let core: String = word
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '\'' || *c == '’')
            .collect();
        let Some(first) = core.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        if SMALL.contains(&core.to_lowercase().as_str()) {
            continue;
        }
        content += 1;
        if first.is_uppercase() {
            capitalised += 1;
        }
    }
    content >= 3 && capitalised * 5 >= content * 4
}

/// A short first line (even one ending with a period, as some feeds print headlines) that is
/// directly followed by a dateline, a date line or a byline is a title.
fn title_before_header(text: &str, line: Span, next: Option<Span>) -> bool {
    let Some(next) = next else { return false };
    line.slice(text).chars().count() <= 200
        && line.slice(text).chars().any(char::is_alphabetic)
        && (parse_dateline_prefix(text, next).is_some()
            || parse_date_line(text, next).is_some()
            || parse_byline(text, next).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(f: &Option<Field>) -> Option<&str> {
        f.as_ref().map(|f| f.text.as_str())
    }

    #[test]
    fn dateline_table() {
        // (text, place, outlet, (year, month, day), body starts with)
        type Row = (
            &'static str,
            Option<&'static str>,
            Option<&'static str>,
            Option<(Option<i32>, u32, u32)>,
            &'static str,
        );
        let cases: &[Row] = &[
            (
                "(Yicai) May 16 -- International giant",
                None,
                Some("Yicai"),
                Some((None, 5, 16)),
                "International",
            ),
            (
                "WASHINGTON (Reuters) - The Fed said",
                Some("WASHINGTON"),
                Some("Reuters"),
                None,
                "The Fed",
            ),
            (
                "BEIJING, May 16 (Xinhua) -- China said",
                Some("BEIJING"),
                Some("Xinhua"),
                Some((None, 5, 16)),
                "China",
            ),
            (
                "LONDON, Jan 5 (AP) — Britain said",
                Some("LONDON"),
                Some("AP"),
                Some((None, 1, 5)),
                "Britain",
            ),
            (
                "NEW YORK, March 3, 2024 /PRNewswire/ -- Acme Corp announced",
                Some("NEW YORK"),
                Some("PRNewswire"),
                Some((Some(2024), 3, 3)),
                "Acme",
            ),
            (
                "SAN FRANCISCO, Calif. -- Apple said",
                Some("SAN FRANCISCO, Calif."),
                None,
                None,
                "Apple",
            ),
            (
                "NEW YORK — Stocks fell",
                Some("NEW YORK"),
                None,
                None,
                "Stocks",
            ),
            (
                "Jan. 5 (Reuters) - Oil rose",
                None,
                Some("Reuters"),
                Some((None, 1, 5)),
                "Oil",
            ),
            (
                "May 16, 2024 -- Acme said",
                None,
                None,
                Some((Some(2024), 5, 16)),
                "Acme",
            ),
        ];
        for (text, place, outlet, date, body) in cases {
            let layout = detect(text);
            let dl = layout
                .meta
                .dateline
                .as_ref()
                .unwrap_or_else(|| panic!("no dateline in {text:?}"));
            assert_eq!(text_of(&dl.place), *place, "{text}");
            assert_eq!(text_of(&dl.outlet), *outlet, "{text}");
            assert_eq!(
                dl.date
                    .map(|d| (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0))),
                *date,
                "{text}"
            );
            assert!(
                layout.body.slice(text).starts_with(body),
                "{text}: body {:?}",
                layout.body.slice(text)
            );
            assert!(
                dl.span.slice(text).ends_with(['-', '—']),
                "{text}: {:?}",
                dl.span.slice(text)
            );
        }
    }

    #[test]
    fn not_datelines() {
        for text in [
            "EXCLUSIVE – Officials said the plan failed.",
            "UPDATE 2 - Shares fell.",
            "IOWA POLLS NOT NECESSARILY WRONG, JUST TOO EARLY - Polls said.",
            "The company - which makes chips - said profit rose.",
            "Apple — the iPhone maker — said sales rose.",
            "Shares rose 5% on Monday.",
            "On May 16 - the day of the vote - turnout rose.",
            "Amazon (NASDAQ: AMZN) - shares rose.",
        ] {
            assert!(detect(text).meta.dateline.is_none(), "{text}");
        }
    }

    #[test]
    fn trailer_table() {
        // (text, authors, editors)
        let cases: &[(&str, &[&str], &[&str])] = &[
            ("Body text.\nEditors: Tang Shihua, Futura Costaglione", &[], &["Tang Shihua", "Futura Costaglione"]),
            ("Body text.\nReporting by Jane Doe; Editing by John Roe", &["Jane Doe"], &["John Roe"]),
            (
                "Body text.\n(Reporting by Jane Doe in Beijing; Additional reporting by Ann Lee; Editing by Tom Hogue and Kim Coghill)",
                &["Jane Doe", "Ann Lee"],
                &["Tom Hogue", "Kim Coghill"],
            ),
            ("Body text. (Writing by Ann Lee; Editing by Bob Roe)", &["Ann Lee"], &["Bob Roe"]),
            ("Body text.\nWriting by Ann Lee\nEditing by Bob Roe", &["Ann Lee"], &["Bob Roe"]),
        ];
        for (text, authors, editors) in cases {
            let layout = detect(text);
            let a: Vec<&str> = layout
                .meta
                .authors
                .iter()
                .map(|f| f.text.as_str())
                .collect();
            let e: Vec<&str> = layout
                .meta
                .editors
                .iter()
                .map(|f| f.text.as_str())
                .collect();
            assert_eq!((a.as_slice(), e.as_slice()), (*authors, *editors), "{text}");
            assert_eq!(layout.body.slice(text), "Body text.", "{text}");
            assert!(layout.meta.trailer.is_some());
        }
        // Prose that mentions editing is not a trailer.
        let layout = detect("Body.\nEditing by hand is slow, he said.");
        assert!(layout.meta.trailer.is_none());
    }

    #[test]
    fn byline_table() {
        // (text, authors, outlet)
        let cases: &[(&str, &[&str], Option<&str>)] = &[
            (
                "By Jane Doe and John Roe\nText here.",
                &["Jane Doe", "John Roe"],
                None,
            ),
            (
                "By Jane Doe, Reuters\nText here.",
                &["Jane Doe"],
                Some("Reuters"),
            ),
            (
                "By Ana de la Cruz, Bloomberg News\nText here.",
                &["Ana de la Cruz"],
                Some("Bloomberg News"),
            ),
        ];
        for (text, authors, outlet) in cases {
            let layout = detect(text);
            let a: Vec<&str> = layout
                .meta
                .authors
                .iter()
                .map(|f| f.text.as_str())
                .collect();
            assert_eq!(a.as_slice(), *authors, "{text}");
            assert_eq!(text_of(&layout.meta.outlet), *outlet, "{text}");
            assert_eq!(layout.body.slice(text), "Text here.");
        }
        assert!(detect("By the end of the year, sales rose.\nMore.")
            .meta
            .byline
            .is_none());
    }

    #[test]
    fn headline_and_date_line() {
        let text =
            "After visa snags, team honored\n\nFriday, July 21, 2017\n\nA group of teenagers won.";
        let layout = detect(text);
        assert_eq!(
            text_of(&layout.meta.headline),
            Some("After visa snags, team honored")
        );
        let dl = layout.meta.dateline.expect("date line");
        assert_eq!(
            dl.date,
            Some(PartialDate {
                year: Some(2017),
                month: Some(7),
                day: Some(21)
            })
        );
        assert_eq!(layout.body.slice(text), "A group of teenagers won.");
        // One line, or a first line ending with a period: no headline.
        assert!(detect("Just one line").meta.headline.is_none());
        assert!(detect("A sentence.\nAnother one.").meta.headline.is_none());
        assert!(
            detect("He said “we won.”\nThen he left.")
                .meta
                .headline
                .is_none(),
            "period inside closing quote"
        );
        assert!(
            detect("It rose. Then it fell\nMore text.")
                .meta
                .headline
                .is_none(),
            "two sentences on the line"
        );
        assert_eq!(
            text_of(&detect("Is this the end?\nMaybe not.").meta.headline),
            Some("Is this the end?")
        );
        let titled = "John McCain: Populist Anger Appeals to ‘Bad Angels Of Our Nature.’\n\nSenator John McCain says so.";
        assert_eq!(
            text_of(&detect(titled).meta.headline),
            Some("John McCain: Populist Anger Appeals to ‘Bad Angels Of Our Nature.’")
        );
        assert!(
            detect("Senator John McCain says so.\n\nHe left.")
                .meta
                .headline
                .is_none(),
            "sentence case with period"
        );
        // A short sentence-case line over a much longer paragraph is a headline, even with a
        // period; over a short paragraph, or without a blank line between, it is body text.
        let text = "Clinton says she won't rule out a female running mate.\n\nBernie Sanders' plan would \"end all the kinds of health care we know,\" Hillary Clinton declared in an interview Thursday.";
        let layout = detect(text);
        assert_eq!(
            text_of(&layout.meta.headline),
            Some("Clinton says she won't rule out a female running mate.")
        );
        assert!(layout.body.slice(text).starts_with("Bernie Sanders' plan"));
        assert!(
            detect("The market fell today.\nInvestors sold shares of banks, insurers and carmakers after the central bank said rates would rise.")
                .meta
                .headline
                .is_none(),
            "no blank line"
        );
        assert!(
            detect("The market fell today as investors sold shares of banks, insurers and carmakers after the bank spoke.\n\nThe central bank said rates would rise again next month, and perhaps in June.")
                .meta
                .headline
                .is_none(),
            "a long first sentence is a lede"
        );
        // A headline printed with a period is still a title when a dateline follows it.
        let text = "All eggs in N.H. and Iowa baskets.\n\nNASHUA, N.H. - At the moment he won.";
        let layout = detect(text);
        assert_eq!(
            text_of(&layout.meta.headline),
            Some("All eggs in N.H. and Iowa baskets.")
        );
        let dl = layout.meta.dateline.expect("dateline after headline");
        assert_eq!(text_of(&dl.place), Some("NASHUA, N.H."));
        assert_eq!(layout.body.slice(text), "At the moment he won.");
        // Headline and deck before a dateline on the third line.
        let text = "Germany targets vitriol.\n\nAs hate speech grows, so does debate.\n\nBERLIN - Donald Trump spoke.";
        let layout = detect(text);
        assert_eq!(
            text_of(&layout.meta.headline),
            Some("Germany targets vitriol.")
        );
        let decks: Vec<&str> = layout
            .meta
            .subheadlines
            .iter()
            .map(|f| f.text.as_str())
            .collect();
        assert_eq!(decks, ["As hate speech grows, so does debate."]);
        assert_eq!(layout.body.slice(text), "Donald Trump spoke.");
    }
}
