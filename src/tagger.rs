//! `TaggerBuilder` → `Tagger`: owns every compiled automaton and regex, and
//! runs the pipeline over one text: layout → quote spans → mentions →
//! attribution → themes and stance → records.

use crate::attribution::{DocState, Found, Kind, SpeakerType, Unit as AUnit};
use crate::error::Error;
use crate::lexicon::{Knowledge, Lexicons};
use crate::mentions::{byte_to_char, Matchers};
use crate::quotes;
use crate::record::{DocRecord, Quote};
use crate::text::layout::{layout, Article};
use crate::text::normalize::fold;
use crate::themes::Engine;
use std::collections::HashMap;

/// Builds a [`Tagger`].
#[derive(Debug, Clone, Default)]
pub struct TaggerBuilder {
    include_terms: bool,
    each_line: bool,
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

    /// Compiles `lexicons` into a tagger.
    pub fn build(&self, lexicons: &Lexicons) -> Result<Tagger, Error> {
        let k = lexicons.compile()?;
        let mut t = Tagger::from_knowledge(k, self.include_terms);
        t.each_line = self.each_line;
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
    include_terms: bool,
    each_line: bool,
}

/// The result of tagging one text.
#[derive(Debug, Clone, Default)]
pub struct Tagged {
    /// Units of speech in order of appearance.
    pub quotes: Vec<Quote>,
    /// The articles found in the text.
    pub docs: Vec<DocRecord>,
}

impl Tagged {
    /// Joins the results of a page's articles: quotes in order of
    /// appearance, numbered from 1.
    pub fn merge(parts: Vec<Tagged>) -> Tagged {
        let mut out = Tagged::default();
        for p in parts {
            out.quotes.extend(p.quotes);
            out.docs.extend(p.docs);
        }
        out.quotes.sort_by_key(|q| (q.start, q.end));
        for (i, q) in out.quotes.iter_mut().enumerate() {
            q.quote_id = i + 1;
        }
        out
    }
}

/// A text split into articles, ready to tag article by article.
#[derive(Debug, Clone)]
pub struct Page {
    name: String,
    orig: Vec<char>,
    norm: Vec<char>,
    articles: Vec<Article>,
}

impl Page {
    /// Number of articles.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// No article at all?
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Size of the text in characters.
    pub fn chars(&self) -> usize {
        self.orig.len()
    }

    /// The body paragraphs of article `i` in reading order, each as the
    /// character ranges of its pieces (several when a paragraph was
    /// re-joined across a column break).
    pub fn article_paragraphs(&self, i: usize) -> Vec<Vec<(usize, usize)>> {
        self.articles[i].units.iter().map(|u| u.pieces.iter().map(|p| (p.start, p.end)).collect()).collect()
    }
}

#[derive(Default)]
struct Registry {
    info: HashMap<String, (String, String)>,
    names: Vec<String>,
}

impl Registry {
    /// Canonical key for a person name: unify 贝里克·阿布德哈利乌勒 and 阿布德哈利乌勒.
    fn key(&mut self, key: &str) -> String {
        if let Some(k) = self
            .names
            .iter()
            .find(|n| n.as_str() == key || n.ends_with(&format!("·{key}")) || key.ends_with(&format!("·{n}")))
        {
            return k.clone();
        }
        self.names.push(key.to_string());
        key.to_string()
    }
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
        let m = Matchers::new(&k);
        let themes = Engine::new(&k.themes);
        let stance = Engine::new(&k.stance);
        Tagger { k, m, themes, stance, include_terms, each_line: false }
    }

    /// The parsed lexicons.
    pub fn knowledge(&self) -> &Knowledge {
        &self.k
    }

    /// Tags `text`; `name` becomes the `doc` column (with `#N` per article
    /// when the text holds several).
    pub fn tag(&self, name: &str, text: &str) -> Tagged {
        let page = self.prepare(name, text);
        let parts: Vec<Tagged> = (0..page.len()).map(|i| self.tag_article(&page, i)).collect();
        Tagged::merge(parts)
    }

