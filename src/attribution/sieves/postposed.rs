//! The quote first, then its speaker and cue: “…”X说 (`postposed`),
//! “…”……X宣布, or a cue pointing back to it, “…”。X这样评价
//! (`post_cue`). Adjacent quotes before it take the same speaker.

use super::{colon_subject, Attribution, Sieve};
use crate::attribution::clauses::{After, Clause};
use crate::attribution::context::Context;
use crate::attribution::method::{self, Method};
use crate::attribution::{is_colon, Kind};
use crate::lexicon::CueClass;
use crate::text::marks;

/// “…”X说 / “…”。X这样评价
pub(crate) struct Postposed;

impl Sieve for Postposed {
    fn name(&self) -> &'static str {
        "postposed"
    }

    fn describe(&self) -> &'static str {
        "the quote first, then its speaker and cue (postposed, post_cue), and adjacent quotes before it"
    }

    fn apply(&self, cx: &Context, st: &mut Attribution) {
        for &qi in &cx.top {
            if st.done(qi) {
                continue;
            }
            let q = &cx.u.quotes[qi];
            let Some(close) = q.close else { continue };
            if cx.one_word(q) {
                continue;
            }
            let Some(ci) = cue_after(cx, &st.clauses, qi, close) else { continue };
            if answers_colon(cx, &st.clauses[ci], qi) || continues_earlier(cx, st, &st.clauses[ci], qi) {
                continue;
            }
            st.clauses[ci].post_used = true;
            let c = st.clauses[ci].clone();
            let method = if c.class == CueClass::Post { Method::PostCue } else { Method::Postposed };
            let kind = if cx.speechlike(q) || cx.qlen(q) >= 8 { Kind::Direct } else { Kind::Partial };
            st.attribute(qi, c.row(kind, cx.span(q), method, cx.sentence(q.open)));
            quotes_before(cx, st, &c, qi, method);
        }
    }
}

/// The cue clause quote `qi` (closing at `close`) takes as its cue: the
/// first with a speaker after the quote in the same sentence, before
/// another quote, within three clauses; else, for speech, a post cue
/// (这样评价) later in the unit before any other quote.
fn cue_after(cx: &Context, clauses: &[Clause], qi: usize, close: usize) -> Option<usize> {
    let q = &cx.u.quotes[qi];
    let norm = cx.norm;
    let (_, se) = cx.sentence(close + 1);
    let sl = cx.speechlike(q);
    let next_quote = cx.top_rank(qi).and_then(|r| cx.top.get(r + 1)).map_or(cx.n, |&x| cx.u.quotes[x].open);
    let mut chosen = None;
    let mut clauses_seen = 0;
    let mut last_cs = usize::MAX;
    let from = clauses.partition_point(|c| c.hit.start <= close);
    for (ci, c) in clauses.iter().enumerate().skip(from) {
        if c.hit.start >= se.max(close + 1) || c.hit.start >= next_quote {
            break;
        }
        if c.clause_start != last_cs {
            clauses_seen += 1;
            last_cs = c.clause_start;
        }
        if clauses_seen > 3 || c.hit.start - close > 60 {
            break;
        }
        if c.speaker.is_some() && c.method != Method::ZeroAnaphora {
            let stands_alone = q.open == 0
                || marks::is_clause_punct(norm[q.open - 1])
                || norm[q.open - 1].is_whitespace()
                || marks::is_closer(norm[q.open - 1]);
            let immediate = c.clause_start <= close + 2 && stands_alone;
            if sl || immediate {
                chosen = Some(ci);
            }
            break;
        }
    }
    if chosen.is_none() && sl {
        chosen = clauses[from..]
            .iter()
            .take_while(|c| c.hit.start < next_quote)
            .position(|c| c.class == CueClass::Post && c.speaker.is_some() && c.after != After::Colon)
            .map(|i| i + from);
    }
    chosen
}

/// X问Y：“…？”Z说，……: a quote opened by a colon whose clause has a
/// subject is not taken by a later cue that reports words of its own (a
/// colon, or a comma and words that are no quote): that cue is the reply.
fn answers_colon(cx: &Context, c: &Clause, qi: usize) -> bool {
    let own_words = match c.after {
        After::Colon => true,
        After::Comma => cx.quote_at(skip_spaces(cx, c.content)).is_none(),
        _ => false,
    };
    own_words && colon_subject::colon_speaker(cx, cx.first_of_run(qi)).is_some()
}

