//! Cleaning: raw scraped text (plain or HTML) -> clean text with an alignment back to the original.
//!
//! Owns [`CleanText`] (the clean text plus the piecewise map clean byte -> original byte),
//! [`Removal`] and [`RemovalKind`]. One left-to-right pass removes markup, comments,
//! script/style bodies, PHP/template fragments, junk code lines, control and invisible
//! characters, decodes character entities and normalises odd whitespace, while keeping line
//! and paragraph breaks. Every byte of the clean text belongs to exactly one alignment piece:
//! a verbatim copy of original bytes, or an atomic replacement standing for an original range
//! (an entity, a normalised whitespace character, or a line break inserted for a block tag,
//! which stands for the empty range at the tag's end). Runs in linear time: every search for a
//! closing delimiter is cached so hostile input cannot make it rescan.
//! Depends on `crate::span` and [`super::ContentKind`] only.

use std::ops::Range;

use super::ContentKind;
use crate::span::Span;

/// One stretch of the alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    clean_start: usize,
    clean_len: usize,
    orig_start: usize,
    orig_len: usize,
    /// Clean bytes are an exact copy of the original bytes (so offsets map one to one).
    verbatim: bool,
}

/// The clean text of an article and its alignment to the original input.
#[derive(Clone, Debug, Default)]
pub struct CleanText {
    text: String,
    pieces: Vec<Piece>,
    original_len: usize,
}

impl CleanText {
    /// The clean text all [`Span`]s index.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length of the clean text in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// True when nothing survived cleaning.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The original byte range whose text is the surface of `span`.
    ///
    /// The result is always on char boundaries of the original and never starts or ends inside
    /// removed noise. A span covering a decoded entity maps to the whole entity (`&amp;`); a
    /// span that crosses removed markup maps to a range that includes it (use
    /// [`CleanText::is_verbatim`] to know whether `&original[range]` equals the clean surface).
    /// Spans not on clean char boundaries are widened to them; out-of-range spans are clamped.
    pub fn to_original(&self, span: Span) -> Range<usize> {
        let len = self.text.len();
        let mut start = (span.start as usize).min(len);
        let mut end = (span.end as usize).min(len).max(start);
        while start > 0 && !self.text.is_char_boundary(start) {
            start -= 1;
        }
        while end < len && !self.text.is_char_boundary(end) {
            end += 1;
        }
        if start == end {
            let at = self.point_to_original(start);
            return at..at;
        }
        let orig_start = match self.piece_at(start) {
            Some(p) if p.verbatim => p.orig_start + (start - p.clean_start),
            Some(p) => p.orig_start,
            None => self.original_len,
        };
        let orig_end = match self.piece_at(end - 1) {
            Some(p) if p.verbatim => p.orig_start + (end - p.clean_start),
            Some(p) => p.orig_start + p.orig_len,
            None => self.original_len,
        };
        orig_start..orig_end.max(orig_start)
    }

    /// True when `span` is non-empty and its clean bytes are an unbroken verbatim copy of the
    /// original (no entity decoded, no whitespace normalised, nothing removed inside it), so
    /// `&original[self.to_original(span)] == span.slice(self.as_str())`.
    pub fn is_verbatim(&self, span: Span) -> bool {
        let (start, end) = (span.start as usize, span.end as usize);
        if start >= end || end > self.text.len() {
            return false;
        }
        match self.piece_at(start) {
            Some(p) => p.verbatim && end <= p.clean_start + p.clean_len,
            None => false,
        }
    }

    /// Original position of the clean point `pos` (a boundary between clean bytes).
    fn point_to_original(&self, pos: usize) -> usize {
        if pos < self.text.len() {
            match self.piece_at(pos) {
                Some(p) if p.verbatim => p.orig_start + (pos - p.clean_start),
                Some(p) => p.orig_start,
                None => self.original_len,
            }
        } else {
            // The end of the clean text is the end of the original: trailing noise may have
            // been removed (and merged into one removal), and a point must not land inside it.
            self.original_len
        }
    }

    /// The piece covering clean byte `pos`.
    fn piece_at(&self, pos: usize) -> Option<&Piece> {
        let idx = self.pieces.partition_point(|p| p.clean_start <= pos);
        let piece = self.pieces.get(idx.checked_sub(1)?)?;
        (pos < piece.clean_start + piece.clean_len).then_some(piece)
    }
}

