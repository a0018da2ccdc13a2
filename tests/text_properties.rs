//! Property tests of the text layer on random and hostile input: no panic, every span maps to
//! an original range on char boundaries whose text is the clean surface when nothing was
//! decoded or removed inside it, and offset conversion agrees with naive counting.

use newsfacts::span::Span;
use newsfacts::text::{analyze, ContentKind, OffsetConverter, OffsetUnit, TextDoc};
use proptest::prelude::*;

/// Fragments that stress the cleaner, the splitter, the tokenizer and the metadata parsers.
const FRAGMENTS: &[&str] = &[
    "<",
    ">",
    "&",
    "&amp;",
    "&#8217;",
    "&#x1F600;",
    "&#0;",
    "&#150;",
    "&nbsp;",
    "&bogus;",
    "<p>",
    "</p>",
    "<br/>",
    "<b>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<?php ",
    "?>",
    "} ?>\n",
    "{{",
    "}}",
    "{%",
    "%}",
    "\0",
    "\u{7}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{AD}",
    "\u{A0}",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\t",
    " ",
    "  ",
    "U.S.",
    "Mr.",
    "Inc.",
    "No. 5",
    "J. K.",
    "a.m.",
    ".",
    "...",
    "!",
    "?",
    "\"",
    "'",
    "“",
    "”",
    "‘",
    "’s",
    "(",
    ")",
    "--",
    " - ",
    "—",
    "😀",
    "👨\u{200D}👩\u{200D}👧",
    "中文。",
    "e\u{301}",
    "Ω",
    "ß",
    "(Reuters) - ",
    "BEIJING, May 16 (Xinhua) -- ",
    "(Yicai) May 16 -- ",
    "NEW YORK, March 3, 2024 /PRNewswire/ -- ",
    "Editors: Ann Lee, Bob Roe",
    "By Jane Doe",
    "(Reporting by X Y in Z; Editing by A B)",
    "$5",
    "USD54.7",
    "US$4.7",
    "3.5%",
    "5,000",
    "a",
    "The",
    "word",
    "Amazon",
    "é",
    "\u{2028}",
    "\u{85}",
    "\u{9F}",
];

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..80).prop_map(|v| v.concat())
}

fn kind() -> impl Strategy<Value = ContentKind> {
    prop_oneof![Just(ContentKind::Plain), Just(ContentKind::Html)]
}

/// Every span the document exposes, with a label for failure messages.
fn all_spans(doc: &TextDoc) -> Vec<(&'static str, Span)> {
    let mut spans = vec![("body", doc.body)];
    spans.extend(doc.sentences.iter().map(|s| ("sentence", s.span)));
    spans.extend(doc.tokens.iter().map(|t| ("token", t.span)));
    let m = &doc.meta;
    spans.extend(
        m.headline
            .iter()
            .chain(&m.subheadlines)
            .map(|f| ("headline", f.span)),
    );
    spans.extend(m.outlet.iter().map(|f| ("outlet", f.span)));
    spans.extend(
        m.authors
            .iter()
            .chain(&m.editors)
            .map(|f| ("credit", f.span)),
    );
    spans.extend(
        m.byline
            .iter()
            .chain(m.trailer.iter())
            .map(|s| ("byline/trailer", *s)),
    );
    if let Some(d) = &m.dateline {
        spans.push(("dateline", d.span));
        spans.extend(
            d.place
                .iter()
                .chain(d.outlet.iter())
                .map(|f| ("dateline field", f.span)),
        );
        spans.extend(d.date_span.iter().map(|s| ("date", *s)));
    }
    spans
}

