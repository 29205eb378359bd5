"""Spark local[2] throughput of yinyu.spark.extract and its time to first row.

    python python/bench/spark_throughput.py ../shared/corpus/dev/pd1998-full.txt

Writes the file's lines as Parquet (doc, text; row groups of 2,000 lines),
then reads it back with 1 MB splits, extracts (each line a document) and
writes the quotes as Parquet, timing: the first row of a fresh session
(Python workers started, one Tagger built in each), and the whole job
twice (the second with the workers and their Taggers reused).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)

from pyspark.sql import SparkSession  # noqa: E402

import yinyu.spark  # noqa: E402


def main() -> None:
    path = Path(sys.argv[1])
    data = path.read_bytes()
    mb = len(data) / 1e6
    lines = data.decode("utf-8-sig").split("\n")
    tmp = Path(tempfile.mkdtemp(prefix="yinyu-spark-"))
    src = tmp / "lines.parquet"
    docs = [f"{path.name}:{n}" for n in range(1, len(lines) + 1)]
    pq.write_table(pa.table({"doc": docs, "text": lines}), src, row_group_size=2000)
    t = time.perf_counter()
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.files.maxPartitionBytes", str(1 << 20))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    print(f"session started in {time.perf_counter() - t:.1f} s")
    df = spark.read.parquet(str(src))
    print(f"{path.name}: {mb:.2f} MB, {len(lines)} rows, {df.rdd.getNumPartitions()} partitions")
    t = time.perf_counter()
    first = yinyu.spark.extract(df, each_line=True).limit(1).collect()
    print(f"time to first row: {time.perf_counter() - t:.2f} s ({first[0].doc} {first[0].speaker})")
    for run in (1, 2):
        t = time.perf_counter()
        yinyu.spark.extract(df, each_line=True).write.mode("overwrite").parquet(str(tmp / "quotes.parquet"))
        took = time.perf_counter() - t
        n = spark.read.parquet(str(tmp / "quotes.parquet")).count()
        print(f"run {run}: {n} quotes in {took:.2f} s = {mb / took:.2f} MB/s")
    spark.stop()


if __name__ == "__main__":
    main()