/// What kind of noise a [`Removal`] stripped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RemovalKind {
    /// An HTML/XML tag such as `<p class="x">` or `</div>`.
    Tag,
    /// An HTML comment `<!-- ... -->`.
    Comment,
    /// A `<script>`, `<style>`, `<noscript>`, `<template>`, `<svg>` or `<iframe>` element with its content.
    ScriptOrStyle,
    /// A processing instruction or server code block: `<?php ... ?>`, `<?xml ... ?>`.
    ProcessingInstruction,
    /// A template placeholder such as `{{ title }}` or `{% if x %}`.
    TemplateMarkup,
    /// A line of stray code punctuation such as `} ?>` or `});`.
    CodeLine,
    /// C0/C1 control characters (NUL, BEL, ...).
    ControlCharacter,
    /// Invisible format characters: zero-width space, word joiner, BOM, soft hyphen.
    InvisibleCharacter,
}

/// Noise stripped from the original input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removal {
    /// What was stripped.
    pub kind: RemovalKind,
    /// Byte range in the ORIGINAL text (on char boundaries).
    pub original: Range<usize>,
    /// Short human description, quoting (a prefix of) what was removed.
    pub description: String,
}

/// How far a plain-text tag may extend before its `>`; beyond that a `<` is taken as text.
const PLAIN_TAG_MAX: usize = 1024;
/// How far a `<?php ... ?>` block may extend in plain mode before only its line is removed.
const PLAIN_CODE_MAX: usize = 4096;
/// How far a template placeholder or a junk code line may extend.
const TEMPLATE_MAX: usize = 256;
const JUNK_LINE_MAX: usize = 256;

/// Tag names recognised as markup in plain mode (HTML mode treats any `<name` as a tag).
const KNOWN_TAGS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "cite",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "label",
    "li",
    "link",
    "main",
    "mark",
    "meta",
    "nav",
    "noscript",
    "object",
    "ol",
    "option",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "tt",
    "u",
    "ul",
    "video",
    "wbr",
];

/// Elements removed together with their content.
const RAW_CONTENT_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "object",
];

/// Elements that end a paragraph (two line breaks).
const PARAGRAPH_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "div",
    "dl",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "title",
    "ul",
];
/// Elements that end a line (one line break).
const LINE_TAGS: &[&str] = &["br", "dd", "dt", "li", "option", "tr"];
/// Elements that separate words (a space).
const SPACE_TAGS: &[&str] = &["td", "th", "img"];

/// Cached forward search for a fixed needle: the first occurrence at or after `from`.
///
/// Callers ask with non-decreasing or arbitrary `from`; a cached answer is reused whenever it is
/// still the first occurrence at or after `from`, so repeated failing searches cost nothing.
#[derive(Debug)]
struct CachedFind {
    needle: Vec<u8>,
    ignore_case: bool,
    /// (searched from, first hit at or after it)
    cache: Option<(usize, Option<usize>)>,
}

impl CachedFind {
    fn new(needle: &[u8], ignore_case: bool) -> Self {
        CachedFind {
            needle: needle.to_vec(),
            ignore_case,
            cache: None,
        }
    }

    fn find(&mut self, hay: &[u8], from: usize) -> Option<usize> {
        if let Some((searched_from, hit)) = self.cache {
            if searched_from <= from {
                match hit {
                    None => return None,
                    Some(p) if p >= from => return Some(p),
                    Some(_) => {}
                }
            }
        }
        let hit = self.search(hay, from);
        self.cache = Some((from, hit));
        hit
    }

    fn search(&self, hay: &[u8], from: usize) -> Option<usize> {
        let n = self.needle.len();
        let first = *self.needle.first()?;
        let mut i = from;
        while i + n <= hay.len() {
            let b = *hay.get(i)?;
            let first_matches = if self.ignore_case {
                b.eq_ignore_ascii_case(&first)
            } else {
                b == first
            };
            if first_matches {
                let window = hay.get(i..i + n)?;
                let eq = if self.ignore_case {
                    window.eq_ignore_ascii_case(&self.needle)
                } else {
                    window == self.needle.as_slice()
                };
                if eq {
                    return Some(i);
                }
            }
            i += 1;
        }
        None
    }
}

/// What one character of input becomes.
enum CharClass {
    Normal,
    Space,
    LineBreak,
    Invisible,
    Control,
}

fn classify(c: char) -> CharClass {
    match c {
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
            CharClass::LineBreak
        }
        ' '
        | '\t'
        | '\u{A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => CharClass::Space,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' | '\u{180E}' => CharClass::Invisible,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => CharClass::Control,
        _ => CharClass::Normal,
    }
}

/// Accumulates the clean text, the alignment and the removals.
struct Builder<'a> {
    original: &'a str,
    html: bool,
    text: String,
    pieces: Vec<Piece>,
    removals: Vec<(RemovalKind, Range<usize>)>,
    /// HTML mode: whitespace seen but not yet emitted (its original range).
    pending_space: Option<Range<usize>>,
    /// Line breaks (1 or 2) wanted before the next visible text.
    pending_breaks: u8,
}

