//! `TaggerBuilder` → `Tagger`: owns every compiled automaton and regex, and
//! runs the pipeline over one text: layout → quote spans → mentions →
//! attribution → themes and stance → records.

use crate::attribution::registry::Registry;
use crate::attribution::{later_person, Carry, DocState, Found, Kind, Speaker, SpeakerType, Unit as AUnit};
use crate::error::Error;
use crate::lexicon::{Knowledge, Lexicons};
use crate::mentions::{byte_to_char, ByteToChar, CueHit, Matchers};
use crate::quotes;
use crate::record::{CueStance, DocRecord, MethodTag, Quote, Stance};
use crate::stream::{Segment, Segments};
use crate::text::decode::DecodeOptions;
use crate::text::layout::{layout, Article};
use crate::text::normalize::Folder;
use crate::text::utf8_len;
use crate::themes::{Engine, Evidence, Hits, Scanner};
use std::borrow::Cow;
use std::cell::OnceCell;

/// Characters of an article read for its dominant theme.
const ARTICLE_LEAD_CHARS: usize = 1500;

/// Characters of a quote's sentence read for its themes and stance on each
/// side of the words: a whole news sentence, but not a run-on "sentence" of
/// thousands of quotes, each of which would read all the others' keywords.
const SENTENCE_CONTEXT_CHARS: usize = 1000;

/// The part of the sentence around the words `f` that themes and stance
/// read: the sentence, at most [`SENTENCE_CONTEXT_CHARS`] either side of the
/// words, inside a text of `len` characters.
fn context_span(f: &Found, len: usize) -> (usize, usize) {
    (
        f.sentence.0.max(f.start.saturating_sub(SENTENCE_CONTEXT_CHARS)),
        f.sentence.1.min(len).min(f.end + SENTENCE_CONTEXT_CHARS),
    )
}

/// Builds a [`Tagger`].
#[derive(Debug, Clone, Default)]
pub struct TaggerBuilder {
    include_terms: bool,
    each_line: bool,
    no_themes: bool,
    no_evidence: bool,
}

impl TaggerBuilder {
    /// Also emit `term` rows (slogans, names, scare quotes).
    pub fn include_terms(&mut self, yes: bool) -> &mut Self {
        self.include_terms = yes;
        self
    }

    /// Treat every line as a document of its own (`doc` = `name:LINE`).
    pub fn each_line(&mut self, yes: bool) -> &mut Self {
        self.each_line = yes;
        self
    }

    /// Tag themes and stance (default); off leaves the `themes`, `stance`
    /// and `cue_stance` columns empty and skips their rules.
    pub fn themes(&mut self, yes: bool) -> &mut Self {
        self.no_themes = !yes;
        self
    }

    /// Keep each quote's `evidence` (default): the theme and stance rules
    /// that fired, with their keywords. Off, themes and stance are still
    /// tagged, but `evidence` stays empty (the CSV output has no column for
    /// it, and a row without it is cheaper to pass on and free).
    pub fn evidence(&mut self, yes: bool) -> &mut Self {
        self.no_evidence = !yes;
        self
    }

    /// Compiles `lexicons` into a tagger.
    pub fn build(&self, lexicons: &Lexicons) -> Result<Tagger, Error> {
        let k = lexicons.compile()?;
        let mut t = Tagger::from_knowledge(k, self.include_terms);
        t.each_line = self.each_line;
        t.themes_on = !self.no_themes;
        t.evidence_on = !self.no_evidence;
        t.themes.keep_evidence(t.evidence_on);
        t.stance.keep_evidence(t.evidence_on);
        Ok(t)
    }
}

/// The compiled tagger. Build once, share read-only across threads.
#[derive(Debug, Clone)]
pub struct Tagger {
    k: Knowledge,
    m: Matchers,
    themes: Engine,
    stance: Engine,
    /// The themes' and the stance's keywords, found in one scan.
    keywords: Scanner,
    include_terms: bool,
    each_line: bool,
    themes_on: bool,
    evidence_on: bool,
    folder: Folder,
    /// One-character words that cannot open a paragraph (where a segment may not be cut).
    non_initial: Vec<char>,
}

/// The result of tagging one text.
#[derive(Debug, Clone, Default)]
pub struct Tagged {
    /// Units of speech in order of appearance.
    pub quotes: Vec<Quote>,
    /// The articles found in the text.
    pub docs: Vec<DocRecord>,
}

