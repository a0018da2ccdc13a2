//! Hashed feature extraction for the sequence tagger. Owns: per-token summaries
//! (`TokenInfo`: hashes of the word, its lower case, shape, affixes, plus gazetteer,
//! word-cluster and document-level flags filled in by the caller) and the feature
//! templates over a context window. Features are 64-bit hashes written into a reused
//! buffer: no allocation per feature at tag time. Depends on nothing else in the crate
//! except the tag scheme in `conll`.

/// Seed mixing of a template id and a value hash.
#[inline]
pub fn mix(template: u64, value: u64) -> u64 {
    let mut x = value ^ template.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// FNV-1a hash builder over bytes.
#[derive(Clone, Copy)]
pub struct ByteHash(u64);

impl ByteHash {
    /// A fresh hash.
    #[inline]
    pub fn new() -> ByteHash {
        ByteHash(0xcbf2_9ce4_8422_2325)
    }
    /// Feeds bytes.
    #[inline]
    pub fn bytes(&mut self, b: &[u8]) {
        for &c in b {
            self.0 ^= c as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    /// Feeds one char as UTF-8.
    #[inline]
    pub fn char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.bytes(c.encode_utf8(&mut buf).as_bytes());
    }
    /// The hash value.
    #[inline]
    pub fn finish(self) -> u64 {
        self.0
    }
}

impl Default for ByteHash {
    fn default() -> Self {
        ByteHash::new()
    }
}

/// Hash of a string exactly as written.
pub fn hash_str(s: &str) -> u64 {
    let mut h = ByteHash::new();
    h.bytes(s.as_bytes());
    h.finish()
}

/// Hash of the lower-cased string (no allocation).
pub fn hash_lower(s: &str) -> u64 {
    let mut h = ByteHash::new();
    for c in s.chars() {
        if c.is_ascii() {
            h.bytes(&[c.to_ascii_lowercase() as u8]);
        } else {
            for l in c.to_lowercase() {
                h.char(l);
            }
        }
    }
    h.finish()
}

/// Word-form normalisation used for the word features: digits become '0' so that
/// "1996" and "1997" share a feature.
fn hash_lower_digits(s: &str) -> u64 {
    let mut h = ByteHash::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            h.bytes(b"0");
        } else if c.is_ascii() {
            h.bytes(&[c.to_ascii_lowercase() as u8]);
        } else {
            for l in c.to_lowercase() {
                h.char(l);
            }
        }
    }
    h.finish()
}

/// Orthographic flags of a token.
pub mod flag {
    /// First char is upper case.
    pub const INIT_CAP: u32 = 1;
    /// Every letter is upper case (and there is at least one letter).
    pub const ALL_CAPS: u32 = 2;
    /// Contains a digit.
    pub const HAS_DIGIT: u32 = 4;
    /// Contains a hyphen.
    pub const HAS_HYPHEN: u32 = 8;
    /// No letters or digits at all.
    pub const PUNCT: u32 = 16;
    /// Contains a period.
    pub const HAS_PERIOD: u32 = 32;
    /// Upper case letter after the first char (McDonald, iPhone).
    pub const INNER_CAP: u32 = 64;
    /// All letters lower case.
    pub const ALL_LOWER: u32 = 128;
}

/// Document-level evidence about a token's word (filled by `DocumentEvidence`).
pub mod doc_flag {
    /// The same word (case-insensitive) occurs written in lower case in the document.
    pub const SEEN_LOWER: u8 = 1;
    /// The same word occurs capitalised somewhere not at the start of a sentence.
    pub const SEEN_CAP_MID: u8 = 2;
    /// The word occurs inside a longer capitalised run elsewhere in the document.
    pub const SEEN_IN_RUN: u8 = 4;
}

