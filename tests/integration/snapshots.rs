//! Snapshots of every quote on the fixture articles (`tests/fixtures/articles`,
//! one snapshot per file with `insta::glob!`) and on the example article, one
//! line per quote, so a lexicon or rule edit is reviewed as a diff
//! (`cargo insta review`). Under each quote a `rules:` line names the
//! entries of `lexicons/stance.toml` and `lexicons/themes.toml` behind its
//! stance, cue stance and themes, with the keywords they matched.
//!
//! Terms are included (`--include-terms`). `*.lines.txt` files are read one
//! document per line (`--each-line`), the others whole. Every fixture line
//! was read against `../shared/corpus/ANNOTATION.md`; where yinyu's answer
//! is wrong, the snapshot keeps what yinyu says (so a fix shows as a diff)
//! and [`KNOWN_WRONG`] says what the right answer is, marking the line
//! `✗ want …`.

use std::path::Path;
use yinyu::{Lexicons, Quote, Tagger};

/// One answer yinyu gets wrong on a fixture.
struct Wrong {
    /// The fixture file.
    file: &'static str,
    /// The first characters of the row's words.
    words: &'static str,
    /// The column: speaker, speaker_type, title, affiliation, kind, stance.
    field: &'static str,
    /// What yinyu says (the test fails when it no longer does: then remove
    /// the entry and review the snapshot diff).
    got: &'static str,
    /// The answer by ANNOTATION.md.
    want: &'static str,
    /// Why.
    why: &'static str,
}

const fn wrong(
    file: &'static str,
    words: &'static str,
    field: &'static str,
    got: &'static str,
    want: &'static str,
    why: &'static str,
) -> Wrong {
    Wrong { file, words, field, got, want, why }
}

