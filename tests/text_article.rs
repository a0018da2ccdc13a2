//! Whole-article checks of the text layer on the example article the project started from
//! (tests/fixtures/text/yicai-amazon-wuhan.txt, scraped with a stray `} ?>` on its first line).

use newsfacts::span::Span;
use newsfacts::text::{
    analyze, ContentKind, OffsetConverter, OffsetUnit, RemovalKind, SentenceRole, TokenKind,
};

const YICAI: &str = include_str!("fixtures/text/yicai-amazon-wuhan.txt");

#[test]
fn yicai_stray_php_close_is_removed_and_reported() {
    let doc = analyze(YICAI, ContentKind::Plain);
    assert_eq!(doc.removals.len(), 1, "{:?}", doc.removals);
    let removal = &doc.removals[0];
    assert_eq!(removal.kind, RemovalKind::CodeLine);
    assert_eq!(removal.original, 0..4);
    assert_eq!(&YICAI[removal.original.clone()], "} ?>");
    assert!(removal.description.contains("} ?>"));
    assert!(!doc.clean.as_str().contains("?>"));
    for s in &doc.sentences {
        let original = &YICAI[doc.clean.to_original(s.span)];
        assert!(
            !original.contains("?>") && !original.contains('}'),
            "{original}"
        );
    }
}

#[test]
fn yicai_dateline_and_trailer_metadata() {
    let doc = analyze(YICAI, ContentKind::Plain);
    let meta = &doc.meta;
    assert_eq!(meta.outlet.as_ref().map(|f| f.text.as_str()), Some("Yicai"));
    let dateline = meta.dateline.as_ref().expect("dateline");
    assert_eq!(doc.text_of(dateline.span), "(Yicai) May 16 --");
    assert!(dateline.place.is_none());
    let date = dateline.date.expect("date");
    assert_eq!(
        (date.year, date.month, date.day),
        (None, Some(5), Some(16)),
        "year is not written: never guessed"
    );
    assert_eq!(dateline.date_span.map(|s| doc.text_of(s)), Some("May 16"));
    let editors: Vec<&str> = meta.editors.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(editors, ["Tang Shihua", "Futura Costaglione"]);
    assert!(meta.authors.is_empty());
    assert_eq!(
        meta.trailer.map(|s| doc.text_of(s)),
        Some("Editors: Tang Shihua, Futura Costaglione")
    );
    assert!(meta.headline.is_none() && meta.byline.is_none());
    // Metadata spans map back to the same surface in the original.
    for f in meta.editors.iter().chain(meta.outlet.iter()) {
        assert_eq!(&YICAI[doc.clean.to_original(f.span)], f.text);
    }
}

#[test]
fn yicai_has_exactly_ten_body_sentences() {
    let doc = analyze(YICAI, ContentKind::Plain);
    assert_eq!(doc.sentences.len(), 10);
    assert!(doc.sentences.iter().all(|s| s.role == SentenceRole::Body));
    let first = doc.text_of(doc.sentences[0].span);
    assert!(
        first.starts_with("International e-commerce giant Amazon Global Selling"),
        "{first}"
    );
    let last = doc.text_of(doc.sentences[9].span);
    assert_eq!(last, "Amazon has opened 19 overseas sites to Chinese merchants, helping them reach consumers in over 200 countries and regions.");
    // Wuhan/Zhengzhou paragraph holds two sentences.
    assert!(doc
        .text_of(doc.sentences[5].span)
        .ends_with("opening two offices in central China."));
    assert!(doc
        .text_of(doc.sentences[6].span)
        .starts_with("Henan is more prominent"));
    // Neither dateline nor trailer is in any sentence.
    for s in &doc.sentences {
        let t = doc.text_of(s.span);
        assert!(
            !t.contains("(Yicai) May 16") && !t.contains("Editors:"),
            "{t}"
        );
        assert!(doc.body.contains(s.span));
    }
}

