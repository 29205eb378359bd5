//! A speaker built from the parts of its phrase: a person, a source noun,
//! a title, a description, or places and organisations only.

use super::{Parser, Part, Speaker, SpeakerType};
use crate::lexicon::Role;
use crate::mentions::EntityKind;

impl Parser<'_> {
    pub(super) fn build(
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
}
