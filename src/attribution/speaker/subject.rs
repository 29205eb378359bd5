//! The subject in front of a cue: skipping openers and dates, the phrase
//! nearest the cue, a subject before its own predicate, and descriptions
//! with a relative clause.

use super::{Np, Parser, Speaker, SpeakerType, NP_WINDOW};
use crate::lexicon::Role;
use crate::mentions::EntityKind;
use crate::text::marks;

impl Parser<'_> {
    /// Length of a date or time opening at `p` (2025年6月18日, 26日,
    /// 十八日): numerals, each group closed by a date unit.
    pub(super) fn date_at(&self, p: usize, lim: usize) -> Option<usize> {
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
        // a clause far longer than any speaker phrase: only a phrase after
        // 是/的 close to the cue can be the speaker (keeps the work bounded)
        if cue - cs.min(cue) > NP_WINDOW {
            let starts = (cue - NP_WINDOW + 1..cue).filter(|&x| self.opens_after_copula(x));
            return self.phrase_reaching_cue(starts, cue).map_or(Np::Invalid, |(sp, end)| Np::Found(sp, end));
        }
        if let Some((sp, end)) = self.words_frame(cs, cue) {
            return Np::Found(sp, end);
        }
        let (s, report, citation) = self.skip_openers(cs, cue);
        if self.only_adverbs(s, cue) {
            return Np::Empty { report, citation };
        }
        let s = self.skip_leading_adverbs(s, cue);
        if let Some((sp, end)) = self.before_manner_word(s, cue) {
            return Np::Found(sp, end);
        }
        let starts = std::iter::once(s).chain((s + 1..cue).filter(|&x| self.opens_after_copula(x)));
        if let Some((sp, end)) = self.phrase_reaching_cue(starts, cue) {
            return Np::Found(sp, end);
        }
        match self.subject_before_predicate(s, cue) {
            Some((sp, end)) => Np::Found(sp, end),
            None => Np::Invalid,
        }
    }

    /// 用他的话说, 按王教授的话来说: a frame that gives whose words follow;
    /// the phrase inside it is the speaker.
    fn words_frame(&self, cs: usize, cue: usize) -> Option<(Speaker, usize)> {
        let mut s = cs;
        while s < cue && self.norm[s].is_whitespace() {
            s += 1;
        }
        let l = self.word_at(s, cue, Role::WordsFrameStart)?;
        let t = self.word_before(s + l, cue, Role::WordsFrameEnd)?;
        let (sp, end) = self.parse_forward(s + l, cue - t)?;
        (end == cue - t && sp.span.0 == s + l).then_some((sp, end))
    }

    /// Does a phrase open at `x`, right after 是 or 的?
    fn opens_after_copula(&self, x: usize) -> bool {
        self.char_is(x - 1, Role::Copula) || self.char_is(x - 1, Role::Attributive)
    }

    /// The first phrase opening at one of `starts` with only a modifier or
    /// an adverb ([`Parser::gap_ok`]) between it and the cue.
    fn phrase_reaching_cue(
        &self,
        starts: impl Iterator<Item = usize>,
        cue: usize,
    ) -> Option<(Speaker, usize)> {
        for st in starts {
            if let Some((sp, end)) = self.parse_forward(st, cue) {
                if self.gap_ok(end, cue) {
                    return Some((sp, end));
                }
                if let Some(found) = self.coordinated(&sp, end, cue) {
                    return Some(found);
                }
            }
        }
        None
    }

    /// 副台长赵化勇和总策划邹友开告诉记者: two named persons joined by a
    /// conjunction before the cue speak together, a group written as their
    /// names joined.
    fn coordinated(&self, first: &Speaker, end: usize, cue: usize) -> Option<(Speaker, usize)> {
        self.joined_persons(first, end, cue).filter(|&(_, end2)| self.gap_ok(end2, cue))
    }

    /// `first`, a named person ending at `end`, a conjunction and a second
    /// named person in `[end + 1, lim)`: the group written as the two names
    /// joined (赵化勇和邹友开), and where the second phrase ends.
    pub(crate) fn joined_persons(&self, first: &Speaker, end: usize, lim: usize) -> Option<(Speaker, usize)> {
        let named = |sp: &Speaker| sp.stype == SpeakerType::Person && !sp.name.is_empty();
        if end + 1 >= lim || !named(first) || !self.char_is(end, Role::Conjunction) {
            return None;
        }
        let (second, end2) = self.parse_forward(end + 1, lim)?;
        if !named(&second) || second.span.0 != end + 1 {
            return None;
        }
        let text = format!("{}{}{}", first.name, self.norm[end], second.name);
        let mut sp = Speaker::described(text, SpeakerType::Group, (first.span.0, end2));
        sp.affiliation.clone_from(&first.affiliation);
        Some((sp, end2))
    }

    /// Skips what opens a clause before its subject (spaces and dashes,
    /// 正如, 据, connectives, a date): where the subject may start, and
    /// whether 据 (`report`) or 正如 (`citation`) opened the clause.
    fn skip_openers(&self, cs: usize, cue: usize) -> (usize, bool, bool) {
        let n = self.norm;
        let (mut s, mut report, mut citation) = (cs, false, false);
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
                        // 20年前他就说: a word closing the time phrase goes with the date
                s += self.word_at(s, cue, Role::TimeSuffix).filter(|&t| s + t < cue).unwrap_or(0);
                continue;
            }
            return (s, report, citation);
        }
    }

    /// Is `[s, cue)` nothing but adverbs and connectives (the subject is
    /// left out)?
    fn only_adverbs(&self, s: usize, cue: usize) -> bool {
        let mut q = s;
        while q < cue {
            match self.word_at(q, cue, Role::Adverb).or_else(|| self.word_at(q, cue, Role::Connective)) {
                Some(l) => q += l,
                None => break,
            }
        }
        q >= cue
    }

    /// Leading adverbs (也有专家指出) are skipped unless they start a name
    /// or a longer title modifier (常务副市长): where the subject starts.
    fn skip_leading_adverbs(&self, s: usize, cue: usize) -> usize {
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
        s2
    }

    /// 这位妇女肯定地说: a manner word of 2–4 characters with 地 right
    /// before the cue ends the speaker phrase opening at `s` (the run would
    /// otherwise swallow it).
    fn before_manner_word(&self, s: usize, cue: usize) -> Option<(Speaker, usize)> {
        if cue < 2 || !self.char_is(cue - 1, Role::Adverbial) {
            return None;
        }
        for l in 2..=4 {
            let ms = cue - 1 - l.min(cue - 1);
            if ms <= s {
                break;
            }
            if let Some((sp, end)) = self.parse_forward(s, ms) {
                if end == ms {
                    return Some((sp, end));
                }
            }
        }
        None
    }

    /// The longest stretch of predicate between a clause's subject and its
    /// cue (田沛发得知病情后表示, 姑娘擦着汗说): characters.
    pub(super) const PREDICATE_GAP: usize = 16;

    /// The longest predicate after a described (not named) subject.
    pub(super) const SHORT_GAP: usize = 6;

    /// The subject of a clause whose cue comes after a predicate of its own:
    /// 田沛发得知病情后表示, 伊格尔森声音颤抖地……说, 博塔说. The subject opens
    /// the clause; the predicate between it and the cue names no other
    /// person and holds no pronoun, and does not continue the subject
    /// (谭量顺的妻子 is not 谭量顺).
    pub fn subject_before_predicate(&self, s: usize, cue: usize) -> Option<(Speaker, usize)> {
        if cue <= s + 1 {
            return None;
        }
        // 博塔说, 亚辛在……时指出: a two-character transliterated name
        if let Some(sp) = self.translit_pair(s, cue) {
            let end = sp.span.1;
            if cue - end <= Self::PREDICATE_GAP && self.predicate_gap_or_none(end, cue) {
                return Some((sp, end));
            }
        }
        let hi = cue.min(s + NP_WINDOW / 4);
        let lo = (s + 2).max(cue.saturating_sub(Self::PREDICATE_GAP));
        // where mentions starting in the clause end: a subject ends at one,
        // or a short name after one (or after the clause start) ends there
        let ends: Vec<usize> =
            (s..cue).flat_map(|q| self.ents.get(q).into_iter().flatten().map(|&(e, _)| e)).collect();
        let plausible = |x: usize| x - s <= 4 || ends.iter().any(|&e| e <= x && x - e <= 4);
        let mut best: Option<(Speaker, usize)> = None;
        for x in (lo..hi).rev() {
            // a longer gap holds what blocks this one (a name, punctuation)
            if !self.gap_clear(x, cue) {
                break;
            }
            // 韦德里纳: a transliterated name is read whole
            if !plausible(x) || !self.predicate_gap(x, x + 1) || self.orphan_translit(x, cue) {
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

    /// [`Parser::predicate_gap`], or no gap at all.
    fn predicate_gap_or_none(&self, a: usize, b: usize) -> bool {
        a >= b || self.predicate_gap(a, b)
    }

    /// A person, a pronoun, or a source noun or title ending the phrase
    /// (姑娘擦着汗说): a description read off a run of predicate
    /// (一个个搓着双手) is no subject.
    pub(super) fn subject_like(&self, sp: &Speaker, s: usize, x: usize, cue: usize) -> bool {
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

    /// Is `[a, b)` free of what no predicate holds (punctuation, a name, a
    /// pronoun, a title)? A longer stretch holding it is not free either.
    pub(super) fn gap_clear(&self, a: usize, b: usize) -> bool {
        let n = self.norm;
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

    /// May `[a, b)` be a predicate between a subject and its cue? It does
    /// not open with 的/之 (which would make it part of the subject), and
    /// names no person, pronoun or title.
    pub(super) fn predicate_gap(&self, a: usize, b: usize) -> bool {
        let n = self.norm;
        if self.char_is(a, Role::Nominalizer) || n[a] == '、' || !Self::is_han(n[a]) {
            return false;
        }
        self.gap_clear(a, b)
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
            || self.char_is(b - 1, Role::Adverbial)
            || (self.char_is(b - 1, Role::Attributive) && self.word_at(a, b, Role::ModifierStart).is_some())
    }

    /// The longest relative clause before a described source (characters).
    pub(super) const RELATIVE_CLAUSE: usize = 16;

    /// A described source with a relative clause after its quantifier:
    /// 一位不愿透露姓名的基金经理, 某建材商场的老总, 一位姓高的消费者. The
    /// whole description is the speaker; the noun after the last 的 is the
    /// title when it is one.
    pub(super) fn relative_description(
        &self,
        s: usize,
        quant: (usize, usize),
        lim: usize,
    ) -> Option<(Speaker, usize)> {
        let n = self.norm;
        // 有一位……: a quantifier after 有 opens the description
        let (s, quant) = match self.word_at(quant.1, lim, Role::Quantifier) {
            Some(l) => (quant.1, (quant.1, quant.1 + l)),
            None => (s, quant),
        };
        let body = quant.1;
        let reach = lim.min(body + Self::RELATIVE_CLAUSE);
        let de = (body..reach)
            .take_while(|&q| !marks::is_clause_punct(n[q]))
            .filter(|&q| self.char_is(q, Role::Attributive))
            .last()?;
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
    pub(super) fn introduced_name(
        &self,
        a: usize,
        de: usize,
        title: &str,
        span: (usize, usize),
    ) -> Option<Speaker> {
        let l = self.word_at(a, de, Role::NameIntro)?;
        let ns = a + l;
        if de - ns < 2 || de - ns > 8 || !(ns..de).all(|q| Self::is_han(self.norm[q]) || self.norm[q] == '·')
        {
            return None;
        }
        Some(Speaker::unlisted(self.text(ns, de), title.to_string(), String::new(), span))
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::{speaker_line, with_parser};
    use crate::attribution::speaker::Np;

    /// What [`super::Parser::before_cue`] finds before the last `cue` in `text`.
    fn before(text: &str, cue: &str) -> String {
        let at = text[..text.rfind(cue).expect("the cue")].chars().count();
        with_parser(text, |p| match p.before_cue(0, at) {
            Np::Found(sp, end) => format!("{} @{end}", speaker_line(&sp)),
            Np::Empty { report, citation } => format!("empty report={report} citation={citation}"),
            Np::Invalid => "invalid".to_string(),
        })
    }

    #[test]
    fn a_name_right_before_the_cue() {
        assert_eq!(before("王小明表示", "表示"), "王小明 | 王小明 |  |  | person @3");
    }

    #[test]
    fn a_modifier_may_stand_between_speaker_and_cue() {
        assert_eq!(before("王小明在会上表示", "表示"), "王小明 | 王小明 |  |  | person @3");
    }

    #[test]
    fn openers_and_a_date_are_skipped() {
        assert_eq!(before("同时，26日王小明表示", "表示"), "invalid");
        assert_eq!(before("26日王小明表示", "表示"), "王小明 | 王小明 |  |  | person @6");
    }

    #[test]
    fn a_time_phrase_opening_the_clause_is_skipped() {
        assert_eq!(before("20年前他就说", "说"), "他 |  |  |  | pronoun @5");
    }

    #[test]
    fn the_person_whose_words_a_frame_gives() {
        assert_eq!(before("用王小明的话说", "说"), "王小明 | 王小明 |  |  | person @4");
        assert_eq!(before("按他的话来说", "说"), "他 |  |  |  | pronoun @2");
    }

    #[test]
    fn two_persons_joined_speak_together() {
        assert_eq!(before("市长王小明和书记李大山一再表示", "表示"), "王小明和李大山 |  |  |  | group @11");
    }

    #[test]
    fn adverbs_alone_leave_the_subject_out() {
        assert_eq!(before("同时还表示", "表示"), "empty report=false citation=false");
        assert_eq!(before("据介绍", "介绍"), "empty report=true citation=false");
    }

    #[test]
    fn a_manner_word_with_de_ends_the_phrase() {
        assert_eq!(before("几位老人高兴地说", "说"), "几位老人 |  |  |  | group @4");
    }

    #[test]
    fn a_subject_before_its_own_predicate() {
        assert_eq!(before("王小明得知消息后表示", "表示"), "王小明 | 王小明 |  |  | person @3");
    }

    #[test]
    fn a_relative_clause_after_a_quantifier() {
        assert_eq!(
            before("一位不愿透露姓名的工程师说", "说"),
            "一位不愿透露姓名的工程师 |  | 工程师 |  | anonymous @12"
        );
    }

    #[test]
    fn a_relative_clause_that_gives_a_name() {
        assert_eq!(before("一位叫多吉的工程师说", "说"), "多吉 | 多吉 | 工程师 |  | person @9");
    }
}
