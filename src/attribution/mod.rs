//! Attribution: which quote spans are speech, who said them, and the
//! reported speech (indirect) clauses with their exact content spans.
//!
//! Every decision is a named rule, reported in the `method` column:
//! `colon` (X说：“…”), `preposed` (X说，“…”), `governed` (X重申“…”),
//! `postposed` (“…”X说), `post_cue` (“…”。X这样评价), `sandwich`
//! (“…”X说，“…”), `partial_in_indirect`, `nested` (a quote inside a quote
//! with its own cue), `indirect` (X说，…), `zero_anaphora` (…，并表示…),
//! `turn` / `turn_next_paragraph` / `turn_far` (a quote with no cue continues
//! a speaker's turn), `pronoun` (他说 resolved), `unattributed`.

mod clauses;
mod context;
mod coref;
pub mod method;
mod sieves;
pub mod speaker;

use crate::lexicon::{CueClass, Knowledge, Role};
use crate::mentions::{CueHit, Mentions, WordIndex};
use crate::quotes::QuoteSpan;
use crate::text::marks;
use clauses::After;
use context::Context;
pub use method::Method;
use sieves::Attribution;
pub use speaker::{Np, Parser, Speaker, SpeakerType};

/// A one-line description of an attribution rule (the `method` column,
/// suffixes such as `+stitched` ignored).
pub fn describe(method: &str) -> &'static str {
    let base = method.split('+').next().unwrap_or(method);
    Method::parse(base).map_or("unknown rule", Method::describe)
}

/// The attribution sieves in the order they run, each with what it
/// attributes; a quote with no cue goes down the rules listed after
/// `no_cue`, in order, until one decides.
pub fn sieves() -> Vec<(&'static str, &'static str)> {
    sieves::listing()
}

/// Kind of a unit of speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Quoted sentence(s).
    Direct,
    /// A quoted fragment inside reported speech or narration.
    Partial,
    /// Reported speech without quote marks.
    Indirect,
    /// A name, slogan or scare quote.
    Term,
}

impl Kind {
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
    /// The last person mentioned or quoted.
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

/// The longest reported clause (characters); a clause runs to its sentence end.
pub(crate) const MAX_CONTENT: usize = 2000;

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
    /// `state.last_person` is brought up to date.
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
        let (n, norm, p) = (cx.n, cx.norm, &cx.p);
        let top = &cx.top;
        let outside = |i: usize| cx.outside(i);
        let sentence = |i: usize| cx.sentence(i);
        let clause_start = |i: usize| cx.clause_start(i);

        let mut clauses = clauses::build(&cx, state);
        let person_clauses = coref::resolve_pronouns(&cx, &mut clauses);

        let mut st = Attribution {
            out: Vec::new(),
            q_attr: vec![None; self.quotes.len()],
            clauses,
            state: &mut *state,
        };
        sieves::run(&cx, &mut st);
        let Attribution { mut out, mut q_attr, clauses, .. } = st;
        let speechlike = |q: &QuoteSpan| cx.speechlike(q);
        let clause_like = |q: &QuoteSpan| cx.clause_like(q);
        let push = |out: &mut Vec<Found>, f: Found| {
            out.push(f);
            out.len() - 1
        };