/// Answers yinyu gets wrong on the fixtures, each with its reason. `words`
/// "" names every row of the file whose `field` is `got`.
const KNOWN_WRONG: &[Wrong] = &[
    // stance: the speaker's side announcing or pledging its own action is
    // `commit` (ANNOTATION.md: 我们将……, 宣布将……); yinyu reads 要 as a call
    // on others or finds no stance words
    wrong(
        "press-conference.txt",
        "到2027年",
        "stance",
        "neutral",
        "commit",
        "the district head announces his side's own plan",
    ),
    wrong(
        "press-conference.txt",
        "我们不是要造",
        "stance",
        "call",
        "commit",
        "我们……要让 is the speaker's own side pledging, not a call on others",
    ),
    wrong(
        "press-conference.txt",
        "首批二百个",
        "stance",
        "neutral",
        "commit",
        "the bureau head announces her bureau's own work",
    ),
    wrong(
        "press-conference.txt",
        "所有采集的",
        "stance",
        "neutral",
        "commit",
        "a pledge of the bureau about its own data handling",
    ),
    wrong(
        "two-dispatches.txt",
        "集团计划",
        "stance",
        "neutral",
        "commit",
        "the manager announces his company's own plan",
    ),
    wrong(
        "column-breaks.txt",
        "老街改造",
        "stance",
        "call",
        "commit",
        "我们要把……放在第一位 is the bureau's own pledge",
    ),
    wrong(
        "column-breaks.txt",
        "下个月我们",
        "stance",
        "support",
        "commit",
        "我们还会再开 is own action; commit outranks support (欢迎)",
    ),
    wrong(
        "village-interview.txt",
        "明年还想",
        "stance",
        "oppose",
        "commit",
        "the speaker's own intention; oppose.rhetorical fires on 还想",
    ),
    // stance: praise and rejection without the verbs the rules know
    wrong(
        "press-conference.txt",
        "新区的做法",
        "stance",
        "neutral",
        "support",
        "praise: 提供了借鉴, 走在了全省前面",
    ),
    wrong(
        "press-conference.txt",
        "走在了全省",
        "stance",
        "neutral",
        "support",
        "praise of the district's approach",
    ),
    wrong(
        "legislature-traditional.txt",
        "這個答案",
        "stance",
        "neutral",
        "oppose",
        "民眾不會接受 rejects the minister's answer",
    ),
    // title and affiliation: a role compound split into affiliation + title
    wrong(
        "press-conference.txt",
        "这套系统",
        "affiliation",
        "公交",
        "",
        "公交司机 is a role, 公交 no organisation",
    ),
    wrong(
        "column-breaks.txt",
        "改造方案",
        "affiliation",
        "居民",
        "",
        "居民代表 is a role, 居民 no organisation",
    ),
    wrong("column-breaks.txt", "改造方案", "title", "代表", "居民代表", "the role as written is 居民代表"),
    wrong(
        "legislature-traditional.txt",
        "",
        "title",
        "長",
        "部長",
        "交通部長: the title is 部長 (the same in simplified: 交通部长 gives 长)",
    ),
    wrong(
        "short-items.lines.txt",
        "本周末",
        "affiliation",
        "",
        "气象台",
        "气象台首席预报员: 气象台 is the affiliation, left inside the title",
    ),
    wrong(
        "harbour-traditional-curly.txt",
        "工程費用",
        "affiliation",
        "海濱事務",
        "",
        "the committee itself speaks (a group); nothing to split off",
    ),
    // speakers
    wrong(
        "harbour-traditional-curly.txt",
        "",
        "speaker",
        "街坊李婆婆",
        "李婆婆",
        "surname + honorific is a person (as 何大妈); 街坊 is her role",
    ),
    wrong(
        "harbour-traditional-curly.txt",
        "",
        "speaker_type",
        "anonymous",
        "person",
        "李婆婆 is a named person",
    ),
    wrong("harbour-traditional-curly.txt", "", "affiliation", "街坊李", "", "街坊李 is no organisation"),
    wrong(
        "legislature-traditional.txt",
        "第二標段",
        "speaker",
        "工程顧問",
        "一名不願具名的工程顧問",
        "an unnamed source is the whole description (as 一名不愿具名的知情人士)",
    ),
    wrong("legislature-traditional.txt", "第二標段", "affiliation", "工程", "", "工程 is no organisation"),
    wrong(
        "legislature-traditional.txt",
        "相關單位",
        "speaker",
        "陳志遠",
        "一名不願具名的工程顧問",
        "他 is the consultant of the sentence before, not the minister two paragraphs up",
    ),
    // kinds
    wrong(
        "short-items.lines.txt",
        "已经到了",
        "kind",
        "term",
        "partial",
        "a quoted clause of the speaker inside reported speech (ANNOTATION.md: 他强调，要“坚定不移”推进……)",
    ),
];

fn field(q: &Quote, name: &str) -> String {
    match name {
        "speaker" => q.speaker.clone(),
        "speaker_type" => q.speaker_type_str().to_string(),
        "title" => q.title.clone(),
        "affiliation" => q.affiliation.clone(),
        "kind" => q.kind.to_string(),
        "stance" => q.stance_str().to_string(),
        "method" => q.method.to_string(),
        _ => panic!("KNOWN_WRONG names an unknown field {name}"),
    }
}

/// The known-wrong entries of `file` that row `q` matches.
fn known_wrong<'a>(file: &str, q: &Quote) -> Vec<&'a Wrong> {
    KNOWN_WRONG
        .iter()
        .filter(|w| w.file == file && q.text.starts_with(w.words) && field(q, w.field) == w.got)
        .collect()
}

/// The lexicon file holding theme or stance rule `id` (`x.y@sentence` is
/// rule `x.y` read on the sentence around short words; `t@article` is theme
/// `t`, the one the article's lead is about).
fn rule_file(id: &str) -> &'static str {
    if id.ends_with("@article") {
        return "themes.toml";
    }
    let base = id.split('@').next().unwrap_or(id);
    let needle = format!("id = \"{base}\"");
    for (file, text) in [
        ("stance.toml", include_str!("../../lexicons/stance.toml")),
        ("themes.toml", include_str!("../../lexicons/themes.toml")),
    ] {
        if text.contains(&needle) {
            return file;
        }
    }
    panic!("rule {id} is in neither lexicons/stance.toml nor lexicons/themes.toml")
}