/// Everything the templates need about one token, computed once per token.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokenInfo {
    /// Hash of the exact form.
    pub word: u64,
    /// Hash of the lower-cased, digit-normalised form.
    pub lower: u64,
    /// Hash of the long shape (Xxxx -> "Xxxx", capped).
    pub shape: u64,
    /// Hash of the short shape (runs collapsed: "Xx").
    pub short_shape: u64,
    /// Hashes of the 1..=4 char prefixes (0 when the word is shorter).
    pub prefix: [u64; 4],
    /// Hashes of the 1..=4 char suffixes (0 when the word is shorter).
    pub suffix: [u64; 4],
    /// `flag::*` bits.
    pub flags: u32,
    /// Length in chars (capped at 255).
    pub len: u8,
    /// Gazetteer match code (0 = none), set by the caller.
    pub gazetteer: u32,
    /// Word-cluster path bits (0 = unknown), set by the caller.
    pub cluster: u32,
    /// Length of the cluster path in bits.
    pub cluster_len: u8,
    /// `doc_flag::*` bits, set by the caller.
    pub doc: u8,
    /// Document prior from the first pass (0 = none): low 3 bits = majority type + 1 of
    /// this word's entity mentions in other sentences, next 3 bits = type + 1 of a
    /// multi-token entity containing the word elsewhere, bit 6 = the word is that entity's
    /// first token. Set by the two-pass tagger.
    pub prior: u8,
    /// How often the word is capitalised away from sentence starts in unlabeled text
    /// (0 unknown, 1 almost never .. 4 almost always), set by the caller.
    pub cap_prior: u8,
    /// Name lexicon byte (first-name rank bucket in bits 0-1, surname rank bucket in bits
    /// 2-3, bit 4 = first word of a listed company name, bit 5 = a later word of one; 0 =
    /// not listed), set by the caller.
    pub names: u8,
    /// Typed name-phrase match code (kind bits << 3 | B/I/L/U position 1..=4; 0 = none),
    /// set by the caller from the phrase lexicon.
    pub phrase: u16,
    /// How many game-score tokens ("2-1", "6-3", "15-10") the document holds: 0 none,
    /// 1 one to three, 2 more (results and sports reports), set by the caller.
    pub doc_scores: u8,
    /// Class bits of the word as a common noun (role, organisation, place, event; 0 =
    /// not listed), set by the caller from the phrase lexicon.
    pub noun: u8,
}

impl TokenInfo {
    /// Summarises a token. Typographic quotes are read as their ASCII forms first
    /// ("Amazon’s" and "Amazon's" look the same to the model).
    pub fn of(word: &str) -> TokenInfo {
        if word.contains(['’', '‘', '“', '”', '`']) {
            let plain: String = word
                .chars()
                .map(|c| match c {
                    '’' | '‘' | '`' => '\'',
                    '“' | '”' => '"',
                    c => c,
                })
                .collect();
            return Self::of_plain(&plain);
        }
        Self::of_plain(word)
    }