        // ---- quotes with no cue: turns, or terms
        for &qi in top {
            if q_attr[qi].is_some() {
                continue;
            }
            let q = &self.quotes[qi];
            if !speechlike(q) {
                if include_terms {
                    let f = Found {
                        kind: Kind::Term,
                        start: q.start(),
                        end: q.end(n),
                        speaker: None,
                        speaker_here: false,
                        cue: None,
                        method: Method::Term,
                        confidence: 0.0,
                        sentence: sentence(q.open),
                    };
                    q_attr[qi] = Some(push(&mut out, f));
                }
                continue;
            }
            // X……：“…” with no cue: the subject of the clause before the colon
            let mut before = q.open;
            while before > 0 && norm[before - 1].is_whitespace() {
                before -= 1;
            }
            if before > 0 && is_colon(norm[before - 1]) {
                let cs = clause_start(before - 1);
                let found = self.subject_at(cs, before - 1, p).or_else(|| {
                    let (ss, _) = sentence(before - 1);
                    self.subject_at(ss, before - 1, p)
                });
                if let Some(mut sp) = found {
                    if sp.stype == SpeakerType::Pronoun {
                        // persons already given quotes in this unit count too
                        let mut persons = person_clauses.clone();
                        persons.extend(out.iter().filter_map(|f| {
                            let s = f.speaker.as_ref().filter(|s| s.stype == SpeakerType::Person)?;
                            Some((if f.speaker_here { s.span.0 } else { f.start }, s.clone()))
                        }));
                        persons.sort_by_key(|(i, _)| *i);
                        if let Some(mut r) = cx.coref.antecedent(&cx, sp.span.0, &persons, &sp) {
                            r.span = sp.span;
                            sp = r;
                        }
                    }
                    let f = Found {
                        kind: Kind::Direct,
                        start: q.start(),
                        end: q.end(n),
                        speaker: Some(sp),
                        speaker_here: true,
                        cue: None,
                        method: Method::ColonSubject,
                        confidence: 0.6,
                        sentence: sentence(q.open),
                    };
                    q_attr[qi] = Some(push(&mut out, f));
                    continue;
                }
            }
            // “…”同济学生小刘急于……: a person right after the quote, no cue
            if let Some(close) = q.close {
                let mut a = close + 1;
                while a < n && (is_comma(norm[a]) || norm[a].is_whitespace()) {
                    a += 1;
                }
                let lim = (a..n).find(|&i| marks::is_clause_punct(norm[i]) || !outside(i)).unwrap_or(n);
                if a < lim {
                    if let Some((sp, _)) = p.parse_forward(a, lim) {
                        if sp.stype == SpeakerType::Person && !self.k.role(Role::Reporter).contains(&sp.title)
                        {
                            let f = Found {
                                kind: Kind::Direct,
                                start: q.start(),
                                end: q.end(n),
                                speaker: Some(sp),
                                speaker_here: true,
                                cue: None,
                                method: Method::AdjacentSubject,
                                confidence: 0.55,
                                sentence: sentence(q.open),
                            };
                            q_attr[qi] = Some(push(&mut out, f));
                            continue;
                        }
                    }
                }
            }
            // 正如X指出的那样：采用……，“……”: a citation's words run on to the
            // quote in the same sentence; 李明在微博上倡议大家报名，“……”: a
            // cue with its object, then a comma and the quote. No other cue
            // may stand between.
            let q_sent = sentence(q.open);
            let after_comma = before > 0 && (is_comma(norm[before - 1]) || is_colon(norm[before - 1]));
            let cited = clauses.iter().rev().find(|c| {
                c.speaker.is_some()
                    && c.hit.end <= q.open
                    && sentence(c.hit.start) == q_sent
                    && ((c.citation && matches!(c.after, After::Colon | After::Comma))
                        || (c.class == CueClass::Speech && c.here && c.after == After::Bare && after_comma))
            });
            if let Some(c) = cited {
                let between = clauses.iter().any(|o| o.hit.start >= c.hit.end && o.hit.end <= q.open);
                if !between {
                    let f = Found {
                        kind: Kind::Direct,
                        start: q.start(),
                        end: q.end(n),
                        speaker: c.speaker.clone(),
                        speaker_here: c.here,
                        cue: Some(c.cue()),
                        method: if c.after == After::Colon { Method::Colon } else { Method::Preposed },
                        confidence: 0.8,
                        sentence: q_sent,
                    };
                    q_attr[qi] = Some(push(&mut out, f));
                    continue;
                }
            }
            // the last non-citation speaker before this quote in the unit
            let prev = out
                .iter()
                .filter(|f| {
                    f.start < q.open
                        && f.speaker.is_some()
                        && f.method != Method::TurnFar
                        && !matches!(f.kind, Kind::Term)
                })
                .filter(|f| !clauses.iter().any(|c| c.citation && f.cue == Some(c.cue())))
                .max_by_key(|f| f.start)
                .map(|f| (f.speaker.clone(), f.speaker_here));
            let (speaker, here, method, conf) = if let Some((sp, h)) = prev {
                (sp, h, Method::Turn, 0.75)
            } else if let Some(t) = state.turn.clone() {
                (Some(t), false, Method::TurnNextParagraph, 0.6)
            } else if let Some(t) = state.last_speaker.clone() {
                (Some(t), false, Method::TurnFar, 0.4)
            } else {
                (None, false, Method::Unattributed, 0.1)
            };
            let f = Found {
                kind: Kind::Direct,
                start: q.start(),
                end: q.end(n),
                speaker,
                speaker_here: here,
                cue: None,
                method,
                confidence: conf,
                sentence: sentence(q.open),
            };
            q_attr[qi] = Some(push(&mut out, f));
        }