/// The rules behind the row's stance, cue stance and themes.
fn rules(q: &Quote) -> String {
    let decided = |label: &str| {
        label == q.stance_str() || label == q.cue_stance_str() || q.themes.iter().any(|t| t == label)
    };
    let mut out = Vec::new();
    for e in q.evidence.iter().filter(|e| decided(&e.label)) {
        let words: Vec<&str> = e.keywords.iter().map(|k| &*k.0).collect();
        let words = if words.is_empty() { String::new() } else { format!("({})", words.join(",")) };
        out.push(format!("{} {}{words}", rule_file(&e.rule), e.rule));
    }
    out.join("; ")
}

fn render(file: &str, text: &str, tagger: &Tagger, with_rules: bool) -> String {
    let line_of: Vec<usize> = {
        let mut v = Vec::new();
        let mut line = 1;
        for c in text.chars() {
            v.push(line);
            if c == '\n' {
                line += 1;
            }
        }
        v.push(line);
        v
    };
    let mut out = String::from(
        "line | kind | words | speaker (type) | title | affiliation | cue | method | themes | stance\n",
    );
    for q in tagger.tag("doc", text).quotes {
        let line = line_of[q.start.min(line_of.len() - 1)];
        out.push_str(&format!("L{line} | {}\n", yinyu::review::row_line(&q)));
        for w in known_wrong(file, &q) {
            out.push_str(&format!("    ✗ want {} {:?}, not {:?}: {}\n", w.field, w.want, w.got, w.why));
        }
        if with_rules {
            let r = rules(&q);
            if !r.is_empty() {
                out.push_str(&format!("    rules: {r}\n"));
            }
        }
    }
    out
}

fn settings(description: String) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(description);
    settings
}

#[test]
fn fixture_articles() {
    insta::glob!("../fixtures/articles", "*.txt", |path| {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let each_line = file.ends_with(".lines.txt");
        let text = std::fs::read_to_string(path).unwrap();
        let tagger =
            Tagger::builder().each_line(each_line).include_terms(true).build(&Lexicons::embedded()).unwrap();
        let how = if each_line { "one document per line" } else { "whole file" };
        settings(format!("{file} ({how}, with terms)"))
            .bind(|| insta::assert_snapshot!("fixture", render(&file, &text, &tagger, true)));
    });
}

/// Every KNOWN_WRONG entry still describes a row of its fixture: when yinyu
/// is fixed, the entry goes (and the snapshot diff is reviewed).
#[test]
fn known_wrong_answers_are_still_given() {
    let mut stale = Vec::new();
    for w in KNOWN_WRONG {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles").join(w.file),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", w.file));
        let tagger = Tagger::builder()
            .each_line(w.file.ends_with(".lines.txt"))
            .include_terms(true)
            .build(&Lexicons::embedded())
            .unwrap();
        let rows = tagger.tag("doc", &text).quotes;
        if !rows.iter().any(|q| known_wrong(w.file, q).iter().any(|k| std::ptr::eq(*k, w))) {
            stale.push(format!(
                "{} {:?}: {} is no longer {:?} (want {:?})",
                w.file, w.words, w.field, w.got, w.want
            ));
        }
        assert_ne!(w.got, w.want, "{} {:?}", w.file, w.words);
        assert!(!w.why.is_empty());
    }
    assert!(stale.is_empty(), "KNOWN_WRONG entries that no longer hold:\n{}", stale.join("\n"));
}

#[test]
fn example_article() {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/article.txt"));
    let text = std::fs::read_to_string(path).unwrap();
    let tagger = Tagger::new().unwrap();
    settings("article.txt (whole file)".to_string())
        .bind(|| insta::assert_snapshot!("example-article", render("", &text, &tagger, false)));
}