/// A text split into articles.
struct Page {
    orig: Vec<char>,
    norm: Vec<char>,
    articles: Vec<Article>,
}

impl Tagger {
    /// A tagger with the embedded lexicons.
    pub fn new() -> Result<Tagger, Error> {
        TaggerBuilder::default().build(&Lexicons::embedded())
    }

    /// A builder.
    pub fn builder() -> TaggerBuilder {
        TaggerBuilder::default()
    }

    fn from_knowledge(k: Knowledge, include_terms: bool) -> Tagger {
        // the mention automata and the keyword automaton are built side by side
        // (on this thread alone where no thread can be started)
        let keyword_side = || {
            let themes = Engine::new(&k.themes);
            let stance = Engine::new(&k.stance);
            let keywords = Scanner::new(&[&themes, &stance]);
            (themes, stance, keywords)
        };
        let (m, (themes, stance, keywords)) = std::thread::scope(|sc| {
            let kw = std::thread::Builder::new().spawn_scoped(sc, keyword_side);
            let m = Matchers::new(&k);
            let side = match kw {
                Ok(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                Err(_) => keyword_side(),
            };
            (m, side)
        });
        let folder = Folder::new(&k.t2s);
        let non_initial = Self::non_initial(&k);
        Tagger {
            k,
            m,
            themes,
            stance,
            keywords,
            include_terms,
            each_line: false,
            themes_on: true,
            evidence_on: true,
            folder,
            non_initial,
        }
    }

    /// Folds one character for matching (full width, traditional script).
    pub(crate) fn fold_char(&self, c: char) -> char {
        self.folder.fold(c)
    }

    /// The compiled automata.
    pub(crate) fn matchers(&self) -> &Matchers {
        &self.m
    }

    /// The parsed lexicons.
    pub fn knowledge(&self) -> &Knowledge {
        &self.k
    }

    /// Tags `text`; `name` becomes the `doc` column (with `#N` per article
    /// when the text holds several). Large texts are read in segments,
    /// exactly as [`Tagger::segments`] and the CLI read them.
    pub fn tag(&self, name: &str, text: &str) -> Tagged {
        let mut quotes = crate::api::Quotes::new(self, name, self.text_segments(name, text));
        let rows = quotes.by_ref().map(|q| q.expect("decoded text cannot fail")).collect();
        Tagged { quotes: rows, docs: quotes.docs() }
    }

    /// The segments of a text already decoded (see [`Tagger::segments`]).
    pub(crate) fn text_segments(&self, name: &str, text: &str) -> Segments<std::io::Empty> {
        Segments::from_text(name, text, self.non_initial.clone()).with_context(!self.each_line)
    }

    /// Reads `r` segment by segment (decoded as `opts` says); tag each with
    /// [`Tagger::tag_segment`], possibly on several threads, and join the
    /// results in order with a [`crate::pipeline::Assembler`] (as
    /// [`crate::pipeline::Pipeline`] does).
    pub fn segments<R: std::io::Read>(&self, name: &str, r: R, opts: DecodeOptions) -> Segments<R> {
        Segments::new(name, r, opts, self.non_initial.clone()).with_context(!self.each_line)
    }

    /// Is every line a document of its own?
    pub fn each_line(&self) -> bool {
        self.each_line
    }

    fn non_initial(k: &Knowledge) -> Vec<char> {
        let mut v: Vec<char> = k
            .role(crate::lexicon::Role::NonInitial)
            .iter()
            .filter_map(|w| {
                let mut c = w.chars();
                match (c.next(), c.next()) {
                    (Some(x), None) => Some(x),
                    _ => None,
                }
            })
            .collect();
        v.sort_unstable();
        v
    }

    /// Tags one segment: its articles, with offsets into the whole input.
    /// Context lines at its start are read for attribution; no row is taken
    /// from them.
    pub fn tag_segment(&self, seg: &Segment) -> SegmentTagged {
        let page = self.prepare(&seg.text);
        let ctx = seg.context_chars;
        let base = seg.base_char;
        let mut parts = Vec::new();
        for (i, art) in page.articles.iter().enumerate() {
            let in_context = ctx > 0 && art.line <= seg.context_lines;
            let own = art.units.iter().filter(|u| u.pieces[0].start >= ctx).count();
            if in_context && own == 0 {
                continue;
            }
            let continues = !self.each_line
                && seg.index > 0
                && if ctx > 0 { in_context } else { i == 0 && art.title.is_empty() };
            let mut quotes = Vec::new();
            self.run_article("", art, &seg.text, &page, ctx, &mut quotes);
            self.article_themes(art, &page.norm, &mut quotes);
            for q in &mut quotes {
                let sh = |(a, b): (usize, usize)| (a + base, b + base);
                q.start += base;
                q.end += base;
                for p in &mut q.pieces {
                    *p = sh(*p);
                }
                q.speaker_span = q.speaker_span.map(sh);
                q.cue_span = q.cue_span.map(sh);
            }
            let n_quotes = quotes.iter().filter(|q| q.kind != "term").count();
            let doc = DocRecord {
                doc: String::new(),
                file: String::new(),
                line: None,
                article: 0,
                title: art.title.clone(),
                reporters: art.reporters.join(";"),
                agency: art.agency.clone(),
                place: art.place.clone(),
                date: art.date.clone(),
                paragraphs: if in_context { own } else { art.paragraphs },
                quotes: n_quotes,
            };
            parts.push(ArticlePart { continues, line: seg.base_line + art.line, quotes, doc });
        }
        SegmentTagged { parts }
    }

    /// The body paragraphs of each article of `text` in reading order, each
    /// as the character ranges of its pieces (several when a paragraph was
    /// re-joined across a column break). For texts of one segment (see
    /// [`Segments`]) the articles are those of [`Tagger::tag`]'s `docs`.
    pub fn article_paragraphs(&self, text: &str) -> Vec<Vec<Vec<(usize, usize)>>> {
        self.prepare(text)
            .articles
            .iter()
            .map(|a| a.units.iter().map(|u| u.pieces.iter().map(|p| (p.start, p.end)).collect()).collect())
            .collect()
    }

    /// Splits `text` into articles (layout only).
    fn prepare(&self, text: &str) -> Page {
        // sized for the worst case (one byte a character): pages never
        // written are never committed, and no copy on growth
        let mut orig: Vec<char> = Vec::with_capacity(text.len());
        orig.extend(text.chars());
        let norm: Vec<char> = orig.iter().map(|&c| self.folder.fold(c)).collect();
        let articles = layout(text, &orig, &norm, &self.k, self.each_line);
        Page { orig, norm, articles }
    }

    /// Tags the units of `art`; units starting before `emit_from` are read
    /// for context only.
    fn run_article(
        &self,
        doc: &str,
        art: &Article,
        text: &str,
        page: &Page,
        emit_from: usize,
        out: &mut Vec<Quote>,
    ) {
        let (orig, norm) = (&page.orig[..], &page.norm[..]);
        let mut state = DocState::default();
        let mut reg = Registry::default();
        // The last person named, for a later 他/她: `settled` as far as it is
        // known, then the units read since whose own last person is not yet
        // worked out, each with the person it quoted through a cue. Most
        // units never need it, so a unit's names are parsed only on demand.
        let mut settled: Option<Speaker> = None;
        let mut open: Vec<(usize, Option<(usize, Speaker)>)> = Vec::new();
        // buffers reused from unit to unit
        let (mut text_buf, mut b2c) = (String::new(), ByteToChar::default());
        for (ui, unit) in art.units.iter().enumerate() {
            let (u_norm, u_orig) = Self::gather(unit, orig, norm);
            let qs = quotes::find(&u_norm);
            // the unit as a string: in place when it is one piece that
            // normalisation left unchanged (most of a simplified-script
            // text), else encoded
            let s = match unit.pieces[..] {
                [p] if u_norm[..] == u_orig[..] => &text[p.bytes.0..p.bytes.1],
                _ => {
                    text_buf.clear();
                    text_buf.extend(u_norm.iter());
                    text_buf.as_str()
                }
            };
            let cue_bytes = self.m.cues(&self.k, s);
            if qs.is_empty() && cue_bytes.is_empty() {
                // no quote mark, no cue: no unit of speech can start here; the
                // state moves on exactly as a full reading would leave it
                state.pending_colon = None;
                state.turn = None;
                open.push((ui, None));
                continue;
            }
            b2c.fill(s);
            let b2c = &b2c;
            let cues: Vec<CueHit> = cue_bytes.into_iter().map(|h| h.to_chars(b2c)).collect();
            let (ents, words) = self.m.scan(s, b2c, u_norm.len());
            let au = AUnit {
                k: &self.k,
                norm: &u_norm,
                orig: &u_orig,
                quotes: &qs,
                cues: &cues,
                ents: &ents,
                words: &words,
            };
            let resolved: OnceCell<Option<Speaker>> = OnceCell::new();
            let earlier =
                || resolved.get_or_init(|| self.last_person(art, orig, norm, &open, &settled)).clone();
            let (found, carry) = au.attribute_with(&mut state, self.include_terms, &earlier);
            if let Some(r) = resolved.into_inner() {
                settled = r;
                open.clear();
            }
            match carry {
                Carry::Person(sp) => {
                    settled = Some(sp);
                    open.clear();
                }
                Carry::Open(from_clauses) => open.push((ui, from_clauses)),
            }
            if unit.pieces[0].start < emit_from {
                continue;
            }
            // theme and stance keywords of the unit, found once for all its quotes
            let hits = if self.themes_on && !found.is_empty() {
                // only where the rows' words, sentences and cues lie
                let lo = found
                    .iter()
                    .flat_map(|f| [f.start, context_span(f, u_norm.len()).0, f.cue.map_or(f.start, |c| c.0)])
                    .min();
                let hi = found
                    .iter()
                    .flat_map(|f| [f.end, context_span(f, u_norm.len()).1, f.cue.map_or(f.end, |c| c.1)])
                    .max();
                let (lo, hi) = (lo.unwrap_or(0), hi.unwrap_or(0).min(u_norm.len()).max(lo.unwrap_or(0)));
                let blo = utf8_len(&u_norm[..lo]);
                let mut h = self.keywords.hits_in(s, b2c, blo..blo + utf8_len(&u_norm[lo..hi])).into_iter();
                (h.next().unwrap_or_default(), h.next().unwrap_or_default())
            } else {
                Default::default()
            };
            let pos = if found.is_empty() { Vec::new() } else { Self::positions(unit) };
            for f in found {
                out.push(self.record(doc, &f, &u_norm, &u_orig, &pos, &mut reg, unit.unterminated, &hits));
            }
        }
    }

    /// Quotes with no theme of their own or of their sentence take the
    /// article's dominant theme, when the rule set asks for it.
    fn article_themes(&self, art: &Article, norm: &[char], quotes: &mut [Quote]) {
        if !self.themes_on || !quotes.iter().any(|q| q.themes.is_empty() && q.kind != "term") {
            return;
        }
        // the lead says what an article is about (and keeps the cost flat)
        let text: String = art
            .units
            .iter()
            .flat_map(|u| u.pieces.iter())
            .flat_map(|p| norm[p.start..p.end].iter())
            .take(ARTICLE_LEAD_CHARS)
            .collect();
        let hits = self.keywords.hits(&text, &byte_to_char(&text)).swap_remove(0);
        let Some(label) = self.themes.dominant_in(&hits) else { return };
        for q in quotes.iter_mut().filter(|q| q.themes.is_empty() && q.kind != "term") {
            q.themes.push(label.clone());
            if !self.evidence_on {
                continue;
            }
            q.evidence.push(crate::themes::Evidence {
                rule: format!("{label}@article").into(),
                label: label.as_str().into(),
                keywords: Vec::new(),
            });
        }
    }

    /// A unit's text, normalised and original: borrowed when the unit is
    /// one piece of the page (nearly always), joined otherwise.
    fn gather<'t>(
        unit: &crate::text::layout::Unit,
        orig: &'t [char],
        norm: &'t [char],
    ) -> (Cow<'t, [char]>, Cow<'t, [char]>) {
        if let [p] = unit.pieces[..] {
            return (Cow::Borrowed(&norm[p.start..p.end]), Cow::Borrowed(&orig[p.start..p.end]));
        }
        let mut u_norm = Vec::new();
        let mut u_orig = Vec::new();
        for p in &unit.pieces {
            u_norm.extend_from_slice(&norm[p.start..p.end]);
            u_orig.extend_from_slice(&orig[p.start..p.end]);
        }
        (Cow::Owned(u_norm), Cow::Owned(u_orig))
    }

