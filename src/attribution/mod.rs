//! Attribution: which quote spans are speech, who said them, and the
//! reported speech (indirect) clauses with their exact content spans.
//!
//! After CoreNLP's quote attribution (Muzny et al. 2017), a unit goes
//! through an ordered list of small sieves. `context` works out once
//! what every rule asks (quote cover, sentences, clause starts); the cue
//! clauses are read (`clauses`) and their pronouns resolved (`coref`);
//! then each sieve in `sieves::SIEVES` attributes what it is sure of and
//! leaves the rest to the next, and the last ones order the rows and carry
//! the context to the next unit.
//!
//! Every decision is a named rule, a [`Method`] reported in the `method`
//! column: `colon` (X说：“…”), `preposed` (X说，“…”), `governed`
//! (X重申“…”), `postposed` (“…”X说), `post_cue` (“…”。X这样评价),
//! `sandwich` (“…”X说，“…”), `partial_in_indirect`, `nested` (a quote
//! inside a quote with its own cue), `indirect` (X说，…), `zero_anaphora`
//! (…，并表示…), `turn` / `turn_next_paragraph` / `turn_far` (a quote with
//! no cue continues a speaker's turn), `colon_subject`, `adjacent_subject`,
//! `intro_subject` (the subject of the sentence introducing a quote with
//! no cue), `pronoun` (他说 resolved), `writer` (记者问：“…”, the writer's words),
//! `unattributed`, `term`.

mod clauses;
mod context;
mod coref;
pub mod method;
pub(crate) mod registry;
mod sieves;
pub mod speaker;
mod subject;

use crate::lexicon::Knowledge;
use crate::mentions::{CueHit, Mentions, WordIndex};
use crate::quotes::QuoteSpan;
use context::Context;
pub use method::Method;
use sieves::Attribution;
pub use speaker::{Parser, Speaker, SpeakerType};

/// The attribution sieves in the order they run, each with what it
/// attributes; a quote with no cue goes down the rules listed after
/// `no_cue`, in order, until one decides.
pub fn sieves() -> Vec<(&'static str, &'static str)> {
    sieves::listing()
}

/// Kind of a unit of speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Quoted sentence(s).
    #[default]
    Direct,
    /// A quoted fragment inside reported speech or narration.
    Partial,
    /// Reported speech without quote marks.
    Indirect,
    /// A name, slogan or scare quote.
    Term,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 4] = [Kind::Direct, Kind::Partial, Kind::Indirect, Kind::Term];

    /// The kind spelled `s`.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The CSV spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Partial => "partial",
            Kind::Indirect => "indirect",
            Kind::Term => "term",
        }
    }
}

/// One attributed unit of speech, positions local to its unit.
#[derive(Debug, Clone)]
pub struct Found {
    /// Kind.
    pub kind: Kind,
    /// First character of the words.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// The speaker, if any.
    pub speaker: Option<Speaker>,
    /// The speaker's phrase is in this unit (its span is meaningful).
    pub speaker_here: bool,
    /// The cue, if any.
    pub cue: Option<(usize, usize)>,
    /// The rule that fired.
    pub method: Method,
    /// Confidence in the attribution, 0–1.
    pub confidence: f32,
    /// The sentence around the words.
    pub sentence: (usize, usize),
}

impl Found {
    /// A row of `kind` for the words `[start, end)` found by `method` in
    /// `sentence`, with no speaker or cue yet and the method's confidence.
    pub fn new(kind: Kind, (start, end): (usize, usize), method: Method, sentence: (usize, usize)) -> Found {
        Found {
            kind,
            start,
            end,
            speaker: None,
            speaker_here: false,
            cue: None,
            method,
            confidence: method.confidence(),
            sentence,
        }
    }

    /// The row with its speaker; `here`: the speaker's phrase is in this unit.
    pub fn by(self, speaker: Option<Speaker>, here: bool) -> Found {
        Found { speaker, speaker_here: here, ..self }
    }

    /// The row with its cue.
    pub fn cued(self, cue: (usize, usize)) -> Found {
        Found { cue: Some(cue), ..self }
    }

    /// The row with another confidence than its method's.
    pub fn at_confidence(self, confidence: f32) -> Found {
        Found { confidence, ..self }
    }
}

/// What carries from one unit to the next inside an article.
#[derive(Debug, Clone, Default)]
pub struct DocState {
    /// The last person mentioned or quoted (kept by [`Unit::attribute`]).
    #[cfg(feature = "internals")]
    pub last_person: Option<Speaker>,
    /// The speaker whose words ended the previous unit.
    pub turn: Option<Speaker>,
    /// The last speaker of any quote.
    pub last_speaker: Option<Speaker>,
    /// A speaker whose cue and colon ended the previous unit.
    pub pending_colon: Option<Speaker>,
}

/// What a unit leaves as the last person for a later pronoun.
#[derive(Debug, Clone)]
pub enum Carry {
    /// The unit's last words were spoken by this person.
    Person(Speaker),
    /// The later of this person quoted through a cue (with where its
    /// phrase starts) and the last person the unit names
    /// ([`Unit::last_named`]); an earlier unit's when neither exists.
    Open(Option<(usize, Speaker)>),
}

/// The later of a person quoted through a cue and a person named, each with
/// where its phrase starts; the quoted one when both start at one place.
pub fn later_person<S>(quoted: Option<(usize, S)>, named: Option<(usize, S)>) -> Option<S> {
    match (quoted, named) {
        (Some(a), Some(b)) => Some(if a.0 >= b.0 { a.1 } else { b.1 }),
        (a, b) => a.or(b).map(|x| x.1),
    }
}

