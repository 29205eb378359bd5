//! Lexicon mentions in a unit: cue verbs (leftmost-longest, so blockers such
//! as 小说 hide the 说 inside them) and entity mentions (people, titles,
//! source nouns, places, organisations, pronouns), all found with
//! Aho-Corasick automata built once per `Tagger`.

pub use crate::text::offsets::{byte_to_char, ByteToChar};
use crate::lexicon::{CueClass, Knowledge, Role};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// What an entity mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    /// A person of the people lexicon (index into `Knowledge::people`).
    Person(usize),
    /// A title or role (plural flag).
    Title(bool),
    /// A source noun (group flag).
    Source(bool),
    /// A place.
    Place,
    /// An organisation.
    Org,
    /// 他, 她.
    PronounPerson,
    /// 他们, 大家.
    PronounGroup,
}

/// A cue found in a unit.
#[derive(Debug, Clone, Copy)]
pub struct CueHit {
    /// First character (first byte, as [`Matchers::cues`] returns it).
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// Index into `Knowledge::cues`.
    pub cue: usize,
}

impl CueHit {
    /// The hit with character offsets instead of byte offsets.
    pub fn to_chars(self, b2c: &ByteToChar) -> CueHit {
        CueHit { start: b2c.at(self.start), end: b2c.at(self.end), cue: self.cue }
    }
}

/// Entity mentions of one unit, indexed by start character: at each
/// position `(end, kind)` pairs, longest first (one flat array, no
/// allocation per position).
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    items: Vec<(usize, EntityKind)>,
    at: Vec<u32>,
}

impl Mentions {
    /// The mentions starting at `p` (empty past the end).
    pub fn get(&self, p: usize) -> Option<&[(usize, EntityKind)]> {
        let a = *self.at.get(p)? as usize;
        let b = *self.at.get(p + 1)? as usize;
        Some(&self.items[a..b])
    }

    /// Number of positions.
    #[cfg(feature = "internals")]
    pub fn len(&self) -> usize {
        self.at.len().saturating_sub(1)
    }

    /// No position at all?
    #[cfg(feature = "internals")]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `(position, mentions starting there)` for every position.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (usize, &[(usize, EntityKind)])> {
        self.at.windows(2).enumerate().map(|(i, w)| (i, &self.items[w[0] as usize..w[1] as usize]))
    }
}

/// The compiled automata. The cue automaton is small and read on every
/// paragraph, so it is a DFA (three times the scan speed of an NFA, built
/// in well under a millisecond). The entity automaton is a contiguous NFA:
/// as a DFA it scans a few per cent faster but takes three times as long to
/// build and twice the memory.
#[derive(Debug, Clone)]
pub struct Matchers {
    cues: AhoCorasick,
    /// Entities and function words in one automaton: patterns below
    /// `entity_kinds.len()` are entities, the rest function words.
    both: AhoCorasick,
    entity_kinds: Vec<EntityKind>,
    word_masks: Vec<RoleMask>,
    /// Role masks of one-character function words (了, 在, 他 …), by
    /// code point of the Basic Multilingual Plane: a table look-up per
    /// character instead of an automaton match per occurrence.
    single: Box<[RoleMask]>,
}

/// Function-word hits of one unit, indexed by start and by end, so a rule
/// asks "which words of role R start (or end) here" without hashing.
/// One-character words (most hits) are a role mask per position; longer
/// words are grouped by start and by end.
#[derive(Debug, Clone, Default)]
pub struct WordIndex {
    single: Vec<RoleMask>,
    by_start: Vec<(u32, u32, RoleMask)>,
    start_at: Vec<u32>,
    by_end: Vec<(u32, u32, RoleMask)>,
    end_at: Vec<u32>,
}

/// The roles of a function word, one bit per [`Role`].
pub type RoleMask = u64;

// every role has a bit in a mask
const _: () = assert!(Role::COUNT <= RoleMask::BITS as usize);

