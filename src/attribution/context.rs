//! What every rule asks of a unit, worked out once: which characters the
//! top-level quotes cover, where quotes open, the sentences (outside
//! quotes) and clause starts, and what a quote looks like (speech, a
//! clause, or a term).

use super::coref::Coref;
use super::{is_sentence_end, Unit};
use crate::attribution::speaker::{Parser, Speaker};
use crate::lexicon::Role;
use crate::quotes::QuoteSpan;
use crate::text::marks;

/// The most characters of an interjection or one-word answer.
const ONE_WORD: usize = 2;

/// One unit, with its quote cover, sentences and clause starts.
pub(crate) struct Context<'a> {
    /// The unit.
    pub u: Unit<'a>,
    /// A parser over the unit.
    pub p: Parser<'a>,
    /// Normalised text (`u.norm`).
    pub norm: &'a [char],
    /// Its length.
    pub n: usize,
    /// The top-level quote covering each character (`usize::MAX`: none).
    pub inq: Vec<usize>,
    /// The top-level quotes, in order.
    pub top: Vec<usize>,
    /// The top-level quote opening at each position (`usize::MAX`: none).
    open_at: Vec<usize>,
    /// The rank of each quote among the top-level ones (`usize::MAX`: nested).
    rank: Vec<usize>,
    /// The sentence of each position, an index into `bounds`.
    sent_id: Vec<usize>,
    /// The sentences, `[start, end)`, each ending after its end mark.
    bounds: Vec<(usize, usize)>,
    /// The clause start of each position.
    cs_at: Vec<usize>,
    /// Antecedents of pronouns and lone surnames, worked out lazily.
    pub coref: Coref<'a>,
}

