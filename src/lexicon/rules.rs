//! Theme and stance rule files (`themes.toml`, `stance.toml`): named keyword
//! lists and rules built from `any` / `all` / `none` / `near` conditions.

use crate::error::LexiconError;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A `near` condition: a keyword of `a` and one of `b` within `within` chars.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NearSpec {
    /// First keyword list.
    pub a: Vec<String>,
    /// Second keyword list.
    pub b: Vec<String>,
    /// Largest distance in characters between the two hits.
    pub within: usize,
    /// The two hits must be different keywords that do not overlap (for
    /// "two different cue words" rules where `a` and `b` are the same list).
    #[serde(default)]
    pub distinct: bool,
}

/// Where a rule looks.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The quote's own words.
    #[default]
    Quote,
    /// The sentence around the quote.
    Sentence,
    /// The cue verb only.
    Cue,
}

/// One rule as written in the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Unique id, reported as evidence.
    pub id: String,
    /// The label the rule votes for.
    pub label: String,
    /// At least one must occur.
    #[serde(default)]
    pub any: Vec<String>,
    /// All must occur.
    #[serde(default)]
    pub all: Vec<String>,
    /// None may occur.
    #[serde(default)]
    pub none: Vec<String>,
    /// Two lists within a distance.
    #[serde(default)]
    pub near: Option<NearSpec>,
    /// Hits preceded by one of these (within `not_after_within`) do not count.
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Distance for `not_after`, default 3.
    #[serde(default)]
    pub not_after_within: Option<usize>,
    /// Hits that overlap a hit of one of these (longer) words do not count:
    /// 人质 inside 有人质疑 (not_within = ["质疑"]).
    #[serde(default)]
    pub not_within: Vec<String>,
    /// Hits of `any` count only where a clause opens: at the start of the
    /// text read, or right after a hit of one of these (punctuation, a
    /// subject): 要 opening 要维护……, not 要 inside 主要 or 需要.
    #[serde(default)]
    pub clause_start: Vec<String>,
    /// Vote weight, default 1.
    #[serde(default)]
    pub weight: Option<f64>,
    /// Where the rule looks.
    #[serde(default)]
    pub scope: Scope,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    precedence: Vec<String>,
    #[serde(default)]
    lists: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    thresholds: BTreeMap<String, f64>,
    #[serde(default)]
    max_labels: Option<usize>,
    #[serde(default)]
    min_share: Option<f64>,
    #[serde(default)]
    context_fallback_chars: Option<usize>,
    #[serde(default)]
    article_fallback_share: Option<f64>,
    #[serde(default)]
    rule: Vec<RuleSpec>,
}

/// A rule with its `@list` references expanded.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Unique id.
    pub id: String,
    /// Label voted for.
    pub label: String,
    /// Expanded `any` keywords.
    pub any: Vec<String>,
    /// Expanded `all` keywords.
    pub all: Vec<String>,
    /// Expanded `none` keywords.
    pub none: Vec<String>,
    /// Expanded `near` lists, distance and the `distinct` flag.
    pub near: Option<(Vec<String>, Vec<String>, usize, bool)>,
    /// Expanded negators.
    pub not_after: Vec<String>,
    /// Negator distance.
    pub not_after_within: usize,
    /// Expanded words whose hits cancel overlapping keyword hits.
    pub not_within: Vec<String>,
    /// Expanded clause openers: when not empty, `any` hits count only at the
    /// start of the text or right after one of these.
    pub clause_start: Vec<String>,
    /// Weight.
    pub weight: f64,
    /// Scope.
    pub scope: Scope,
}

/// A parsed rule file.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// The labels the rules may vote for (`labels = [...]`): the theme ids
    /// of the taxonomy, the stance labels.
    pub labels: Vec<String>,
    /// Which label wins a tie of scores, first first (`precedence = [...]`).
    pub precedence: Vec<String>,
    /// The rules, in file order.
    pub rules: Vec<Rule>,
    /// Per-label thresholds (`default` applies to the rest).
    pub thresholds: HashMap<String, f64>,
    /// At most this many labels per quote (highest scores first).
    pub max_labels: Option<usize>,
    /// A label must score at least this share of the best label's score.
    pub min_share: f64,
    /// A quote of at most this many characters that gets no label from its
    /// own words takes the labels its sentence gets (a short fragment is
    /// about what its sentence is about). `None`: never.
    pub context_fallback_chars: Option<usize>,
    /// A quote that still has no label takes its article's dominant label
    /// when that label holds at least this share of the article's summed
    /// rule weight (a quote is about what its article is about). `None`: never.
    pub article_fallback_share: Option<f64>,
}

