//! Theme and stance rule engine. Rules come from `themes.toml` and
//! `stance.toml`; every keyword of a rule set is matched by one Aho-Corasick
//! automaton built once per `Tagger`; each rule that fires is reported as
//! evidence with its matched keywords.

use crate::lexicon::{RuleSet, Scope};
use crate::mentions::{byte_to_char, ByteToChar};
use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// A rule that fired, with the keywords that made it fire. The strings are
/// shared with the rule set (`Arc<str>`): a quote's evidence costs no copy
/// of a rule id, label or keyword.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Evidence {
    /// Rule id.
    pub rule: Arc<str>,
    /// Label it voted for.
    pub label: Arc<str>,
    /// Matched keywords with character spans relative to the text the rule read.
    pub keywords: Vec<(Arc<str>, usize, usize)>,
}

/// A set of keyword ids as a bit set: membership in one look-up.
#[derive(Debug, Clone, Default)]
struct Ids(Vec<u64>);

impl Ids {
    fn of(ids: &[usize]) -> Ids {
        let mut b = vec![0u64; ids.iter().max().map_or(0, |m| m / 64 + 1)];
        for &i in ids {
            b[i / 64] |= 1 << (i % 64);
        }
        Ids(b)
    }

    fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }
}

#[derive(Debug, Clone)]
struct CRule {
    any: Ids,
    all: Vec<usize>,
    none: Ids,
    near: Option<(Ids, Ids, usize, bool)>,
    not_after: Ids,
    not_after_within: usize,
    not_within: Ids,
    clause_start: Ids,
}

/// A compiled rule set.
#[derive(Debug, Clone)]
pub struct Engine {
    set: RuleSet,
    rules: Vec<CRule>,
    words: Vec<String>,
    /// This rule set's own scanner, built on first use: a tagger scans with
    /// one [`Scanner`] for several rule sets instead.
    own: std::sync::OnceLock<Scanner>,
    /// For each keyword, the rules it can make fire (it is in their `any`,
    /// `all` or `near` lists): only those rules are tried on a text.
    triggers: Vec<Vec<u32>>,
    /// The same for the sentence-scope rules alone (the only rules the
    /// sentence's keywords can make fire).
    sentence_triggers: Vec<Vec<u32>>,
    /// Each rule's id and label, and each keyword, as shared strings for
    /// [`Evidence`].
    names: Vec<(Arc<str>, Arc<str>)>,
    shared_words: Vec<Arc<str>>,
    /// The longest keyword, in characters (how far a hit overlapping
    /// another can end past it).
    max_len: usize,
    /// Whether any rule reads the sentence (scope, or the short-quote
    /// fallback): if not, a quote's sentence hits are never gathered.
    reads_sentence: bool,
    /// Whether [`Engine::run_spans`] and [`Engine::run`] return evidence
    /// (default); off, only the labels.
    evidence: bool,
}

type Hit = (usize, usize, usize); // word, start, end (chars)

/// Keyword sets up to this size are compiled to a DFA (faster to scan, slower
/// to build); larger ones (the themes) to a contiguous NFA.
const DFA_MAX_WORDS: usize = 1000;

/// The keyword hits of one text (see [`Engine::hits_of`]).
#[derive(Debug, Clone, Default)]
pub struct Hits(Vec<Hit>);

/// One automaton for `words`: a DFA when the set is small (faster to scan,
/// slower to build), else a contiguous NFA; none for no words.
fn automaton<S: AsRef<str>>(words: &[S]) -> Option<AhoCorasick> {
    if words.is_empty() {
        return None;
    }
    let kind = if words.len() <= DFA_MAX_WORDS {
        aho_corasick::AhoCorasickKind::DFA
    } else {
        aho_corasick::AhoCorasickKind::ContiguousNFA
    };
    Some(
        AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build(words.iter().map(|w| w.as_ref()))
            .expect("plain keywords"),
    )
}

