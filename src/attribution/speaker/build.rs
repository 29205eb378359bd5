//! A speaker built from the parts of its phrase: a person, a source noun,
//! a title, a description, or places and organisations only.

use super::{Parser, Part, Speaker, SpeakerType};
use crate::lexicon::Role;
use crate::mentions::EntityKind;

/// The parts of one phrase `[s, end)` and where its body starts (after
/// the quantifier `quant`, if any).
#[derive(Clone, Copy)]
struct Phrase<'p> {
    s: usize,
    body: usize,
    end: usize,
    quant: Option<(usize, usize)>,
    parts: &'p [Part],
}

/// A title part: start, end, usually collective.
type TitlePart = (usize, usize, bool);

/// Where the last part ends (`None` for a phrase ending in a conjunction).
fn phrase_end(parts: &[Part]) -> Option<usize> {
    match parts.last()? {
        Part::Name(_, e, _)
        | Part::Title(_, e, _)
        | Part::Source(_, e, _)
        | Part::Affil(_, e)
        | Part::Unknown(_, e) => Some(*e),
        Part::Conn => None,
    }
}

/// The last name part: start, end, person in the people lexicon.
fn last_name(parts: &[Part]) -> Option<(usize, usize, Option<usize>)> {
    parts.iter().rev().find_map(|p| match *p {
        Part::Name(a, b, i) => Some((a, b, i)),
        _ => None,
    })
}

/// The last title part.
fn last_title(parts: &[Part]) -> Option<TitlePart> {
    parts.iter().rev().find_map(|p| match *p {
        Part::Title(a, b, pl) => Some((a, b, pl)),
        _ => None,
    })
}

/// The last source noun part: start, end, a group.
fn last_source(parts: &[Part]) -> Option<(usize, usize, bool)> {
    parts.iter().rev().find_map(|p| match *p {
        Part::Source(a, b, g) => Some((a, b, g)),
        _ => None,
    })
}

/// A source described by a title or source noun: anonymous after a
/// quantifier for one (一位), a group when the noun is collective, the
/// affiliation plural or the quantifier a group's, anonymous otherwise.
fn described_type(quant: bool, group_quant: bool, group: bool, plural_aff: bool) -> SpeakerType {
    if quant && !group_quant {
        SpeakerType::Anonymous
    } else if group || plural_aff || group_quant {
        SpeakerType::Group
    } else {
        SpeakerType::Anonymous
    }
}

