//! “…” with no cue and no speaker before it in the paragraph: the person
//! who is the subject of the sentence introducing the quote speaks it
//! (`intro_subject`): 约翰逊难掩兴奋。“…” / 他满脸疑惑，“…”. The sentence
//! is the one the quote opens in, or the one before when the quote opens
//! a sentence.

use super::colon_subject::{resolved, subject_at};
use super::no_cue::{QuoteRule, Verdict};
use super::Attribution;
use crate::attribution::context::Context;
use crate::attribution::method::Method;
use crate::attribution::speaker::{Speaker, SpeakerType};
use crate::attribution::{Found, Kind};
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
        let earlier_speaker = st.out.iter().any(|f| f.start < q.open && f.speaker.is_some());
        if earlier_speaker || cx.first_of_run(qi) != qi {
            return Verdict::Pass;
        }
        let Some((s, e)) = intro_sentence(cx, q.open) else { return Verdict::Pass };
        let Some(sp) = first_subject(cx, s, e) else { return Verdict::Pass };
        let sp = resolved(cx, st, sp);
        if sp.stype != SpeakerType::Person {
            return Verdict::Pass;
        }
        let f = Found::new(Kind::Direct, cx.span(q), Method::IntroSubject, cx.sentence(q.open))
            .by(Some(sp), true);
        Verdict::row(f)
    }
}

/// The narration that introduces a quote opening at `open`: its own
/// sentence up to the quote, else the sentence before; none when that
/// holds a quote.
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
    (s..e).all(|i| cx.outside(i)).then_some((s, e))
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
    fn not_over_a_speaker_of_the_paragraph() {
        let got = rows("周长河说：“今年收成好。”会计王平翻开了账本。“我们多收了两万斤。”");
        assert_eq!(got.last().map(String::as_str), Some("direct | 我们多收了两万斤。 | 周长河 | turn"));
    }
}
