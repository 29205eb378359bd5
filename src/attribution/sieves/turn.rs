//! A speech quote with no cue continues a speaker's turn: the last
//! speaker of the paragraph (`turn`), the speaker whose words ended the
//! previous paragraph (`turn_next_paragraph`), the last speaker of the
//! article (`turn_far`); else it is `unattributed`.

use super::no_cue::{QuoteRule, Verdict};
use super::Attribution;
use crate::attribution::context::Context;
use crate::attribution::method::Method;
use crate::attribution::{Found, Kind, Speaker};

/// “…” with no cue, after a speaker.
pub(crate) struct Turn;

impl QuoteRule for Turn {
    fn name(&self) -> &'static str {
        "turn"
    }

    fn describe(&self) -> &'static str {
        "no cue: the speaker's turn continues (turn, turn_next_paragraph, turn_far), else unattributed"
    }

    fn decide(&self, cx: &Context, st: &Attribution, qi: usize) -> Verdict {
        let q = &cx.u.quotes[qi];
        let (speaker, here, method) = if let Some((sp, h)) = last_speaker_before(st, q.open) {
            (sp, h, Method::Turn)
        } else if let Some(t) = st.state.turn.clone() {
            (Some(t), false, Method::TurnNextParagraph)
        } else if let Some(t) = st.state.last_speaker.clone() {
            (Some(t), false, Method::TurnFar)
        } else {
            (None, false, Method::Unattributed)
        };
        Verdict::row(Found::new(Kind::Direct, cx.span(q), method, cx.sentence(q.open)).by(speaker, here))
    }
}

/// The last non-citation speaker before `open` in the unit; the writer's
/// questions (`writer`) are passed over: the words after them answer.
fn last_speaker_before(st: &Attribution, open: usize) -> Option<(Option<Speaker>, bool)> {
    st.out
        .iter()
        .filter(|f| {
            f.start < open
                && f.speaker.is_some()
                && !matches!(f.method, Method::TurnFar | Method::Writer)
                && !matches!(f.kind, Kind::Term)
        })
        .filter(|f| !st.clauses.iter().any(|c| c.citation && f.cue == Some(c.cue())))
        .max_by_key(|f| f.start)
        .map(|f| (f.speaker.clone(), f.speaker_here))
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn a_second_quote_continues_the_speaker() {
        let got = rows("木匠贺长林说：“这台机床跟了我三十年。”他擦了擦手。“我舍不得把它卖掉。”");
        assert_eq!(
            got,
            [
                "direct | 这台机床跟了我三十年。 | 贺长林 | colon",
                "direct | 我舍不得把它卖掉。 | 贺长林 | turn"
            ]
        );
    }

    #[test]
    fn no_speaker_at_all() {
        let got = rows("“今年的雪下得真早啊。”");
        assert_eq!(got, ["direct | 今年的雪下得真早啊。 |  | unattributed"]);
    }

    #[test]
    fn the_answer_to_the_writers_question_is_not_the_writers() {
        let got = rows("村长韩德厚说：“路修通了。”我问：“还缺什么？”“缺技术员。”");
        assert_eq!(got.last().map(String::as_str), Some("direct | 缺技术员。 | 韩德厚 | turn"));
    }
}
