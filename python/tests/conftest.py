"""Shared fixtures: the repository, the corpus, the CLI the rows are compared with."""

from __future__ import annotations

import csv
import io
import os
import subprocess
from pathlib import Path

import pytest

import yinyu

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("YINYU_CORPUS", ROOT.parent / "shared" / "corpus"))
SUMMIT = CORPUS / "xinhua-china-central-asia-2025.txt"
DEV = CORPUS / "dev"
# the dev files scored against gold, one document per line
DEV_GOLD_FILES = sorted(DEV / p.name.replace(".gold.csv", ".txt") for p in (DEV / "gold").glob("*.gold.csv"))
INT = set(yinyu.INT_COLUMNS)
FLOAT = set(yinyu.FLOAT_COLUMNS)


def cli_path() -> Path:
    """The CLI binary (YINYU_CLI, else target/release/yinyu); a missing one fails the test."""
    p = Path(os.environ.get("YINYU_CLI", ROOT / "target" / "release" / "yinyu"))
    if not p.is_file():
        pytest.fail(f"the CLI {p} is missing: cargo build --release --bin yinyu (python/ci.sh does)")
    return p


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """Runs the CLI; its stdout and stderr as text."""
    return subprocess.run([str(cli_path()), *map(str, args)], capture_output=True, check=False)


def cli_rows(*args: str) -> list:
    """The rows of `yinyu extract -q ARGS...`, parsed as the CSV contract types them."""
    res = run_cli("extract", "-q", *args)
    assert res.returncode == 0, res.stderr.decode()
    out = res.stdout.decode("utf-8")
    rows = []
    for r in csv.DictReader(io.StringIO(out, newline="")):
        for k in INT:
            r[k] = int(r[k])
        for k in FLOAT:
            r[k] = float(r[k])
        rows.append(r)
    return rows


def read_text(path: Path) -> str:
    """The text as the CLI decodes the file (UTF-8, BOM dropped, line ends kept)."""
    return path.read_bytes().decode("utf-8-sig")


def without_pieces(rows: list) -> list:
    """The rows with only the CSV columns."""
    return [{k: r[k] for k in yinyu.COLUMNS} for r in rows]


def line_starts(text: str) -> list:
    """Character offset of the start of each line (index 0 = line 1)."""
    starts, at = [], 0
    for line in text.split("\n"):
        starts.append(at)
        at += len(line) + 1
    return starts


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not SUMMIT.is_file() or not DEV_GOLD_FILES:
        pytest.fail(f"the corpus is missing at {CORPUS} (../shared/corpus beside the checkout)")
    return CORPUS


@pytest.fixture(scope="session")
def tagger() -> yinyu.Tagger:
    return yinyu.Tagger()


@pytest.fixture(scope="session")
def line_tagger() -> yinyu.Tagger:
    return yinyu.Tagger(each_line=True)
