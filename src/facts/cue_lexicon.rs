//! The lexicon of attribution cues: verbs and phrases that introduce what someone said,
//! wrote or thinks ("said", "told", "pointed out", "according to", "believes").
//!
//! Each entry is a lemma with the syntax it allows (a clause after it, an addressee before
//! the clause, only after the content, a source after "according to") and the modality it
//! gives; all inflections (3rd person, past, participle, -ing) are generated from the lemma
//! with English spelling rules plus a small table of irregular forms, so the table stays one
//! line per lemma. Lookup takes lowercased token texts and returns the longest cue that starts
//! at the first one. This module depends on nothing else in the crate.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What may follow (or must precede) a cue, which decides the patterns it can take part in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CueClass {
    /// A speech or writing verb that can take a clause: "X said (that) ...", "..., X said".
    Say,
    /// A speech verb that can name an addressee first: "X told Y (that) ...".
    Tell,
    /// A verb that only attributes content standing before it or in quotation marks
    /// ("..., he continued", "“...,” she replied").
    SayAfterContent,
    /// A verb of thinking or learning; before its content it needs "that"
    /// ("Amazon believes that ...", "Yicai learned ...").
    Cognition,
    /// The preposition "according to": the source follows it.
    AccordingTo,
    /// A verb of evidence, evaluation, support or intention whose content is its object or
    /// complement: a noun phrase, an infinitive or a clause ("the poll shows Trump ahead",
    /// "Sanders endorsed Clinton", "Trump wants the votes", "the aide declined to comment").
    /// PolNeAR annotates these as attributions; only their inflected forms are cues, and a
    /// base form only after a pronoun, a plural or an auxiliary ("polls show").
    Stance,
}

/// Which inflected form of the lemma was seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CueForm {
    /// "say", "point out".
    Base,
    /// "says", "points out".
    ThirdPerson,
    /// "said", "pointed out" (simple past or past participle).
    Past,
    /// "saying", "pointing out".
    Progressive,
    /// A phrase that does not inflect ("according to").
    Fixed,
}

/// One lemma of the lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueEntry {
    /// The lemma, words separated by one space ("point out"); the first word inflects.
    pub lemma: &'static str,
    /// The syntax it allows.
    pub class: CueClass,
    /// True when the verb hedges what it introduces (beliefs, expectations).
    pub speculative: bool,
    /// True when a clause may follow without "that" ("said the plan works"); false for verbs
    /// that usually take a noun object ("reported the story", "maintains a lead") or are
    /// also nouns ("state", "report").
    pub bare_clause: bool,
}

/// A cue found at a token position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueMatch {
    /// The lemma it belongs to.
    pub entry: &'static CueEntry,
    /// The form seen.
    pub form: CueForm,
    /// How many tokens it covers (1 for "said", 2 for "pointed out", 3 for "made it clear").
    pub token_count: usize,
}

const fn e(lemma: &'static str, class: CueClass) -> CueEntry {
    CueEntry {
        lemma,
        class,
        speculative: false,
        bare_clause: false,
    }
}

/// A verb that also takes a clause without "that".
const fn bare(lemma: &'static str, class: CueClass) -> CueEntry {
    CueEntry {
        lemma,
        class,
        speculative: false,
        bare_clause: true,
    }
}

const fn spec(lemma: &'static str, class: CueClass) -> CueEntry {
    CueEntry {
        lemma,
        class,
        speculative: true,
        bare_clause: false,
    }
}

use CueClass::{AccordingTo, Cognition, Say, SayAfterContent, Stance, Tell};

