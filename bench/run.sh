#!/usr/bin/env bash
# Throughput of `yinyu extract` against one bare multi-pattern scan of the
# same text (grep -F with every lexicon term), side by side in one run.
#
#   bench/run.sh            # ~100 MB corpus
#   bench/run.sh 1000       # ~1 GB corpus (peak memory check)
#
# The corpus repeats ../shared/corpus/dev/pd1998-full.txt (People's Daily,
# January 1998) to the size asked. It is written to $BENCH_DIR (default
# /tmp/yinyu-bench) with TERMS, the lexicon terms, one per line. Reported:
# seconds, MB/s, peak RSS (/usr/bin/time), and yinyu's speed as a share of
# each scan's.
#   aho-corasick  examples/bare_scan.rs: one Aho-Corasick pass with every
#                 term, counting every occurrence (the automaton yinyu's
#                 mention scan uses); the bare scan yinyu is compared with
#   grep -c   counts matching lines: it stops at the first hit of a line, so
#             on this text it measures reading speed more than scanning
#   grep -o   reports every occurrence, and writes each one out
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-100}
dir=${BENCH_DIR:-/tmp/yinyu-bench}
src=../shared/corpus/dev/pd1998-full.txt
[ -f "$src" ] || { echo "bench: $src is missing" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }
mkdir -p "$dir"
corpus=$dir/corpus-${size_mb}mb.txt
if [ ! -f "$corpus" ]; then
  : >"$corpus"
  while [ "$(stat -c %s "$corpus")" -lt $((size_mb * 1000000)) ]; do cat "$src" >>"$corpus"; done
fi
# every term of the lexicons: first column of the .tsv files (t2s and layout
# hold characters and regexes, not terms) and every keyword of the rule files
python3 - "$dir/TERMS" <<'PY'
import sys, tomllib, glob, os
terms = set()
for f in glob.glob("lexicons/*.tsv"):
    if os.path.basename(f) in ("t2s.tsv", "layout.tsv"):
        continue
    lines = [l for l in open(f, encoding="utf-8") if l.strip() and not l.startswith("#")]
    terms.update(l.split("\t")[0].strip() for l in lines[1:])
for f in glob.glob("lexicons/*.toml"):
    spec = tomllib.load(open(f, "rb"))
    for words in spec.get("lists", {}).values():
        terms.update(w for w in words if not w.startswith("@"))
    for r in spec.get("rule", []):
        for k in ("any", "all", "none", "not_after"):
            terms.update(w for w in r.get(k, []) if not w.startswith("@"))
terms.discard("")
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(sorted(terms)) + "\n")
PY
cargo build --release -q
cargo build --release -q --example bare_scan
bin=target/release/yinyu
bytes=$(stat -c %s "$corpus")
mb=$(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}')
echo "corpus: $corpus ($mb MB), terms: $(wc -l <"$dir/TERMS")"
run() { # label, command...
  local label=$1 t0 t1 secs rss; shift
  t0=$(date +%s.%N)
  # stdout to a file, not /dev/null: GNU grep stops at the first match when
  # its output is /dev/null
  /usr/bin/time -f '%M' -o "$dir/time.txt" "$@" >"$dir/out.txt" 2>"$dir/stderr.txt" || {
    cat "$dir/stderr.txt" >&2; exit 1; }
  t1=$(date +%s.%N)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')
  rss=$(tail -1 "$dir/time.txt")
  printf '%-28s %8.3f s %8.1f MB/s %8.1f MB peak RSS\n' "$label" "$secs" \
    "$(awk -v b="$bytes" -v s="$secs" 'BEGIN{print (s>0)? b/1e6/s : 0}')" "$(awk -v k="$rss" 'BEGIN{print k/1024}')"
  echo "$label $secs" >>"$dir/results.txt"
}
: >"$dir/results.txt"
cat "$corpus" >/dev/null # warm the page cache for every run alike
run "aho-corasick scan (Rust)" target/release/examples/bare_scan "$dir/TERMS" "$corpus"
run "grep -c -F -f TERMS" env LC_ALL=C.UTF-8 grep -c -F -f "$dir/TERMS" "$corpus"
run "grep -o -F -f TERMS" sh -c "LC_ALL=C.UTF-8 grep -o -F -f '$dir/TERMS' '$corpus' | wc -l"
run "yinyu extract --threads 1" "$bin" extract -q --threads 1 "$corpus"
run "yinyu extract --threads 2" "$bin" extract -q --threads 2 "$corpus"
run "yinyu --no-themes -t 1" "$bin" extract -q --threads 1 --no-themes "$corpus"
python3 - "$dir/results.txt" <<'PY'
import sys
rows = [l.rsplit(" ", 1) for l in open(sys.argv[1]).read().splitlines()]
t = {k: float(v) for k, v in rows}
y1, y2 = t["yinyu extract --threads 1"], t["yinyu extract --threads 2"]
print(f"yinyu (1 thread) / aho-corasick scan speed: {t['aho-corasick scan (Rust)'] / y1:.3f}")
print(f"yinyu (1 thread) / grep -c scan speed: {t['grep -c -F -f TERMS'] / y1:.3f}")
print(f"yinyu (1 thread) / grep -o scan speed: {t['grep -o -F -f TERMS'] / y1:.3f}")
print(f"2-thread speed-up: {y1 / y2:.2f}x")
print(f"themes and stance cost: {100 * (y1 - t['yinyu --no-themes -t 1']) / t['yinyu --no-themes -t 1']:.1f}% of extract time without them")
PY
