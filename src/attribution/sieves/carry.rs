//! What the unit leaves to the next: the last speaker, whether the unit
//! ends with that speaker's words (a turn the next paragraph may
//! continue), and the last person for a later pronoun.

use super::{Attribution, Sieve};
use crate::attribution::context::Context;
use crate::attribution::speaker::SpeakerType;
use crate::attribution::{Carry, Found, Kind};
use crate::text::marks;

/// Carry the context to the next unit.
pub(crate) struct CarryOn;

impl Sieve for CarryOn {
    fn name(&self) -> &'static str {
        "carry"
    }

    fn describe(&self) -> &'static str {
        "the last speaker, the turn and the last person, for the next unit"
    }

    fn apply(&self, cx: &Context, st: &mut Attribution) {
        st.carry = Carry::Open(st.person_clauses.last().cloned());
        let last =
            st.out.iter().filter(|f| f.kind != Kind::Term && f.speaker.is_some()).max_by_key(|f| f.end);
        let Some(last) = last.cloned() else {
            st.state.turn = None;
            return;
        };
        st.state.last_speaker = last.speaker.clone();
        st.state.turn = if ends_unit(cx, &last) { last.speaker.clone() } else { None };
        if let Some(sp) = last.speaker.filter(|sp| sp.stype == SpeakerType::Person) {
            st.carry = Carry::Person(sp);
        }
    }
}

/// Does the unit end with the words of `last` (at most two characters
/// after them, punctuation aside)?
fn ends_unit(cx: &Context, last: &Found) -> bool {
    cx.norm[last.end..]
        .iter()
        .filter(|c| !c.is_whitespace() && !marks::is_terminal(**c) && !marks::is_closer(**c))
        .count()
        <= 2
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn a_quote_in_the_next_paragraph_continues_the_turn() {
        let got = rows("老船长龚德胜说：“这条河我跑了四十年。”\n“现在的航道比过去宽多了。”");
        assert_eq!(
            got.last().map(String::as_str),
            Some("direct | 现在的航道比过去宽多了。 | 龚德胜 | turn_next_paragraph"),
            "{got:?}"
        );
    }

    #[test]
    fn a_pronoun_in_the_next_paragraph_takes_the_last_person() {
        let got = rows("老船长龚德胜说：“这条河我跑了四十年。”\n他表示，明年还要带两个徒弟。");
        assert_eq!(
            got.last().map(String::as_str),
            Some("indirect | 明年还要带两个徒弟 | 龚德胜 | pronoun"),
            "{got:?}"
        );
    }
}
