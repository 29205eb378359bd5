//! Scoring against a gold file in the format of the corpus's `ANNOTATION.md`.
//!
//! The matching and every figure follow the project's reference scorer
//! (`score.py`) exactly, so that the two agree:
//! - the words of a prediction and the head of a gold row are normalised
//!   (NFKC, quote marks and edge punctuation removed);
//! - first pass: predictions in order, each takes the first unused gold row
//!   whose head its words start with; second pass: each unmatched
//!   prediction takes the first unused gold row whose head stands within the
//!   first `len(head) + 8` characters of its words;
//! - gold rows with `required` other than `1` are neither hits nor false
//!   positives; detection precision counts matched required rows over those
//!   plus unmatched predictions;
//! - a speaker is right when one name key (NFKC, dots and spaces removed)
//!   contains the other, a shorter prediction only when it is at most three
//!   characters shorter than the gold;
//! - title and affiliation are scored on the rows whose speaker is right and
//!   whose gold field is not empty; themes as micro-F1 over matched required
//!   rows with gold themes.
//!
//! Added here: detection F1, detection by difficulty, the same figures for
//! each kind (as if gold and predictions held only that kind, which is what
//! `score.py --kinds K` computes), the gold kind × predicted kind table,
//! and units, speakers right and false positives per attribution method
//! ([`by_method`]).

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use unicode_normalization::UnicodeNormalization;
use yinyu::record::Quote;
use yinyu::Error;

/// The kinds scored; any other kind (`term`) is ignored.
pub const KINDS: [&str; 3] = ["direct", "partial", "indirect"];

/// Characters stripped from both ends of words and heads before matching.
const STRIP: &[char] = &[
    '“', '”', '‘', '’', '「', '」', '『', '』', '"', '\'', ' ', '\t', '\r', '\n', '，', '。', '：', ':', ',',
    '.', '、', '…', '—', '-', '（', '）', '(', ')',
];

/// One row of a gold file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GoldRow {
    /// 1-based line of the text where the unit starts (as written in the file).
    pub line: String,
    /// direct, partial or indirect.
    pub kind: String,
    /// The first characters of the words.
    pub head: String,
    /// The speaker.
    pub speaker: String,
    /// Title or role.
    pub title: String,
    /// Affiliation.
    pub affiliation: String,
    /// person, group, anonymous, document or pronoun.
    pub speaker_type: String,
    /// easy, context, hard or stitched.
    pub difficulty: String,
    /// `1` when the row counts for recall.
    pub required: String,
    /// Theme ids joined by `;`.
    pub themes: String,
    /// support, oppose, commit, call or neutral; empty where the gold has none.
    pub stance: String,
}

impl GoldRow {
    fn is_required(&self) -> bool {
        self.required == "1"
    }
}

/// One predicted unit, from the tagger or from a CSV in the output format.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PredRow {
    /// The article.
    pub doc: String,
    /// The kind.
    pub kind: String,
    /// The words.
    pub text: String,
    /// The speaker.
    pub speaker: String,
    /// Title.
    pub title: String,
    /// Affiliation.
    pub affiliation: String,
    /// Theme ids joined by `;` (or `,`).
    pub themes: String,
    /// Character offset of the words in the text, when known.
    pub start: Option<usize>,
    /// The attribution rule (`method` column; empty when the CSV has none).
    pub method: String,
    /// The stance (`stance` column).
    pub stance: String,
}

impl From<&Quote> for PredRow {
    fn from(q: &Quote) -> Self {
        PredRow {
            doc: q.doc.clone(),
            kind: q.kind.to_string(),
            text: q.text.clone(),
            speaker: q.speaker.clone(),
            title: q.title.clone(),
            affiliation: q.affiliation.clone(),
            themes: q.themes.join(";"),
            start: Some(q.start),
            method: q.method.to_string(),
            stance: q.stance_str().to_string(),
        }
    }
}

/// Reads a CSV with a header into maps from column name to cell (a missing
/// cell is empty, a later duplicate column wins, extra cells are ignored).
fn read_table(name: &str, data: &str) -> Result<Vec<BTreeMap<String, String>>, Error> {
    let bad = |e: csv::Error| Error::Table { name: name.to_string(), message: e.to_string() };
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(data.as_bytes());
    let header: Vec<String> = rdr.headers().map_err(bad)?.iter().map(str::to_string).collect();
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(bad)?;
        let mut m = BTreeMap::new();
        for (i, h) in header.iter().enumerate() {
            m.insert(h.clone(), rec.get(i).unwrap_or("").to_string());
        }
        out.push(m);
    }
    Ok(out)
}

/// Parses a gold file (`name` is used in error messages).
pub fn read_gold(name: &str, data: &str) -> Result<Vec<GoldRow>, Error> {
    let rows = read_table(name, data)?;
    if let Some(r) = rows.first() {
        for col in ["kind", "head", "speaker", "required"] {
            if !r.contains_key(col) {
                return Err(Error::Table { name: name.to_string(), message: format!("no column {col:?}") });
            }
        }
    }
    Ok(rows
        .into_iter()
        .map(|mut r| {
            let mut f = |k: &str| r.remove(k).unwrap_or_default();
            GoldRow {
                line: f("line"),
                kind: f("kind"),
                head: f("head"),
                speaker: f("speaker"),
                title: f("title"),
                affiliation: f("affiliation"),
                speaker_type: f("speaker_type"),
                difficulty: f("difficulty"),
                required: f("required"),
                themes: f("themes"),
                stance: f("stance"),
            }
        })
        .collect())
}

