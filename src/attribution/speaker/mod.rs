//! Speaker noun phrases: 哈萨克斯坦总统托卡耶夫, 新疆霍尔果斯海关关长毛荣刚,
//! 一名地区观察家, 中国和中亚五国人士, 他. A small forward parser over lexicon
//! mentions and name-like runs, with the name, title and affiliation split.

use crate::lexicon::{Knowledge, Role};
use crate::mentions::{EntityKind, Mentions, WordIndex};
use serde::Serialize;

mod build;
mod names;
mod parse;
mod subject;

/// The longest stretch before a cue that can hold a speaker phrase and the
/// modifiers between it and the cue (characters).
pub const NP_WINDOW: usize = 80;

/// What kind of source a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerType {
    /// A named person.
    Person,
    /// Several people or a body: 各方, 中亚五国领导人.
    Group,
    /// An unnamed individual: 一名地区观察家, 知情人士.
    Anonymous,
    /// A document: 《阿斯塔纳宣言》.
    Document,
    /// A pronoun that could not be resolved.
    Pronoun,
    /// No source found.
    Unknown,
}

impl SpeakerType {
    /// Every type.
    pub const ALL: [SpeakerType; 6] = [
        SpeakerType::Person,
        SpeakerType::Group,
        SpeakerType::Anonymous,
        SpeakerType::Document,
        SpeakerType::Pronoun,
        SpeakerType::Unknown,
    ];

    /// The type spelled `s`.
    pub fn parse(s: &str) -> Option<SpeakerType> {
        SpeakerType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The CSV spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Person => "person",
            SpeakerType::Group => "group",
            SpeakerType::Anonymous => "anonymous",
            SpeakerType::Document => "document",
            SpeakerType::Pronoun => "pronoun",
            SpeakerType::Unknown => "unknown",
        }
    }
}

/// A speaker as found in one unit (positions are unit character indices).
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// The name for persons; the description as written otherwise.
    pub text: String,
    /// Person name as written (empty for non-persons).
    pub name: String,
    /// Title or role as written.
    pub title: String,
    /// Affiliation as written.
    pub affiliation: String,
    /// Type.
    pub stype: SpeakerType,
    /// Identity key: canonical name for persons, the text otherwise.
    pub key: String,
    /// The noun phrase in the unit.
    pub span: (usize, usize),
    /// Index of the person in the people lexicon, if known.
    pub person: Option<usize>,
}

impl Speaker {
    /// A person no lexicon lists, named `name` as written (the name is
    /// its identity), with a title and an affiliation as written.
    pub fn unlisted(name: String, title: String, affiliation: String, span: (usize, usize)) -> Speaker {
        Speaker {
            text: name.clone(),
            key: name.clone(),
            name,
            title,
            affiliation,
            stype: SpeakerType::Person,
            span,
            person: None,
        }
    }

    /// A source described rather than named (group, anonymous, document,
    /// pronoun): the description is its text and its identity.
    pub fn described(text: String, stype: SpeakerType, span: (usize, usize)) -> Speaker {
        Speaker {
            key: text.clone(),
            text,
            name: String::new(),
            title: String::new(),
            affiliation: String::new(),
            stype,
            span,
            person: None,
        }
    }
}

/// What the parser found in front of a cue.
#[derive(Debug, Clone)]
pub enum Np {
    /// A speaker, and where its phrase ends.
    Found(Speaker, usize),
    /// Nothing but adverbs and connectives: the subject is left out.
    Empty {
        /// The clause opened with 据 (a source is required and missing).
        report: bool,
        /// The clause opened with 正如 (a citation).
        citation: bool,
    },
    /// Something that is not a speaker.
    Invalid,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Name(usize, usize, Option<usize>),
    Title(usize, usize, bool),
    Source(usize, usize, bool),
    Affil(usize, usize),
    Unknown(usize, usize),
    Conn,
}

/// The parser; borrows the knowledge and one unit's text and mentions.
pub struct Parser<'a> {
    /// Knowledge.
    pub k: &'a Knowledge,
    /// Normalised unit text.
    pub norm: &'a [char],
    /// Original unit text.
    pub orig: &'a [char],
    /// Entity mentions by start.
    pub ents: &'a Mentions,
    /// Function words of the unit.
    pub words: &'a WordIndex,
}

impl<'a> Parser<'a> {
    /// Length of the longest word of `role` starting at `p` (not past `lim`).
    pub fn word_at(&self, p: usize, lim: usize, role: Role) -> Option<usize> {
        self.words.at(p, lim.min(self.norm.len()), role)
    }

    /// A word of `role` ending exactly at `e` (not before `lo`)?
    pub fn word_before(&self, lo: usize, e: usize, role: Role) -> Option<usize> {
        self.words.before(lo, e, role)
    }

    /// Is the one character at `q` a word of `role`?
    pub fn char_is(&self, q: usize, role: Role) -> bool {
        q < self.norm.len() && self.words.at(q, q + 1, role) == Some(1)
    }

    /// Is `c` a one-character word of `role` (for text read off the
    /// original, not through the unit's word index)?
    fn is_role_char(&self, c: char, role: Role) -> bool {
        self.k.role(role).contains(c.encode_utf8(&mut [0; 4]) as &str)
    }

    /// The original text of `[s, e)`.
    fn text(&self, s: usize, e: usize) -> String {
        self.orig[s..e].iter().collect()
    }

    fn mention(&self, p: usize, lim: usize) -> Option<(usize, EntityKind)> {
        self.ents.get(p)?.iter().find(|(e, _)| *e <= lim).copied()
    }

    fn title_at(&self, p: usize, lim: usize) -> Option<(usize, bool)> {
        self.ents.get(p)?.iter().find_map(|&(e, k)| match k {
            EntityKind::Title(pl) if e <= lim => Some((e, pl)),
            _ => None,
        })
    }

    fn is_han(c: char) -> bool {
        ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
    }

    /// Could a name end at `q`? (end of region, a title, a modifier, punctuation)
    fn boundary(&self, q: usize, lim: usize) -> bool {
        q >= lim
            || self.title_at(q, lim).is_some()
            || self.word_at(q, lim, Role::ModifierStart).is_some()
            || self.word_at(q, lim, Role::Adverb).is_some()
            || self.word_at(q, lim, Role::CueTail).is_some()
            || !Self::is_han(self.norm[q])
    }

    /// Does the quantifier at `[a, b)` make its source a group (多位, 一些)
    /// rather than one person (一位, 某)?
    fn group_quantifier(&self, (a, b): (usize, usize)) -> bool {
        self.word_at(a, b, Role::QuantifierOne) != Some(b - a)
    }

    /// Does `[s, e)` end with an organisation's head noun (会, 公司 …)?
    pub(crate) fn ends_with_org_suffix(&self, s: usize, e: usize) -> bool {
        (1..=4.min(e - s)).any(|l| self.k.org_suffixes.contains_chars(&self.norm[e - l..e]))
    }
}
