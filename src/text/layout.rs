//! Page structure: lines become paragraphs; paragraphs are grouped into
//! articles (a `# ` title, a continuation marker or a closing dateline starts
//! or ends one); paragraphs broken across newspaper columns are re-threaded;
//! a quotation opened on each paragraph of a long speech is kept in one unit.

use super::marks::{self, balance};
use super::normalize::is_space;
use crate::lexicon::{Knowledge, Role};

/// A run of characters `[start, end)` in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The same run as a byte range of the text it was read from.
    pub bytes: (usize, usize),
}

/// The text that attribution reads as one paragraph: one or more pieces of
/// the original. Pieces of a re-threaded paragraph are not contiguous.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The pieces in reading order.
    pub pieces: Vec<Piece>,
    /// Joined from a paragraph broken across columns.
    pub stitched: bool,
    /// Ends mid-sentence and no continuation was found.
    pub unterminated: bool,
}

/// One article of a page.
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// The `# ` title, if any.
    pub title: String,
    /// Subtitles and section heads.
    pub headings: Vec<String>,
    /// Reporter names from bylines.
    pub reporters: Vec<String>,
    /// Agency from the dateline.
    pub agency: String,
    /// Place from the dateline.
    pub place: String,
    /// Date from the dateline.
    pub date: String,
    /// Body units in reading order.
    pub units: Vec<Unit>,
    /// Body paragraphs (source lines) in the article.
    pub paragraphs: usize,
    /// 1-based line of the article's first line.
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prev {
    Other,
    Break,
    Dateline,
}

struct Open {
    article: usize,
    unit: usize,
    quote_open: bool,
    last_para: usize,
}

fn trimmed(orig: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && is_space(orig[s]) {
        s += 1;
    }
    while e > s && is_space(orig[e - 1]) {
        e -= 1;
    }
    (s, e)
}

/// Does the paragraph end mid-sentence, the way a column break leaves it?
pub(crate) fn is_broken(norm: &[char]) -> bool {
    broken_with(norm, || balance(norm))
}

/// [`is_broken`] on a line of text (trimmed here), with no allocation for
/// the common line that ends its paragraph.
pub(crate) fn is_broken_line(line: &str) -> bool {
    let line = line.trim();
    match line.chars().next_back() {
        None => false,
        Some(last) if marks::is_paragraph_end(last) => false,
        Some(_) => is_broken(&line.chars().collect::<Vec<char>>()),
    }
}

/// [`is_broken`], with the paragraph's balance computed only if needed.
fn broken_with(norm: &[char], bal: impl FnOnce() -> marks::Balance) -> bool {
    let Some(&last) = norm.last() else { return false };
    if marks::is_paragraph_end(last) {
        return false;
    }
    norm.len() >= 10 && (norm.iter().any(|&c| marks::is_clause_punct(c)) || !bal().open_at_end.is_empty())
}

/// How many characters of a paragraph's normalised `line` are a dateline and
/// byline opening it (本报成都1月20日电记者李华报道：): none when `re` does
/// not match at its start.
fn dateline_lead(re: &regex::Regex, line: &str) -> usize {
    re.find(line).filter(|m| m.start() == 0 && !m.is_empty()).map_or(0, |m| m.as_str().chars().count())
}

/// One line `[s, e)` (bytes `line_b` of `text`) as an article of its own
/// (`--each-line`), the dateline and byline opening it left out.
fn line_article(
    text: &str,
    orig: &[char],
    norm: &[char],
    dateline_prefix: &regex::Regex,
    (s, e): (usize, usize),
    line_b: (usize, usize),
    line_no: usize,
) -> Article {
    let lead = if norm[s..e] == orig[s..e] {
        dateline_lead(dateline_prefix, &text[line_b.0..line_b.1])
    } else {
        dateline_lead(dateline_prefix, &norm[s..e].iter().collect::<String>())
    };
    let (s2, _) = trimmed(orig, s + lead, e);
    let mut article = Article { line: line_no, paragraphs: 1, ..Article::default() };
    if s2 < e {
        let bytes = (line_b.0 + super::utf8_len(&orig[s..s2]), line_b.1);
        article.units.push(Unit {
            pieces: vec![Piece { start: s2, end: e, bytes }],
            stitched: false,
            unterminated: false,
        });
    }
    article
}

