//! Shared helpers for integration tests: a real server binary on port 0, and span checks.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use newsfacts::service::pb;
use newsfacts::service::pb::fact_extractor_client::FactExtractorClient;
use tonic::transport::Channel;

/// A running `newsfacts-server`, killed on drop.
pub struct Server {
    pub child: Child,
    pub addr: String,
}

impl Server {
    /// Starts the server binary on 127.0.0.1:0 with extra flags and waits for its address.
    pub fn start(extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsfacts-server"))
            .args(["--addr", "127.0.0.1:0"])
            .args(extra)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn newsfacts-server");
        let stdout = child.stdout.take().expect("server stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read server address line");
        let addr = line
            .trim()
            .strip_prefix("newsfacts-server listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        Server { child, addr }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub async fn client(&self) -> FactExtractorClient<Channel> {
        FactExtractorClient::connect(self.url())
            .await
            .expect("connect")
            .max_decoding_message_size(64 * 1024 * 1024)
    }

    /// Sends SIGTERM and waits for the exit status.
    pub fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill -TERM");
        let status = self.child.wait().expect("wait for server");
        std::mem::forget(self);
        status
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub const EXAMPLE: &str = include_str!("../fixtures/yicai-amazon-wuhan.txt");

pub fn text_article(id: &str, text: &str) -> pb::Article {
    pb::Article {
        id: id.to_string(),
        body: Some(pb::article::Body::Text(text.to_string())),
        ..Default::default()
    }
}

pub fn request(article: pb::Article, unit: pb::OffsetUnit) -> pb::ExtractRequest {
    pb::ExtractRequest {
        article: Some(article),
        options: Some(pb::ExtractOptions {
            offset_unit: unit as i32,
            include: vec![],
        }),
    }
}

/// The original text prepared for slicing in one offset unit (built once per response, so
/// checking every span stays linear).
pub struct UnitText {
    unit: pb::OffsetUnit,
    utf8: String,
    utf16: Vec<u16>,
    chars: Vec<char>,
}

impl UnitText {
    pub fn new(original: &str, unit: pb::OffsetUnit) -> UnitText {
        UnitText {
            unit,
            utf8: original.to_string(),
            utf16: if unit == pb::OffsetUnit::Utf16CodeUnits {
                original.encode_utf16().collect()
            } else {
                vec![]
            },
            chars: if unit == pb::OffsetUnit::CodePoints {
                original.chars().collect()
            } else {
                vec![]
            },
        }
    }

    /// The original text between two offsets counted in the unit.
    pub fn slice(&self, start: u64, end: u64) -> Option<String> {
        let (s, e) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
        if s > e {
            return None;
        }
        match self.unit {
            pb::OffsetUnit::Utf16CodeUnits => String::from_utf16(self.utf16.get(s..e)?).ok(),
            pb::OffsetUnit::CodePoints => Some(self.chars.get(s..e)?.iter().collect()),
            _ => self.utf8.get(s..e).map(str::to_string),
        }
    }
}

/// The original text between two offsets counted in `unit`.
pub fn slice_in_unit(original: &str, start: u64, end: u64, unit: pb::OffsetUnit) -> Option<String> {
    UnitText::new(original, unit).slice(start, end)
}

/// Every span of a response, with a label saying where it came from.
pub fn all_spans(r: &pb::ExtractResponse) -> Vec<(String, pb::Span)> {
    let mut out = Vec::new();
    let mut push = |label: &str, s: &Option<pb::Span>| {
        if let Some(s) = s {
            out.push((label.to_string(), s.clone()));
        }
    };
    if let Some(m) = &r.metadata {
        push("metadata.body", &m.body);
        if let Some(o) = &m.outlet {
            push("metadata.outlet", &o.span);
        }
        if let Some(d) = &m.dateline {
            push("dateline", &d.span);
            push("dateline.date", &d.date_span);
            if let Some(p) = &d.place {
                push("dateline.place", &p.span);
            }
            if let Some(o) = &d.outlet {
                push("dateline.outlet", &o.span);
            }
        }
        for a in m.authors.iter().chain(m.editors.iter()) {
            push("person", &a.span);
        }
    }
    for s in &r.sentences {
        push("sentence", &s.span);
    }
    for t in &r.tokens {
        push("token", &t.span);
    }
    for e in &r.entities {
        for m in &e.mentions {
            push("mention", &m.span);
        }
    }
    for v in &r.values {
        push("value", &v.span);
    }
    for q in &r.quotes {
        push("quote.speaker", &q.speaker);
        push("quote.cue", &q.cue);
        push("quote.content", &q.content);
        push("quote.addressee", &q.addressee);
    }
    for f in &r.facts {
        push("fact.evidence", &f.evidence);
        for a in &f.arguments {
            if let Some(pb::argument::Target::Text(t)) = &a.target {
                push("fact.argument", &Some(t.clone()));
            }
        }
    }
    for w in &r.warnings {
        push("warning", &w.span);
    }
    out
}

/// Asserts that every span slices `original` (in the response's unit) to exactly its text.
pub fn assert_spans_exact(original: &str, r: &pb::ExtractResponse) -> usize {
    let unit = pb::OffsetUnit::try_from(r.offset_unit).expect("offset unit");
    let spans = all_spans(r);
    let text = UnitText::new(original, unit);
    for (label, s) in &spans {
        let got = text.slice(s.start, s.end);
        assert_eq!(
            got.as_deref(),
            Some(s.text.as_str()),
            "{label} span {}..{} in {unit:?}",
            s.start,
            s.end
        );
    }
    spans.len()
}
