//! Speaker noun phrases: 哈萨克斯坦总统托卡耶夫, 新疆霍尔果斯海关关长毛荣刚,
//! 一名地区观察家, 中国和中亚五国人士, 他. A small forward parser over lexicon
//! mentions and name-like runs, with the name, title and affiliation split.

use crate::lexicon::{Knowledge, Role};
use crate::mentions::{EntityKind, Mentions, WordIndex};
use crate::text::marks;
use serde::Serialize;

/// The longest stretch before a cue that can hold a speaker phrase and the
/// modifiers between it and the cue (characters).
pub const NP_WINDOW: usize = 80;

/// What kind of source a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
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

    /// A name that no lexicon lists, starting at `p`: a transliterated name
    /// (with or without ·) or a Chinese surname with one or two characters.
    pub fn name_like(&self, p: usize, lim: usize, after_title: bool) -> Option<usize> {
        let n = self.norm;
        let dot = |c: char| matches!(c, '·' | '•' | '・' | '‧' | '-' | '－');
        // transliterated
        let mut q = p;
        while q < lim && (self.k.translit.contains(&n[q]) || (q > p && dot(n[q]) && q + 1 < lim)) {
            if q > p
                && (self.word_at(q, lim, Role::ModifierStart).is_some()
                    || self.word_at(q, lim, Role::Adverb).is_some())
                && !self.k.translit.contains(&n[q])
            {
                break;
            }
            q += 1;
        }
        let tl = q - p;
        if tl >= 2
            && !dot(n[q - 1])
            && ((tl >= 3 || after_title) && self.boundary(q, lim) || (after_title && tl >= 3))
        {
            return Some(tl);
        }
        // 常务副……: a title modifier is not a surname and a given name
        if self.word_at(p, lim, Role::TitleModifier).is_some_and(|l| l >= 2) {
            return None;
        }
        // 小刘, 老王: a familiar prefix and a surname
        if p + 2 <= lim
            && self.char_is(p, Role::NamePrefix)
            && self.k.surnames.contains(&n[p + 1])
            && self.boundary(p + 2, lim)
        {
            return Some(2);
        }
        // Chinese: surname + 1–2
        let compound =
            (2..=4).rev().find(|&l| p + l <= lim && self.k.compound_surnames.contains_chars(&n[p..p + l]));
        let sl = if let Some(l) = compound {
            l
        } else if self.k.surnames.contains(&n[p]) {
            1
        } else {
            return None;
        };
        let given_ok = |q: usize| {
            q < lim
                && Self::is_han(n[q])
                && self.word_at(q, lim, Role::ModifierStart).is_none()
                && self.word_at(q, lim, Role::CueTail).is_none()
                && !self.char_is(q, Role::NotInName)
        };
        let mut cands = Vec::new();
        if given_ok(p + sl) {
            if given_ok(p + sl + 1) {
                cands.push(sl + 2);
            }
            cands.push(sl + 1);
        }
        let not_name = |l: usize| {
            self.word_at(p, p + l, Role::NotName) == Some(l)
                || self.word_at(p, lim, Role::NotName).is_some_and(|w| w > l)
        };
        cands
            .into_iter()
            .filter(|&l| !not_name(l))
            .find(|&l| self.boundary(p + l, lim) || (after_title && l == sl + 2 && p + l <= lim))
    }

    /// The longest name candidate right after a title.
    fn name_after_title(&self, p: usize, lim: usize) -> Option<usize> {
        let a = self.name_like(p, lim, true);
        let b = self.foreign_after_title(p, lim);
        match (a, b) {
            (Some(x), Some(y)) => Some(x.max(y)),
            (x, y) => x.or(y),
        }
    }

    /// After a title, a foreign name whose characters are not all in the
    /// transliteration list: the run up to the cue or a modifier, 2–14
    /// characters, with a `·` or mostly transliteration characters.
    fn foreign_after_title(&self, p: usize, lim: usize) -> Option<usize> {
        let n = self.norm;
        let mut q = p;
        while q < lim && (Self::is_han(n[q]) || matches!(n[q], '·' | '•' | '・' | '‧' | '-' | '－')) {
            if q > p
                && (self.word_at(q, lim, Role::ModifierStart).is_some()
                    || self.word_at(q, lim, Role::Adverb).is_some())
            {
                break;
            }
            q += 1;
        }
        let l = q - p;
        if !(2..=14).contains(&l) || !self.boundary(q, lim) {
            return None;
        }
        let run = &n[p..q];
        let dots = run.iter().filter(|c| matches!(c, '·' | '•' | '・' | '‧' | '-' | '－')).count();
        let tl = run.iter().filter(|c| self.k.translit.contains(c)).count();
        if (dots > 0 && !matches!(run[l - 1], '·' | '•' | '・' | '‧' | '-' | '－'))
            || (l >= 3 && tl * 10 >= (l - dots) * 6)
        {
            Some(l)
        } else {
            None
        }
    }

    /// Parses a speaker phrase in `[s, lim)`, returning where it ends.
    #[allow(unused_assignments)]
    pub fn parse_forward(&self, s: usize, lim: usize) -> Option<(Speaker, usize)> {
        let n = self.norm;
        if s >= lim {
            return None;
        }
        // 《document》
        if n[s] == '《' {
            let close = (s + 1..lim.min(s + 40)).find(|&q| n[q] == '》')?;
            // 《剧本》杂志副主编周明, 《人民日报》记者李华: the title names the
            // publication the person speaks for
            if let Some((mut sp, end)) = self.parse_forward(close + 1, lim) {
                if sp.span.0 == close + 1 && sp.stype != SpeakerType::Document {
                    let publication = self.text(s, close + 1);
                    sp.affiliation = format!("{publication}{}", sp.affiliation);
                    sp.span.0 = s;
                    if sp.stype != SpeakerType::Person {
                        sp.text = self.text(s, sp.span.1);
                    }
                    return Some((sp, end));
                }
            }
            let name = self.text(s + 1, close);
            let sp = Speaker::described(name, SpeakerType::Document, (s, close + 1));
            return Some((sp, close + 1));
        }
        let mut p = s;
        let mut quant: Option<(usize, usize)> = None;
        if let Some(l) = self.word_at(p, lim, Role::Quantifier) {
            quant = Some((p, p + l));
            p += l;
        }
        let body_start = p;
        if let Some(q) = quant {
            if let Some(found) = self.relative_description(s, q, lim) {
                return Some(found);
            }
        }
        let mut parts: Vec<Part> = Vec::new();
        let mut pronoun: Option<(usize, bool)> = None;
        while p < lim {
            let last_is_title = matches!(parts.last(), Some(Part::Title(..)));
            // 常务副市长: modifiers before a title are read with the title
            if self.mention(p, lim).is_none() {
                if let Some(l) = self.word_at(p, lim, Role::TitleModifier) {
                    let mut q = p + l;
                    while let Some(m) = self.word_at(q, lim, Role::TitleModifier) {
                        q += m;
                    }
                    if matches!(self.mention(q, lim), Some((_, EntityKind::Title(_)))) {
                        p = q;
                        continue;
                    }
                }
            }
            if let Some((e, kind)) = self.mention(p, lim) {
                // a title right after a title-less unknown run may be a name's end
                match kind {
                    EntityKind::PronounPerson | EntityKind::PronounGroup => {
                        if parts.is_empty() && quant.is_none() {
                            pronoun = Some((e, kind == EntityKind::PronounGroup));
                            p = e;
                        }
                        break;
                    }
                    EntityKind::Person(i) => {
                        parts.push(Part::Name(p, e, Some(i)));
                        p = e;
                        if let Some((te, pl)) = self.title_at(p, lim) {
                            parts.push(Part::Title(p, te, pl));
                            p = te;
                        }
                        break;
                    }
                    EntityKind::Title(pl) => {
                        parts.push(Part::Title(p, e, pl));
                        p = e;
                        if p < lim {
                            if let Some((pe, EntityKind::Person(i))) = self.mention(p, lim) {
                                parts.push(Part::Name(p, pe, Some(i)));
                                p = pe;
                                break;
                            }
                            let blocking = self.mention(p, lim).is_some_and(|(me, mk)| {
                                matches!(mk, EntityKind::Title(_) | EntityKind::Person(_)) || {
                                    // a place or source noun wins unless a longer name covers it
                                    let l = self.name_after_title(p, lim).unwrap_or(0);
                                    p + l <= me
                                }
                            });
                            if !blocking {
                                if let Some(l) = self.name_after_title(p, lim) {
                                    parts.push(Part::Name(p, p + l, None));
                                    p += l;
                                    break;
                                }
                            }
                        }
                        continue;
                    }
                    EntityKind::Source(g) => {
                        let ss = p;
                        p = e;
                        // 农民孙二牛: a source noun used as a title before a name
                        if p < lim && self.mention(p, lim).is_none() {
                            if let Some(l) =
                                self.name_like(p, lim, false).filter(|&l| self.boundary(p + l, lim))
                            {
                                parts.push(Part::Title(ss, e, false));
                                parts.push(Part::Name(p, p + l, None));
                                break;
                            }
                        }
                        // 司机们: a plural suffix makes any source noun a group
                        if p < lim && self.char_is(p, Role::PluralSuffix) {
                            p += 1;
                            parts.push(Part::Source(ss, p, true));
                            continue;
                        }
                        parts.push(Part::Source(ss, e, g));
                        continue;
                    }
                    EntityKind::Place | EntityKind::Org => {
                        // 中国的 … stops a phrase
                        parts.push(Part::Affil(p, e));
                        p = e;
                        continue;
                    }
                }
            }
            let c = n[p];
            // 孙书记, 李主任: a surname and a title name a person
            if (parts.is_empty() || matches!(parts.last(), Some(Part::Affil(..))))
                && self.k.surnames.contains(&c)
            {
                if let Some((te, _)) = self.title_at(p + 1, lim) {
                    parts.push(Part::Name(p, te, None));
                    parts.push(Part::Title(p + 1, te, false));
                    break;
                }
            }
            if matches!(c, '、' | '和' | '与' | '及' | '暨' | '兼') && !parts.is_empty() && p + 1 < lim
            {
                parts.push(Part::Conn);
                p += 1;
                continue;
            }
            if matches!(c, '（' | '(') {
                if let Some(q) = (p + 1..lim.min(p + 14)).find(|&q| matches!(n[q], '）' | ')')) {
                    self.extend_unknown(&mut parts, p, q + 1);
                    p = q + 1;
                    continue;
                }
                break;
            }
            if !Self::is_han(c) && !c.is_ascii_alphanumeric() && c != '·' {
                break;
            }
            if parts.is_empty() || last_is_title {
                if let Some(l) = self.name_like(p, lim, last_is_title) {
                    let next_title = self.title_at(p + l, lim);
                    let ends = p + l >= lim
                        || next_title.is_some()
                        || self.word_at(p + l, lim, Role::ModifierStart).is_some()
                        || self.word_at(p + l, lim, Role::Adverb).is_some()
                        || last_is_title;
                    if ends {
                        parts.push(Part::Name(p, p + l, None));
                        p += l;
                        if let Some((te, pl)) = next_title {
                            parts.push(Part::Title(p, te, pl));
                            p = te;
                        }
                        break;
                    }
                }
            }
            // a description ending in a person noun, then a name: 种粮大户陈秀兰
            if let Some(Part::Unknown(us, ue)) = parts.last().copied() {
                if self.word_before(us, ue, Role::PersonNounEnd).is_some() {
                    if let Some(l) = self.name_like(p, lim, false) {
                        let q = p + l;
                        if q >= lim
                            || self.word_at(q, lim, Role::ModifierStart).is_some()
                            || self.word_at(q, lim, Role::Adverb).is_some()
                        {
                            parts.pop();
                            parts.push(Part::Title(us, ue, false));
                            parts.push(Part::Name(p, q, None));
                            break;
                        }
                    }
                }
            }
            if last_is_title && !parts.is_empty() {
                // after a title, unknown text ends the phrase
                break;
            }
            if self.word_at(p, lim, Role::ModifierStart).is_some()
                || self.word_at(p, lim, Role::Adverb).is_some()
            {
                break;
            }
            self.extend_unknown(&mut parts, p, p + 1);
            p += 1;
            if let Some(Part::Unknown(us, ue)) = parts.last() {
                if ue - us > 18 {
                    return None;
                }
            }
        }
        if let Some(Part::Name(..)) = parts.last() {
            if p < lim && self.norm[p] == '等' {
                let t = self.text(s, p + 1);
                let sp = Speaker::described(t, SpeakerType::Group, (s, p + 1));
                return Some((sp, p + 1));
            }
        }
        if let Some((e, group)) = pronoun {
            let t = self.text(s, e);
            let sp =
                Speaker::described(t, if group { SpeakerType::Group } else { SpeakerType::Pronoun }, (s, e));
            return Some((sp, e));
        }
        while matches!(parts.last(), Some(Part::Conn)) {
            parts.pop();
        }
        self.build(s, body_start, quant, &parts)
    }

    /// Does the quantifier at `[a, b)` make its source a group (多位, 一些)
    /// rather than one person (一位, 某)?
    fn group_quantifier(&self, (a, b): (usize, usize)) -> bool {
        self.word_at(a, b, Role::QuantifierOne) != Some(b - a)
    }

    /// The longest relative clause before a described source (characters).
    const RELATIVE_CLAUSE: usize = 16;

    /// A described source with a relative clause after its quantifier:
    /// 一位不愿透露姓名的基金经理, 某建材商场的老总, 一位姓高的消费者. The
    /// whole description is the speaker; the noun after the last 的 is the
    /// title when it is one.
    fn relative_description(&self, s: usize, quant: (usize, usize), lim: usize) -> Option<(Speaker, usize)> {
        let n = self.norm;
        // 有一位……: a quantifier after 有 opens the description
        let (s, quant) = match self.word_at(quant.1, lim, Role::Quantifier) {
            Some(l) => (quant.1, (quant.1, quant.1 + l)),
            None => (s, quant),
        };
        let body = quant.1;
        let reach = lim.min(body + Self::RELATIVE_CLAUSE);
        let de =
            (body..reach).take_while(|&q| !marks::is_clause_punct(n[q])).filter(|&q| n[q] == '的').last()?;
        // the clause speaks of no one else (该奖项由她的恩师……)
        let other = (body..de).any(|q| {
            self.ents.get(q).is_some_and(|v| {
                v.iter().any(|(_, k)| {
                    matches!(k, EntityKind::Person(_) | EntityKind::PronounPerson | EntityKind::PronounGroup)
                })
            })
        });
        let (inner, end) = self.parse_forward(de + 1, lim)?;
        if other || inner.span.0 != de + 1 || !inner.name.is_empty() || !inner.affiliation.is_empty() {
            return None;
        }
        let stype = match inner.stype {
            SpeakerType::Anonymous | SpeakerType::Group if self.group_quantifier(quant) => SpeakerType::Group,
            SpeakerType::Anonymous | SpeakerType::Group => SpeakerType::Anonymous,
            _ => return None,
        };
        if let Some(sp) = self.introduced_name(body, de, &inner.title, (s, end)) {
            return Some((sp, end));
        }
        let whole = self.text(s, end);
        let sp = Speaker {
            text: whole.clone(),
            name: String::new(),
            title: inner.title,
            affiliation: String::new(),
            stype,
            key: whole,
            span: (s, end),
            person: None,
        };
        Some((sp, end))
    }

    /// 一位叫扎西的老牧民: a relative clause `[a, de)` that gives a name makes
    /// the description a person of that name.
    fn introduced_name(&self, a: usize, de: usize, title: &str, span: (usize, usize)) -> Option<Speaker> {
        let l = self.word_at(a, de, Role::NameIntro)?;
        let ns = a + l;
        if de - ns < 2 || de - ns > 8 || !(ns..de).all(|q| Self::is_han(self.norm[q]) || self.norm[q] == '·')
        {
            return None;
        }
        let name = self.text(ns, de);
        Some(Speaker {
            text: name.clone(),
            name: name.clone(),
            title: title.to_string(),
            affiliation: String::new(),
            stype: SpeakerType::Person,
            key: name,
            span,
            person: None,
        })
    }

    fn extend_unknown(&self, parts: &mut Vec<Part>, s: usize, e: usize) {
        if let Some(Part::Unknown(_, ue)) = parts.last_mut() {
            if *ue == s {
                *ue = e;
                return;
            }
        }
        parts.push(Part::Unknown(s, e));
    }

    fn ends_with_org_suffix(&self, s: usize, e: usize) -> bool {
        (1..=4.min(e - s)).any(|l| self.k.org_suffixes.contains_chars(&self.norm[e - l..e]))
    }

    fn build(
        &self,
        s: usize,
        body: usize,
        quant: Option<(usize, usize)>,
        parts: &[Part],
    ) -> Option<(Speaker, usize)> {
        let end = match parts.last()? {
            Part::Name(_, e, _)
            | Part::Title(_, e, _)
            | Part::Source(_, e, _)
            | Part::Affil(_, e)
            | Part::Unknown(_, e) => *e,
            Part::Conn => return None,
        };
        // 这位妇女, 几位老人: a short run ending in a person noun, after a
        // quantifier or of two characters at least
        let person_description = |us: usize, ue: usize| {
            ue - us <= 6
                && self.word_before(us, ue, Role::PersonNounEnd).is_some()
                && (quant.is_some() || ue - us >= 2)
        };
        // an unknown run must be an organisation or stand before a title/source
        for (i, part) in parts.iter().enumerate() {
            if let Part::Unknown(us, ue) = *part {
                let next = parts.get(i + 1);
                let before_head = matches!(next, Some(Part::Title(..)) | Some(Part::Source(..)));
                let plain = ue - us <= 6 && i == 0 && !(us..ue).any(|q| self.char_is(q, Role::NotInName));
                let org = self.ends_with_org_suffix(us, ue)
                    || (plain && before_head)
                    || self.norm[us..ue].contains(&'（')
                    || matches!(next, Some(Part::Affil(..)))
                    || matches!(parts.get(i.wrapping_sub(1)), Some(Part::Affil(..)) if i > 0);
                // 这位妇女, 几位老人: a lone description ending in a person noun
                let person_noun = parts.len() == 1 && person_description(us, ue);
                let ok = org || person_noun || (before_head && ue - us <= 2);
                if !ok {
                    return None;
                }
                if next.is_none() {
                    // a bare organisation as speaker
                }
            }
        }
        let name = parts.iter().rev().find_map(|p| match *p {
            Part::Name(a, b, i) => Some((a, b, i)),
            _ => None,
        });
        let title = parts.iter().rev().find_map(|p| match *p {
            Part::Title(a, b, pl) => Some((a, b, pl)),
            _ => None,
        });
        let source = parts.iter().rev().find_map(|p| match *p {
            Part::Source(a, b, g) => Some((a, b, g)),
            _ => None,
        });
        let title_text = |(a, b, _): (usize, usize, bool)| {
            let mut a = a;
            while let Some(l) = self.word_before(body, a, Role::TitleModifier) {
                a -= l;
            }
            (a, self.text(a, b))
        };
        let affil_text = |a: usize, b: usize| {
            let mut t: String = self.text(a, b);
            // a bracket closed but not opened here, or holding a byline, ends
            // something before the phrase (……电（记者顾正龙）伊拉克外交部长)
            if let Some(i) = t.rfind(['）', ')']) {
                let inner = t[..i].rfind(['（', '(']).map(|j| &t[j..i]);
                let byline =
                    inner.is_none_or(|x| self.k.role(Role::Reporter).iter().any(|r| x.contains(r.as_str())));
                if byline {
                    t = t[i + t[i..].chars().next().map_or(1, char::len_utf8)..].to_string();
                }
            }
            if let Some(i) = t.rfind('、') {
                t = t[i + '、'.len_utf8()..].to_string();
            }
            if let Some(i) = t.rfind('的') {
                t = t[i + '的'.len_utf8()..].to_string();
            }
            // a trailing conjunction (中国和) is dropped, not the end of a
            // place (埃及); the lexicon is searched only when one is there
            let conjunctions = ['和', '与', '及'];
            if t.ends_with(conjunctions)
                && !self.k.places.iter().chain(&self.k.orgs).any(|p| t.ends_with(p.as_str()))
            {
                t.trim_end_matches(conjunctions).to_string()
            } else {
                t
            }
        };
        if let Some((ns, ne, person)) = name {
            let (title_s, title_str) = match title {
                Some(t) => {
                    let (a, s) = title_text(t);
                    (a, s)
                }
                None => (ns, String::new()),
            };
            let aff_end = title_s.min(ns);
            let affiliation = if aff_end > body { affil_text(body, aff_end) } else { String::new() };
            let written = self.text(ns, ne);
            let key = match person {
                Some(i) => self.k.people[i].name.clone(),
                None => written.clone(),
            };
            let sp = Speaker {
                text: written.clone(),
                name: written,
                title: title_str,
                affiliation,
                stype: SpeakerType::Person,
                key,
                span: (s, end),
                person,
            };
            return Some((sp, end));
        }
        let whole = self.text(s, end);
        let plural_aff = {
            let t: String = self.norm[body..end].iter().collect();
            t.contains('和')
                || t.contains('与')
                || t.contains('及')
                || t.contains('、')
                || t.contains('各')
                || t.contains("五国")
                || t.contains("六国")
                || t.contains("国家")
        };
        let group_quant = quant.is_some_and(|q| self.group_quantifier(q));
        if let Some((ss, se, group)) = source {
            let title_str = title.filter(|t| t.1 == se).map(|t| title_text(t).1).unwrap_or_else(|| {
                let noun = self.text(ss, se);
                if self.k.titles.iter().any(|t| t.term == noun) {
                    noun
                } else {
                    String::new()
                }
            });
            let affiliation = if ss > body { affil_text(body, ss) } else { String::new() };
            // 报告指出, 该声明说: a text speaks
            let noun: String = self.norm[ss..se].iter().collect();
            if self.k.document_sources.contains(&noun) {
                return Some((Speaker::described(whole, SpeakerType::Document, (s, end)), end));
            }
            let stype = if quant.is_some() && !group_quant {
                SpeakerType::Anonymous
            } else if group || plural_aff || group_quant {
                SpeakerType::Group
            } else {
                SpeakerType::Anonymous
            };
            let sp = Speaker {
                text: whole.clone(),
                name: String::new(),
                title: title_str,
                affiliation,
                stype,
                key: whole,
                span: (s, end),
                person: None,
            };
            return Some((sp, end));
        }
        if let Some(t) = title {
            let (ts, title_str) = title_text(t);
            // 舍里总裁, 泰国旅游局舍里总裁: a transliterated name (alone, or
            // after an organisation) before the title that ends the phrase
            let mut x = ts;
            while x > body && ts - x < 5 && self.k.translit.contains(&self.norm[x - 1]) {
                x -= 1;
            }
            if quant.is_none()
                && t.1 == end
                && (2..=4).contains(&(ts - x))
                && (x == body || self.ends_with_org_suffix(body, x))
                && !(x..ts)
                    .any(|q| matches!(self.mention(q, ts), Some((_, EntityKind::Place | EntityKind::Org))))
            {
                let name = self.text(x, ts);
                let sp = Speaker {
                    text: name.clone(),
                    name: name.clone(),
                    title: title_str,
                    affiliation: affil_text(body, x),
                    stype: SpeakerType::Person,
                    key: name,
                    span: (s, end),
                    person: None,
                };
                return Some((sp, end));
            }
            let affiliation = if ts > body { affil_text(body, ts) } else { String::new() };
            let stype = if quant.is_some() && !group_quant {
                SpeakerType::Anonymous
            } else if t.2 || plural_aff || group_quant {
                SpeakerType::Group
            } else {
                SpeakerType::Anonymous
            };
            if t.1 != end {
                return None;
            }
            let sp = Speaker {
                text: whole.clone(),
                name: String::new(),
                title: title_str,
                affiliation,
                stype,
                key: whole,
                span: (s, end),
                person: None,
            };
            return Some((sp, end));
        }
        // 这位妇女, 几位老人: a description ending in a person noun
        if let [Part::Unknown(us, ue)] = parts {
            if person_description(*us, *ue) {
                let t = self.norm[*us..*ue].iter().collect::<String>();
                let stype = if t.ends_with('们') || group_quant {
                    SpeakerType::Group
                } else {
                    SpeakerType::Anonymous
                };
                let sp = Speaker::described(whole, stype, (s, end));
                return Some((sp, end));
            }
        }
        // places / organisations only
        if parts.iter().all(|p| matches!(p, Part::Affil(..) | Part::Conn | Part::Unknown(..)))
            && quant.is_none()
        {
            // 美联社报道, 英国广播公司称: a newspaper, agency or broadcaster
            // speaks through what it publishes
            let media = matches!(parts.last(), Some(Part::Affil(a, b))
                if self.k.media.contains(&self.norm[*a..*b].iter().collect::<String>()));
            let stype = if media { SpeakerType::Document } else { SpeakerType::Group };
            let sp = Speaker::described(whole, stype, (s, end));
            return Some((sp, end));
        }
        None
    }

    /// Length of a date or time opening at `p` (2025年6月18日, 26日,
    /// 十八日): numerals, each group closed by a date unit.
    fn date_at(&self, p: usize, lim: usize) -> Option<usize> {
        let mut q = p;
        loop {
            let d0 = q;
            while q < lim && (self.norm[q].is_ascii_digit() || self.char_is(q, Role::Numeral)) {
                q += 1;
            }
            if q > d0 && q < lim && self.char_is(q, Role::DateUnit) {
                q += 1;
            } else {
                q = d0;
                break;
            }
        }
        (q > p && q < lim).then_some(q - p)
    }

    /// The speaker in front of a cue at `cue` whose clause starts at `cs`.
    pub fn before_cue(&self, cs: usize, cue: usize) -> Np {
        let n = self.norm;
        // a clause far longer than any speaker phrase: only a phrase after
        // 是/的 close to the cue can be the speaker (keeps the work bounded)
        if cue - cs.min(cue) > NP_WINDOW {
            let lo = cue - NP_WINDOW;
            for st in (lo + 1..cue).filter(|&x| matches!(n[x - 1], '是' | '的')) {
                if let Some((sp, end)) = self.parse_forward(st, cue) {
                    if self.gap_ok(end, cue) {
                        return Np::Found(sp, end);
                    }
                }
            }
            return Np::Invalid;
        }
        let mut s = cs;
        let mut report = false;
        let mut citation = false;
        loop {
            while s < cue && (n[s].is_whitespace() || matches!(n[s], '…' | '—' | '“' | '”')) {
                s += 1;
            }
            if let Some(l) = self.word_at(s, cue, Role::Citation) {
                citation = true;
                s += l;
                continue;
            }
            if let Some(l) = self.word_at(s, cue, Role::Report) {
                report = true;
                s += l;
                continue;
            }
            if let Some(l) = self.word_at(s, cue, Role::Connective) {
                // a connective that is also a name start (同…) only when more follows
                if s + l < cue {
                    s += l;
                    continue;
                }
            }
            if let Some(l) = self.date_at(s, cue) {
                s += l; // 26日崔永元……倡议: a date opening the clause is not the speaker
                continue;
            }
            break;
        }
        // only adverbs left?
        let mut q = s;
        while q < cue {
            if let Some(l) =
                self.word_at(q, cue, Role::Adverb).or_else(|| self.word_at(q, cue, Role::Connective))
            {
                q += l;
            } else {
                break;
            }
        }
        if q >= cue {
            return Np::Empty { report, citation };
        }
        // leading adverbs (也有专家指出): skip them unless they start a name
        let mut s2 = s;
        while let Some(l) = self.word_at(s2, cue, Role::Adverb) {
            if self.mention(s2, cue).is_some() {
                break;
            }
            // 常务副市长: an adverb (常) that opens a longer title modifier stays
            if self.word_at(s2, cue, Role::TitleModifier).is_some_and(|m| m > l) {
                break;
            }
            s2 += l;
        }
        let s = s2;
        // 这位妇女肯定地说: a manner word with 地 right before the cue ends
        // the speaker phrase (the run would otherwise swallow it)
        if cue >= 2 && n[cue - 1] == '地' {
            for l in 2..=4 {
                let ms = cue - 1 - l.min(cue - 1);
                if ms <= s {
                    break;
                }
                if let Some((sp, end)) = self.parse_forward(s, ms) {
                    if end == ms {
                        return Np::Found(sp, end);
                    }
                }
            }
        }
        let starts = std::iter::once(s).chain((s + 1..cue).filter(|&x| matches!(n[x - 1], '是' | '的')));
        for st in starts {
            if let Some((sp, end)) = self.parse_forward(st, cue) {
                if self.gap_ok(end, cue) {
                    return Np::Found(sp, end);
                }
            }
        }
        match self.subject_before_predicate(s, cue) {
            Some((sp, end)) => Np::Found(sp, end),
            None => Np::Invalid,
        }
    }

    /// The longest stretch of predicate between a clause's subject and its
    /// cue (田沛发得知病情后表示, 姑娘擦着汗说): characters.
    const PREDICATE_GAP: usize = 16;

    /// The longest predicate after a described (not named) subject.
    const SHORT_GAP: usize = 6;

    /// The subject of a clause whose cue comes after a predicate of its own:
    /// 田沛发得知病情后表示, 伊格尔森声音颤抖地……说, 博塔说. The subject opens
    /// the clause; the predicate between it and the cue names no other
    /// person and holds no pronoun, and does not continue the subject
    /// (谭量顺的妻子 is not 谭量顺).
    pub fn subject_before_predicate(&self, s: usize, cue: usize) -> Option<(Speaker, usize)> {
        let n = self.norm;
        if cue <= s + 1 {
            return None;
        }
        // 博塔说: two transliteration characters alone before the cue, at
        // the start of a sentence (not 高声倡议 after a comma)
        let opens_sentence = s == 0 || marks::is_terminal(n[s - 1]) || marks::is_closer(n[s - 1]);
        if cue == s + 2
            && opens_sentence
            && self.ents.get(s).is_none_or(|v| v.is_empty())
            && self.ents.get(s + 1).is_none_or(|v| v.is_empty())
            && n[s..cue].iter().all(|c| self.k.translit.contains(c))
        {
            let t = self.text(s, cue);
            let sp = Speaker {
                text: t.clone(),
                name: t.clone(),
                title: String::new(),
                affiliation: String::new(),
                stype: SpeakerType::Person,
                key: t,
                span: (s, cue),
                person: None,
            };
            return Some((sp, cue));
        }
        let hi = cue.min(s + NP_WINDOW / 4);
        let mut best: Option<(Speaker, usize)> = None;
        for x in (s + 2..hi).rev() {
            if cue - x > Self::PREDICATE_GAP || !self.predicate_gap(x, cue) {
                continue;
            }
            // 韦德里纳: a transliterated name is read whole
            if self.orphan_translit(x, cue) {
                continue;
            }
            let Some((sp, end)) = self.parse_forward(s, x) else { continue };
            if end != x || sp.span.0 != s || !self.subject_like(&sp, s, x, cue) {
                continue;
            }
            if sp.stype == SpeakerType::Person
                && sp.person.is_none()
                && sp.title.is_empty()
                && !(self.name_fits(&sp, x) && (cue - x <= 2 || self.name_attested(&sp, s)))
            {
                continue;
            }
            best = Some((sp, end));
            break;
        }
        best
    }

    /// A person's name opening `[s, lim)` with its predicate right after
    /// it (史增海开会讲话……, 亚辛在谈到……时指出): a listed person, a title and
    /// a name, or an unlisted name read as in [`Parser::subject_before_predicate`].
    pub fn leading_person(&self, s: usize, lim: usize) -> Option<(Speaker, usize)> {
        let n = self.norm;
        let hi = lim.min(s + Self::LONGEST_LEADING_NAME + 1);
        for x in (s + 2..hi).rev() {
            if matches!(n[x], '的' | '之' | '、') || self.orphan_translit(x, lim) {
                continue;
            }
            let Some((sp, end)) = self.parse_forward(s, x) else { continue };
            if end == x
                && sp.span.0 == s
                && sp.stype == SpeakerType::Person
                && (sp.person.is_some()
                    || !sp.title.is_empty()
                    || (self.name_fits(&sp, x) && self.name_attested(&sp, s)))
            {
                return Some((sp, end));
            }
        }
        None
    }

    /// Is an unlisted name read before a predicate more than a surname and
    /// two characters that happen to follow a comma or 的 (武器核, 边安慰)? It
    /// comes with a title, opens a sentence, or is written again in the unit.
    fn name_attested(&self, sp: &Speaker, s: usize) -> bool {
        let n = self.norm;
        let opens_sentence = s == 0 || marks::is_terminal(n[s - 1]) || marks::is_closer(n[s - 1]);
        let name: Vec<char> = sp.name.chars().collect();
        let again = || self.written_elsewhere(&name, s) > 0;
        !sp.title.is_empty() || opens_sentence || again()
    }

    /// How far either side of a name its other writings are looked for
    /// (characters): keeps the search linear in a run-on text.
    const NAME_EVIDENCE: usize = 400;

    /// How often `w` is written near `at` other than at `at` itself.
    fn written_elsewhere(&self, w: &[char], at: usize) -> usize {
        let n = self.norm;
        let lo = at.saturating_sub(Self::NAME_EVIDENCE);
        let hi = n.len().min(at + w.len() + Self::NAME_EVIDENCE);
        n[lo..hi].windows(w.len()).enumerate().filter(|(i, x)| lo + i != at && *x == w).count()
    }

    /// Would a name ending at `x` leave one transliteration character of it
    /// behind, right before 的, punctuation or `lim` (韦德里|纳的讲话)?
    fn orphan_translit(&self, x: usize, lim: usize) -> bool {
        let n = self.norm;
        let t = |q: usize| self.k.translit.contains(&n[q]);
        x > 0 && x < lim && t(x) && t(x - 1) && (x + 1 >= lim || !Self::is_han(n[x + 1]) || n[x + 1] == '的')
    }

    /// The longest name [`Parser::leading_person`] reads before a predicate,
    /// with its title (characters).
    const LONGEST_LEADING_NAME: usize = 12;

    /// A person, a pronoun, or a source noun or title ending the phrase
    /// (姑娘擦着汗说): a description read off a run of predicate
    /// (一个个搓着双手) is no subject.
    fn subject_like(&self, sp: &Speaker, s: usize, x: usize, cue: usize) -> bool {
        match sp.stype {
            SpeakerType::Person | SpeakerType::Pronoun => true,
            // a short predicate only: 六国签署……合作倡议 makes the cue an object
            // 团中央书记处表示: one character after a title may end a noun
            SpeakerType::Anonymous | SpeakerType::Group => {
                (2..=Self::SHORT_GAP).contains(&(cue - x))
                    && (s..x).any(|q| {
                        self.ents.get(q).is_some_and(|v| {
                            v.iter().any(|&(e, k)| {
                                e == x && matches!(k, EntityKind::Source(_) | EntityKind::Title(_))
                            })
                        })
                    })
            }
            _ => false,
        }
    }

    /// May `[a, b)` be a predicate between a subject and its cue? It does
    /// not open with 的/之 (which would make it part of the subject), and
    /// names no person, pronoun or title.
    fn predicate_gap(&self, a: usize, b: usize) -> bool {
        let n = self.norm;
        if matches!(n[a], '的' | '之' | '、') || !Self::is_han(n[a]) {
            return false;
        }
        !(a..b).any(|q| {
            marks::is_clause_punct(n[q])
                || self.ents.get(q).is_some_and(|v| {
                    v.iter().any(|(_, k)| {
                        matches!(
                            k,
                            EntityKind::Person(_)
                                | EntityKind::PronounPerson
                                | EntityKind::PronounGroup
                                | EntityKind::Title(_)
                        )
                    })
                })
        })
    }

    /// An unlisted name read off before a predicate: a three-character
    /// Chinese name (surname and two) unless the unit writes its first two
    /// characters on their own elsewhere and never the three together.
    fn name_fits(&self, sp: &Speaker, end: usize) -> bool {
        let name: Vec<char> = sp.name.chars().collect();
        let ns = end - name.len();
        if name.len() < 2 || ns + name.len() != end {
            return false;
        }
        let text = self.norm;
        // 连他自己: a pronoun is no part of a name
        if (ns..end).any(|q| {
            self.ents.get(q).is_some_and(|v| {
                v.iter().any(|(_, k)| matches!(k, EntityKind::PronounPerson | EntityKind::PronounGroup))
            })
        }) {
            return false;
        }
        let occurs = |w: &[char]| self.written_elsewhere(w, ns);
        let translit = name.iter().all(|c| self.k.translit.contains(c));
        // 华人重视, 武器核查: a surname and a common word are no name
        let surname = (1..name.len()).rev().find(|&l| {
            self.k.surnames.contains(&name[0]) && l == 1
                || self.k.compound_surnames.contains_chars(&name[..l])
        });
        let given_ok = surname.is_some_and(|l| name[l..].iter().all(|c| self.k.given_name.contains(c)));
        if !translit && !given_ok {
            return false;
        }
        match name.len() {
            // 谭量 of 谭量顺: a two-character name only when the unit writes it
            // again, and not always with the same character after it
            2 if !translit => {
                let again = occurs(&text[ns..end]);
                let with_next = end < text.len() && occurs(&text[ns..end + 1]) > 0;
                again > 0 && !with_next
            }
            3 => {
                let shorter = occurs(&text[ns..ns + 2]);
                let whole = occurs(&text[ns..ns + 3]);
                !(shorter > 0 && whole == 0)
            }
            _ => true,
        }
    }

    /// Is `[a, b)` something that may stand between a speaker and a cue?
    pub fn gap_ok(&self, a: usize, b: usize) -> bool {
        if a >= b {
            return true;
        }
        if b - a > 40 {
            return false;
        }
        let n = self.norm;
        if n[a..b].iter().any(|&c| marks::is_clause_punct(c)) {
            return false;
        }
        n[a].is_ascii_digit()
            || self.word_at(a, b, Role::ModifierStart).is_some()
            || self.word_at(a, b, Role::Adverb).is_some()
            || self.word_at(a, b, Role::Addressee).is_some()
            || n[b - 1] == '地'
            || (n[b - 1] == '的' && self.word_at(a, b, Role::ModifierStart).is_some())
    }
}