    /// Splits `text` into articles (layout only); tag each with
    /// [`Tagger::tag_article`], possibly on several threads, then
    /// [`Tagged::merge`] the results in order.
    pub fn prepare(&self, name: &str, text: &str) -> Page {
        let orig: Vec<char> = text.chars().collect();
        let norm: Vec<char> = orig.iter().map(|&c| fold(c, &self.k.t2s)).collect();
        let articles = layout(&orig, &norm, &self.k, self.each_line);
        Page { name: name.to_string(), orig, norm, articles }
    }

    /// Tags article `i` of `page`.
    pub fn tag_article(&self, page: &Page, i: usize) -> Tagged {
        let art = &page.articles[i];
        let doc = if self.each_line {
            format!("{}:{}", page.name, art.line)
        } else if page.articles.len() > 1 {
            format!("{}#{}", page.name, i + 1)
        } else {
            page.name.clone()
        };
        let mut quotes = Vec::new();
        self.run_article(&doc, art, &page.orig, &page.norm, &mut quotes);
        let n_quotes = quotes.iter().filter(|q| q.kind != "term").count();
        let rec = DocRecord {
            doc,
            title: art.title.clone(),
            reporters: art.reporters.join(";"),
            agency: art.agency.clone(),
            place: art.place.clone(),
            date: art.date.clone(),
            paragraphs: art.paragraphs,
            quotes: n_quotes,
        };
        Tagged { quotes, docs: vec![rec] }
    }

