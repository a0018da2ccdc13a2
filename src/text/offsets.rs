//! Offset units at the edge: original UTF-8 byte offsets -> the unit a client asked for.
//!
//! Owns [`OffsetUnit`] and [`OffsetConverter`]. Built once per response from the ORIGINAL text;
//! keeps a checkpoint every [`BLOCK`] bytes so each conversion costs at most one block scan.
//! Depends on nothing else in the crate.

/// The unit offsets are reported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OffsetUnit {
    /// UTF-8 bytes (Rust, Go, most C APIs).
    Utf8Bytes,
    /// UTF-16 code units (JavaScript, Java, C#).
    Utf16CodeUnits,
    /// Unicode scalar values (Python `str` indices).
    CodePoints,
}

/// Bytes between checkpoints.
const BLOCK: usize = 256;

/// Converts byte offsets of one original text into other units.
#[derive(Clone, Debug, Default)]
pub struct OffsetConverter {
    bytes: Box<[u8]>,
    /// (code points, UTF-16 units) before byte `k * BLOCK`.
    checkpoints: Vec<(u64, u64)>,
}

impl OffsetConverter {
    /// Prepares conversions for `original` (linear time, one pass).
    pub fn new(original: &str) -> Self {
        let bytes: Box<[u8]> = original.as_bytes().into();
        let mut checkpoints = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let (mut chars, mut units) = (0u64, 0u64);
        for block in bytes.chunks(BLOCK) {
            checkpoints.push((chars, units));
            let (c, u) = count(block);
            chars += c;
            units += u;
        }
        checkpoints.push((chars, units));
        OffsetConverter { bytes, checkpoints }
    }

    /// The offset of `byte_offset` in `unit`. An offset past the end is clamped to the end; one
    /// inside a multi-byte character is rounded down to that character's start.
    pub fn convert(&self, byte_offset: usize, unit: OffsetUnit) -> u64 {
        let mut b = byte_offset.min(self.bytes.len());
        while b > 0 && self.bytes.get(b).is_some_and(|x| is_continuation(*x)) {
            b -= 1;
        }
        match unit {
            OffsetUnit::Utf8Bytes => b as u64,
            OffsetUnit::CodePoints | OffsetUnit::Utf16CodeUnits => {
                let block = b / BLOCK;
                let (chars, units) = self.checkpoints.get(block).copied().unwrap_or((0, 0));
                let (c, u) = count(self.bytes.get(block * BLOCK..b).unwrap_or(&[]));
                if unit == OffsetUnit::CodePoints {
                    chars + c
                } else {
                    units + u
                }
            }
        }
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// (code points, UTF-16 units) whose first byte lies in `bytes`.
fn count(bytes: &[u8]) -> (u64, u64) {
    let mut chars = 0u64;
    let mut four_byte = 0u64;
    for &b in bytes {
        if !is_continuation(b) {
            chars += 1;
            if b >= 0xF0 {
                four_byte += 1;
            }
        }
    }
    (chars, chars + four_byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_naive_counts() {
        let text = "a€😀b\u{10FFFF}".repeat(100) + "end";
        let conv = OffsetConverter::new(&text);
        for (b, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            assert_eq!(conv.convert(b, OffsetUnit::Utf8Bytes), b as u64);
            assert_eq!(
                conv.convert(b, OffsetUnit::CodePoints),
                text[..b].chars().count() as u64
            );
            assert_eq!(
                conv.convert(b, OffsetUnit::Utf16CodeUnits),
                text[..b].encode_utf16().count() as u64
            );
        }
    }

    #[test]
    fn clamps_and_rounds_down() {
        let conv = OffsetConverter::new("é😀");
        assert_eq!(
            conv.convert(1, OffsetUnit::Utf8Bytes),
            0,
            "inside é rounds to its start"
        );
        assert_eq!(
            conv.convert(4, OffsetUnit::Utf16CodeUnits),
            1,
            "inside the emoji"
        );
        assert_eq!(conv.convert(999, OffsetUnit::Utf16CodeUnits), 3);
        assert_eq!(
            OffsetConverter::new("").convert(5, OffsetUnit::CodePoints),
            0
        );
    }
}