/// The bit of a role in a word mask.
pub fn role_bit(r: Role) -> RoleMask {
    1 << (r as u32)
}

impl WordIndex {
    /// Length of the longest word of `role` starting at `p` and ending by `lim`.
    pub fn at(&self, p: usize, lim: usize, role: Role) -> Option<usize> {
        let bit = role_bit(role);
        let (a, b) = match (self.start_at.get(p), self.start_at.get(p + 1)) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => return None,
        };
        let long = self.by_start[a..b]
            .iter()
            .filter(|&&(_, e, m)| m & bit != 0 && e as usize <= lim)
            .map(|&(s, e, _)| (e - s) as usize)
            .max();
        long.or_else(|| (p < lim && self.single.get(p).is_some_and(|m| m & bit != 0)).then_some(1))
    }

    /// Length of the longest word of `role` ending at `e` and starting at or after `lo`.
    pub fn before(&self, lo: usize, e: usize, role: Role) -> Option<usize> {
        let bit = role_bit(role);
        let (a, b) = match (self.end_at.get(e), self.end_at.get(e + 1)) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => return None,
        };
        let long = self.by_end[a..b]
            .iter()
            .filter(|&&(s, _, m)| m & bit != 0 && s as usize >= lo)
            .map(|&(s, e, _)| (e - s) as usize)
            .max();
        long.or_else(|| {
            (e > lo && e > 0 && self.single.get(e - 1).is_some_and(|m| m & bit != 0)).then_some(1)
        })
    }
}

/// Items grouped by a position key, as one array ordered by key and the
/// index of each position's first item (`at[p]..at[p + 1]`) for
/// `positions` positions. Items of one position keep their order (a
/// counting sort: linear, no comparisons).
fn csr<T: Copy>(items: Vec<T>, key: fn(&T) -> usize, positions: usize) -> (Vec<T>, Vec<u32>) {
    let mut at = vec![0u32; positions + 1];
    for h in &items {
        at[key(h) + 1] += 1;
    }
    for i in 1..at.len() {
        at[i] += at[i - 1];
    }
    let mut next = at.clone();
    let mut out = items.clone();
    for h in items {
        let k = key(&h);
        out[next[k] as usize] = h;
        next[k] += 1;
    }
    (out, at)
}

fn build(ac: &mut AhoCorasickBuilder, pats: &[String]) -> AhoCorasick {
    ac.build(pats).expect("lexicon patterns are plain strings")
}

