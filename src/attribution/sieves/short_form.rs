//! A surname written with a title or honorific (刘大爷, 杨师傅, 王副经理)
//! stands for the person of that surname named in full earlier in the
//! unit (64岁的刘永斌大爷……刘大爷说): the row takes the full name.

use super::{Attribution, Sieve};
use crate::attribution::context::Context;
use crate::attribution::method;
use crate::attribution::speaker::SpeakerType;

/// 刘永斌……刘大爷说 → 刘永斌.
pub(crate) struct ShortForm;

impl Sieve for ShortForm {
    fn name(&self) -> &'static str {
        "short_form"
    }

    fn describe(&self) -> &'static str {
        "a surname with a title or honorific takes the full name of that surname written before it"
    }

    fn apply(&self, cx: &Context, st: &mut Attribution) {
        for f in st.out.iter_mut() {
            let Some(sp) = f.speaker.as_mut() else { continue };
            if sp.stype != SpeakerType::Person || sp.person.is_some() || sp.title.is_empty() {
                continue;
            }
            let Some(surname) = sp.name.strip_suffix(sp.title.as_str()) else { continue };
            let chars: Vec<char> = surname.chars().collect();
            let is_surname = match chars[..] {
                [c] => cx.u.k.surnames.contains(&c),
                [_, _] => cx.u.k.compound_surnames.contains_chars(&chars),
                _ => false,
            };
            let pos = if f.speaker_here { sp.span.0 } else { f.start };
            let Some(full) =
                is_surname.then(|| cx.coref.full_name_before(cx, pos, surname, &sp.title)).flatten()
            else {
                continue;
            };
            sp.name.clone_from(&full.name);
            sp.text.clone_from(&full.text);
            sp.key.clone_from(&full.key);
            sp.person = full.person;
            if sp.affiliation.is_empty() {
                sp.affiliation.clone_from(&full.affiliation);
            }
            f.confidence = f.confidence.min(method::SHORT_FORM);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn a_surname_and_an_honorific_take_the_full_name() {
        let got = rows("64岁的刘永斌大爷是个热心人。刘大爷说：“我们老年人也要出力。”");
        assert_eq!(got, ["direct | 我们老年人也要出力。 | 刘永斌 | colon"]);
    }

    #[test]
    fn a_person_known_by_another_title_is_someone_else() {
        let got = rows("馆长李象益陪同参观。李教授说：“我还知道另一个题词。”");
        assert_eq!(got, ["direct | 我还知道另一个题词。 | 李教授 | colon"]);
    }

    #[test]
    fn with_no_full_name_the_short_form_stays() {
        let got = rows("刘大爷说：“我们老年人也要出力。”");
        assert_eq!(got, ["direct | 我们老年人也要出力。 | 刘大爷 | colon"]);
    }
}
