//! Reported speech: X说，…… (`indirect`, or `zero_anaphora` / `pronoun`
//! after the clause's speaker). The reported clause runs to its sentence
//! end or the next cue with its own speaker; whole quoted sentences
//! closing it are a direct row (`preposed`), fragments quoted inside it
//! `partial_in_indirect`.

use super::{Attribution, Sieve};
use crate::attribution::clauses::{After, Clause};
use crate::attribution::context::Context;
use crate::attribution::method::{self, Method};
use crate::attribution::{is_colon, is_comma, Kind};
use crate::lexicon::{CueClass, Role};
use crate::text::marks;

/// The longest clause after a bare cue read as its object when it ends in a
/// non-speech object (表示热烈的节日祝贺), characters.
const SHORT_OBJECT: usize = 10;

/// The longest reported clause (characters); a clause runs to its sentence end.
const MAX_CONTENT: usize = 2000;

/// X说，……
pub(crate) struct Indirect;

impl Sieve for Indirect {
    fn name(&self) -> &'static str {
        "indirect"
    }

    fn describe(&self) -> &'static str {
        "reported speech after a cue, the quote closing it, and fragments quoted inside it"
    }

    fn apply(&self, cx: &Context, st: &mut Attribution) {
        for ci in 0..st.clauses.len() {
            let c = st.clauses[ci].clone();
            let Some(start) = content_start(&c) else { continue };
            let mut s = start;
            while s < cx.n && cx.norm[s].is_whitespace() {
                s += 1;
            }
            if s >= cx.n {
                if c.after == After::Colon {
                    st.state.pending_colon = c.speaker.clone();
                }
                continue;
            }
            if !opens_clause(cx, st, s) || wraps_a_speaker(cx, &st.clauses, ci, s) {
                continue;
            }
            let mut e = clause_end(cx, &st.clauses, ci, s);
            if e <= s || e - s < 2 {
                continue;
            }
            if matches!(c.after, After::Bare | After::Quote) && !reports_speech(cx, &c, s, e) {
                continue;
            }
            if let Some(qi) = trailing_quote(cx, st, s, e) {
                let q = &cx.u.quotes[qi];
                let mut b = q.open;
                while b > s && (cx.norm[b - 1].is_whitespace() || marks::is_clause_punct(cx.norm[b - 1])) {
                    b -= 1;
                }
                e = b;
                let f = c.row(Kind::Direct, cx.span(q), Method::Preposed, c.sentence);
                st.attribute(qi, f.at_confidence(method::AT_ONE_REMOVE));
            }
            st.push(c.row(Kind::Indirect, (s, e), c.method, c.sentence));
            partials(cx, st, &c, s, e);
        }
    }
}

/// Where a speech clause's reported words start, if it reports any.
fn content_start(c: &Clause) -> Option<usize> {
    c.speaker.as_ref()?;
    if c.class != CueClass::Speech && !(c.class == CueClass::Post && c.after == After::Colon) {
        return None;
    }
    // 正如小平同志所说，……: the cited words run on after the comma; a
    // citation that closes on no punctuation (正如……所说的那样) reports nothing
    if c.citation && !matches!(c.after, After::Colon | After::Comma) {
        return None;
    }
    match c.after {
        After::Colon | After::Comma => Some(c.content),
        After::Bare | After::Quote if c.bare && !c.post_used => Some(c.content),
        _ => None,
    }
}

/// Can reported words start at `s`: not an attributed quote, a citation,
/// or nothing but one quote (a term)?
fn opens_clause(cx: &Context, st: &Attribution, s: usize) -> bool {
    let norm = cx.norm;
    // content opening with an attributed quote: the quote is the unit
    if cx.quote_at(s).is_some_and(|qi| st.done(qi)) {
        return false;
    }
    if cx.p.word_at(s, cx.n, Role::Citation).is_some() {
        return false;
    }
    // content that is nothing but one quote (a term): no reported clause
    let only_quote = cx.quote_at(s).is_some_and(|qi| {
        let q = &cx.u.quotes[qi];
        q.open == s
            && q.close.is_some_and(|c| {
                norm[c + 1..cx.sentence_end_excl(s).max(c + 1)]
                    .iter()
                    .all(|&x| marks::is_clause_punct(x) || x.is_whitespace())
            })
    });
    !only_quote
}

