//! One self-contained HTML page of a run: every article with its quotes
//! highlighted and coloured by speaker, speaker labels, cue verbs, theme
//! and stance badges, and a table of the article's speakers.
//!
//! The page has inline CSS and a few lines of inline JavaScript, and loads
//! nothing. Every quote piece is a `<mark class="q">` with `data-qid` (one id
//! per quote, shared by its pieces), `data-speaker-id`, `data-kind`,
//! `data-stance` and `data-themes`. Overlapping spans (a partial inside an
//! indirect, a cue inside a quote) are nested; a span that crosses another's
//! end, or a line end, is closed and reopened, so the HTML is always well
//! formed. The script counts the distinct `data-qid` in the document and
//! writes the count to `body[data-rendered-quotes]`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use yinyu::record::Stance;
use yinyu::record::{DocRecord, Quote};
use yinyu::tagger::{Tagged, Tagger};

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// A hue 0–359 for a speaker id, the same in every run (FNV-1a).
pub fn hue(speaker_id: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in speaker_id.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    // spread neighbouring hashes over the wheel in steps of a prime
    (h % 72) * 5
}

/// An article's paragraphs, each as the character ranges of its pieces.
type Paragraphs = Vec<Vec<(usize, usize)>>;

/// One article to draw: its record, its quotes, and its paragraphs.
struct ArticleView<'a> {
    rec: &'a DocRecord,
    quotes: Vec<&'a Quote>,
    paragraphs: Paragraphs,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum What {
    /// Quote index within the article, and whether this is its last piece.
    Quote(usize, bool),
    Cue(usize),
    Speaker(usize),
}

#[derive(Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    what: What,
}

/// Tags every input with `tagger` and renders one HTML page.
/// `inputs` are (name, text) pairs; names become the `doc` column as in
/// `extract`.
pub fn render_page(tagger: &Tagger, inputs: &[(String, String)]) -> String {
    let tagged: Vec<(Vec<Paragraphs>, Tagged)> =
        inputs.iter().map(|(name, text)| (tagger.article_paragraphs(text), tagger.tag(name, text))).collect();
    let total: usize = tagged.iter().map(|t| t.1.quotes.len()).sum();
    let mut body = String::new();
    let mut n_articles = 0;
    for (fi, ((name, text), (paras, t))) in inputs.iter().zip(&tagged).enumerate() {
        let chars: Vec<char> = text.chars().collect();
        let _ = writeln!(body, "<section class=\"file\"><h2 class=\"fname\">{}</h2>", escape(name));
        for (ai, rec) in t.docs.iter().enumerate() {
            let view = ArticleView {
                rec,
                quotes: t.quotes.iter().filter(|q| q.doc == rec.doc).collect(),
                paragraphs: paras.get(ai).cloned().unwrap_or_default(),
            };
            article(&mut body, &view, &chars, &format!("f{fi}a{ai}"));
            n_articles += 1;
        }
        body.push_str("</section>\n");
    }
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str("<title>yinyu: who said what</title>\n<style>\n");
    o.push_str(CSS);
    o.push_str("</style>\n</head>\n");
    let _ = writeln!(o, "<body data-expected-quotes=\"{total}\">");
    let _ = writeln!(
        o,
        "<header><h1>Who said what</h1><p class=\"sum\">{} file(s), {n_articles} article(s), \
         <span id=\"count\">{total}</span> quote(s). \
         <span class=\"legend\"><mark class=\"q k-direct\">direct</mark> \
         <mark class=\"q k-partial\">partial</mark> <mark class=\"q k-indirect\">indirect</mark> \
         <span class=\"cue\">cue</span> <span class=\"spk\">speaker</span></span></p></header>",
        inputs.len()
    );
    o.push_str(&body);
    o.push_str("<script>\n");
    o.push_str(JS);
    o.push_str("</script>\n</body>\n</html>\n");
    o
}