/// 他告诉记者，……，“…。”营业员解释说，……: a speech quote inside a sentence
/// (not opening it, not after a colon), after a speaker of the unit, is not
/// taken by a later cue that reports words of its own: the quote goes on
/// with the earlier speaker.
fn continues_earlier(cx: &Context, st: &Attribution, c: &Clause, qi: usize) -> bool {
    let own_words = matches!(c.after, After::Colon | After::Comma | After::Bare)
        && cx.quote_at(skip_spaces(cx, c.content)).is_none();
    let open = cx.u.quotes[cx.first_of_run(qi)].open;
    let (ss, _) = cx.sentence(open);
    let inside = cx.norm[ss..open].iter().any(|c| !c.is_whitespace());
    // the sieves of reported speech run later: ask the cue clauses too
    let earlier = st.out.iter().any(|f| f.start < open && f.speaker.is_some())
        || st.clauses.iter().any(|e| e.hit.start < open && e.speaker.is_some());
    let q = &cx.u.quotes[qi];
    let before = cx.before_quote(&cx.u.quotes[cx.first_of_run(qi)]);
    let after_colon = before > 0 && is_colon(cx.norm[before - 1]);
    own_words && inside && earlier && !after_colon && cx.speechlike(q)
}

/// The first position from `i` that is not a space.
fn skip_spaces(cx: &Context, mut i: usize) -> usize {
    while i < cx.n && cx.norm[i].is_whitespace() {
        i += 1;
    }
    i
}

/// “A”“B”X说: adjacent quotes before quote `qi` take the same speaker.
fn quotes_before(cx: &Context, st: &mut Attribution, c: &Clause, qi: usize, method: Method) {
    let mut cur = qi;
    while let Some(pos) = cx.top_rank(cur) {
        if pos == 0 {
            break;
        }
        let pq = cx.top[pos - 1];
        let prevq = &cx.u.quotes[pq];
        if !cx.adjacent(pq, cur) || st.done(pq) || !cx.speechlike(prevq) {
            break;
        }
        let f = c
            .row(Kind::Direct, cx.span(prevq), method, cx.sentence(prevq.open))
            .at_confidence(method::AT_ONE_REMOVE);
        st.attribute(pq, f);
        cur = pq;
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn speaker_after_the_quote() {
        let got = rows("“这批种子出苗率很高。”农技员孔繁星说。");
        assert_eq!(got, ["direct | 这批种子出苗率很高。 | 孔繁星 | postposed"]);
    }

    #[test]
    fn two_quotes_then_the_speaker() {
        let got = rows("“这批种子出苗率很高。”“我们打算明年再多买一些。”农技员孔繁星说。");
        assert_eq!(
            got,
            [
                "direct | 这批种子出苗率很高。 | 孔繁星 | postposed",
                "direct | 我们打算明年再多买一些。 | 孔繁星 | postposed"
            ]
        );
    }

    #[test]
    fn a_reply_with_words_of_its_own_does_not_take_the_question() {
        let got = rows("县长罗长青问老汉：“粮食够不够吃？”“房子漏不漏雨？”老汉说，样样都好。");
        assert_eq!(
            got,
            [
                "direct | 粮食够不够吃？ | 罗长青 | colon",
                "direct | 房子漏不漏雨？ | 罗长青 | colon",
                "indirect | 样样都好 | 老汉 | indirect"
            ]
        );
    }

    #[test]
    fn a_quote_inside_a_report_stays_with_its_speaker() {
        let got = rows("周德贵告诉记者，新房子亮堂多了，但他早就想要个大院子，“要是再大点就好了。”村干部解释说，这是县里统一规划的。");
        assert_eq!(got[1], "direct | 要是再大点就好了。 | 周德贵 | preposed", "{got:?}");
    }

    #[test]
    fn a_one_word_answer_is_no_unit() {
        let got = rows("“有！”店主肯定地说：“什么样的都有。”");
        assert_eq!(got, ["direct | 什么样的都有。 | 店主 | colon"]);
    }
}