/// The keywords of several rule sets in one automaton: one scan of a text
/// gives every set's hits, each as [`Engine::hits_of`] would give them.
/// One-character keywords (negators, modal verbs, punctuation) are not in
/// the automaton, where they would make nearly every position a match, but
/// in a table read character by character.
#[derive(Debug, Clone)]
pub struct Scanner {
    ac: Option<AhoCorasick>,
    /// For each automaton pattern, its engine and its word in that engine.
    pats: Vec<(u32, u32)>,
    /// The characters (below U+10000) that are one-character keywords, as a
    /// bit set (8 KB: stays in cache while a text is read).
    single_set: Vec<u64>,
    /// Those characters in order, each with where its keywords start in
    /// `single_words` (they end where the next character's start).
    single_chars: Vec<(char, u32)>,
    /// The one-character keywords as (engine, word), grouped by character.
    single_words: Vec<(u32, u32)>,
    /// How many engines.
    engines: usize,
}

/// Characters with a slot in [`Scanner::single_at`]; a one-character
/// keyword beyond them goes into the automaton.
const SINGLE_CHARS: usize = 0x10000;

impl Scanner {
    /// The scanner of `engines`' keywords.
    pub fn new(engines: &[&Engine]) -> Scanner {
        let mut words: Vec<&str> = Vec::new();
        let mut pats = Vec::new();
        let mut singles: Vec<(char, u32, u32)> = Vec::new();
        for (ei, e) in engines.iter().enumerate() {
            for (wi, w) in e.words.iter().enumerate() {
                let mut cs = w.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) if (c as usize) < SINGLE_CHARS => singles.push((c, ei as u32, wi as u32)),
                    _ => {
                        words.push(w.as_str());
                        pats.push((ei as u32, wi as u32));
                    }
                }
            }
        }
        singles.sort_by_key(|s| s.0);
        let mut single_set = vec![0u64; SINGLE_CHARS / 64];
        let mut single_chars: Vec<(char, u32)> = Vec::new();
        for (i, &(c, _, _)) in singles.iter().enumerate() {
            single_set[c as usize / 64] |= 1 << (c as usize % 64);
            if single_chars.last().is_none_or(|l| l.0 != c) {
                single_chars.push((c, i as u32));
            }
        }
        single_chars.push((char::MAX, singles.len() as u32));
        let single_words = singles.iter().map(|&(_, e, w)| (e, w)).collect();
        Scanner {
            ac: automaton(&words),
            pats,
            single_set,
            single_chars,
            single_words,
            engines: engines.len(),
        }
    }

    /// The hits of each engine in `text`, whose character offsets `b2c` gives.
    pub fn hits(&self, text: &str, b2c: &ByteToChar) -> Vec<Hits> {
        self.hits_in(text, b2c, 0..text.len())
    }

    /// The hits of each engine that lie inside the byte range `within` of
    /// `text` (character offsets still of the whole `text`).
    pub fn hits_in(&self, text: &str, b2c: &ByteToChar, within: std::ops::Range<usize>) -> Vec<Hits> {
        let mut out = vec![Hits::default(); self.engines];
        let base = within.start;
        let part = &text[within];
        if let Some(ac) = &self.ac {
            for m in ac.find_overlapping_iter(part) {
                let (e, w) = self.pats[m.pattern().as_usize()];
                out[e as usize].0.push((w as usize, b2c.at(base + m.start()), b2c.at(base + m.end())));
            }
        }
        if self.single_words.is_empty() {
            return out;
        }
        // one-character keywords, each merged in after the automaton's hits
        // ending where it ends (hits stay in order of their end)
        let mut singles = vec![Vec::new(); self.engines];
        for (ci, c) in (b2c.at(base)..).zip(part.chars()) {
            let k = c as usize;
            if k < SINGLE_CHARS && self.single_set[k / 64] & (1 << (k % 64)) != 0 {
                let i = self.single_chars.partition_point(|x| x.0 < c);
                let (a, b) = (self.single_chars[i].1 as usize, self.single_chars[i + 1].1 as usize);
                for &(e, w) in &self.single_words[a..b] {
                    singles[e as usize].push((w as usize, ci, ci + 1));
                }
            }
        }
        for (hits, one) in out.iter_mut().zip(singles) {
            if one.is_empty() {
                continue;
            }
            let long = std::mem::take(&mut hits.0);
            let mut merged = Vec::with_capacity(long.len() + one.len());
            let mut li = long.into_iter().peekable();
            for h in one {
                while let Some(l) = li.next_if(|l| l.2 <= h.2) {
                    merged.push(l);
                }
                merged.push(h);
            }
            merged.extend(li);
            hits.0 = merged;
        }
        out
    }
}