/// Splits `orig` (the decoded text, as characters) into articles.
/// With `each_line`, every body line is an article of its own (corpora of
/// one passage per line) and nothing is re-threaded.
///
/// `text` is the string `orig` was read from: a line that normalisation
/// left unchanged is matched against the layout patterns in place.
pub fn layout(text: &str, orig: &[char], norm: &[char], k: &Knowledge, each_line: bool) -> Vec<Article> {
    let re = |n: &str| k.layout.get(n).expect("layout pattern checked at load");
    let heading = re("heading");
    let dateline = re("dateline");
    let byline = re("byline");
    let continuation = re("continuation");
    let dateline_prefix = re("dateline_prefix");
    let non_initial = k.role(Role::NonInitial);

    let mut articles: Vec<Article> = Vec::new();
    let mut cur: Option<usize> = None;
    let mut open: Vec<Open> = Vec::new();
    let mut prev = Prev::Other;
    let mut para_no = 0usize;
    let mut line_start = 0usize;
    let mut line_no = 0usize;
    let n = orig.len();
    debug_assert_eq!(text.chars().count(), n, "text and orig disagree");
    // `ob` is the byte offset in `text` of character `i`
    let (mut i, mut ob, mut line_start_b) = (0usize, 0usize, 0usize);
    let mut buf = String::new();
    while i <= n {
        if i < n && orig[i] != '\n' {
            ob += orig[i].len_utf8();
            i += 1;
            continue;
        }
        let (s, e) = trimmed(orig, line_start, i);
        let bytes = |a: usize, b: usize| super::utf8_len(&orig[a..b]);
        let line_b = (line_start_b + bytes(line_start, s), ob - bytes(e, i));
        line_start = i + 1;
        line_start_b = ob + 1; // past the '\n'
        ob = line_start_b;
        i += 1;
        line_no += 1;
        if s == e {
            continue;
        }
        if each_line {
            articles.push(line_article(text, orig, norm, dateline_prefix, (s, e), line_b, line_no));
            continue;
        }
        para_no += 1;
        // the normalised line, as a string
        let line: &str = if norm[s..e] == orig[s..e] {
            &text[line_b.0..line_b.1]
        } else {
            buf.clear();
            buf.extend(&norm[s..e]);
            &buf
        };
        let new_article = |articles: &mut Vec<Article>| {
            articles.push(Article { line: line_no, ..Article::default() });
            articles.len() - 1
        };
        if let Some(c) = heading.captures(line) {
            let level = c.get(1).map_or(1, |m| m.as_str().len());
            let text: String = orig[s..e].iter().collect::<String>();
            let text = text.trim_start_matches('#').trim().to_string();
            if level == 1 {
                let a = new_article(&mut articles);
                articles[a].title = text;
                cur = Some(a);
            } else {
                let a = *cur.get_or_insert_with(|| new_article(&mut articles));
                articles[a].headings.push(text);
            }
            prev = Prev::Other;
            continue;
        }
        if dateline.is_match(line) {
            let a = *cur.get_or_insert_with(|| new_article(&mut articles));
            if let Some(c) = re("dateline_parts").captures(line) {
                let g = |i: usize| c.get(i).map_or(String::new(), |m| m.as_str().to_string());
                articles[a].agency = g(1);
                articles[a].place = g(2);
                articles[a].date = g(3);
            }
            cur = None;
            prev = Prev::Dateline;
            continue;
        }
        if byline.is_match(line) {
            let a = *cur.get_or_insert_with(|| new_article(&mut articles));
            if let Some(c) = re("byline_names").captures(line) {
                let names = c.get(1).map_or("", |m| m.as_str());
                for name in names.split(|c: char| c.is_whitespace() || "、，,）)".contains(c)) {
                    if !name.is_empty() {
                        articles[a].reporters.push(name.to_string());
                    }
                }
            }
            continue;
        }
        let (s0, mut s) = (s, s);
        if let Some(m) = continuation.find(line) {
            let a = new_article(&mut articles);
            cur = Some(a);
            s += line[..m.end()].chars().count();
            let (s2, _) = trimmed(orig, s, e);
            s = s2;
            if s == e {
                continue;
            }
        }
        // 本报成都1月20日电记者李华报道：…… the dateline and byline that open
        // a paragraph are not part of its text (a reporter is never a source)
        let lead = if s == s0 {
            dateline_lead(dateline_prefix, line)
        } else {
            dateline_lead(dateline_prefix, &norm[s..e].iter().collect::<String>())
        };
        if lead > 0 {
            (s, _) = trimmed(orig, s + lead, e);
            if s == e {
                continue;
            }
        }
        let piece = Piece { start: s, end: e, bytes: (line_b.0 + bytes(s0, s), line_b.1) };
        let text = &norm[s..e];
        let bal = balance(text);
        let broken = broken_with(text, || bal.clone());
        let first = text[0];
        let strong = bal.leading_closer
            || non_initial.contains(first.encode_utf8(&mut [0u8; 4]) as &str)
            || (marks::is_clause_punct(first) && first != '…');
        let weak = matches!(prev, Prev::Break | Prev::Dateline);
        // a column-broken paragraph continues here?
        let mut target: Option<usize> = None;
        if !open.is_empty() && (strong || weak) {
            let eligible = |o: &Open| strong || o.last_para + 1 != para_no;
            target = if bal.leading_closer {
                open.iter().position(|o| o.quote_open && eligible(o))
            } else {
                open.iter().position(|o| !o.quote_open && eligible(o))
            };
            if target.is_none() && strong {
                target = open.iter().position(eligible);
            }
        }
        if let Some(t) = target {
            let o = open.remove(t);
            let art = &mut articles[o.article];
            art.paragraphs += 1;
            let unit = &mut art.units[o.unit];
            unit.pieces.push(piece);
            unit.stitched = true;
            cur = Some(o.article);
            if broken {
                let joined: Vec<char> =
                    unit.pieces.iter().flat_map(|p| norm[p.start..p.end].iter().copied()).collect();
                let qo = !balance(&joined).open_at_end.is_empty();
                open.push(Open { article: o.article, unit: o.unit, quote_open: qo, last_para: para_no });
                prev = Prev::Break;
            } else {
                prev = Prev::Other;
            }
            continue;
        }
        let a = *cur.get_or_insert_with(|| new_article(&mut articles));
        let art = &mut articles[a];
        art.paragraphs += 1;
        // a long speech: the previous paragraph ended inside an open quote
        // after a full sentence, and this one reopens the same mark.
        if let Some(last) = art.units.last_mut() {
            let lp = *last.pieces.last().expect("units have pieces");
            let ends_sentence = lp.end > lp.start && marks::is_terminal(norm[lp.end - 1]);
            let contiguous = !last.stitched && lp.end <= s && norm[lp.end..s].iter().all(|&c| is_space(c));
            // the whole unit's balance, read only when the cheap tests pass
            let reopens = || {
                let lt: Vec<char> =
                    last.pieces.iter().flat_map(|p| norm[p.start..p.end].iter().copied()).collect();
                let lb = balance(&lt);
                lb.open_at_end.len() == 1 && lb.open_at_end[0] == first
            };
            let opener = marks::closer_of(first).is_some();
            if contiguous && ends_sentence && opener && reopens() {
                let lp = last.pieces.last_mut().expect("piece");
                lp.end = e;
                lp.bytes.1 = line_b.1;
                prev = Prev::Other;
                continue;
            }
        }
        art.units.push(Unit { pieces: vec![piece], stitched: false, unterminated: false });
        if broken {
            let unit = art.units.len() - 1;
            open.push(Open { article: a, unit, quote_open: !bal.open_at_end.is_empty(), last_para: para_no });
            prev = Prev::Break;
        } else {
            prev = Prev::Other;
        }
    }
    for o in open {
        articles[o.article].units[o.unit].unterminated = true;
    }
    articles.retain(|a| !a.units.is_empty() || !a.title.is_empty());
    articles
}
