//! A quote right after its cue: X说：“…” (`colon`), X说，“…”
//! (`preposed`), X重申“…” (`governed`); quotes right after it continue
//! the same cue (“…”“…”).

use super::{Attribution, Sieve};
use crate::attribution::clauses::{After, Clause};
use crate::attribution::context::Context;
use crate::attribution::method::{self, Method};
use crate::attribution::{is_comma, is_sentence_end, Kind};
use crate::lexicon::CueClass;

/// X说：“…” / X说，“…” / X重申“…”, chained.
pub(crate) struct AfterCue;

impl Sieve for AfterCue {
    fn name(&self) -> &'static str {
        "after_cue"
    }

    fn describe(&self) -> &'static str {
        "a quote right after its cue (colon, preposed, governed), and the quotes chained to it"
    }

    fn apply(&self, cx: &Context, st: &mut Attribution) {
        for ci in 0..st.clauses.len() {
            let c = &st.clauses[ci];
            if c.speaker.is_none()
                || c.class == CueClass::Noun
                || (c.class == CueClass::Post && c.after != After::Colon)
            {
                continue;
            }
            let Some((qi, method)) = quote_after(cx, st, c) else { continue };
            let c = st.clauses[ci].clone();
            let kind = if method == Method::Governed || c.citation { Kind::Partial } else { Kind::Direct };
            let q = &cx.u.quotes[qi];
            st.attribute(qi, c.row(kind, cx.span(q), method, c.sentence));
            chain(cx, st, &c, qi, kind, method);
        }
    }
}

/// The quote the clause's words open with, and how the cue takes it.
fn quote_after(cx: &Context, st: &Attribution, c: &Clause) -> Option<(usize, Method)> {
    let mut pos = c.content;
    while pos < cx.n && cx.norm[pos].is_whitespace() {
        pos += 1;
    }
    let qi = cx.quote_at(pos).filter(|&qi| !st.done(qi))?;
    let q = &cx.u.quotes[qi];
    let governed = c.after == After::Quote;
    let takes =
        (cx.clause_like(q) && cx.followed_by_punct(q)) || speech_list(cx, qi) || whole_report(cx, c, qi);
    if governed && !takes {
        return None;
    }
    // X指出，“数字鸿沟”仍然存在: a term inside a reported clause
    if !governed && !cx.speechlike(q) && !cx.followed_by_punct(q) {
        return None;
    }
    let method = if governed {
        Method::Governed
    } else if c.after == After::Colon {
        Method::Colon
    } else {
        Method::Preposed
    };
    Some((qi, method))
}

/// Adjacent quotes after quote `qi` continue the same cue: “…”“…”.
fn chain(cx: &Context, st: &mut Attribution, c: &Clause, qi: usize, kind: Kind, method: Method) {
    let (n, norm) = (cx.n, cx.norm);
    let list = speech_list(cx, qi);
    let mut last = qi;
    while let Some(close) = cx.u.quotes[last].close {
        let mut j = close + 1;
        while j < n && (norm[j].is_whitespace() || norm[j] == '、') {
            j += 1;
        }
        let Some(nq) = cx.quote_at(j) else { break };
        if st.done(nq) || !(cx.clause_like(&cx.u.quotes[nq]) || (list && cx.adjacent(last, nq))) {
            break;
        }
        let f = c.row(kind, cx.span(&cx.u.quotes[nq]), method, c.sentence).at_confidence(method::CHAINED);
        st.attribute(nq, f);
        last = nq;
    }
}

/// The shortest words a cue reports whole in quote marks (片方表示“另有玄机”).
const SHORTEST_REPORT: usize = 3;

/// X表示“没想好”。: a short quote that is all a speech cue reports, closing
/// the clause and naming nothing, is the source's words (a partial), not a
/// term.
fn whole_report(cx: &Context, c: &Clause, qi: usize) -> bool {
    let q = &cx.u.quotes[qi];
    let closes = q.close.and_then(|x| cx.norm.get(x + 1)).is_some_and(|&x| is_sentence_end(x) || is_comma(x));
    // 阐述“中国—中亚精神”: a name of a body or place in it makes a term
    let (s, e) = cx.span(q);
    let names = (s..e).any(|i| cx.u.ents.get(i).is_some_and(|v| !v.is_empty()));
    c.class == CueClass::Speech && closes && cx.qlen(q) >= SHORTEST_REPORT && !names
}

/// Quote `qi` opens a list of quotes joined by 、 (批评“好夸张”、“疯了吗？”)
/// of which one at least reads as speech: every quote of it is words the
/// source said, however short; a list of names or slogans has none.
fn speech_list(cx: &Context, qi: usize) -> bool {
    let mut cur = qi;
    let mut len = 1;
    let mut speech = cx.speechlike(&cx.u.quotes[qi]);
    while let Some(&nq) = cx.top_rank(cur).and_then(|r| cx.top.get(r + 1)) {
        let joined = cx.u.quotes[cur].close.is_some_and(|c| cx.norm[c + 1..cx.u.quotes[nq].open] == ['、']);
        if !joined {
            break;
        }
        speech |= cx.speechlike(&cx.u.quotes[nq]);
        len += 1;
        cur = nq;
    }
    len >= 2 && speech
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn colon_and_preposed() {
        let got = rows("护林员邓志强说：“今年山上没有发生一起火灾。”");
        assert_eq!(got, ["direct | 今年山上没有发生一起火灾。 | 邓志强 | colon"]);
        let got = rows("护林员邓志强说，“今年山上没有发生一起火灾。”");
        assert_eq!(got, ["direct | 今年山上没有发生一起火灾。 | 邓志强 | preposed"]);
    }

    #[test]
    fn a_second_quote_continues_the_cue() {
        let got = rows("护林员邓志强说：“今年山上没有发生一起火灾。”“明年我们还要多种一千棵树。”");
        assert_eq!(
            got,
            [
                "direct | 今年山上没有发生一起火灾。 | 邓志强 | colon",
                "direct | 明年我们还要多种一千棵树。 | 邓志强 | colon"
            ]
        );
    }

    #[test]
    fn a_list_of_short_quotes_after_the_cue() {
        let got = rows("网友纷纷留言批评“太离谱”、“真会炒作”、“这也能算失误吗？”。");
        assert_eq!(
            got,
            [
                "partial | 太离谱 | 网友 | governed",
                "partial | 真会炒作 | 网友 | governed",
                "partial | 这也能算失误吗？ | 网友 | governed"
            ]
        );
    }

    #[test]
    fn a_list_of_slogans_is_no_speech() {
        let got = rows("会议提出“稳增长”、“调结构”、“惠民生”。");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_short_quote_a_cue_reports_whole() {
        let got = rows("对于续集的结局，片方表示“还没想好”。");
        assert_eq!(got, ["partial | 还没想好 | 片方 | governed"]);
        let got = rows("会上，主席阐述了“中国—东盟精神”。");
        assert!(got.is_empty(), "{got:?}");
    }
}
