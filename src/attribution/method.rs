//! The attribution rules, by name: what the `method` column prints, a
//! one-line description, and the confidence each gives its rows.

/// The rule that attributed a unit of speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// X说：“…”
    Colon,
    /// X说，“…”
    Preposed,
    /// X重申“…”
    Governed,
    /// “…”X说
    Postposed,
    /// “…”。X这样评价
    PostCue,
    /// “…”X说，“…” (the second quote)
    Sandwich,
    /// X说，……
    Indirect,
    /// ……，并表示……
    ZeroAnaphora,
    /// 他说, resolved
    Pronoun,
    /// a quoted fragment inside reported speech
    PartialInIndirect,
    /// a quote inside a quote with its own cue
    Nested,
    /// no cue: the last speaker of the paragraph
    Turn,
    /// no cue: the speaker who ended the previous paragraph
    TurnNextParagraph,
    /// no cue: the last speaker of the article
    TurnFar,
    /// no cue: the subject before the colon
    ColonSubject,
    /// no cue: a person named right after the quote
    AdjacentSubject,
    /// speech with no recoverable source
    Unattributed,
    /// a name, slogan or scare quote
    Term,
    /// 记者问：“…”, 我问她：“…”: the writer's own words
    Writer,
    /// no cue: the person who is the subject of the sentence introducing the quote
    IntroSubject,
    /// 他们说, resolved to a group described before
    GroupPronoun,
}

/// Every method, in the order of the enum.
pub const ALL: [Method; 21] = [
    Method::Colon,
    Method::Preposed,
    Method::Governed,
    Method::Postposed,
    Method::PostCue,
    Method::Sandwich,
    Method::Indirect,
    Method::ZeroAnaphora,
    Method::Pronoun,
    Method::PartialInIndirect,
    Method::Nested,
    Method::Turn,
    Method::TurnNextParagraph,
    Method::TurnFar,
    Method::ColonSubject,
    Method::AdjacentSubject,
    Method::Unattributed,
    Method::Term,
    Method::Writer,
    Method::IntroSubject,
    Method::GroupPronoun,
];

/// A quote that continues the cue of the quote right before it (“…”“…”):
/// a little less sure than the first quote after the cue.
pub const CHAINED: f32 = 0.85;

/// A quote attributed at one remove from its cue: a colon cue ending the
/// previous unit, a citation or cue whose words run on to the quote, a
/// quote closing a reported clause, the adjacent quote before a
/// post-posed one.
pub const AT_ONE_REMOVE: f32 = 0.8;

/// A surname with a title or honorific given the full name of that
/// surname written before it in the unit (the `short_form` sieve): at most
/// this sure.
pub const SHORT_FORM: f32 = 0.7;

impl Method {
    /// The CSV spelling (the `method` column, before any `+stitched`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Colon => "colon",
            Method::Preposed => "preposed",
            Method::Governed => "governed",
            Method::Postposed => "postposed",
            Method::PostCue => "post_cue",
            Method::Sandwich => "sandwich",
            Method::Indirect => "indirect",
            Method::ZeroAnaphora => "zero_anaphora",
            Method::Pronoun => "pronoun",
            Method::PartialInIndirect => "partial_in_indirect",
            Method::Nested => "nested",
            Method::Turn => "turn",
            Method::TurnNextParagraph => "turn_next_paragraph",
            Method::TurnFar => "turn_far",
            Method::ColonSubject => "colon_subject",
            Method::AdjacentSubject => "adjacent_subject",
            Method::Unattributed => "unattributed",
            Method::Term => "term",
            Method::Writer => "writer",
            Method::IntroSubject => "intro_subject",
            Method::GroupPronoun => "group_pronoun",
        }
    }

    /// The method spelled `s` (without suffixes).
    pub fn parse(s: &str) -> Option<Method> {
        ALL.iter().copied().find(|m| m.as_str() == s)
    }

    /// A one-line description of the rule.
    pub fn describe(self) -> &'static str {
        match self {
            Method::Colon => "speaker and cue before the quote, then a colon: X说：“…”",
            Method::Preposed => "speaker and cue before the quote, then a comma: X说，“…”",
            Method::Governed => "the cue takes the quote directly: X重申“…”",
            Method::Postposed => "the quote first, then speaker and cue in the same sentence: “…”X说",
            Method::PostCue => "a cue pointing back to the quote: “…”。X这样评价",
            Method::Sandwich => "one cue between two quotes of the same speaker: “…”X说，“…”",
            Method::Indirect => "reported speech after a cue: X说，……",
            Method::ZeroAnaphora => "a cue with no subject takes the speaker of the sentence: ……，并表示……",
            Method::Pronoun => "a pronoun speaker resolved to the last person named: 他说",
            Method::PartialInIndirect => "a quoted fragment inside reported speech",
            Method::Nested => "a quote inside a quote with its own cue: “…提到‘…’…”",
            Method::Turn => "no cue: continues the last speaker of the paragraph",
            Method::TurnNextParagraph => {
                "no cue: continues the speaker whose words ended the previous paragraph"
            }
            Method::TurnFar => "no cue: the last speaker of the article (low confidence)",
            Method::ColonSubject => "no cue: the subject of the clause before the colon",
            Method::AdjacentSubject => "no cue: a person named right after the quote",
            Method::Unattributed => "speech with no recoverable source",
            Method::Term => "a name, slogan or scare quote, not speech",
            Method::IntroSubject => {
                "no cue, no speaker before: the subject of the sentence introducing the quote"
            }
            Method::GroupPronoun => {
                "a plural pronoun speaker resolved to the group described before it: 几位大学生……他们说"
            }
            Method::Writer => {
                "the reporter or first-person narrator asks or speaks: 记者问：“…”, “…”我们问道"
            }
        }
    }

    /// The confidence of a row this rule gives directly. Chained quotes
    /// take `CHAINED` and quotes at one remove from their cue
    /// `AT_ONE_REMOVE` instead; a sandwich keeps the confidence of the
    /// row it renames.
    pub fn confidence(self) -> f32 {
        match self {
            Method::Colon | Method::Preposed | Method::Governed | Method::Sandwich => 0.9,
            Method::Postposed | Method::PostCue | Method::Indirect => 0.85,
            Method::ZeroAnaphora | Method::Pronoun => 0.7,
            Method::PartialInIndirect | Method::Nested => 0.8,
            Method::Turn => 0.75,
            Method::TurnNextParagraph | Method::ColonSubject => 0.6,
            Method::TurnFar => 0.4,
            Method::AdjacentSubject => 0.55,
            Method::Unattributed => 0.1,
            Method::Term => 0.0,
            Method::Writer => 0.8,
            Method::IntroSubject => 0.5,
            Method::GroupPronoun => 0.6,
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for m in ALL {
            assert_eq!(Method::parse(m.as_str()), Some(m));
            assert!(!m.describe().is_empty());
        }
        assert_eq!(Method::parse("nope"), None);
    }
}