/// Parses a prediction CSV (yinyu's output, or any CSV with at least
/// `kind` and `text` columns).
pub fn read_predictions(name: &str, data: &str) -> Result<Vec<PredRow>, Error> {
    Ok(read_table(name, data)?
        .into_iter()
        .map(|mut r| {
            let start = r.get("start").and_then(|s| s.parse().ok());
            let mut f = |k: &str| r.remove(k).unwrap_or_default();
            PredRow {
                doc: f("doc"),
                kind: f("kind"),
                text: f("text"),
                speaker: f("speaker"),
                title: f("title"),
                affiliation: f("affiliation"),
                themes: f("themes"),
                start,
                method: f("method"),
                stance: f("stance"),
            }
        })
        .collect())
}

/// Words or a head as they are compared: NFKC, edge punctuation and every
/// curly quote mark removed.
pub fn norm(s: &str) -> String {
    let n: String = s.nfkc().collect();
    n.trim_matches(STRIP).chars().filter(|c| !matches!(c, '“' | '”' | '‘' | '’')).collect()
}

/// A name as compared: NFKC, without spaces and name dots.
pub fn name_key(s: &str) -> String {
    s.nfkc().filter(|c| !matches!(c, ' ' | '·' | '•' | '・' | '.' | '-')).collect()
}

fn len(s: &str) -> usize {
    s.chars().count()
}

/// Is `pred` the gold speaker?
pub fn speaker_ok(gold: &str, pred: &str) -> bool {
    let (g, p) = (name_key(gold), name_key(pred));
    if g.is_empty() || p.is_empty() {
        return false;
    }
    if g == p || p.contains(&g) {
        return true;
    }
    len(&p) >= 2 && g.contains(&p) && len(&p) + 3 >= len(&g)
}

/// Does a title or affiliation agree? `None` when the gold one is empty.
pub fn field_ok(gold: &str, pred: &str) -> Option<bool> {
    let (g, p) = (name_key(gold), name_key(pred));
    if g.is_empty() {
        return None;
    }
    Some(!p.is_empty() && (p.contains(&g) || g.contains(&p)))
}

/// What to score.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Keep only gold rows and predictions of these kinds.
    pub kinds: Option<Vec<String>>,
    /// Keep only predictions whose doc (its base name) starts with this.
    pub doc: Option<String>,
    /// Score the stance too (score.py --stance).
    pub stance: bool,
}

/// A fraction `hits / of`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Ratio {
    /// Numerator.
    pub hits: usize,
    /// Denominator.
    pub of: usize,
}

impl Ratio {
    fn value(self) -> Option<f64> {
        (self.of > 0).then(|| self.hits as f64 / self.of as f64)
    }
}

