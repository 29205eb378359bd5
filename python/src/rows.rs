//! One output row as the CLI's CSV writes it, cell by cell, and its
//! conversion into Python values.
//!
//! [`csv_row`] is the only place that knows how the library makes a CSV
//! row: it serialises the library's own CSV record, so the cells are the
//! CLI's by construction (same columns, same values, confidence with two
//! decimals) and nothing here reads the fields of a [`Quote`] that the
//! CSV writer formats.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use yinyu::Quote;

/// The CSV columns, in the CLI's order.
pub const COLUMNS: &[&str] = yinyu::output::CSV_COLUMNS;

/// The extra key of a Python row: the pieces of the words.
pub const PIECES: &str = "pieces";

/// One CSV cell: an integer column (`quote_id`, `start`, `end`), the
/// confidence, or text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// An integer.
    Int(i64),
    /// A number with decimals.
    Float(f64),
    /// Text (empty for "none").
    Str(String),
}

/// The cells of one row in [`COLUMNS`] order, and the pieces of its words
/// as `(start, end)` character offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// One piece unless the quote was re-joined across a column break.
    pub pieces: Vec<(usize, usize)>,
}

/// The row the CLI writes for `q` (without `--excel-safe`).
///
/// Errors: a message when the library's CSV record no longer has a column
/// of [`COLUMNS`] or holds a value that is not a number or text.
pub fn csv_row(q: &Quote) -> Result<Row, String> {
    let record = yinyu::output::CsvRow::new(q, false);
    let value = serde_json::to_value(&record).map_err(|e| format!("cannot serialise a row: {e}"))?;
    let serde_json::Value::Object(mut map) = value else {
        return Err("the CSV row is not a record".into());
    };
    let mut cells = Vec::with_capacity(COLUMNS.len());
    for col in COLUMNS {
        let v = map.remove(*col).ok_or_else(|| format!("the CSV row has no column {col:?}"))?;
        cells.push(cell(col, v)?);
    }
    Ok(Row { cells, pieces: q.pieces.clone() })
}

/// A serialised cell as a typed one: numbers stay numbers, the
/// confidence (written as text with two decimals) becomes a float.
fn cell(col: &str, v: serde_json::Value) -> Result<Cell, String> {
    use serde_json::Value;
    match v {
        Value::Number(n) => match n.as_i64() {
            Some(i) => Ok(Cell::Int(i)),
            None => n.as_f64().map(Cell::Float).ok_or_else(|| format!("column {col}: bad number {n}")),
        },
        Value::String(s) if col == "confidence" => {
            s.parse::<f64>().map(Cell::Float).map_err(|e| format!("column {col}: {s:?}: {e}"))
        }
        Value::String(s) => Ok(Cell::Str(s)),
        Value::Null => Ok(Cell::Str(String::new())),
        other => Err(format!("column {col}: unexpected value {other}")),
    }
}

impl Cell {
    /// The Python value: `int`, `float` or `str`.
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Ok(match self {
            Cell::Int(i) => i.into_pyobject(py)?.into_any(),
            Cell::Float(x) => x.into_pyobject(py)?.into_any(),
            Cell::Str(s) => PyString::new(py, &s).into_any(),
        })
    }
}

/// The pieces as a Python list of `(start, end)` tuples.
fn pieces_list<'py>(py: Python<'py>, pieces: &[(usize, usize)]) -> PyResult<Bound<'py, PyList>> {
    let tuples = pieces.iter().map(|&(s, e)| PyTuple::new(py, [s, e])).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, tuples)
}

/// The rows as a list of dicts (the CSV columns, then `pieces`).
pub fn dicts<'py>(py: Python<'py>, rows: Vec<Row>) -> PyResult<Bound<'py, PyList>> {
    let keys: Vec<Bound<'py, PyString>> = COLUMNS.iter().map(|c| PyString::intern(py, c)).collect();
    let pieces_key = PyString::intern(py, PIECES);
    let out = PyList::empty(py);
    for row in rows {
        let d = PyDict::new(py);
        for (k, c) in keys.iter().zip(row.cells) {
            d.set_item(k, c.into_py(py)?)?;
        }
        d.set_item(&pieces_key, pieces_list(py, &row.pieces)?)?;
        out.append(d)?;
    }
    Ok(out)
}

/// The rows as columns: a dict from each column name (and `pieces`) to the
/// list of its values, for building a data frame or an Arrow table.
pub fn columns<'py>(py: Python<'py>, rows: Vec<Row>) -> PyResult<Bound<'py, PyDict>> {
    let mut cols: Vec<Vec<Bound<'py, PyAny>>> = vec![Vec::with_capacity(rows.len()); COLUMNS.len() + 1];
    for row in rows {
        for (col, c) in cols.iter_mut().zip(row.cells) {
            col.push(c.into_py(py)?);
        }
        cols[COLUMNS.len()].push(pieces_list(py, &row.pieces)?.into_any());
    }
    let out = PyDict::new(py);
    for (name, values) in COLUMNS.iter().chain(std::iter::once(&PIECES)).zip(cols) {
        out.set_item(*name, PyList::new(py, values)?)?;
    }
    Ok(out)
}