    /// The page position of each character of a unit.
    fn positions(unit: &crate::text::layout::Unit) -> Vec<usize> {
        unit.pieces.iter().flat_map(|p| p.start..p.end).collect()
    }

    /// The last person named before the units still `open` were read:
    /// each open unit, latest first, gives the later of the person it
    /// quoted through a cue and the last person it names; else `settled`.
    fn last_person(
        &self,
        art: &Article,
        orig: &[char],
        norm: &[char],
        open: &[(usize, Option<(usize, Speaker)>)],
        settled: &Option<Speaker>,
    ) -> Option<Speaker> {
        for (ui, from_clauses) in open.iter().rev() {
            let named = self.last_named(&art.units[*ui], orig, norm);
            let quoted = from_clauses.as_ref().map(|(i, sp)| (*i, sp));
            if let Some(sp) = later_person(quoted, named.as_ref().map(|(i, sp)| (*i, sp))) {
                return Some(sp.clone());
            }
        }
        settled.clone()
    }

    /// The last person a unit names outside its quotes, and where.
    fn last_named(
        &self,
        unit: &crate::text::layout::Unit,
        orig: &[char],
        norm: &[char],
    ) -> Option<(usize, Speaker)> {
        let (u_norm, u_orig) = Self::gather(unit, orig, norm);
        let qs = quotes::find(&u_norm);
        let s: String = u_norm.iter().collect();
        let b2c = byte_to_char(&s);
        let (ents, words) = self.m.scan(&s, &b2c, u_norm.len());
        let au = AUnit {
            k: &self.k,
            norm: &u_norm,
            orig: &u_orig,
            quotes: &qs,
            cues: &[],
            ents: &ents,
            words: &words,
        };
        au.last_named()
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        doc: &str,
        f: &Found,
        norm: &[char],
        orig: &[char],
        pos: &[usize],
        reg: &mut Registry,
        unterminated: bool,
        hits: &(Hits, Hits),
    ) -> Quote {
        let at = Positions(pos);
        let pieces = at.pieces(f.start, f.end);
        let (start, end) = at.span(f.start, f.end);
        let method = Self::method_tag(f, pos, pieces.len(), unterminated && f.end == norm.len());
        let who = self.speaker_of(f, reg);
        let labels = self.labels(f, norm.len(), hits);
        Quote {
            doc: doc.to_string(),
            quote_id: 0,
            kind: f.kind,
            start,
            end,
            text: orig[f.start..f.end].iter().collect(),
            speaker: who.speaker,
            speaker_id: who.speaker_id,
            speaker_type: f.speaker.as_ref().map(|sp| sp.stype),
            title: who.title,
            affiliation: who.affiliation,
            cue: f.cue.map(|(a, b)| orig[a..b].iter().collect()).unwrap_or_default(),
            method,
            confidence: f.confidence,
            themes: labels.themes,
            stance: labels.stance,
            cue_stance: labels.cue_stance,
            pieces,
            speaker_span: f
                .speaker
                .as_ref()
                .filter(|_| f.speaker_here)
                .map(|sp| at.span(sp.span.0, sp.span.1)),
            cue_span: f.cue.map(|(a, b)| at.span(a, b)),
            evidence: labels.evidence,
        }
    }

