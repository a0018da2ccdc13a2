//! Byte decoding: raw article bytes in some legacy or Unicode encoding -> a Rust `String`.
//!
//! Owns [`decode`], [`Decoded`], [`DecodeError`]. The encoding comes from the caller's declared
//! label, else from a byte-order mark, else from an HTML `<meta charset>` declaration in the first
//! bytes, else UTF-8. Decoding is strict: malformed input is an error that names the encoding and
//! the byte offset, never silently replaced. Depends on `encoding_rs` and [`super::ContentKind`].

use std::fmt;

use encoding_rs::{DecoderResult, Encoding, UTF_8};

use super::ContentKind;

/// How many leading bytes are searched for an HTML `<meta>` charset declaration.
pub const META_SNIFF_LIMIT: usize = 4096;

/// Where the encoding that was used came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodingSource {
    /// The caller declared it (e.g. from an HTTP `Content-Type` header).
    Declared,
    /// A byte-order mark at the start of the bytes.
    ByteOrderMark,
    /// An HTML `<meta charset=...>` or `<meta http-equiv ... content="...charset=...">`.
    MetaTag,
    /// Nothing said otherwise, so UTF-8.
    DefaultUtf8,
}

/// Decoded text plus what was used to decode it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text (a byte-order mark is not part of it).
    pub text: String,
    /// Canonical WHATWG name of the encoding used, e.g. `"GBK"`, `"Shift_JIS"`, `"UTF-8"`.
    pub encoding: &'static str,
    /// Where that encoding came from.
    pub sniffed_from: EncodingSource,
}

/// What went wrong while decoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeErrorKind {
    /// The declared (or `<meta>`-declared) label names no encoding known to the WHATWG list.
    UnknownLabel {
        /// The label as given.
        label: String,
        /// Where the label came from.
        source: EncodingSource,
    },
    /// The bytes are not valid in the chosen encoding.
    Malformed {
        /// Encoding the bytes were decoded as.
        encoding: &'static str,
        /// Byte offset of the first malformed sequence in the input.
        offset: usize,
        /// Length in bytes of that malformed sequence.
        len: usize,
    },
}

/// Decoding failure; [`DecodeError::kind`] says which and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    kind: DecodeErrorKind,
}

impl DecodeError {
    /// The kind of failure with its details.
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.kind
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            DecodeErrorKind::UnknownLabel { label, source } => write!(
                f,
                "unknown character encoding label {label:?} ({}); use a WHATWG label such as \
                 \"utf-8\", \"gbk\", \"big5\", \"shift_jis\" or \"windows-1252\"",
                match source {
                    EncodingSource::MetaTag => "from the HTML <meta> charset",
                    _ => "declared charset",
                }
            ),
            DecodeErrorKind::Malformed { encoding, offset, len } => write!(
                f,
                "bytes are not valid {encoding}: malformed sequence of {len} byte(s) at byte offset \
                 {offset}; declare the right charset or send UTF-8"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes `bytes` to text.
///
/// `declared` is a charset label such as `"gbk"`, `"big5"`, `"shift_jis"`, `"windows-1252"`
/// (WHATWG labels, case-insensitive, surrounding whitespace ignored), or a whole Content-Type
/// value such as `text/html; charset=gbk`. When `None`, a byte-order
/// mark decides, else (for any `kind`) a `<meta>` charset declaration in the first
/// [`META_SNIFF_LIMIT`] bytes, else UTF-8. A byte-order mark matching the chosen encoding is
/// dropped. Malformed bytes are an error carrying their offset; nothing is replaced silently.
pub fn decode(
    bytes: &[u8],
    declared: Option<&str>,
    kind: ContentKind,
) -> Result<Decoded, DecodeError> {
    let _ = kind; // the <meta> sniff also runs for plain text: scraped "plain" text often keeps markup
    let (encoding, source) = choose_encoding(bytes, declared)?;
    let mut decoder = encoding.new_decoder_with_bom_removal();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let mut consumed = 0usize;
    loop {
        let rest = bytes.get(consumed..).unwrap_or(&[]);
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        consumed = consumed.saturating_add(read);
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                // Only reachable if the capacity estimate was wrong; grow and continue.
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(
                        bytes.len().saturating_sub(consumed),
                    )
                    .unwrap_or(1024)
                    .max(16);
                text.reserve(more);
            }
            DecoderResult::Malformed(bad, after) => {
                let offset = consumed.saturating_sub(usize::from(bad) + usize::from(after));
                return Err(DecodeError {
                    kind: DecodeErrorKind::Malformed {
                        encoding: encoding.name(),
                        offset,
                        len: usize::from(bad),
                    },
                });
            }
        }
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        sniffed_from: source,
    })
}

fn choose_encoding(
    bytes: &[u8],
    declared: Option<&str>,
) -> Result<(&'static Encoding, EncodingSource), DecodeError> {
    if let Some(label) = declared {
        // Also accept a whole Content-Type value: `text/html; charset="gbk"`.
        let lower = label.to_ascii_lowercase();
        let name = match lower.find("charset=") {
            Some(p) => label
                .get(p + "charset=".len()..)
                .unwrap_or("")
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\'']),
            None => label.trim(),
        };
        return match Encoding::for_label(name.as_bytes()) {
            Some(enc) => Ok((enc, EncodingSource::Declared)),
            None => Err(DecodeError {
                kind: DecodeErrorKind::UnknownLabel {
                    label: label.to_string(),
                    source: EncodingSource::Declared,
                },
            }),
        };
    }
    if let Some((enc, _bom_len)) = Encoding::for_bom(bytes) {
        return Ok((enc, EncodingSource::ByteOrderMark));
    }
    let head = bytes
        .get(..bytes.len().min(META_SNIFF_LIMIT))
        .unwrap_or(bytes);
    if let Some(label) = sniff_meta_charset(head) {
        return match Encoding::for_label(label.as_bytes()) {
            // A <meta> can only be read because the bytes are ASCII-compatible, so a UTF-16
            // declaration there is wrong: the HTML standard says to use UTF-8 instead.
            Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => {
                Ok((UTF_8, EncodingSource::MetaTag))
            }
            Some(enc) => Ok((enc.output_encoding(), EncodingSource::MetaTag)),
            None => Err(DecodeError {
                kind: DecodeErrorKind::UnknownLabel {
                    label,
                    source: EncodingSource::MetaTag,
                },
            }),
        };
    }
    Ok((UTF_8, EncodingSource::DefaultUtf8))
}

