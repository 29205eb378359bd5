//! The output record: one per quotation or reported clause, with character
//! offsets into the original decoded text, and one per article.

use crate::attribution::{Kind, Method, SpeakerType};
pub use crate::labels::{CueStance, Stance};
use crate::themes::Evidence;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One unit of speech, as the library returns it and JSONL writes it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Quote {
    /// The article: the file name, with `#N` when a file holds several.
    pub doc: String,
    /// 1-based, in order of appearance in the file.
    pub quote_id: usize,
    /// direct, partial, indirect or term.
    pub kind: Kind,
    /// First character of the words (original text, characters).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The words. For a quote re-joined across a column break, the pieces
    /// joined; otherwise exactly the original text at `start..end`.
    pub text: String,
    /// Name (persons) or description as written.
    pub speaker: String,
    /// One id per speaker per article.
    pub speaker_id: String,
    /// person, group, anonymous, document, pronoun or unknown; `None`
    /// (an empty cell) when the unit has no speaker.
    #[serde(with = "blank")]
    pub speaker_type: Option<SpeakerType>,
    /// Title or role.
    pub title: String,
    /// Affiliation.
    pub affiliation: String,
    /// The cue verb or phrase as written.
    pub cue: String,
    /// The attribution rule that fired (printed with `+stitched` when
    /// re-joined).
    pub method: MethodTag,
    /// Confidence of the attribution, 0–1.
    pub confidence: f32,
    /// Theme ids.
    pub themes: Vec<String>,
    /// support, oppose, commit, call or neutral; `None` (an empty cell)
    /// for terms and with themes off.
    #[serde(with = "blank")]
    pub stance: Option<Stance>,
    /// The cue's own stance: asserted, claimed or `None` (an empty cell).
    #[serde(with = "blank")]
    pub cue_stance: Option<CueStance>,
    /// The pieces of the words in the original text (one unless re-joined).
    pub pieces: Vec<(usize, usize)>,
    /// The speaker's phrase, when it stands in the same paragraph.
    pub speaker_span: Option<(usize, usize)>,
    /// The cue.
    pub cue_span: Option<(usize, usize)>,
    /// Theme and stance rules that fired.
    pub evidence: Vec<Evidence>,
}

impl Quote {
    /// The `speaker_type` cell: empty when the unit has no speaker.
    pub fn speaker_type_str(&self) -> &'static str {
        self.speaker_type.map_or("", SpeakerType::as_str)
    }

    /// The `stance` cell: empty for terms and with themes off.
    pub fn stance_str(&self) -> &'static str {
        self.stance.map_or("", Stance::as_str)
    }

    /// The `cue_stance` cell: empty when the cue takes no side.
    pub fn cue_stance_str(&self) -> &'static str {
        self.cue_stance.map_or("", CueStance::as_str)
    }
}

/// One article of an input file (`--docs`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct DocRecord {
    /// The article id used in the `doc` column.
    pub doc: String,
    /// The input it comes from, as the `doc` column names it (the file
    /// name; `-` for standard input).
    #[serde(default)]
    pub file: String,
    /// With `--each-line`, its line in the input (1-based); `None` otherwise.
    #[serde(default)]
    pub line: Option<usize>,
    /// Its number among the articles of its input (1-based; the `N` of
    /// `name#N`).
    #[serde(default)]
    pub article: usize,
    /// Its title.
    pub title: String,
    /// Reporters from bylines, `;`-joined.
    pub reporters: String,
    /// Agency from the dateline.
    pub agency: String,
    /// Dateline place.
    pub place: String,
    /// Dateline date.
    pub date: String,
    /// Body paragraphs.
    pub paragraphs: usize,
    /// Units of speech found (terms excluded).
    pub quotes: usize,
}

/// Enums written as their CSV spelling: `as_str`, `parse`, `Display`,
/// comparison with a `&str`, and serde as that string.
macro_rules! spelled {
    ($t:ty) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl std::str::FromStr for $t {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                <$t>::parse(s).ok_or_else(|| format!("not a {}: {s:?}", stringify!($t)))
            }
        }
    };
}