        // ---- nested quotes with their own cue: “…提到‘…’…”
        for (qi, q) in self.quotes.iter().enumerate() {
            if q.depth == 0 {
                continue;
            }
            let Some(parent) = q.parent else { continue };
            let Some(pa) = q_attr[parent] else { continue };
            if matches!(out[pa].kind, Kind::Term) {
                continue;
            }
            let pq = &self.quotes[parent];
            // a cue ending right before the inner quote (tails/punctuation allowed)
            let mut j = q.open;
            while j > pq.start() && (is_comma(norm[j - 1]) || is_colon(norm[j - 1])) {
                j -= 1;
            }
            let lo = self.cues.partition_point(|h| h.start < pq.start());
            let hi = self.cues.partition_point(|h| h.start < j);
            let Some(hit) = self.cues[lo..hi].iter().rev().find(|h| {
                h.end <= j && h.start >= pq.start() && {
                    let mut t = h.end;
                    while t < j {
                        match p.word_at(t, j, Role::CueTail) {
                            Some(l) => t += l,
                            None => break,
                        }
                    }
                    t == j
                }
            }) else {
                continue;
            };
            let inner_cs = {
                let mut x = hit.start;
                while x > pq.start() && !marks::is_clause_punct(norm[x - 1]) {
                    x -= 1;
                }
                x
            };
            if let Np::Found(sp, _) = p.before_cue(inner_cs, hit.start) {
                if clause_like(q) {
                    let f = Found {
                        kind: Kind::Partial,
                        start: q.start(),
                        end: q.end(n),
                        speaker: Some(sp),
                        speaker_here: true,
                        cue: Some((hit.start, hit.end)),
                        method: Method::Nested,
                        confidence: 0.8,
                        sentence: sentence(pq.open),
                    };
                    q_attr[qi] = Some(push(&mut out, f));
                }
            }
        }

        out.sort_by_key(|f| (f.start, f.end));
        // one unit of speech, one row: two cues of one clause (发表声明说)
        // give the same words twice; the cue nearer the words stays
        out.sort_by_key(|f| (f.start, f.end, f.kind as u8, std::cmp::Reverse(f.cue.map(|c| c.0))));
        out.dedup_by(|later, first| {
            later.start == first.start && later.end == first.end && later.kind == first.kind
        });
        // ---- carry context to the next unit
        let mut carry = Carry::Open(person_clauses.last().cloned());
        let spoken: Vec<&Found> =
            out.iter().filter(|f| f.kind != Kind::Term && f.speaker.is_some()).collect();
        if let Some(last) = spoken.iter().max_by_key(|f| f.end) {
            state.last_speaker = last.speaker.clone();
            // the unit ends with this speaker's words?
            let tail_ok = norm[last.end..]
                .iter()
                .filter(|c| !c.is_whitespace() && !marks::is_terminal(**c) && !marks::is_closer(**c))
                .count()
                <= 2;
            state.turn = if tail_ok { last.speaker.clone() } else { None };
            if let Some(sp) = &last.speaker {
                if sp.stype == SpeakerType::Person {
                    carry = Carry::Person(sp.clone());
                }
            }
        } else {
            state.turn = None;
        }
        (out, carry)
    }

    /// The subject at the start of `[s, e)`: connectives and adverbs skipped.
    fn subject_at(&self, s: usize, e: usize, p: &Parser) -> Option<Speaker> {
        let mut s = s;
        loop {
            while s < e && self.norm[s].is_whitespace() {
                s += 1;
            }
            match p
                .word_at(s, e, Role::Connective)
                .or_else(|| p.word_at(s, e, Role::Adverb))
                .or_else(|| p.word_at(s, e, Role::Citation))
            {
                Some(l) if s + l < e => s += l,
                _ => break,
            }
        }
        p.parse_forward(s, e).map(|(sp, _)| sp).filter(|sp| {
            sp.stype != SpeakerType::Document && !self.k.role(Role::Reporter).contains(&sp.title)
        })
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
}