/// Finds the charset label of the first `<meta>` tag that declares one, in ASCII-compatible bytes.
/// Handles `<meta charset="x">` and `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
fn sniff_meta_charset(head: &[u8]) -> Option<String> {
    let mut from = 0usize;
    while let Some(rel) = find_ascii_ci(head.get(from..)?, b"<meta") {
        let tag_start = from + rel;
        let tag_end = head
            .get(tag_start..)?
            .iter()
            .position(|&b| b == b'>')
            .map(|p| tag_start + p)
            .unwrap_or(head.len());
        let tag = head.get(tag_start..tag_end)?;
        if let Some(pos) = find_ascii_ci(tag, b"charset") {
            let mut k = pos + b"charset".len();
            while tag.get(k).is_some_and(|b| b.is_ascii_whitespace()) {
                k += 1;
            }
            if tag.get(k) == Some(&b'=') {
                k += 1;
                while tag
                    .get(k)
                    .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
                {
                    k += 1;
                }
                let start = k;
                while tag.get(k).is_some_and(|b| {
                    !(b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'/' | b'>'))
                }) {
                    k += 1;
                }
                let label = tag.get(start..k)?;
                if !label.is_empty() {
                    return Some(String::from_utf8_lossy(label).into_owned());
                }
            }
        }
        from = tag_end.max(tag_start + 1);
    }
    None
}

/// Case-insensitive (ASCII) search; `needle` must be lowercase.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_declared_legacy_encodings() {
        // (label, bytes, expected text)
        let cases: &[(&str, &[u8], &str)] = &[
            ("gbk", &[0xD6, 0xD0, 0xCE, 0xC4], "中文"),
            ("big5", &[0xA4, 0xA4, 0xA4, 0xE5], "中文"),
            ("shift_jis", &[0x93, 0xFA, 0x96, 0x7B], "日本"),
            (
                "windows-1252",
                &[0x93, b'h', b'i', 0x94, 0x80],
                "\u{201C}hi\u{201D}€",
            ),
            ("  UTF-8 ", "naïve".as_bytes(), "naïve"),
            ("text/html; charset=\"GBK\"", &[0xD6, 0xD0], "中"),
        ];
        for (label, bytes, want) in cases {
            let got = decode(bytes, Some(label), ContentKind::Plain)
                .unwrap_or_else(|e| panic!("{label}: {e}"));
            assert_eq!(got.text, *want, "label {label}");
            assert_eq!(got.sniffed_from, EncodingSource::Declared);
        }
    }

    #[test]
    fn unknown_label_is_named_in_error() {
        let err = decode(b"abc", Some("klingon-8"), ContentKind::Plain).unwrap_err();
        assert!(
            matches!(err.kind(), DecodeErrorKind::UnknownLabel { label, .. } if label == "klingon-8")
        );
        assert!(err.to_string().contains("klingon-8"));
    }

    #[test]
    fn malformed_utf8_reports_offset() {
        let err = decode(b"abc\xFFdef", None, ContentKind::Plain).unwrap_err();
        assert_eq!(
            err.kind(),
            &DecodeErrorKind::Malformed {
                encoding: "UTF-8",
                offset: 3,
                len: 1
            }
        );
        assert!(err.to_string().contains("byte offset 3"));
        let err = decode(b"ok \xE4\xB8", None, ContentKind::Plain).unwrap_err();
        assert!(
            matches!(err.kind(), DecodeErrorKind::Malformed { offset: 3, .. }),
            "{err}"
        );
    }

    #[test]
    fn bom_then_meta_then_default() {
        let d = decode(b"\xEF\xBB\xBFhi", None, ContentKind::Plain).unwrap();
        assert_eq!(
            (d.text.as_str(), d.sniffed_from),
            ("hi", EncodingSource::ByteOrderMark)
        );
        let d = decode(b"\xFF\xFEh\0i\0", None, ContentKind::Plain).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("hi", "UTF-16LE"));
        let html = b"<html><head><META CHARSET=\"GBK\"></head><body>\xD6\xD0</body>";
        let d = decode(html, None, ContentKind::Html).unwrap();
        assert_eq!(
            (d.encoding, d.sniffed_from),
            ("GBK", EncodingSource::MetaTag)
        );
        assert!(d.text.contains('中'));
        let html =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=shift_jis\">\x93\xFA";
        let d = decode(html, None, ContentKind::Html).unwrap();
        assert_eq!((d.encoding, d.text.ends_with('日')), ("Shift_JIS", true));
        let d = decode(b"plain", None, ContentKind::Plain).unwrap();
        assert_eq!(
            (d.encoding, d.sniffed_from),
            ("UTF-8", EncodingSource::DefaultUtf8)
        );
        let err = decode(b"<meta charset=bogus>", None, ContentKind::Html).unwrap_err();
        assert!(matches!(
            err.kind(),
            DecodeErrorKind::UnknownLabel {
                source: EncodingSource::MetaTag,
                ..
            }
        ));
    }
}
