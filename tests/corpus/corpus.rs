//! The seed page against its gold file, and offsets as a property.

use crate::corpus_dir;
use yinyu::{Lexicons, Quote, Tagger};

fn strip(s: &str) -> String {
    let t: &[char] =
        &['“', '”', '‘', '’', '「', '」', '『', '』', '"', '\'', ' ', '，', '。', '：', '（', '）', '…', '—'];
    s.trim_matches(t).replace(['“', '”', '‘', '’'], "")
}

/// End-to-end F1 the way `score.py` computes it (head match, speaker containment).
fn e2e_f1(gold: &str, quotes: &[Quote]) -> (f64, Vec<String>) {
    let mut rdr = csv::Reader::from_reader(gold.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let preds: Vec<&Quote> = quotes.iter().filter(|q| q.kind != "term").collect();
    let mut used = vec![false; rows.len()];
    let mut pairs = vec![None; preds.len()];
    for strict in [true, false] {
        for (pi, p) in preds.iter().enumerate() {
            if pairs[pi].is_some() {
                continue;
            }
            let t = strip(&p.text);
            for (gi, g) in rows.iter().enumerate() {
                if used[gi] {
                    continue;
                }
                let h = strip(&g[2]);
                let hit = if strict {
                    t.starts_with(&h)
                } else {
                    t.chars().take(h.chars().count() + 8).collect::<String>().contains(&h)
                };
                if hit {
                    used[gi] = true;
                    pairs[pi] = Some(gi);
                    break;
                }
            }
        }
    }
    let key = |s: &str| s.replace(['·', ' '], "");
    let mut errors = Vec::new();
    let (mut correct, mut fp) = (0usize, 0usize);
    for (pi, p) in preds.iter().enumerate() {
        match pairs[pi] {
            Some(gi) if &rows[gi][8] == "1" => {
                let (g, s) = (key(&rows[gi][3]), key(&p.speaker));
                if !s.is_empty()
                    && (g == s
                        || g.contains(&s) && s.chars().count() + 3 >= g.chars().count()
                        || s.contains(&g))
                {
                    correct += 1;
                } else {
                    errors.push(format!(
                        "line {} {}: gold {} got {}",
                        &rows[gi][0], &rows[gi][2], &rows[gi][3], p.speaker
                    ));
                }
            }
            Some(_) => {}
            None => {
                fp += 1;
                errors.push(format!("false positive: {}", p.text));
            }
        }
    }
    let required = rows.iter().filter(|g| &g[8] == "1").count();
    let matched_req = pairs.iter().flatten().filter(|&&gi| &rows[gi][8] == "1").count();
    for (gi, g) in rows.iter().enumerate() {
        if !used[gi] && &g[8] == "1" {
            errors.push(format!("missed line {} {}", &g[0], &g[2]));
        }
    }
    let prec = correct as f64 / (matched_req + fp).max(1) as f64;
    let rec = correct as f64 / required.max(1) as f64;
    (if prec + rec > 0.0 { 2.0 * prec * rec / (prec + rec) } else { 0.0 }, errors)
}

const SEED: &str = "xinhua-china-central-asia-2025";

#[test]
fn seed_page_end_to_end() {
    let dir = corpus_dir();
    let text = std::fs::read_to_string(dir.join(format!("{SEED}.txt"))).unwrap();
    let gold = std::fs::read_to_string(dir.join(format!("{SEED}.gold.csv"))).unwrap();
    let tagged = Tagger::new().unwrap().tag("seed.txt", &text);
    let (f1, errors) = e2e_f1(&gold, &tagged.quotes);
    assert!(f1 >= 0.95, "end-to-end F1 {f1:.3} < 0.95:\n{}", errors.join("\n"));
    // the page holds three articles, with their bylines and datelines
    assert_eq!(tagged.docs.len(), 3, "{:?}", tagged.docs);
    assert_eq!(tagged.docs[0].reporters, "韩梁;赵婕");
    assert_eq!(tagged.docs[1].title, "合作之路越走越宽广 友谊之花越开越灿烂");
    assert_eq!(tagged.docs[2].place, "北京");
    // four column breaks, each re-joined into one row
    let stitched = tagged.quotes.iter().filter(|q| q.method.stitched).count();
    assert_eq!(stitched, 4, "{:#?}", tagged.quotes.iter().filter(|q| q.method.stitched).collect::<Vec<_>>());
}

#[test]
fn seed_page_without_the_people_lexicon() {
    let dir = corpus_dir();
    let lexdir = std::env::temp_dir().join(format!("yinyu-nopeople-{}", std::process::id()));
    std::fs::create_dir_all(&lexdir).unwrap();
    std::fs::write(lexdir.join("people.tsv"), "").unwrap();
    let tagger = Tagger::builder().build(&Lexicons::from_dir(&lexdir).unwrap()).unwrap();
    let text = std::fs::read_to_string(dir.join(format!("{SEED}.txt"))).unwrap();
    let gold = std::fs::read_to_string(dir.join(format!("{SEED}.gold.csv"))).unwrap();
    let (f1, errors) = e2e_f1(&gold, &tagger.tag("seed.txt", &text).quotes);
    std::fs::remove_dir_all(&lexdir).ok();
    assert!(f1 >= 0.85, "end-to-end F1 without people {f1:.3} < 0.85:\n{}", errors.join("\n"));
}

fn corpus_files() -> Vec<std::path::PathBuf> {
    let dir = corpus_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .chain(std::fs::read_dir(dir.join("dev")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

/// For every row on every corpus file, the original text at start..end is
/// the row's text (or, for a re-joined row, its pieces joined).
#[test]
fn offsets_slice_the_original_text() {
    let tagger = Tagger::builder().include_terms(true).build(&Lexicons::embedded()).unwrap();
    let mut rows = 0;
    for f in corpus_files() {
        let text = std::fs::read_to_string(&f).unwrap();
        let chars: Vec<char> = text.chars().collect();
        for q in tagger.tag("f", &text).quotes {
            rows += 1;
            assert!(q.start <= q.end && q.end <= chars.len(), "{}: {q:?}", f.display());
            let joined: String = q.pieces.iter().flat_map(|&(s, e)| chars[s..e].iter()).collect();
            assert_eq!(joined, q.text, "{}: pieces of {q:?}", f.display());
            if !q.method.stitched {
                let slice: String = chars[q.start..q.end].iter().collect();
                assert_eq!(slice, q.text, "{}: {q:?}", f.display());
            }
            if let Some((s, e)) = q.cue_span {
                assert_eq!(chars[s..e].iter().collect::<String>(), q.cue);
            }
        }
    }
    assert!(rows > 500, "only {rows} rows over the corpus");
}

/// Running a line alone or inside the whole file gives the same rows.
#[test]
fn each_line_mode_is_independent_of_neighbours() {
    let dir = corpus_dir();
    let text = std::fs::read_to_string(dir.join("dev/cnews-dev.txt")).unwrap();
    let tagger = Tagger::builder().each_line(true).build(&Lexicons::embedded()).unwrap();
    let all = tagger.tag("f", &text).quotes;
    let line_no = 17usize;
    let line = text.lines().nth(line_no - 1).unwrap();
    let alone = tagger.tag("f", line).quotes;
    let offset: usize = text.lines().take(line_no - 1).map(|l| l.chars().count() + 1).sum();
    let inside: Vec<_> = all.iter().filter(|q| q.doc == format!("f:{line_no}")).collect();
    assert_eq!(alone.len(), inside.len());
    for (a, b) in alone.iter().zip(inside) {
        assert_eq!(
            (a.start + offset, a.end + offset, &a.text, &a.speaker),
            (b.start, b.end, &b.text, &b.speaker)
        );
    }
}
