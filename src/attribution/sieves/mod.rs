//! The attribution rules as an ordered list of sieves, after CoreNLP's
//! quote attribution (Muzny et al. 2017): each sieve looks at the quotes
//! and cue clauses the earlier ones left, and attributes what it is sure
//! of. The order is the order of confidence: a quote right after its cue
//! first, a quote continuing a speaker's turn last.

mod adjacent_subject;
mod after_cue;
mod carry;
mod citation;
mod colon_subject;
mod dedup;
mod indirect;
mod intro_subject;
mod nested;
mod no_cue;
mod pending_colon;
mod postposed;
mod sandwich;
mod short_form;
mod term;
mod turn;
mod writer;

use super::clauses::Clause;
use super::context::Context;
use super::{Carry, DocState, Found, Speaker};

/// One attribution rule over a unit.
pub(crate) trait Sieve: Sync {
    /// A short name.
    fn name(&self) -> &'static str;
    /// What the sieve attributes.
    fn describe(&self) -> &'static str;
    /// Attributes what it can, adding rows to `st`.
    fn apply(&self, cx: &Context, st: &mut Attribution);
}

/// The sieves, in the order they run.
pub(crate) const SIEVES: &[&dyn Sieve] = &[
    &pending_colon::PendingColon,
    &after_cue::AfterCue,
    &writer::Writer,
    &postposed::Postposed,
    &sandwich::Sandwich,
    &indirect::Indirect,
    &no_cue::NoCue,
    &nested::Nested,
    &short_form::ShortForm,
    &dedup::Dedup,
    &carry::CarryOn,
];

/// What the sieves build up over one unit.
pub(crate) struct Attribution<'s> {
    /// The rows so far.
    pub out: Vec<Found>,
    /// The row of each quote, an index into `out`.
    pub q_attr: Vec<Option<usize>>,
    /// The cue clauses, in order.
    pub clauses: Vec<Clause>,
    /// The persons quoted through a cue, with where each cue starts.
    pub person_clauses: Vec<(usize, Speaker)>,
    /// What carries between the units of an article.
    pub state: &'s mut DocState,
    /// Give names, slogans and scare quotes a row too.
    pub include_terms: bool,
    /// What the unit leaves as the last person.
    pub carry: Carry,
}

impl Attribution<'_> {
    /// Adds a row.
    pub fn push(&mut self, f: Found) {
        self.out.push(f);
    }

    /// Adds the row of quote `qi`.
    pub fn attribute(&mut self, qi: usize, f: Found) {
        self.out.push(f);
        self.q_attr[qi] = Some(self.out.len() - 1);
    }

    /// Has quote `qi` a row?
    pub fn done(&self, qi: usize) -> bool {
        self.q_attr[qi].is_some()
    }
}

/// The sieves and, after `no_cue`, its per-quote rules: name and description.
pub(crate) fn listing() -> Vec<(&'static str, &'static str)> {
    let mut v = Vec::new();
    for s in SIEVES {
        v.push((s.name(), s.describe()));
        if s.name() == no_cue::NoCue.name() {
            v.extend(no_cue::RULES.iter().map(|r| (r.name(), r.describe())));
        }
    }
    v
}

/// Runs the sieves in order over one unit.
pub(crate) fn run(cx: &Context, st: &mut Attribution) {
    for sieve in SIEVES {
        sieve.apply(cx, st);
    }
}

#[cfg(test)]
mod tests {
    use super::SIEVES;

    #[test]
    fn sieves_have_distinct_names_and_descriptions() {
        let listing = super::listing();
        assert_eq!(listing.len(), SIEVES.len() + super::no_cue::RULES.len());
        assert!(listing.iter().all(|(_, d)| !d.is_empty()));
        let mut names: Vec<&str> = listing.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), listing.len());
    }
}
