//! The subject that opens a clause when a predicate of its own follows it:
//! 机长张启彬手捧鲜花，深情地说, 建设部近日召开电话会议，呼吁……, 农民谭金树激动万分：“……”.
//! The speaker-phrase parser reads a phrase that runs up to a cue; these
//! read the phrase at the start of a clause and leave the predicate.

use super::speaker::{Parser, Speaker, SpeakerType};
use crate::lexicon::Role;
use crate::mentions::EntityKind;
use crate::text::marks;

/// The longest subject read before a predicate (characters).
const LONGEST_SUBJECT: usize = 16;

/// The subject opening `[s, e)`: the speaker phrase the parser reads
/// there (卫生部部长陈明在会上……); else a person named at its start (史增海开会讲话); else
/// an organisation, place, source noun or title the phrase ends with
/// (建设部近日召开……, 与会专家纷纷……).
pub(crate) fn leading_subject(p: &Parser, s: usize, e: usize) -> Option<Speaker> {
    if s >= e || opens_with_frame(p, s, e) {
        return None;
    }
    if let Some((sp, end)) = p.parse_forward(s, e) {
        // 副台长赵化勇和总策划邹友开一再……: two persons joined speak together
        return Some(p.joined_persons(&sp, end, e).map_or(sp, |(group, _)| group));
    }
    if let Some((sp, _)) = p.leading_person(s, e) {
        return Some(sp);
    }
    modified_person(p, s, e).or_else(|| leading_body(p, s, e))
}

/// The longest modifier closed by 的 read before a named subject (characters).
const LONGEST_MODIFIER: usize = 12;

/// 五十多岁的农民谭金树激动万分, 年过八旬的老红军王大山说: a modifier closed by
/// 的 (age, looks, a relative clause) that names no one, before a person
/// named with a title or listed: the person is the subject. The phrase
/// must end there (刘伯承元帅夫人汪荣华 is not 刘伯承).
fn modified_person(p: &Parser, s: usize, e: usize) -> Option<Speaker> {
    let end = (s..e).find(|&q| marks::is_clause_punct(p.norm[q])).unwrap_or(e);
    let de = (s + 1..end.min(s + LONGEST_MODIFIER)).find(|&q| p.char_is(q, Role::Attributive))?;
    let names_someone = (s..de).any(|q| {
        p.ents.get(q).is_some_and(|v| {
            v.iter().any(|(_, k)| {
                matches!(k, EntityKind::Person(_) | EntityKind::PronounPerson | EntityKind::PronounGroup)
            })
        })
    });
    if names_someone {
        return None;
    }
    let (sp, x) = p.parse_forward(de + 1, end).or_else(|| p.leading_person(de + 1, end))?;
    let named = sp.stype == SpeakerType::Person && !sp.name.is_empty();
    let vouched = sp.person.is_some() || !sp.title.is_empty();
    let title_follows =
        p.ents.get(x).is_some_and(|v| v.iter().any(|(_, k)| matches!(k, EntityKind::Title(_))));
    (named && vouched && sp.span.0 == de + 1 && !title_follows).then_some(sp)
}

/// Is the first clause of `[s, e)` a frame of time (会议结束后, 访问期间)
/// rather than a clause with a subject? It ends with a frame word.
fn opens_with_frame(p: &Parser, s: usize, e: usize) -> bool {
    let end = (s..e).find(|&q| marks::is_clause_punct(p.norm[q])).unwrap_or(e);
    end < e && p.word_before(s, end, Role::SpeechNounFrameEnd).is_some()
}

/// A subject that ends where a mention of a body or a described source
/// ends, and reads as one (建设部, 世界遗产委员会有关专家).
fn leading_body(p: &Parser, s: usize, e: usize) -> Option<Speaker> {
    let hi = e.min(s + LONGEST_SUBJECT);
    (s + 2..hi).rev().filter(|&x| mention_ends_at(p, s, x)).find_map(|x| {
        let (sp, end) = p.parse_forward(s, x)?;
        let body = matches!(sp.stype, SpeakerType::Group | SpeakerType::Anonymous | SpeakerType::Person);
        (end == x && sp.span.0 == s && body).then_some(sp)
    })
}

/// Does a mention of an organisation, place, source noun or title that
/// starts in `[s, x)` end at `x`?
fn mention_ends_at(p: &Parser, s: usize, x: usize) -> bool {
    (s..x).any(|q| {
        p.ents.get(q).is_some_and(|v| {
            v.iter().any(|&(end, k)| {
                end == x
                    && matches!(
                        k,
                        EntityKind::Org | EntityKind::Place | EntityKind::Source(_) | EntityKind::Title(_)
                    )
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn a_named_subject_two_clauses_before_the_cue() {
        let got = rows("机长王立平走下飞机，激动地说：“这是我飞得最稳的一次。”");
        assert_eq!(got, ["direct | 这是我飞得最稳的一次。 | 王立平 | colon"]);
    }

    #[test]
    fn a_modified_person_opening_the_clause() {
        let got = rows("五十多岁的农民王大山激动万分：“这是我过得最好的一年。”");
        assert_eq!(got, ["direct | 这是我过得最好的一年。 | 王大山 | colon_subject"]);
    }

    #[test]
    fn a_body_after_an_adverbial_clause() {
        let got = rows("在新学期开学之际，教育部昨天召开视频会议，呼吁各地做好校园安全工作。");
        assert_eq!(got, ["indirect | 各地做好校园安全工作 | 教育部 | zero_anaphora"]);
    }
}
