"""The API around the rows: frames, errors, threads, awkward texts, files."""

from __future__ import annotations

import pickle
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import yinyu
from conftest import DEV_GOLD_FILES, ROOT, SUMMIT, cli_path, cli_rows, read_text, run_cli, without_pieces

SAMPLE = "外交部发言人毛宁表示：“中方坚决反对。”\n商务部新闻发言人王涛表示：“双方贸易往来持续扩大。”\n"


def test_frame_has_typed_columns(tagger):
    df = pd.DataFrame({"doc": ["a", "b", "c"], "text": [SAMPLE, None, "王毅说，中方愿同各方一道努力。"]})
    out = tagger.extract_frame(df)
    assert list(out.columns) == list(yinyu.COLUMNS) + ["pieces"]
    for c in yinyu.INT_COLUMNS:
        assert out[c].dtype == "int64", c
    assert out["confidence"].dtype == "float64"
    for c in yinyu.CATEGORY_COLUMNS:
        assert isinstance(out[c].dtype, pd.CategoricalDtype), c
    assert out["speaker"].dtype == object
    assert list(out["doc"]) == ["a", "a", "c"]
    assert list(out["speaker"]) == ["毛宁", "王涛", "王毅"]
    empty = tagger.extract_frame(pd.DataFrame({"doc": [], "text": []}))
    assert len(empty) == 0 and empty["start"].dtype == "int64"


def test_frame_without_doc_column_is_named_by_index(tagger):
    out = tagger.extract_frame(pd.DataFrame({"body": [SAMPLE]}, index=[7]), text="body")
    assert set(out["doc"]) == {"7"}


def test_arrow_has_typed_columns(tagger):
    table = pa.table({"doc": ["a", "b"], "text": [SAMPLE, None]})
    out = tagger.extract_arrow(table)
    assert out.schema == yinyu.arrow_schema()
    assert out.schema.field("start").type == pa.int64()
    assert out.schema.field("confidence").type == pa.float64()
    assert pa.types.is_dictionary(out.schema.field("kind").type)
    assert out.schema.field("speaker").type == pa.string()
    assert out.column("pieces").to_pylist()[0] == [{"start": 12, "end": 19}]
    assert out.num_rows == 2
    # a RecordBatch and a pandas frame are accepted too
    assert tagger.extract_arrow(table.to_batches()[0]).equals(out)
    assert tagger.extract_arrow(table.to_pandas()).equals(out)
    # the same values as the dicts
    rows = tagger.extract(SAMPLE, "a")
    as_dicts = out.to_pylist()
    for r in as_dicts:
        r["pieces"] = [(p["start"], p["end"]) for p in r["pieces"]]
    assert as_dicts == rows


def test_bad_lexicon_directory_lists_every_problem():
    bad = ROOT / "tests" / "fixtures" / "bad-lexicons"
    expected = [
        line for line in (ROOT / "tests" / "fixtures" / "bad-lexicons.expected").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    with pytest.raises(yinyu.LexiconError) as e:
        yinyu.Tagger(bad)
    msg = str(e.value)
    lines = msg.splitlines()
    for want in expected:
        assert any(want in line for line in lines), want
    assert e.value.problems == lines
    assert all(":" in p for p in e.value.problems)
    assert isinstance(e.value, yinyu.YinyuError)


def test_missing_lexicon_directory():
    with pytest.raises(yinyu.LexiconError, match=r":0: not a directory"):
        yinyu.Tagger("/nonexistent/yinyu-lexicons")


def test_lexicon_directory_replaces_files(tmp_path):
    (tmp_path / "README.txt").write_text("no lexicon here")
    t = yinyu.Tagger(tmp_path, themes=False)
    rows = t.extract(SAMPLE)
    assert rows and all(r["themes"] == "" and r["stance"] == "" for r in rows)


def test_concurrent_use_from_python_threads(corpus, tagger):
    texts = [line for p in DEV_GOLD_FILES for line in read_text(p).split("\n")[:40]]
    expected = [tagger.extract(t, str(i)) for i, t in enumerate(texts)]
    barrier = threading.Barrier(4)

    def work(k: int) -> list:
        barrier.wait()
        out = []
        for i in range(k, len(texts), 4):
            out.append((i, tagger.extract(texts[i], str(i))))
        out.append((-1, tagger.extract_many(texts, [str(i) for i in range(len(texts))], threads=2)))
        return out

    with ThreadPoolExecutor(4) as ex:
        results = [r for f in [ex.submit(work, k) for k in range(4)] for r in f.result()]
    flat = [r for rows in expected for r in rows]
    for i, rows in results:
        assert rows == (flat if i == -1 else expected[i])


def test_empty_and_blank_texts(tagger, line_tagger):
    for t in (tagger, line_tagger):
        assert t.extract("") == []
        assert t.extract(" \n\n\t") == []
        assert t.extract_many([]) == []
        assert t.extract_many(["", SAMPLE, ""], ["a", "b", "c"]) == t.extract(SAMPLE, "b")


def test_ten_megabytes_without_punctuation(tagger, tmp_path):
    text = ("中国同中亚国家山水相连友谊源远流长" * 700_000)[: 3_500_000]
    assert len(text.encode()) >= 10_000_000
    started = time.monotonic()
    rows = tagger.extract(text, "big.txt")
    took = time.monotonic() - started
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode())
    assert without_pieces(rows) == cli_rows(path)
    assert took < 60, took