    fn of_plain(word: &str) -> TokenInfo {
        let mut info = TokenInfo {
            word: hash_str(word),
            lower: hash_lower_digits(word),
            ..TokenInfo::default()
        };
        let mut shape = ByteHash::new();
        let mut short = ByteHash::new();
        let mut last_class = 0u8;
        let mut shape_len = 0usize;
        let mut letters = 0usize;
        let mut uppers = 0usize;
        let mut lowers = 0usize;
        let mut n = 0usize;
        let mut flags = 0u32;
        for (k, c) in word.chars().enumerate() {
            n += 1;
            let class = if c.is_uppercase() {
                letters += 1;
                uppers += 1;
                if k == 0 {
                    flags |= flag::INIT_CAP;
                } else {
                    flags |= flag::INNER_CAP;
                }
                b'X'
            } else if c.is_alphabetic() {
                letters += 1;
                lowers += 1;
                b'x'
            } else if c.is_ascii_digit() || c.is_numeric() {
                flags |= flag::HAS_DIGIT;
                b'd'
            } else {
                if c == '-' {
                    flags |= flag::HAS_HYPHEN;
                }
                if c == '.' {
                    flags |= flag::HAS_PERIOD;
                }
                if c.is_ascii() {
                    c as u8
                } else {
                    b'~'
                }
            };
            if shape_len < 6 || class != last_class {
                shape.bytes(&[class]);
                shape_len += 1;
            }
            if class != last_class {
                short.bytes(&[class]);
            }
            last_class = class;
        }
        if letters > 0 && uppers == letters {
            flags |= flag::ALL_CAPS;
        }
        if letters > 0 && lowers == letters {
            flags |= flag::ALL_LOWER;
        }
        if letters == 0 && flags & flag::HAS_DIGIT == 0 {
            flags |= flag::PUNCT;
        }
        info.flags = flags;
        info.shape = shape.finish();
        info.short_shape = short.finish();
        info.len = n.min(255) as u8;
        // Affixes over lower-cased chars.
        let mut pre = ByteHash::new();
        for (k, c) in word.chars().take(4).enumerate() {
            for l in c.to_lowercase() {
                pre.char(l);
            }
            if k < n.saturating_sub(1) || n == 1 {
                info.prefix[k] = pre.finish();
            }
        }
        // Suffixes: walk char boundaries from the end.
        let ends: Vec<usize> = word.char_indices().rev().take(4).map(|(i, _)| i).collect();
        for (k, &start) in ends.iter().enumerate() {
            if k + 1 >= n && n > 1 {
                break;
            }
            if let Some(tail) = word.get(start..) {
                info.suffix[k] = hash_lower(tail);
            }
        }
        info
    }

    fn is_cap(&self) -> bool {
        self.flags & flag::INIT_CAP != 0
    }
}

/// Template identifiers (stable: changing them invalidates a trained model).
mod t {
    pub const BIAS: u64 = 1;
    pub const W: u64 = 2;
    pub const LOW: u64 = 3;
    pub const LOW_M1: u64 = 4;
    pub const LOW_P1: u64 = 5;
    pub const LOW_M2: u64 = 6;
    pub const LOW_P2: u64 = 7;
    pub const BI_M1: u64 = 8;
    pub const BI_P1: u64 = 9;
    pub const PRE: u64 = 10;
    pub const SUF: u64 = 14;
    pub const SHAPE: u64 = 18;
    pub const SSHAPE: u64 = 19;
    pub const SSHAPE_M1: u64 = 20;
    pub const SSHAPE_P1: u64 = 21;
    pub const SSHAPE_TRI: u64 = 22;
    pub const FLAGS: u64 = 23;
    pub const FIRST: u64 = 24;
    pub const LEN: u64 = 25;
    pub const GAZ: u64 = 26;
    pub const GAZ_M1: u64 = 27;
    pub const GAZ_P1: u64 = 28;
    pub const CLUSTER: u64 = 29;
    pub const CLUSTER_M1: u64 = 33;
    pub const CLUSTER_P1: u64 = 34;
    pub const DOC: u64 = 35;
    pub const DOC_SHAPE: u64 = 36;
    pub const W_M1: u64 = 37;
    pub const W_P1: u64 = 38;
    pub const PREV: u64 = 40;
    pub const PREV2: u64 = 41;
    pub const PREV_W: u64 = 42;
    pub const PREV_SHAPE: u64 = 43;
    pub const HEADLINE: u64 = 44;
    pub const SUF_M1: u64 = 45;
    pub const PREV_LOW_M1: u64 = 46;
    pub const CAPRUN: u64 = 47;
    pub const PRIOR: u64 = 48;
    pub const PRIOR_SHAPE: u64 = 49;
    pub const PRIOR_M1: u64 = 50;
    pub const PRIOR_P1: u64 = 51;
    pub const CAP_PRIOR: u64 = 52;
    pub const CAP_PRIOR_CTX: u64 = 53;
    pub const NAMES: u64 = 54;
    pub const NAMES_CTX: u64 = 55;
    pub const PHRASE: u64 = 56;
    pub const PHRASE_M1: u64 = 57;
    pub const PHRASE_P1: u64 = 58;
    pub const SCORES_GAZ: u64 = 59;
    pub const SCORES_CLUSTER: u64 = 60;
    pub const SCORES_SHAPE: u64 = 61;
    pub const SCORES_W: u64 = 62;
    pub const NOUN: u64 = 63;
    pub const NOUN_M1: u64 = 64;
    pub const NOUN_P1: u64 = 65;
}