/// Adds a fired rule's weight to its label's score.
fn add_score<'a>(scores: &mut Vec<(&'a str, f64)>, rule: &'a crate::lexicon::rules::Rule) {
    match scores.iter_mut().find(|(l, _)| *l == rule.label) {
        Some(s) => s.1 += rule.weight,
        None => scores.push((&rule.label, rule.weight)),
    }
}

impl Engine {
    /// Compiles `set`.
    pub fn new(set: &RuleSet) -> Engine {
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut words = Vec::new();
        let mut id = |w: &String, words: &mut Vec<String>| -> usize {
            *ids.entry(w.clone()).or_insert_with(|| {
                words.push(w.clone());
                words.len() - 1
            })
        };
        let mut rules = Vec::new();
        let mut triggers: Vec<Vec<u32>> = Vec::new();
        for (ri, r) in set.rules.iter().enumerate() {
            let mut m = |l: &[String]| l.iter().map(|w| id(w, &mut words)).collect::<Vec<_>>();
            let any = m(&r.any);
            let all = m(&r.all);
            let none = m(&r.none);
            let not_after = m(&r.not_after);
            let not_within = m(&r.not_within);
            let clause_start = m(&r.clause_start);
            let near = r.near.as_ref().map(|(a, b, w, d)| (m(a), m(b), *w, *d));
            let positive =
                any.iter().chain(&all).chain(near.iter().flat_map(|(a, b, _, _)| a.iter().chain(b)));
            for &w in positive {
                if triggers.len() <= w {
                    triggers.resize(w + 1, Vec::new());
                }
                if triggers[w].last() != Some(&(ri as u32)) {
                    triggers[w].push(ri as u32);
                }
            }
            rules.push(CRule {
                any: Ids::of(&any),
                all,
                none: Ids::of(&none),
                near: near.map(|(a, b, w, d)| (Ids::of(&a), Ids::of(&b), w, d)),
                not_after: Ids::of(&not_after),
                not_after_within: r.not_after_within,
                not_within: Ids::of(&not_within),
                clause_start: Ids::of(&clause_start),
            });
        }
        let names =
            set.rules.iter().map(|r| (Arc::from(r.id.as_str()), Arc::from(r.label.as_str()))).collect();
        let shared_words = words.iter().map(|w| Arc::from(w.as_str())).collect();
        let sentence_triggers = triggers
            .iter()
            .map(|rs| {
                rs.iter().copied().filter(|&ri| set.rules[ri as usize].scope == Scope::Sentence).collect()
            })
            .collect();
        let max_len = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        let reads_sentence =
            set.context_fallback_chars.is_some() || set.rules.iter().any(|r| r.scope == Scope::Sentence);
        Engine {
            set: set.clone(),
            rules,
            words,
            own: std::sync::OnceLock::new(),
            triggers,
            sentence_triggers,
            names,
            shared_words,
            max_len,
            reads_sentence,
            evidence: true,
        }
    }

    /// Whether runs return the evidence of the rules that fired (default
    /// yes); a caller that drops it saves building it.
    pub fn keep_evidence(&mut self, yes: bool) {
        self.evidence = yes;
    }

    fn hits(&self, text: &str) -> Vec<Hit> {
        let own = self.own.get_or_init(|| Scanner::new(&[self]));
        own.hits(text, &byte_to_char(text)).swap_remove(0).0
    }

