#!/usr/bin/env bash
# The content stage alone (walk, read, parse front matter and Markdown, validate):
# the floor of every build and of `site serve`'s start. Runs `site build` with
# ROUNDTABLE_TIMINGS=1 on a site and stops it once the content stage has reported
# (its time and the resident memory after it), so a 100,000-interview library is
# measured without writing its 5.6 GB of output. Prints one line per round and the
# median of each binary (the lower middle round for an even count); binaries
# alternate round by round, so that each meets the same machine.
#
#   bench/content_load.sh /work/bench/c100k/roundtable
#   ROUNDS=5 bench/content_load.sh SITE /tmp/site-old target/release/site
#
# Settings (environment): ROUNDS (default 3). Arguments: the site root, then the
# binaries to compare (default target/release/site).
set -euo pipefail

site=${1:?usage: bench/content_load.sh SITE_ROOT [BINARY...]}
shift
bins=("$@")
[ ${#bins[@]} -gt 0 ] || bins=("$(dirname "$0")/../target/release/site")
ROUNDS=${ROUNDS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One build, stopped after the content stage: prints "<ms> <MiB>".
content_stage() {
    local bin=$1 log="$tmp/log" pid
    : >"$log"
    (cd "$site" && ROUNDTABLE_TIMINGS=1 exec "$bin" build --output "$tmp/out") 2>"$log" >/dev/null &
    pid=$!
    while kill -0 "$pid" 2>/dev/null && ! grep -q 'timing: content' "$log"; do sleep 0.05; done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -rf "$tmp/out" "$tmp"/.out* "$tmp"/out.*
    grep 'timing: content' "$log" | sed -E 's/.* ([0-9]+) ms.*resident ([0-9]+) MiB.*/\1 \2/'
}

for i in "${!bins[@]}"; do : >"$tmp/rounds.$i"; done
for round in $(seq "$ROUNDS"); do
    for i in "${!bins[@]}"; do
        read -r ms mib < <(content_stage "${bins[$i]}")
        echo "round $round  ${bins[$i]}  content ${ms} ms  resident ${mib} MiB"
        echo "$ms $mib" >>"$tmp/rounds.$i"
    done
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for i in "${!bins[@]}"; do
    ms=$(cut -d' ' -f1 "$tmp/rounds.$i" | median)
    mib=$(cut -d' ' -f2 "$tmp/rounds.$i" | median)
    echo "median  ${bins[$i]}  content ${ms} ms  resident ${mib} MiB  ($ROUNDS rounds)"
done
