"""yinyu on Spark: the units of speech of a DataFrame of texts.

::

    from pyspark.sql import SparkSession
    import yinyu.spark

    spark = SparkSession.builder.getOrCreate()
    articles = spark.read.parquet("articles.parquet")          # columns doc, text
    yinyu.spark.extract(articles).write.parquet("quotes.parquet")

Each input row is one document, named by its ``doc`` column. The work is
one task per partition with no shared state: every Python worker process
builds one :class:`yinyu.Tagger` the first time it needs it and keeps it
for every later batch and task (Spark reuses its Python workers), and
tags its Arrow batches on one thread (Spark runs one worker per core).
Lexicons are the embedded ones, or a directory given by ``lexicons`` that
must exist at the same path on every executor (ship it with
``spark.addFile``/``--files`` or a shared file system).
"""

from __future__ import annotations

from typing import Any, Iterator, Optional

from . import COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, Tagger, _arrow_table, _need

__all__ = ["extract", "schema"]

# one tagger per worker process and per set of options, built on first use
_TAGGERS: dict = {}


def _tagger(key: tuple) -> Tagger:
    """The worker's tagger for ``key`` = (lexicons, themes, each_line, include_terms)."""
    t = _TAGGERS.get(key)
    if t is None:
        lexicons, themes, each_line, include_terms = key
        t = Tagger(lexicons, themes, each_line=each_line, include_terms=include_terms)
        _TAGGERS[key] = t
    return t


def schema() -> Any:
    """The Spark schema of the rows: the CSV contract's columns typed
    (``long`` offsets and ids, ``double`` confidence, ``string`` otherwise)
    and ``pieces`` as ``array<struct<start:long,end:long>>``."""
    T = _need("pyspark", "yinyu.spark").sql.types
    fields = []
    for c in COLUMNS:
        if c in INT_COLUMNS:
            t = T.LongType()
        elif c in FLOAT_COLUMNS:
            t = T.DoubleType()
        else:
            t = T.StringType()
        fields.append(T.StructField(c, t, nullable=False))
    piece = T.StructType([T.StructField("start", T.LongType(), False), T.StructField("end", T.LongType(), False)])
    fields.append(T.StructField("pieces", T.ArrayType(piece, containsNull=False), nullable=False))
    return T.StructType(fields)


def extract(
    df: Any,
    text_col: str = "text",
    doc_col: str = "doc",
    *,
    each_line: bool = False,
    lexicons: Optional[str] = None,
    themes: bool = True,
    include_terms: bool = False,
    threads: int = 1,
) -> Any:
    """The units of speech of every row of ``df``, as a Spark DataFrame of
    :func:`schema` (lazily: nothing runs before an action).

    Args:
        df: a Spark DataFrame with a string column ``text_col`` and, unless
            ``doc_col`` is ``None``, a column ``doc_col`` naming each row.
        text_col: the column of texts (a null text gives no row).
        doc_col: the column of document names; ``None`` names every row "".
        each_line: every line of a text is a document of its own (as
            ``yinyu extract --each-line``).
        lexicons: a lexicon directory present on every executor; ``None``
            uses the embedded lexicons.
        themes: tag themes and stance.
        include_terms: also give ``term`` rows.
        threads: tagging threads per Python worker (keep 1 when Spark runs
            one worker per core).

    Each row's ``doc`` is its ``doc_col`` value, kept as is when the text
    is one document; a text holding several articles gives ``NAME#N``
    and, with ``each_line``, a text of several lines gives ``NAME:LINE``.
    Offsets count characters from the start of the row's own text, so
    ``text[start:end]`` (Python) or ``substring(text, start + 1, end - start)``
    (Spark SQL) is the quote.
    """
    pa = _need("pyarrow", "yinyu.spark")
    key = (lexicons, bool(themes), bool(each_line), bool(include_terms))
    cols = [text_col] if doc_col is None else [text_col, doc_col]

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        tagger = _tagger(key)
        for batch in batches:
            texts = batch.column(0).to_pylist()
            docs = batch.column(1).to_pylist() if doc_col is not None else None
            out = tagger._columns(texts, docs, threads, True)
            yield from _arrow_table(pa, out, dictionary=False).to_batches()

    return df.select(*cols).mapInArrow(run, schema())