    /// Runs every rule of `scope` over `text`; returns the labels whose
    /// summed weight reached their threshold (highest score first) and the
    /// evidence of every rule that fired. A short `text` that gets no label
    /// takes the best label of its `context` when the rule set allows it
    /// (`context_fallback_chars`); that evidence has rule ids ending in
    /// `@sentence`.
    pub fn run(&self, text: &str, context: &str) -> (Vec<(String, f64)>, Vec<Evidence>) {
        let qh = self.hits(text);
        let ch = if context.is_empty() { Vec::new() } else { self.hits(context) };
        let short = self.set.context_fallback_chars.is_some_and(|n| text.chars().count() <= n);
        self.decide(&qh, &ch, context.is_empty(), short && context != text)
    }

    /// The rules on the words' hits `qh` and the sentence's `ch`; when
    /// nothing fires and `may_fall_back`, the best label of the sentence.
    fn decide(
        &self,
        qh: &[Hit],
        ch: &[Hit],
        no_context: bool,
        may_fall_back: bool,
    ) -> (Vec<(String, f64)>, Vec<Evidence>) {
        let (labels, mut ev) = self.run_hits(qh, ch, no_context);
        if labels.is_empty() && may_fall_back && !no_context {
            let (mut cl, cev) = self.run_hits(ch, &[], true);
            cl.truncate(1);
            if !cl.is_empty() {
                ev.extend(cev.into_iter().filter(|e| cl.iter().any(|(l, _)| **l == *e.label)).map(
                    |mut e| {
                        e.rule = format!("{}@sentence", e.rule).into();
                        e
                    },
                ));
                return (cl, ev);
            }
        }
        (labels, ev)
    }

    /// The label of `text` (a whole article) that holds at least the rule
    /// set's `article_fallback_share` of all fired weight, if any.
    pub fn dominant(&self, text: &str) -> Option<String> {
        self.set.article_fallback_share?;
        self.dominant_in(&self.hits_of(text))
    }