    fn run_article(&self, doc: &str, art: &Article, orig: &[char], norm: &[char], out: &mut Vec<Quote>) {
        let mut state = DocState::default();
        let mut reg = Registry::default();
        for unit in &art.units {
            let mut u_norm = Vec::new();
            let mut u_orig = Vec::new();
            let mut pos = Vec::new();
            for p in &unit.pieces {
                u_norm.extend_from_slice(&norm[p.start..p.end]);
                u_orig.extend_from_slice(&orig[p.start..p.end]);
                pos.extend(p.start..p.end);
            }
            let qs = quotes::find(&u_norm);
            let s: String = u_norm.iter().collect();
            let b2c = byte_to_char(&s);
            let cues = self.m.cues(&self.k, &s, &b2c);
            let ents = self.m.entities(&s, &b2c, u_norm.len());
            let words = self.m.words(&s, &b2c, u_norm.len());
            let au = AUnit {
                k: &self.k,
                norm: &u_norm,
                orig: &u_orig,
                quotes: &qs,
                cues: &cues,
                ents: &ents,
                words: &words,
            };
            let found = au.attribute(&mut state, self.include_terms);
            for f in found {
                out.push(self.record(doc, &f, &u_norm, &u_orig, &pos, &mut reg, unit.unterminated));
            }
        }
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
    ) -> Quote {
        let gspan = |s: usize, e: usize| -> (usize, usize) {
            if e > s {
                (pos[s], pos[e - 1] + 1)
            } else if s < pos.len() {
                (pos[s], pos[s])
            } else {
                let end = pos.last().map_or(0, |p| p + 1);
                (end, end)
            }
        };
        // pieces: split where positions jump
        let mut pieces = Vec::new();
        let mut i = f.start;
        while i < f.end {
            let mut j = i + 1;
            while j < f.end && pos[j] == pos[j - 1] + 1 {
                j += 1;
            }
            pieces.push((pos[i], pos[j - 1] + 1));
            i = j;
        }
        let (start, end) = gspan(f.start, f.end);
        let text: String = orig[f.start..f.end].iter().collect();
        let mut method = f.method.to_string();
        // re-joined: the words, or the words and their speaker, cross a column break
        let lo = [
            Some(f.start),
            f.speaker.as_ref().filter(|_| f.speaker_here).map(|s| s.span.0),
            f.cue.map(|c| c.0),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(f.start);
        let hi = [
            Some(f.end),
            f.speaker.as_ref().filter(|_| f.speaker_here).map(|s| s.span.1),
            f.cue.map(|c| c.1),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(f.end);
        let crosses = hi > lo + 1 && (lo + 1..hi).any(|i| pos[i] != pos[i - 1] + 1);
        if pieces.len() > 1 || crosses {
            method.push_str("+stitched");
        }
        if unterminated && f.end == norm.len() {
            method.push_str("+unterminated");
        }
        let (speaker, mut speaker_id, stype, mut title, mut affiliation) = match &f.speaker {
            Some(sp) => (sp.text.clone(), sp.key.clone(), sp.stype, sp.title.clone(), sp.affiliation.clone()),
            None => (String::new(), String::new(), SpeakerType::Unknown, String::new(), String::new()),
        };
        if stype == SpeakerType::Person {
            speaker_id = reg.key(&speaker_id);
            let e = reg.info.entry(speaker_id.clone()).or_default();
            if title.is_empty() {
                title = e.0.clone();
            } else if e.0.is_empty() {
                e.0 = title.clone();
            }
            if affiliation.is_empty() {
                affiliation = e.1.clone();
            } else if e.1.is_empty() {
                e.1 = affiliation.clone();
            }
        }
        let cue_text: String = f.cue.map(|(a, b)| orig[a..b].iter().collect()).unwrap_or_default();
        let cue_norm: String = f.cue.map(|(a, b)| norm[a..b].iter().collect()).unwrap_or_default();
        // themes and stance
        let words: String = norm[f.start..f.end].iter().collect();
        let sent: String = norm[f.sentence.0..f.sentence.1.min(norm.len())].iter().collect();
        let (mut themes, mut evidence) =
            if f.kind == Kind::Term { (Vec::new(), Vec::new()) } else { self.themes.run(&words, &sent) };
        let mut stance = "neutral".to_string();
        let mut cue_stance = String::new();
        if f.kind != Kind::Term {
            let (labels, ev) = self.stance.run(&words, &sent);
            let order = ["oppose", "call", "commit", "support"];
            let best = labels.iter().filter(|(l, _)| order.contains(&l.as_str())).max_by(|a, b| {
                a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal).then_with(|| {
                    order.iter().position(|o| *o == b.0).cmp(&order.iter().position(|o| *o == a.0))
                })
            });
            if let Some((l, _)) = best {
                stance = l.clone();
            }
            evidence.extend(ev.into_iter().filter(|e| order.contains(&e.label.as_str())));
            if !cue_norm.is_empty() {
                let (cl, cev) = self.stance.run(&cue_norm, "");
                if let Some((l, _)) = cl.iter().find(|(l, _)| l == "asserted" || l == "claimed") {
                    cue_stance = l.clone();
                }
                evidence.extend(cev.into_iter().filter(|e| e.label == "asserted" || e.label == "claimed"));
            }
        }
        let theme_ids: Vec<String> = themes.drain(..).map(|(l, _)| l).collect();
        evidence.sort_by(|a, b| a.rule.cmp(&b.rule));
        Quote {
            doc: doc.to_string(),
            quote_id: 0,
            kind: f.kind.as_str().to_string(),
            start,
            end,
            text,
            speaker,
            speaker_id,
            speaker_type: if f.speaker.is_some() { stype.as_str().to_string() } else { String::new() },
            title,
            affiliation,
            cue: cue_text,
            method,
            confidence: f.confidence,
            themes: theme_ids,
            stance: if f.kind == Kind::Term { String::new() } else { stance },
            cue_stance,
            pieces,
            speaker_span: f.speaker.as_ref().filter(|_| f.speaker_here).map(|sp| gspan(sp.span.0, sp.span.1)),
            cue_span: f.cue.map(|(a, b)| gspan(a, b)),
            evidence,
        }
    }
}