impl Parser<'_> {
    /// A speaker from the parts of the phrase opening at `s`, whose body
    /// (after the quantifier `quant`) opens at `body`, and where it ends.
    pub(super) fn build(
        &self,
        s: usize,
        body: usize,
        quant: Option<(usize, usize)>,
        parts: &[Part],
    ) -> Option<(Speaker, usize)> {
        let end = phrase_end(parts)?;
        let ph = Phrase { s, body, end, quant, parts };
        if !self.unknown_runs_fit(ph) {
            return None;
        }
        let title = last_title(parts);
        let sp = if let Some(name) = last_name(parts) {
            self.named_person(ph, name, title)
        } else if let Some(source) = last_source(parts) {
            self.source_speaker(ph, source, title)
        } else if let Some(t) = title {
            self.titled_speaker(ph, t)?
        } else {
            self.person_description_speaker(ph).or_else(|| self.places_orgs_speaker(ph))?
        };
        Some((sp, end))
    }

    /// 这位妇女, 几位老人: a short run `[us, ue)` ending in a person noun,
    /// after a quantifier or of two characters at least.
    fn is_person_description(&self, us: usize, ue: usize, quant: Option<(usize, usize)>) -> bool {
        ue - us <= 6
            && self.word_before(us, ue, Role::PersonNounEnd).is_some()
            && (quant.is_some() || ue - us >= 2)
    }

    /// Every unknown run is an organisation, stands before a title or
    /// source noun, or is a lone description ending in a person noun.
    fn unknown_runs_fit(&self, ph: Phrase) -> bool {
        ph.parts.iter().enumerate().all(|(i, part)| match *part {
            Part::Unknown(us, ue) => self.unknown_run_fits(ph, i, us, ue),
            _ => true,
        })
    }

    /// May the unknown run `[us, ue)`, part `i` of the phrase, stand there?
    fn unknown_run_fits(&self, ph: Phrase, i: usize, us: usize, ue: usize) -> bool {
        let parts = ph.parts;
        let next = parts.get(i + 1);
        let before_head = matches!(next, Some(Part::Title(..)) | Some(Part::Source(..)));
        let plain = ue - us <= 6 && i == 0 && !(us..ue).any(|q| self.char_is(q, Role::NotInName));
        let org = self.ends_with_org_suffix(us, ue)
            || (plain && before_head)
            || self.norm[us..ue].iter().any(|&c| matches!(c, '（' | '('))
            // T4game副总裁: a Latin-letter brand before a title
            || (before_head && self.norm[us].is_ascii_alphabetic())
            || matches!(next, Some(Part::Affil(..)))
            || matches!(parts.get(i.wrapping_sub(1)), Some(Part::Affil(..)) if i > 0);
        // 这位妇女, 几位老人: a lone description ending in a person noun
        let person_noun = parts.len() == 1 && self.is_person_description(us, ue, ph.quant);
        org || person_noun || (before_head && ue - us <= 2)
    }

    /// A title with the title modifiers before it (常务副市长): where it
    /// starts and its text.
    fn title_text(&self, body: usize, (a, b, _): TitlePart) -> (usize, String) {
        let mut a = a;
        while let Some(l) = self.word_before(body, a, Role::TitleModifier) {
            a -= l;
        }
        (a, self.text(a, b))
    }

    /// The affiliation written in `[a, b)`: what follows a byline's
    /// bracket, the last 、 and the last 的, without a trailing conjunction.
    fn affil_text(&self, a: usize, b: usize) -> String {
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
        if let Some(i) = t.rfind(|c| self.is_role_char(c, Role::Attributive)) {
            t = t[i + t[i..].chars().next().map_or(1, char::len_utf8)..].to_string();
        }
        self.without_trailing_conjunction(t)
    }

    /// A trailing conjunction (中国和) is dropped, not the end of a place
    /// (埃及); the lexicon is searched only when one is there.
    fn without_trailing_conjunction(&self, t: String) -> String {
        let conjunctions = self.k.role(Role::TrailingConjunction);
        let trailing =
            |t: &str| conjunctions.iter().find(|c| !c.is_empty() && t.ends_with(c.as_str())).map(String::len);
        if trailing(&t).is_none() || self.k.places.iter().chain(&self.k.orgs).any(|p| t.ends_with(p.as_str()))
        {
            return t;
        }
        let mut t = t;
        while let Some(l) = trailing(&t) {
            t.truncate(t.len() - l);
        }
        t
    }

    /// The affiliation in the body before `e` (empty when none is written).
    fn affil_before(&self, body: usize, e: usize) -> String {
        if e > body {
            self.affil_text(body, e)
        } else {
            String::new()
        }
    }

    /// Does the body `[body, end)` name several places or bodies (中国和,
    /// 各, 中亚五国), making its source a group?
    fn plural_affiliation(&self, body: usize, end: usize) -> bool {
        // its words are not in the function-word scan (see `Matchers::new`):
        // the phrase is short, so it is searched here
        let t: String = self.norm[body..end].iter().collect();
        self.k.role(Role::PluralAffiliation).iter().any(|w| t.contains(w.as_str()))
    }

    /// Is the quantifier of the phrase a group's (多位, 一些)?
    fn group_quant(&self, ph: Phrase) -> bool {
        ph.quant.is_some_and(|q| self.group_quantifier(q))
    }

    /// A named person, with the title and the affiliation before the name.
    fn named_person(
        &self,
        ph: Phrase,
        (ns, ne, person): (usize, usize, Option<usize>),
        title: Option<TitlePart>,
    ) -> Speaker {
        let (title_s, title_str) = match title {
            Some(t) => self.title_text(ph.body, t),
            None => (ns, String::new()),
        };
        let affiliation = self.affil_before(ph.body, title_s.min(ns));
        let written = self.text(ns, ne);
        let key = match person {
            Some(i) => self.k.people[i].name.clone(),
            None => written.clone(),
        };
        Speaker {
            text: written.clone(),
            name: written,
            title: title_str,
            affiliation,
            stype: SpeakerType::Person,
            key,
            span: (ph.s, ph.end),
            person,
        }
    }

    /// A source noun (专家, 报告): a document when it names a text, else
    /// an anonymous source or a group, titled when the noun is a title.
    fn source_speaker(
        &self,
        ph: Phrase,
        (ss, se, group): (usize, usize, bool),
        title: Option<TitlePart>,
    ) -> Speaker {
        let whole = self.text(ph.s, ph.end);
        let plural_aff = self.plural_affiliation(ph.body, ph.end);
        let group_quant = self.group_quant(ph);
        let title_str =
            title.filter(|t| t.1 == se).map(|t| self.title_text(ph.body, t).1).unwrap_or_else(|| {
                let noun = self.text(ss, se);
                if self.k.titles.iter().any(|t| t.term == noun) {
                    noun
                } else {
                    String::new()
                }
            });
        let affiliation = self.affil_before(ph.body, ss);
        // 报告指出, 该声明说: a text speaks
        let noun: String = self.norm[ss..se].iter().collect();
        if self.k.document_sources.contains(&noun) {
            return Speaker::described(whole, SpeakerType::Document, (ph.s, ph.end));
        }
        let stype = described_type(ph.quant.is_some(), group_quant, group, plural_aff);
        Speaker {
            text: whole.clone(),
            name: String::new(),
            title: title_str,
            affiliation,
            stype,
            key: whole,
            span: (ph.s, ph.end),
            person: None,
        }
    }

    /// A title with no name: a transliterated name before it, or else an
    /// anonymous source or group described by the title ending the phrase.
    fn titled_speaker(&self, ph: Phrase, t: TitlePart) -> Option<Speaker> {
        let whole = self.text(ph.s, ph.end);
        let plural_aff = self.plural_affiliation(ph.body, ph.end);
        let group_quant = self.group_quant(ph);
        let (ts, title_str) = self.title_text(ph.body, t);
        if let Some(x) = self.name_before_title(ph, t, ts) {
            let affiliation = self.affil_text(ph.body, x);
            return Some(Speaker::unlisted(self.text(x, ts), title_str, affiliation, (ph.s, ph.end)));
        }
        let affiliation = self.affil_before(ph.body, ts);
        let stype = described_type(ph.quant.is_some(), group_quant, t.2, plural_aff);
        if t.1 != ph.end {
            return None;
        }
        Some(Speaker {
            text: whole.clone(),
            name: String::new(),
            title: title_str,
            affiliation,
            stype,
            key: whole,
            span: (ph.s, ph.end),
            person: None,
        })
    }

    /// 舍里总裁, 泰国旅游局舍里总裁: where a transliterated name of 2–4
    /// characters (alone, or after an organisation) starts before the
    /// title `t` (with its modifiers from `ts`) that ends the phrase.
    fn name_before_title(&self, ph: Phrase, t: TitlePart, ts: usize) -> Option<usize> {
        let body = ph.body;
        let dot = super::names::is_name_dot;
        let translit_run = |x: usize| {
            let mut x = x;
            while x > body && ts - x < 5 && self.k.translit.contains(&self.norm[x - 1]) {
                x -= 1;
            }
            x
        };
        // 川·立派总理: a name joined by a dot, whatever its characters
        let dotted_run = || {
            let mut x = ts;
            while x > body && ts - x < 8 && (dot(self.norm[x - 1]) || Self::is_han(self.norm[x - 1])) {
                x -= 1;
            }
            while x < ts && !(x..ts).any(|q| dot(self.norm[q])) {
                x += 1;
            }
            // the dotted name starts after the last word before its first dot
            let first_dot = (x..ts).find(|&q| dot(self.norm[q]))?;
            let start = first_dot.saturating_sub(3).max(x).max(body);
            (!dot(self.norm[start]) && start < first_dot).then_some(start)
        };
        let x = match dotted_run() {
            Some(x) if !dot(self.norm[ts - 1]) => x,
            _ => translit_run(ts),
        };
        let dots = (x..ts).filter(|&q| dot(self.norm[q])).count();
        let fits = ph.quant.is_none()
            && t.1 == ph.end
            && (2..=4 + 3 * dots).contains(&(ts - x))
            && !dot(self.norm[ts - 1])
            && (x == body || self.ends_with_org_suffix(body, x))
            && !(x..ts)
                .any(|q| matches!(self.mention(q, ts), Some((_, EntityKind::Place | EntityKind::Org))));
        fits.then_some(x)
    }

    /// 这位妇女, 几位老人: a lone description ending in a person noun, a
    /// group when plural.
    fn person_description_speaker(&self, ph: Phrase) -> Option<Speaker> {
        let [Part::Unknown(us, ue)] = ph.parts else { return None };
        if !self.is_person_description(*us, *ue, ph.quant) {
            return None;
        }
        let stype = if self.char_is(*ue - 1, Role::PluralSuffix) || self.group_quant(ph) {
            SpeakerType::Group
        } else {
            SpeakerType::Anonymous
        };
        Some(Speaker::described(self.text(ph.s, ph.end), stype, (ph.s, ph.end)))
    }

    /// Places and organisations only, with no quantifier: a group, or a
    /// document when a newspaper, agency or broadcaster ends the phrase
    /// (美联社报道, 英国广播公司称: it speaks through what it publishes).
    fn places_orgs_speaker(&self, ph: Phrase) -> Option<Speaker> {
        let parts = ph.parts;
        if !parts.iter().all(|p| matches!(p, Part::Affil(..) | Part::Conn | Part::Unknown(..)))
            || ph.quant.is_some()
        {
            return None;
        }
        let media = matches!(parts.last(), Some(Part::Affil(a, b))
            if self.k.media.contains(&self.norm[*a..*b].iter().collect::<String>()));
        let stype = if media { SpeakerType::Document } else { SpeakerType::Group };
        Some(Speaker::described(self.text(ph.s, ph.end), stype, (ph.s, ph.end)))
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::parse;

    fn line(text: &str) -> String {
        let (l, end) = parse(text).expect("a speaker");
        assert_eq!(end, text.chars().count(), "{text}: the phrase ends early");
        l
    }

    #[test]
    fn a_title_and_a_name_make_a_person_with_its_affiliation() {
        // 教育局 is an organisation, 局长 a title
        assert_eq!(line("教育局局长王小明"), "王小明 | 王小明 | 局长 | 教育局 | person");
    }

    #[test]
    fn a_quantified_source_noun_is_anonymous() {
        // 专家 is a source noun and a title too
        assert_eq!(line("一位专家"), "一位专家 |  | 专家 |  | anonymous");
        assert_eq!(line("一些村民"), "一些村民 |  |  |  | group");
    }

    #[test]
    fn a_plural_affiliation_makes_a_group() {
        assert_eq!(line("中国和俄罗斯专家"), "中国和俄罗斯专家 |  | 专家 | 中国和俄罗斯 | group");
    }

    #[test]
    fn a_title_alone_is_anonymous() {
        assert_eq!(line("教育局局长"), "教育局局长 |  | 局长 | 教育局 | anonymous");
    }

    #[test]
    fn a_description_ending_in_a_person_noun() {
        assert_eq!(line("几位老人"), "几位老人 |  |  |  | group");
    }

    #[test]
    fn a_document_source_noun_makes_a_document() {
        assert_eq!(line("报告"), "报告 |  |  |  | document");
    }

    #[test]
    fn places_alone_are_a_group() {
        assert_eq!(line("中国和俄罗斯"), "中国和俄罗斯 |  |  |  | group");
    }

    #[test]
    fn a_transliterated_name_before_the_title_ending_the_phrase() {
        assert_eq!(line("卡洛斯总裁"), "卡洛斯 | 卡洛斯 | 总裁 |  | person");
    }

    #[test]
    fn a_news_agency_speaks_through_what_it_publishes() {
        assert_eq!(line("新华社"), "新华社 |  |  |  | document");
    }

    #[test]
    fn a_byline_in_brackets_is_no_affiliation() {
        assert_eq!(line("（记者李青）教育局局长王小明"), "王小明 | 王小明 | 局长 | 教育局 | person");
    }

    #[test]
    fn a_trailing_conjunction_is_dropped_but_not_a_place_ending() {
        use crate::attribution::testing::with_parser;
        assert_eq!(with_parser("教育局和", |p| p.affil_text(0, 4)), "教育局");
        assert_eq!(with_parser("埃及", |p| p.affil_text(0, 2)), "埃及");
        assert_eq!(with_parser("（记者李青）教育局的", |p| p.affil_text(0, 10)), "");
    }
}
