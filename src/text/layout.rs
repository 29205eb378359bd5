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
    let mut page = Page::new(k, norm);
    let n = orig.len();
    debug_assert_eq!(text.chars().count(), n, "text and orig disagree");
    let (mut line_start, mut line_no) = (0usize, 0usize);
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
            page.articles.push(line_article(text, orig, norm, page.dateline_prefix, (s, e), line_b, line_no));
            continue;
        }
        // the normalised line, as a string
        let line: &str = if norm[s..e] == orig[s..e] {
            &text[line_b.0..line_b.1]
        } else {
            buf.clear();
            buf.extend(&norm[s..e]);
            &buf
        };
        page.line(Line { orig, text: line, span: (s, e), bytes: line_b, no: line_no });
    }
    page.finish()
}

/// One non-blank line of the page: its characters `span` of `orig`, its
/// bytes in the text, its normalised `text`, its 1-based number.
struct Line<'a> {
    orig: &'a [char],
    text: &'a str,
    span: (usize, usize),
    bytes: (usize, usize),
    no: usize,
}

/// The state of [`layout`] between lines: the articles so far, the current
/// one, the paragraphs left open by a column break.
struct Page<'k> {
    k: &'k Knowledge,
    norm: &'k [char],
    heading: &'k regex::Regex,
    dateline: &'k regex::Regex,
    byline: &'k regex::Regex,
    continuation: &'k regex::Regex,
    dateline_prefix: &'k regex::Regex,
    articles: Vec<Article>,
    cur: Option<usize>,
    open: Vec<Open>,
    prev: Prev,
    para_no: usize,
    line_no: usize,
}

impl<'k> Page<'k> {
    fn new(k: &'k Knowledge, norm: &'k [char]) -> Self {
        let re = |n: &str| k.layout.get(n).expect("layout pattern checked at load");
        Page {
            k,
            norm,
            heading: re("heading"),
            dateline: re("dateline"),
            byline: re("byline"),
            continuation: re("continuation"),
            dateline_prefix: re("dateline_prefix"),
            articles: Vec::new(),
            cur: None,
            open: Vec::new(),
            prev: Prev::Other,
            para_no: 0,
            line_no: 0,
        }
    }

    fn new_article(&mut self) -> usize {
        self.articles.push(Article { line: self.line_no, ..Article::default() });
        self.articles.len() - 1
    }

    /// The current article, started here when there is none.
    fn current(&mut self) -> usize {
        match self.cur {
            Some(a) => a,
            None => {
                let a = self.new_article();
                self.cur = Some(a);
                a
            }
        }
    }

    /// Reads one line: a heading, dateline or byline, or a paragraph.
    fn line(&mut self, l: Line<'_>) {
        self.para_no += 1;
        self.line_no = l.no;
        if self.heading_line(&l) || self.dateline_line(&l) || self.byline_line(&l) {
            return;
        }
        self.paragraph(&l);
    }

    fn heading_line(&mut self, l: &Line<'_>) -> bool {
        let Some(c) = self.heading.captures(l.text) else { return false };
        let level = c.get(1).map_or(1, |m| m.as_str().len());
        let text: String = l.orig[l.span.0..l.span.1].iter().collect::<String>();
        let text = text.trim_start_matches('#').trim().to_string();
        if level == 1 {
            let a = self.new_article();
            self.articles[a].title = text;
            self.cur = Some(a);
        } else {
            let a = self.current();
            self.articles[a].headings.push(text);
        }
        self.prev = Prev::Other;
        true
    }

    fn dateline_line(&mut self, l: &Line<'_>) -> bool {
        if !self.dateline.is_match(l.text) {
            return false;
        }
        let a = self.current();
        if let Some(c) = self.k.layout.get("dateline_parts").and_then(|re| re.captures(l.text)) {
            let g = |i: usize| c.get(i).map_or(String::new(), |m| m.as_str().to_string());
            self.articles[a].agency = g(1);
            self.articles[a].place = g(2);
            self.articles[a].date = g(3);
        }
        self.cur = None;
        self.prev = Prev::Dateline;
        true
    }

    fn byline_line(&mut self, l: &Line<'_>) -> bool {
        if !self.byline.is_match(l.text) {
            return false;
        }
        let a = self.current();
        if let Some(c) = self.k.layout.get("byline_names").and_then(|re| re.captures(l.text)) {
            let names = c.get(1).map_or("", |m| m.as_str());
            for name in names.split(|c: char| c.is_whitespace() || "、，,）)".contains(c)) {
                if !name.is_empty() {
                    self.articles[a].reporters.push(name.to_string());
                }
            }
        }
        true
    }

