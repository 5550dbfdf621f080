#!/usr/bin/env bash
# safe_html on deeply nested raw HTML: one interview whose introduction is N
# nested <div>s, built with `safe_html = true`. The build time must grow linearly
# with N (the nesting is capped before the sanitiser; see docs/safety.md).
#
#   bench/deep_html.sh                   depths 25000 50000 100000, 3 rounds each
#   DEPTHS="50000" ROUNDS=1 SITE=target/debug/site bench/deep_html.sh
#
# Prints the median wall time per depth and its ratio to the smallest depth's.
set -euo pipefail
DEPTHS=${DEPTHS:-"25000 50000 100000"}
ROUNDS=${ROUNDS:-3}
SITE=${SITE:-target/release/site}
OUT=${OUT:-bench/out/deep_html}
[ -x "$SITE" ] || { echo "error: no $SITE (cargo build --release)" >&2; exit 1; }
mkdir -p "$OUT"
first=""
for n in $DEPTHS; do
    c="$OUT/site-$n"
    rm -rf "$c"
    mkdir -p "$c/content/x"
    printf 'title = "KB"\nbase_url = "https://example.org/kb"\nsafe_html = true\n' >"$c/site.toml"
    {
        printf '+++\ntitle = "Deep"\ndate = 2026-01-02\nprinciples = ["Dive Deep"]\nrole = "PM"\n'
        printf 'verdict = "hire"\nvideo = "https://example.org/v"\n\n[[panelists]]\nname = "Ana Lima"\nrole = "EM"\n+++\n'
        head -c $((n * 5)) < <(yes '<div>' | tr -d '\n')
        printf 'deep'
        head -c $((n * 6)) < <(yes '</div>' | tr -d '\n')
        printf '\n\n## Roundtable\n\n### Ana Lima\nHi.\n\n## Consensus\n\nDone.\n'
    } >"$c/content/x/index.md"
    times=()
    for _ in $(seq "$ROUNDS"); do
        rm -rf "$c/public"
        s=$(date +%s.%N)
        "$SITE" build --root "$c" >/dev/null
        e=$(date +%s.%N)
        times+=("$(echo "$e - $s" | bc)")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p")
    [ -n "$first" ] || first=$median
    printf '%7d nested <div>: median %6.2f s  (%.2fx the first depth)\n' "$n" "$median" "$(echo "$median / $first" | bc -l)"
done