/// Cluster path prefix of `l` bits (capped at the path length), tagged with its length.
#[inline]
fn cluster_prefix(tk: &TokenInfo, l: u8) -> Option<u64> {
    if tk.cluster_len == 0 {
        return None;
    }
    let l = l.min(tk.cluster_len);
    Some((tk.cluster >> (tk.cluster_len - l)) as u64 | (l as u64) << 32)
}

const PAD_HASH: u64 = 0x5eed_0000_0000_0001;

fn low_at(s: &[TokenInfo], i: isize) -> u64 {
    if i < 0 {
        return PAD_HASH ^ (i as u64);
    }
    s.get(i as usize)
        .map(|t| t.lower)
        .unwrap_or(PAD_HASH.wrapping_add(i as u64))
}

/// True for a game-score token: two numbers of one to three digits joined by a hyphen
/// ("2-1", "15-10"); not a date ("1996-08") nor a range of years.
pub fn is_score(word: &str) -> bool {
    let Some((a, b)) = word.split_once('-') else {
        return false;
    };
    let digits = |x: &str| (1..=3).contains(&x.len()) && x.bytes().all(|c| c.is_ascii_digit());
    digits(a) && digits(b)
}

/// Per-sentence precomputation shared by all positions: whether the sentence looks like a
/// headline (mostly upper-case letters) and the capitalised run lengths.
#[derive(Clone, Debug, Default)]
pub struct SentenceInfo {
    /// Most letter-bearing tokens are all caps.
    pub headline: bool,
    /// Length of the maximal capitalised run each token belongs to (capped at 7).
    pub cap_run: Vec<u8>,
}

impl SentenceInfo {
    /// Computes the sentence summary.
    pub fn of(tokens: &[TokenInfo]) -> SentenceInfo {
        let mut lettered = 0usize;
        let mut caps = 0usize;
        for tk in tokens {
            if tk.flags & (flag::PUNCT | flag::HAS_DIGIT) == 0 {
                lettered += 1;
                if tk.flags & flag::ALL_CAPS != 0 {
                    caps += 1;
                }
            }
        }
        let headline = lettered >= 2 && caps * 10 >= lettered * 7;
        let mut cap_run = vec![0u8; tokens.len()];
        let mut i = 0;
        while i < tokens.len() {
            if tokens[i].is_cap() {
                let mut j = i;
                while j < tokens.len() && tokens[j].is_cap() {
                    j += 1;
                }
                let run = (j - i).min(7) as u8;
                for slot in &mut cap_run[i..j] {
                    *slot = run;
                }
                i = j;
            } else {
                i += 1;
            }
        }
        SentenceInfo { headline, cap_run }
    }
}