/// Attribution over one unit.
#[derive(Clone, Copy)]
pub struct Unit<'a> {
    /// Lexicons.
    pub k: &'a Knowledge,
    /// Normalised text.
    pub norm: &'a [char],
    /// Original text.
    pub orig: &'a [char],
    /// Quote spans.
    pub quotes: &'a [QuoteSpan],
    /// Cue hits.
    pub cues: &'a [CueHit],
    /// Entity mentions by start.
    pub ents: &'a Mentions,
    /// Function words.
    pub words: &'a WordIndex,
}

fn is_comma(c: char) -> bool {
    matches!(c, '，' | ',')
}
fn is_colon(c: char) -> bool {
    matches!(c, '：' | ':')
}
fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

impl<'a> Unit<'a> {
    fn parser(&self) -> Parser<'a> {
        Parser { k: self.k, norm: self.norm, orig: self.orig, ents: self.ents, words: self.words }
    }

    /// The top-level quote covering each character (`usize::MAX`: none).
    fn quote_cover(&self) -> Vec<usize> {
        let n = self.norm.len();
        let mut inq = vec![usize::MAX; n];
        for (i, q) in self.quotes.iter().enumerate() {
            if q.depth == 0 {
                let e = q.close.map_or(n, |c| c + 1);
                for x in inq.iter_mut().take(e).skip(q.open) {
                    *x = i;
                }
            }
        }
        inq
    }

    /// Runs attribution; `state` carries context between units, and
    /// `state.last_person` is brought up to date (the tagger runs
    /// [`Unit::attribute_with`] and finds the last person itself).
    #[cfg(feature = "internals")]
    pub fn attribute(&self, state: &mut DocState, include_terms: bool) -> Vec<Found> {
        let prior = state.last_person.clone();
        let (found, carry) = self.attribute_with(state, include_terms, &|| prior.clone());
        match carry {
            Carry::Person(sp) => state.last_person = Some(sp),
            Carry::Open(from_clauses) => {
                let best = later_person(from_clauses, self.last_named());
                if best.is_some() {
                    state.last_person = best;
                }
            }
        }
        found
    }

    /// Runs attribution without settling the last person named: `earlier`
    /// gives the last person before this unit, and is asked only when a
    /// pronoun needs it (at most once); `state.last_person` is left alone.
    /// The returned [`Carry`] says what this unit leaves as the last person.
    pub fn attribute_with(
        &self,
        state: &mut DocState,
        include_terms: bool,
        earlier: &dyn Fn() -> Option<Speaker>,
    ) -> (Vec<Found>, Carry) {
        let cx = Context::new(*self, earlier);
        let mut clauses = clauses::build(&cx, state);
        let person_clauses = coref::resolve_pronouns(&cx, &mut clauses);
        let mut st = Attribution {
            out: Vec::new(),
            q_attr: vec![None; self.quotes.len()],
            clauses,
            person_clauses,
            state,
            include_terms,
            carry: Carry::Open(None),
        };
        sieves::run(&cx, &mut st);
        (st.out, st.carry)
    }
}

/// Test helpers: invented sentences through the public [`crate::Tagger`].
#[cfg(test)]
pub(crate) mod testing {
    use crate::lexicon::Lexicons;
    use crate::Tagger;
    use std::sync::OnceLock;

    /// A tagger that gives terms a row too.
    fn tagger() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| {
            Tagger::builder()
                .include_terms(true)
                .build(&Lexicons::embedded())
                .expect("the embedded lexicons load")
        })
    }

    /// Every row of `text`, terms too, as `kind | words | speaker | method`.
    pub(crate) fn all_rows(text: &str) -> Vec<String> {
        let quotes = tagger().tag("test", text).quotes;
        quotes.iter().map(|q| format!("{} | {} | {} | {}", q.kind, q.text, q.speaker, q.method)).collect()
    }

    /// The rows of `text` that are not terms.
    pub(crate) fn rows(text: &str) -> Vec<String> {
        all_rows(text).into_iter().filter(|r| !r.starts_with("term |")).collect()
    }

    /// Runs `f` with a speaker [`Parser`](crate::attribution::Parser) over
    /// `text` as one unit.
    pub(crate) fn with_parser<R>(text: &str, f: impl FnOnce(&crate::attribution::Parser) -> R) -> R {
        let t = tagger();
        let orig: Vec<char> = text.chars().collect();
        let norm: Vec<char> = orig.iter().map(|&c| t.fold_char(c)).collect();
        let s: String = norm.iter().collect();
        let b2c = crate::mentions::byte_to_char(&s);
        let (ents, words) = t.matchers().scan(&s, &b2c, norm.len());
        let p = crate::attribution::Parser {
            k: t.knowledge(),
            norm: &norm,
            orig: &orig,
            ents: &ents,
            words: &words,
        };
        f(&p)
    }

    /// A speaker as `text | name | title | affiliation | type`.
    pub(crate) fn speaker_line(sp: &crate::attribution::Speaker) -> String {
        format!("{} | {} | {} | {} | {}", sp.text, sp.name, sp.title, sp.affiliation, sp.stype.as_str())
    }

    /// The speaker phrase parsed forward over the whole of `text`, and
    /// where it ends.
    pub(crate) fn parse(text: &str) -> Option<(String, usize)> {
        with_parser(text, |p| p.parse_forward(0, p.norm.len()).map(|(sp, e)| (speaker_line(&sp), e)))
    }
}
