"""yinyu (引语): who said what in Chinese news, from Python.

Build one :class:`Tagger` and call it on texts. Each row is one unit of
speech with the columns of the CLI's CSV (same names, same values for the
same text) plus ``pieces``::

    import yinyu
    tagger = yinyu.Tagger()
    text = "外交部发言人毛宁表示：“中方坚决反对。”"
    for row in tagger.extract(text, doc="page.txt"):
        print(row["speaker"], row["text"], text[row["start"]:row["end"]])

Offsets are Python ``str`` indices: ``text[row["start"]:row["end"]]`` is the
quote (for a row whose ``method`` ends in ``+stitched`` it spans the pieces
and what lies between; ``pieces`` lists them).

- :meth:`Tagger.extract_many` tags many texts on all cores (the GIL is
  released), rows in input order;
- :meth:`Tagger.extract_frame` and :meth:`Tagger.extract_arrow` give a
  typed pandas DataFrame or pyarrow Table (optional dependencies);
- :func:`read_files` reads ``.txt`` files and directories as the CLI does,
  accounting for every input;
- :mod:`yinyu.spark` runs on a Spark DataFrame.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

from ._yinyu import COLUMNS as _COLUMNS
from ._yinyu import LexiconError, YinyuError, _Tagger
from ._yinyu import __version__
from ._yinyu import read_files as _read_files

__all__ = [
    "COLUMNS",
    "INT_COLUMNS",
    "FLOAT_COLUMNS",
    "CATEGORY_COLUMNS",
    "Tagger",
    "Files",
    "Entry",
    "read_files",
    "arrow_schema",
    "YinyuError",
    "LexiconError",
    "__version__",
]

#: The CSV columns in the CLI's order; every row dict has these keys and ``pieces``.
COLUMNS: tuple = tuple(_COLUMNS)
#: Columns holding integers (character offsets and the row id).
INT_COLUMNS: tuple = ("quote_id", "start", "end")
#: Columns holding floats.
FLOAT_COLUMNS: tuple = ("confidence",)
#: Text columns with a small set of values (categorical in pandas, dictionary-encoded in Arrow).
CATEGORY_COLUMNS: tuple = ("kind", "speaker_type", "method", "stance", "cue_stance")

PathLike = Union[str, "os.PathLike[str]"]


def _need(module: str, purpose: str) -> Any:
    """Imports an optional dependency, or raises an ImportError saying how to get it."""
    try:
        return __import__(module)
    except ImportError as e:  # pragma: no cover - exercised only without the package
        raise ImportError(
            f"{purpose} needs the optional package {module!r}: pip install {module}"
        ) from e


class Tagger:
    """A compiled tagger: build it once, then call it on any number of texts.

    Building compiles every lexicon (about a second); the tagger is then
    read-only and may be shared by Python threads (calls release the GIL).

    Args:
        lexicons: a lexicon directory whose files replace the embedded ones
            (as ``yinyu extract --lexicons DIR``); ``None`` uses the
            embedded lexicons.
        themes: tag themes and stance (``False`` leaves the ``themes``,
            ``stance`` and ``cue_stance`` cells empty, as ``--no-themes``).
        each_line: every line of a text is a document of its own (as
            ``--each-line``): ``doc`` becomes ``NAME:LINE``.
        include_terms: also give ``term`` rows (as ``--include-terms``).

    Raises:
        LexiconError: the lexicon directory is invalid; the message lists
            every problem as ``file:line: message`` (also in ``.problems``).
    """

    def __init__(
        self,
        lexicons: Optional[PathLike] = None,
        themes: bool = True,
        *,
        each_line: bool = False,
        include_terms: bool = False,
    ) -> None:
        self._args = (None if lexicons is None else os.fspath(lexicons), bool(themes), bool(each_line), bool(include_terms))
        self._core = _Tagger(*self._args)

    def __repr__(self) -> str:
        lex, themes, each_line, terms = self._args
        return f"Tagger(lexicons={lex!r}, themes={themes}, each_line={each_line}, include_terms={terms})"

    def __getstate__(self) -> tuple:
        """Pickles the arguments; unpickling builds the tagger again."""
        return self._args

    def __setstate__(self, state: tuple) -> None:
        self._args = tuple(state)
        self._core = _Tagger(*self._args)

    @property
    def each_line(self) -> bool:
        """Is every line a document of its own?"""
        return self._args[2]

    def extract(self, text: str, doc: str = "") -> list:
        """The units of speech of ``text``, one dict per row.

        Args:
            text: the text, as decoded (``text[start:end]`` is each quote).
            doc: the name the CLI would give the input (its file name):
                rows get ``doc``, ``doc#N`` when the text holds several
                articles, or ``doc:LINE`` with ``each_line``.

        Returns:
            A list of dicts with the keys of :data:`COLUMNS` (values as in
            the CLI's CSV: ``quote_id``, ``start``, ``end`` as ``int``,
            ``confidence`` as ``float``, the rest ``str``, empty for none)
            and ``pieces``, the ``(start, end)`` pieces of the words.

        Raises:
            YinyuError: ``text`` holds a lone surrogate (it is not valid
                text; the CLI likewise fails an input that is not UTF-8).
        """
        return self._core.extract(text, doc)

    def extract_many(
        self,
        texts: Iterable[str],
        docs: Optional[Iterable[str]] = None,
        threads: Optional[int] = None,
    ) -> list:
        """The rows of many texts, in input order: the same rows as calling
        :meth:`extract` on each, tagged in parallel without the GIL.

        Args:
            texts: the texts.
            docs: one name per text (see :meth:`extract`); empty names when ``None``.
            threads: worker threads (default: one per core). A text larger
                than 1 MiB is itself cut into segments tagged in parallel,
                as the CLI does with a large file.
        """
        return self._core.extract_many(texts, docs, threads)

    def _columns(self, texts: Sequence[Any], docs: Optional[Sequence[Any]], threads: Optional[int], records: bool) -> dict:
        return self._core.columns(texts, docs, threads, records)

    def extract_frame(self, df: Any, text: str = "text", doc: str = "doc", threads: Optional[int] = None) -> Any:
        """Tags the column ``text`` of a pandas DataFrame; one output row per unit of speech.

        Each input row is one document named by its ``doc`` column (by
        its index label when there is no such column), as
        :func:`yinyu.spark.extract` names it: the name as is when the text
        is one document, ``NAME#N`` when it holds several articles and,
        with ``each_line``, ``NAME:LINE`` when it holds several lines.
        Offsets count from the row's own text. A missing text (``None``,
        NaN) gives no row.

        Returns:
            A pandas DataFrame with the columns of :data:`COLUMNS` and
            ``pieces``: ``int64`` offsets and ids, ``float64`` confidence,
            ``category`` for :data:`CATEGORY_COLUMNS`, ``object`` (str)
            for the rest.

        Raises:
            ImportError: pandas is not installed.
        """
        pd = _need("pandas", "extract_frame")
        texts = _no_missing(df[text].tolist())
        docs = df[doc].tolist() if doc in df.columns else [str(i) for i in df.index]
        cols = self._columns(texts, docs, threads, True)
        return _frame(pd, cols)

    def extract_arrow(self, table: Any, text: str = "text", doc: str = "doc", threads: Optional[int] = None) -> Any:
        """Tags the column ``text`` of a pyarrow Table or RecordBatch (or of
        a pandas DataFrame); one output row per unit of speech.

        Each input row is one document named by its ``doc`` column (by its
        row number when there is no such column), as in
        :meth:`extract_frame`. A null text gives no row.

        Returns:
            A ``pyarrow.Table`` with the schema :func:`arrow_schema`:
            ``int64`` offsets and ids, ``float64`` confidence,
            dictionary-encoded strings for :data:`CATEGORY_COLUMNS`,
            ``string`` for the rest, and ``pieces`` as a list of
            ``{start, end}`` structs.

        Raises:
            ImportError: pyarrow is not installed.
        """
        pa = _need("pyarrow", "extract_arrow")
        if not isinstance(table, (pa.Table, pa.RecordBatch)):
            table = pa.Table.from_pandas(table, preserve_index=False)
        texts = _no_missing(table.column(text).to_pylist())
        names = table.column_names
        docs = table.column(doc).to_pylist() if doc in names else [str(i) for i in range(table.num_rows)]
        cols = self._columns(texts, docs, threads, True)
        return _arrow_table(pa, cols, dictionary=True)


def _no_missing(texts: list) -> list:
    """Missing texts (``None``, NaN) as empty ones."""
    return ["" if t is None or (isinstance(t, float) and t != t) else t for t in texts]


def arrow_schema(dictionary: bool = True) -> Any:
    """The Arrow schema of the rows (see :meth:`Tagger.extract_arrow`);
    with ``dictionary=False`` every text column is a plain ``string``
    (as Spark wants it)."""
    pa = _need("pyarrow", "arrow_schema")
    return _schema(pa, dictionary)


def _schema(pa: Any, dictionary: bool) -> Any:
    cat = pa.dictionary(pa.int32(), pa.string()) if dictionary else pa.string()
    fields = []
    for c in COLUMNS:
        if c in INT_COLUMNS:
            t = pa.int64()
        elif c in FLOAT_COLUMNS:
            t = pa.float64()
        elif c in CATEGORY_COLUMNS:
            t = cat
        else:
            t = pa.string()
        fields.append(pa.field(c, t, nullable=False))
    piece = pa.struct([pa.field("start", pa.int64(), nullable=False), pa.field("end", pa.int64(), nullable=False)])
    fields.append(pa.field("pieces", pa.list_(piece), nullable=False))
    return pa.schema(fields)


def _arrow_table(pa: Any, cols: dict, dictionary: bool) -> Any:
    """Columns from the core as an Arrow table of the rows' schema."""
    schema = _schema(pa, dictionary)
    arrays = []
    for f in schema:
        values = cols[f.name]
        if f.name == "pieces":
            values = [[{"start": s, "end": e} for s, e in p] for p in values]
        if pa.types.is_dictionary(f.type):
            arrays.append(pa.array(values, pa.string()).dictionary_encode())
        else:
            arrays.append(pa.array(values, f.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def _frame(pd: Any, cols: dict) -> Any:
    """Columns from the core as a typed pandas DataFrame."""
    df = pd.DataFrame({c: cols[c] for c in COLUMNS + ("pieces",)})
    types = {c: "int64" for c in INT_COLUMNS}
    types.update({c: "float64" for c in FLOAT_COLUMNS})
    types.update({c: "category" for c in CATEGORY_COLUMNS})
    types.update({c: object for c in COLUMNS if c not in types})
    return df.astype(types)


@dataclass(frozen=True)
class Entry:
    """One input met by :func:`read_files`.

    Attributes:
        path: the path as given or found.
        status: ``"processed"`` (read and decoded), ``"skipped"`` or ``"failed"``.
        reason: why it was skipped or failed (empty when processed), worded
            as the CLI words it (``not a .txt file``, ``empty file``,
            ``cannot decode as UTF-8 at byte 1187``, ...).
        is_error: the CLI counts it as an error (a failure, or a skip for a
            problem; a file a directory walk is not meant to read is not one).
        bytes: its size when processed.
    """

    path: str
    status: str
    reason: str
    is_error: bool
    bytes: int = 0

    def __str__(self) -> str:
        return f"{self.status} {self.path}" + (f": {self.reason}" if self.reason else "")


@dataclass
class Files:
    """What :func:`read_files` read: the texts with their ``doc`` names, and
    an :class:`Entry` for every input met.

    Iterating yields ``(doc, text)`` pairs; ``tagger.extract_many(files.texts,
    files.docs)`` gives the CLI's rows for these files.
    """

    paths: list = field(default_factory=list)
    docs: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    entries: list = field(default_factory=list)

    def __iter__(self) -> Iterator:
        return iter(zip(self.docs, self.texts))

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def processed(self) -> list:
        """The entries read and decoded."""
        return [e for e in self.entries if e.status == "processed"]

    @property
    def skipped(self) -> list:
        """The entries left out, with the reason."""
        return [e for e in self.entries if e.status == "skipped"]

    @property
    def failed(self) -> list:
        """The entries that could not be read or decoded, with the reason."""
        return [e for e in self.entries if e.status == "failed"]

    @property
    def errors(self) -> int:
        """Failed entries plus those skipped for a problem (the CLI's error count)."""
        return sum(e.is_error for e in self.entries)

    def all_processed(self) -> bool:
        """True when every input meant to be read was read (the CLI's exit code 0)."""
        return self.errors == 0

    def summary(self) -> str:
        """The CLI's accounting: one line per input not processed, then the totals."""
        lines = [f"yinyu: {e}" for e in self.entries if e.status != "processed"]
        mb = sum(e.bytes for e in self.processed) / 1e6
        lines.append(
            f"yinyu: {len(self.entries)} input(s): {len(self.processed)} processed, "
            f"{len(self.skipped)} skipped, {len(self.failed)} failed; {self.errors} error(s); {mb:.1f} MB"
        )
        return "\n".join(lines)


def read_files(
    paths: Union[PathLike, Iterable[PathLike]],
    encoding: Optional[str] = None,
    lossy: bool = False,
) -> Files:
    """Reads ``.txt`` files and directories as ``yinyu extract`` reads them.

    A directory is searched recursively for ``*.txt`` in sorted order
    (hidden directories and symlink loops are left out and listed); a file
    named directly is read whatever its name; ``-`` is standard input.
    Every input is accounted for in :attr:`Files.entries`.

    Args:
        paths: one path or several.
        encoding: the input encoding (``gb18030``, ``big5``, ...); default
            UTF-8, with UTF-8 and UTF-16 BOMs sniffed.
        lossy: replace undecodable bytes instead of failing the file.

    Raises:
        YinyuError: the encoding name is unknown.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    read, entries = _read_files([os.fspath(p) for p in paths], encoding, lossy)
    files = Files(entries=[Entry(*e) for e in entries])
    for path, doc, text in read:
        files.paths.append(path)
        files.docs.append(doc)
        files.texts.append(text)
    return files