    /// [`Engine::dominant`] on the hits of the article's text.
    pub fn dominant_in(&self, hits: &Hits) -> Option<String> {
        let share = self.set.article_fallback_share?;
        let hits = &hits.0;
        let mut scores: Vec<(&str, f64)> = Vec::new();
        for (ri, _) in self.fired(hits, &[], true, false) {
            add_score(&mut scores, &self.set.rules[ri]);
        }
        let total: f64 = scores.iter().map(|s| s.1).sum();
        let best = scores.iter().max_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))?;
        (best.1 + 1e-9 >= self.set.threshold(best.0) && best.1 >= share * total).then(|| best.0.to_string())
    }

    /// The rules that fire on the words' hits `qh` and the sentence's `ch`
    /// (each rule reads the hits of its scope), in file order, with the
    /// keywords that made each fire (when `keywords`). Only rules with one
    /// of their own keywords present are tried.
    fn fired(&self, qh: &[Hit], ch: &[Hit], no_context: bool, keywords: bool) -> Vec<(usize, Vec<Hit>)> {
        // a rule fires only on a keyword of its own among the hits it reads:
        // the sentence's keywords can only make a sentence-scope rule fire;
        // the candidates are a bit set over the rules (one allocation, file order)
        let mut candidates = vec![0u64; self.rules.len() / 64 + 1];
        let mut mark = |hs: &[Hit], lists: &[Vec<u32>]| {
            for h in hs {
                for &ri in lists.get(h.0).into_iter().flatten() {
                    candidates[ri as usize / 64] |= 1 << (ri % 64);
                }
            }
        };
        mark(qh, &self.triggers);
        if !no_context {
            mark(ch, &self.sentence_triggers);
        }
        let rules = candidates
            .iter()
            .enumerate()
            .flat_map(|(wi, &w)| (0..64).filter(move |b| w & (1u64 << b) != 0).map(move |b| wi * 64 + b));
        rules
            .filter_map(|ri| {
                let hits = match self.set.rules[ri].scope {
                    Scope::Sentence if !no_context => ch,
                    _ => qh,
                };
                self.fire(&self.rules[ri], hits, keywords).map(|kw| (ri, kw))
            })
            .collect()
    }

    /// The keyword hits of `text`, to be read for any span of it with
    /// [`Engine::run_spans`] (one scan of a paragraph for all its quotes).
    pub fn hits_of(&self, text: &str) -> Hits {
        let hits = self.hits(text);
        debug_assert!(hits.windows(2).all(|w| w[0].2 <= w[1].2), "overlapping matches come in order of end");
        Hits(hits)
    }

    /// [`Engine::run`] on the words `q` with their sentence `sent`, both
    /// character ranges of the text whose hits are `all`. The hits of a span
    /// are exactly the hits of the whole text that lie inside it.
    pub fn run_spans(
        &self,
        all: &Hits,
        q: (usize, usize),
        sent: (usize, usize),
    ) -> (Vec<(String, f64)>, Vec<Evidence>) {
        // hits come in order of their end: only those ending inside the span
        // are looked at (no scan of a whole long paragraph per quote)
        let slice = |(s, e): (usize, usize)| -> Vec<Hit> {
            let lo = all.0.partition_point(|h| h.2 <= s);
            let hi = all.0.partition_point(|h| h.2 <= e);
            all.0[lo..hi].iter().filter(|h| h.1 >= s).map(|h| (h.0, h.1 - s, h.2 - s)).collect()
        };
        let qh = slice(q);
        let no_context = sent.1 <= sent.0 || !self.reads_sentence;
        let ch = if no_context { Vec::new() } else { slice(sent) };
        let short = self.set.context_fallback_chars.is_some_and(|n| q.1 - q.0 <= n);
        self.decide(&qh, &ch, no_context, short && q != sent)
    }

    fn run_hits(&self, qh: &[Hit], ch: &[Hit], no_context: bool) -> (Vec<(String, f64)>, Vec<Evidence>) {
        let mut scores: Vec<(&str, f64)> = Vec::new();
        let mut ev = Vec::new();
        for (ri, kw) in self.fired(qh, ch, no_context, self.evidence) {
            let spec = &self.set.rules[ri];
            add_score(&mut scores, spec);
            if !self.evidence {
                continue;
            }
            let (rule, label) = &self.names[ri];
            ev.push(Evidence {
                rule: rule.clone(),
                label: label.clone(),
                keywords: kw.iter().map(|&(w, s, e)| (self.shared_words[w].clone(), s, e)).collect(),
            });
        }
        let mut labels: Vec<(&str, f64)> =
            scores.into_iter().filter(|(l, s)| *s + 1e-9 >= self.set.threshold(l)).collect();
        labels.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
        if let Some(best) = labels.first().map(|l| l.1) {
            labels.retain(|l| l.1 + 1e-9 >= best * self.set.min_share);
        }
        if let Some(m) = self.set.max_labels {
            labels.truncate(m);
        }
        (labels.into_iter().map(|(l, s)| (l.to_string(), s)).collect(), ev)
    }

    /// Whether the rule `r` fires on `hits`, with the keywords that made it
    /// fire when `keywords` is asked (else an empty list: the first hit of
    /// each condition is enough, no list is built).
    fn fire(&self, r: &CRule, hits: &[Hit], keywords: bool) -> Option<Vec<Hit>> {
        let counts = |h: &Hit| !negated(r, self.max_len, hits, h);
        let mut kw = Vec::new();
        if !r.none.is_empty() && hits.iter().any(|h| r.none.contains(h.0)) {
            return None;
        }
        if !r.any.is_empty() {
            let mut found =
                hits.iter().filter(|h| r.any.contains(h.0) && counts(h) && opens_clause(r, hits, h));
            if keywords {
                kw.extend(found);
                if kw.is_empty() {
                    return None;
                }
            } else {
                found.next()?;
            }
        }
        for &w in &r.all {
            let a = hits.iter().find(|h| h.0 == w && counts(h))?;
            if keywords {
                kw.push(*a);
            }
        }
        if let Some(near) = &r.near {
            let (x, y) = near_pair(near, self.max_len, hits)?;
            if keywords {
                kw.push(x);
                kw.push(y);
            }
        }
        kw.sort_by_key(|h| (h.1, h.2));
        kw.dedup();
        Some(kw)
    }
}