fn article(o: &mut String, v: &ArticleView, chars: &[char], id: &str) {
    let r = v.rec;
    let _ = write!(o, "<article id=\"{id}\" data-doc=\"{}\">\n<div class=\"text\">", escape(&r.doc));
    let title = if r.title.is_empty() { r.doc.as_str() } else { r.title.as_str() };
    let _ = write!(o, "<h3>{}</h3>", escape(title));
    let meta: Vec<&str> = [r.doc.as_str(), &r.agency, &r.place, &r.date, &r.reporters]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let _ = writeln!(o, "<p class=\"meta\">{}</p>", escape(&meta.join(" · ")));
    let marks = Marks::new(v, id);
    for para in &v.paragraphs {
        marks.paragraph(o, para, chars);
    }
    o.push_str("</div>\n");
    speakers_table(o, v);
    o.push_str("</article>\n");
}

/// The marked spans of one article (quote pieces, cues, speakers) and
/// where each starts, longer spans outside.
struct Marks<'v, 'a> {
    v: &'v ArticleView<'a>,
    id: &'v str,
    spans: Vec<Span>,
    starts: BTreeMap<usize, Vec<usize>>,
}

impl<'v, 'a> Marks<'v, 'a> {
    fn new(v: &'v ArticleView<'a>, id: &'v str) -> Self {
        let mut spans = Vec::new();
        let mut cue_seen = Vec::new();
        let mut spk_seen = Vec::new();
        for (i, q) in v.quotes.iter().enumerate() {
            let pieces = if q.pieces.is_empty() { vec![(q.start, q.end)] } else { q.pieces.clone() };
            let n = pieces.len();
            for (k, (s, e)) in pieces.into_iter().enumerate() {
                spans.push(Span { start: s, end: e, what: What::Quote(i, k + 1 == n) });
            }
            if let Some(c) = q.cue_span.filter(|c| c.1 > c.0 && !cue_seen.contains(c)) {
                cue_seen.push(c);
                spans.push(Span { start: c.0, end: c.1, what: What::Cue(i) });
            }
            if let Some(c) = q.speaker_span.filter(|c| c.1 > c.0 && !spk_seen.contains(c)) {
                spk_seen.push(c);
                spans.push(Span { start: c.0, end: c.1, what: What::Speaker(i) });
            }
        }
        spans.retain(|s| s.end > s.start || matches!(s.what, What::Quote(..)));
        let mut starts: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, s) in spans.iter().enumerate() {
            starts.entry(s.start).or_default().push(i);
        }
        for list in starts.values_mut() {
            // longer spans outside; quotes outside cues and speakers of the same length
            list.sort_by_key(|&i| {
                (std::cmp::Reverse(spans[i].end), !matches!(spans[i].what, What::Quote(..)))
            });
        }
        Marks { v, id, spans, starts }
    }

    fn qid(&self, i: usize) -> String {
        format!("{}q{}", self.id, self.v.quotes[i].quote_id)
    }

    fn open(&self, o: &mut String, s: &Span) {
        match s.what {
            What::Quote(i, _) => {
                let q = self.v.quotes[i];
                let key = if q.speaker_id.is_empty() { "" } else { q.speaker_id.as_str() };
                let style =
                    if key.is_empty() { String::new() } else { format!(" style=\"--h:{}\"", hue(key)) };
                let _ = write!(
                    o,
                    "<mark class=\"q k-{kind}{anon}\" data-qid=\"{qid}\" data-quote-id=\"{n}\" data-speaker-id=\"{sid}\" \
                     data-kind=\"{kind}\" data-stance=\"{stance}\" data-themes=\"{themes}\" data-method=\"{method}\"{style} \
                     title=\"#{n} {kind} · {spk} · {method}\">",
                    kind = escape(q.kind.as_str()),
                    anon = if key.is_empty() { " nospk" } else { "" },
                    qid = escape(&self.qid(i)),
                    n = q.quote_id,
                    sid = escape(&q.speaker_id),
                    stance = escape(q.stance_str()),
                    themes = escape(&q.themes.join(";")),
                    method = escape(&q.method.to_string()),
                    spk = escape(if q.speaker.is_empty() { "unattributed" } else { &q.speaker }),
                );
            }
            What::Cue(i) => {
                let _ = write!(o, "<span class=\"cue\" title=\"cue: {}\">", escape(&self.v.quotes[i].cue));
            }
            What::Speaker(i) => {
                let q = self.v.quotes[i];
                let _ = write!(o, "<span class=\"spk\" style=\"--h:{}\">", hue(&q.speaker_id));
            }
        }
    }

    fn close(o: &mut String, s: &Span) {
        o.push_str(if matches!(s.what, What::Quote(..)) { "</mark>" } else { "</span>" });
    }

    /// The label after quote `i`: speaker, role, themes, stance.
    fn label(&self, o: &mut String, i: usize) {
        let q = self.v.quotes[i];
        let who = if q.speaker.is_empty() { "unattributed".to_string() } else { q.speaker.clone() };
        let role: Vec<&str> =
            [q.affiliation.as_str(), q.title.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
        let style = if q.speaker_id.is_empty() {
            String::new()
        } else {
            format!(" style=\"--h:{}\"", hue(&q.speaker_id))
        };
        let _ = write!(
            o,
            "<span class=\"lab\" data-for=\"{}\"{style}><b>{}</b>",
            escape(&self.qid(i)),
            escape(&who)
        );
        if !role.is_empty() {
            let _ = write!(o, " <i>{}</i>", escape(&role.join(" ")));
        }
        for t in &q.themes {
            let _ = write!(o, " <span class=\"badge theme\">{}</span>", escape(t));
        }
        if q.stance.is_some_and(|s| s != Stance::Neutral) {
            let _ = write!(o, " <span class=\"badge stance s-{0}\">{0}</span>", escape(q.stance_str()));
        }
        o.push_str("</span>");
    }

    /// Closes the spans of `stack` that do not hold `pos` (the end when
    /// `None`), reopening those closed only to keep the nesting, and writes
    /// the label of each quote that ends.
    fn close_before(&self, o: &mut String, stack: &mut Vec<usize>, pos: Option<usize>) {
        let spans = &self.spans;
        let out = |i: usize| pos.is_none_or(|p| !(spans[i].start <= p && p < spans[i].end));
        if !stack.iter().any(|&i| out(i)) {
            return;
        }
        let mut reopen = Vec::new();
        let mut labels = Vec::new();
        while stack.iter().any(|&i| out(i)) {
            let top = stack.pop().expect("non-empty");
            Self::close(o, &spans[top]);
            if !out(top) {
                reopen.push(top);
            } else if let What::Quote(i, true) = spans[top].what {
                labels.push(i);
            }
        }
        for i in labels {
            self.label(o, i);
        }
        for &i in reopen.iter().rev() {
            self.open(o, &spans[i]);
            stack.push(i);
        }
    }

    /// One paragraph (its pieces, joined across layout breaks).
    fn paragraph(&self, o: &mut String, para: &[(usize, usize)], chars: &[char]) {
        o.push_str("<p>");
        let mut stack: Vec<usize> = Vec::new();
        let positions =
            para.iter().enumerate().flat_map(|(k, &(s, e))| (s..e).map(move |p| (p, k > 0 && p == s)));
        for (pos, jump) in positions.map(|(p, j)| (Some(p), j)).chain(std::iter::once((None, false))) {
            self.close_before(o, &mut stack, pos);
            let Some(pos) = pos else { break };
            if jump {
                o.push_str("<span class=\"brk\" title=\"joined across a layout break\">⋯</span>");
            }
            for &i in self.starts.get(&pos).map_or(&[][..], |l| l.as_slice()) {
                let s = &self.spans[i];
                if s.end == pos {
                    // an empty quote: an empty mark, then its label
                    self.open(o, s);
                    Self::close(o, s);
                    if let What::Quote(q, true) = s.what {
                        self.label(o, q);
                    }
                    continue;
                }
                self.open(o, s);
                stack.push(i);
            }
            let c = chars.get(pos).copied().unwrap_or(' ');
            if c != '\n' && c != '\r' {
                o.push_str(&escape(c.encode_utf8(&mut [0; 4])));
            }
        }
        o.push_str("</p>\n");
    }
}

