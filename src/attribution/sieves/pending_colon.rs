//! A colon cue ending the previous unit (X说：) takes the quote opening
//! this one.

use super::{Attribution, Sieve};
use crate::attribution::context::Context;
use crate::attribution::method::{self, Method};
use crate::attribution::{Found, Kind};

/// `X说：` ⏎ `“…”`
pub(crate) struct PendingColon;

impl Sieve for PendingColon {
    fn name(&self) -> &'static str {
        "pending_colon"
    }

    fn describe(&self) -> &'static str {
        "a colon cue ending the previous unit takes the quote opening this one"
    }

    fn apply(&self, cx: &Context, st: &mut Attribution) {
        let Some(sp) = st.state.pending_colon.take() else { return };
        let Some(&qi) = cx.top.first() else { return };
        let q = &cx.u.quotes[qi];
        if cx.norm[..q.open].iter().all(|c| c.is_whitespace()) {
            let f = Found::new(Kind::Direct, cx.span(q), Method::Colon, cx.sentence(q.open))
                .by(Some(sp), false)
                .at_confidence(method::AT_ONE_REMOVE);
            st.attribute(qi, f);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn a_colon_ending_a_paragraph_takes_the_next_quote() {
        let got = rows("镇长韩立平在会上宣布：\n“下个月起，全镇的路灯全部换成太阳能的。”");
        assert_eq!(got, ["direct | 下个月起，全镇的路灯全部换成太阳能的。 | 韩立平 | colon"]);
    }

    #[test]
    fn nothing_pending_when_the_paragraph_ends_with_a_full_stop() {
        let got = rows("镇长韩立平在会上宣布了这件事。\n“下个月起，全镇的路灯全部换成太阳能的。”");
        assert!(got.iter().all(|r| !r.ends_with("| colon")), "{got:?}");
    }
}
