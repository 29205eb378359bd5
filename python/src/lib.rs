//! `yinyu._yinyu`: the compiled core of the `yinyu` Python package.
//!
//! The Python package (`python/yinyu/__init__.py`) wraps these functions
//! with its documented API; this module converts between Python values
//! and the library's, releases the GIL while tagging, and turns every
//! error (a panic included) into a Python exception.

mod files;
mod rows;
mod tag;

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use tag::{Input, Naming};

create_exception!(
    _yinyu,
    YinyuError,
    PyException,
    "An error of yinyu: invalid text, an unreadable input, an internal error."
);
create_exception!(
    _yinyu,
    LexiconError,
    YinyuError,
    "Invalid lexicons; the message lists every problem as `file:line: message`, \
     and `problems` holds them one by one."
);

/// A compiled tagger; `yinyu.Tagger` is the documented wrapper.
#[pyclass(name = "_Tagger", module = "yinyu._yinyu", frozen)]
struct PyTagger {
    inner: yinyu::Tagger,
}

#[pymethods]
impl PyTagger {
    /// Builds the tagger (see `yinyu.Tagger`).
    #[new]
    #[pyo3(signature = (lexicons=None, themes=true, each_line=false, include_terms=false))]
    fn new(
        py: Python<'_>,
        lexicons: Option<String>,
        themes: bool,
        each_line: bool,
        include_terms: bool,
    ) -> PyResult<Self> {
        let build = || {
            let mut b = yinyu::Tagger::builder();
            b.themes(themes).each_line(each_line).include_terms(include_terms).evidence(false);
            let lex = match &lexicons {
                Some(dir) => yinyu::Lexicons::from_dir(dir).map_err(yinyu::Error::Lexicon)?,
                None => yinyu::Lexicons::embedded(),
            };
            b.build(&lex)
        };
        let built = py.allow_threads(|| catch_unwind(AssertUnwindSafe(build)));
        match built {
            Ok(Ok(inner)) => Ok(PyTagger { inner }),
            Ok(Err(yinyu::Error::Lexicon(errs))) => Err(lexicon_error(py, &errs)),
            Ok(Err(e)) => Err(YinyuError::new_err(e.to_string())),
            Err(p) => Err(YinyuError::new_err(tag::panic_message(p.as_ref()))),
        }
    }

    /// Is every line a document of its own?
    #[getter]
    fn each_line(&self) -> bool {
        self.inner.each_line()
    }

    /// The rows of one text, as dicts.
    #[pyo3(signature = (text, doc=String::new()))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        doc: String,
    ) -> PyResult<Bound<'py, PyList>> {
        let input = Input { text: text_of(text, &format!("text ({doc:?})"))?, doc };
        let mut rows = self.run(py, std::slice::from_ref(&input), None, Naming::Cli)?;
        rows::dicts(py, rows.pop().unwrap_or_default())
    }

    /// The rows of many texts, in input order, as dicts.
    #[pyo3(signature = (texts, docs=None, threads=None))]
    fn extract_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        docs: Option<&Bound<'py, PyAny>>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let inputs = inputs_of(texts, docs, false)?;
        let rows = self.run(py, &inputs, threads, Naming::Cli)?;
        rows::dicts(py, rows.into_iter().flatten().collect())
    }

    /// The rows of many texts as columns (a dict of lists). With `records`,
    /// each text is one record of a table: a missing text (`None`) has no
    /// rows, and its name is kept as is when it makes one document.
    #[pyo3(signature = (texts, docs=None, threads=None, records=false))]
    fn columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        docs: Option<&Bound<'py, PyAny>>,
        threads: Option<usize>,
        records: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        let inputs = inputs_of(texts, docs, records)?;
        let naming = if records { Naming::Record } else { Naming::Cli };
        let rows = self.run(py, &inputs, threads, naming)?;
        rows::columns(py, rows.into_iter().flatten().collect())
    }
}

impl PyTagger {
    /// Tags `inputs` without the GIL.
    fn run(
        &self,
        py: Python<'_>,
        inputs: &[Input],
        threads: Option<usize>,
        naming: Naming,
    ) -> PyResult<Vec<Vec<rows::Row>>> {
        if threads == Some(0) {
            return Err(pyo3::exceptions::PyValueError::new_err("threads must be at least 1"));
        }
        let t = &self.inner;
        py.allow_threads(|| tag::tag_all(t, inputs, threads, naming)).map_err(YinyuError::new_err)
    }
}

