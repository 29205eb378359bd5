//! “…”同济学生小刘急于……: a person named right after the quote, with no
//! cue, speaks it (`adjacent_subject`).

use super::no_cue::{QuoteRule, Verdict};
use super::Attribution;
use crate::attribution::context::Context;
use crate::attribution::method::Method;
use crate::attribution::speaker::SpeakerType;
use crate::attribution::subject::leading_subject;
use crate::attribution::{is_comma, Found, Kind};
use crate::lexicon::Role;
use crate::text::marks;

/// “…”X……
pub(crate) struct AdjacentSubject;

impl QuoteRule for AdjacentSubject {
    fn name(&self) -> &'static str {
        "adjacent_subject"
    }

    fn describe(&self) -> &'static str {
        Method::AdjacentSubject.describe()
    }

    fn decide(&self, cx: &Context, _st: &Attribution, qi: usize) -> Verdict {
        let (n, norm) = (cx.n, cx.norm);
        let q = &cx.u.quotes[qi];
        let Some(close) = q.close else { return Verdict::Pass };
        let mut a = close + 1;
        while a < n && (is_comma(norm[a]) || norm[a].is_whitespace()) {
            a += 1;
        }
        let lim = (a..n).find(|&i| marks::is_clause_punct(norm[i]) || !cx.outside(i)).unwrap_or(n);
        if a >= lim {
            return Verdict::Pass;
        }
        match leading_subject(&cx.p, a, lim) {
            Some(sp)
                if sp.stype == SpeakerType::Person && !cx.u.k.role(Role::Reporter).contains(&sp.title) =>
            {
                let f = Found::new(Kind::Direct, cx.span(q), Method::AdjacentSubject, cx.sentence(q.open))
                    .by(Some(sp), true);
                Verdict::row(f)
            }
            _ => Verdict::Pass,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn a_person_right_after_the_quote() {
        let got = rows("“我们的梨今年卖到了北京！”果农唐秋生，一边装箱一边比划。");
        assert_eq!(got, ["direct | 我们的梨今年卖到了北京！ | 唐秋生 | adjacent_subject"]);
    }
}