/// The hits among `hits` (in order of their end) that end in `lo..=hi`.
fn ending_in(hits: &[Hit], lo: usize, hi: usize) -> &[Hit] {
    let a = hits.partition_point(|x| x.2 < lo);
    let b = hits.partition_point(|x| x.2 <= hi);
    &hits[a..b.max(a)]
}

/// Whether the hit `h` is cancelled: a `not_after` word ends just before it
/// (negation, or a noun marker before a word that is also a noun), or a
/// `not_within` word overlaps it. Only the hits ending near `h` are read.
fn negated(r: &CRule, max_len: usize, hits: &[Hit], h: &Hit) -> bool {
    let after = !r.not_after.is_empty()
        && ending_in(hits, (h.1 + 1).saturating_sub(r.not_after_within), h.1)
            .iter()
            .any(|x| r.not_after.contains(x.0) && h.1 - x.2 < r.not_after_within);
    after
        || (!r.not_within.is_empty()
            && ending_in(hits, h.1 + 1, h.2 + max_len)
                .iter()
                .any(|x| r.not_within.contains(x.0) && x.1 < h.2 && h.1 < x.2 && (x.1, x.2) != (h.1, h.2)))
}

/// Whether the hit `h` opens a clause, when the rule asks for it: it starts
/// the text, or a `clause_start` word ends right where it begins.
fn opens_clause(r: &CRule, hits: &[Hit], h: &Hit) -> bool {
    r.clause_start.is_empty()
        || h.1 == 0
        || ending_in(hits, h.1, h.1).iter().any(|x| r.clause_start.contains(x.0))
}

