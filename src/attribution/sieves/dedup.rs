//! One unit of speech, one row: the rows are put in order, and two cues
//! of one clause (发表声明说) giving the same words twice keep the row of
//! the cue nearer the words.

use super::{Attribution, Sieve};
use crate::attribution::context::Context;

/// Order and deduplicate the rows.
pub(crate) struct Dedup;

impl Sieve for Dedup {
    fn name(&self) -> &'static str {
        "dedup"
    }

    fn describe(&self) -> &'static str {
        "rows in order; of two rows for the same words, the one whose cue is nearer"
    }

    fn apply(&self, _cx: &Context, st: &mut Attribution) {
        let out = &mut st.out;
        out.sort_by_key(|f| (f.start, f.end));
        out.sort_by_key(|f| (f.start, f.end, f.kind as u8, std::cmp::Reverse(f.cue.map(|c| c.0))));
        out.dedup_by(|later, first| {
            later.start == first.start && later.end == first.end && later.kind == first.kind
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn two_cues_of_one_clause_give_one_row() {
        let got = rows("市环保局发表声明说，今年全市空气质量明显好转。");
        assert_eq!(got.iter().filter(|r| r.starts_with("indirect |")).count(), 1, "{got:?}");
    }
}
