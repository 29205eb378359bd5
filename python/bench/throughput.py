"""Throughput of extract_many against the CLI on one file, in the same run.

    python python/bench/throughput.py ../shared/corpus/dev/pd1998-full.txt [--repeat 3]

Prints MB/s (best of --repeat) for: the CLI with --threads 1 and 2 (rows to
/dev/null), extract_many over the whole file as one text, and extract_many
over its lines with an each-line tagger against the CLI's --each-line.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import time
from pathlib import Path

import yinyu

ROOT = Path(__file__).resolve().parents[2]


def best(f, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cli", default=os.environ.get("YINYU_CLI", str(ROOT / "target/release/yinyu")))
    a = ap.parse_args()
    path = Path(a.file)
    data = path.read_bytes()
    mb = len(data) / 1e6
    text = data.decode("utf-8-sig")
    lines = text.split("\n")
    docs = [f"{path.name}:{n}" for n in range(1, len(lines) + 1)]
    t0 = time.perf_counter()
    whole, each = yinyu.Tagger(), yinyu.Tagger(each_line=True)
    print(f"{path.name}: {mb:.2f} MB, {len(lines)} lines; two Taggers built in {time.perf_counter() - t0:.2f} s")
    for threads in (1, 2):
        for mode, extra in (("whole file", []), ("each line", ["--each-line"])):
            cmd = [a.cli, "extract", "-q", "--threads", str(threads), *extra, "-o", "/dev/null", str(path)]
            cli = best(lambda: subprocess.run(cmd, check=True), a.repeat)
            if mode == "whole file":
                py = best(lambda: whole.extract_many([text], [path.name], threads=threads), a.repeat)
            else:
                py = best(lambda: each.extract_many(lines, docs, threads=threads), a.repeat)
            print(
                f"threads={threads} {mode:10}  CLI {mb / cli:6.2f} MB/s  extract_many {mb / py:6.2f} MB/s"
                f"  ratio {cli / py:.2f}"
            )
    rows = each.extract_many(lines, docs)
    print(f"rows (each line): {len(rows)}")


if __name__ == "__main__":
    main()
