//! The one span type of the core: a half-open byte range into the *clean* text.
//!
//! Every stage (text, values, entities, facts) speaks in `Span`s over the same clean
//! text. Mapping back to the caller's original input (and into UTF-16 or code-point
//! units) happens once, at the edge, through [`crate::text::CleanText`].
//! This module depends on nothing else in the crate.

use std::ops::Range;

/// A half-open byte range `[start, end)` into the clean text.
///
/// `Copy` and 8 bytes wide so it can be passed everywhere by value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte of the span.
    pub start: u32,
    /// One past the last byte of the span.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`; an inverted pair is normalised to an empty span at `start`.
    pub fn new(start: usize, end: usize) -> Span {
        let s = u32::try_from(start).unwrap_or(u32::MAX);
        let e = u32::try_from(end).unwrap_or(u32::MAX).max(s);
        Span { start: s, end: e }
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The span as a `Range<usize>` for slicing.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The covered text, or `""` when the span is out of bounds or not on char boundaries.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverted_range_becomes_empty() {
        let s = Span::new(5, 2);
        assert!(s.is_empty());
        assert_eq!(s.start, 5);
    }

    #[test]
    fn slice_out_of_bounds_is_empty_not_panic() {
        assert_eq!(Span::new(3, 99).slice("abc"), "");
        assert_eq!(Span::new(0, 2).slice("é"), "é".get(0..2).unwrap_or(""));
        assert_eq!(Span::new(0, 1).slice("é"), "");
    }

    #[test]
    fn cover_and_overlap() {
        let a = Span::new(0, 4);
        let b = Span::new(3, 9);
        assert!(a.overlaps(b));
        assert_eq!(a.cover(b), Span::new(0, 9));
        assert!(!a.overlaps(Span::new(4, 5)));
        assert!(a.contains(Span::new(1, 3)));
    }
}