/// The Rust text of a Python `str`; an error naming the text and the
/// character when it holds a lone surrogate (not text: it has no UTF-8
/// form, as a byte sequence that is not UTF-8 is not text for the CLI).
fn text_of(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    let s = obj.downcast::<PyString>().map_err(|_| {
        let ty = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        pyo3::exceptions::PyTypeError::new_err(format!("{what} is {ty}, not str"))
    })?;
    s.to_cow().map(|c| c.into_owned()).map_err(|e| {
        let py = obj.py();
        let at = e.value(py).getattr("start").ok().and_then(|v| v.extract::<usize>().ok());
        let at = at.map_or(String::new(), |a| format!(" at character {a}"));
        YinyuError::new_err(format!("{what}: invalid text{at}: a lone surrogate cannot be encoded as UTF-8"))
    })
}

/// The inputs of `texts` and `docs` (empty names when `docs` is `None`).
/// With `records`, a `None` text is an empty one and a `None` doc an empty
/// name.
fn inputs_of(
    texts: &Bound<'_, PyAny>,
    docs: Option<&Bound<'_, PyAny>>,
    records: bool,
) -> PyResult<Vec<Input>> {
    if texts.is_instance_of::<PyString>() {
        return Err(pyo3::exceptions::PyTypeError::new_err("texts must be a list of str, not one str"));
    }
    let names: Option<Vec<String>> = match docs {
        Some(d) if !d.is_none() => Some(
            d.try_iter()?
                .map(|x| {
                    let x = x?;
                    if records && x.is_none() {
                        Ok(String::new())
                    } else {
                        x.str()?.extract::<String>()
                    }
                })
                .collect::<PyResult<_>>()?,
        ),
        _ => None,
    };
    let mut inputs = Vec::new();
    for (i, t) in texts.try_iter()?.enumerate() {
        let t = t?;
        let doc = names.as_ref().map_or(Some(String::new()), |n| n.get(i).cloned());
        let doc = doc.ok_or_else(|| pyo3::exceptions::PyValueError::new_err("fewer docs than texts"))?;
        let text =
            if records && t.is_none() { String::new() } else { text_of(&t, &format!("text {i} ({doc:?})"))? };
        inputs.push(Input { doc, text });
    }
    if names.as_ref().is_some_and(|n| n.len() != inputs.len()) {
        return Err(pyo3::exceptions::PyValueError::new_err("more docs than texts"));
    }
    Ok(inputs)
}

/// A `LexiconError` listing every problem, with `problems` set to the list
/// of `file:line: message` strings.
fn lexicon_error(py: Python<'_>, errs: &yinyu::LexiconErrors) -> PyErr {
    let err = LexiconError::new_err(errs.to_string());
    let problems: Vec<String> = errs.0.iter().map(|e| e.to_string()).collect();
    if let Err(e) = err.value(py).setattr("problems", problems) {
        return e;
    }
    err
}

/// Reads `.txt` files and directories (see `yinyu.read_files`): the texts
/// read as `(path, doc, text)` and one `(path, status, reason, is_error,
/// bytes)` entry per input.
#[pyfunction]
#[pyo3(signature = (paths, encoding=None, lossy=false))]
#[allow(clippy::type_complexity)]
fn read_files(
    py: Python<'_>,
    paths: Vec<String>,
    encoding: Option<String>,
    lossy: bool,
) -> PyResult<(Vec<files::Read>, Vec<files::Entry>)> {
    let encoding = match encoding {
        Some(label) => Some(
            encoding_rs::Encoding::for_label(label.as_bytes())
                .ok_or_else(|| YinyuError::new_err(format!("unknown encoding {label:?}")))?,
        ),
        None => None,
    };
    let opts = yinyu::DecodeOptions { encoding, lossy };
    py.allow_threads(|| catch_unwind(AssertUnwindSafe(|| files::read_all(&paths, opts))))
        .map_err(|p| YinyuError::new_err(tag::panic_message(p.as_ref())))
}

/// The compiled core of the `yinyu` package.
#[pymodule]
fn _yinyu(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyTagger>()?;
    m.add_function(wrap_pyfunction!(read_files, m)?)?;
    m.add("YinyuError", py.get_type::<YinyuError>())?;
    m.add("LexiconError", py.get_type::<LexiconError>())?;
    m.add("COLUMNS", rows::COLUMNS.to_vec())?;
    m.add("PIECES", rows::PIECES)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
