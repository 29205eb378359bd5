//! 正如X指出的那样：采用……，“……”: a citation's words run on to the
//! quote in the same sentence; 李明在微博上倡议大家报名，“……”: a cue
//! with its object, then a comma and the quote. No other cue may stand
//! between (`colon` / `preposed`, at one remove).

use super::no_cue::{QuoteRule, Verdict};
use super::Attribution;
use crate::attribution::clauses::After;
use crate::attribution::context::Context;
use crate::attribution::method::{self, Method};
use crate::attribution::{is_colon, is_comma, Kind};
use crate::lexicon::CueClass;

/// 正如X指出的那样：……，“……”
pub(crate) struct CitationRunOn;

impl QuoteRule for CitationRunOn {
    fn name(&self) -> &'static str {
        "citation_run_on"
    }

    fn describe(&self) -> &'static str {
        "a citation or a cue with its object, whose words run on to the quote in the same sentence"
    }

    fn decide(&self, cx: &Context, st: &Attribution, qi: usize) -> Verdict {
        let norm = cx.norm;
        let q = &cx.u.quotes[qi];
        let q_sent = cx.sentence(q.open);
        let before = cx.before_quote(q);
        let after_comma = before > 0 && (is_comma(norm[before - 1]) || is_colon(norm[before - 1]));
        let cited = st.clauses.iter().rev().find(|c| {
            c.speaker.is_some()
                && c.hit.end <= q.open
                && cx.sentence(c.hit.start) == q_sent
                && ((c.citation && matches!(c.after, After::Colon | After::Comma))
                    || (c.class == CueClass::Speech && c.here && c.after == After::Bare && after_comma))
        });
        let Some(c) = cited else { return Verdict::Pass };
        if st.clauses.iter().any(|o| o.hit.start >= c.hit.end && o.hit.end <= q.open) {
            return Verdict::Pass;
        }
        let m = if c.after == After::Colon { Method::Colon } else { Method::Preposed };
        Verdict::row(c.row(Kind::Direct, cx.span(q), m, q_sent).at_confidence(method::AT_ONE_REMOVE))
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn a_cue_with_its_object_then_the_quote() {
        let got = rows("社区主任温丽华在群里倡议居民报名，“周六上午九点在广场集合，我们一起打扫街道。”");
        assert_eq!(got, ["direct | 周六上午九点在广场集合，我们一起打扫街道。 | 温丽华 | preposed"]);
    }
}
