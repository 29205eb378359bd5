//! Cue clauses: each speech cue outside the quotes, with what follows it
//! (a colon, a comma, a quote, bare words), where the reported words
//! start, and the speaker before it (a name, a pronoun or lone surname
//! resolved later, or a subject left out).

use super::context::Context;
use super::speaker::{Np, Speaker, SpeakerType};
use super::subject::leading_subject;
use super::{is_colon, is_comma, is_sentence_end, DocState, Found, Kind, Method};
use crate::lexicon::{CueClass, Role};
use crate::mentions::CueHit;
use crate::text::marks;

/// One cue outside the quotes and its clause.
#[derive(Debug, Clone)]
pub(crate) struct Clause {
    pub hit: CueHit,
    pub class: CueClass,
    pub bare: bool,
    /// where the reported words start (after punctuation / tails)
    pub content: usize,
    /// what follows the cue
    pub after: After,
    pub speaker: Option<Speaker>,
    pub here: bool,
    pub method: Method,
    pub citation: bool,
    pub clause_start: usize,
    pub sentence: (usize, usize),
    /// used as the cue of a quote before it
    pub post_used: bool,
}

/// What follows a cue (after its tails and addressees).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum After {
    Colon,
    Comma,
    Quote,
    Bare,
    End,
}

impl Clause {
    /// The cue's span.
    pub fn cue(&self) -> (usize, usize) {
        (self.hit.start, self.hit.end)
    }

    /// A row of this clause's speaker and cue for the words `span`.
    pub fn row(&self, kind: Kind, span: (usize, usize), method: Method, sentence: (usize, usize)) -> Found {
        Found::new(kind, span, method, sentence).by(self.speaker.clone(), self.here).cued(self.cue())
    }
}

/// The speaker of a clause as read before its cue.
struct Subject {
    speaker: Option<Speaker>,
    here: bool,
    method: Method,
    citation: bool,
}

/// The cue clauses of the unit, in the order of their cues. A cue with no
/// subject of its own takes one from an earlier clause or `state`.
pub(crate) fn build(cx: &Context, state: &DocState) -> Vec<Clause> {
    let mut clauses: Vec<Clause> = Vec::new();
    for hit in cx.u.cues.iter().copied() {
        if let Some(c) = clause(cx, &clauses, state, hit) {
            clauses.push(c);
        }
    }
    clauses
}

/// The clause of one cue, or `None` when the cue reports nothing.
fn clause(cx: &Context, earlier: &[Clause], state: &DocState, hit: CueHit) -> Option<Clause> {
    if !cx.outside(hit.start) {
        return None;
    }
    let cue = &cx.u.k.cues[hit.cue];
    let nominal = hit.start > 0 && cx.p.char_is(hit.start - 1, Role::Nominalizer);
    if cue.class == CueClass::Speech && nominal {
        return None;
    }
    let t = tail_end(cx, hit, cue.class)?;
    let (after, content) = after_cue(cx, hit, t);
    let cs = cx.clause_start(hit.start);
    let sentence = cx.sentence(hit.start);
    let sub = subject(cx, earlier, state, hit, cue.class, cs);
    Some(Clause {
        hit,
        class: cue.class,
        bare: cue.bare,
        content,
        after,
        speaker: sub.speaker,
        here: sub.here,
        method: sub.method,
        citation: sub.citation,
        clause_start: cs,
        sentence,
        post_used: false,
    })
}

/// Where the cue's tails and addressees end; `None` when the cue takes
/// an object instead of reported words (说的是, 透露了此项计划).
fn tail_end(cx: &Context, hit: CueHit, class: CueClass) -> Option<usize> {
    let (norm, p) = (cx.norm, &cx.p);
    let mut t = hit.end;
    for _ in 0..2 {
        match p.word_at(t, cx.n, Role::CueTail).or_else(|| p.word_at(t, cx.n, Role::Addressee)) {
            Some(l) => t += l,
            None => break,
        }
    }
    if class == CueClass::Speech
        && p.word_at(hit.start, hit.end, Role::TakesAddressee) == Some(hit.end - hit.start)
    {
        t = named_addressee(cx, t);
    }
    if class == CueClass::Speech && p.char_is(hit.end, Role::Attributive) && t == hit.end {
        match norm.get(hit.end + 1) {
            Some(&c) if is_comma(c) || is_colon(c) || marks::closer_of(c).is_some() => t = hit.end + 1,
            _ => return None,
        }
    }
    // 透露了此项计划: a cue with 了 and an object reports nothing
    if class == CueClass::Speech
        && p.char_is(t, Role::Perfective)
        && !norm.get(t + 1).is_some_and(|&c| is_comma(c) || is_colon(c))
    {
        return None;
    }
    Some(t)
}

/// The longest addressee named between a cue and its punctuation
/// (characters): 告诉库克：, 问那位老人：.
const ADDRESSEE: usize = 8;

/// Past a person, pronoun or described source the cue addresses, right
/// before a colon or comma (董建华告诉库克：“……”, 我问他，……): where the
/// reported words' punctuation is; `t` itself when there is none. A name
/// there is read as in a name's slot after a title.
fn named_addressee(cx: &Context, t: usize) -> usize {
    let lim = cx.n.min(t + ADDRESSEE + 1);
    let Some(punct) = (t..lim).find(|&q| marks::is_clause_punct(cx.norm[q]) || !cx.outside(q)) else {
        return t;
    };
    if punct == t || !(is_colon(cx.norm[punct]) || is_comma(cx.norm[punct])) {
        return t;
    }
    let addressed = cx.p.parse_forward(t, punct).is_some_and(|(sp, end)| end == punct && sp.span.0 == t)
        || cx.p.name_like(t, punct, true) == Some(punct - t);
    if addressed {
        punct
    } else {
        t
    }
}

