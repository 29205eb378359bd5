//! Quotes with no cue of their own. Each such quote, in order, goes down
//! a list of per-quote rules until one decides: a term, the subject before
//! a colon, a person right after the quote, a citation's words running on,
//! and last the speaker's turn. The rules run per quote, not per rule over
//! all quotes, because a turn looks back at the rows of the quotes before.

use super::{adjacent_subject, citation, colon_subject, intro_subject, term, turn, Attribution, Sieve};
use crate::attribution::context::Context;
use crate::attribution::Found;

/// What a per-quote rule decides.
pub(crate) enum Verdict {
    /// Not this rule's quote: ask the next.
    Pass,
    /// The quote's row.
    Row(Box<Found>),
    /// No row for the quote (a term, when terms are not wanted).
    Drop,
}

impl Verdict {
    /// The quote's row.
    pub fn row(f: Found) -> Verdict {
        Verdict::Row(Box::new(f))
    }
}

/// One rule for a quote with no cue.
pub(crate) trait QuoteRule: Sync {
    /// A short name.
    fn name(&self) -> &'static str;
    /// What the rule attributes.
    fn describe(&self) -> &'static str;
    /// The verdict on top-level quote `qi`.
    fn decide(&self, cx: &Context, st: &Attribution, qi: usize) -> Verdict;
}

/// The per-quote rules, in the order they are asked.
pub(crate) const RULES: &[&dyn QuoteRule] = &[
    &term::Term,
    &colon_subject::ColonSubject,
    &adjacent_subject::AdjacentSubject,
    &citation::CitationRunOn,
    &intro_subject::IntroSubject,
    &turn::Turn,
];

/// Quotes with no cue: the [`RULES`] in order.
pub(crate) struct NoCue;

impl Sieve for NoCue {
    fn name(&self) -> &'static str {
        "no_cue"
    }

    fn describe(&self) -> &'static str {
        "quotes with no cue: terms, colon subjects, adjacent subjects, citations run on, turns"
    }

    fn apply(&self, cx: &Context, st: &mut Attribution) {
        for &qi in &cx.top {
            if st.done(qi) {
                continue;
            }
            for rule in RULES {
                match rule.decide(cx, st, qi) {
                    Verdict::Pass => continue,
                    Verdict::Row(f) => st.attribute(qi, *f),
                    Verdict::Drop => {}
                }
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULES;

    #[test]
    fn rules_are_named() {
        assert!(RULES.iter().all(|r| !r.name().is_empty() && !r.describe().is_empty()));
        assert_eq!(RULES.last().map(|r| r.name()), Some("turn"));
    }
}
