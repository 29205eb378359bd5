//! Antecedents: the person a pronoun (他说) or a lone surname (夏说)
//! stands for. The persons a unit names are parsed lazily, only as far
//! as a pronoun asks, and each cache is filled once, so a unit full of
//! pronouns stays linear.

use std::cell::{OnceCell, Ref, RefCell};

use super::clauses::Clause;
use super::context::Context;
use super::speaker::{Parser, Speaker, SpeakerType};
use super::{later_person, Unit};
use crate::lexicon::{Gender, Knowledge, Role};
use crate::mentions::EntityKind;
use crate::text::marks;

/// The longest connective read before a name that opens a clause (characters).
const MAX_CONNECTIVE: usize = 4;

/// A name with no title counts as a pronoun's antecedent only when its
/// surname is at least this common (rank in `surnames.tsv`).
const COMMON_SURNAME_RANK: u32 = 200;

/// A person named in the unit, and where its phrase starts.
type Named = (usize, Speaker);

/// Where the unit's mentions can name a person (see [`Unit::name_context`]).
pub(crate) struct NameContext {
    outside: Vec<bool>,
    covered: Vec<bool>,
    next_punct: Vec<usize>,
}

impl NameContext {
    fn outside(&self, i: usize) -> bool {
        self.outside[i]
    }
}

/// Antecedent resolution over one unit, with its lazy caches.
pub(crate) struct Coref<'a> {
    /// The last person before the unit (asked at most once).
    earlier: &'a dyn Fn() -> Option<Speaker>,
    prior: OnceCell<Option<Speaker>>,
    /// Worked out only when a person named in the unit is asked for.
    nx: OnceCell<NameContext>,
    /// The persons named in the unit, in order of where they start,
    /// parsed only as far as a pronoun needs them (entities at positions
    /// below `.0` done). In the order of the mentions they are already
    /// sorted: a mention at `i` names a person starting at `i` or `i - 1`.
    named: RefCell<(usize, Vec<Named>)>,
    /// Where a one-person source noun or title is mentioned outside the
    /// quotes (listed once per unit, when a pronoun first asks).
    source_nouns: OnceCell<Vec<usize>>,
}

impl<'a> Coref<'a> {
    /// Resolution with `earlier` giving the last person before the unit.
    pub fn new(earlier: &'a dyn Fn() -> Option<Speaker>) -> Coref<'a> {
        Coref {
            earlier,
            prior: OnceCell::new(),
            nx: OnceCell::new(),
            named: RefCell::default(),
            source_nouns: OnceCell::new(),
        }
    }

    /// The last person before the unit.
    fn prior(&self) -> Option<Speaker> {
        self.prior.get_or_init(self.earlier).clone()
    }

    fn nx(&self, cx: &Context) -> &NameContext {
        self.nx.get_or_init(|| cx.u.name_context(&cx.inq))
    }

    /// The persons starting before `pos` (and maybe some after).
    fn named_to(&self, cx: &Context, pos: usize) -> Ref<'_, Vec<Named>> {
        {
            let mut g = self.named.borrow_mut();
            let (next, v) = &mut *g;
            // a mention at `pos` may name a person starting at `pos - 1`
            let stop = (pos + 1).min(cx.n);
            while *next < stop {
                if let Some(x) =
                    cx.u.ents.get(*next).and_then(|m| cx.u.named_at(&cx.p, self.nx(cx), *next, m))
                {
                    v.push(x);
                }
                *next += 1;
            }
        }
        Ref::map(self.named.borrow(), |g| &g.1)
    }

    /// The last person named before `pos`; of equal starts, the one from
    /// the later mention. At the unit's end (the usual question) the
    /// mentions are read backwards.
    fn named_before(&self, cx: &Context, pos: usize) -> Option<Named> {
        if pos >= cx.n && self.named.borrow().0 < cx.n {
            return cx.u.ents.iter().rev().find_map(|(i, m)| cx.u.named_at(&cx.p, self.nx(cx), i, m));
        }
        let v = self.named_to(cx, pos);
        let k = v.partition_point(|(i, _)| *i < pos);
        v.get(k.wrapping_sub(1)).cloned()
    }