/// The first pair of a `near` condition: a hit of `a` and a hit of `b`
/// at most `within` characters apart (different, non-overlapping words
/// when `distinct`). For each hit of `a` only the hits ending close enough
/// to it are read (`max_len`: the longest keyword).
fn near_pair(near: &(Ids, Ids, usize, bool), max_len: usize, hits: &[Hit]) -> Option<(Hit, Hit)> {
    let (a, b, within, distinct) = near;
    hits.iter().filter(|h| a.contains(h.0)).find_map(|x| {
        ending_in(hits, x.1.saturating_sub(*within), x.2 + within + max_len)
            .iter()
            .filter(|h| b.contains(h.0))
            .find(|y| {
                let gap = y.1.saturating_sub(x.2).max(x.1.saturating_sub(y.2));
                let apart = !*distinct || (x.0 != y.0 && (x.2 <= y.1 || y.2 <= x.1));
                gap <= *within && (x.1, x.2) != (y.1, y.2) && apart
            })
            .map(|y| (*x, *y))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::rules::parse;

    const RULES: &str = r#"
[lists]
neg = ["不", "没有"]
[[rule]]
id = "support.core"
label = "support"
any = ["支持"]
not_after = ["@neg"]
[[rule]]
id = "oppose.negated"
label = "oppose"
near = { a = ["@neg"], b = ["支持"], within = 2 }
"#;

    #[test]
    fn an_article_has_a_dominant_theme_only_when_one_theme_leads() {
        let rules = r#"
article_fallback_share = 0.6
[[rule]]
id = "sports.core"
label = "sports"
any = ["比赛", "球队"]
[[rule]]
id = "economy.core"
label = "economy"
any = ["股市"]
"#;
        let (set, errs) = parse("t.toml", rules);
        assert!(errs.is_empty(), "{errs:?}");
        let e = Engine::new(&set);
        assert_eq!(e.dominant("球队赢了比赛。"), Some("sports".to_string()));
        // two themes of equal weight: none holds 60 per cent
        assert_eq!(e.dominant("球队赢了比赛，股市也涨了。"), None);
        assert_eq!(e.dominant("今天天气很好。"), None);
        // without the key the fallback is off
        let (set, _) = parse("t.toml", &rules.replace("article_fallback_share = 0.6", ""));
        assert_eq!(Engine::new(&set).dominant("球队赢了比赛。"), None);
    }

    #[test]
    fn one_scan_gives_each_rule_set_its_own_hits() {
        let (stance, _) = parse("s.toml", RULES);
        let themes = r#"
[[rule]]
id = "economy.core"
label = "economy"
any = ["股市", "支持政策"]
"#;
        let (themes, errs) = parse("t.toml", themes);
        assert!(errs.is_empty(), "{errs:?}");
        let (t, s) = (Engine::new(&themes), Engine::new(&stance));
        let sc = Scanner::new(&[&t, &s]);
        // 支持 is a word of both sets, and part of a longer word of one
        let text = "我们不支持，股市支持政策出台。";
        let hs = sc.hits(text, &byte_to_char(text));
        assert_eq!(hs.len(), 2);
        assert_eq!(hs[0].0, t.hits_of(text).0);
        assert_eq!(hs[1].0, s.hits_of(text).0);
        let words = |e: &Engine, h: &Hits| h.0.iter().map(|x| e.words[x.0].clone()).collect::<Vec<_>>();
        assert_eq!(words(&t, &hs[0]), ["股市", "支持政策"]);
        assert_eq!(words(&s, &hs[1]), ["不", "支持", "支持"]);
        // a part of the text: only the hits inside it, at their offsets in the whole
        let part = text.find("股市").unwrap()..text.len();
        let hp = sc.hits_in(text, &byte_to_char(text), part);
        assert_eq!(words(&t, &hp[0]), ["股市", "支持政策"]);
        assert_eq!(words(&s, &hp[1]), ["支持"]);
        assert_eq!(hp[0].0[0].1, 6);
        let none = Scanner::new(&[]);
        assert!(none.hits(text, &byte_to_char(text)).is_empty());
    }

    #[test]
    fn one_character_keywords_are_found_like_the_others_in_order_of_end() {
        let rules = r#"
[[rule]]
id = "call.x"
label = "call"
any = ["要", "，", "不要", "要求", "不", "求"]
"#;
        let (set, errs) = parse("s.toml", rules);
        assert!(errs.is_empty(), "{errs:?}");
        let e = Engine::new(&set);
        let text = "不要，要求不要求，要";
        let got = e.hits_of(text).0;
        // every occurrence of every word, by brute force
        let chars: Vec<char> = text.chars().collect();
        let mut want = Vec::new();
        for (wi, w) in e.words.iter().enumerate() {
            let wc: Vec<char> = w.chars().collect();
            for s in 0..=chars.len() - wc.len() {
                if chars[s..s + wc.len()] == wc[..] {
                    want.push((wi, s, s + wc.len()));
                }
            }
        }
        let mut sorted = got.clone();
        sorted.sort();
        want.sort();
        assert_eq!(sorted, want);
        assert!(got.windows(2).all(|w| w[0].2 <= w[1].2), "{got:?}");
    }

    #[test]
    fn negation_flips_support() {
        let (set, errs) = parse("s.toml", RULES);
        assert!(errs.is_empty(), "{errs:?}");
        let e = Engine::new(&set);
        assert_eq!(e.run("我们支持", "").0[0].0, "support");
        let (labels, ev) = e.run("我们不支持", "");
        assert_eq!(labels.len(), 1);
        assert_eq!(labels[0].0, "oppose");
        assert_eq!(&*ev[0].rule, "oppose.negated");
    }

    #[test]
    fn keyword_inside_a_false_friend_does_not_count() {
        let text = r#"
[[rule]]
id = "security.core"
label = "security"
any = ["人质"]
not_within = ["质疑"]
"#;
        let (set, errs) = parse("t.toml", text);
        assert!(errs.is_empty(), "{errs:?}");
        let e = Engine::new(&set);
        assert!(labels(&e, "有人质疑这个说法", "").is_empty());
        assert_eq!(labels(&e, "释放人质", ""), vec!["security"]);
        // a real hit elsewhere in the text still counts
        assert_eq!(labels(&e, "有人质疑，人质已获释", ""), vec!["security"]);
    }

    const PAIRS: &str = r#"
context_fallback_chars = 6
[lists]
weak = ["合作", "作为", "交流"]
[[rule]]
id = "f.pair"
label = "friendship"
near = { a = ["@weak"], b = ["@weak"], within = 4, distinct = true }
[[rule]]
id = "f.loose"
label = "loose"
near = { a = ["@weak"], b = ["@weak"], within = 4 }
[[rule]]
id = "t.core"
label = "trade"
any = ["贸易"]
[[rule]]
id = "t.bilateral"
label = "trade"
any = ["双边贸易"]
weight = 0.5
"#;

    fn labels(e: &Engine, text: &str, context: &str) -> Vec<String> {
        e.run(text, context).0.into_iter().map(|l| l.0).collect()
    }

    #[test]
    fn distinct_pairs_need_two_different_words_that_do_not_overlap() {
        let (set, errs) = parse("t.toml", PAIRS);
        assert!(errs.is_empty(), "{errs:?}");
        let e = Engine::new(&set);
        // the same word twice: only the non-distinct rule fires
        assert_eq!(labels(&e, "合作与合作", ""), vec!["loose"]);
        // overlapping hits of two words (合作 / 作为) are one signal
        assert_eq!(labels(&e, "合作为", ""), vec!["loose"]);
        // two different words side by side
        let mut l = labels(&e, "合作交流", "");
        l.sort();
        assert_eq!(l, vec!["friendship", "loose"]);
    }

    #[test]
    fn short_quote_without_label_takes_its_sentence_labels() {
        let (set, errs) = parse("t.toml", PAIRS);
        assert!(errs.is_empty(), "{errs:?}");
        let e = Engine::new(&set);
        let (l, ev) = e.run("稳步推进", "双边贸易“稳步推进”");
        assert_eq!(l[0].0, "trade");
        assert_eq!(ev.iter().find(|x| &*x.label == "trade").map(|x| &*x.rule), Some("t.core@sentence"));
        // a longer quote does not borrow from its sentence
        assert!(labels(&e, "我们要稳步推进", "双边贸易“我们要稳步推进”").is_empty());
        // a short quote with its own label keeps it
        assert_eq!(labels(&e, "合作交流", "双边贸易“合作交流”").len(), 2);
        // only the sentence's best label is borrowed
        // (trade 1.5 beats loose 1.0)
        assert_eq!(labels(&e, "稳步推进", "双边贸易合作合作“稳步推进”"), vec!["trade"]);
    }

    #[test]
    fn a_clause_start_word_counts_only_where_a_clause_opens() {
        let rules = r#"
[[rule]]
id = "call.clause_modal"
label = "call"
any = ["要"]
clause_start = ["，", "也"]
not_within = ["要是"]
"#;
        let (set, errs) = parse("s.toml", rules);
        assert!(errs.is_empty(), "{errs:?}");
        let e = Engine::new(&set);
        assert_eq!(labels(&e, "要团结", ""), vec!["call"]);
        assert_eq!(labels(&e, "说到底，要团结", ""), vec!["call"]);
        assert_eq!(labels(&e, "大家也要团结", ""), vec!["call"]);
        // inside a clause (需要) or a false friend at its start (要是)
        assert!(labels(&e, "这需要团结", "").is_empty());
        assert!(labels(&e, "要是下雨", "").is_empty());
    }
}