fn speakers_table(o: &mut String, v: &ArticleView) {
    struct Row<'a> {
        q: &'a Quote,
        n: usize,
        themes: BTreeMap<&'a str, usize>,
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for q in &v.quotes {
        let i = *at.entry(q.speaker_id.as_str()).or_insert_with(|| {
            rows.push(Row { q, n: 0, themes: BTreeMap::new() });
            rows.len() - 1
        });
        let r = &mut rows[i];
        r.n += 1;
        for t in &q.themes {
            *r.themes.entry(t.as_str()).or_default() += 1;
        }
        if r.q.title.is_empty() && !q.title.is_empty()
            || r.q.affiliation.is_empty() && !q.affiliation.is_empty()
        {
            r.q = q;
        }
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.n));
    o.push_str("<aside><table class=\"speakers\"><caption>Speakers</caption>\n");
    o.push_str("<tr><th>speaker</th><th>title</th><th>affiliation</th><th>quotes</th><th>themes</th></tr>\n");
    for r in &rows {
        let q = r.q;
        let (who, style) = if q.speaker_id.is_empty() {
            ("unattributed".to_string(), String::new())
        } else {
            (q.speaker.clone(), format!(" style=\"--h:{}\"", hue(&q.speaker_id)))
        };
        let mut themes: Vec<(&str, usize)> = r.themes.iter().map(|(t, n)| (*t, *n)).collect();
        themes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let themes: Vec<String> = themes
            .iter()
            .map(|(t, n)| format!("<span class=\"badge theme\">{} {n}</span>", escape(t)))
            .collect();
        let _ = writeln!(
            o,
            "<tr data-speaker-id=\"{}\"><td class=\"who\" title=\"{}\"><span class=\"sw{}\"{style}></span>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            escape(&q.speaker_id),
            escape(q.speaker_type_str()),
            if q.speaker_id.is_empty() { " nospk" } else { "" },
            escape(&who),
            escape(&q.title),
            escape(&q.affiliation),
            r.n,
            themes.join(" ")
        );
    }
    o.push_str("</table></aside>\n");
}