    /// The last person before `pos`: of the persons quoted through a cue in
    /// this unit (`pc`, in order) and those named, the later; else the
    /// last person before the unit.
    fn person_before(&self, cx: &Context, pos: usize, pc: &[Named]) -> Option<Speaker> {
        let kc = pc.partition_point(|(i, _)| *i < pos);
        let from_clauses = if kc > 0 { Some((pc[kc - 1].0, &pc[kc - 1].1)) } else { None };
        let nb = self.named_before(cx, pos);
        later_person(from_clauses, nb.as_ref().map(|(i, sp)| (*i, sp)))
            .cloned()
            .or_else(|| loose_name_before(cx, pos))
            .or_else(|| self.prior())
    }

    fn source_nouns(&self, cx: &Context) -> &[usize] {
        self.source_nouns.get_or_init(|| {
            let u = &cx.u;
            u.ents
                .iter()
                .filter(|(i, v)| {
                    cx.outside(*i)
                        && !self.nx(cx).covered[*i]
                        && matches!(v.first(), Some((_, EntityKind::Source(false) | EntityKind::Title(false))))
                        // 孙书记, 老赵: a surname before the noun makes it a
                        // person's name, which is not a described source
                        && !u.lone_surname_before(*i)
                })
                .map(|(i, _)| i)
                .collect()
        })
    }

    /// 记者采访了卫生部有关负责人，他指出……: a one-person source described
    /// (not named) earlier in the same sentence, and where it is mentioned.
    fn described_before(&self, cx: &Context, pos: usize) -> Option<Named> {
        let (ss, _) = cx.sentence(pos.saturating_sub(1));
        let cands = self.source_nouns(cx);
        let (lo, hi) = (cands.partition_point(|&i| i < ss), cands.partition_point(|&i| i < pos));
        // the last mention that reads as one source, so the nearest first
        for &i in cands[lo..hi].iter().rev() {
            let Some(&(e, _)) = cx.u.ents.get(i).and_then(|v| v.first()) else { continue };
            if e > pos {
                continue;
            }
            if let Some(sp) = self.described_phrase(cx, ss, i, e).filter(|sp| self.one_source(cx, sp)) {
                return Some((i, sp));
            }
        }
        None
    }

    /// The phrase that ends with the mention `[i, e)`: it may open with a
    /// quantifier (一位), an organisation or place (卫生部……), or the
    /// clause itself; the longest such reading wins.
    fn described_phrase(&self, cx: &Context, ss: usize, i: usize, e: usize) -> Option<Speaker> {
        self.described_as(cx, ss, i, e, SpeakerType::Anonymous)
    }

    /// [`Coref::described_phrase`] for a source of type `want`; a plural
    /// suffix right after the noun (大学生们) belongs to the phrase.
    fn described_as(&self, cx: &Context, ss: usize, i: usize, e: usize, want: SpeakerType) -> Option<Speaker> {
        let plural = e < cx.n && cx.p.char_is(e, Role::PluralSuffix);
        let ends = |end: usize| end == e || (plural && end == e + 1);
        let opens = |x: usize| {
            x == i
                || x == ss
                || marks::is_clause_punct(cx.norm[x - 1])
                || cx.p.word_at(x, e, Role::Quantifier).is_some()
                || matches!(
                    cx.u.ents.get(x).and_then(|v| v.first()),
                    Some((_, EntityKind::Org | EntityKind::Place))
                )
        };
        (i.saturating_sub(16).max(ss)..=i).filter(|&x| opens(x)).find_map(|st| {
            cx.p.parse_forward(st, e)
                .filter(|(sp, end)| ends(*end) && sp.span.0 == st && sp.stype == want)
                .map(|(sp, _)| sp)
        })
    }

    /// A phrase holding a cue (援引该发言人) or a name is not one source.
    fn one_source(&self, cx: &Context, sp: &Speaker) -> bool {
        let (a, b) = sp.span;
        // cues and named persons are in order of their start
        let k = cx.u.cues.partition_point(|c| c.start < a);
        let named = self.named_to(cx, b);
        let first_named = named.partition_point(|(x, _)| *x < a);
        !cx.u.cues[k..].iter().take_while(|c| c.start < b).any(|c| c.end <= b)
            && named.get(first_named).is_none_or(|(x, _)| *x >= b)
            && !(a..b)
                .any(|x| matches!(cx.u.ents.get(x).and_then(|v| v.first()), Some((_, EntityKind::Person(_)))))
    }