/// Writes the history-independent features of position `i` into `out` (cleared first).
pub fn static_features(s: &[TokenInfo], sent: &SentenceInfo, i: usize, out: &mut Vec<u64>) {
    out.clear();
    let Some(tk) = s.get(i) else { return };
    let ii = i as isize;
    out.push(mix(t::BIAS, 0));
    out.push(mix(t::W, tk.word));
    out.push(mix(t::LOW, tk.lower));
    out.push(mix(t::LOW_M1, low_at(s, ii - 1)));
    out.push(mix(t::LOW_P1, low_at(s, ii + 1)));
    out.push(mix(t::LOW_M2, low_at(s, ii - 2)));
    out.push(mix(t::LOW_P2, low_at(s, ii + 2)));
    out.push(mix(t::BI_M1, low_at(s, ii - 1).rotate_left(17) ^ tk.lower));
    out.push(mix(t::BI_P1, low_at(s, ii + 1).rotate_left(17) ^ tk.lower));
    let word_m1 = if i > 0 {
        s.get(i - 1).map(|x| x.word).unwrap_or(PAD_HASH)
    } else {
        PAD_HASH
    };
    let word_p1 = s.get(i + 1).map(|x| x.word).unwrap_or(PAD_HASH ^ 7);
    out.push(mix(t::W_M1, word_m1));
    out.push(mix(t::W_P1, word_p1));
    for k in 0..4 {
        if tk.prefix[k] != 0 {
            out.push(mix(t::PRE + k as u64, tk.prefix[k]));
        }
        if tk.suffix[k] != 0 {
            out.push(mix(t::SUF + k as u64, tk.suffix[k]));
        }
    }
    if i > 0 {
        if let Some(p) = s.get(i - 1) {
            if p.suffix[2] != 0 {
                out.push(mix(t::SUF_M1, p.suffix[2]));
            }
        }
    }
    out.push(mix(t::SHAPE, tk.shape));
    out.push(mix(t::SSHAPE, tk.short_shape));
    let sh_m1 = if i > 0 {
        s.get(i - 1).map(|x| x.short_shape).unwrap_or(PAD_HASH)
    } else {
        PAD_HASH
    };
    let sh_p1 = s.get(i + 1).map(|x| x.short_shape).unwrap_or(PAD_HASH ^ 3);
    out.push(mix(t::SSHAPE_M1, sh_m1));
    out.push(mix(t::SSHAPE_P1, sh_p1));
    out.push(mix(
        t::SSHAPE_TRI,
        sh_m1.rotate_left(21) ^ tk.short_shape.rotate_left(7) ^ sh_p1,
    ));
    let first = (i == 0) as u64;
    out.push(mix(
        t::FLAGS,
        tk.flags as u64 | first << 12 | (sent.headline as u64) << 13,
    ));
    out.push(mix(
        t::FIRST,
        first << 1 | tk.is_cap() as u64 | (tk.lower.rotate_left(3) & !0xF),
    ));
    out.push(mix(t::LEN, tk.len.min(12) as u64 | (tk.flags as u64) << 8));
    if sent.headline {
        out.push(mix(t::HEADLINE, tk.lower));
    }
    let run = sent.cap_run.get(i).copied().unwrap_or(0) as u64;
    out.push(mix(t::CAPRUN, run | (tk.flags as u64 & 3) << 4));
    let gaz_m1 = if i > 0 {
        s.get(i - 1).map(|x| x.gazetteer).unwrap_or(0)
    } else {
        0
    };
    let gaz_p1 = s.get(i + 1).map(|x| x.gazetteer).unwrap_or(0);
    if tk.gazetteer != 0 {
        out.push(mix(t::GAZ, tk.gazetteer as u64));
        out.push(mix(
            t::GAZ,
            (tk.gazetteer as u64) << 32 | tk.flags as u64 & 3,
        ));
    }
    if gaz_m1 != 0 {
        out.push(mix(t::GAZ_M1, gaz_m1 as u64));
    }
    if gaz_p1 != 0 {
        out.push(mix(t::GAZ_P1, gaz_p1 as u64));
    }
    if tk.cluster_len > 0 {
        for (k, bits) in [4u8, 6, 8, 16].iter().enumerate() {
            if let Some(prefix) = cluster_prefix(tk, *bits) {
                out.push(mix(t::CLUSTER + k as u64, prefix));
            }
        }
    }
    for (template, at) in [
        (t::CLUSTER_M1, i.checked_sub(1)),
        (t::CLUSTER_P1, Some(i + 1)),
    ] {
        if let Some(prefix) = at.and_then(|k| s.get(k)).and_then(|x| cluster_prefix(x, 8)) {
            out.push(mix(template, prefix));
        }
    }
    let names_m1 = if i > 0 {
        s.get(i - 1).map(|x| x.names).unwrap_or(0)
    } else {
        0
    };
    let names_p1 = s.get(i + 1).map(|x| x.names).unwrap_or(0);
    if tk.names != 0 {
        out.push(mix(
            t::NAMES,
            tk.names as u64 | (tk.flags as u64 & 3) << 8 | (sent.headline as u64) << 10,
        ));
    }
    if (tk.names | names_m1 | names_p1) != 0 && tk.is_cap() {
        out.push(mix(
            t::NAMES_CTX,
            tk.names as u64 | (names_m1 as u64) << 8 | (names_p1 as u64) << 16,
        ));
    }
    if tk.phrase != 0 {
        out.push(mix(t::PHRASE, tk.phrase as u64));
        out.push(mix(
            t::PHRASE,
            (tk.phrase as u64) << 32 | tk.flags as u64 & 3 | (sent.headline as u64) << 2,
        ));
    }
    let phrase_m1 = if i > 0 {
        s.get(i - 1).map(|x| x.phrase).unwrap_or(0)
    } else {
        0
    };
    let phrase_p1 = s.get(i + 1).map(|x| x.phrase).unwrap_or(0);
    if phrase_m1 != 0 {
        out.push(mix(
            t::PHRASE_M1,
            phrase_m1 as u64 | (tk.phrase as u64) << 16,
        ));
    }
    if phrase_p1 != 0 {
        out.push(mix(
            t::PHRASE_P1,
            phrase_p1 as u64 | (tk.phrase as u64) << 16,
        ));
    }
    if tk.noun != 0 {
        out.push(mix(
            t::NOUN,
            tk.noun as u64 | (tk.flags as u64 & 3) << 4 | first << 6,
        ));
    }
    let noun_m1 = if i > 0 {
        s.get(i - 1).map(|x| x.noun).unwrap_or(0)
    } else {
        0
    };
    let noun_p1 = s.get(i + 1).map(|x| x.noun).unwrap_or(0);
    if noun_m1 != 0 {
        out.push(mix(t::NOUN_M1, noun_m1 as u64 | (tk.flags as u64 & 3) << 4));
    }
    if noun_p1 != 0 {
        out.push(mix(t::NOUN_P1, noun_p1 as u64 | (tk.flags as u64 & 3) << 4));
    }
    if tk.doc_scores != 0 && tk.is_cap() {
        let b = tk.doc_scores as u64;
        out.push(mix(
            t::SCORES_GAZ,
            b | (tk.gazetteer as u64) << 4 | (tk.flags as u64 & 3) << 40,
        ));
        if let Some(prefix) = cluster_prefix(tk, 8) {
            out.push(mix(t::SCORES_CLUSTER, b << 56 ^ prefix));
        }
        out.push(mix(
            t::SCORES_SHAPE,
            b << 60 ^ tk.short_shape ^ first << 58 ^ sh_p1.rotate_left(13),
        ));
        out.push(mix(t::SCORES_W, b << 60 ^ tk.lower));
    }
    let cap_m1 = if i > 0 {
        s.get(i - 1).map(|x| x.cap_prior).unwrap_or(7)
    } else {
        7
    };
    let cap_p1 = s.get(i + 1).map(|x| x.cap_prior).unwrap_or(7);
    out.push(mix(
        t::CAP_PRIOR,
        tk.cap_prior as u64 | (tk.flags as u64 & 3) << 4 | first << 8 | (sent.headline as u64) << 9,
    ));
    out.push(mix(
        t::CAP_PRIOR_CTX,
        tk.cap_prior as u64 | (cap_m1 as u64) << 4 | (cap_p1 as u64) << 8,
    ));
    out.push(mix(
        t::DOC,
        tk.doc as u64 | (tk.flags as u64 & 3) << 8 | first << 12,
    ));
    out.push(mix(t::DOC_SHAPE, (tk.doc as u64) << 40 ^ tk.short_shape));
}