    /// The rule, and whether the words (or the words and their speaker)
    /// cross a column break or run to the end with their quote unclosed.
    fn method_tag(f: &Found, pos: &[usize], pieces: usize, unterminated: bool) -> MethodTag {
        let mut method = MethodTag::new(f.method);
        let phrase = f.speaker.as_ref().filter(|_| f.speaker_here).map(|s| s.span);
        let ends = [Some((f.start, f.end)), phrase, f.cue].into_iter().flatten();
        let lo = ends.clone().map(|e| e.0).min().unwrap_or(f.start);
        let hi = ends.map(|e| e.1).max().unwrap_or(f.end);
        let crosses = hi > lo + 1 && (lo + 1..hi).any(|i| pos[i] != pos[i - 1] + 1);
        method.stitched = pieces > 1 || crosses;
        method.unterminated = unterminated;
        method
    }

    /// The speaker's cells; a person is named as the article's registry
    /// knows them (full name, id, carried title and affiliation).
    fn speaker_of(&self, f: &Found, reg: &mut Registry) -> Who {
        let Some(sp) = &f.speaker else { return Who::default() };
        let mut who = Who {
            speaker: sp.text.clone(),
            speaker_id: sp.key.clone(),
            title: sp.title.clone(),
            affiliation: sp.affiliation.clone(),
        };
        if sp.stype == SpeakerType::Person {
            let r = reg.person(&self.k, &who.speaker, &who.speaker_id, &who.title);
            (who.speaker, who.speaker_id) = (r.name, r.key);
            reg.carry(&who.speaker_id, &mut who.title, &mut who.affiliation);
        }
        who
    }