    /// The antecedent of a 他/她 speaker at `pos`: the last person named
    /// in the unit, else of the article, else a one-person source
    /// described earlier in the sentence. A surname standing alone (夏说)
    /// takes only a person of that surname.
    pub fn antecedent(&self, cx: &Context, pos: usize, pc: &[Named], pronoun: &Speaker) -> Option<Speaker> {
        let k = cx.u.k;
        let surname = Some(pronoun.text.chars().collect::<Vec<_>>())
            .filter(|t| t.len() == 1 && k.surnames.contains(&t[0]))
            .map(|t| t[0]);
        if let Some(c) = surname {
            let fits = |sp: &Speaker| sp.name.chars().count() >= 2 && sp.name.starts_with(c);
            return self.nearest_fitting(cx, pos, pc, &fits);
        }
        let not_reporter = |sp: &Speaker| {
            !k.role(Role::Reporter).contains(&sp.title) && !k.role(Role::Reporter).contains(&sp.text)
        };
        let gender = |sp: &Speaker| gender_fits(k, pronoun, sp);
        self.person_before(cx, pos, pc)
            .filter(gender)
            .or_else(|| self.nearest_fitting(cx, pos, pc, &gender))
            .or_else(|| self.described_before(cx, pos).map(|x| x.1).filter(not_reporter))
            .or_else(|| self.one_described_in_unit(cx, pos).filter(not_reporter))
    }

    /// The last person before `pos` that `fits`: named in the unit or
    /// quoted through a cue (`pc`), else the last person before the unit.
    fn nearest_fitting(&self, cx: &Context, pos: usize, pc: &[Named], fits: &dyn Fn(&Speaker) -> bool) -> Option<Speaker> {
        self.named_to(cx, pos)
            .iter()
            .chain(pc.iter())
            .filter(|(i, sp)| *i < pos && fits(sp))
            .max_by_key(|(i, _)| *i)
            .map(|(_, sp)| sp.clone())
            .or_else(|| self.prior().filter(|sp| fits(sp)))
    }

    /// 几位大学生走进教室。他们说: the group a plural pronoun at `pos`
    /// refers back to, a source described as several (a plural noun, a
    /// group quantifier) outside the quotes earlier in the unit, the
    /// nearest first.
    pub fn group_before(&self, cx: &Context, pos: usize) -> Option<Speaker> {
        let u = &cx.u;
        let noun = |i: usize| {
            cx.outside(i)
                && !self.nx(cx).covered[i]
                && matches!(u.ents.get(i).and_then(|v| v.first()), Some((_, EntityKind::Source(_) | EntityKind::Title(_))))
                && !u.lone_surname_before(i)
        };
        (pos.saturating_sub(GROUP_REACH)..pos).rev().filter(|&i| noun(i)).find_map(|i| {
            let &(e, _) = u.ents.get(i).and_then(|v| v.first())?;
            if e > pos || cx.p.ends_with_org_suffix(i, e) {
                return None;
            }
            let (ds, _) = cx.sentence(i);
            // 华侨十分激动 / 几位大学生: the group opens its clause or is
            // counted; a noun inside a compound (文明市民公约) is no group
            // (a list mark before it, 职工、居民, joins it to a longer subject)
            let opens_clause = |a: usize| {
                a == ds
                    || (a > 0 && marks::is_clause_punct(cx.norm[a - 1]) && !cx.p.char_is(a - 1, Role::Conjunction))
            };
            let counted = |a: usize| cx.p.word_at(a, e, Role::Quantifier).is_some();
            self.described_as(cx, ds, i, e, SpeakerType::Group)
                .filter(|sp| self.one_source(cx, sp) && (opens_clause(sp.span.0) || counted(sp.span.0)))
        })
    }

    /// 64岁的刘永斌大爷……的刘大爷: the person named in full before `pos` in
    /// the unit whose name opens with `surname` (the nearest), for a
    /// surname written with a title or honorific.
    pub fn full_name_before(&self, cx: &Context, pos: usize, surname: &str, title: &str) -> Option<Speaker> {
        let fits = |sp: &Speaker| {
            sp.name.starts_with(surname)
                && sp.name.chars().count() > surname.chars().count()
                && !sp.name.ends_with(title)
                // 馆长李象益 is not the 李教授 of the same paragraph
                && (sp.title.is_empty() || sp.title.contains(title))
        };
        if let Some(sp) =
            self.named_to(cx, pos).iter().rev().filter(|(i, _)| *i < pos).map(|x| &x.1).find(|sp| fits(sp))
        {
            return Some(sp.clone());
        }
        loose_name_before(cx, pos).filter(fits)
    }

