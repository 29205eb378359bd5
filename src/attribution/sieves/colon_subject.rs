//! X……：“…” with no cue: the subject of the clause before the colon
//! speaks (`colon_subject`); a pronoun subject is resolved.

use super::no_cue::{QuoteRule, Verdict};
use super::Attribution;
use crate::attribution::context::Context;
use crate::attribution::method::Method;
use crate::attribution::speaker::{Speaker, SpeakerType};
use crate::attribution::subject::leading_subject;
use crate::attribution::{is_colon, Found, Kind};
use crate::lexicon::Role;

/// X……：“…”
pub(crate) struct ColonSubject;

impl QuoteRule for ColonSubject {
    fn name(&self) -> &'static str {
        "colon_subject"
    }

    fn describe(&self) -> &'static str {
        Method::ColonSubject.describe()
    }

    fn decide(&self, cx: &Context, st: &Attribution, qi: usize) -> Verdict {
        let q = &cx.u.quotes[qi];
        // “…？”“…？”: a question right after continues the colon's quote
        let first = cx.first_of_run(qi);
        let run_on = first != qi && cx.qtext(q).last().is_some_and(|&c| matches!(c, '？' | '?'));
        let Some(sp) = colon_speaker(cx, if run_on { first } else { qi }) else { return Verdict::Pass };
        let sp = resolved(cx, st, sp);
        let f = Found::new(Kind::Direct, cx.span(q), Method::ColonSubject, cx.sentence(q.open))
            .by(Some(sp), true);
        Verdict::row(f)
    }
}

/// The subject of the clause (else the sentence) before the colon that
/// opens quote `qi`, unresolved: X……：“…”.
pub(crate) fn colon_speaker(cx: &Context, qi: usize) -> Option<Speaker> {
    let before = cx.before_quote(&cx.u.quotes[qi]);
    if !(before > 0 && is_colon(cx.norm[before - 1])) {
        return None;
    }
    let cs = cx.clause_start(before - 1);
    subject_at(cx, cs, before - 1).or_else(|| {
        let (ss, _) = cx.sentence(before - 1);
        subject_at(cx, ss, before - 1)
    })
}

/// A pronoun subject resolved to its antecedent when there is one.
pub(crate) fn resolved(cx: &Context, st: &Attribution, mut sp: Speaker) -> Speaker {
    if sp.stype == SpeakerType::Pronoun {
        if let Some(mut r) = cx.coref.antecedent(cx, sp.span.0, &persons(st), &sp) {
            r.span = sp.span;
            sp = r;
        }
    }
    sp
}

/// The persons quoted through a cue or already given quotes in the unit,
/// in order of where they appear.
fn persons(st: &Attribution) -> Vec<(usize, Speaker)> {
    let mut persons = st.person_clauses.clone();
    persons.extend(st.out.iter().filter_map(|f| {
        let s = f.speaker.as_ref().filter(|s| s.stype == SpeakerType::Person)?;
        Some((if f.speaker_here { s.span.0 } else { f.start }, s.clone()))
    }));
    persons.sort_by_key(|(i, _)| *i);
    persons
}

/// The subject at the start of `[s, e)`: connectives and adverbs skipped.
pub(crate) fn subject_at(cx: &Context, s: usize, e: usize) -> Option<Speaker> {
    let p = &cx.p;
    let mut s = s;
    loop {
        while s < e && cx.norm[s].is_whitespace() {
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
    // 问人家：“…” opens with the cue: no subject
    let cue_first = cx.u.cues.iter().any(|h| h.start == s);
    leading_subject(p, s, e).filter(|sp| {
        !cue_first && sp.stype != SpeakerType::Document && !cx.u.k.role(Role::Reporter).contains(&sp.title)
    })
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn the_subject_before_a_colon() {
        let got = rows("谈到明年的打算，养殖户彭春来笑着对我们讲起了新计划：“我想再建两个鱼塘。”");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("direct | 我想再建两个鱼塘。 | 彭春来 | "), "{got:?}");
    }
}
