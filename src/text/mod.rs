//! PLACEHOLDER text layer (identity cleaning, line sentences, whitespace tokens), to be
//! replaced by the real one. Same API shape as the real module.
use crate::span::Span;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContentKind { Plain, Html }

#[derive(Debug)]
pub struct Decoded { pub text: String, pub encoding: &'static str }
#[derive(Debug)]
pub struct DecodeError { pub message: String, pub unknown: bool }
impl DecodeError { pub fn is_unknown_charset(&self) -> bool { self.unknown } }
impl std::fmt::Display for DecodeError { fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(&self.message) } }

pub fn decode(bytes: &[u8], declared: Option<&str>, _kind: ContentKind) -> Result<Decoded, DecodeError> {
    let enc = match declared { Some(l) => encoding_rs::Encoding::for_label(l.as_bytes()).ok_or(DecodeError{message: format!("unknown charset {l:?}"), unknown: true})?, None => encoding_rs::UTF_8 };
    let (t, _, bad) = enc.decode(bytes);
    if bad { return Err(DecodeError{ message: "malformed".into(), unknown: false }); }
    Ok(Decoded { text: t.into_owned(), encoding: enc.name() })
}

#[derive(Debug, Clone)]
pub struct CleanText { text: String }
impl CleanText {
    pub fn as_str(&self) -> &str { &self.text }
    pub fn to_original(&self, span: Span) -> Range<usize> { span.range() }
}
#[derive(Debug, Clone)]
pub struct Removal { pub original: Range<usize>, pub description: String }
#[derive(Debug, Clone)]
pub struct Field { pub span: Span, pub text: String }
#[derive(Debug, Clone, Copy, Default)]
pub struct PartialDate { pub year: Option<i32>, pub month: Option<u32>, pub day: Option<u32> }
#[derive(Debug, Clone)]
pub struct Dateline { pub span: Span, pub place: Option<Field>, pub outlet: Option<Field>, pub date: Option<PartialDate>, pub date_span: Option<Span> }
#[derive(Debug, Clone, Default)]
pub struct ArticleMeta { pub outlet: Option<Field>, pub dateline: Option<Dateline>, pub authors: Vec<Field>, pub editors: Vec<Field> }
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind { Word, Number, Punct, Symbol }
#[derive(Debug, Clone, Copy)]
pub struct Token { pub span: Span, pub kind: TokenKind }
#[derive(Debug, Clone)]
pub struct Sentence { pub span: Span, pub tokens: Range<usize> }
#[derive(Debug, Clone)]
pub struct TextDoc { pub clean: CleanText, pub removals: Vec<Removal>, pub meta: ArticleMeta, pub body: Span, pub sentences: Vec<Sentence>, pub tokens: Vec<Token> }

pub fn analyze(original: &str, _kind: ContentKind) -> TextDoc {
    let mut sentences = Vec::new();
    let mut tokens = Vec::new();
    let mut pos = 0;
    for line in original.split_inclusive('\n') {
        let t = line.trim_end();
        if !t.trim().is_empty() {
            let first = tokens.len();
            let mut off = pos;
            for w in t.split(' ') { if !w.is_empty() { tokens.push(Token{span: Span::new(off, off + w.len()), kind: TokenKind::Word}); } off += w.len() + 1; }
            sentences.push(Sentence { span: Span::new(pos, pos + t.len()), tokens: first..tokens.len() });
        }
        pos += line.len();
    }
    TextDoc { clean: CleanText { text: original.to_string() }, removals: vec![], meta: ArticleMeta::default(), body: Span::new(0, original.len()), sentences, tokens }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OffsetUnit { Utf8Bytes, Utf16CodeUnits, CodePoints }
pub struct OffsetConverter<'a> { text: &'a str }
impl<'a> OffsetConverter<'a> {
    pub fn new(original: &'a str) -> Self { OffsetConverter { text: original } }
    pub fn convert(&self, b: usize, unit: OffsetUnit) -> u64 {
        let p = self.text.get(..b).unwrap_or("");
        match unit { OffsetUnit::Utf8Bytes => b as u64, OffsetUnit::Utf16CodeUnits => p.encode_utf16().count() as u64, OffsetUnit::CodePoints => p.chars().count() as u64 }
    }
}
