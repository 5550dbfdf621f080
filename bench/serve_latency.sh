#!/usr/bin/env bash
# Edit-to-served latency of `site serve --watch` on generated corpora.
#
#   bench/serve_latency.sh                    sizes 1000 and 10000, 30 edits each
#   SIZES="10000" EDITS=50 bench/serve_latency.sh
#
# Settings (environment):
#   SIZES   interview counts to measure     (default "1000 10000")
#   EDITS   edits per size                  (default 30)
#   TIMEOUT seconds one edit may take        (default 120)
#   SEED    corpus seed                     (default: the generator's)
#   OUT     work folder                     (default bench/out)
#
# For each size: generate the corpus with examples/corpus into $OUT/corpus-N unless it
# is there already (the same folder bench/run.sh uses; the generator is deterministic),
# copy its Roundtable tree to $OUT/serve-latency/site-N (the benchmark edits files, and
# the shared corpus must stay pristine for other benchmarks), and run
# examples/serve_latency.rs against the copy: it starts target/release/site serve
# --watch --port 0, edits one interview's title at a time and polls the interview page
# and its first principle page until both show the edit. Each run's output goes to
# $OUT/serve-latency/N.txt; the medians of every size measured so far are collected in
# $OUT/serve-latency/summary.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000"}
EDITS=${EDITS:-30}
TIMEOUT=${TIMEOUT:-120}
OUT=${OUT:-bench/out}
SEED_ARGS=()
[ -n "${SEED:-}" ] && SEED_ARGS=(--seed "$SEED")
WORK="$OUT/serve-latency"

say() { printf '== %s\n' "$*" >&2; }

say "building site, the corpus generator and the latency benchmark (release)"
cargo build --release --quiet --bin site --example corpus --example serve_latency
mkdir -p "$WORK"

for n in $SIZES; do
    corpus="$OUT/corpus-$n"
    if [ ! -f "$corpus/roundtable/site.toml" ]; then
        say "generating $n interviews into $corpus"
        target/release/examples/corpus --count "$n" --out "$corpus" "${SEED_ARGS[@]}"
    fi
    site="$WORK/site-$n"
    rm -rf "$site"
    cp -a "$corpus/roundtable" "$site"
    say "$n interviews: $EDITS edits"
    target/release/examples/serve_latency --site "$site" --edits "$EDITS" --timeout "$TIMEOUT" \
        | tee "$WORK/$n.txt.tmp"
    mv "$WORK/$n.txt.tmp" "$WORK/$n.txt"
    rm -rf "$site"
done

# One row per size measured so far (this run or an earlier one), smallest first.
summary="$WORK/summary.md"
{
    echo "| interviews | edits | edit → served, median | p90 | server rebuild, median | pages re-rendered, median |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
    for f in $(ls "$WORK"/*.txt | sort -V); do
        n=$(basename "$f" .txt)
        # "  min 1.0ms  median 2.0ms  p90 3.0ms  max 4.0ms": latency, then rebuild time, then pages.
        awk -v n="$n" '
            /^edit +[0-9]+ / { edits++ }
            /^  min / { med = $4; p90 = $6 }
            /^  rebuild time/ { rb = $6 }
            /^  pages rendered/ { pg = $6 }
            END { printf "| %s | %s | %s | %s | %s | %s |\n", n, edits, med, p90, rb, pg }
        ' "$f"
    done
} >"$summary"
say "summary ($summary)"
cat "$summary"
