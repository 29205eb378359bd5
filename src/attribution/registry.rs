//! The persons quoted in one article, across its units: coreference of
//! full names and their short forms (贝里克·阿布德哈利乌勒 and
//! 阿布德哈利乌勒, 科比-布莱恩特 and 科比), of a surname with a title or an
//! honorific and the person of that surname quoted before (王明 … 王副经理),
//! and the title and affiliation a person keeps from one quote to the next.

use crate::lexicon::Knowledge;
use std::collections::HashMap;

/// Characters that join the parts of a transliterated name (·, -, ＝ …).
fn is_joiner(c: char) -> bool {
    matches!(c, '·' | '•' | '・' | '‧' | '-' | '－' | '＝' | '=')
}

/// The short forms of a joined name: what stands before or after each
/// joiner (科比 and 布莱恩特 of 科比-布莱恩特; B·C and C of A·B·C); none
/// for a name without one.
fn parts(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, c) in name.char_indices().filter(|&(_, c)| is_joiner(c)) {
        out.push(&name[..i]);
        out.push(&name[i + c.len_utf8()..]);
    }
    out.retain(|p| !p.is_empty());
    out
}

/// How a person speaker of one row reads in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The name to print: the full form when the row wrote a short one.
    pub name: String,
    /// The identity key (`speaker_id`).
    pub key: String,
}

/// The article's persons; one per article, filled in reading order.
#[derive(Default)]
pub struct Registry {
    /// The names registered, in order.
    names: Vec<String>,
    /// Title and affiliation carried for each key.
    info: HashMap<String, (String, String)>,
    /// Each name, with its index in `names`.
    exact: HashMap<String, usize>,
    /// Each part of a joined name, with the index of the first name it is part of.
    part_of: HashMap<String, usize>,
}

impl Registry {
    /// The identity of a person keyed `key` (the canonical name of a listed
    /// person, else the name as written): the first name registered that
    /// equals it, that it is a part of, or that is a part of it; else
    /// `key`, registered.
    pub fn key(&mut self, key: &str) -> String {
        let found = [self.exact.get(key), self.part_of.get(key)]
            .into_iter()
            .chain(parts(key).into_iter().map(|p| self.exact.get(p)))
            .flatten()
            .min()
            .copied();
        if let Some(i) = found {
            return self.names[i].clone();
        }
        let i = self.names.len();
        self.names.push(key.to_string());
        self.exact.entry(key.to_string()).or_insert(i);
        for p in parts(key) {
            self.part_of.entry(p.to_string()).or_insert(i);
        }
        key.to_string()
    }

    /// A person row's name and key: a short form written after its full
    /// form (科比 after 科比-布莱恩特) prints the full form; a surname with a
    /// title or honorific (`title` ends the name: 王副经理, 张小姐) stands
    /// for the last person of that surname quoted before.
    pub fn person(&mut self, k: &Knowledge, written: &str, key: &str, title: &str) -> Resolved {
        if let Some(full) = self.by_surname(k, written, title) {
            return Resolved { name: full.clone(), key: full };
        }
        let id = self.key(key);
        let short_form = id != written && parts(&id).contains(&written);
        Resolved { name: if short_form { id.clone() } else { written.to_string() }, key: id }
    }

    /// The last registered person whose name opens with the surname that,
    /// with `title`, makes up `written` (王 of 王副经理).
    fn by_surname(&self, k: &Knowledge, written: &str, title: &str) -> Option<String> {
        let surname = written.strip_suffix(title).filter(|_| !title.is_empty())?;
        let chars: Vec<char> = surname.chars().collect();
        let is_surname = match chars[..] {
            [c] => k.surnames.contains(&c),
            [_, _] => k.compound_surnames.contains_chars(&chars),
            _ => false,
        };
        if !is_surname {
            return None;
        }
        // of that surname, named in full, and not known by another title
        // (馆长李象益 is not the 李教授 of the same article)
        let fits = |n: &String| {
            n.starts_with(surname)
                && n.chars().count() > chars.len()
                && !n.ends_with(title)
                && self.info.get(n).is_none_or(|(t, _)| t.is_empty() || t.contains(title))
        };
        self.names.iter().rev().find(|n| fits(n)).cloned()
    }

    /// Carries title and affiliation for `key`: an empty one is filled from
    /// earlier rows, and the first one written is kept.
    pub fn carry(&mut self, key: &str, title: &mut String, affiliation: &mut String) {
        let e = self.info.entry(key.to_string()).or_default();
        if title.is_empty() {
            title.clone_from(&e.0);
        } else if e.0.is_empty() {
            e.0.clone_from(title);
        }
        if affiliation.is_empty() {
            affiliation.clone_from(&e.1);
        } else if e.1.is_empty() {
            e.1.clone_from(affiliation);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Registry, Resolved};
    use crate::lexicon::{Knowledge, Lexicons};

    fn knowledge() -> Knowledge {
        Lexicons::embedded().check().0
    }

    #[test]
    fn registry_unifies_a_full_name_and_its_parts_either_way() {
        let mut r = Registry::default();
        assert_eq!(r.key("贝里克·阿布德哈利乌勒"), "贝里克·阿布德哈利乌勒");
        assert_eq!(r.key("阿布德哈利乌勒"), "贝里克·阿布德哈利乌勒");
        assert_eq!(r.key("王明"), "王明");
        assert_eq!(r.key("约翰·王明"), "王明");
        // the first name registered wins when several fit
        assert_eq!(r.key("A·B·C"), "A·B·C");
        assert_eq!(r.key("B·C"), "A·B·C");
        assert_eq!(r.key("王"), "王");
    }

    #[test]
    fn a_short_form_prints_the_full_name() {
        let k = knowledge();
        let mut r = Registry::default();
        let full = Resolved { name: "科比-布莱恩特".into(), key: "科比-布莱恩特".into() };
        assert_eq!(r.person(&k, "科比-布莱恩特", "科比-布莱恩特", ""), full);
        assert_eq!(r.person(&k, "科比", "科比", ""), full);
        assert_eq!(r.person(&k, "布莱恩特", "布莱恩特", ""), full);
    }

    #[test]
    fn a_surname_and_a_title_stand_for_the_person_of_that_surname() {
        let k = knowledge();
        let mut r = Registry::default();
        r.person(&k, "王建国", "王建国", "副经理");
        r.person(&k, "李华", "李华", "馆长");
        r.carry("李华", &mut "馆长".to_string(), &mut String::new());
        let got = r.person(&k, "王副经理", "王副经理", "副经理");
        assert_eq!(got, Resolved { name: "王建国".into(), key: "王建国".into() });
        // no such person: the speaker as written
        let got = r.person(&k, "赵大妈", "赵大妈", "大妈");
        assert_eq!(got, Resolved { name: "赵大妈".into(), key: "赵大妈".into() });
        // a person of that surname known by another title is someone else
        let got = r.person(&k, "李教授", "李教授", "教授");
        assert_eq!(got, Resolved { name: "李教授".into(), key: "李教授".into() });
    }
}
