//! Typed name phrases for the tagger's lexicon features. Owns `PhraseLexicon`: lower-cased
//! multi-word names ("new york stock exchange", "nadine gordimer") with a set of coarse
//! kinds (person, place, organisation, event, group member, language, religion, other
//! name), read from `data/wordnet-names.tsv` by the trainer, stored inside the model, and
//! matched left to right, longest first, from capitalised tokens. A match gives each of
//! its tokens a code (kind bits and a B/I/L/U position) that the feature templates read.
//! It also holds single common nouns with the class of their most frequent sense (a role
//! such as "secretary", an organisation noun such as "club", a place noun such as
//! "river", an event noun such as "final"): words around a name that hint at its type.
//! Depends on `features` (word hashing) only.

use std::collections::HashMap;

use super::features::hash_lower;

/// Kind bits of a listed phrase (a phrase may carry several).
pub mod kind {
    /// A person (WordNet instance of person).
    pub const PERSON: u8 = 1;
    /// A place: location, body of water or geological formation.
    pub const PLACE: u8 = 2;
    /// An organisation.
    pub const ORGANIZATION: u8 = 4;
    /// A named event (a war, a crusade, a project).
    pub const EVENT: u8 = 8;
    /// A capitalised class of people: nationality, ethnic group, member of a party.
    pub const MEMBER: u8 = 16;
    /// A natural language.
    pub const LANGUAGE: u8 = 32;
    /// A religion.
    pub const RELIGION: u8 = 64;
    /// Any other proper name (mythical figure, horse, work).
    pub const OTHER: u8 = 128;

    /// Kind bits of the letters used in the TSV file (P L O E N G R X).
    pub fn of_letters(letters: &str) -> u8 {
        letters.bytes().fold(0, |k, c| {
            k | match c {
                b'P' => PERSON,
                b'L' => PLACE,
                b'O' => ORGANIZATION,
                b'E' => EVENT,
                b'N' => MEMBER,
                b'G' => LANGUAGE,
                b'R' => RELIGION,
                b'X' => OTHER,
                _ => 0,
            }
        })
    }
}

/// Class bits of a listed common noun (by its most frequent WordNet sense).
pub mod noun {
    /// A role or kind of person ("secretary", "striker").
    pub const ROLE: u8 = 1;
    /// A kind of organisation ("club", "ministry").
    pub const ORGANIZATION: u8 = 2;
    /// A kind of place ("river", "province").
    pub const PLACE: u8 = 4;
    /// A kind of social event or contest ("final", "tournament").
    pub const EVENT: u8 = 8;

    /// Class bits of the lower-case letters used in the TSV file (p o l e).
    pub fn of_letters(letters: &str) -> u8 {
        letters.bytes().fold(0, |k, c| {
            k | match c {
                b'p' => ROLE,
                b'o' => ORGANIZATION,
                b'l' => PLACE,
                b'e' => EVENT,
                _ => 0,
            }
        })
    }
}

/// Longest phrase (in tokens) that is stored; longer lines are skipped.
pub const MAX_PHRASE_TOKENS: usize = 6;

/// Phrase hash -> kind bits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PhraseLexicon {
    map: HashMap<u64, u8>,
    max_len: usize,
    /// Lower-cased word hash -> `noun::*` bits.
    nouns: HashMap<u64, u8>,
}

/// Extends a phrase hash by one token's lower-cased hash.
#[inline]
fn extend(h: u64, token: u64) -> u64 {
    (h.rotate_left(23) ^ token).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

const EMPTY: u64 = 0x0bad_5eed_0000_0001;

/// Hash of a sequence of tokens (case-insensitive).
pub fn phrase_hash<'a>(tokens: impl IntoIterator<Item = &'a str>) -> u64 {
    tokens
        .into_iter()
        .fold(EMPTY, |h, t| extend(h, hash_lower(t)))
}

impl PhraseLexicon {
    /// Parses `phrase<TAB>letters` lines; the phrase's tokens are separated by spaces.
    /// Upper-case letters are name kinds of the phrase, lower-case ones noun classes of
    /// a one-word phrase. Lines without a known letter or with too many tokens are skipped.
    pub fn from_tsv(text: &str) -> PhraseLexicon {
        let mut lex = PhraseLexicon::default();
        for line in text.lines() {
            let Some((phrase, letters)) = line.split_once('\t') else {
                continue;
            };
            let classes = noun::of_letters(letters.trim());
            if classes != 0 && !phrase.is_empty() && !phrase.contains(' ') {
                *lex.nouns.entry(hash_lower(phrase)).or_insert(0) |= classes;
            }
            let kinds = kind::of_letters(letters.trim());
            let n = phrase.split(' ').filter(|t| !t.is_empty()).count();
            if kinds == 0 || n == 0 || n > MAX_PHRASE_TOKENS {
                continue;
            }
            lex.insert(
                phrase_hash(phrase.split(' ').filter(|t| !t.is_empty())),
                n,
                kinds,
            );
        }
        lex
    }

    fn insert(&mut self, hash: u64, tokens: usize, kinds: u8) {
        *self.map.entry(hash).or_insert(0) |= kinds;
        self.max_len = self.max_len.max(tokens.min(MAX_PHRASE_TOKENS));
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when nothing is listed.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty() && self.nouns.is_empty()
    }

    /// `noun::*` class bits of a word (case-insensitive; 0 = not listed).
    pub fn noun_class(&self, word: &str) -> u8 {
        if self.nouns.is_empty() {
            return 0;
        }
        self.nouns.get(&hash_lower(word)).copied().unwrap_or(0)
    }