    /// Themes, stance and cue stance of a row, with the rules that fired.
    fn labels(&self, f: &Found, len: usize, hits: &(Hits, Hits)) -> Labels {
        if f.kind == Kind::Term || !self.themes_on {
            return Labels::default();
        }
        let q_span = (f.start, f.end);
        // the sentence, as far as [`SENTENCE_CONTEXT_CHARS`] either side of the words
        let s_span = context_span(f, len);
        let (themes, mut evidence) = self.themes.run_spans(&hits.0, q_span, s_span);
        let (stance, ev) = self.stance.run_spans(&hits.1, q_span, s_span);
        let order = &self.k.stance.precedence;
        let ranked = |l: &str| order.iter().position(|o| o == l);
        let best = stance.iter().filter(|(l, _)| ranked(l).is_some()).max_by(|a, b| {
            a.1.partial_cmp(&b.1)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| ranked(&b.0).cmp(&ranked(&a.0)))
        });
        evidence.extend(ev.into_iter().filter(|e| ranked(&e.label).is_some()));
        let mut cue_stance = None;
        if let Some(cue) = f.cue.filter(|(a, b)| b > a) {
            // the cue's own words: the unit's hits inside it, no context
            let (cl, cev) = self.stance.run_spans(&hits.1, cue, (0, 0));
            cue_stance = cl.iter().find_map(|(l, _)| CueStance::parse(l));
            evidence.extend(cev.into_iter().filter(|e| CueStance::parse(&e.label).is_some()));
        }
        if self.evidence_on {
            evidence.sort_by(|a, b| a.rule.cmp(&b.rule));
        } else {
            evidence = Vec::new();
        }
        Labels {
            themes: themes.into_iter().map(|(l, _)| l).collect(),
            stance: Some(best.and_then(|(l, _)| Stance::parse(l)).unwrap_or(Stance::Neutral)),
            cue_stance,
            evidence,
        }
    }
}

