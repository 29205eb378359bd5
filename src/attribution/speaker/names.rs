//! Names no lexicon lists: transliterated names, a surname and a given
//! name, a foreign name after a title, and a person's name opening a clause.

use super::{Parser, Speaker, SpeakerType};
use crate::lexicon::Role;
use crate::mentions::EntityKind;

impl Parser<'_> {
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
        let occurs =
            |w: &[char]| text.windows(w.len()).enumerate().filter(|(i, x)| *i != ns && *x == w).count();
        let translit = name.iter().all(|c| self.k.translit.contains(c));
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
            if matches!(n[x], '的' | '之' | '、')
                || (self.k.translit.contains(&n[x]) && self.k.translit.contains(&n[x - 1]))
            {
                continue;
            }
            let Some((sp, end)) = self.parse_forward(s, x) else { continue };
            if end == x
                && sp.span.0 == s
                && sp.stype == SpeakerType::Person
                && (sp.person.is_some() || self.name_fits(&sp, x))
            {
                return Some((sp, end));
            }
        }
        None
    }

    /// The longest name [`Parser::leading_person`] reads before a predicate,
    /// with its title (characters).
    pub(super) const LONGEST_LEADING_NAME: usize = 12;
}