impl<'a> Context<'a> {
    /// Works out the quote cover, sentences and clause starts of `u`;
    /// `earlier` gives the last person before the unit, when a pronoun asks.
    pub fn new(u: Unit<'a>, earlier: &'a dyn Fn() -> Option<Speaker>) -> Context<'a> {
        let n = u.norm.len();
        let inq = u.quote_cover();
        let top: Vec<usize> =
            u.quotes.iter().enumerate().filter(|(_, q)| q.depth == 0).map(|(i, _)| i).collect();
        let mut open_at = vec![usize::MAX; n + 1];
        let mut rank = vec![usize::MAX; u.quotes.len()];
        for (r, &qi) in top.iter().enumerate() {
            open_at[u.quotes[qi].open] = qi;
            rank[qi] = r;
        }
        let (sent_id, bounds) = sentences(u.norm, &inq);
        let mut cx = Context {
            u,
            p: u.parser(),
            norm: u.norm,
            n,
            inq,
            top,
            open_at,
            rank,
            sent_id,
            bounds,
            cs_at: Vec::new(),
            coref: Coref::new(earlier),
        };
        cx.cs_at = cx.clause_starts();
        cx
    }

    /// Clause starts: after clause punctuation (not 、), a quote or a
    /// sentence start.
    fn clause_starts(&self) -> Vec<usize> {
        let (n, norm) = (self.n, self.norm);
        let mut cs_at = vec![0usize; n + 1];
        let mut cur = 0usize;
        for (i, slot) in cs_at.iter_mut().enumerate() {
            if i > 0 {
                let c = norm[i - 1];
                let (ss, _) = self.sentence(i.min(n.saturating_sub(1)));
                if !self.outside(i - 1) || (marks::is_clause_punct(c) && c != '、') || i - 1 < ss {
                    cur = i;
                }
                if ss >= cur && ss <= i {
                    cur = cur.max(ss);
                }
            }
            *slot = cur;
        }
        cs_at
    }

    /// Is `i` outside every quote?
    pub fn outside(&self, i: usize) -> bool {
        self.inq[i] == usize::MAX
    }

    /// The top-level quote opening at `pos`.
    pub fn quote_at(&self, pos: usize) -> Option<usize> {
        Some(self.open_at[pos.min(self.n)]).filter(|&q| q != usize::MAX)
    }

    /// The rank of quote `qi` among the top-level quotes.
    pub fn top_rank(&self, qi: usize) -> Option<usize> {
        self.rank.get(qi).copied().filter(|&r| r != usize::MAX)
    }

    /// The sentence around `i`.
    pub fn sentence(&self, i: usize) -> (usize, usize) {
        self.bounds[self.sent_id[i.min(self.n)]]
    }

    /// Where the clause around `i` starts.
    pub fn clause_start(&self, i: usize) -> usize {
        self.cs_at[i.min(self.n)]
    }

    /// The end of the sentence around `i`, its end marks and spaces left out.
    pub fn sentence_end_excl(&self, i: usize) -> usize {
        let norm = self.norm;
        let (_, mut e) = self.sentence(i);
        while e > 0 && e > i && (is_sentence_end(norm[e - 1]) || norm[e - 1].is_whitespace()) {
            e -= 1;
        }
        e
    }

    /// A quote's words, `[start, end)`.
    pub fn span(&self, q: &QuoteSpan) -> (usize, usize) {
        (q.start(), q.end(self.n))
    }

    /// Where the text before a quote ends, spaces skipped back.
    pub fn before_quote(&self, q: &QuoteSpan) -> usize {
        let mut before = q.open;
        while before > 0 && self.norm[before - 1].is_whitespace() {
            before -= 1;
        }
        before
    }

    /// The length of a quote's words.
    pub fn qlen(&self, q: &QuoteSpan) -> usize {
        q.end(self.n).saturating_sub(q.start())
    }

    /// A quote's words.
    pub fn qtext(&self, q: &QuoteSpan) -> &'a [char] {
        &self.norm[q.start()..q.end(self.n)]
    }

    /// Does the quote read as speech: a sentence, a long clause, or words
    /// in the first person? Not when it modifies a noun (“…”的).
    pub fn speechlike(&self, q: &QuoteSpan) -> bool {
        if q.close.is_some_and(|c| self.p.char_is(c + 1, Role::Attributive)) {
            return false;
        }
        let t = self.qtext(q);
        let l = t.len();
        let has_end = t.iter().any(|&c| is_sentence_end(c));
        let has_clause = t.iter().any(|&c| matches!(c, '，' | '；' | ',' | ';'));
        let first_person =
            (0..l).any(|i| self.p.word_at(q.start() + i, q.end(self.n), Role::FirstPerson).is_some());
        (has_end && l >= 4) || (has_clause && l >= 10) || (first_person && l >= 6)
    }

    /// Is the quote an interjection or a one-word answer (“有！”, “好。”):
    /// at most two characters of words, punctuation aside? Not a unit.
    pub fn one_word(&self, q: &QuoteSpan) -> bool {
        self.qtext(q).iter().filter(|c| c.is_alphanumeric()).count() <= ONE_WORD
    }

    /// Speech, or at least a clause: long or punctuated.
    pub fn clause_like(&self, q: &QuoteSpan) -> bool {
        self.speechlike(q) || self.qlen(q) >= 8 || self.qtext(q).iter().any(|&c| marks::is_clause_punct(c))
    }

    /// Is top-level quote `b` right after quote `a`, with only spaces or
    /// 、 between (“…”“…”)?
    pub fn adjacent(&self, a: usize, b: usize) -> bool {
        let q = self.u.quotes;
        q[a].close.is_some_and(|pc| {
            pc < q[b].open && self.norm[pc + 1..q[b].open].iter().all(|c| c.is_whitespace() || *c == '、')
        })
    }

    /// The first of the run of adjacent quotes that quote `qi` ends.
    pub fn first_of_run(&self, qi: usize) -> usize {
        let mut cur = qi;
        while let Some(pos) = self.top_rank(cur).filter(|&r| r > 0) {
            let pq = self.top[pos - 1];
            if !self.adjacent(pq, cur) {
                break;
            }
            cur = pq;
        }
        cur
    }

    /// Is the quote followed by punctuation, a closer, a space or the end?
    pub fn followed_by_punct(&self, q: &QuoteSpan) -> bool {
        let Some(c) = q.close else { return true };
        match self.norm.get(c + 1) {
            None => true,
            Some(&x) => {
                marks::is_clause_punct(x) || x == '…' || marks::closer_of(x).is_some() || x.is_whitespace()
            }
        }
    }
}

/// The sentence of each position and the sentence bounds: a sentence ends
/// after an end mark outside the quotes.
fn sentences(norm: &[char], inq: &[usize]) -> (Vec<usize>, Vec<(usize, usize)>) {
    let n = norm.len();
    let mut sent_id = vec![0usize; n + 1];
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    let mut s0 = 0;
    for i in 0..n {
        sent_id[i] = bounds.len();
        if inq[i] == usize::MAX && is_sentence_end(norm[i]) {
            bounds.push((s0, i + 1));
            s0 = i + 1;
        }
    }
    if s0 < n || bounds.is_empty() {
        bounds.push((s0, n));
    }
    sent_id[n] = bounds.len() - 1;
    (sent_id, bounds)
}