/// What follows the cue's tails at `t`, and where the reported words start.
fn after_cue(cx: &Context, hit: CueHit, t: usize) -> (After, usize) {
    let (n, norm) = (cx.n, cx.norm);
    let mut after_pos = t;
    while after_pos < n && norm[after_pos] == ' ' {
        after_pos += 1;
    }
    match norm.get(after_pos) {
        None => (After::End, n),
        Some(&c) if is_colon(c) => (After::Colon, after_pos + 1),
        Some(&c) if is_comma(c) => (After::Comma, after_pos + 1),
        Some(&c) if marks::closer_of(c).is_some() && !cx.outside(after_pos) => (After::Quote, after_pos),
        Some(&c) if is_sentence_end(c) => (After::End, after_pos),
        Some(_) => (After::Bare, hit.end),
    }
}

/// The speaker before the cue in its clause `[cs, hit.start)`.
fn subject(
    cx: &Context,
    earlier: &[Clause],
    state: &DocState,
    hit: CueHit,
    class: CueClass,
    cs: usize,
) -> Subject {
    let p = &cx.p;
    let after_attributive = hit.start > 0 && p.char_is(hit.start - 1, Role::Attributive);
    let mut sub = Subject { speaker: None, here: true, method: Method::Indirect, citation: false };
    match p.before_cue(cs, hit.start) {
        Np::Found(_, end)
            if class == CueClass::Noun
                && !(after_attributive
                    || (p.word_at(end, hit.start, Role::ModifierStart).is_some()
                        && p.char_is(end, Role::FrameStart))) => {}
        Np::Found(sp, _) => {
            sub.citation = p.word_at(cs, hit.start, Role::Citation).is_some();
            sub.speaker = Some(sp);
        }
        Np::Empty { report, citation } => {
            sub.citation = citation;
            if !report {
                if let Some((sp, h)) = zero_anaphora(cx, earlier, cs, cx.sentence(hit.start), state) {
                    sub.speaker = Some(sp);
                    sub.here = h;
                    sub.method = Method::ZeroAnaphora;
                }
            }
        }
        // 夏说: a surname alone stands for a person named before;
        // resolved with the pronouns, to a person of that surname only
        Np::Invalid => sub.speaker = lone_surname(cx, cs, hit.start),
    }
    sub
}

/// A common surname standing alone before the cue (夏说), as a pronoun.
fn lone_surname(cx: &Context, cs: usize, cue: usize) -> Option<Speaker> {
    let norm = cx.norm;
    // at most two, however long the clause (stays linear)
    let lead: Vec<usize> = (cs..cue).rev().filter(|&i| !norm[i].is_whitespace()).take(2).collect();
    match lead[..] {
        [i] if cx.u.common_surname(norm[i]) => {
            let t: String = cx.u.orig[i..i + 1].iter().collect();
            Some(Speaker::described(t, SpeakerType::Pronoun, (i, i + 1)))
        }
        _ => None,
    }
}

/// The speaker of a cue with no subject (……，并表示……): an earlier cue of
/// the sentence, the subject of the sentence, or, for a sentence with no
/// subject, the previous speaker.
fn zero_anaphora(
    cx: &Context,
    clauses: &[Clause],
    cs: usize,
    sent: (usize, usize),
    state: &DocState,
) -> Option<(Speaker, bool)> {
    let norm = cx.norm;
    // an earlier cue in the same sentence
    if let Some(c) = clauses
        .iter()
        .rev()
        .take_while(|c| c.sentence == sent)
        .find(|c| c.hit.start < cs && c.speaker.is_some())
    {
        return c.speaker.clone().map(|s| (s, c.here));
    }
    // the subject of the sentence
    let mut s = sent.0;
    while s < cs && norm[s].is_whitespace() {
        s += 1;
    }
    if s < cs {
        return sentence_subject(cx, s, cs).map(|sp| (sp, true));
    }
    // a subject-less sentence continues the previous speaker
    if cs == sent.0 || norm[sent.0..cs].iter().all(|c| c.is_whitespace()) {
        if let Some(c) = clauses.iter().rev().take(64).find(|c| c.speaker.is_some() && c.hit.start < cs) {
            return c.speaker.clone().map(|s| (s, c.here));
        }
        if let Some(t) = &state.last_speaker {
            return Some((t.clone(), false));
        }
    }
    None
}

/// How many clauses of a sentence are read for its subject.
const SUBJECT_CLAUSES: usize = 4;

/// The subject of the sentence `[s, cs)`: of its first clauses in order, the
/// first that opens with one (在春节即将到来之际，建设部近日召开……), connectives
/// skipped.
fn sentence_subject(cx: &Context, s: usize, cs: usize) -> Option<Speaker> {
    let mut start = s;
    // the subject stands in one of the first clauses (and a run-on
    // sentence is not read again for every cue)
    for _ in 0..SUBJECT_CLAUSES {
        if start >= cs {
            break;
        }
        let mut end = start;
        while end < cs && !marks::is_clause_punct(cx.norm[end]) {
            end += 1;
        }
        let mut s2 = start;
        while let Some(l) = cx.p.word_at(s2, end, Role::Connective) {
            s2 += l;
        }
        let found = leading_subject(&cx.p, s2, end).filter(|sp| {
            sp.stype != SpeakerType::Document && !cx.u.k.role(Role::Reporter).contains(&sp.title)
        });
        if found.is_some() {
            return found;
        }
        start = end + 1;
    }
    None
}