/// The lexicon, one lemma a line. Chosen from the cue words most frequent in PolNeAR train
/// that introduce speech, writing or a stated belief, then (class `Stance`) the most frequent
/// verbs of evidence, evaluation, support and intention that PolNeAR also annotates.
static ENTRIES: &[CueEntry] = &[
    bare("say", Say),
    e("add", Say),
    e("note", Say),
    e("explain", Say),
    e("state", Say),
    e("claim", Say),
    bare("argue", Say),
    bare("insist", Say),
    e("declare", Say),
    e("stress", Say),
    e("emphasize", Say),
    e("emphasise", Say),
    e("acknowledge", Say),
    e("admit", Say),
    bare("concede", Say),
    e("confirm", Say),
    e("reveal", Say),
    e("report", Say),
    e("write", Say),
    e("tweet", Say),
    bare("predict", Say),
    e("pledge", Say),
    e("vow", Say),
    bare("suggest", Say),
    e("recall", Say),
    e("observe", Say),
    e("remark", Say),
    e("comment", Say),
    e("maintain", Say),
    bare("contend", Say),
    bare("assert", Say),
    bare("allege", Say),
    e("point out", Say),
    e("estimate", Say),
    e("conclude", Say),
    bare("complain", Say),
    e("boast", Say),
    e("disclose", Say),
    e("mention", Say),
    e("reiterate", Say),
    e("testify", Say),
    e("hint", Say),
    e("speculate", Say),
    e("forecast", Say),
    e("affirm", Say),
    e("proclaim", Say),
    e("recount", Say),
    e("clarify", Say),
    e("lament", Say),
    e("charge", Say),
    e("make clear", Say),
    e("make it clear", Say),
    bare("tell", Tell),
    e("inform", Tell),
    bare("assure", Tell),
    e("remind", Tell),
    bare("warn", Tell),
    e("promise", Tell),
    e("caution", Tell),
    e("continue", SayAfterContent),
    e("reply", SayAfterContent),
    e("respond", SayAfterContent),
    e("answer", SayAfterContent),
    e("joke", SayAfterContent),
    e("quip", SayAfterContent),
    e("retort", SayAfterContent),
    e("counter", SayAfterContent),
    e("exclaim", SayAfterContent),
    e("ask", SayAfterContent),
    e("call", SayAfterContent),
    e("learn", Cognition),
    e("know", Cognition),
    e("agree", Cognition),
    e("deny", Cognition),
    spec("believe", Cognition),
    spec("think", Cognition),
    spec("expect", Cognition),
    spec("hope", Cognition),
    spec("fear", Cognition),
    spec("feel", Cognition),
    spec("doubt", Cognition),
    spec("suspect", Cognition),
    spec("worry", Cognition),
    e("according to", AccordingTo),
    e("show", Stance),
    e("find", Stance),
    e("indicate", Stance),
    e("want", Stance),
    e("prefer", Stance),
    e("announce", Stance),
    e("describe", Stance),
    e("express", Stance),
    e("propose", Stance),
    e("urge", Stance),
    e("call for", Stance),
    e("call on", Stance),
    e("push for", Stance),
    e("refer to", Stance),
    e("talk about", Stance),
    e("cite", Stance),
    e("decline", Stance),
    e("refuse", Stance),
    e("support", Stance),
    e("back", Stance),
    e("endorse", Stance),
    e("favor", Stance),
    e("oppose", Stance),
    e("praise", Stance),
    e("welcome", Stance),
    e("hail", Stance),
    e("tout", Stance),
    e("defend", Stance),
    e("criticize", Stance),
    e("criticise", Stance),
    e("accuse", Stance),
    e("attack", Stance),
    e("blame", Stance),
    e("reject", Stance),
    e("dismiss", Stance),
    e("condemn", Stance),
    e("denounce", Stance),
    e("blast", Stance),
    e("slam", Stance),
    e("mock", Stance),
];

/// Irregular forms: lemma head, 3rd person, past, -ing.
static IRREGULAR: &[(&str, &str, &str, &str)] = &[
    ("say", "says", "said", "saying"),
    ("tell", "tells", "told", "telling"),
    ("write", "writes", "wrote", "writing"),
    ("think", "thinks", "thought", "thinking"),
    ("feel", "feels", "felt", "feeling"),
    ("know", "knows", "knew", "knowing"),
    ("make", "makes", "made", "making"),
    ("learn", "learns", "learned", "learning"),
    ("admit", "admits", "admitted", "admitting"),
    ("forecast", "forecasts", "forecast", "forecasting"),
    ("quip", "quips", "quipped", "quipping"),
    ("find", "finds", "found", "finding"),
    ("seek", "seeks", "sought", "seeking"),
    ("prefer", "prefers", "preferred", "preferring"),
    ("refer", "refers", "referred", "referring"),
    ("slam", "slams", "slammed", "slamming"),
];

/// Extra past forms that the table above cannot hold (participles differing from the past).
static EXTRA_PAST: &[(&str, &str)] = &[("write", "written"), ("learn", "learnt")];

struct Candidate {
    rest: Vec<&'static str>,
    entry: &'static CueEntry,
    form: CueForm,
}