impl<'a> Builder<'a> {
    fn push_piece(&mut self, clean: &str, orig: Range<usize>, verbatim: bool) {
        if clean.is_empty() {
            return;
        }
        let clean_start = self.text.len();
        self.text.push_str(clean);
        if verbatim {
            if let Some(last) = self.pieces.last_mut() {
                if last.verbatim
                    && last.clean_start + last.clean_len == clean_start
                    && last.orig_start + last.orig_len == orig.start
                {
                    last.clean_len += clean.len();
                    last.orig_len += orig.len();
                    return;
                }
            }
        }
        self.pieces.push(Piece {
            clean_start,
            clean_len: clean.len(),
            orig_start: orig.start,
            orig_len: orig.end.saturating_sub(orig.start),
            verbatim,
        });
    }

    /// Emits whatever whitespace is owed before visible text at original position `at`.
    fn settle_pending(&mut self, at: usize) {
        let breaks = std::mem::take(&mut self.pending_breaks);
        let space = self.pending_space.take();
        if self.text.is_empty() {
            return;
        }
        if breaks > 0 {
            let have = trailing_newlines(&self.text);
            for _ in have..usize::from(breaks) {
                self.push_piece("\n", at..at, false);
            }
        } else if let Some(ws) = space {
            if !self.text.ends_with([' ', '\n']) {
                self.push_piece(" ", ws, false);
            }
        }
    }

    /// Visible text copied verbatim.
    fn keep(&mut self, orig: Range<usize>) {
        if self.pending_breaks > 0 || self.pending_space.is_some() {
            self.settle_pending(orig.start);
        }
        if let Some(s) = self.original.get(orig.clone()) {
            self.push_piece(s, orig, true);
        }
    }

    /// Visible text standing for `orig` (a decoded entity).
    fn replace(&mut self, clean: &str, orig: Range<usize>) {
        if self.pending_breaks > 0 || self.pending_space.is_some() {
            self.settle_pending(orig.start);
        }
        self.push_piece(clean, orig, false);
    }

    fn whitespace(&mut self, orig: Range<usize>, line_break: bool, is_plain_space: bool) {
        if self.html {
            if self.pending_space.is_none() {
                self.pending_space = Some(orig);
            }
        } else if line_break {
            let is_newline = self.original.get(orig.clone()) == Some("\n");
            self.push_piece("\n", orig, is_newline);
        } else {
            self.push_piece(" ", orig, is_plain_space);
        }
    }

    /// A block-level tag ended at original position `at`.
    fn block_break(&mut self, breaks: u8, at: usize) {
        if self.html {
            self.pending_breaks = self.pending_breaks.max(breaks);
            self.pending_space = None;
        } else if !self.text.is_empty() {
            let have = trailing_newlines(&self.text);
            for _ in have..usize::from(breaks) {
                self.push_piece("\n", at..at, false);
            }
        }
    }

    fn word_gap(&mut self, orig: Range<usize>) {
        if self.html {
            if self.pending_space.is_none() {
                self.pending_space = Some(orig.end..orig.end);
            }
        } else if !self.text.is_empty() && !self.text.ends_with(char::is_whitespace) {
            self.push_piece(" ", orig.end..orig.end, false);
        }
    }

    fn remove(&mut self, kind: RemovalKind, orig: Range<usize>) {
        if orig.is_empty() {
            return;
        }
        if let Some((last_kind, last)) = self.removals.last_mut() {
            if *last_kind == kind && last.end == orig.start {
                last.end = orig.end;
                return;
            }
        }
        self.removals.push((kind, orig));
    }
}

fn trailing_newlines(text: &str) -> usize {
    text.bytes()
        .rev()
        .take_while(|&b| b == b'\n')
        .take(2)
        .count()
}

/// The markup construct found at a `<`.
struct Markup {
    end: usize,
    kind: RemovalKind,
    /// 0: nothing, 1: line break, 2: paragraph break, 3: word gap.
    effect: u8,
}

