//! “…”X说，“…”: the quote after a cue that already took the quote before
//! it was attributed as `preposed` (or `colon`); it is the second half of
//! a sandwich.

use super::{Attribution, Sieve};
use crate::attribution::context::Context;
use crate::attribution::method::Method;

/// “…”X说，“…”
pub(crate) struct Sandwich;

impl Sieve for Sandwich {
    fn name(&self) -> &'static str {
        "sandwich"
    }

    fn describe(&self) -> &'static str {
        Method::Sandwich.describe()
    }

    fn apply(&self, _cx: &Context, st: &mut Attribution) {
        for c in st.clauses.iter().filter(|c| c.post_used) {
            for f in st.out.iter_mut() {
                if f.cue == Some(c.cue()) && matches!(f.method, Method::Preposed | Method::Colon) {
                    f.method = Method::Sandwich;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn one_cue_between_two_quotes() {
        let got = rows("“水库今年蓄满了。”站长苗建军说，“明年春灌不用愁了。”");
        assert_eq!(
            got,
            [
                "direct | 水库今年蓄满了。 | 苗建军 | postposed",
                "direct | 明年春灌不用愁了。 | 苗建军 | sandwich"
            ]
        );
    }
}