/// Appends the second-pass document-prior features of position `i`.
pub fn prior_features(s: &[TokenInfo], i: usize, out: &mut Vec<u64>) {
    let Some(tk) = s.get(i) else { return };
    let p = tk.prior as u64;
    out.push(mix(t::PRIOR, p | (tk.flags as u64 & 3) << 8));
    out.push(mix(t::PRIOR_SHAPE, p << 40 ^ tk.short_shape));
    let pm1 = if i > 0 {
        s.get(i - 1).map(|x| x.prior).unwrap_or(0)
    } else {
        0
    };
    let pp1 = s.get(i + 1).map(|x| x.prior).unwrap_or(0);
    out.push(mix(t::PRIOR_M1, pm1 as u64 | p << 8));
    out.push(mix(t::PRIOR_P1, pp1 as u64 | p << 8));
}

/// Salt that separates second-pass feature keys from first-pass ones in one table.
pub const SECOND_PASS_SALT: u64 = 0x2D2D_5A17;

/// Re-keys features for the second pass.
pub fn salt_features(out: &mut [u64]) {
    for f in out.iter_mut() {
        *f = mix(SECOND_PASS_SALT, *f);
    }
}

/// Writes the features that depend on the two previous tags into `out` (appended).
pub fn history_features(s: &[TokenInfo], i: usize, prev1: u8, prev2: u8, out: &mut Vec<u64>) {
    let Some(tk) = s.get(i) else { return };
    let p1 = prev1 as u64;
    let p2 = prev2 as u64;
    out.push(mix(t::PREV, p1));
    out.push(mix(t::PREV2, p1 | p2 << 8));
    out.push(mix(
        t::PREV_W,
        tk.lower ^ p1.wrapping_mul(0x1234_5678_9ABC_DEF1),
    ));
    out.push(mix(
        t::PREV_SHAPE,
        tk.short_shape ^ p1.wrapping_mul(0x0F0F_1234_5678_9ABD),
    ));
    let low_m1 = low_at(s, i as isize - 1);
    out.push(mix(
        t::PREV_LOW_M1,
        low_m1 ^ p1.wrapping_mul(0x7777_1234_5678_9ABD),
    ));
}