const CSS: &str = r#"body{font:16px/1.9 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#fafafa;color:#222}
header{padding:.6em 1.5em;background:#263238;color:#eee}
header h1{margin:0;font-size:1.3em}
.sum{margin:.2em 0}
.legend mark.q,.legend span{margin-left:.4em;color:#222}
.legend span{background:#fff}
.legend .cue{padding:0 3px}
.file{padding:0 1.5em}
.fname{font-size:1em;color:#555;border-bottom:1px solid #ccc}
article{display:grid;grid-template-columns:minmax(0,5fr) minmax(22em,2fr);gap:1.5em;margin:1em 0 2em;background:#fff;padding:1em;border:1px solid #e0e0e0;border-radius:6px}
article h3{margin:.2em 0}
.meta{color:#777;font-size:.85em}
.text p{margin:.5em 0}
.text p:empty{display:none}
mark.q{--h:0;background:hsl(var(--h) 80% 88%);border-bottom:2px solid hsl(var(--h) 60% 40%);color:inherit;padding:0 1px;border-radius:2px}
mark.q.nospk{background:#e8e8e8;border-bottom-color:#999}
mark.q.k-partial{border-bottom-style:dotted;box-shadow:inset 0 0 0 1px hsl(var(--h) 60% 40%)}
mark.q.k-indirect{background:hsl(var(--h) 80% 94%);border-bottom-style:dashed}
mark.q mark.q{background:hsl(var(--h) 80% 80%)}
.cue{font-weight:bold;text-decoration:underline wavy #c62828;text-underline-offset:3px}
.spk{--h:0;outline:1px solid hsl(var(--h) 60% 40%);border-radius:3px;color:hsl(var(--h) 60% 30%);font-weight:600}
.lab{--h:0;font-size:.72em;vertical-align:super;line-height:1;margin:0 .2em;padding:1px 4px;border-radius:3px;background:hsl(var(--h) 50% 95%);border:1px solid hsl(var(--h) 50% 70%);white-space:nowrap}
.brk{color:#999;margin:0 .2em}
.lab i{color:#555;font-style:normal}
.badge{display:inline-block;white-space:nowrap;padding:0 4px;border-radius:8px;font-size:.9em;margin-left:2px}
.badge.theme{background:#e3f2fd;color:#0d47a1}
.badge.stance{background:#eee;color:#333}
.s-support{background:#e8f5e9!important;color:#1b5e20!important}
.s-oppose{background:#ffebee!important;color:#b71c1c!important}
.s-call{background:#fff8e1!important;color:#e65100!important}
.s-commit{background:#ede7f6!important;color:#4527a0!important}
table.speakers{border-collapse:collapse;font-size:.85em;width:100%}
.speakers caption{text-align:left;font-weight:bold}
.speakers th,.speakers td{border-bottom:1px solid #eee;padding:2px 4px;text-align:left;vertical-align:top}
.speakers td.n{text-align:right}
.speakers td.who{min-width:6em}
.sw{--h:0;display:inline-block;width:.8em;height:.8em;margin-right:4px;border-radius:2px;background:hsl(var(--h) 70% 70%)}
.sw.nospk{background:#bbb}
.speakers tr{cursor:pointer}
body.focus mark.q:not(.on){opacity:.35}
.speakers tr.on{background:#fffde7}
@media (max-width:800px){article{grid-template-columns:1fr}}
"#;

const JS: &str = r#"(function(){
var ids={};document.querySelectorAll('mark.q[data-qid]').forEach(function(m){ids[m.getAttribute('data-qid')]=1;});
var n=Object.keys(ids).length;document.body.setAttribute('data-rendered-quotes',String(n));
var c=document.getElementById('count');if(c&&String(n)!==document.body.getAttribute('data-expected-quotes')){c.textContent+=' (rendered '+n+'!)';}
document.querySelectorAll('table.speakers tr[data-speaker-id]').forEach(function(tr){tr.addEventListener('click',function(){
var art=tr.closest('article'),id=tr.getAttribute('data-speaker-id'),was=tr.classList.contains('on');
document.querySelectorAll('.on').forEach(function(e){e.classList.remove('on');});document.body.classList.remove('focus');
if(was)return;tr.classList.add('on');document.body.classList.add('focus');
art.querySelectorAll('mark.q').forEach(function(m){if(m.getAttribute('data-speaker-id')===id)m.classList.add('on');});});});
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn hue_is_stable_and_in_range() {
        assert_eq!(hue("abc"), hue("abc"));
        assert!(hue("abc") < 360 && hue("") < 360);
    }

    /// Checks that every element opened is closed in order.
    fn well_formed(html: &str) -> Result<(), String> {
        let mut stack: Vec<String> = Vec::new();
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            let end = rest.find('>').ok_or("unclosed tag")?;
            let tag = &rest[..end];
            rest = &rest[end + 1..];
            if tag.starts_with('!') {
                continue;
            }
            if let Some(name) = tag.strip_prefix('/') {
                let top = stack.pop().ok_or(format!("stray </{name}>"))?;
                if top != name {
                    return Err(format!("</{name}> closes <{top}>"));
                }
            } else {
                let name = tag.split([' ', '\n']).next().unwrap_or("").to_string();
                if !["meta", "br"].contains(&name.as_str()) {
                    stack.push(name);
                }
            }
        }
        if stack.is_empty() {
            Ok(())
        } else {
            Err(format!("left open: {stack:?}"))
        }
    }

    #[test]
    fn nested_and_hostile_text_stays_well_formed() {
        let t = yinyu::Tagger::new().unwrap();
        let text = "<b>&</b>\n气象专家刘明解释说，由于今年雨水偏多，河道里的水位“明显上升，已经超过警戒线”。\n“这是第一段，也是最后一段。”王强说。\n";
        let tagged = t.tag("a<b>.txt", text);
        let kinds: Vec<&str> = tagged.quotes.iter().map(|q| q.kind.as_str()).collect();
        assert_eq!(kinds, ["indirect", "partial", "direct"]);
        let html = render_page(&t, &[("a<b>.txt".to_string(), text.to_string())]);
        well_formed(&html).unwrap();
        assert!(!html.contains("<b>&"));
        assert!(html.contains("&lt;b&gt;&amp;&lt;/b&gt;"));
        assert!(html.contains("a&lt;b&gt;.txt"));
        // the partial's mark opens inside the indirect's mark
        let outer = html.find("data-quote-id=\"1\"").unwrap();
        let inner = html.find("data-quote-id=\"2\"").unwrap();
        assert!(outer < inner && !html[outer..inner].contains("</mark>"));
        assert!(html.contains("data-expected-quotes=\"3\""));
        assert!(html.contains("<span class=\"cue\""));
    }

    fn quote(id: usize, start: usize, end: usize, speaker: &str) -> Quote {
        Quote {
            doc: "d".into(),
            quote_id: id,
            kind: yinyu::Kind::Direct,
            start,
            end,
            text: String::new(),
            speaker: speaker.into(),
            speaker_id: speaker.into(),
            speaker_type: Some(yinyu::SpeakerType::Person),
            title: "<t>".into(),
            affiliation: String::new(),
            cue: String::new(),
            method: yinyu::record::MethodTag::parse("colon").unwrap(),
            confidence: 1.0,
            themes: vec!["a&b".into()],
            stance: Some(yinyu::record::Stance::Support),
            cue_stance: None,
            pieces: vec![(start, end)],
            speaker_span: None,
            cue_span: None,
            evidence: Vec::new(),
        }
    }

    #[test]
    fn crossing_spans_are_split_and_closed_in_order() {
        let chars: Vec<char> = "abcdefghijkl".chars().collect();
        let mut a = quote(1, 0, 6, "x");
        a.cue_span = Some((4, 8));
        let b = quote(2, 3, 9, "y");
        let rec = DocRecord {
            doc: "d".into(),
            title: String::new(),
            reporters: String::new(),
            agency: String::new(),
            place: String::new(),
            date: String::new(),
            paragraphs: 1,
            quotes: 2,
            ..DocRecord::default()
        };
        let v = ArticleView { rec: &rec, quotes: vec![&a, &b], paragraphs: vec![vec![(0, 5), (5, 12)]] };
        let mut o = String::new();
        article(&mut o, &v, &chars, "t");
        well_formed(&o).unwrap();
        // quote 2 is reopened after quote 1 closes; both keep one id
        assert_eq!(o.matches("data-qid=\"tq2\"").count(), 2, "{o}");
        assert_eq!(o.matches("class=\"lab\"").count(), 2);
        assert!(o.contains("&lt;t&gt;") && o.contains("a&amp;b"));
        assert!(o.contains("class=\"brk\""));
        let text: String = o.split('<').map(|p| p.split_once('>').map_or(p, |x| x.1)).collect();
        assert!(text.contains("abcde⋯fx &lt;t&gt;") && text.contains("supportghiy"), "{text}");
    }
}