impl RuleSet {
    /// The threshold a label's summed weight must reach.
    pub fn threshold(&self, label: &str) -> f64 {
        self.thresholds.get(label).or_else(|| self.thresholds.get("default")).copied().unwrap_or(1.0)
    }
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

/// Finds the line where `needle` (a rule id or list name) is defined.
fn find_line(text: &str, needle: &str) -> usize {
    text.find(needle).map(|b| line_of(text, b)).unwrap_or(0)
}

/// Parses and validates a rule file: its `labels` (when given, every rule
/// votes for one of them), `precedence`, lists and rules. Returns the
/// usable rules and every problem found.
pub fn parse(file: &str, text: &str) -> (RuleSet, Vec<LexiconError>) {
    let mut errs = Vec::new();
    if text.len() > super::tsv::MAX_FILE_BYTES {
        errs.push(LexiconError::new(file, 0, "file is too large"));
        return (RuleSet::default(), errs);
    }
    if text.trim().is_empty() {
        return (RuleSet::default(), errs);
    }
    let spec: FileSpec = match toml::from_str(text) {
        Ok(s) => s,
        Err(e) => {
            errs.push(toml_error(file, text, &e));
            return (RuleSet::default(), errs);
        }
    };
    let mut c = Compiler { file, text, lists: &spec.lists, used: HashSet::new(), errs };
    c.check_labels(&spec);
    let labels: Vec<&str> = spec.labels.iter().map(String::as_str).collect();
    c.check_lists();
    let lines = rule_lines(text, &spec.rule);
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut rules = Vec::new();
    for (r, &line) in spec.rule.iter().zip(&lines) {
        let mut bad = false;
        if let Some(first) = ids.insert(r.id.as_str(), line) {
            c.err(line, format!("duplicate rule id {:?} (first on line {first})", r.id));
            bad = true;
        }
        if !labels.is_empty() && !labels.contains(&r.label.as_str()) {
            c.err(line, format!("rule {:?}: unknown label {:?}", r.id, r.label));
            bad = true;
        }
        if let Some(rule) = c.rule(r, line).filter(|_| !bad) {
            rules.push(rule);
        }
    }
    c.check_unused();
    let set = c.settings(&spec, rules);
    (set, c.errs)
}

/// A TOML syntax or schema problem, at its line.
fn toml_error(file: &str, text: &str, e: &toml::de::Error) -> LexiconError {
    let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
    // the toml crate gives no message for some syntax errors (a bare
    // carriage return, a value missing at the end): name the offending
    // character instead
    let msg = match e.message().trim() {
        "" => match e.span().map(|s| text.get(s.start..).and_then(|t| t.chars().next())) {
            Some(Some(c)) => format!("invalid TOML: unexpected {c:?}"),
            Some(None) => "invalid TOML: unexpected end of file".to_string(),
            None => "invalid TOML".to_string(),
        },
        m => m.to_string(),
    };
    LexiconError::new(file, line, msg)
}

/// Each rule's line: its id after the rule's own `[[rule]]` header.
fn rule_lines(text: &str, rules: &[RuleSpec]) -> Vec<usize> {
    let mut headers = Vec::new();
    let mut at = 0;
    for l in text.split_inclusive('\n') {
        if l.trim_start().starts_with("[[rule]]") {
            headers.push(at);
        }
        at += l.len();
    }
    rules
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let from = headers.get(i).copied().unwrap_or(0);
            text[from..]
                .find(&format!("\"{}\"", r.id))
                .map(|b| line_of(text, from + b))
                .unwrap_or_else(|| find_line(text, &format!("\"{}\"", r.id)))
        })
        .collect()
}

/// Turns rule specs into rules: expands `@list` references, records which
/// lists are used, and collects every problem.
struct Compiler<'a> {
    file: &'a str,
    text: &'a str,
    lists: &'a BTreeMap<String, Vec<String>>,
    used: HashSet<String>,
    errs: Vec<LexiconError>,
}

