#!/usr/bin/env bash
# CI for the Python package and the Spark path (called at the end of .ci/run).
# Creates target/py-venv when missing, installs maturin, pytest, pandas,
# pyarrow and pyspark there, a Java runtime from Debian's packages when
# `java` is missing, builds the wheel and installs it, builds the CLI the
# tests compare with, and runs pytest. Anything missing fails the run:
# no test is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "python/ci.sh: $*" >&2; exit 1; }
[ -d ../shared/corpus ] || fail "../shared/corpus is missing; the tests compare rows on real news from there"
PY=${PYTHON:-python3}
command -v "$PY" >/dev/null || fail "no $PY"
VENV=target/py-venv
if [ ! -x "$VENV/bin/python" ]; then
  if ! "$PY" -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    command -v apt-get >/dev/null || fail "$PY cannot create a virtual environment and apt-get is missing"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv) >/dev/null
    "$PY" -m venv "$VENV" || fail "cannot create $VENV"
  fi
fi
V="$VENV/bin"
"$V/python" -m pip install -q --upgrade pip
# pyspark does not support pandas 3 yet
"$V/python" -m pip install -q maturin pytest "pandas>=1.5,<3" "pyarrow>=10" "pyspark>=3.4"
if ! command -v java >/dev/null; then
  command -v apt-get >/dev/null || fail "java is missing and apt-get is not there to install it"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless) >/dev/null
fi
java -version >/dev/null 2>&1 || fail "java does not run; the Spark test needs a Java runtime"

cargo fmt --check -p yinyu-python
cargo clippy -p yinyu-python --all-targets -- -D warnings
# the CLI the tests compare rows with
cargo build --release --bin yinyu
# the wheel, as a user installs it
rm -rf target/wheels/yinyu-*.whl
"$V/maturin" build --release --quiet -m python/Cargo.toml --out target/wheels
"$V/python" -m pip install -q --force-reinstall --no-deps target/wheels/yinyu-*.whl
# from the repository root, so `import yinyu` is the installed wheel, not python/yinyu
export YINYU_CLI="$PWD/target/release/yinyu"
"$V/python" -m pytest -q -p no:cacheprovider -W ignore::FutureWarning python/tests