    /// 一位李姓居民……成了拆迁户。今天他拿到钥匙: with no person named, a
    /// source described as one (一位, 一个 …) in an earlier sentence of the
    /// unit, the nearest first.
    fn one_described_in_unit(&self, cx: &Context, pos: usize) -> Option<Speaker> {
        let (ss, _) = cx.sentence(pos.min(cx.n.saturating_sub(1)));
        let u = &cx.u;
        // a plural noun (居民) after 一位 is one person too
        let noun = |i: usize| {
            cx.outside(i)
                && !self.nx(cx).covered[i]
                && matches!(
                    u.ents.get(i).and_then(|v| v.first()),
                    Some((_, EntityKind::Source(_) | EntityKind::Title(_)))
                )
                && !u.lone_surname_before(i)
        };
        (ss.saturating_sub(DESCRIBED_REACH)..ss).rev().filter(|&i| noun(i)).find_map(|i| {
            let &(e, _) = u.ents.get(i).and_then(|v| v.first())?;
            let (ds, _) = cx.sentence(i);
            let sp = self.described_phrase(cx, ds, i, e).filter(|sp| self.one_source(cx, sp))?;
            // 一个座谈会 is a body, not the 他 of the next sentence
            if cx.p.ends_with_org_suffix(i, e) {
                return None;
            }
            let q = cx.p.word_at(sp.span.0, e, Role::Quantifier)?;
            cx.p.word_at(sp.span.0, sp.span.0 + q, Role::QuantifierOne).map(|_| sp)
        })
    }
}

/// How far before a plural pronoun a group it refers back to is looked
/// for (characters).
const GROUP_REACH: usize = 200;

/// Can the pronoun `pronoun` (他, 她) stand for `sp`? Not for a person
/// `people.tsv` lists with the other gender; a person of unknown gender
/// fits either.
fn gender_fits(k: &Knowledge, pronoun: &Speaker, sp: &Speaker) -> bool {
    let want = if k.role(Role::PronounFemale).contains(&pronoun.text) {
        Gender::Female
    } else if k.role(Role::PronounMale).contains(&pronoun.text) {
        Gender::Male
    } else {
        return true;
    };
    sp.person.and_then(|i| k.people.get(i)).and_then(|p| p.gender).is_none_or(|g| g == want)
}

/// How far before a pronoun's sentence a source described as one is looked
/// for (characters).
const DESCRIBED_REACH: usize = 300;

/// How far before a pronoun a name no rule vouches for is looked for
/// (characters): keeps the search short.
const LOOSE_NAME_REACH: usize = 160;

/// 藏书达1.2万册的黄世中名列第一。他说: with no person the rules vouch for
/// in the unit, the last name-shaped word before a 他/她 outside the quotes
/// ([`Parser::loose_name_at`]) is its antecedent.
fn loose_name_before(cx: &Context, pos: usize) -> Option<Speaker> {
    let lo = pos.saturating_sub(LOOSE_NAME_REACH);
    (lo..pos).rev().filter(|&i| cx.outside(i)).find_map(|i| {
        let l = cx.p.loose_name_at(i, pos)?;
        // 张文学石头: a name read one character earlier is the one written
        if i > lo && cx.outside(i - 1) && cx.p.loose_name_at(i - 1, pos).is_some() {
            return None;
        }
        let t: String = cx.u.orig[i..i + l].iter().collect();
        Some(Speaker::unlisted(t, String::new(), String::new(), (i, i + l)))
    })
}