    /// Kind bits of a phrase given as tokens (0 = not listed).
    pub fn kinds<'a>(&self, tokens: impl IntoIterator<Item = &'a str>) -> u8 {
        self.map.get(&phrase_hash(tokens)).copied().unwrap_or(0)
    }

    /// Per-token match codes for a sentence: `kinds << 3 | position` with position 1 =
    /// first token of a multi-token match, 2 = inside, 3 = last, 4 = a one-token match;
    /// 0 = no match. Matches start at a token whose first char is upper case; the
    /// longest listed phrase wins and matching resumes after it.
    pub fn match_codes<S: AsRef<str>>(&self, words: &[S]) -> Vec<u16> {
        let mut codes = vec![0u16; words.len()];
        if self.map.is_empty() {
            return codes;
        }
        let mut i = 0;
        while i < words.len() {
            let starts_cap = words
                .get(i)
                .and_then(|w| w.as_ref().chars().next())
                .is_some_and(char::is_uppercase);
            let mut best: Option<(usize, u8)> = None;
            if starts_cap {
                let mut h = EMPTY;
                for (n, w) in words.iter().skip(i).take(self.max_len).enumerate() {
                    h = extend(h, hash_lower(w.as_ref()));
                    if let Some(&k) = self.map.get(&h) {
                        best = Some((n + 1, k));
                    }
                }
            }
            let Some((n, kinds)) = best else {
                i += 1;
                continue;
            };
            for (k, slot) in codes.iter_mut().skip(i).take(n).enumerate() {
                let pos = if n == 1 {
                    4
                } else if k == 0 {
                    1
                } else if k + 1 == n {
                    3
                } else {
                    2
                };
                *slot = (kinds as u16) << 3 | pos;
            }
            i += n;
        }
        codes
    }

    /// Entries sorted by hash, for deterministic serialisation: (hash, kinds).
    pub fn sorted_entries(&self) -> Vec<(u64, u8)> {
        let mut v: Vec<(u64, u8)> = self.map.iter().map(|(&h, &k)| (h, k)).collect();
        v.sort_unstable();
        v
    }

    /// Noun entries sorted by hash, for deterministic serialisation: (hash, classes).
    pub fn sorted_nouns(&self) -> Vec<(u64, u8)> {
        let mut v: Vec<(u64, u8)> = self.nouns.iter().map(|(&h, &k)| (h, k)).collect();
        v.sort_unstable();
        v
    }

    /// Longest stored phrase in tokens.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// Rebuilds from serialised phrase entries (hash, kinds), the longest phrase length
    /// and noun entries (hash, classes).
    pub fn from_entries(
        entries: impl IntoIterator<Item = (u64, u8)>,
        max_len: usize,
        nouns: impl IntoIterator<Item = (u64, u8)>,
    ) -> Self {
        PhraseLexicon {
            map: entries.into_iter().filter(|&(_, k)| k != 0).collect(),
            max_len: max_len.min(MAX_PHRASE_TOKENS),
            nouns: nouns.into_iter().filter(|&(_, k)| k != 0).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> PhraseLexicon {
        PhraseLexicon::from_tsv(
            "new york\tL\nnew york stock exchange\tL\nnadine gordimer\tP\n\
             chinese\tGN\nbad line\nseven a b c d e f\tP\nzz\tQ\nclub\to\n\
             president\tNp\n",
        )
    }

    #[test]
    fn reads_kinds_and_skips_bad_lines() {
        let l = lex();
        assert_eq!(l.len(), 5);
        assert_eq!(l.noun_class("Club"), noun::ORGANIZATION);
        assert_eq!(l.noun_class("president"), noun::ROLE);
        assert_eq!(l.kinds(["President"]), kind::MEMBER);
        assert_eq!(l.kinds(["club"]), 0);
        assert_eq!(l.noun_class("chinese"), 0);
        assert_eq!(l.kinds(["New", "York"]), kind::PLACE);
        assert_eq!(l.kinds(["CHINESE"]), kind::LANGUAGE | kind::MEMBER);
        assert_eq!(l.kinds(["bad", "line"]), 0);
        assert_eq!(l.kinds(["zz"]), 0);
        assert_eq!(l.max_len(), 4);
    }

    #[test]
    fn longest_match_from_a_capitalised_token() {
        let l = lex();
        let place = (kind::PLACE as u16) << 3;
        let person = (kind::PERSON as u16) << 3;
        // (sentence, expected codes)
        let cases: &[(&str, Vec<u16>)] = &[
            (
                "the New York Stock Exchange fell",
                vec![0, place | 1, place | 2, place | 2, place | 3, 0],
            ),
            ("New York rose", vec![place | 1, place | 3, 0]),
            ("new york rose", vec![0, 0, 0]),
            (
                "Nadine Gordimer of New York",
                vec![person | 1, person | 3, 0, place | 1, place | 3],
            ),
            ("New", vec![0]),
            ("", vec![]),
        ];
        for (sentence, want) in cases {
            let words: Vec<&str> = sentence.split(' ').filter(|w| !w.is_empty()).collect();
            assert_eq!(&l.match_codes(&words), want, "{sentence}");
        }
    }

    #[test]
    fn entries_roundtrip() {
        let l = lex();
        let back = PhraseLexicon::from_entries(l.sorted_entries(), l.max_len(), l.sorted_nouns());
        assert_eq!(back, l);
    }
}
