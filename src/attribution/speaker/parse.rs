//! The forward parse of a speaker phrase into parts (name, title, source
//! noun, affiliation, unknown run), handed to [`Parser::build`]: one
//! function per kind of part.

use super::{Parser, Part, Speaker, SpeakerType};
use crate::lexicon::Role;
use crate::mentions::EntityKind;

/// The longest unknown run a phrase may hold (characters).
const LONGEST_UNKNOWN_RUN: usize = 18;

/// The state of one forward parse.
struct Walk {
    /// The next character to read.
    p: usize,
    /// The parts read so far.
    parts: Vec<Part>,
    /// A pronoun opening the phrase: where it ends, a group's.
    pronoun: Option<(usize, bool)>,
    /// The quantifier opening the phrase.
    quant: Option<(usize, usize)>,
}

/// What the parse does after one part.
enum Step {
    /// Read on.
    Next,
    /// The phrase ends here.
    Done,
    /// No speaker phrase.
    Fail,
}

impl Parser<'_> {
    /// Parses a speaker phrase in `[s, lim)`, returning where it ends.
    pub fn parse_forward(&self, s: usize, lim: usize) -> Option<(Speaker, usize)> {
        if s >= lim {
            return None;
        }
        if self.norm[s] == '《' {
            return self.document(s, lim);
        }
        let quant = self.word_at(s, lim, Role::Quantifier).map(|l| (s, s + l));
        let body = quant.map_or(s, |q| q.1);
        if let Some(q) = quant {
            if let Some(found) = self.relative_description(s, q, lim) {
                return Some(found);
            }
        }
        let mut w = Walk { p: body, parts: Vec::new(), pronoun: None, quant };
        while w.p < lim {
            match self.step(&mut w, lim) {
                Step::Next => {}
                Step::Done => break,
                Step::Fail => return None,
            }
        }
        self.finish(s, body, w, lim)
    }

    /// 《document》: the document, or (《人民日报》记者李华) the publication
    /// a speaker right after it speaks for.
    fn document(&self, s: usize, lim: usize) -> Option<(Speaker, usize)> {
        let n = self.norm;
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
        Some((sp, close + 1))
    }

    /// Reads one part at `w.p`.
    fn step(&self, w: &mut Walk, lim: usize) -> Step {
        let last_is_title = matches!(w.parts.last(), Some(Part::Title(..)));
        if let Some(q) = self.modifiers_before_title(w.p, lim) {
            w.p = q;
            return Step::Next;
        }
        if let Some((e, kind)) = self.mention(w.p, lim) {
            return self.mention_part(w, e, kind, lim);
        }
        self.plain_part(w, last_is_title, lim)
    }

    /// 常务副市长: title modifiers before a title are read with the title;
    /// where the title starts.
    fn modifiers_before_title(&self, p: usize, lim: usize) -> Option<usize> {
        if self.mention(p, lim).is_some() {
            return None;
        }
        let mut q = p + self.word_at(p, lim, Role::TitleModifier)?;
        while let Some(m) = self.word_at(q, lim, Role::TitleModifier) {
            q += m;
        }
        matches!(self.mention(q, lim), Some((_, EntityKind::Title(_)))).then_some(q)
    }

    /// A lexicon mention `[w.p, e)` of `kind`.
    fn mention_part(&self, w: &mut Walk, e: usize, kind: EntityKind, lim: usize) -> Step {
        match kind {
            EntityKind::PronounPerson | EntityKind::PronounGroup => {
                self.pronoun_part(w, e, kind == EntityKind::PronounGroup)
            }
            EntityKind::Person(i) => self.person_part(w, e, i, lim),
            EntityKind::Title(pl) => self.title_part(w, e, pl, lim),
            EntityKind::Source(g) => self.source_part(w, e, g, lim),
            EntityKind::Place | EntityKind::Org => {
                // 中国的 … stops a phrase
                w.parts.push(Part::Affil(w.p, e));
                w.p = e;
                Step::Next
            }
        }
    }

    /// 他, 他们: a pronoun is the speaker when it opens the phrase.
    fn pronoun_part(&self, w: &mut Walk, e: usize, group: bool) -> Step {
        if w.parts.is_empty() && w.quant.is_none() {
            w.pronoun = Some((e, group));
            w.p = e;
        }
        Step::Done
    }

    /// A listed person, with the title right after the name.
    fn person_part(&self, w: &mut Walk, e: usize, i: usize, lim: usize) -> Step {
        let e = self.joined_rest(e, lim);
        w.parts.push(Part::Name(w.p, e, Some(i)));
        w.p = e;
        if let Some((te, pl)) = self.title_at(w.p, lim) {
            w.parts.push(Part::Title(w.p, te, pl));
            w.p = te;
        }
        Step::Done
    }

    /// Past the rest of a joined name after a listed form of it (科比 of
    /// 科比-布莱恩特): joiners and transliteration characters from `e`.
    fn joined_rest(&self, e: usize, lim: usize) -> usize {
        let n = self.norm;
        let mut q = e;
        while q + 1 < lim && super::names::is_name_dot(n[q]) && self.k.translit.contains(&n[q + 1]) {
            q += 1;
            while q < lim && self.k.translit.contains(&n[q]) {
                q += 1;
            }
        }
        q
    }

    /// A title, and the name right after it (a listed person, or a name
    /// no place, source noun or other title covers).
    fn title_part(&self, w: &mut Walk, e: usize, pl: bool, lim: usize) -> Step {
        // 天文学家们, 教授们: a plural suffix makes any title a group
        if e < lim && self.char_is(e, Role::PluralSuffix) {
            w.parts.push(Part::Title(w.p, e + 1, true));
            w.p = e + 1;
            return Step::Done;
        }
        w.parts.push(Part::Title(w.p, e, pl));
        // 俞大维先生纪念特展: a title of address follows a name and ends the
        // phrase; it never opens a name
        let honorific = self.word_at(w.p, e, Role::Honorific) == Some(e - w.p);
        w.p = e;
        let p = w.p;
        if honorific {
            return Step::Done;
        }
        if p >= lim {
            return Step::Next;
        }
        if let Some((pe, EntityKind::Person(i))) = self.mention(p, lim) {
            w.parts.push(Part::Name(p, pe, Some(i)));
            w.p = pe;
            return Step::Done;
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
                w.parts.push(Part::Name(p, p + l, None));
                w.p += l;
                return Step::Done;
            }
        }
        Step::Next
    }

    /// A source noun: a title before a name (农民孙二牛), a group with a
    /// plural suffix (司机们), or a source noun.
    fn source_part(&self, w: &mut Walk, e: usize, group: bool, lim: usize) -> Step {
        let ss = w.p;
        w.p = e;
        let p = e;
        // 农民孙二牛: a source noun used as a title before a name
        if p < lim && self.mention(p, lim).is_none() {
            if let Some(l) = self.name_like(p, lim, false).filter(|&l| self.boundary(p + l, lim)) {
                w.parts.push(Part::Title(ss, e, false));
                w.parts.push(Part::Name(p, p + l, None));
                return Step::Done;
            }
        }
        // 司机们: a plural suffix makes any source noun a group
        if p < lim && self.char_is(p, Role::PluralSuffix) {
            w.p += 1;
            w.parts.push(Part::Source(ss, w.p, true));
            return Step::Next;
        }
        w.parts.push(Part::Source(ss, e, group));
        Step::Next
    }

    /// A character no mention covers: a surname before a title, a
    /// conjunction, a bracket, a name, or one more of an unknown run.
    fn plain_part(&self, w: &mut Walk, last_is_title: bool, lim: usize) -> Step {
        let (p, c) = (w.p, self.norm[w.p]);
        if self.surname_title(w, lim) {
            return Step::Done;
        }
        if self.char_is(p, Role::Conjunction) && !w.parts.is_empty() && p + 1 < lim {
            w.parts.push(Part::Conn);
            w.p += 1;
            return Step::Next;
        }
        if matches!(c, '（' | '(') {
            return self.bracket_part(w, lim);
        }
        if !Self::is_han(c) && !c.is_ascii_alphanumeric() && c != '·' {
            return Step::Done;
        }
        if (w.parts.is_empty() || last_is_title) && self.name_part(w, last_is_title, lim) {
            return Step::Done;
        }
        if self.described_name(w, lim) {
            return Step::Done;
        }
        if last_is_title && !w.parts.is_empty() {
            // after a title, unknown text ends the phrase
            return Step::Done;
        }
        if self.modifier_or_adverb_at(p, lim) {
            return Step::Done;
        }
        self.unknown_char(w)
    }

    /// Does a modifier (在……时) or an adverb start at `q`?
    fn modifier_or_adverb_at(&self, q: usize, lim: usize) -> bool {
        self.word_at(q, lim, Role::ModifierStart).is_some() || self.word_at(q, lim, Role::Adverb).is_some()
    }

    /// 孙书记, 李主任: a surname and a title name a person (at the start,
    /// or after an affiliation or a run ending in an organisation's head
    /// noun: 村委会李主任).
    fn surname_title(&self, w: &mut Walk, lim: usize) -> bool {
        let p = w.p;
        let after_body = match w.parts.last() {
            None | Some(Part::Affil(..)) => true,
            Some(Part::Unknown(us, ue)) => *ue == p && self.ends_with_org_suffix(*us, *ue),
            _ => false,
        };
        if !after_body || !self.k.surnames.contains(&self.norm[p]) {
            return false;
        }
        let Some((te, _)) = self.title_at(p + 1, lim) else { return false };
        w.parts.push(Part::Name(p, te, None));
        w.parts.push(Part::Title(p + 1, te, false));
        true
    }

    /// A short bracket (（中国）) is read into the unknown run; an open one
    /// ends the phrase.
    fn bracket_part(&self, w: &mut Walk, lim: usize) -> Step {
        let p = w.p;
        match (p + 1..lim.min(p + 14)).find(|&q| matches!(self.norm[q], '）' | ')')) {
            Some(q) => {
                self.extend_unknown(&mut w.parts, p, q + 1);
                w.p = q + 1;
                Step::Next
            }
            None => Step::Done,
        }
    }

    /// An unlisted name opening the phrase or right after a title, ending
    /// it (with the title after it, if any).
    fn name_part(&self, w: &mut Walk, last_is_title: bool, lim: usize) -> bool {
        let p = w.p;
        let Some(l) = self.name_like(p, lim, last_is_title) else { return false };
        let next_title = self.title_at(p + l, lim);
        let ends =
            p + l >= lim || next_title.is_some() || self.modifier_or_adverb_at(p + l, lim) || last_is_title;
        if !ends {
            return false;
        }
        w.parts.push(Part::Name(p, p + l, None));
        w.p += l;
        if let Some((te, pl)) = next_title {
            w.parts.push(Part::Title(w.p, te, pl));
            w.p = te;
        }
        true
    }

    /// 种粮大户陈秀兰: an unknown run ending in a person noun is a title
    /// before the name after it.
    fn described_name(&self, w: &mut Walk, lim: usize) -> bool {
        let p = w.p;
        let Some(Part::Unknown(us, ue)) = w.parts.last().copied() else { return false };
        if self.word_before(us, ue, Role::PersonNounEnd).is_none() {
            return false;
        }
        let Some(l) = self.name_like(p, lim, false) else { return false };
        let q = p + l;
        if !(q >= lim || self.modifier_or_adverb_at(q, lim)) {
            return false;
        }
        w.parts.pop();
        w.parts.push(Part::Title(us, ue, false));
        w.parts.push(Part::Name(p, q, None));
        true
    }

    /// One more character of an unknown run; a run too long for a speaker
    /// phrase fails the parse.
    fn unknown_char(&self, w: &mut Walk) -> Step {
        self.extend_unknown(&mut w.parts, w.p, w.p + 1);
        w.p += 1;
        match w.parts.last() {
            Some(Part::Unknown(us, ue)) if ue - us > LONGEST_UNKNOWN_RUN => Step::Fail,
            _ => Step::Next,
        }
    }

    /// The speaker from the parts read: names listed with 等 (a group), a
    /// pronoun, or what [`Parser::build`] makes of the parts.
    fn finish(&self, s: usize, body: usize, mut w: Walk, lim: usize) -> Option<(Speaker, usize)> {
        let p = w.p;
        if let Some(Part::Name(..)) = w.parts.last() {
            if p < lim && self.char_is(p, Role::ListEnd) {
                let t = self.text(s, p + 1);
                let sp = Speaker::described(t, SpeakerType::Group, (s, p + 1));
                return Some((sp, p + 1));
            }
        }
        if let Some((e, group)) = w.pronoun {
            let t = self.text(s, e);
            let stype = if group { SpeakerType::Group } else { SpeakerType::Pronoun };
            return Some((Speaker::described(t, stype, (s, e)), e));
        }
        while matches!(w.parts.last(), Some(Part::Conn)) {
            w.parts.pop();
        }
        self.build(s, body, w.quant, &w.parts)
    }

    /// Adds `[s, e)` to the unknown run ending at `s`, or opens one.
    fn extend_unknown(&self, parts: &mut Vec<Part>, s: usize, e: usize) {
        if let Some(Part::Unknown(_, ue)) = parts.last_mut() {
            if *ue == s {
                *ue = e;
                return;
            }
        }
        parts.push(Part::Unknown(s, e));
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::parse;

    fn line(text: &str) -> (String, usize) {
        parse(text).expect("a speaker")
    }

    #[test]
    fn a_document_in_title_marks() {
        assert_eq!(line("《春耕通知》"), ("春耕通知 |  |  |  | document".to_string(), 6));
    }

    #[test]
    fn a_publication_before_a_reporter_is_the_affiliation() {
        assert_eq!(
            line("《山城晚报》记者李青"),
            ("李青 | 李青 | 记者 | 《山城晚报》 | person".to_string(), 10)
        );
    }

    #[test]
    fn a_pronoun_opening_the_phrase() {
        assert_eq!(line("他们"), ("他们 |  |  |  | group".to_string(), 2));
        assert_eq!(line("她"), ("她 |  |  |  | pronoun".to_string(), 1));
    }

    #[test]
    fn a_surname_and_a_title_name_a_person() {
        assert_eq!(line("孙书记"), ("孙书记 | 孙书记 | 书记 |  | person".to_string(), 3));
    }

    #[test]
    fn a_source_noun_before_a_name_is_its_title() {
        assert_eq!(line("农民孙二牛"), ("孙二牛 | 孙二牛 | 农民 |  | person".to_string(), 5));
    }

    #[test]
    fn a_plural_suffix_makes_a_source_noun_a_group() {
        assert_eq!(line("司机们"), ("司机们 |  |  |  | group".to_string(), 3));
    }

    #[test]
    fn names_listed_with_deng_are_a_group() {
        assert_eq!(line("局长王小明等"), ("局长王小明等 |  |  |  | group".to_string(), 6));
    }

    #[test]
    fn title_modifiers_are_read_with_the_title() {
        assert_eq!(line("副局长王小明"), ("王小明 | 王小明 | 副局长 |  | person".to_string(), 6));
    }

    #[test]
    fn a_long_unknown_run_is_no_speaker() {
        assert_eq!(parse("天气晴朗空气清新道路通畅游人如织景色宜人"), None);
    }

    #[test]
    fn a_title_with_a_plural_suffix_is_a_group() {
        assert_eq!(line("天文学家们").0, "天文学家们 |  | 天文学家们 |  | group");
    }
}