struct Finders {
    gt: CachedFind,
    comment_end: CachedFind,
    pi_end: CachedFind,
    newline: CachedFind,
    template_end: CachedFind,
    tag_template_end: CachedFind,
    raw_closers: Vec<(&'static str, CachedFind)>,
}

impl Finders {
    fn new() -> Self {
        Finders {
            gt: CachedFind::new(b">", false),
            comment_end: CachedFind::new(b"-->", false),
            pi_end: CachedFind::new(b"?>", false),
            newline: CachedFind::new(b"\n", false),
            template_end: CachedFind::new(b"}}", false),
            tag_template_end: CachedFind::new(b"%}", false),
            raw_closers: RAW_CONTENT_TAGS
                .iter()
                .map(|name| (*name, CachedFind::new(format!("</{name}").as_bytes(), true)))
                .collect(),
        }
    }
}

/// Cleans `original`, returning the clean text with its alignment and the removals (in order).
pub(crate) fn clean(original: &str, kind: ContentKind) -> (CleanText, Vec<Removal>) {
    let html = kind == ContentKind::Html;
    let bytes = original.as_bytes();
    let n = bytes.len();
    let mut b = Builder {
        original,
        html,
        text: String::with_capacity(n),
        pieces: Vec::new(),
        removals: Vec::new(),
        pending_space: None,
        pending_breaks: 0,
    };
    let mut finders = Finders::new();
    let mut i = 0usize;
    let mut at_line_start = true;
    while i < n {
        if at_line_start {
            at_line_start = false;
            if let Some((junk, next)) = junk_line(bytes, i) {
                b.remove(RemovalKind::CodeLine, junk);
                i = next;
                at_line_start = true;
                continue;
            }
        }
        let byte = bytes[i]; // i < n checked by the loop condition
                             // Fast path: a run of ordinary ASCII text.
        if is_plain_ascii(byte) {
            let mut j = i + 1;
            while j < n && is_plain_ascii(bytes[j]) {
                j += 1;
            }
            b.keep(i..j);
            i = j;
            continue;
        }
        match byte {
            b'<' => {
                if let Some(m) = markup_at(bytes, i, html, &mut finders) {
                    b.remove(m.kind, i..m.end);
                    match m.effect {
                        1 | 2 => b.block_break(m.effect, m.end),
                        3 => b.word_gap(i..m.end),
                        _ => {}
                    }
                    i = m.end;
                } else {
                    b.keep(i..i + 1);
                    i += 1;
                }
                continue;
            }
            b'&' => {
                if let Some((end, c)) = entity_at(bytes, i) {
                    handle_char(&mut b, c, i..end, true);
                    i = end;
                } else {
                    b.keep(i..i + 1);
                    i += 1;
                }
                continue;
            }
            b'{' => {
                if let Some(end) = template_at(bytes, i, &mut finders) {
                    b.remove(RemovalKind::TemplateMarkup, i..end);
                    i = end;
                } else {
                    b.keep(i..i + 1);
                    i += 1;
                }
                continue;
            }
            b'\r' => {
                let end = if bytes.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                b.whitespace(i..end, true, false);
                i = end;
                at_line_start = true;
                continue;
            }
            _ => {}
        }
        let Some(c) = original.get(i..).and_then(|s| s.chars().next()) else {
            break; // unreachable: i is always on a char boundary
        };
        let end = i + c.len_utf8();
        if matches!(classify(c), CharClass::LineBreak) {
            at_line_start = true;
        }
        handle_char(&mut b, c, i..end, false);
        i = end;
    }
    let removals = b
        .removals
        .iter()
        .map(|(kind, range)| Removal {
            kind: *kind,
            original: range.clone(),
            description: describe(*kind, original.get(range.clone()).unwrap_or("")),
        })
        .collect();
    (
        CleanText {
            text: b.text,
            pieces: b.pieces,
            original_len: n,
        },
        removals,
    )
}

/// ASCII bytes with no special meaning to the cleaner.
fn is_plain_ascii(b: u8) -> bool {
    (0x20..0x7F).contains(&b) && !matches!(b, b'<' | b'&' | b'{') && (b != b' ')
}

/// Routes one character (literal or decoded from an entity at `orig`) to the builder.
fn handle_char(b: &mut Builder<'_>, c: char, orig: Range<usize>, from_entity: bool) {
    match classify(c) {
        CharClass::Normal => {
            if from_entity {
                let mut buf = [0u8; 4];
                b.replace(c.encode_utf8(&mut buf), orig);
            } else {
                b.keep(orig);
            }
        }
        CharClass::Space => b.whitespace(orig, false, c == ' ' && !from_entity),
        CharClass::LineBreak => b.whitespace(orig, true, false),
        CharClass::Invisible => b.remove(RemovalKind::InvisibleCharacter, orig),
        CharClass::Control => b.remove(RemovalKind::ControlCharacter, orig),
    }
}

/// A whole line (starting at `start`) of stray code punctuation like `} ?>` or `});`.
/// Returns the trimmed junk range and where the next line starts.
fn junk_line(bytes: &[u8], start: usize) -> Option<(Range<usize>, usize)> {
    let limit = bytes.len().min(start.saturating_add(JUNK_LINE_MAX));
    let window = bytes.get(start..limit)?;
    let (line_end, next) = match window.iter().position(|&b| b == b'\n') {
        Some(p) => (start + p, start + p + 1),
        None if limit == bytes.len() => (limit, limit),
        None => return None,
    };
    let line = bytes.get(start..line_end)?;
    let lead = line.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let trail = line
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    if lead + trail >= line.len() {
        return None;
    }
    let content = line.get(lead..line.len() - trail)?;
    let all_code = content.iter().all(|b| {
        matches!(
            b,
            b'{' | b'}'
                | b'('
                | b')'
                | b';'
                | b'?'
                | b'<'
                | b'>'
                | b'['
                | b']'
                | b'/'
                | b'\\'
                | b'$'
                | b'='
                | b' '
                | b'\t'
        )
    });
    let has_marker = content.iter().any(|b| matches!(b, b'{' | b'}' | b';'))
        || content.windows(2).any(|w| w == b"?>");
    (all_code && has_marker).then_some((start + lead..start + lead + content.len(), next))
}

/// `{{ ... }}` or `{% ... %}` on one line, at most [`TEMPLATE_MAX`] bytes.
fn template_at(bytes: &[u8], i: usize, f: &mut Finders) -> Option<usize> {
    let finder = match bytes.get(i + 1)? {
        b'{' => &mut f.template_end,
        b'%' => &mut f.tag_template_end,
        _ => return None,
    };
    let close = finder.find(bytes, i + 2)?;
    let end = close + 2;
    let newline = f.newline.find(bytes, i).unwrap_or(bytes.len());
    (end - i <= TEMPLATE_MAX && close < newline).then_some(end)
}

/// Markup starting with the `<` at `i`, or `None` when the `<` is ordinary text.
fn markup_at(bytes: &[u8], i: usize, html: bool, f: &mut Finders) -> Option<Markup> {
    let n = bytes.len();
    let rest = bytes.get(i..)?;
    if rest.starts_with(b"<!--") {
        let end = match f.comment_end.find(bytes, i + 4) {
            Some(p) => p + 3,
            None if html => n,
            None => return None,
        };
        return Some(Markup {
            end,
            kind: RemovalKind::Comment,
            effect: 0,
        });
    }
    if rest.starts_with(b"<?") {
        let end = if html {
            match f.pi_end.find(bytes, i + 2) {
                Some(p) => p + 2,
                None => f.gt.find(bytes, i + 2).map_or(n, |p| p + 1),
            }
        } else {
            // Plain text: only a clear code opener (`<?php`, `<?xml`, `<?=`), closed within
            // PLAIN_CODE_MAX bytes, else up to the end of its line.
            if !rest
                .get(2)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'=')
            {
                return None;
            }
            match f.pi_end.find(bytes, i + 2) {
                Some(p) if p - i <= PLAIN_CODE_MAX => p + 2,
                _ => f.newline.find(bytes, i).unwrap_or(n),
            }
        };
        return Some(Markup {
            end,
            kind: RemovalKind::ProcessingInstruction,
            effect: 0,
        });
    }
    if rest.starts_with(b"<!") {
        if !html
            && !rest
                .get(..9)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"<!doctype"))
        {
            return None;
        }
        let end = f.gt.find(bytes, i + 2)? + 1;
        return Some(Markup {
            end,
            kind: RemovalKind::Tag,
            effect: 0,
        });
    }
    let closing = rest.get(1) == Some(&b'/');
    let name_start = if closing { i + 2 } else { i + 1 };
    if !bytes.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let name_len = bytes
        .get(name_start..)?
        .iter()
        .take(17)
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
        .count();
    if name_len > 16 {
        return None;
    }
    let after_name = name_start + name_len;
    match bytes.get(after_name) {
        Some(b'>' | b'/') => {}
        Some(b) if b.is_ascii_whitespace() => {}
        _ => return None,
    }
    let name = std::str::from_utf8(bytes.get(name_start..after_name)?)
        .ok()?
        .to_ascii_lowercase();
    if !html && !KNOWN_TAGS.contains(&name.as_str()) {
        return None;
    }
    let gt = f.gt.find(bytes, after_name)?;
    if !html && gt - i > PLAIN_TAG_MAX {
        return None;
    }
    let mut end = gt + 1;
    let self_closing = bytes.get(gt.wrapping_sub(1)) == Some(&b'/');
    if !closing && !self_closing {
        if let Some((_, finder)) = f.raw_closers.iter_mut().find(|(raw, _)| *raw == name) {
            end = match finder.find(bytes, end) {
                Some(p) => f.gt.find(bytes, p).map_or(n, |q| q + 1),
                None if html => n,
                None => end,
            };
            return Some(Markup {
                end,
                kind: RemovalKind::ScriptOrStyle,
                effect: 3,
            });
        }
    }
    let name = name.as_str();
    let effect = if PARAGRAPH_TAGS.contains(&name) {
        2
    } else if LINE_TAGS.contains(&name) {
        if closing && name == "br" {
            1
        } else if closing {
            0
        } else {
            1
        }
    } else if SPACE_TAGS.contains(&name) {
        3
    } else {
        0
    };
    Some(Markup {
        end,
        kind: RemovalKind::Tag,
        effect,
    })
}

