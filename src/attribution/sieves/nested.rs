//! A quote inside a quote with its own cue: “…提到‘…’…” (`nested`).

use super::{Attribution, Sieve};
use crate::attribution::context::Context;
use crate::attribution::method::Method;
use crate::attribution::speaker::Np;
use crate::attribution::{is_colon, is_comma, Found, Kind};
use crate::lexicon::Role;
use crate::mentions::CueHit;
use crate::quotes::QuoteSpan;
use crate::text::marks;

/// “…X提到‘…’…”
pub(crate) struct Nested;

impl Sieve for Nested {
    fn name(&self) -> &'static str {
        "nested"
    }

    fn describe(&self) -> &'static str {
        Method::Nested.describe()
    }

    fn apply(&self, cx: &Context, st: &mut Attribution) {
        for (qi, q) in cx.u.quotes.iter().enumerate() {
            if q.depth == 0 {
                continue;
            }
            let Some(parent) = q.parent else { continue };
            let Some(pa) = st.q_attr[parent] else { continue };
            if matches!(st.out[pa].kind, Kind::Term) {
                continue;
            }
            let pq = &cx.u.quotes[parent];
            let Some(hit) = inner_cue(cx, pq, q) else { continue };
            // the clause of the cue, inside the outer quote
            let mut cs = hit.start;
            while cs > pq.start() && !marks::is_clause_punct(cx.norm[cs - 1]) {
                cs -= 1;
            }
            if let Np::Found(sp, _) = cx.p.before_cue(cs, hit.start) {
                if cx.clause_like(q) {
                    let f = Found::new(Kind::Partial, cx.span(q), Method::Nested, cx.sentence(pq.open))
                        .by(Some(sp), true)
                        .cued((hit.start, hit.end));
                    st.attribute(qi, f);
                }
            }
        }
    }
}

/// A cue inside the outer quote `pq` ending right before the inner quote
/// `q` (tails and punctuation allowed).
fn inner_cue(cx: &Context, pq: &QuoteSpan, q: &QuoteSpan) -> Option<CueHit> {
    let norm = cx.norm;
    let mut j = q.open;
    while j > pq.start() && (is_comma(norm[j - 1]) || is_colon(norm[j - 1])) {
        j -= 1;
    }
    let cues = cx.u.cues;
    let lo = cues.partition_point(|h| h.start < pq.start());
    let hi = cues.partition_point(|h| h.start < j);
    cues[lo..hi].iter().rev().copied().find(|h| {
        h.end <= j && h.start >= pq.start() && {
            let mut t = h.end;
            while t < j {
                match cx.p.word_at(t, j, Role::CueTail) {
                    Some(l) => t += l,
                    None => break,
                }
            }
            t == j
        }
    })
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn a_cue_inside_the_quote() {
        let got = rows("“县长在大会上强调‘修路的钱一分都不能挪用’，我们都记着。”村支书鲁长海说。");
        assert_eq!(
            got,
            [
                "direct | 县长在大会上强调‘修路的钱一分都不能挪用’，我们都记着。 | 鲁长海 | postposed",
                "partial | 修路的钱一分都不能挪用 | 县长 | nested"
            ]
        );
    }
}