/// Where each character of a unit stands in the original text.
struct Positions<'a>(&'a [usize]);

impl Positions<'_> {
    /// The original span of unit characters `s..e`.
    fn span(&self, s: usize, e: usize) -> (usize, usize) {
        let pos = self.0;
        if e > s {
            (pos[s], pos[e - 1] + 1)
        } else if s < pos.len() {
            (pos[s], pos[s])
        } else {
            let end = pos.last().map_or(0, |p| p + 1);
            (end, end)
        }
    }

    /// The pieces of `s..e` in the original text: split where positions jump.
    fn pieces(&self, s: usize, e: usize) -> Vec<(usize, usize)> {
        let pos = self.0;
        let mut pieces = Vec::new();
        let mut i = s;
        while i < e {
            let mut j = i + 1;
            while j < e && pos[j] == pos[j - 1] + 1 {
                j += 1;
            }
            pieces.push((pos[i], pos[j - 1] + 1));
            i = j;
        }
        pieces
    }
}

/// A row's speaker cells.
#[derive(Default)]
struct Who {
    speaker: String,
    speaker_id: String,
    title: String,
    affiliation: String,
}

/// A row's labels (none for terms and with themes off).
#[derive(Default)]
struct Labels {
    themes: Vec<String>,
    stance: Option<Stance>,
    cue_stance: Option<CueStance>,
    evidence: Vec<Evidence>,
}

/// One article (or the part of it) that a segment holds. Its rows are
/// [`Quote`]s, or any form of them that knows its span (see
/// [`crate::pipeline::Assembler::push_rows`]).
#[derive(Debug, Clone, Default)]
pub struct ArticlePart<T = Quote> {
    /// The article began in an earlier segment.
    pub continues: bool,
    /// 1-based line of the whole input where the article starts.
    pub line: usize,
    /// Its units of speech, offsets into the whole input; `doc` and
    /// `quote_id` are set by the [`crate::pipeline::Assembler`].
    pub quotes: Vec<T>,
    /// Its article record (paragraphs and quotes of this part only).
    pub doc: DocRecord,
}

/// What tagging one segment gives.
#[derive(Debug, Clone, Default)]
pub struct SegmentTagged<T = Quote> {
    /// The segment's articles in order.
    pub parts: Vec<ArticlePart<T>>,
}

impl SegmentTagged {
    /// The same parts with each row turned into another form by `f`.
    pub fn map_rows<T>(self, mut f: impl FnMut(Quote) -> T) -> SegmentTagged<T> {
        SegmentTagged {
            parts: self
                .parts
                .into_iter()
                .map(|p| ArticlePart {
                    continues: p.continues,
                    line: p.line,
                    quotes: p.quotes.into_iter().map(&mut f).collect(),
                    doc: p.doc,
                })
                .collect(),
        }
    }
}