/// A character entity at `i` (`&name;`, `&#NNN;`, `&#xHH;`): its end and the character.
fn entity_at(bytes: &[u8], i: usize) -> Option<(usize, char)> {
    let limit = bytes.len().min(i + 34);
    let body = bytes.get(i + 1..limit)?;
    if body.first() == Some(&b'#') {
        let hex = matches!(body.get(1), Some(b'x' | b'X'));
        let digits_start = if hex { 2 } else { 1 };
        let digits = body
            .get(digits_start..)?
            .iter()
            .take(9)
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 || digits > 8 || body.get(digits_start + digits) != Some(&b';') {
            return None;
        }
        let text = std::str::from_utf8(body.get(digits_start..digits_start + digits)?).ok()?;
        let value = u32::from_str_radix(text, if hex { 16 } else { 10 }).ok()?;
        let c = numeric_reference_char(value);
        return Some((i + 1 + digits_start + digits + 1, c));
    }
    let name_len = body
        .iter()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 || body.get(name_len) != Some(&b';') {
        return None;
    }
    let name = std::str::from_utf8(body.get(..name_len)?).ok()?;
    let c = named_entity(name)?;
    Some((i + 1 + name_len + 1, c))
}

/// HTML's rules for `&#N;`: 0x80..0x9F are read as windows-1252, invalid values become U+FFFD.
fn numeric_reference_char(value: u32) -> char {
    const CP1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let mapped = match value {
        0x80..=0x9F => CP1252
            .get((value - 0x80) as usize)
            .copied()
            .unwrap_or(0xFFFD),
        0 => 0xFFFD,
        v => v,
    };
    char::from_u32(mapped).unwrap_or('\u{FFFD}')
}