spelled!(Stance);
spelled!(CueStance);
spelled!(Kind);
spelled!(SpeakerType);

/// The `method` column: the rule that attributed the unit, and whether the
/// unit was re-joined across a column break (`+stitched`) or runs to the
/// end of the text with its quote mark unclosed (`+unterminated`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MethodTag {
    /// The rule.
    pub rule: Method,
    /// Re-joined across a column break.
    pub stitched: bool,
    /// Its quote mark is never closed.
    pub unterminated: bool,
}

impl MethodTag {
    /// `rule`, with no suffix.
    pub fn new(rule: Method) -> Self {
        MethodTag { rule, stitched: false, unterminated: false }
    }

    /// The spelling of the rule alone (no suffix).
    pub fn as_str(&self) -> &'static str {
        self.rule.as_str()
    }

    /// The tag spelled `s` (`colon`, `colon+stitched`, …).
    pub fn parse(s: &str) -> Option<MethodTag> {
        let mut parts = s.split('+');
        let mut tag = MethodTag::new(Method::parse(parts.next()?)?);
        for p in parts {
            match p {
                "stitched" => tag.stitched = true,
                "unterminated" => tag.unterminated = true,
                _ => return None,
            }
        }
        Some(tag)
    }
}

impl Default for MethodTag {
    fn default() -> Self {
        MethodTag::new(Method::Unattributed)
    }
}

impl fmt::Display for MethodTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rule.as_str())?;
        if self.stitched {
            f.write_str("+stitched")?;
        }
        if self.unterminated {
            f.write_str("+unterminated")?;
        }
        Ok(())
    }
}

impl PartialEq<&str> for MethodTag {
    fn eq(&self, other: &&str) -> bool {
        MethodTag::parse(other).is_some_and(|t| t == *self)
    }
}

impl Serialize for MethodTag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MethodTag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        MethodTag::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a method: {s:?}")))
    }
}

/// An optional label written as its spelling, or as an empty string when
/// absent (the CSV cell and the JSON value are `""`, never `null`).
mod blank {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::fmt::Display;
    use std::str::FromStr;

    pub fn serialize<T: Display, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(x) => s.collect_str(x),
            None => s.serialize_str(""),
        }
    }

    pub fn deserialize<'de, T, D>(d: D) -> Result<Option<T>, D::Error>
    where
        T: FromStr<Err = String>,
        D: Deserializer<'de>,
    {
        let s = String::deserialize(d)?;
        if s.is_empty() {
            return Ok(None);
        }
        s.parse().map(Some).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_written_as_today_and_read_back() {
        let q = Quote {
            kind: Kind::Indirect,
            speaker_type: None,
            method: MethodTag { rule: Method::Colon, stitched: true, unterminated: false },
            stance: Some(Stance::Call),
            cue_stance: None,
            ..Quote::default()
        };
        let json = serde_json::to_string(&q).unwrap();
        for cell in [
            r#""kind":"indirect""#,
            r#""speaker_type":"""#,
            r#""method":"colon+stitched""#,
            r#""stance":"call""#,
            r#""cue_stance":"""#,
        ] {
            assert!(json.contains(cell), "{cell} in {json}");
        }
        let back: Quote = serde_json::from_str(&json).unwrap();
        assert_eq!(back, q);
        assert!(serde_json::from_str::<Quote>(&json.replace("colon+", "colon+sewn")).is_err());
    }

    #[test]
    fn every_label_parses_its_spelling() {
        for s in Stance::ALL {
            assert_eq!(Stance::parse(s.as_str()), Some(s));
        }
        for k in Kind::ALL {
            assert_eq!(k.as_str().parse::<Kind>(), Ok(k));
        }
        for t in SpeakerType::ALL {
            assert_eq!(SpeakerType::parse(t.as_str()), Some(t));
        }
        let m = MethodTag::parse("turn_far+stitched+unterminated").unwrap();
        assert_eq!(m.to_string(), "turn_far+stitched+unterminated");
        assert_eq!(m, "turn_far+stitched+unterminated");
        assert_eq!(MethodTag::parse("nonsense"), None);
    }
}
