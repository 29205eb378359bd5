//! The writer's own words: a cue whose subject is the unnamed reporter or
//! the first-person narrator (记者问：“…？”, 我问她：“…”, “…？”我们问道)
//! has no source in the cue clauses, yet the quote it introduces is the
//! writer's turn in the dialogue (`writer`): 记者, or the pronoun as
//! written.

use super::{Attribution, Sieve};
use crate::attribution::clauses::{After, Clause};
use crate::attribution::context::Context;
use crate::attribution::method::{self, Method};
use crate::attribution::speaker::{Np, Speaker, SpeakerType};
use crate::attribution::{Found, Kind};
use crate::lexicon::{CueClass, Role};
use crate::text::marks;

/// 记者问：“…” / 我问她：“…” / “…”我们问道
pub(crate) struct Writer;

impl Sieve for Writer {
    fn name(&self) -> &'static str {
        "writer"
    }

    fn describe(&self) -> &'static str {
        Method::Writer.describe()
    }

    fn apply(&self, cx: &Context, st: &mut Attribution) {
        for ci in 0..st.clauses.len() {
            let c = &st.clauses[ci];
            if c.speaker.is_some() || c.class != CueClass::Speech {
                continue;
            }
            let Some(w) = writer_subject(cx, c) else { continue };
            let quotes = quote_after(cx, st, c).or_else(|| quote_before(cx, st, c));
            let Some(first) = quotes else { continue };
            let cue = c.cue();
            let mut qi = first;
            let mut confidence = Method::Writer.confidence();
            loop {
                let q = &cx.u.quotes[qi];
                let f = Found::new(Kind::Direct, cx.span(q), Method::Writer, cx.sentence(q.open))
                    .by(Some(w.clone()), true)
                    .cued(cue)
                    .at_confidence(confidence);
                st.attribute(qi, f);
                confidence = method::CHAINED;
                match chained(cx, st, qi) {
                    Some(nq) => qi = nq,
                    None => break,
                }
            }
        }
    }
}

/// The writer as the subject of the clause: an unnamed reporter (记者) or
/// a first-person pronoun with at most adverbs before the cue.
fn writer_subject(cx: &Context, c: &Clause) -> Option<Speaker> {
    let p = &cx.p;
    let cue = c.hit.start;
    if let Np::Found(sp, _) = p.before_cue(c.clause_start, cue) {
        let reporter = sp.name.is_empty() && cx.u.k.role(Role::Reporter).contains(&sp.title);
        return reporter.then(|| {
            let mut w = Speaker::described(sp.title.clone(), SpeakerType::Anonymous, sp.span);
            w.title = sp.title;
            w
        });
    }
    let mut s = c.clause_start;
    while s < cue && cx.norm[s].is_whitespace() {
        s += 1;
    }
    while let Some(l) = p.word_at(s, cue, Role::Connective) {
        s += l;
    }
    let l = p.word_at(s, cue, Role::FirstPerson)?;
    // 我的朋友说: a possessive, not the subject
    if p.char_is(s + l, Role::Attributive) || !p.gap_ok(s + l, cue) {
        return None;
    }
    let text: String = cx.u.orig[s..s + l].iter().collect();
    Some(Speaker::described(text, SpeakerType::Pronoun, (s, s + l)))
}

/// The speech quote the clause's words open with (after a colon or comma).
fn quote_after(cx: &Context, st: &Attribution, c: &Clause) -> Option<usize> {
    if !matches!(c.after, After::Colon | After::Comma) {
        return None;
    }
    let mut pos = c.content;
    while pos < cx.n && cx.norm[pos].is_whitespace() {
        pos += 1;
    }
    cx.quote_at(pos).filter(|&qi| !st.done(qi) && cx.speechlike(&cx.u.quotes[qi]))
}

/// “…”我们问道: a speech quote closing right before the clause, the cue
/// ending its sentence.
fn quote_before(cx: &Context, st: &Attribution, c: &Clause) -> Option<usize> {
    if c.after != After::End {
        return None;
    }
    let mut b = c.clause_start;
    while b > 0 && (cx.norm[b - 1].is_whitespace() || matches!(cx.norm[b - 1], '，' | ',')) {
        b -= 1;
    }
    if b == 0 || !marks::is_closer(cx.norm[b - 1]) {
        return None;
    }
    let qi = cx.inq[b - 1];
    (qi != usize::MAX
        && !st.done(qi)
        && cx.speechlike(&cx.u.quotes[qi])
        && cx.u.quotes[qi].close == Some(b - 1))
    .then_some(qi)
}

/// A question right after quote `qi` (“…？”“…？”) continues the writer's turn.
fn chained(cx: &Context, st: &Attribution, qi: usize) -> Option<usize> {
    let close = cx.u.quotes[qi].close?;
    let mut j = close + 1;
    while j < cx.n && cx.norm[j].is_whitespace() {
        j += 1;
    }
    let nq = cx.quote_at(j).filter(|&nq| !st.done(nq))?;
    let t = cx.qtext(&cx.u.quotes[nq]);
    t.last().is_some_and(|&x| matches!(x, '？' | '?')).then_some(nq)
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn the_reporter_asks() {
        // the reporter's cue takes its question itself (colon); the answer's
        // cue does not take it
        let got = rows("记者问：“今年的收成怎么样？”老农周万福说：“比去年强多了，多收了两千斤。”");
        assert_eq!(
            got,
            [
                "direct | 今年的收成怎么样？ | 记者 | colon",
                "direct | 比去年强多了，多收了两千斤。 | 周万福 | colon"
            ]
        );
    }

    #[test]
    fn the_narrator_asks_after_the_quote() {
        let got = rows("“你家今年养了多少头猪？”我们问道。");
        assert_eq!(got, ["direct | 你家今年养了多少头猪？ | 我们 | writer"]);
    }

    #[test]
    fn a_possessive_is_not_the_writer() {
        let got = rows("我的邻居刘桂兰说：“这条路修好以后，进城方便多了。”");
        assert_eq!(got, ["direct | 这条路修好以后，进城方便多了。 | 刘桂兰 | colon"]);
    }
}