impl Matchers {
    /// Builds the automata from the lexicons.
    pub fn new(k: &Knowledge) -> Matchers {
        let cue_pats: Vec<String> = k.cues.iter().map(|c| c.term.clone()).collect();
        let cues = build(
            AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).kind(Some(AhoCorasickKind::DFA)),
            &cue_pats,
        );
        let mut pats = Vec::new();
        let mut kinds = Vec::new();
        let mut add = |p: &str, kind: EntityKind| {
            pats.push(p.to_string());
            kinds.push(kind);
        };
        for (i, p) in k.people.iter().enumerate() {
            add(&p.name, EntityKind::Person(i));
            for a in &p.aliases {
                add(a, EntityKind::Person(i));
            }
        }
        for t in &k.titles {
            add(&t.term, EntityKind::Title(t.plural));
        }
        for (s, g) in &k.sources {
            add(s, EntityKind::Source(*g));
        }
        for p in &k.places {
            add(p, EntityKind::Place);
        }
        for o in &k.orgs {
            add(o, EntityKind::Org);
        }
        for w in k.role(Role::PronounPerson) {
            add(w, EntityKind::PronounPerson);
        }
        for w in k.role(Role::PronounGroup) {
            add(w, EntityKind::PronounGroup);
        }
        let mut wmap: std::collections::BTreeMap<&str, RoleMask> = std::collections::BTreeMap::new();
        for (role, set) in &k.words {
            for w in set {
                *wmap.entry(w.as_str()).or_default() |= role_bit(*role);
            }
        }
        let mut single: Box<[RoleMask]> = vec![0; 0x10000].into_boxed_slice();
        let mut word_masks = Vec::new();
        // words read only inside a parsed phrase (plural_affiliation: 国家,
        // 五国) are looked up there, not scanned for in every text
        let phrase_only = role_bit(Role::PluralAffiliation);
        for (w, mask) in wmap.iter().filter(|(w, m)| **m != phrase_only || w.chars().count() == 1) {
            let mut cs = w.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) if (c as usize) < single.len() => single[c as usize] |= mask,
                _ => {
                    pats.push(w.to_string());
                    word_masks.push(*mask);
                }
            }
        }
        let both = build(
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA)),
            &pats,
        );
        Matchers { cues, both, entity_kinds: kinds, word_masks, single }
    }

    /// Entity mentions and function words of `text` (a unit of `n`
    /// characters), from one scan.
    pub fn scan(&self, text: &str, b2c: &ByteToChar, n: usize) -> (Mentions, WordIndex) {
        let ne = self.entity_kinds.len();
        let mut ents: Vec<(usize, usize, EntityKind)> = Vec::new();
        let mut words: Vec<(u32, u32, RoleMask)> = Vec::new();
        for m in self.both.find_overlapping_iter(text) {
            let p = m.pattern().as_usize();
            let (s, e) = (b2c.at(m.start()), b2c.at(m.end()));
            if p < ne {
                ents.push((s, e, self.entity_kinds[p]));
            } else {
                words.push((s as u32, e as u32, self.word_masks[p - ne]));
            }
        }
        let single = text.chars().map(|c| self.single.get(c as usize).copied().unwrap_or(0)).collect();
        (Self::mentions(ents, n), Self::word_index(single, words, n))
    }

    fn word_index(single: Vec<RoleMask>, long: Vec<(u32, u32, RoleMask)>, n: usize) -> WordIndex {
        let (by_start, start_at) = csr(long.clone(), |h| h.0 as usize, n + 1);
        let (by_end, end_at) = csr(long, |h| h.1 as usize, n + 1);
        WordIndex { single, by_start, start_at, by_end, end_at }
    }

    /// Cue hits in `text` (a unit's normalised text), blockers removed,
    /// with byte offsets: a unit without any is skipped before its
    /// character offsets are worked out (see [`CueHit::to_chars`]).
    pub fn cues(&self, k: &Knowledge, text: &str) -> Vec<CueHit> {
        self.cues
            .find_iter(text)
            .filter(|m| k.cues[m.pattern().as_usize()].class != CueClass::Block)
            .map(|m| CueHit { start: m.start(), end: m.end(), cue: m.pattern().as_usize() })
            .collect()
    }

    /// All entity mentions of `text` (a unit of `n` characters).
    pub fn entities(&self, text: &str, b2c: &ByteToChar, n: usize) -> Mentions {
        self.scan(text, b2c, n).0
    }

    fn mentions(hits: Vec<(usize, usize, EntityKind)>, n: usize) -> Mentions {
        let (hits, at) = csr(hits, |h| h.0, n);
        let mut items: Vec<(usize, EntityKind)> = hits.into_iter().map(|(_, e, k)| (e, k)).collect();
        // at each start: longest first, then by kind (stable: ties keep scan order)
        for w in at.windows(2) {
            let run = &mut items[w[0] as usize..w[1] as usize];
            if run.len() > 1 {
                run.sort_by(|a, b| b.0.cmp(&a.0).then(rank(&a.1).cmp(&rank(&b.1))));
            }
        }
        Mentions { items, at }
    }
}

/// Preference among mentions of equal length.
fn rank(k: &EntityKind) -> u8 {
    match k {
        EntityKind::Person(_) => 0,
        EntityKind::Title(_) => 1,
        EntityKind::Source(_) => 2,
        EntityKind::Org => 3,
        EntityKind::Place => 4,
        EntityKind::PronounGroup => 5,
        EntityKind::PronounPerson => 6,
    }
}