fn index() -> &'static BTreeMap<String, Vec<Candidate>> {
    static INDEX: OnceLock<BTreeMap<String, Vec<Candidate>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map: BTreeMap<String, Vec<Candidate>> = BTreeMap::new();
        for entry in ENTRIES {
            let mut words = entry.lemma.split(' ');
            let head = words.next().unwrap_or("");
            let rest: Vec<&'static str> = words.collect();
            let forms: Vec<(String, CueForm)> = if entry.class == AccordingTo {
                vec![(head.to_string(), CueForm::Fixed)]
            } else {
                inflections(head)
            };
            for (form_text, form) in forms {
                map.entry(form_text).or_default().push(Candidate {
                    rest: rest.clone(),
                    entry,
                    form,
                });
            }
        }
        // Longest phrase first so lookup can take the first that fits.
        for list in map.values_mut() {
            list.sort_by(|a, b| {
                b.rest
                    .len()
                    .cmp(&a.rest.len())
                    .then(a.entry.lemma.cmp(b.entry.lemma))
            });
        }
        map
    })
}

/// All inflected forms of a one-word verb lemma.
pub fn inflections(lemma: &str) -> Vec<(String, CueForm)> {
    let mut out = vec![(lemma.to_string(), CueForm::Base)];
    if let Some(&(_, third, past, ing)) = IRREGULAR.iter().find(|row| row.0 == lemma) {
        out.push((third.to_string(), CueForm::ThirdPerson));
        out.push((past.to_string(), CueForm::Past));
        out.push((ing.to_string(), CueForm::Progressive));
    } else {
        out.push((third_person(lemma), CueForm::ThirdPerson));
        out.push((past(lemma), CueForm::Past));
        out.push((progressive(lemma), CueForm::Progressive));
    }
    for &(l, extra) in EXTRA_PAST {
        if l == lemma {
            out.push((extra.to_string(), CueForm::Past));
        }
    }
    out
}

fn consonant_y(lemma: &str) -> bool {
    let mut rev = lemma.chars().rev();
    matches!((rev.next(), rev.next()), (Some('y'), Some(c)) if !"aeiou".contains(c))
}

fn third_person(lemma: &str) -> String {
    if consonant_y(lemma) {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else if ["s", "sh", "ch", "x", "z", "o"]
        .iter()
        .any(|end| lemma.ends_with(end))
    {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    }
}

fn past(lemma: &str) -> String {
    if consonant_y(lemma) {
        format!("{}ied", &lemma[..lemma.len() - 1])
    } else if lemma.ends_with('e') {
        format!("{lemma}d")
    } else {
        format!("{lemma}ed")
    }
}

fn progressive(lemma: &str) -> String {
    if lemma.ends_with('e') && !lemma.ends_with("ee") {
        format!("{}ing", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}ing")
    }
}

/// The longest cue starting at `words[0]` (lowercased token texts, apostrophes as typed).
pub fn lookup(words: &[&str]) -> Option<CueMatch> {
    let first = words.first()?;
    let candidates = index().get(*first)?;
    for cand in candidates {
        let fits = cand
            .rest
            .iter()
            .enumerate()
            .all(|(k, w)| words.get(k + 1) == Some(w));
        if fits {
            return Some(CueMatch {
                entry: cand.entry,
                form: cand.form,
                token_count: 1 + cand.rest.len(),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_follow_spelling_rules() {
        let cases: &[(&str, [&str; 4])] = &[
            ("say", ["say", "says", "said", "saying"]),
            ("note", ["note", "notes", "noted", "noting"]),
            (
                "testify",
                ["testify", "testifies", "testified", "testifying"],
            ),
            ("stress", ["stress", "stresses", "stressed", "stressing"]),
            ("point", ["point", "points", "pointed", "pointing"]),
            ("admit", ["admit", "admits", "admitted", "admitting"]),
        ];
        for (lemma, want) in cases {
            let got: Vec<String> = inflections(lemma)
                .into_iter()
                .take(4)
                .map(|(f, _)| f)
                .collect();
            assert_eq!(got, want.to_vec(), "inflections of {lemma}");
        }
    }

    #[test]
    fn lookup_prefers_the_longest_phrase() {
        let m = lookup(&["pointed", "out", "that"]).map(|m| (m.entry.lemma, m.form, m.token_count));
        assert_eq!(m, Some(("point out", CueForm::Past, 2)));
        let m = lookup(&["made", "it", "clear"]).map(|m| (m.entry.lemma, m.token_count));
        assert_eq!(m, Some(("make it clear", 3)));
        let m = lookup(&["according", "to", "data"]).map(|m| (m.entry.class, m.token_count));
        assert_eq!(m, Some((CueClass::AccordingTo, 2)));
    }

    #[test]
    fn non_cues_are_not_found() {
        for words in [&["pointed"][..], &["according"], &["made"], &["table"], &[]] {
            assert!(lookup(words).is_none(), "{words:?} is not a cue");
        }
    }
}
