//! Golden (snapshot) tests of whole-article text-layer output. A change to a `.golden` file must
//! be reviewed in the diff; to re-record after an intended change run
//! `NEWSFACTS_BLESS=1 cargo test --test text_golden` and read the diff before committing.

use std::fmt::Write as _;
use std::path::Path;

use newsfacts::span::Span;
use newsfacts::text::{analyze, ContentKind, Field, TextDoc, TokenKind};

fn render(original: &str, doc: &TextDoc) -> String {
    let mut out = String::new();
    let orig = |s: Span| {
        let r = doc.clean.to_original(s);
        format!("{}..{}", r.start, r.end)
    };
    let field = |f: &Field| format!("{:?} @{}", f.text, orig(f.span));
    let _ = writeln!(out, "# removals (original byte ranges)");
    for r in &doc.removals {
        let _ = writeln!(
            out,
            "{:?} {}..{} {}",
            r.kind, r.original.start, r.original.end, r.description
        );
    }
    let m = &doc.meta;
    let _ = writeln!(out, "# meta (original byte ranges)");
    let _ = writeln!(
        out,
        "headline: {}",
        m.headline.as_ref().map_or("-".into(), field)
    );
    for f in &m.subheadlines {
        let _ = writeln!(out, "subheadline: {}", field(f));
    }
    let _ = writeln!(
        out,
        "outlet: {}",
        m.outlet.as_ref().map_or("-".into(), field)
    );
    if let Some(d) = &m.dateline {
        let date = d.date.map_or("-".into(), |d| {
            format!("year={:?} month={:?} day={:?}", d.year, d.month, d.day)
        });
        let _ = writeln!(
            out,
            "dateline: {:?} @{} place={} outlet={} date={} date_at={}",
            doc.text_of(d.span),
            orig(d.span),
            d.place.as_ref().map_or("-".into(), field),
            d.outlet.as_ref().map_or("-".into(), field),
            date,
            d.date_span
                .map_or("-".into(), |s| format!("{:?}", doc.text_of(s)))
        );
    }
    let _ = writeln!(
        out,
        "byline: {}",
        m.byline
            .map_or("-".into(), |s| format!("{:?}", doc.text_of(s)))
    );
    for f in &m.authors {
        let _ = writeln!(out, "author: {}", field(f));
    }
    for f in &m.editors {
        let _ = writeln!(out, "editor: {}", field(f));
    }
    let _ = writeln!(
        out,
        "trailer: {}",
        m.trailer
            .map_or("-".into(), |s| format!("{:?}", doc.text_of(s)))
    );
    let _ = writeln!(
        out,
        "# sentences (clean span | original range), tokens (#N number, #P punct, #S symbol)"
    );
    for s in &doc.sentences {
        let r = doc.clean.to_original(s.span);
        let _ = writeln!(
            out,
            "[{:?}] {}..{} | {}..{}: {}",
            s.role,
            s.span.start,
            s.span.end,
            r.start,
            r.end,
            doc.text_of(s.span)
        );
        let toks: Vec<String> = doc.tokens[s.tokens.clone()]
            .iter()
            .map(|t| {
                let mark = match t.kind {
                    TokenKind::Word => "",
                    TokenKind::Number => "#N",
                    TokenKind::Punct => "#P",
                    TokenKind::Symbol => "#S",
                };
                format!("{}{}", doc.text_of(t.span), mark)
            })
            .collect();
        let _ = writeln!(out, "    {}", toks.join(" "));
        assert!(r.end <= original.len());
    }
    out
}

fn check_golden(fixture: &str, kind: ContentKind) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text");
    let original = std::fs::read_to_string(dir.join(fixture)).expect("fixture is readable");
    let got = render(&original, &analyze(&original, kind));
    let golden_path = dir.join(format!("{fixture}.golden"));
    if std::env::var_os("NEWSFACTS_BLESS").is_some() {
        std::fs::write(&golden_path, &got).expect("golden is writable");
        return;
    }
    let want = std::fs::read_to_string(&golden_path).unwrap_or_default();
    assert!(
        got == want,
        "{fixture}: output differs from {}; got:\n{got}",
        golden_path.display()
    );
}

#[test]
fn golden_yicai_plain() {
    check_golden("yicai-amazon-wuhan.txt", ContentKind::Plain);
}

#[test]
fn golden_html_wire_story() {
    check_golden("html-wire-story.html", ContentKind::Html);
}