    /// Where the paragraph's own text starts: past a continuation mark
    /// (which starts an article) and an opening dateline and byline. `None`
    /// when nothing is left.
    fn body_start(&mut self, l: &Line<'_>) -> Option<usize> {
        let (s0, e) = l.span;
        let mut s = s0;
        if let Some(m) = self.continuation.find(l.text) {
            let a = self.new_article();
            self.cur = Some(a);
            s += l.text[..m.end()].chars().count();
            (s, _) = trimmed(l.orig, s, e);
            if s == e {
                return None;
            }
        }
        // 本报成都1月20日电记者李华报道：…… the dateline and byline that open
        // a paragraph are not part of its text (a reporter is never a source)
        let lead = if s == s0 {
            dateline_lead(self.dateline_prefix, l.text)
        } else {
            dateline_lead(self.dateline_prefix, &self.norm[s..e].iter().collect::<String>())
        };
        if lead > 0 {
            (s, _) = trimmed(l.orig, s + lead, e);
            if s == e {
                return None;
            }
        }
        Some(s)
    }

    fn paragraph(&mut self, l: &Line<'_>) {
        let (s0, e) = l.span;
        let Some(s) = self.body_start(l) else { return };
        let norm = self.norm;
        let piece =
            Piece { start: s, end: e, bytes: (l.bytes.0 + super::utf8_len(&l.orig[s0..s]), l.bytes.1) };
        let text = &norm[s..e];
        let bal = balance(text);
        let broken = broken_with(text, || bal.clone());
        let first = text[0];
        let strong = bal.leading_closer
            || self.k.role(Role::NonInitial).contains(first.encode_utf8(&mut [0u8; 4]) as &str)
            || (marks::is_clause_punct(first) && first != '…');
        let weak = matches!(self.prev, Prev::Break | Prev::Dateline);
        if let Some(t) = self.continues(strong, weak, bal.leading_closer) {
            self.stitch(t, piece, broken);
            return;
        }
        let a = self.current();
        self.articles[a].paragraphs += 1;
        if self.long_speech(a, s, e, first, l.bytes.1) {
            self.prev = Prev::Other;
            return;
        }
        let art = &mut self.articles[a];
        art.units.push(Unit { pieces: vec![piece], stitched: false, unterminated: false });
        if broken {
            let unit = art.units.len() - 1;
            let quote_open = !bal.open_at_end.is_empty();
            self.open.push(Open { article: a, unit, quote_open, last_para: self.para_no });
            self.prev = Prev::Break;
        } else {
            self.prev = Prev::Other;
        }
    }

    /// The open paragraph (left by a column break) this one continues, if
    /// any: after a strong sign (a closing mark, a character that cannot
    /// open a sentence, clause punctuation) or a weak one (a break or a
    /// dateline just before).
    fn continues(&self, strong: bool, weak: bool, leading_closer: bool) -> Option<usize> {
        if self.open.is_empty() || !(strong || weak) {
            return None;
        }
        let eligible = |o: &Open| strong || o.last_para + 1 != self.para_no;
        let target = if leading_closer {
            self.open.iter().position(|o| o.quote_open && eligible(o))
        } else {
            self.open.iter().position(|o| !o.quote_open && eligible(o))
        };
        if target.is_none() && strong {
            return self.open.iter().position(eligible);
        }
        target
    }

    /// Joins `piece` to the open paragraph `t`.
    fn stitch(&mut self, t: usize, piece: Piece, broken: bool) {
        let o = self.open.remove(t);
        let norm = self.norm;
        let art = &mut self.articles[o.article];
        art.paragraphs += 1;
        let unit = &mut art.units[o.unit];
        unit.pieces.push(piece);
        unit.stitched = true;
        self.cur = Some(o.article);
        if broken {
            let joined: Vec<char> =
                unit.pieces.iter().flat_map(|p| norm[p.start..p.end].iter().copied()).collect();
            let qo = !balance(&joined).open_at_end.is_empty();
            self.open.push(Open {
                article: o.article,
                unit: o.unit,
                quote_open: qo,
                last_para: self.para_no,
            });
            self.prev = Prev::Break;
        } else {
            self.prev = Prev::Other;
        }
    }

    /// A long speech: the previous paragraph of article `a` ended inside an
    /// open quote after a full sentence, and this one (`s..e`, opening with
    /// `first`) reopens the same mark; it is joined to it.
    fn long_speech(&mut self, a: usize, s: usize, e: usize, first: char, end_b: usize) -> bool {
        let norm = self.norm;
        let Some(last) = self.articles[a].units.last_mut() else { return false };
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
            lp.bytes.1 = end_b;
            return true;
        }
        false
    }

    fn finish(mut self) -> Vec<Article> {
        for o in self.open {
            self.articles[o.article].units[o.unit].unterminated = true;
        }
        self.articles.retain(|a| !a.units.is_empty() || !a.title.is_empty());
        self.articles
    }
}