/// Do the words after clause `ci`, starting at `s`, hold in their first
/// clause another cue that introduces words (电台报道，哈梅内伊在会上说，……;
/// 张三批评李四说：“……”), or open with one (强调指出：“……”)? Then that cue
/// reports them, not the one before.
fn wraps_a_speaker(cx: &Context, clauses: &[Clause], ci: usize, s: usize) -> bool {
    let first_end = (s..cx.n).find(|&q| marks::is_clause_punct(cx.norm[q]) || !cx.outside(q)).unwrap_or(cx.n);
    clauses.iter().skip(ci + 1).take_while(|c2| c2.hit.start < first_end).any(|c2| {
        // a cue that introduces words with its punctuation (说：, 说，), not
        // one that governs a quote (阐述“……”)
        let introduces = matches!(c2.after, After::Colon | After::Comma);
        c2.hit.start >= s && c2.speaker.is_some() && introduces && c2.class != CueClass::Noun
    })
}

/// Where the reported clause of clause `ci`, starting at `s`, ends: the
/// sentence end (never a whole unpunctuated page), a later cue clause with
/// its own speaker, or a quote closing on a full stop; punctuation trimmed.
fn clause_end(cx: &Context, clauses: &[Clause], ci: usize, s: usize) -> usize {
    let norm = cx.norm;
    let c = &clauses[ci];
    let mut e = cx.sentence_end_excl(s).min(s + MAX_CONTENT);
    for c2 in clauses.iter().skip(ci + 1) {
        if c2.hit.start >= e || c2.sentence != c.sentence {
            break;
        }
        if c2.clause_start <= s {
            continue;
        }
        let produces = matches!(c2.after, After::Colon | After::Comma)
            || (c2.bare && matches!(c2.after, After::Bare | After::Quote));
        let after_colon = c2.clause_start > 0 && is_colon(norm[c2.clause_start - 1]);
        if c2.speaker.is_some() && c2.class != CueClass::Noun && c2.here && produces && !after_colon {
            e = c2.clause_start;
            break;
        }
    }
    // …基本保证。”: a quote closing on a full stop ends the sentence
    if let Some(x) = (s + 1..e).find(|&x| {
        marks::is_closer(norm[x])
            && marks::is_terminal(norm[x - 1])
            && !cx.outside(x)
            && cx.u.quotes[cx.inq[x]].close == Some(x)
    }) {
        e = x + 1;
    }
    while e > s && (marks::is_clause_punct(norm[e - 1]) || norm[e - 1].is_whitespace()) {
        e -= 1;
    }
    // 问，春节去哪玩？: a question or exclamation mark closing the words is
    // theirs, as in a quote
    while e > s && e < cx.n && is_mood_mark(norm[e]) {
        e += 1;
    }
    e
}

/// A question or exclamation mark.
fn is_mood_mark(c: char) -> bool {
    matches!(c, '？' | '！' | '?' | '!')
}

/// Do the words `[s, e)` after a cue with no punctuation report speech?
/// Not 表示感谢 (an object that is not speech), a clause under three
/// characters, or naming someone (村民们称他为“老农民”).
fn reports_speech(cx: &Context, c: &Clause, s: usize, e: usize) -> bool {
    let (norm, p) = (cx.norm, &cx.p);
    let clause_end = (s..e).find(|&i| cx.outside(i) && marks::is_clause_punct(norm[i])).unwrap_or(e);
    if p.word_at(s, e, Role::NonSpeechObject).is_some_and(|l| clause_end - s <= l + 2) {
        return false;
    }
    // 表示热烈的节日祝贺: a short clause ending in such an object
    if clause_end - s <= SHORT_OBJECT && p.word_before(s, clause_end, Role::NonSpeechObject).is_some() {
        return false;
    }
    // 表示好，…… is an answer, not a report; 表示乐见，只要…… runs on
    if clause_end - s < 3 && e - s < SHORT_OBJECT {
        return false;
    }
    let cue_word: String = norm[c.hit.start..c.hit.end].iter().collect();
    // the name given in quote marks right after the marker
    let names = || {
        (s..clause_end).any(|i| {
            cx.outside(i)
                && p.word_at(i, clause_end, Role::NamingMarker)
                    .is_some_and(|l| norm.get(i + l).is_some_and(|&c| marks::closer_of(c).is_some()))
        })
    };
    !(cx.u.k.role(Role::NamingVerb).contains(&cue_word) && names())
}

