//! A quote that does not read as speech is a name, slogan or scare quote
//! (`term`): a row only when terms are asked for.

use super::no_cue::{QuoteRule, Verdict};
use super::Attribution;
use crate::attribution::context::Context;
use crate::attribution::method::Method;
use crate::attribution::{Found, Kind};

/// “一带一路”
pub(crate) struct Term;

impl QuoteRule for Term {
    fn name(&self) -> &'static str {
        "term"
    }

    fn describe(&self) -> &'static str {
        Method::Term.describe()
    }

    fn decide(&self, cx: &Context, st: &Attribution, qi: usize) -> Verdict {
        let q = &cx.u.quotes[qi];
        if cx.speechlike(q) {
            Verdict::Pass
        } else if st.include_terms {
            Verdict::row(Found::new(Kind::Term, cx.span(q), Method::Term, cx.sentence(q.open)))
        } else {
            Verdict::Drop
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::{all_rows, rows};

    #[test]
    fn a_short_name_in_quotes_is_a_term() {
        let text = "村里把这片果园叫作“希望园”，每年秋天都有游客来采摘。";
        assert_eq!(all_rows(text), ["term | 希望园 |  | term"]);
        assert!(rows(text).is_empty());
    }
}
