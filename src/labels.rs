//! The label vocabularies of the codebook that the lexicons vote for and
//! the records carry: a unit's stance and its cue's stance
//! (`ANNOTATION.md`). `stance.toml` names which of them its rules use and
//! their precedence; a label outside these is a lexicon problem.

use serde::{Deserialize, Serialize};

/// The stance of a unit's words (`ANNOTATION.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// For what it names.
    Support,
    /// Against it.
    Oppose,
    /// The speaker's own side undertakes to act.
    Commit,
    /// Others are called on to act.
    Call,
    /// None of these.
    Neutral,
}

impl Stance {
    /// Every stance.
    pub const ALL: [Stance; 5] =
        [Stance::Support, Stance::Oppose, Stance::Commit, Stance::Call, Stance::Neutral];

    /// The CSV spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Support => "support",
            Stance::Oppose => "oppose",
            Stance::Commit => "commit",
            Stance::Call => "call",
            Stance::Neutral => "neutral",
        }
    }

    /// The stance spelled `s`.
    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The cue's own stance: does the reporter present the words as fact?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CueStance {
    /// A cue that vouches for the words (指出, 强调, 证实).
    Asserted,
    /// A cue that distances the reporter from them (声称, 宣称, 扬言).
    Claimed,
}

impl CueStance {
    /// The CSV spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            CueStance::Asserted => "asserted",
            CueStance::Claimed => "claimed",
        }
    }

    /// The cue stance spelled `s`.
    pub fn parse(s: &str) -> Option<CueStance> {
        [CueStance::Asserted, CueStance::Claimed].into_iter().find(|x| x.as_str() == s)
    }
}