/// 她很感谢……，“朋友看到我笑得比以前多了……”: whole quoted sentences
/// closing the reported clause `[s, e)` are the speaker's own words, a
/// direct row; the indirect clause ends before them.
fn trailing_quote(cx: &Context, st: &Attribution, s: usize, e: usize) -> Option<usize> {
    let norm = cx.norm;
    let first = cx.top.partition_point(|&qi| cx.u.quotes[qi].open <= s);
    cx.top[first..].iter().copied().take_while(|&qi| cx.u.quotes[qi].open < e).find(|&qi| {
        let q = &cx.u.quotes[qi];
        let mut b = q.open;
        while b > s && norm[b - 1].is_whitespace() {
            b -= 1;
        }
        let lead = b > s && (is_comma(norm[b - 1]) || is_colon(norm[b - 1]));
        let closes = q.close.is_some_and(|c| {
            norm[c + 1..e.max(c + 1)]
                .iter()
                .all(|&x| marks::is_clause_punct(x) || marks::is_closer(x) || x.is_whitespace())
        });
        lead && closes && cx.speechlike(q) && b - 1 - s >= 4 && !st.done(qi)
    })
}

/// Fragments quoted inside the reported clause `[s, e)`.
fn partials(cx: &Context, st: &mut Attribution, c: &Clause, s: usize, e: usize) {
    let first = cx.top.partition_point(|&qi| cx.u.quotes[qi].open < s);
    for &qi in &cx.top[first..] {
        let q = &cx.u.quotes[qi];
        if q.open >= e {
            break;
        }
        if st.done(qi) {
            continue;
        }
        let before = if q.open > 0 { cx.norm[q.open - 1] } else { '，' };
        let ok = cx.speechlike(q)
            || (cx.qlen(q) >= 4 && marks::is_clause_punct(before) && cx.followed_by_punct(q));
        if ok {
            st.attribute(qi, c.row(Kind::Partial, cx.span(q), Method::PartialInIndirect, c.sentence));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn a_report_that_wraps_another_speaker_gives_way_to_it() {
        let got = rows("电台报道，部长王立新在会上说，明年的预算将增加一成。");
        assert_eq!(got, ["indirect | 明年的预算将增加一成 | 王立新 | indirect"]);
    }

    #[test]
    fn reported_clause_after_a_comma() {
        let got = rows("气象台台长范国庆表示，本周末全省将迎来大范围降温。");
        assert_eq!(got, ["indirect | 本周末全省将迎来大范围降温 | 范国庆 | indirect"]);
    }

    #[test]
    fn a_fragment_quoted_inside_reported_speech() {
        let got = rows("气象台台长范国庆表示，大家都知道“寒潮来了，我们要做好准备”，市民要注意保暖。");
        assert_eq!(
            got,
            [
                "indirect | 大家都知道“寒潮来了，我们要做好准备”，市民要注意保暖 | 范国庆 | indirect",
                "partial | 寒潮来了，我们要做好准备 | 范国庆 | partial_in_indirect"
            ]
        );
    }

    #[test]
    fn a_reported_question_keeps_its_mark() {
        let got = rows("气象台台长范国庆问，明天会下雪吗？");
        assert_eq!(got, ["indirect | 明天会下雪吗？ | 范国庆 | indirect"]);
    }
}