/// Resolves the pronoun and lone-surname speakers of the clauses, in
/// order; returns the persons quoted through a cue, with where each cue
/// starts (what a later pronoun may refer to).
pub(crate) fn resolve_pronouns(cx: &Context, clauses: &mut [Clause]) -> Vec<Named> {
    let k = cx.u.k;
    let mut person_clauses: Vec<Named> = Vec::new();
    for c in clauses.iter_mut() {
        if let Some(pronoun) = c.speaker.clone().filter(|sp| sp.stype == SpeakerType::Pronoun) {
            let pos = c.clause_start;
            if let Some(mut r) = cx.coref.antecedent(cx, pos, &person_clauses, &pronoun) {
                r.span = pronoun.span;
                c.speaker = Some(r);
                c.method = super::Method::Pronoun;
            } else if pronoun.text.chars().count() == 1
                && !pronoun.text.chars().all(|x| k.role(Role::PronounPerson).contains(&x.to_string()))
            {
                c.speaker = None; // a lone surname with no person to stand for
            }
        }
        let back_group = c.speaker.as_ref().is_some_and(|sp| k.role(Role::PronounBackGroup).contains(&sp.text));
        if back_group {
            if let Some(mut g) = cx.coref.group_before(cx, c.clause_start) {
                g.span = c.speaker.as_ref().map_or(g.span, |sp| sp.span);
                c.speaker = Some(g);
                c.method = super::Method::GroupPronoun;
            }
        }
        if c.here {
            if let Some(sp) = c.speaker.as_ref().filter(|sp| sp.stype == SpeakerType::Person) {
                person_clauses.push((c.hit.start, sp.clone()));
            }
        }
    }
    person_clauses
}

impl<'a> Unit<'a> {
    /// What naming a person depends on beyond the mentions: which
    /// characters lie outside the unit's quotes (`inq[i] == usize::MAX`),
    /// which mentions sit inside a longer one, and where each clause ends.
    pub(crate) fn name_context(&self, inq: &[usize]) -> NameContext {
        let n = self.norm.len();
        let norm = self.norm;
        // a mention inside a longer one that starts earlier (罗斯 in 俄罗斯) is not a mention
        let mut covered = vec![false; n];
        let mut reach = 0usize;
        for (i, v) in self.ents.iter() {
            covered[i] = reach > i;
            if let Some((e, _)) = v.first() {
                reach = reach.max(*e);
            }
        }
        let mut next_punct = vec![n; n + 1];
        for i in (0..n).rev() {
            next_punct[i] = if marks::is_clause_punct(norm[i]) { i } else { next_punct[i + 1] };
        }
        NameContext { outside: inq.iter().map(|&q| q == usize::MAX).collect(), covered, next_punct }
    }

    /// The person (and where it starts) named by the mention(s) `v` at `i`:
    /// a lexicon person, title + name, or a name opening a clause.
    pub(crate) fn named_at(
        &self,
        p: &Parser,
        nx: &NameContext,
        i: usize,
        v: &[(usize, EntityKind)],
    ) -> Option<Named> {
        if !nx.outside(i) || nx.covered[i] {
            return None;
        }
        let found = self
            .name_opening_clause(p, nx, i)
            .or_else(|| self.title_and_name(p, i, v))
            .or_else(|| self.listed_person(i, v));
        if found.is_none() && i > 0 {
            if let Some(x) = self.surname_and_title(p, nx, i, v) {
                return Some(x);
            }
        }
        found.map(|sp| (i, sp))
    }

    /// A name opening a clause (霍思燕在片中饰演……), perhaps after a
    /// connective (虽然冯绍峰……); an unlisted name with
    /// no title needs three characters and a common surname.
    fn name_opening_clause(&self, p: &Parser, nx: &NameContext, i: usize) -> Option<Speaker> {
        let norm = self.norm;
        let opens = |i: usize| {
            i == 0
                || (nx.outside(i - 1)
                    && (marks::is_clause_punct(norm[i - 1]) || p.char_is(i - 1, Role::Attributive)))
        };
        // 虽然冯绍峰……: a connective may open the clause before the name
        let after_connective = || {
            p.word_before(i.saturating_sub(MAX_CONNECTIVE), i, Role::Connective).is_some_and(|l| opens(i - l))
        };
        if !p.could_open_person(i) || !(opens(i) || after_connective()) {
            return None;
        }
        let lim = nx.next_punct[i];
        let (sp, _) = p.parse_forward(i, lim).or_else(|| p.leading_person(i, lim))?;
        let common = sp.name.chars().next().is_some_and(|c| self.common_surname(c));
        let long = sp.name.chars().count() >= 3;
        // 德桑蒂斯: a foreign name of three transliteration characters or more
        let foreign = long && sp.name.chars().all(|c| self.k.translit.contains(&c));
        let strong = sp.person.is_some() || !sp.title.is_empty() || (long && (common || foreign));
        Some(sp).filter(|sp| sp.stype == SpeakerType::Person && strong)
    }