fn div(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Every figure of one scoring run. The names follow `score.py --json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Gold rows with required = 1.
    pub gold_required: usize,
    /// Predictions scored.
    pub predicted: usize,
    /// Required gold rows matched.
    pub matched_required: usize,
    /// Optional gold rows matched (neither hit nor false positive).
    pub matched_optional: usize,
    /// Predictions that match no gold row.
    pub false_positives: usize,
    /// Matched required rows whose speaker is right.
    pub speaker_correct: usize,
    /// matched_required / (matched_required + false_positives).
    pub detection_precision: f64,
    /// matched_required / gold_required.
    pub detection_recall: f64,
    /// Harmonic mean of the two (not in score.py).
    pub detection_f1: f64,
    /// speaker_correct / matched_required.
    pub speaker_accuracy_on_matched: f64,
    /// speaker_correct / (matched_required + false_positives).
    pub end_to_end_precision: f64,
    /// speaker_correct / gold_required.
    pub end_to_end_recall: f64,
    /// Harmonic mean of the two.
    pub end_to_end_f1: f64,
    /// Title right, over speaker-right rows with a gold title.
    pub title_accuracy: Option<f64>,
    /// Affiliation right, over speaker-right rows with a gold affiliation.
    pub affiliation_accuracy: Option<f64>,
    /// Theme micro-F1 over matched required rows with gold themes.
    pub theme_micro_f1: Option<f64>,
    /// Theme true positives, false positives, false negatives.
    pub theme_counts: [usize; 3],
    /// Matched required rows whose indirect-or-not agrees with the gold.
    pub kind_accuracy: f64,
    /// Per difficulty: speaker right / required (as score.py prints it).
    pub correct_by_difficulty: BTreeMap<String, Ratio>,
    /// Per difficulty: matched / required (not in score.py).
    pub detected_by_difficulty: BTreeMap<String, Ratio>,
    /// Title: right / scored.
    pub title_counts: Ratio,
    /// Affiliation: right / scored.
    pub affiliation_counts: Ratio,
    /// The stance figures, when asked for (score.py --stance).
    #[serde(flatten)]
    pub stance: Option<StanceScores>,
}

/// The stance figures of score.py --stance, over matched required rows whose
/// gold has a stance.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StanceScores {
    /// Rows scored.
    pub stance_units: usize,
    /// Share of them with the gold stance.
    pub stance_accuracy: Option<f64>,
    /// Mean F1 over the five labels that occur in the gold or the predictions.
    pub stance_macro_f1: Option<f64>,
}

/// The five stance labels (ANNOTATION.md).
pub const STANCES: [&str; 5] = ["support", "oppose", "commit", "call", "neutral"];

/// The stance figures of (gold, predicted) label pairs, as score.py computes them.
pub fn stance_scores(pairs: &[(&str, &str)]) -> StanceScores {
    let f1s: Vec<f64> = STANCES
        .iter()
        .filter_map(|&l| {
            let tp = pairs.iter().filter(|(a, b)| *a == l && *b == l).count();
            let fp = pairs.iter().filter(|(a, b)| *a != l && *b == l).count();
            let fn_ = pairs.iter().filter(|(a, b)| *a == l && *b != l).count();
            (tp + fp + fn_ > 0).then(|| 2.0 * tp as f64 / (2 * tp + fp + fn_) as f64)
        })
        .collect();
    let right = pairs.iter().filter(|(a, b)| a == b).count();
    StanceScores {
        stance_units: pairs.len(),
        stance_accuracy: (!pairs.is_empty()).then(|| right as f64 / pairs.len() as f64),
        stance_macro_f1: (!f1s.is_empty()).then(|| f1s.iter().sum::<f64>() / f1s.len() as f64),
    }
}

/// The rows behind the figures, for `--errors`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Errors {
    /// Required gold rows no prediction matched (gold indices).
    pub missed: Vec<usize>,
    /// (gold, prediction) pairs with the wrong speaker.
    pub wrong_speaker: Vec<(usize, usize)>,
    /// (gold, prediction) pairs, speaker right, title wrong.
    pub wrong_title: Vec<(usize, usize)>,
    /// (gold, prediction) pairs, speaker right, affiliation wrong.
    pub wrong_affiliation: Vec<(usize, usize)>,
    /// (gold, prediction) pairs whose indirect-or-not disagrees.
    pub wrong_kind: Vec<(usize, usize)>,
    /// Predictions matching no gold row.
    pub spurious: Vec<usize>,
    /// (gold, prediction) pairs, required, gold stance given, stance differs.
    pub wrong_stance: Vec<(usize, usize)>,
}

/// One scoring run: figures, the pairs and the error rows. Indices refer
/// to the gold and prediction slices given to [`score`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scored {
    /// The figures.
    pub scores: Scores,
    /// (gold, prediction) pairs, in prediction order.
    pub pairs: Vec<(usize, usize)>,
    /// The error rows.
    pub errors: Errors,
}

fn doc_base(doc: &str) -> &str {
    doc.rsplit(['/', '\\']).next().unwrap_or(doc)
}

/// Scores `preds` against `gold` exactly as `score.py` does.
pub fn score(gold: &[GoldRow], preds: &[PredRow], opts: &Options) -> Scored {
    let (gi, pi) = select(gold, preds, opts);
    let pair = align(gold, preds, &gi, &pi);
    let pairs: Vec<(usize, usize)> =
        pair.iter().enumerate().filter_map(|(a, b)| b.map(|b| (gi[b], pi[a]))).collect();
    let spurious: Vec<usize> =
        pair.iter().enumerate().filter(|(_, b)| b.is_none()).map(|(a, _)| pi[a]).collect();
    let req: Vec<usize> = gi.iter().copied().filter(|&i| gold[i].is_required()).collect();
    let m_req: Vec<(usize, usize)> = pairs.iter().copied().filter(|&(g, _)| gold[g].is_required()).collect();
    let m_opt = pairs.len() - m_req.len();
    let counted = m_req.len() + spurious.len();
    let spk: Vec<(usize, usize)> =
        m_req.iter().copied().filter(|&(g, p)| speaker_ok(&gold[g].speaker, &preds[p].speaker)).collect();
    let mut errors = Errors { spurious: spurious.clone(), ..Errors::default() };
    let matched_gold: Vec<usize> = pairs.iter().map(|&(g, _)| g).collect();
    errors.missed = req.iter().copied().filter(|g| !matched_gold.contains(g)).collect();
    errors.wrong_speaker = m_req.iter().copied().filter(|pr| !spk.contains(pr)).collect();

    let field = |get: fn(&GoldRow) -> &str, getp: fn(&PredRow) -> &str, wrong: &mut Vec<(usize, usize)>| {
        let mut r = Ratio::default();
        for &(g, p) in &spk {
            if let Some(ok) = field_ok(get(&gold[g]), getp(&preds[p])) {
                r.of += 1;
                if ok {
                    r.hits += 1;
                } else {
                    wrong.push((g, p));
                }
            }
        }
        r
    };
    let title_counts = field(|g| &g.title, |p| &p.title, &mut errors.wrong_title);
    let affiliation_counts = field(|g| &g.affiliation, |p| &p.affiliation, &mut errors.wrong_affiliation);

    errors.wrong_kind = m_req
        .iter()
        .copied()
        .filter(|&(g, p)| (gold[g].kind == "indirect") != (preds[p].kind == "indirect"))
        .collect();

    let (correct_by_difficulty, detected_by_difficulty) = by_difficulty(gold, &req, &spk, &m_req);
    let [tp, fp, fn_] = theme_counts(gold, preds, &m_req);
    let theme_micro_f1 = (tp + fp + fn_ > 0).then(|| 2.0 * tp as f64 / (2 * tp + fp + fn_) as f64);
    let stance_pairs: Vec<(usize, usize)> =
        m_req.iter().copied().filter(|&(g, _)| !gold[g].stance.trim().is_empty()).collect();
    let labels: Vec<(&str, &str)> =
        stance_pairs.iter().map(|&(g, p)| (gold[g].stance.trim(), preds[p].stance.trim())).collect();
    let stance = opts.stance.then(|| stance_scores(&labels));
    errors.wrong_stance = stance_pairs
        .into_iter()
        .filter(|&(g, p)| opts.stance && gold[g].stance.trim() != preds[p].stance.trim())
        .collect();

    let det_p = div(m_req.len(), counted);
    let det_r = div(m_req.len(), req.len());
    let e2e_p = div(spk.len(), counted);
    let e2e_r = div(spk.len(), req.len());
    let scores = Scores {
        gold_required: req.len(),
        predicted: pi.len(),
        matched_required: m_req.len(),
        matched_optional: m_opt,
        false_positives: spurious.len(),
        speaker_correct: spk.len(),
        detection_precision: det_p,
        detection_recall: det_r,
        detection_f1: f1(det_p, det_r),
        speaker_accuracy_on_matched: div(spk.len(), m_req.len()),
        end_to_end_precision: e2e_p,
        end_to_end_recall: e2e_r,
        end_to_end_f1: f1(e2e_p, e2e_r),
        title_accuracy: title_counts.value(),
        affiliation_accuracy: affiliation_counts.value(),
        theme_micro_f1,
        theme_counts: [tp, fp, fn_],
        kind_accuracy: div(m_req.len() - errors.wrong_kind.len(), m_req.len()),
        correct_by_difficulty,
        detected_by_difficulty,
        title_counts,
        affiliation_counts,
        stance,
    };
    Scored { scores, pairs, errors }
}

/// The gold rows and the predictions that count under `opts` (kinds, doc).
fn select(gold: &[GoldRow], preds: &[PredRow], opts: &Options) -> (Vec<usize>, Vec<usize>) {
    let kind_ok = |k: &str| opts.kinds.as_ref().is_none_or(|ks| ks.iter().any(|x| x == k));
    let gi: Vec<usize> = (0..gold.len()).filter(|&i| kind_ok(&gold[i].kind)).collect();
    let pi: Vec<usize> = (0..preds.len())
        .filter(|&i| {
            let p = &preds[i];
            let k = p.kind.trim();
            KINDS.contains(&k)
                && opts.doc.as_ref().is_none_or(|d| doc_base(&p.doc).starts_with(d.as_str()))
                && kind_ok(k)
        })
        .collect();
    (gi, pi)
}

/// For each prediction of `pi`, the gold row of `gi` it matches (by
/// position in `gi`): first a text that starts with the gold head, then one
/// that holds it near its start; each gold row matched once.
fn align(gold: &[GoldRow], preds: &[PredRow], gi: &[usize], pi: &[usize]) -> Vec<Option<usize>> {
    let heads: Vec<String> = gi.iter().map(|&i| norm(&gold[i].head)).collect();
    let texts: Vec<String> = pi.iter().map(|&i| norm(&preds[i].text)).collect();
    let mut used = vec![false; gi.len()];
    let mut pair: Vec<Option<usize>> = vec![None; pi.len()];
    for strict in [true, false] {
        for (a, t) in texts.iter().enumerate() {
            if pair[a].is_some() {
                continue;
            }
            for (b, h) in heads.iter().enumerate() {
                if used[b] {
                    continue;
                }
                let hit = if strict {
                    t.starts_with(h.as_str())
                } else {
                    t.chars().take(len(h) + 8).collect::<String>().contains(h.as_str())
                };
                if hit {
                    used[b] = true;
                    pair[a] = Some(b);
                    break;
                }
            }
        }
    }
    pair
}

/// Required units found with the right speaker, and found at all, by the
/// gold's difficulty.
fn by_difficulty(
    gold: &[GoldRow],
    req: &[usize],
    spk: &[(usize, usize)],
    m_req: &[(usize, usize)],
) -> (BTreeMap<String, Ratio>, BTreeMap<String, Ratio>) {
    let mut correct: BTreeMap<String, Ratio> = BTreeMap::new();
    for &g in req {
        correct.entry(gold[g].difficulty.clone()).or_default().of += 1;
    }
    let mut detected = correct.clone();
    for &(g, _) in spk {
        correct.entry(gold[g].difficulty.clone()).or_default().hits += 1;
    }
    for &(g, _) in m_req {
        detected.entry(gold[g].difficulty.clone()).or_default().hits += 1;
    }
    (correct, detected)
}

/// Theme true positives, false positives and false negatives over the
/// matched required units whose gold has themes.
fn theme_counts(gold: &[GoldRow], preds: &[PredRow], m_req: &[(usize, usize)]) -> [usize; 3] {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for &(g, p) in m_req {
        let gt: std::collections::BTreeSet<&str> =
            gold[g].themes.split(';').filter(|t| !t.is_empty()).collect();
        if gt.is_empty() {
            continue;
        }
        let pthemes = preds[p].themes.replace(',', ";");
        let pt: std::collections::BTreeSet<&str> =
            pthemes.split(';').map(str::trim).filter(|t| !t.is_empty()).collect();
        tp += gt.intersection(&pt).count();
        fp += pt.difference(&gt).count();
        fn_ += gt.difference(&pt).count();
    }
    [tp, fp, fn_]
}

/// A full evaluation: everything, each kind alone, and the kind table.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// The gold rows.
    pub gold: Vec<GoldRow>,
    /// The predictions.
    pub preds: Vec<PredRow>,
    /// Every kind together (with the caller's options).
    pub all: Scored,
    /// Each kind alone (the caller's options plus `kinds = [K]`), for the
    /// kinds the caller kept.
    pub by_kind: Vec<(String, Scores)>,
    /// Gold kind → predicted kind → matched rows (required and optional).
    pub kind_table: BTreeMap<String, BTreeMap<String, usize>>,
    /// One row per attribution method, most units first (see [`by_method`]).
    pub by_method: Vec<MethodRow>,
}

/// How the units of one attribution method fared.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MethodRow {
    /// The method without its suffixes (see [`base_method`]).
    pub method: String,
    /// Its predictions that matched a gold row, required or optional.
    pub units: usize,
    /// Of those, the ones whose speaker is right ([`speaker_ok`]).
    pub speaker_right: usize,
    /// speaker_right / units; `None` when no unit matched.
    pub share_right: Option<f64>,
    /// Its predictions that matched no gold row.
    pub false_positives: usize,
}

impl MethodRow {
    /// The sum of `rows`, named `total`.
    pub fn total(rows: &[MethodRow]) -> MethodRow {
        let mut t = MethodRow { method: "total".into(), ..MethodRow::default() };
        for r in rows {
            t.units += r.units;
            t.speaker_right += r.speaker_right;
            t.false_positives += r.false_positives;
        }
        t.share_right = Ratio { hits: t.speaker_right, of: t.units }.value();
        t
    }
}

/// A method with its suffixes folded away: `colon+stitched` and
/// `colon+unterminated` are `colon`; an empty method is `(none)`.
pub fn base_method(method: &str) -> &str {
    match method.split('+').next().unwrap_or("").trim() {
        "" => "(none)",
        m => m,
    }
}

/// The units and false positives of `scored` (a run of [`score`] over
/// `gold` and `preds`) counted per base method of the prediction: most
/// units first, then by name. Units count optional gold rows too, and a
/// speaker is judged on every matched row, so the speakers right here can
/// exceed [`Scores::speaker_correct`], which counts required rows only.
pub fn by_method(gold: &[GoldRow], preds: &[PredRow], scored: &Scored) -> Vec<MethodRow> {
    fn row<'a>(rows: &'a mut BTreeMap<String, MethodRow>, p: &PredRow) -> &'a mut MethodRow {
        let m = base_method(&p.method);
        rows.entry(m.to_string())
            .or_insert_with(|| MethodRow { method: m.to_string(), ..MethodRow::default() })
    }
    let mut rows: BTreeMap<String, MethodRow> = BTreeMap::new();
    for &(g, p) in &scored.pairs {
        let r = row(&mut rows, &preds[p]);
        r.units += 1;
        if speaker_ok(&gold[g].speaker, &preds[p].speaker) {
            r.speaker_right += 1;
        }
    }
    for &p in &scored.errors.spurious {
        row(&mut rows, &preds[p]).false_positives += 1;
    }
    let mut out: Vec<MethodRow> = rows
        .into_values()
        .map(|mut r| {
            r.share_right = Ratio { hits: r.speaker_right, of: r.units }.value();
            r
        })
        .collect();
    out.sort_by(|a, b| b.units.cmp(&a.units).then_with(|| a.method.cmp(&b.method)));
    out
}

/// Scores `preds` against `gold` overall and kind by kind.
pub fn evaluate(gold: Vec<GoldRow>, preds: Vec<PredRow>, opts: &Options) -> Evaluation {
    let all = score(&gold, &preds, opts);
    let by_kind = KINDS
        .iter()
        .filter(|k| opts.kinds.as_ref().is_none_or(|ks| ks.iter().any(|x| x == *k)))
        .map(|k| {
            let o = Options { kinds: Some(vec![k.to_string()]), doc: opts.doc.clone(), stance: opts.stance };
            (k.to_string(), score(&gold, &preds, &o).scores)
        })
        .collect();
    let mut kind_table: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for &(g, p) in &all.pairs {
        *kind_table
            .entry(gold[g].kind.clone())
            .or_default()
            .entry(preds[p].kind.trim().to_string())
            .or_default() += 1;
    }
    let by_method = by_method(&gold, &preds, &all);
    Evaluation { gold, preds, all, by_kind, kind_table, by_method }
}

#[derive(Serialize)]
struct JsonOut<'a> {
    all: &'a Scores,
    by_kind: BTreeMap<&'a str, &'a Scores>,
    kind_table: &'a BTreeMap<String, BTreeMap<String, usize>>,
    by_method: &'a [MethodRow],
}

impl Evaluation {
    /// The figures as one JSON object: `all`, `by_kind`, `kind_table` and
    /// `by_method` (the rows of [`by_method`], without the total).
    pub fn to_json(&self) -> String {
        let out = JsonOut {
            all: &self.all.scores,
            by_kind: self.by_kind.iter().map(|(k, s)| (k.as_str(), s)).collect(),
            kind_table: &self.kind_table,
            by_method: &self.by_method,
        };
        serde_json::to_string(&out).unwrap_or_default()
    }

    /// A readable report: a table of figures (all kinds, then each kind),
    /// difficulty, the kind table; with `methods`, the table of
    /// [`Evaluation::method_table`]; with `errors`, the error rows (with
    /// snippets from `sources`, (name, text) pairs).
    pub fn report(&self, methods: bool, errors: bool, sources: &[(String, String)]) -> String {
        let mut o = String::new();
        let a = &self.all.scores;
        let cols: Vec<(&str, &Scores)> =
            std::iter::once(("all", a)).chain(self.by_kind.iter().map(|(k, s)| (k.as_str(), s))).collect();
        let _ = write!(o, "{:<28}", "");
        for (k, _) in &cols {
            let _ = write!(o, "{k:>10}");
        }
        o.push('\n');
        let count = |o: &mut String, name: &str, f: &dyn Fn(&Scores) -> usize| {
            let _ = write!(o, "{name:<28}");
            for (_, s) in &cols {
                let _ = write!(o, "{:>10}", f(s));
            }
            o.push('\n');
        };
        let fig = |o: &mut String, name: &str, f: &dyn Fn(&Scores) -> Option<f64>| {
            let _ = write!(o, "{name:<28}");
            for (_, s) in &cols {
                match f(s) {
                    Some(v) => {
                        let _ = write!(o, "{v:>10.3}");
                    }
                    None => {
                        let _ = write!(o, "{:>10}", "-");
                    }
                }
            }
            o.push('\n');
        };
        count(&mut o, "gold rows (required)", &|s| s.gold_required);
        count(&mut o, "predicted", &|s| s.predicted);
        count(&mut o, "matched required", &|s| s.matched_required);
        count(&mut o, "matched optional", &|s| s.matched_optional);
        count(&mut o, "false positives", &|s| s.false_positives);
        count(&mut o, "speaker correct", &|s| s.speaker_correct);
        fig(&mut o, "detection precision", &|s| Some(s.detection_precision));
        fig(&mut o, "detection recall", &|s| Some(s.detection_recall));
        fig(&mut o, "detection F1", &|s| Some(s.detection_f1));
        fig(&mut o, "speaker accuracy (matched)", &|s| Some(s.speaker_accuracy_on_matched));
        fig(&mut o, "end-to-end precision", &|s| Some(s.end_to_end_precision));
        fig(&mut o, "end-to-end recall", &|s| Some(s.end_to_end_recall));
        fig(&mut o, "end-to-end F1", &|s| Some(s.end_to_end_f1));
        fig(&mut o, "title accuracy", &|s| s.title_accuracy);
        fig(&mut o, "affiliation accuracy", &|s| s.affiliation_accuracy);
        fig(&mut o, "kind accuracy", &|s| Some(s.kind_accuracy));
        fig(&mut o, "theme micro-F1", &|s| s.theme_micro_f1);
        if a.stance.is_some() {
            count(&mut o, "stance units", &|s| s.stance.as_ref().map_or(0, |t| t.stance_units));
            fig(&mut o, "stance accuracy", &|s| s.stance.as_ref().and_then(|t| t.stance_accuracy));
            fig(&mut o, "stance macro-F1", &|s| s.stance.as_ref().and_then(|t| t.stance_macro_f1));
        }
        let mut diffs: Vec<&String> = cols.iter().flat_map(|(_, s)| s.correct_by_difficulty.keys()).collect();
        diffs.sort();
        diffs.dedup();
        let _ = writeln!(o, "\nby difficulty: speaker right / detected / required");
        for d in diffs {
            let _ = write!(o, "{d:<28}");
            for (_, s) in &cols {
                let c = s.correct_by_difficulty.get(d).copied().unwrap_or_default();
                let m = s.detected_by_difficulty.get(d).copied().unwrap_or_default();
                let _ = write!(o, "{:>10}", format!("{}/{}/{}", c.hits, m.hits, c.of));
            }
            o.push('\n');
        }
        let _ = writeln!(o, "\nmatched rows: gold kind -> predicted kind");
        for (g, row) in &self.kind_table {
            let cells: Vec<String> = row.iter().map(|(p, n)| format!("{p} {n}")).collect();
            let _ = writeln!(o, "  {g:<10} {}", cells.join(", "));
        }
        let _ = writeln!(
            o,
            "\ntheme counts tp/fp/fn: {}/{}/{}",
            a.theme_counts[0], a.theme_counts[1], a.theme_counts[2]
        );
        if methods {
            let _ = write!(o, "\n{}", self.method_table());
        }
        if errors {
            self.errors_report(&mut o, sources);
        }
        o
    }

    /// One row per attribution method (units, speaker right, share right,
    /// false positives; see [`by_method`]), then the total.
    pub fn method_table(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(
            o,
            "{:<28}{:>10}{:>15}{:>13}{:>17}",
            "by method", "units", "speaker right", "share right", "false positives"
        );
        let total = MethodRow::total(&self.by_method);
        for r in self.by_method.iter().chain([&total]) {
            let share = r.share_right.map_or("-".to_string(), |v| format!("{v:.3}"));
            let _ = writeln!(
                o,
                "{:<28}{:>10}{:>15}{:>13}{:>17}",
                r.method, r.units, r.speaker_right, share, r.false_positives
            );
        }
        o
    }

    fn errors_report(&self, o: &mut String, sources: &[(String, String)]) {
        let (g, p, e) = (&self.gold, &self.preds, &self.all.errors);
        let pred = |i: usize| {
            let q = &p[i];
            let at = q.start.map(|s| format!("@{s}")).unwrap_or_default();
            format!("{}{at} {} {:?}", q.doc, q.kind, clip(&norm(&q.text), 30))
        };
        let _ = writeln!(o, "\n# missed (required): {}", e.missed.len());
        for &i in &e.missed {
            let r = &g[i];
            let _ = writeln!(o, "  line {} {} {} -> {}", r.line, r.kind, r.head, r.speaker);
            if let Some(s) = snippet(sources, r) {
                let _ = writeln!(o, "      …{s}…");
            }
        }
        let _ = writeln!(o, "# wrong speaker: {}", e.wrong_speaker.len());
        for &(gi, pi) in &e.wrong_speaker {
            let _ = writeln!(
                o,
                "  line {} {}: gold {} / got {:?}\n      {}",
                g[gi].line,
                g[gi].head,
                g[gi].speaker,
                p[pi].speaker,
                pred(pi)
            );
        }
        for (name, list, gf, pf) in [
            (
                "title",
                &e.wrong_title,
                (|r: &GoldRow| r.title.clone()) as fn(&GoldRow) -> String,
                (|r: &PredRow| r.title.clone()) as fn(&PredRow) -> String,
            ),
            (
                "affiliation",
                &e.wrong_affiliation,
                |r: &GoldRow| r.affiliation.clone(),
                |r: &PredRow| r.affiliation.clone(),
            ),
        ] {
            let _ = writeln!(o, "# wrong {name} (speaker right): {}", list.len());
            for &(gi, pi) in list {
                let _ = writeln!(
                    o,
                    "  line {} {}: gold {} {} / got {:?}",
                    g[gi].line,
                    g[gi].head,
                    g[gi].speaker,
                    gf(&g[gi]),
                    pf(&p[pi])
                );
            }
        }
        let _ = writeln!(o, "# wrong kind (indirect or not): {}", e.wrong_kind.len());
        for &(gi, pi) in &e.wrong_kind {
            let _ =
                writeln!(o, "  line {} {}: gold {} / got {}", g[gi].line, g[gi].head, g[gi].kind, p[pi].kind);
        }
        let _ = writeln!(o, "# false positives: {}", e.spurious.len());
        for &pi in &e.spurious {
            let _ = writeln!(o, "  {} -> {:?}", pred(pi), p[pi].speaker);
        }
        if self.all.scores.stance.is_some() {
            let _ = writeln!(o, "# wrong stance: {}", e.wrong_stance.len());
            for &(gi, pi) in &e.wrong_stance {
                let _ = writeln!(
                    o,
                    "  line {} {}: gold {} / got {}\n      {:?}",
                    g[gi].line,
                    g[gi].head,
                    g[gi].stance,
                    p[pi].stance,
                    clip(&norm(&p[pi].text), 60)
                );
            }
        }
    }
}

fn clip(s: &str, n: usize) -> String {
    let mut c: String = s.chars().take(n).collect();
    if len(s) > n {
        c.push('…');
    }
    c
}

/// The words around a gold row's head in the sources: on the row's line
/// when it holds the head, else the first place that does.
fn snippet(sources: &[(String, String)], r: &GoldRow) -> Option<String> {
    let head = r.head.trim();
    if head.is_empty() {
        return None;
    }
    let line: Option<usize> = r.line.trim().parse().ok();
    let mut found = None;
    'outer: for (_, text) in sources {
        for (n, l) in text.lines().enumerate() {
            if l.contains(head) {
                let on_line = line == Some(n + 1);
                if on_line || found.is_none() {
                    found = Some(l.to_string());
                }
                if on_line {
                    break 'outer;
                }
            }
        }
    }
    let l = found?;
    let at = l.find(head)?;
    let before: Vec<char> = l[..at].chars().collect();
    let from = before.len().saturating_sub(15);
    let s: String = before[from..].iter().collect::<String>() + &clip(&l[at..], 40);
    Some(s.replace('\n', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(kind: &str, head: &str, speaker: &str, req: &str) -> GoldRow {
        GoldRow {
            line: "1".into(),
            kind: kind.into(),
            head: head.into(),
            speaker: speaker.into(),
            difficulty: "easy".into(),
            required: req.into(),
            ..GoldRow::default()
        }
    }

    fn p(kind: &str, text: &str, speaker: &str) -> PredRow {
        PredRow { kind: kind.into(), text: text.into(), speaker: speaker.into(), ..PredRow::default() }
    }

    #[test]
    fn norm_strips_marks_and_folds_width() {
        assert_eq!(norm("“　１９９８年，他来了。”"), "1998年,他来了");
        assert_eq!(norm("“我们‘一定’能行”"), "我们一定能行");
    }

    #[test]
    fn speaker_containment_rules() {
        assert!(speaker_ok("西罗吉金·穆赫里丁", "西罗吉金穆赫里丁"));
        assert!(speaker_ok("一名地区观察家", "地区观察家"));
        assert!(speaker_ok("托卡耶夫", "哈萨克斯坦总统托卡耶夫"));
        assert!(!speaker_ok("中亚五国领导人", "领导人"));
        assert!(!speaker_ok("习近平", ""));
        assert_eq!(field_ok("", "总统"), None);
        assert_eq!(field_ok("外长", ""), Some(false));
        assert_eq!(field_ok("外长", "塔吉克斯坦外长"), Some(true));
    }

    #[test]
    fn strict_pass_goes_first_and_optional_rows_are_neutral() {
        let gold = vec![g("direct", "乙丙丁戊", "张三", "1"), g("partial", "庚辛壬癸", "李四", "0")];
        // the first prediction holds the head 1 character in, the second
        // starts with it: the strict pass gives the head to the second
        let preds = vec![
            p("direct", "甲乙丙丁戊", "王五"),
            p("direct", "“乙丙丁戊。”", "张三"),
            p("partial", "庚辛壬癸", "李四"),
            p("indirect", "无关的话", "某人"),
            p("term", "乙丙丁戊", "张三"),
        ];
        let s = score(&gold, &preds, &Options::default());
        assert_eq!(s.pairs, vec![(0, 1), (1, 2)]);
        assert_eq!(s.errors.spurious, vec![0, 3]);
        let sc = &s.scores;
        assert_eq!((sc.gold_required, sc.predicted, sc.matched_required, sc.matched_optional), (1, 4, 1, 1));
        assert!((sc.detection_precision - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(sc.detection_recall, 1.0);
        assert_eq!(sc.speaker_correct, 1);
        assert_eq!(sc.kind_accuracy, 1.0);
        let d =
            score(&gold, &preds, &Options { kinds: Some(vec!["indirect".into()]), doc: None, stance: false });
        assert_eq!((d.scores.gold_required, d.scores.predicted, d.scores.false_positives), (0, 1, 1));
    }

    fn pm(kind: &str, text: &str, speaker: &str, method: &str) -> PredRow {
        PredRow { method: method.into(), ..p(kind, text, speaker) }
    }

    #[test]
    fn by_method_counts_units_speakers_and_false_positives() {
        let gold = vec![
            g("direct", "甲乙丙丁", "张三", "1"),
            g("indirect", "戊己庚辛", "李四", "1"),
            g("partial", "子丑寅卯", "王五", "0"),
            g("direct", "天地玄黄", "赵六", "1"),
        ];
        let preds = vec![
            pm("direct", "甲乙丙丁。", "张三", "colon"), // gold 0, speaker right
            pm("indirect", "戊己庚辛", "王五", "indirect"), // gold 1, speaker wrong
            pm("partial", "子丑寅卯", "王五", "colon+stitched"), // gold 2 (optional), right
            pm("direct", "无关的话", "某人", "colon+unterminated"), // false positive
            pm("direct", "另一句话", "", "unattributed"), // false positive
            pm("indirect", "宇宙洪荒", "某人", "indirect"), // false positive
            pm("direct", "再一句话", "某人", ""),        // false positive, no method
            pm("term", "天地玄黄", "赵六", "colon"),     // a term: not scored
        ];
        // worked out by hand: colon 2 units (both right) + 1 false positive;
        // indirect 1 unit (wrong) + 1; unattributed and (none) only 1 false
        // positive each, ordered by name; gold 3 is missed by all
        let row = |m: &str, u, r, s, f| MethodRow {
            method: m.into(),
            units: u,
            speaker_right: r,
            share_right: s,
            false_positives: f,
        };
        let want = vec![
            row("colon", 2, 2, Some(1.0), 1),
            row("indirect", 1, 0, Some(0.0), 1),
            row("(none)", 0, 0, None, 1),
            row("unattributed", 0, 0, None, 1),
        ];
        let ev = evaluate(gold, preds, &Options::default());
        assert_eq!(ev.by_method, want);
        let t = MethodRow::total(&ev.by_method);
        assert_eq!((t.method.as_str(), t.units, t.speaker_right, t.false_positives), ("total", 3, 2, 4));
        assert!((t.share_right.unwrap() - 2.0 / 3.0).abs() < 1e-12);
        // the total agrees with the overall figures
        let a = &ev.all.scores;
        assert_eq!((a.matched_required + a.matched_optional, a.false_positives), (3, 4));
        let table = ev.method_table();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 6, "{table}");
        assert!(lines[1].starts_with("colon ") && lines[1].ends_with(" 1.000                1"), "{table}");
        assert!(lines[5].starts_with("total ") && lines[5].contains(" 0.667 "), "{table}");
        assert!(ev.to_json().contains(r#""by_method":[{"method":"colon","units":2,"speaker_right":2"#));
    }

    #[test]
    fn themes_title_and_kind_figures() {
        let mut g1 = g("indirect", "要加强合作", "张三", "1");
        g1.themes = "trade;development".into();
        g1.title = "外长".into();
        let mut p1 = p("direct", "要加强合作。", "张三");
        p1.themes = "trade, security".into();
        p1.title = "副外长".into();
        let s = score(&[g1], &[p1], &Options::default()).scores;
        assert_eq!(s.theme_counts, [1, 1, 1]);
        assert_eq!(s.theme_micro_f1, Some(0.5));
        assert_eq!(s.title_accuracy, Some(1.0));
        assert_eq!(s.affiliation_accuracy, None);
        assert_eq!(s.kind_accuracy, 0.0);
    }
}
