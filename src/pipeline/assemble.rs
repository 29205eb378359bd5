//! Puts the tagged segments of one input back together: names its
//! documents (`name`, `name#N`, `name:LINE`) and numbers its quotes in
//! input order.

use crate::record::{DocRecord, Quote};
use crate::stream::Segment;
use crate::tagger::SegmentTagged;

/// Names the documents of one input and numbers its quotes, segment after
/// segment, in input order.
#[derive(Debug)]
pub struct Assembler {
    name: String,
    each_line: bool,
    articles: usize,
    quotes: usize,
    current: Option<DocRecord>,
    multi: Option<bool>,
}

impl Assembler {
    /// For the input called `name` (the `doc` column's base).
    pub fn new(name: &str, each_line: bool) -> Self {
        Assembler { name: name.to_string(), each_line, articles: 0, quotes: 0, current: None, multi: None }
    }

    /// Adds the result of the next segment: calls `quote` for each row and
    /// `doc` for each finished article, in order.
    pub fn push(
        &mut self,
        seg: &Segment,
        tagged: SegmentTagged,
        mut quote: impl FnMut(Quote),
        doc: impl FnMut(DocRecord),
    ) {
        self.push_rows(
            seg,
            tagged,
            |q| (q.start, q.end),
            |name, id, mut q| {
                q.doc.clear();
                q.doc.push_str(name);
                q.quote_id = id;
                quote(q);
            },
            doc,
        );
    }

    /// [`Assembler::push`] for rows of any form: `span` gives a row's
    /// start and end (rows are put in their order), and `row` gets each
    /// row with its `doc` and `quote_id`.
    pub fn push_rows<T>(
        &mut self,
        seg: &Segment,
        tagged: SegmentTagged<T>,
        span: impl Fn(&T) -> (usize, usize),
        mut row: impl FnMut(&str, usize, T),
        mut doc: impl FnMut(DocRecord),
    ) {
        // a whole input is named as before: `#N` only when it has several
        // articles; an input of several segments always numbers them
        let multi = *self.multi.get_or_insert(!seg.whole || tagged.parts.len() > 1);
        let mut names: Vec<String> = Vec::new();
        let mut rows: Vec<(usize, T)> = Vec::new();
        for part in tagged.parts {
            let continued = if part.continues { self.current.as_mut() } else { None };
            let name = if let Some(cur) = continued {
                cur.paragraphs += part.doc.paragraphs;
                cur.quotes += part.doc.quotes;
                for (to, from) in [
                    (&mut cur.title, &part.doc.title),
                    (&mut cur.reporters, &part.doc.reporters),
                    (&mut cur.agency, &part.doc.agency),
                    (&mut cur.place, &part.doc.place),
                    (&mut cur.date, &part.doc.date),
                ] {
                    if to.is_empty() {
                        to.clone_from(from);
                    }
                }
                cur.doc.clone()
            } else {
                self.articles += 1;
                let name = if self.each_line {
                    format!("{}:{}", self.name, part.line)
                } else if multi {
                    format!("{}#{}", self.name, self.articles)
                } else {
                    self.name.clone()
                };
                if let Some(done) = self.current.replace(DocRecord {
                    doc: name.clone(),
                    file: self.name.clone(),
                    line: self.each_line.then_some(part.line),
                    article: self.articles,
                    ..part.doc
                }) {
                    doc(done);
                }
                name
            };
            names.push(name);
            rows.extend(part.quotes.into_iter().map(|q| (names.len() - 1, q)));
        }
        rows.sort_by_key(|(_, q)| span(q));
        for (n, q) in rows {
            self.quotes += 1;
            row(&names[n], self.quotes, q);
        }
    }

    /// Ends the input: the last article's record.
    pub fn finish(mut self, mut doc: impl FnMut(DocRecord)) {
        if let Some(d) = self.current.take() {
            doc(d);
        }
    }
}
