//! The forward parse of a speaker phrase into parts (name, title, source
//! noun, affiliation, unknown run), handed to [`Parser::build`].

use super::{Parser, Part, Speaker, SpeakerType};
use crate::lexicon::Role;
use crate::mentions::EntityKind;

impl Parser<'_> {
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

    pub(super) fn extend_unknown(&self, parts: &mut Vec<Part>, s: usize, e: usize) {
        if let Some(Part::Unknown(_, ue)) = parts.last_mut() {
            if *ue == s {
                *ue = e;
                return;
            }
        }
        parts.push(Part::Unknown(s, e));
    }
}
