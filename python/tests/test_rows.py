"""Rows from Python equal the CLI's CSV rows for the same text."""

from __future__ import annotations

import pytest

import yinyu
from conftest import DEV_GOLD_FILES, SUMMIT, cli_rows, line_starts, read_text, without_pieces


def check_offsets(text: str, rows: list) -> None:
    """text[start:end] is each quote; a stitched one is its pieces joined."""
    for r in rows:
        joined = "".join(text[s:e] for s, e in r["pieces"])
        assert joined == r["text"], r
        if not r["method"].endswith("+stitched"):
            assert text[r["start"] : r["end"]] == r["text"], r
            assert r["pieces"] == [(r["start"], r["end"])]


def test_summit_page_equals_cli(corpus, tagger):
    text = read_text(SUMMIT)
    rows = tagger.extract(text, doc=SUMMIT.name)
    expected = cli_rows(SUMMIT)
    assert len(rows) > 20
    assert without_pieces(rows) == expected
    check_offsets(text, rows)


@pytest.mark.parametrize("path", DEV_GOLD_FILES, ids=lambda p: p.name)
def test_dev_file_each_line_equals_cli(corpus, line_tagger, path):
    text = read_text(path)
    expected = cli_rows("--each-line", path)
    rows = line_tagger.extract(text, doc=path.name)
    assert rows, path
    assert without_pieces(rows) == expected
    check_offsets(text, rows)


@pytest.mark.parametrize("path", DEV_GOLD_FILES, ids=lambda p: p.name)
def test_dev_file_line_by_line_equals_cli(corpus, line_tagger, path):
    """One text per line, named FILE:LINE as the CLI names it: the CLI's rows,
    offsets counted from the line's own start, quote_id per line."""
    import pandas as pd

    text = read_text(path)
    lines = text.split("\n")
    docs = [f"{path.name}:{n}" for n in range(1, len(lines) + 1)]
    frame = line_tagger.extract_frame(pd.DataFrame({"doc": docs, "text": lines}))
    starts = line_starts(text)
    expected = []
    for r in cli_rows("--each-line", path):
        line = int(r["doc"].rsplit(":", 1)[1])
        expected.append({**r, "start": r["start"] - starts[line - 1], "end": r["end"] - starts[line - 1]})
    got = frame.drop(columns=["pieces"]).astype(object).to_dict("records")
    assert len(got) == len(expected)
    key = lambda r: {k: v for k, v in r.items() if k != "quote_id"}  # noqa: E731
    assert [key(r) for r in got] == [key(r) for r in expected]
    for doc, start, end, words in zip(frame["doc"], frame["start"], frame["end"], frame["text"]):
        line = lines[int(doc.rsplit(":", 1)[1]) - 1]
        if start < end and line[start:end] != words:
            # only a stitched row may differ (its pieces are joined)
            assert frame[(frame["doc"] == doc) & (frame["start"] == start)]["method"].iloc[0].endswith("+stitched")


def test_extract_many_equals_a_loop_of_extract(corpus, tagger, line_tagger):
    texts, docs = [], []
    for path in DEV_GOLD_FILES:
        for n, line in enumerate(read_text(path).split("\n")[:60], 1):
            texts.append(line)
            docs.append(f"{path.name}:{n}")
    texts.append(read_text(SUMMIT))
    docs.append(SUMMIT.name)
    for t in (tagger, line_tagger):
        loop = [r for text, doc in zip(texts, docs) for r in t.extract(text, doc)]
        assert len(loop) > 100
        assert t.extract_many(texts, docs) == loop
        assert t.extract_many(texts, docs, threads=1) == loop
        assert t.extract_many(texts, docs, threads=2) == loop
        assert t.extract_many(iter(texts), iter(docs), threads=3) == loop
    assert tagger.extract_many(texts[:3]) == [r for x in texts[:3] for r in tagger.extract(x)]


def test_a_large_text_is_cut_as_the_cli_cuts_a_file(corpus, tagger, tmp_path):
    """A text over 1 MiB is tagged in segments in parallel: rows as the CLI's."""
    text = read_text(SUMMIT)
    big = (text.rstrip("\n") + "\n") * (2 * 1024 * 1024 // len(text.encode()) + 1)
    path = tmp_path / "big.txt"
    path.write_bytes(big.encode())
    rows = tagger.extract_many([big], ["big.txt"], threads=2)
    assert without_pieces(rows) == cli_rows(path)
    assert tagger.extract(big, "big.txt") == rows
    check_offsets(big, rows)


def test_row_values_have_the_contract_types(tagger):
    rows = tagger.extract("外交部发言人毛宁表示：“中方坚决反对。”", doc="x.txt")
    assert len(rows) == 1
    r = rows[0]
    assert list(r) == list(yinyu.COLUMNS) + ["pieces"]
    assert (r["doc"], r["quote_id"], r["speaker"], r["text"]) == ("x.txt", 1, "毛宁", "中方坚决反对。")
    assert isinstance(r["start"], int) and isinstance(r["confidence"], float)
    assert r["pieces"] == [(r["start"], r["end"])]


def test_doc_is_named_as_the_cli_names_it(line_tagger, tagger):
    text = "外交部发言人毛宁表示：“中方坚决反对。”\n商务部新闻发言人王涛表示：“双方贸易往来持续扩大。”\n"
    assert [r["doc"] for r in line_tagger.extract(text, "f.txt")] == ["f.txt:1", "f.txt:2"]
    assert [r["doc"] for r in tagger.extract(text, "f.txt")] == ["f.txt", "f.txt"]
    assert [r["doc"] for r in tagger.extract(text)] == ["", ""]