def test_invalid_text_raises_a_clear_error(tagger):
    with pytest.raises(yinyu.YinyuError, match=r"invalid text at character 3"):
        tagger.extract("王毅说\ud800好", "x.txt")
    with pytest.raises(yinyu.YinyuError, match=r'text 1 \("b"\): invalid text at character 0'):
        tagger.extract_many(["好", "\udcff"], ["a", "b"])
    with pytest.raises(TypeError, match="not str"):
        tagger.extract(b"bytes")
    with pytest.raises(TypeError, match="list of str"):
        tagger.extract_many("one string")
    with pytest.raises(ValueError, match="fewer docs"):
        tagger.extract_many(["a", "b"], ["a"])
    with pytest.raises(ValueError, match="more docs"):
        tagger.extract_many(["a"], ["a", "b"])
    with pytest.raises(ValueError, match="at least 1"):
        tagger.extract_many(["a"], threads=0)
    # the tagger still works afterwards
    assert tagger.extract(SAMPLE)


def test_tagger_pickles(tagger):
    t = pickle.loads(pickle.dumps(yinyu.Tagger(themes=False, each_line=True)))
    assert t.each_line and repr(t).startswith("Tagger(")
    assert t.extract(SAMPLE, "p")[1]["doc"] == "p:2"


def test_read_files_accounts_like_the_cli(corpus, tagger, tmp_path):
    d = tmp_path / "news"
    (d / "sub").mkdir(parents=True)
    (d / ".hidden").mkdir()
    (d / "a.txt").write_text(SAMPLE, encoding="utf-8")
    (d / "sub" / "b.txt").write_bytes(read_text(SUMMIT).encode())
    (d / "notes.md").write_text("x")
    (d / "empty.txt").write_text("  \n")
    (d / "gbk.txt").write_bytes("王毅说，好。".encode("gb18030"))
    files = yinyu.read_files([d, tmp_path / "missing.txt"])
    res = run_cli("extract", d, tmp_path / "missing.txt")
    cli_lines = [line for line in res.stderr.decode().splitlines() if line.startswith("yinyu: ")]
    ours = files.summary().splitlines()
    assert ours[:-1] == cli_lines[:-1]
    assert len(files.failed) == 2 and len(files.skipped) == 3 and len(files.processed) == 2
    assert files.errors == 3 and not files.all_processed()
    assert files.docs == ["a.txt", "b.txt"]
    assert cli_lines[-1].startswith(ours[-1].split(";")[0])
    rows = tagger.extract_many(files.texts, files.docs)
    assert without_pieces(rows) == cli_rows(d / "a.txt", d / "sub" / "b.txt")
    gbk = yinyu.read_files(d / "gbk.txt", encoding="gb18030")
    assert gbk.texts == ["王毅说，好。"] and gbk.all_processed()
    with pytest.raises(yinyu.YinyuError, match="unknown encoding"):
        yinyu.read_files(d, encoding="no-such-encoding")
    assert dict(yinyu.read_files(d / "a.txt")) == {"a.txt": SAMPLE}


def test_cli_is_the_one_built_from_this_checkout():
    out = subprocess.run([str(cli_path()), "--version"], capture_output=True, text=True, check=True).stdout
    assert out.split()[-1] == yinyu.__version__