/// Named entities common in news markup.
fn named_entity(name: &str) -> Option<char> {
    const TABLE: &[(&str, char)] = &[
        ("amp", '&'),
        ("AMP", '&'),
        ("lt", '<'),
        ("LT", '<'),
        ("gt", '>'),
        ("GT", '>'),
        ("quot", '"'),
        ("QUOT", '"'),
        ("apos", '\''),
        ("nbsp", '\u{A0}'),
        ("ensp", '\u{2002}'),
        ("emsp", '\u{2003}'),
        ("thinsp", '\u{2009}'),
        ("zwsp", '\u{200B}'),
        ("zwj", '\u{200D}'),
        ("zwnj", '\u{200C}'),
        ("shy", '\u{AD}'),
        ("lrm", '\u{200E}'),
        ("rlm", '\u{200F}'),
        ("mdash", '—'),
        ("ndash", '–'),
        ("minus", '−'),
        ("hyphen", '‐'),
        ("lsquo", '‘'),
        ("rsquo", '’'),
        ("sbquo", '‚'),
        ("ldquo", '“'),
        ("rdquo", '”'),
        ("bdquo", '„'),
        ("laquo", '«'),
        ("raquo", '»'),
        ("lsaquo", '‹'),
        ("rsaquo", '›'),
        ("prime", '′'),
        ("Prime", '″'),
        ("hellip", '…'),
        ("bull", '•'),
        ("middot", '·'),
        ("dagger", '†'),
        ("Dagger", '‡'),
        ("copy", '©'),
        ("reg", '®'),
        ("trade", '™'),
        ("deg", '°'),
        ("plusmn", '±'),
        ("times", '×'),
        ("divide", '÷'),
        ("frac12", '½'),
        ("frac14", '¼'),
        ("frac34", '¾'),
        ("sup1", '¹'),
        ("sup2", '²'),
        ("sup3", '³'),
        ("permil", '‰'),
        ("micro", 'µ'),
        ("cent", '¢'),
        ("pound", '£'),
        ("yen", '¥'),
        ("euro", '€'),
        ("curren", '¤'),
        ("sect", '§'),
        ("para", '¶'),
        ("iexcl", '¡'),
        ("iquest", '¿'),
        ("ordf", 'ª'),
        ("ordm", 'º'),
        ("larr", '←'),
        ("rarr", '→'),
        ("uarr", '↑'),
        ("darr", '↓'),
        ("aacute", 'á'),
        ("Aacute", 'Á'),
        ("agrave", 'à'),
        ("Agrave", 'À'),
        ("acirc", 'â'),
        ("Acirc", 'Â'),
        ("atilde", 'ã'),
        ("Atilde", 'Ã'),
        ("auml", 'ä'),
        ("Auml", 'Ä'),
        ("aring", 'å'),
        ("Aring", 'Å'),
        ("aelig", 'æ'),
        ("AElig", 'Æ'),
        ("ccedil", 'ç'),
        ("Ccedil", 'Ç'),
        ("eacute", 'é'),
        ("Eacute", 'É'),
        ("egrave", 'è'),
        ("Egrave", 'È'),
        ("ecirc", 'ê'),
        ("Ecirc", 'Ê'),
        ("euml", 'ë'),
        ("Euml", 'Ë'),
        ("iacute", 'í'),
        ("Iacute", 'Í'),
        ("igrave", 'ì'),
        ("Igrave", 'Ì'),
        ("icirc", 'î'),
        ("Icirc", 'Î'),
        ("iuml", 'ï'),
        ("Iuml", 'Ï'),
        ("ntilde", 'ñ'),
        ("Ntilde", 'Ñ'),
        ("oacute", 'ó'),
        ("Oacute", 'Ó'),
        ("ograve", 'ò'),
        ("Ograve", 'Ò'),
        ("ocirc", 'ô'),
        ("Ocirc", 'Ô'),
        ("otilde", 'õ'),
        ("Otilde", 'Õ'),
        ("ouml", 'ö'),
        ("Ouml", 'Ö'),
        ("oslash", 'ø'),
        ("Oslash", 'Ø'),
        ("uacute", 'ú'),
        ("Uacute", 'Ú'),
        ("ugrave", 'ù'),
        ("Ugrave", 'Ù'),
        ("ucirc", 'û'),
        ("Ucirc", 'Û'),
        ("uuml", 'ü'),
        ("Uuml", 'Ü'),
        ("yacute", 'ý'),
        ("Yacute", 'Ý'),
        ("yuml", 'ÿ'),
        ("szlig", 'ß'),
        ("eth", 'ð'),
        ("thorn", 'þ'),
        ("scaron", 'š'),
        ("Scaron", 'Š'),
        ("oelig", 'œ'),
        ("OElig", 'Œ'),
    ];
    TABLE.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Short description of a removal for warnings: kind plus a quoted prefix of the text.
fn describe(kind: RemovalKind, text: &str) -> String {
    let what = match kind {
        RemovalKind::Tag => "markup tag",
        RemovalKind::Comment => "HTML comment",
        RemovalKind::ScriptOrStyle => "script/style element",
        RemovalKind::ProcessingInstruction => "server code block",
        RemovalKind::TemplateMarkup => "template placeholder",
        RemovalKind::CodeLine => "stray code fragment",
        RemovalKind::ControlCharacter | RemovalKind::InvisibleCharacter => {
            let first = text.chars().next().map_or(0, u32::from);
            let count = text.chars().count();
            let noun = if kind == RemovalKind::ControlCharacter {
                "control"
            } else {
                "invisible"
            };
            return format!("{count} {noun} character(s), first U+{first:04X}");
        }
    };
    const MAX_QUOTE: usize = 40;
    let mut quote: String = text
        .chars()
        .take(MAX_QUOTE)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().nth(MAX_QUOTE).is_some() {
        quote.push('…');
    }
    format!("{what} `{quote}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean_plain(s: &str) -> (String, Vec<Removal>) {
        let (c, r) = clean(s, ContentKind::Plain);
        (c.as_str().to_string(), r)
    }

    #[test]
    fn plain_mode_cleaning_table() {
        // (why, input, expected clean text)
        let cases: &[(&str, &str, &str)] = &[
            (
                "stray php close at start",
                "} ?>\n(Yicai) May 16",
                "(Yicai) May 16",
            ),
            (
                "entities",
                "AT&amp;T &lt;3 &#8217;s &#x2019; &mdash; &#146;",
                "AT&T <3 ’s ’ — ’",
            ),
            (
                "lone ampersand and unknown entity stay",
                "R&D & &bogus; &#;",
                "R&D & &bogus; &#;",
            ),
            (
                "known tags stripped, block tags break lines",
                "a<b>b</b>c<br>d<p>e</p>",
                "abc\nd\n\ne\n\n",
            ),
            (
                "less-than that is not a tag",
                "a < b and x<y",
                "a < b and x<y",
            ),
            (
                "unknown pseudo tag kept in plain mode",
                "<Reuters> said",
                "<Reuters> said",
            ),
            (
                "script removed with content",
                "x<script>var a = '<p>';</script>y",
                "x y",
            ),
            ("comment removed", "a<!-- hidden -->b", "ab"),
            ("php block removed", "a<?php echo $x; ?>b", "ab"),
            (
                "unclosed php opener removes its line only",
                "a<?php echo\nnext line",
                "a\nnext line",
            ),
            ("php block across lines", "a<?php\n if ($x) {\n?>b", "ab"),
            ("question after less-than is text", "is x <? y", "is x <? y"),
            (
                "template placeholders removed",
                "Hello {{ user.name }}!{% if x %}",
                "Hello !",
            ),
            (
                "controls and invisibles removed",
                "a\u{0}b\u{200B}c\u{FEFF}d\u{7}",
                "abcd",
            ),
            (
                "odd whitespace normalised",
                "a\u{A0}b\tc\r\nd\re\u{2028}f",
                "a b c\nd\ne\nf",
            ),
            ("nbsp entity becomes space", "5&nbsp;000", "5 000"),
            ("junk line in the middle", "one\n});\ntwo", "one\ntwo"),
            (
                "braces inside prose kept",
                "the set {a, b}; done",
                "the set {a, b}; done",
            ),
        ];
        for (why, input, want) in cases {
            let (got, _) = clean_plain(input);
            assert_eq!(got, *want, "{why}");
        }
    }

    #[test]
    fn html_mode_cleaning_table() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "whitespace collapses, blocks break",
                "<h1>Title\n here</h1>\n<p>One  two.</p><p>Three</p>",
                "Title here\n\nOne two.\n\nThree",
            ),
            (
                "head and style dropped",
                "<html><head><style>p{}</style><title>T</title></head><body>B</body>",
                "T\n\nB",
            ),
            (
                "unknown tags stripped in html",
                "a<foo-bar x=1>b</foo-bar>c",
                "abc",
            ),
            ("unterminated comment eats the rest", "a<!-- b", "a"),
            ("br is a line break", "a<br/>b<br>c", "a\nb\nc"),
            (
                "table cells get spaces",
                "<tr><td>a</td><td>b</td></tr>",
                "a b",
            ),
        ];
        for (why, input, want) in cases {
            let (c, _) = clean(input, ContentKind::Html);
            assert_eq!(c.as_str(), *want, "{why}");
        }
    }

    #[test]
    fn removals_are_recorded_with_original_ranges() {
        let input = "} ?>\nText<b>x</b>\u{0}\u{0}";
        let (_, removals) = clean_plain(input);
        let got: Vec<(RemovalKind, &str)> = removals
            .iter()
            .map(|r| (r.kind, &input[r.original.clone()]))
            .collect();
        assert_eq!(
            got,
            vec![
                (RemovalKind::CodeLine, "} ?>"),
                (RemovalKind::Tag, "<b>"),
                (RemovalKind::Tag, "</b>"),
                (RemovalKind::ControlCharacter, "\u{0}\u{0}")
            ]
        );
        assert_eq!(removals[0].original, 0..4);
        assert_eq!(removals[0].description, "stray code fragment `} ?>`");
        assert_eq!(
            removals[3].description,
            "2 control character(s), first U+0000"
        );
    }

    #[test]
    fn alignment_maps_entities_whole_and_text_verbatim() {
        let input = "AT&amp;T<b> rose</b> 5&nbsp;%";
        let (c, _) = clean(input, ContentKind::Plain);
        assert_eq!(c.as_str(), "AT&T rose 5 %");
        let map = |a: usize, b: usize| &input[c.to_original(Span::new(a, b))];
        assert_eq!(map(0, 4), "AT&amp;T");
        assert_eq!(map(2, 3), "&amp;");
        assert_eq!(map(5, 9), "rose");
        assert_eq!(map(0, 9), "AT&amp;T<b> rose");
        assert_eq!(map(10, 13), "5&nbsp;%");
        assert!(c.is_verbatim(Span::new(5, 9)));
        assert!(!c.is_verbatim(Span::new(0, 4)));
        assert!(!c.is_verbatim(Span::new(3, 9)), "crosses a removed tag");
        assert_eq!(c.to_original(Span::new(99, 120)), input.len()..input.len());
    }

    #[test]
    fn hostile_unclosed_constructs_stay_linear_and_safe() {
        let input = "<?<?<!--<script><a ".repeat(20_000);
        let (c, _) = clean(&input, ContentKind::Plain);
        assert!(c.len() <= input.len());
        let (c, _) = clean(&input, ContentKind::Html);
        assert!(c.len() <= input.len());
    }
}