/// Tag index used for "before the sentence".
pub const START_TAG: u8 = 31;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_and_shapes() {
        let a = TokenInfo::of("Amazon");
        let b = TokenInfo::of("Boston");
        let c = TokenInfo::of("NASA");
        assert_eq!(a.short_shape, b.short_shape);
        assert_ne!(a.short_shape, c.short_shape);
        assert!(a.flags & flag::INIT_CAP != 0);
        assert!(c.flags & flag::ALL_CAPS != 0);
        assert!(TokenInfo::of(",").flags & flag::PUNCT != 0);
        assert_eq!(TokenInfo::of("1996").lower, TokenInfo::of("1997").lower);
        assert_eq!(TokenInfo::of("Paris").lower, TokenInfo::of("PARIS").lower);
    }

    #[test]
    fn game_scores() {
        // (token, is a game score)
        let cases = [
            ("2-1", true),
            ("15-10", true),
            ("6-3", true),
            ("1996-08-30", false),
            ("1995-96", false),
            ("2-", false),
            ("-1", false),
            ("a-b", false),
            ("2-1-0", false),
            ("", false),
            ("٣-١", false),
        ];
        for (w, want) in cases {
            assert_eq!(is_score(w), want, "{w}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for w in ["", "é", "’s", "ÅÄÖ-1", "a\u{301}", "x"] {
            let info = TokenInfo::of(w);
            let s = [info];
            let si = SentenceInfo::of(&s);
            let mut out = Vec::new();
            static_features(&s, &si, 0, &mut out);
            history_features(&s, 0, START_TAG, START_TAG, &mut out);
            assert!(out.len() > 10);
            static_features(&s, &si, 5, &mut out);
            assert!(out.is_empty());
        }
    }
}