impl Compiler<'_> {
    fn err(&mut self, line: usize, msg: impl Into<String>) {
        self.errs.push(LexiconError::new(self.file, line, msg));
    }

    fn list_line(&self, name: &str) -> usize {
        find_line(self.text, &format!("{name} ="))
    }

    /// The file names its labels, each once, and ranks only those.
    fn check_labels(&mut self, spec: &FileSpec) {
        let line = find_line(self.text, "labels =");
        let mut seen = HashSet::new();
        for l in &spec.labels {
            if !seen.insert(l.as_str()) {
                self.err(line, format!("label {l:?} is listed twice"));
            }
        }
        let line = find_line(self.text, "precedence =");
        for p in &spec.precedence {
            if !seen.contains(p.as_str()) {
                self.err(line, format!("precedence names {p:?}, which is not in labels"));
            }
        }
    }

    /// Every list has keywords, none empty or repeated.
    fn check_lists(&mut self) {
        for (name, words) in self.lists {
            let line = self.list_line(name);
            if words.is_empty() {
                self.err(line, format!("list {name:?} is empty"));
            }
            let mut seen = HashSet::new();
            for w in words {
                if w.trim().is_empty() {
                    self.err(line, format!("list {name:?} has an empty keyword"));
                } else if !seen.insert(w.as_str()) {
                    self.err(line, format!("list {name:?} repeats {w:?}"));
                }
            }
        }
    }

    fn check_unused(&mut self) {
        for name in self.lists.keys() {
            if !self.used.contains(name) {
                let line = self.list_line(name);
                self.err(line, format!("list {name:?} is never used"));
            }
        }
    }

    /// The keywords of `words` with each `@list` replaced by its words.
    fn expand(&mut self, id: &str, line: usize, words: &[String], what: &str) -> Vec<String> {
        let mut out = Vec::new();
        for w in words {
            if let Some(name) = w.strip_prefix('@') {
                match self.lists.get(name) {
                    Some(l) => {
                        self.used.insert(name.to_string());
                        out.extend(l.iter().cloned());
                    }
                    None => self.err(line, format!("rule {id:?}: {what} names unknown list @{name}")),
                }
            } else if w.trim().is_empty() {
                self.err(line, format!("rule {id:?}: empty keyword in {what}"));
            } else {
                out.push(w.clone());
            }
        }
        out
    }

    /// The rule of `r`, or `None` (with its problems recorded) when it
    /// cannot be used.
    fn rule(&mut self, r: &RuleSpec, line: usize) -> Option<Rule> {
        let id = r.id.as_str();
        let rule = Rule {
            id: r.id.clone(),
            label: r.label.clone(),
            any: self.expand(id, line, &r.any, "any"),
            all: self.expand(id, line, &r.all, "all"),
            none: self.expand(id, line, &r.none, "none"),
            not_after: self.expand(id, line, &r.not_after, "not_after"),
            not_after_within: r.not_after_within.unwrap_or(3),
            not_within: self.expand(id, line, &r.not_within, "not_within"),
            clause_start: self.expand(id, line, &r.clause_start, "clause_start"),
            near: r.near.as_ref().map(|n| {
                (
                    self.expand(id, line, &n.a, "near.a"),
                    self.expand(id, line, &n.b, "near.b"),
                    n.within,
                    n.distinct,
                )
            }),
            weight: r.weight.unwrap_or(1.0),
            scope: r.scope,
        };
        let problems = rule_problems(&rule);
        let ok = problems.is_empty();
        for p in problems {
            self.err(line, p);
        }
        ok.then_some(rule)
    }

    /// The file's settings around its rules.
    fn settings(&mut self, spec: &FileSpec, rules: Vec<Rule>) -> RuleSet {
        let min_share = spec.min_share.unwrap_or(0.0);
        if !(0.0..=1.0).contains(&min_share) {
            let line = find_line(self.text, "min_share");
            self.err(line, "min_share must be between 0 and 1");
        }
        if spec.article_fallback_share.is_some_and(|s| !(0.0..=1.0).contains(&s)) {
            let line = find_line(self.text, "article_fallback_share");
            self.err(line, "article_fallback_share must be between 0 and 1");
        }
        RuleSet {
            labels: spec.labels.clone(),
            precedence: spec.precedence.clone(),
            rules,
            thresholds: spec.thresholds.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            max_labels: spec.max_labels,
            min_share,
            context_fallback_chars: spec.context_fallback_chars,
            article_fallback_share: spec.article_fallback_share,
        }
    }
}

/// Why a rule can never work: no keywords, an empty near list, a keyword
/// both required and vetoed, a weight that is not a positive number.
fn rule_problems(r: &Rule) -> Vec<String> {
    let id = &r.id;
    let mut p = Vec::new();
    if r.any.is_empty() && r.all.is_empty() && r.near.is_none() {
        p.push(format!("rule {id:?} has no any, all or near keywords"));
    }
    if r.near.as_ref().is_some_and(|(a, b, _, _)| a.is_empty() || b.is_empty()) {
        p.push(format!("rule {id:?}: near lists must not be empty"));
    }
    let noneset: HashSet<&String> = r.none.iter().collect();
    if let Some(w) = r.all.iter().find(|w| noneset.contains(w)) {
        p.push(format!("rule {id:?} can never fire: {w:?} is in both all and none"));
    }
    if !r.any.is_empty() && r.any.iter().all(|w| noneset.contains(w)) {
        p.push(format!("rule {id:?} can never fire: every any keyword is in none"));
    }
    if !r.weight.is_finite() || r.weight <= 0.0 {
        p.push(format!("rule {id:?}: weight must be a positive number"));
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_lists_and_reports_problems() {
        let text = r#"
[lists]
a = ["x", "y"]
unused = ["z"]

[[rule]]
id = "t.one"
label = "trade"
any = ["@a", "w"]

[[rule]]
id = "t.two"
label = "nope"
any = ["@missing"]
"#;
        let (set, errs) = parse(
            "t.toml",
            &format!(
                "labels = [\"trade\"]
{text}"
            ),
        );
        assert_eq!(set.rules.len(), 1);
        assert_eq!(set.rules[0].any, vec!["x", "y", "w"]);
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(msgs.iter().any(|m| m.contains("unknown label") && m.starts_with("t.toml:13:")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("@missing")), "{msgs:?}");
        assert!(
            msgs.iter().any(|m| m.contains("\"unused\" is never used") && m.starts_with("t.toml:5:")),
            "{msgs:?}"
        );
    }

    #[test]
    fn syntax_error_has_a_line() {
        let (_, errs) = parse("t.toml", "[lists]\na = [\"x\"\n[[rule]]\n");
        assert_eq!(errs.len(), 1);
        assert!(errs[0].line > 0);
    }
}
