//! Lexicon mentions in a unit: cue verbs (leftmost-longest, so blockers such
//! as 小说 hide the 说 inside them) and entity mentions (people, titles,
//! source nouns, places, organisations, pronouns), all found with
//! Aho-Corasick automata built once per `Tagger`.

use crate::lexicon::{CueClass, Knowledge, Role};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

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
    /// First character.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// Index into `Knowledge::cues`.
    pub cue: usize,
}

/// The compiled automata.
#[derive(Debug, Clone)]
pub struct Matchers {
    cues: AhoCorasick,
    entities: AhoCorasick,
    entity_kinds: Vec<EntityKind>,
}

fn build(ac: &mut AhoCorasickBuilder, pats: &[String]) -> AhoCorasick {
    ac.build(pats).expect("lexicon patterns are plain strings")
}

impl Matchers {
    /// Builds the automata from the lexicons.
    pub fn new(k: &Knowledge) -> Matchers {
        let cue_pats: Vec<String> = k.cues.iter().map(|c| c.term.clone()).collect();
        let cues = build(AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest), &cue_pats);
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
        let entities = build(AhoCorasickBuilder::new().match_kind(MatchKind::Standard), &pats);
        Matchers { cues, entities, entity_kinds: kinds }
    }

    /// Cue hits in `text` (a unit's normalised text), blockers removed.
    pub fn cues(&self, k: &Knowledge, text: &str, b2c: &[usize]) -> Vec<CueHit> {
        self.cues
            .find_iter(text)
            .filter(|m| k.cues[m.pattern().as_usize()].class != CueClass::Block)
            .map(|m| CueHit { start: b2c[m.start()], end: b2c[m.end()], cue: m.pattern().as_usize() })
            .collect()
    }

    /// All entity mentions, indexed by start character: `(end, kind)`,
    /// longest first.
    pub fn entities(&self, text: &str, b2c: &[usize], n: usize) -> Vec<Vec<(usize, EntityKind)>> {
        let mut at: Vec<Vec<(usize, EntityKind)>> = vec![Vec::new(); n];
        for m in self.entities.find_overlapping_iter(text) {
            at[b2c[m.start()]].push((b2c[m.end()], self.entity_kinds[m.pattern().as_usize()]));
        }
        for v in &mut at {
            v.sort_by(|a, b| b.0.cmp(&a.0).then(rank(&a.1).cmp(&rank(&b.1))));
        }
        at
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

/// Byte offset → character index table for `text` (length `len + 1`).
pub fn byte_to_char(text: &str) -> Vec<usize> {
    let mut t = vec![0usize; text.len() + 1];
    let mut ci = 0;
    for (bi, ch) in text.char_indices() {
        for b in 0..ch.len_utf8() {
            t[bi + b] = ci;
        }
        ci += 1;
    }
    t[text.len()] = ci;
    t
}
