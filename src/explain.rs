//! Why a speaker won: the speaker candidates around a quote and the reason
//! each one was or was not taken, for `yinyu explain`.

use crate::mentions::{byte_to_char, EntityKind};
use crate::record::Quote;
use crate::tagger::Tagger;

/// A mention that could have been the speaker of a quote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Candidate {
    /// The mention as written.
    pub text: String,
    /// person, title, source, organisation, place, pronoun.
    pub kind: &'static str,
    /// Character span in the whole text.
    pub span: (usize, usize),
    /// Taken as the speaker (it overlaps the speaker phrase).
    pub chosen: bool,
    /// Why it was or was not taken.
    pub reason: String,
}

/// How far before a quote or cue candidates are looked for (characters).
const WINDOW: usize = 80;

fn kind_name(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person(_) => "person",
        EntityKind::Title(_) => "title",
        EntityKind::Source(_) => "source",
        EntityKind::Org => "organisation",
        EntityKind::Place => "place",
        EntityKind::PronounPerson | EntityKind::PronounGroup => "pronoun",
    }
}

fn speaker_kind(t: &str) -> &'static str {
    match t {
        "person" => "person",
        "group" => "group",
        "anonymous" => "anonymous",
        "document" => "document",
        "pronoun" => "pronoun",
        _ => "unknown",
    }
}

impl Tagger {
    /// The speaker candidates of quote `q` of a text given as its
    /// characters `chars` (`q` as returned by [`Tagger::tag`] on that text):
    /// lexicon mentions in the paragraph within 80 characters before the
    /// quote or its cue, and after it up to the sentence end, with the
    /// reason each was taken or passed over. The characters are taken once
    /// by the caller, not again for every quote.
    pub fn candidates(&self, chars: &[char], q: &Quote) -> Vec<Candidate> {
        // the paragraph around the quote
        let mut ps = q.start.min(chars.len());
        while ps > 0 && chars[ps - 1] != '\n' {
            ps -= 1;
        }
        let mut pe = q.end.min(chars.len());
        while pe < chars.len() && chars[pe] != '\n' {
            pe += 1;
        }
        let norm: String = chars[ps..pe].iter().map(|&c| self.fold_char(c)).collect();
        let b2c = byte_to_char(&norm);
        let n = chars[ps..pe].len();
        let ents = self.matchers().entities(&norm, &b2c, n);
        let anchor = q.cue_span.map_or(q.start, |c| c.0.min(q.start));
        let lo = anchor.saturating_sub(WINDOW).max(ps);
        let speaker = q.speaker_span;
        let mut out = Vec::new();
        let mut reach = 0usize;
        for (i, v) in ents.iter() {
            let Some(&(e, kind)) = v.first() else { continue };
            let (s, e) = (ps + i, ps + e);
            if s < reach {
                continue; // inside a longer mention
            }
            reach = e;
            if s < lo || s > q.end + 40 || speaker == Some((s, e)) {
                continue;
            }
            let part = speaker.is_some_and(|(a, b)| s < b && a < e);
            let reason = if part {
                "part of the speaker phrase (name, title or affiliation)".to_string()
            } else if s >= q.start && e <= q.end {
                "inside the quoted words".to_string()
            } else if kind == EntityKind::Place {
                "a place: only a speaker's affiliation, never the speaker".to_string()
            } else if q.speaker.is_empty() {
                "not in a subject position before a cue".to_string()
            } else if speaker.is_some_and(|(a, _)| e <= a) {
                "before the speaker phrase: the cue's subject is the nearer one".to_string()
            } else if q.cue_span.is_some_and(|(c, _)| s >= c) {
                "after the cue".to_string()
            } else if speaker.is_none() {
                format!("the speaker {} came from an earlier sentence ({})", q.speaker, q.method)
            } else {
                "not the subject of the cue".to_string()
            };
            out.push(Candidate {
                text: chars[s..e].iter().collect(),
                kind: kind_name(kind),
                span: (s, e),
                chosen: false,
                reason,
            });
        }
        // the winner: the speaker phrase as parsed, or a speaker carried over
        let why = q.method.rule.describe();
        match speaker {
            Some((a, b)) => out.push(Candidate {
                text: chars[a.min(chars.len())..b.min(chars.len())].iter().collect(),
                kind: speaker_kind(q.speaker_type_str()),
                span: (a, b),
                chosen: true,
                reason: format!("taken as {} ({why})", q.speaker),
            }),
            None if !q.speaker.is_empty() => out.push(Candidate {
                text: q.speaker.clone(),
                kind: speaker_kind(q.speaker_type_str()),
                span: (q.start, q.start),
                chosen: true,
                reason: format!("taken from earlier in the article ({why})"),
            }),
            None => {}
        }
        out.sort_by_key(|c| c.span);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subject_of_the_cue_wins_over_an_earlier_title() {
        let t = Tagger::new().unwrap();
        let text = "在北京举行的会议上，外交部发言人毛宁表示：“中方坚决反对。”";
        let tagged = t.tag("x", text);
        let q = &tagged.quotes[0];
        let chars: Vec<char> = text.chars().collect();
        let c = t.candidates(&chars, q);
        let won: Vec<&Candidate> = c.iter().filter(|c| c.chosen).collect();
        assert_eq!(won.len(), 1, "{c:?}");
        assert!(won[0].text.contains("毛宁") && won[0].reason.contains("colon"), "{c:?}");
        let place = c.iter().find(|c| c.text == "北京").expect("北京 is a candidate");
        assert!(!place.chosen && place.reason.starts_with("a place"), "{place:?}");
    }
}