fn check_doc(original: &str, doc: &TextDoc) -> Result<(), TestCaseError> {
    let clean = doc.clean.as_str();
    for (label, span) in all_spans(doc) {
        prop_assert!(
            span.end as usize <= clean.len(),
            "{label} {span:?} out of clean text"
        );
        prop_assert!(
            clean.is_char_boundary(span.start as usize)
                && clean.is_char_boundary(span.end as usize),
            "{label} {span:?} not on char boundary"
        );
        let range = doc.clean.to_original(span);
        prop_assert!(
            range.start <= range.end && range.end <= original.len(),
            "{label} {span:?} -> {range:?}"
        );
        prop_assert!(
            original.is_char_boundary(range.start) && original.is_char_boundary(range.end),
            "{label} -> {range:?} not on original char boundary"
        );
        if doc.clean.is_verbatim(span) {
            prop_assert_eq!(
                &original[range.clone()],
                span.slice(clean),
                "{} {:?}",
                label,
                span
            );
        }
        if !span.is_empty() {
            prop_assert!(!range.is_empty(), "{label} {span:?} maps to nothing");
        }
        // A span never starts or ends strictly inside removed noise.
        for r in &doc.removals {
            let inside = |p: usize| r.original.start < p && p < r.original.end;
            prop_assert!(
                !inside(range.start) && !inside(range.end),
                "{label} {range:?} cuts removal {:?}",
                r.original
            );
        }
    }
    let mut last_end = 0;
    for r in &doc.removals {
        prop_assert!(
            r.original.start >= last_end
                && r.original.start < r.original.end
                && r.original.end <= original.len()
        );
        prop_assert!(
            original.is_char_boundary(r.original.start)
                && original.is_char_boundary(r.original.end)
        );
        last_end = r.original.end;
    }
    let mut previous_end = 0u32;
    for s in &doc.sentences {
        prop_assert!(s.span.start >= previous_end, "sentences overlap");
        previous_end = s.span.end;
        prop_assert!(!s.span.is_empty());
        for t in doc.tokens.get(s.tokens.clone()).unwrap_or(&[]) {
            prop_assert!(s.span.contains(t.span) && !t.span.is_empty());
            prop_assert!(
                !t.span.slice(clean).contains(char::is_whitespace),
                "token {:?} has whitespace",
                t.span.slice(clean)
            );
        }
    }
    Ok(())
}

fn check_offsets(original: &str) -> Result<(), TestCaseError> {
    let conv = OffsetConverter::new(original);
    let boundaries: Vec<usize> = original
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(original.len()))
        .collect();
    let step = (boundaries.len() / 40).max(1);
    for &b in boundaries.iter().step_by(step) {
        prop_assert_eq!(conv.convert(b, OffsetUnit::Utf8Bytes), b as u64);
        prop_assert_eq!(
            conv.convert(b, OffsetUnit::CodePoints),
            original[..b].chars().count() as u64
        );
        prop_assert_eq!(
            conv.convert(b, OffsetUnit::Utf16CodeUnits),
            original[..b].encode_utf16().count() as u64
        );
    }
    Ok(())
}

/// Regression (found by `hostile_fragments_keep_alignment` in CI): an article that is only
/// odd whitespace and block tags has an empty body whose point fell inside the merged
/// removal of the tags.
#[test]
fn empty_body_after_block_tags_does_not_cut_a_removal() {
    for kind in [ContentKind::Plain, ContentKind::Html] {
        let input = "\u{a0}<p><p>";
        let doc = analyze(input, kind);
        if let Err(e) = check_doc(input, &doc) {
            panic!("{kind:?}: {e}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn hostile_fragments_keep_alignment(input in hostile(), kind in kind()) {
        let doc = analyze(&input, kind);
        check_doc(&input, &doc)?;
        check_offsets(&input)?;
    }

    #[test]
    fn arbitrary_unicode_keeps_alignment(input in any::<String>(), kind in kind()) {
        let doc = analyze(&input, kind);
        check_doc(&input, &doc)?;
        check_offsets(&input)?;
    }
}

/// One mebibyte of one character (or a short pattern) must not panic and must stay linear.
/// No timing assertion: a slow machine must not fail this test.
#[test]
fn one_mebibyte_of_one_thing() {
    const MIB: usize = 1 << 20;
    // The slowest patterns of a wider release-mode sweep (examples/text-scale.rs), kept few so
    // the debug-mode test stays around ten seconds.
    for unit in ["a", "<", "&", "é", "<a ", "U.S. ", "{{", "A. ", "\n"] {
        let input = unit.repeat(MIB / unit.len());
        for kind in [ContentKind::Plain, ContentKind::Html] {
            let doc = analyze(&input, kind);
            assert!(doc.clean.len() <= input.len() * 2, "{unit:?}");
            for s in doc.sentences.iter().take(50) {
                let r = doc.clean.to_original(s.span);
                assert!(input.is_char_boundary(r.start) && input.is_char_boundary(r.end));
            }
        }
    }
}