#[test]
fn yicai_tokens_are_conll_style() {
    let doc = analyze(YICAI, ContentKind::Plain);
    let surfaces: Vec<&str> = doc.tokens.iter().map(|t| doc.text_of(t.span)).collect();
    let has_seq = |seq: &[&str]| surfaces.windows(seq.len()).any(|w| w == seq);
    assert!(has_seq(&["Amazon", "’s", "global"]));
    assert!(has_seq(&["to", "USD", "54.7", "billion"]));
    assert!(has_seq(&["over", "5,000", "local"]));
    assert!(has_seq(&["Wuhan", ",", "China", "’s", "central"]));
    assert!(has_seq(&["cross-border", "e-commerce", "services", "."]));
    let number = doc
        .tokens
        .iter()
        .find(|t| doc.text_of(t.span) == "54.7")
        .expect("54.7");
    assert_eq!(number.kind, TokenKind::Number);
    // Token ranges of sentences tile the token list.
    let mut next = 0;
    for s in &doc.sentences {
        assert_eq!(s.tokens.start, next);
        next = s.tokens.end;
        for t in &doc.tokens[s.tokens.clone()] {
            assert!(s.span.contains(t.span));
        }
    }
    assert_eq!(next, doc.tokens.len());
}

#[test]
fn yicai_offsets_shift_by_the_removed_prefix() {
    let doc = analyze(YICAI, ContentKind::Plain);
    let first = doc.sentences[0].span;
    let range = doc.clean.to_original(first);
    assert_eq!(&YICAI[range.clone()], doc.text_of(first));
    assert_eq!(
        range.start,
        YICAI.find("International").unwrap_or(usize::MAX)
    );
    let conv = OffsetConverter::new(YICAI);
    let apostrophe = YICAI.find('’').unwrap_or(0);
    assert_eq!(
        conv.convert(apostrophe + 3, OffsetUnit::Utf16CodeUnits),
        (apostrophe + 1) as u64
    );
    assert_eq!(
        conv.convert(apostrophe + 3, OffsetUnit::CodePoints),
        (apostrophe + 1) as u64
    );
    assert_eq!(
        conv.convert(apostrophe + 3, OffsetUnit::Utf8Bytes),
        (apostrophe + 3) as u64
    );
}

#[test]
fn html_article_with_headline_byline_and_reuters_trailer() {
    let html = "<html><head><title>ignored?</title><script>var x = 1;</script></head><body>\
        <h1>Amazon opens office in Wuhan</h1>\n<p class=\"byline\">By Jane Doe, Reuters</p>\
        <p>WASHINGTON (Reuters) - Amazon&#8217;s unit said on Tuesday it opened an office.&nbsp;It hires 50 people.</p>\
        <p>The U.S. firm&apos;s shares rose 3.5% to $54.7.</p>\
        <p>(Reporting by Jane Doe in Washington; Editing by Tom Hogue)</p></body></html>";
    let doc = analyze(html, ContentKind::Html);
    let meta = &doc.meta;
    assert_eq!(
        meta.headline.as_ref().map(|f| f.text.as_str()),
        Some("ignored?"),
        "the <title> comes first"
    );
    assert_eq!(
        meta.subheadlines
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>(),
        ["Amazon opens office in Wuhan"]
    );
    let sentences: Vec<&str> = doc.sentences.iter().map(|s| doc.text_of(s.span)).collect();
    assert_eq!(
        sentences,
        [
            "ignored?",
            "Amazon opens office in Wuhan",
            "Amazon’s unit said on Tuesday it opened an office.",
            "It hires 50 people.",
            "The U.S. firm's shares rose 3.5% to $54.7."
        ]
    );
    let dateline = meta.dateline.as_ref().expect("dateline");
    assert_eq!(
        dateline.place.as_ref().map(|f| f.text.as_str()),
        Some("WASHINGTON")
    );
    assert_eq!(
        meta.outlet.as_ref().map(|f| f.text.as_str()),
        Some("Reuters")
    );
    let authors: Vec<&str> = meta.authors.iter().map(|f| f.text.as_str()).collect();
    let editors: Vec<&str> = meta.editors.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(
        (authors.as_slice(), editors.as_slice()),
        (&["Jane Doe"][..], &["Tom Hogue"][..])
    );
    // The decoded entity maps back to the entity itself.
    let apostrophe = doc
        .tokens
        .iter()
        .find(|t| doc.text_of(t.span) == "’s")
        .expect("’s token");
    assert_eq!(&html[doc.clean.to_original(apostrophe.span)], "&#8217;s");
    assert!(doc
        .removals
        .iter()
        .any(|r| r.kind == RemovalKind::ScriptOrStyle));
    let _ = Span::default();
}
