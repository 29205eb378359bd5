//! Names no lexicon lists: transliterated names, a surname and a given
//! name, a foreign name after a title, and a person's name opening a clause.

use super::{Parser, Speaker, SpeakerType};
use crate::lexicon::Role;
use crate::mentions::EntityKind;
use crate::text::marks;

/// A dot joining the parts of a foreign name (·, -).
pub(super) fn is_name_dot(c: char) -> bool {
    matches!(c, '·' | '•' | '・' | '‧' | '-' | '－')
}

impl Parser<'_> {
    /// A name that no lexicon lists, starting at `p`: a transliterated name
    /// (with or without ·) or a Chinese surname with one or two characters.
    pub fn name_like(&self, p: usize, lim: usize, after_title: bool) -> Option<usize> {
        if let Some(l) = self.transliterated_name(p, lim, after_title) {
            return Some(l);
        }
        // 常务副……: a title modifier is not a surname and a given name
        if self.word_at(p, lim, Role::TitleModifier).is_some_and(|l| l >= 2) {
            return None;
        }
        if self.familiar_name(p, lim) {
            return Some(2);
        }
        self.chinese_name(p, lim, after_title)
    }

    /// A run of transliteration characters (joined by dots) at `p`: of
    /// three characters ending at a boundary, or of two right after a title.
    fn transliterated_name(&self, p: usize, lim: usize, after_title: bool) -> Option<usize> {
        let n = self.norm;
        let mut q = p;
        while q < lim && (self.k.translit.contains(&n[q]) || (q > p && is_name_dot(n[q]) && q + 1 < lim)) {
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
        let fits = tl >= 2
            && !is_name_dot(n[q - 1])
            && ((tl >= 3 || after_title) && self.boundary(q, lim) || (after_title && tl >= 3));
        fits.then_some(tl)
    }

    /// 小刘, 老王: a familiar prefix and a surname at `p`.
    fn familiar_name(&self, p: usize, lim: usize) -> bool {
        p + 2 <= lim
            && self.char_is(p, Role::NamePrefix)
            && self.k.surnames.contains(&self.norm[p + 1])
            && self.boundary(p + 2, lim)
    }

    /// Length of the surname at `p`: a compound one (欧阳) or one character.
    fn surname_len(&self, p: usize, lim: usize) -> Option<usize> {
        let n = self.norm;
        let compound =
            (2..=4).rev().find(|&l| p + l <= lim && self.k.compound_surnames.contains_chars(&n[p..p + l]));
        compound.or_else(|| self.k.surnames.contains(&n[p]).then_some(1))
    }

    /// May the character at `q` be part of a given name?
    fn given_name_char(&self, q: usize, lim: usize) -> bool {
        q < lim
            && Self::is_han(self.norm[q])
            && self.word_at(q, lim, Role::ModifierStart).is_none()
            && self.word_at(q, lim, Role::CueTail).is_none()
            && !self.char_is(q, Role::NotInName)
    }

    /// A Chinese surname and a given name of one or two characters at
    /// `p`, the longer first, not a common word (商品), ending at a boundary
    /// (or, right after a title, of two given characters).
    fn chinese_name(&self, p: usize, lim: usize, after_title: bool) -> Option<usize> {
        let sl = self.surname_len(p, lim)?;
        let mut cands = Vec::new();
        if self.given_name_char(p + sl, lim) {
            if self.given_name_char(p + sl + 1, lim) {
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
    pub(super) fn name_after_title(&self, p: usize, lim: usize) -> Option<usize> {
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
    pub(super) fn foreign_after_title(&self, p: usize, lim: usize) -> Option<usize> {
        let n = self.norm;
        let mut q = p;
        while q < lim && (Self::is_han(n[q]) || is_name_dot(n[q])) {
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
        let dots = run.iter().filter(|&&c| is_name_dot(c)).count();
        let tl = run.iter().filter(|c| self.k.translit.contains(c)).count();
        if (dots > 0 && !is_name_dot(run[l - 1])) || (l >= 3 && tl * 10 >= (l - dots) * 6) {
            Some(l)
        } else {
            None
        }
    }

    /// An unlisted name read off before a predicate: a three-character
    /// Chinese name (surname and two) unless the unit writes its first two
    /// characters on their own elsewhere and never the three together.
    pub(super) fn name_fits(&self, sp: &Speaker, end: usize) -> bool {
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
        // 小刘, 老何: a familiar prefix before a common surname names a person
        let common = |c: &char| self.k.surname_rank.get(c).is_some_and(|&r| r <= Self::FAMILIAR_SURNAME_RANK);
        if name.len() == 2 && self.familiar_name(ns, end) && common(&name[1]) {
            return true;
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

    /// A person's name opening `[s, lim)` with its predicate right after
    /// it (史增海开会讲话……, 亚辛在谈到……时指出): a listed person, a title and
    /// a name, or an unlisted name read as in [`Parser::subject_before_predicate`].
    pub fn leading_person(&self, s: usize, lim: usize) -> Option<(Speaker, usize)> {
        let n = self.norm;
        let hi = lim.min(s + Self::LONGEST_LEADING_NAME + 1);
        for x in (s + 2..hi).rev() {
            if self.char_is(x, Role::Nominalizer) || n[x] == '、' || self.orphan_translit(x, lim) {
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
        self.translit_pair(s, lim).map(|sp| {
            let end = sp.span.1;
            (sp, end)
        })
    }

    /// Can a speaker's phrase open at `s`? Only with a mention (a title, an
    /// organisation or place, a source noun, a listed person, a pronoun), a
    /// surname, a familiar prefix (小刘), a title modifier, a
    /// transliteration character or a publication's 《: a cheap
    /// test before the parser is asked.
    pub fn could_open_person(&self, s: usize) -> bool {
        let n = self.norm;
        let Some(&c) = n.get(s) else { return false };
        self.ents.get(s).is_some_and(|v| !v.is_empty())
            || self.k.surnames.contains(&c)
            || self.k.compound_surnames.starts_with_char(c)
            || self.k.translit.contains(&c)
            || self.char_is(s, Role::NamePrefix)
            || self.word_at(s, n.len(), Role::TitleModifier).is_some()
            || c == '《'
    }

    /// Two transliteration characters opening a sentence and ending at
    /// `lim` or where a modifier, adverb or title starts (博塔说, 亚辛在……时
    /// 指出): a foreign name of two characters, which needs that much
    /// context to be told from a word.
    pub(super) fn translit_pair(&self, s: usize, lim: usize) -> Option<Speaker> {
        let n = self.norm;
        let opens_sentence = self.opens_sentence(s);
        let bare = |q: usize| self.ents.get(q).is_none_or(|v| v.is_empty());
        let fits = s + 2 <= lim
            && opens_sentence
            && bare(s)
            && bare(s + 1)
            && n[s..s + 2].iter().all(|c| self.k.translit.contains(c))
            && (s + 2 == lim || (!self.k.translit.contains(&n[s + 2]) && self.boundary(s + 2, lim)));
        if !fits {
            return None;
        }
        Some(Speaker::unlisted(self.text(s, s + 2), String::new(), String::new(), (s, s + 2)))
    }

    /// Does `s` open a sentence (the text's start, or after an end mark or a
    /// closing quote mark)?
    pub(super) fn opens_sentence(&self, s: usize) -> bool {
        let n = self.norm;
        s == 0 || marks::is_terminal(n[s - 1]) || marks::is_closer(n[s - 1])
    }

    /// Is an unlisted name read before a predicate more than a surname and
    /// two characters that happen to follow a comma or 的 (武器核, 边安慰)? It
    /// comes with a title, opens a sentence, is a foreign name of three
    /// transliteration characters or more, or is written again in the unit.
    pub(super) fn name_attested(&self, sp: &Speaker, s: usize) -> bool {
        let opens_sentence = self.opens_sentence(s);
        let name: Vec<char> = sp.name.chars().collect();
        let again = || self.written_elsewhere(&name, s) > 0;
        // 雷阿伦: three transliteration characters or more are a name
        let foreign = name.len() >= 3 && name.iter().all(|c| self.k.translit.contains(c));
        !sp.title.is_empty() || opens_sentence || foreign || again()
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
    pub(super) fn orphan_translit(&self, x: usize, lim: usize) -> bool {
        let n = self.norm;
        let t = |q: usize| self.k.translit.contains(&n[q]);
        x > 0
            && x < lim
            && t(x)
            && t(x - 1)
            && (x + 1 >= lim || !Self::is_han(n[x + 1]) || self.char_is(x + 1, Role::Attributive))
    }

    /// A name-shaped word at `i` ending by `lim`, read only where a pronoun
    /// has no other antecedent: a common surname and two given-name
    /// characters (黄世中) or a run of three to five transliteration
    /// characters (杰弗斯), no mention starting inside it and no common
    /// word (商品) at its start; its length.
    pub(crate) fn loose_name_at(&self, i: usize, lim: usize) -> Option<usize> {
        let n = self.norm;
        let bare = |q: usize| self.ents.get(q).is_none_or(|v| v.is_empty());
        let t = |q: usize| q < lim && self.k.translit.contains(&n[q]);
        let common = self.k.surname_rank.get(&n[i]).is_some_and(|&r| r <= Self::LOOSE_SURNAME_RANK);
        let given = |q: usize| self.given_name_char(q, lim) && self.k.given_name.contains(&n[q]);
        // 这位农学家: after a quantifier stands a noun, not a name
        if self.word_before(i.saturating_sub(3), i, Role::Quantifier).is_some() {
            return None;
        }
        if common && given(i + 1) && given(i + 2) && (i..i + 3).all(bare) {
            return self.word_at(i, lim, Role::NotName).is_none().then_some(3);
        }
        if i > 0 && t(i - 1) {
            return None;
        }
        let l = (i..lim.min(i + 6)).take_while(|&q| t(q)).count();
        ((3..=5).contains(&l) && (i..i + l).all(bare)).then_some(l)
    }

    /// A familiar name (小刘, 老何) read before a predicate needs a surname
    /// at least this common (rank in `surnames.tsv`): 老师, 老百姓 are words.
    const FAMILIAR_SURNAME_RANK: u32 = 100;

    /// A name read by [`Parser::loose_name_at`] needs a surname at least
    /// this common (rank in `surnames.tsv`).
    const LOOSE_SURNAME_RANK: u32 = 200;

    /// The longest name [`Parser::leading_person`] reads before a predicate,
    /// with its title (characters).
    pub(super) const LONGEST_LEADING_NAME: usize = 12;
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::{speaker_line, with_parser};

    /// [`super::Parser::name_like`] over the whole of `text`.
    fn name(text: &str, after_title: bool) -> Option<usize> {
        with_parser(text, |p| p.name_like(0, p.norm.len(), after_title))
    }

    #[test]
    fn a_surname_and_a_given_name() {
        assert_eq!(name("王小明", false), Some(3));
        assert_eq!(name("欧阳小明", false), Some(4));
    }

    #[test]
    fn a_loose_name_is_name_shaped() {
        let loose = |text: &str| with_parser(text, |p| p.loose_name_at(0, p.norm.len()));
        assert_eq!(loose("黄世中名列第一"), Some(3));
        assert_eq!(loose("杰弗斯，"), Some(3));
        assert_eq!(loose("商品"), None);
        let after_quantifier = with_parser("这位农学家", |p| p.loose_name_at(2, p.norm.len()));
        assert_eq!(after_quantifier, None);
    }

    #[test]
    fn a_familiar_prefix_and_a_surname() {
        assert_eq!(name("小刘", false), Some(2));
    }

    #[test]
    fn a_transliterated_name_with_a_dot() {
        assert_eq!(name("卡洛斯·桑塔纳", false), Some(7));
        // a dot at the end is no part of the name
        assert_eq!(name("卡洛斯·", false), Some(3));
    }

    #[test]
    fn two_transliteration_characters_only_after_a_title() {
        assert_eq!(name("卡洛", false), None);
        assert_eq!(name("卡洛", true), Some(2));
    }

    #[test]
    fn a_leading_person_before_a_predicate() {
        let got = with_parser("局长王小明刚到现场", |p| {
            p.leading_person(0, 9).map(|(sp, e)| (speaker_line(&sp), e))
        });
        assert_eq!(got, Some(("王小明 | 王小明 | 局长 |  | person".to_string(), 5)));
    }

    #[test]
    fn a_familiar_name_before_its_predicate() {
        let got = crate::attribution::testing::rows("“要想致富拜天拜地都没用，”老何点着头说。");
        assert_eq!(got, ["direct | 要想致富拜天拜地都没用， | 老何 | postposed"]);
        let got = crate::attribution::testing::rows("“我还巴不得能买到票呢。”小刘急于今年申请赴美留学。");
        assert_eq!(got, ["direct | 我还巴不得能买到票呢。 | 小刘 | adjacent_subject"]);
    }
}
