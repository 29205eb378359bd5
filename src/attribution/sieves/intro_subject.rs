//! “…” with no cue: the person who is the subject of the sentence
//! introducing the quote speaks it (`intro_subject`): 约翰逊难掩兴奋。“…” /
//! 他满脸疑惑，“…”. The sentence is the one the quote opens in, or the one
//! before when the quote opens a sentence; it must come after the last
//! speaker of the paragraph and name someone else, or the turn goes on.

use super::colon_subject::{resolved, subject_at};
use super::no_cue::{QuoteRule, Verdict};
use super::Attribution;
use crate::attribution::context::Context;
use crate::attribution::method::Method;
use crate::attribution::speaker::{Speaker, SpeakerType};
use crate::attribution::{is_colon, is_sentence_end, Found, Kind};
use crate::text::marks;

/// How many clauses of the introducing sentence are read for its subject.
const SUBJECT_CLAUSES: usize = 3;

/// X……。“…”
pub(crate) struct IntroSubject;

impl QuoteRule for IntroSubject {
    fn name(&self) -> &'static str {
        "intro_subject"
    }

    fn describe(&self) -> &'static str {
        Method::IntroSubject.describe()
    }

    fn decide(&self, cx: &Context, st: &Attribution, qi: usize) -> Verdict {
        let q = &cx.u.quotes[qi];
        // after a colon whose clause names no one (令男方印象深刻：“…”), the turn goes on
        let before = cx.before_quote(q);
        if cx.first_of_run(qi) != qi || (before > 0 && is_colon(cx.norm[before - 1])) {
            return Verdict::Pass;
        }
        let Some((s, e)) = intro_sentence(cx, q.open) else { return Verdict::Pass };
        let last = st.out.iter().filter(|f| f.start < q.open && f.speaker.is_some()).max_by_key(|f| f.end);
        // a speaker's turn goes on unless a new person opens the sentence
        if last.is_some_and(|f| f.end > s) {
            return Verdict::Pass;
        }
        let Some(sp) = first_subject(cx, s, e) else { return Verdict::Pass };
        let sp = resolved(cx, st, sp);
        let same = last.and_then(|f| f.speaker.as_ref()).is_some_and(|l| l.key == sp.key);
        if sp.stype != SpeakerType::Person || same {
            return Verdict::Pass;
        }
        let f = Found::new(Kind::Direct, cx.span(q), Method::IntroSubject, cx.sentence(q.open))
            .by(Some(sp), true);
        Verdict::row(f)
    }
}

/// The narration that introduces a quote opening at `open`: its own
/// sentence up to the quote, else the sentence before, from after the
/// last quote in it when that quote ends on an end mark.
fn intro_sentence(cx: &Context, open: usize) -> Option<(usize, usize)> {
    let (ss, _) = cx.sentence(open);
    let blank = |a: usize, b: usize| cx.norm[a..b].iter().all(|c| c.is_whitespace());
    let (s, e) = if !blank(ss, open) {
        (ss, open)
    } else if ss > 0 {
        let (ps, pe) = cx.sentence(ss - 1);
        (ps, pe)
    } else {
        return None;
    };
    // “…。”他翻开账本。: a quote closing on an end mark ends a sentence
    let s = match (s..e).rev().find(|&i| !cx.outside(i)) {
        None => s,
        Some(i) => {
            let q = &cx.u.quotes[cx.inq[i]];
            let ends = cx.qtext(q).last().is_some_and(|&c| is_sentence_end(c));
            if !ends || q.close != Some(i) {
                return None;
            }
            i + 1
        }
    };
    (!blank(s, e)).then_some((s, e))
}

/// The subject of the first of the sentence's clauses that opens with one.
fn first_subject(cx: &Context, s: usize, e: usize) -> Option<Speaker> {
    let mut start = s;
    for _ in 0..SUBJECT_CLAUSES {
        while start < e && cx.norm[start].is_whitespace() {
            start += 1;
        }
        if start >= e {
            break;
        }
        let end = (start..e).find(|&i| marks::is_clause_punct(cx.norm[i])).unwrap_or(e);
        if let Some(sp) = subject_at(cx, start, end) {
            return Some(sp);
        }
        start = end + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn the_subject_of_the_sentence_before() {
        let got = rows("老队长周长河难掩激动地望着远处的麦田。“我种了一辈子地，没见过这么好的收成。”");
        assert_eq!(got, ["direct | 我种了一辈子地，没见过这么好的收成。 | 周长河 | intro_subject"]);
    }

    #[test]
    fn a_new_person_opening_the_sentence_takes_the_turn() {
        let got = rows("周长河说：“今年收成好。”村支书王建平翻开了账本。“我们多收了两万斤。”");
        assert_eq!(
            got.last().map(String::as_str),
            Some("direct | 我们多收了两万斤。 | 王建平 | intro_subject")
        );
    }

    #[test]
    fn the_speaker_of_the_sentence_keeps_the_turn() {
        let got = rows("周长河翻开账本说：“今年收成好。”“我们多收了两万斤。”");
        assert_eq!(got.last().map(String::as_str), Some("direct | 我们多收了两万斤。 | 周长河 | colon"));
    }
}