    /// Title + name anywhere: 村支书赵大山.
    fn title_and_name(&self, p: &Parser, i: usize, v: &[(usize, EntityKind)]) -> Option<Speaker> {
        let Some((te, EntityKind::Title(_))) = v.first() else { return None };
        let (sp, _) = p.parse_forward(i, self.norm.len().min(te + 12))?;
        Some(sp).filter(|sp| sp.stype == SpeakerType::Person && sp.span.0 == i)
    }

    /// A person of the lexicon.
    fn listed_person(&self, i: usize, v: &[(usize, EntityKind)]) -> Option<Speaker> {
        let Some((e, EntityKind::Person(pi))) = v.first() else { return None };
        let t: String = self.orig[i..*e].iter().collect();
        Some(Speaker {
            text: t.clone(),
            name: t,
            title: String::new(),
            affiliation: String::new(),
            stype: SpeakerType::Person,
            key: self.k.people[*pi].name.clone(),
            span: (i, *e),
            person: Some(*pi),
        })
    }

    /// Surname + title standing for a person: 孙书记, 周老师.
    fn surname_and_title(
        &self,
        p: &Parser,
        nx: &NameContext,
        i: usize,
        v: &[(usize, EntityKind)],
    ) -> Option<Named> {
        let Some((te, EntityKind::Title(false))) = v.first() else { return None };
        if !(self.lone_surname_before(i) && nx.outside(i - 1)) {
            return None;
        }
        let (sp, _) = p.parse_forward(i - 1, self.norm.len().min(te + 1))?;
        Some((i - 1, sp)).filter(|(_, sp)| sp.stype == SpeakerType::Person && sp.span == (i - 1, *te))
    }

    /// The last person the unit names outside its quotes, and where: what a
    /// later 他 or zero subject may refer to (see [`super::Carry::Open`]).
    pub fn last_named(&self) -> Option<(usize, Speaker)> {
        let p = self.parser();
        let nx = self.name_context(&self.quote_cover());
        self.ents.iter().rev().find_map(|(i, m)| self.named_at(&p, &nx, i, m))
    }

    /// Is `c` a surname at least as common as [`COMMON_SURNAME_RANK`]?
    pub(crate) fn common_surname(&self, c: char) -> bool {
        self.k.surname_rank.get(&c).is_some_and(|&r| r <= COMMON_SURNAME_RANK)
    }

    /// Does a common surname stand alone right before `i` (孙书记, not 有关负责人)?
    pub(crate) fn lone_surname_before(&self, i: usize) -> bool {
        let ideograph = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        i > 0 && self.common_surname(self.norm[i - 1]) && (i == 1 || !ideograph(self.norm[i - 2]))
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::testing::rows;

    #[test]
    fn a_name_no_rule_vouches_for_resolves_a_pronoun() {
        let got = rows("藏书最多的黄世中名列第一。他说：“读书在于陶冶性情。”");
        assert_eq!(got, ["direct | 读书在于陶冶性情。 | 黄世中 | colon"]);
    }

    #[test]
    fn one_source_described_in_an_earlier_sentence() {
        let got = rows("一位老年居民成了拆迁户。今天他连声说：“政府真讲信用。”");
        assert_eq!(got, ["direct | 政府真讲信用。 | 一位老年居民 | colon"]);
    }

    #[test]
    fn a_plural_pronoun_takes_the_group_described_before() {
        let got = rows("几位大学生走进了教室。他们说：“我们很高兴。”");
        assert_eq!(got, ["direct | 我们很高兴。 | 几位大学生 | colon"]);
    }

    #[test]
    fn a_plural_pronoun_with_no_group_before_stays() {
        let got = rows("他们说：“我们很高兴。”");
        assert_eq!(got, ["direct | 我们很高兴。 | 他们 | colon"]);
    }

    #[test]
    fn she_never_stands_for_a_man_of_the_lexicon() {
        let got = rows("华春莹介绍了王毅的行程。她说：“访问很成功。”");
        assert_eq!(got, ["direct | 访问很成功。 | 华春莹 | colon"]);
        let got = rows("王毅会见了华春莹。他说：“访问很成功。”");
        assert_eq!(got, ["direct | 访问很成功。 | 王毅 | colon"]);
    }
}
