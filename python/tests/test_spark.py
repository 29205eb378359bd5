"""yinyu.spark on pyspark local[2]: one row per line of pd1998-full.txt gives
the CLI's --each-line rows (offsets from the row's own text)."""

from __future__ import annotations

import os
import sys
import time

import pandas as pd
import pytest

import yinyu
import yinyu.spark
from conftest import DEV, cli_rows, line_starts, read_text

FULL = DEV / "pd1998-full.txt"


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # the workers run this interpreter (the one yinyu is installed in)
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("yinyu-test")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_rows_equal_cli_each_line(corpus, spark):
    text = read_text(FULL)
    lines = text.split("\n")
    docs = [f"{FULL.name}:{n}" for n in range(1, len(lines) + 1)]
    df = spark.createDataFrame(pd.DataFrame({"doc": docs, "text": lines})).repartition(4)
    started = time.monotonic()
    out = yinyu.spark.extract(df, each_line=True)
    assert out.schema == yinyu.spark.schema()
    got = out.toPandas()
    took = time.monotonic() - started
    print(f"spark local[2]: {len(text.encode()) / 1e6:.1f} MB, {len(got)} rows in {took:.1f} s")

    starts = line_starts(text)
    expected = []
    for r in cli_rows("--each-line", FULL):
        line = int(r["doc"].rsplit(":", 1)[1])
        shift = starts[line - 1]
        expected.append({**r, "start": r["start"] - shift, "end": r["end"] - shift})
    assert len(expected) > 1000

    def key(r: dict) -> tuple:
        return (int(r["doc"].rsplit(":", 1)[1]), r["start"], r["end"], r["text"])

    cols = [c for c in yinyu.COLUMNS if c != "quote_id"]  # quote_id counts per row here, per file in the CLI
    ours = sorted((tuple(r[c] for c in cols) for r in got[cols].astype(object).to_dict("records")), key=lambda t: (int(t[0].rsplit(":", 1)[1]), t[2], t[3], t[4]))
    theirs = sorted((tuple(r[c] for c in cols) for r in expected), key=lambda t: (int(t[0].rsplit(":", 1)[1]), t[2], t[3], t[4]))
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        assert a == b
    # offsets slice the row's own text
    for doc, start, end, words, method in zip(got["doc"], got["start"], got["end"], got["text"], got["method"]):
        if not method.endswith("+stitched"):
            assert lines[int(doc.rsplit(":", 1)[1]) - 1][start:end] == words
    # quote_id numbers the rows of each input row from 1
    firsts = got.groupby("doc")["quote_id"].min()
    assert (firsts == 1).all()


def test_spark_articles_and_nulls(spark):
    from pyspark.sql import Row

    sample = "外交部发言人毛宁表示：“中方坚决反对。”\n商务部新闻发言人王涛表示：“双方贸易往来持续扩大。”\n"
    df = spark.createDataFrame([Row(doc="a", text=sample), Row(doc="b", text=None), Row(doc=None, text="王毅说，中方愿同各方一道努力。")])
    rows = sorted(yinyu.spark.extract(df).collect(), key=lambda r: (r.doc, r.start))
    assert [(r.doc, r.speaker) for r in rows] == [("", "王毅"), ("a", "毛宁"), ("a", "王涛")]
    assert rows[1].pieces[0].start == 12
    local = yinyu.Tagger().extract(sample, "a")
    assert [r.asDict(recursive=True)["confidence"] for r in rows[1:]] == [r["confidence"] for r in local]
