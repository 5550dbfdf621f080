#!/usr/bin/env bash
# The search index at 1,000 and 10,000 interviews: its size, the bytes a query
# downloads, and the build time it adds. The figures go in docs/search.md.
#
#   bench/search.sh                      sizes 1000 and 10000, 3 rounds each
#   SIZES="1000" ROUNDS=1 bench/search.sh
#
# Settings (environment):
#   SIZES       interview counts                          (default "1000 10000")
#   ROUNDS      timed clean builds per size               (default 3)
#   OUT         work folder                               (default bench/out/search)
#   BASELINE    a `site` binary without the index, to time the same builds with
#               (optional; e.g. one built from the commit before the index)
#   BROWSER     1 = also measure the queries in headless Chromium (needs
#               /usr/bin/chromium and npm for playwright-core; no browser download)
#   NICE        niceness of the timed builds (default -10 as root, else 0): on a
#               shared machine this keeps other jobs from skewing the times
#   QUIET_CPU   wait before each build until the machine is at most this % busy (20)
#   QUIET_WAIT  ...but at most this many seconds          (default 120)
#
# Build time: `ROUNDTABLE_TIMINGS=1 site build` prints each stage; the index is its
# own stage (`timing: search`), run before the pages. "Added" is that stage; the
# share is search / (total - search), i.e. relative to the same build without it.
#
# Bytes per query: the files search.js fetches for a query, worked out from the
# index the way search.js does (entry, word chunks, the facet table, the docs files of
# the first 10 results and, for a query with words, their passage files), plus the
# page's own search.js. Every file is counted as served, uncompressed (a static
# host that gzips serves far less). The page HTML and
# style.css are left out: every page of the site loads them.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000"}
ROUNDS=${ROUNDS:-3}
OUT=${OUT:-bench/out/search}
QUIET_CPU=${QUIET_CPU:-20}
QUIET_WAIT=${QUIET_WAIT:-120}
BROWSER=${BROWSER:-0}
if [ -z "${NICE:-}" ]; then
    if [ "$(id -u)" -eq 0 ]; then NICE=-10; else NICE=0; fi
fi

say() { printf '== %s\n' "$*" >&2; }

mkdir -p "$OUT/bin"
say "building site and the corpus generator (release)"
cargo build --release --quiet --bin site --example corpus
cp target/release/site "$OUT/bin/site"
cp target/release/examples/corpus "$OUT/bin/corpus"
SITE=$(cd "$OUT/bin" && pwd)/site

busy_percent() {
    local a b
    a=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
    sleep 1
    b=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[2] - x[2]; print (t > 0 ? int((y[1] - x[1]) * 100 / t) : 0) }'
}

wait_quiet() {
    local waited=0 busy
    while :; do
        busy=$(busy_percent)
        [ "$busy" -le "$QUIET_CPU" ] && return
        if [ "$waited" -ge "$QUIET_WAIT" ]; then
            say "warning: machine still ${busy}% busy after ${waited}s; measuring anyway"
            return
        fi
        waited=$((waited + 1))
    done
}

RESULTS="$OUT/builds.tsv"
printf 'size\tbinary\tround\ttotal_ms\tsearch_ms\n' >"$RESULTS"

# build SIZE BINARY LABEL ROUND: one clean, timed build.
build() {
    local n=$1 bin=$2 label=$3 round=$4 c="$OUT/corpus-$1" log="$OUT/build.log"
    rm -rf "$c/out-$label"
    wait_quiet
    ROUNDTABLE_TIMINGS=1 nice -n "$NICE" "$bin" build --root "$c/roundtable" --output "$c/out-$label" >"$log" 2>&1 || {
        cat "$log" >&2; echo "error: build failed (size $n, $label)" >&2; exit 1; }
    local total search
    total=$(sed -n 's/^Built .* in \([0-9]*\) ms.*/\1/p' "$log" | tail -n1)
    search=$(sed -n 's/^timing: search *\([0-9]*\) ms.*/\1/p' "$log" | tail -n1)
    printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$label" "$round" "$total" "${search:-0}" >>"$RESULTS"
    say "   n=$n $label round $round: total ${total} ms, search ${search:-0} ms"
}

for n in $SIZES; do
    c="$OUT/corpus-$n"
    if [ ! -f "$c/roundtable/site.toml" ]; then
        say "generating $n interviews into $c"
        "$OUT/bin/corpus" --count "$n" --out "$c" >&2
    fi
    say "warm-up build"
    "$SITE" build --root "$c/roundtable" --output "$c/out-index" >/dev/null 2>&1
    for ((r = 1; r <= ROUNDS; r++)); do
        build "$n" "$SITE" index "$r"
        if [ -n "${BASELINE:-}" ]; then build "$n" "$BASELINE" baseline "$r"; fi
    done
done

if [ "$BROWSER" = 1 ]; then
    say "measuring queries in headless Chromium"
    if [ ! -d "$OUT/node_modules/playwright-core" ]; then
        (cd "$OUT" && npm init -y >/dev/null && npm install --silent playwright-core >/dev/null)
    fi
fi

python3 - "$OUT" "$SIZES" "$BROWSER" >"$OUT/table.md" <<'PY'
import csv, json, os, statistics, subprocess, sys, unicodedata

out, sizes, browser = sys.argv[1], sys.argv[2].split(), sys.argv[3] == "1"

# The queries: (words, filters). Words common and rare in the corpus, a prefix
# being typed, two words, a filter alone and a filter with words.
QUERIES = [
    ("migration", {}),
    ("data lake", {}),
    ("paging", {}),
    ("latenc", {}),
    ("customer impact", {}),
    ("", {"principle": "ownership"}),
    ("rollback", {"verdict": "hire", "level": "l6"}),
]
PAGE, MAX_CHUNKS = 10, 4

def size(path):
    return os.path.getsize(path)

def words(text, entry):
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    out = []
    for w in "".join(ch if ch.isalnum() else " " for ch in folded).split():
        if 2 <= len(w) <= entry["max_word"] and w not in entry["stop_words"] and w not in out:
            out.append(w)
    return out

def query_files(index, entry, text, filters):
    """The files search.js fetches for a query (ranking as search.js does), and the
    result count."""
    import math
    files = {"entry.json"}
    chunks = entry["chunks"]
    per_word = []
    for w in words(text, entry):
        first = max([k for k, c in enumerate(chunks) if c <= w] or [0])
        last = first
        while last + 1 < len(chunks) and last + 1 - first < MAX_CHUNKS and chunks[last + 1].startswith(w):
            last += 1
        scores = {}
        for k in range(first, last + 1):
            name = f"words/{k}.json"
            files.add(name)
            for word, postings in json.load(open(f"{index}/{name}"))["words"]:
                if not word.startswith(w):
                    continue
                idf = math.log(1 + entry["count"] / len(postings))
                factor = 1 if word == w else 0.4 + 0.4 * len(w) / len(word)
                d = 0
                for n in postings:
                    d += n // 10
                    level = n % 10
                    s = factor * idf * level / (level + 1.5)
                    scores[d] = max(scores.get(d, 0), s)
        per_word.append(scores)
    sets = []
    for name, slug in filters.items():
        # search.js filters by the facet table (below); the lists give the same docs.
        rel = f"filters/{name}/{slug}.json"
        d, docs = 0, set()
        for g in json.load(open(f"{index}/{rel}")):
            d += g
            docs.add(d)
        sets.append(docs)
    if per_word:
        hits = [(d, sum(p[d] for p in per_word)) for d in per_word[0]
                if all(d in p for p in per_word) and all(d in s for s in sets)]
        hits.sort(key=lambda x: (-x[1], x[0]))
        hits = [d for d, _ in hits]
    else:
        hits = sorted(set.intersection(*sets)) if sets else []
    if per_word or filters:
        # Filtering and the live counts of every choice: one gzipped table.
        files.add("facets.json.gz")
    for d in hits[:PAGE]:
        files.add(f"docs/{d // entry['docs_per_file']}.json")
        if per_word:
            # The passages of a result shown, for its snippet (words only).
            files.add(f"text/{d}.json")
    return files, len(hits)

rows = list(csv.DictReader(open(f"{out}/builds.tsv"), delimiter="\t"))
med = statistics.median
print("| interviews | index files | index MB | search stage ms | full build ms | added | bytes per query (median / max, KB) |")
print("|---:|---:|---:|---:|---:|---:|---:|")
# Times: the fastest of the rounds (least disturbed by the rest of the machine).
detail = []
for n in sizes:
    site = f"{out}/corpus-{n}/out-index"
    index = f"{site}/search-index"
    entry = json.load(open(f"{index}/entry.json"))
    total_files = sum(len(fs) for _, _, fs in os.walk(index))
    total_bytes = sum(size(os.path.join(r, f)) for r, _, fs in os.walk(index) for f in fs)
    js = size(f"{site}/search.js")
    per_query = []
    for text, filters in QUERIES:
        files, hits = query_files(index, entry, text, filters)
        b = js + sum(size(f"{index}/{f}") for f in files)
        per_query.append(b)
        detail.append((n, text, filters, hits, len(files) + 1, b))
    rs = [r for r in rows if r["size"] == n and r["binary"] == "index"]
    kb = f"{med(per_query) / 1000:.0f} / {max(per_query) / 1000:.0f}"
    if not rs:
        print(f"| {int(n):,} | {total_files:,} | {total_bytes / 1e6:.1f} | — | — | — | {kb} |")
        continue
    total = min(int(r["total_ms"]) for r in rs)
    search = min(int(r["search_ms"]) for r in rs)
    share = 100 * search / max(1, total - search)
    print(f"| {int(n):,} | {total_files:,} | {total_bytes / 1e6:.1f} | {search:.0f} | {total:.0f} | {share:.0f}% | {kb} |")
    base = [r for r in rows if r["size"] == n and r["binary"] == "baseline"]
    if base:
        b = min(int(r["total_ms"]) for r in base)
        print(f"| {int(n):,} | baseline binary | | | {b:.0f} | {100 * (total - b) / b:+.0f}% vs baseline | |")
print()
print("| interviews | query | filters | results | requests | bytes |")
print("|---:|---|---|---:|---:|---:|")
for n, text, filters, hits, reqs, b in detail:
    f = ", ".join(f"{k}={v}" for k, v in filters.items())
    print(f"| {int(n):,} | {text or '—'} | {f or '—'} | {hits:,} | {reqs} | {b:,} |")
print()
rounds = len([r for r in rows if r["binary"] == "index"]) // max(1, len(sizes))
print(f"Times: the fastest of {rounds} clean builds per size and binary. "
      "Bytes: the files search.js fetches (and search.js), uncompressed.")
PY

if [ "$BROWSER" = 1 ]; then
    cat >"$OUT/measure.js" <<'JS'
// node measure.js URL QUERY: what the search page fetches (search.js and the index)
// from opening the page to showing the first results for QUERY, typed.
const { chromium } = require('playwright-core');
(async () => {
  const [url, query, delay] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage();
  let bytes = 0, requests = 0;
  page.on('requestfinished', async r => {
    if (!/search-index\/|search\.js/.test(r.url())) return;
    const s = await r.sizes();
    bytes += s.responseBodySize; requests++;
  });
  await page.goto(url);
  await page.waitForSelector('[data-search-status][data-state="idle"]');
  await page.type('#search-q', query, { delay: Number(delay || 30) });
  await page.waitForFunction(() => document.querySelector('[data-search-status]').dataset.state !== 'idle');
  await page.waitForTimeout(800);
  console.log(`"${query}": ${await page.textContent('[data-search-status]')} ${requests} requests, ${bytes} bytes`);
  await browser.close();
})();
JS
    echo >>"$OUT/table.md"
    echo "Measured in headless Chromium (after the page loaded; typing, debounced):" >>"$OUT/table.md"
    for n in $SIZES; do
        # Served under the corpus's sub-path (/kb/), as a static host would.
        srv="$OUT/serve-$n"
        mkdir -p "$srv"
        ln -sfn "$(cd "$OUT/corpus-$n/out-index" && pwd)" "$srv/kb"
        port=$((8800 + RANDOM % 100))
        python3 -m http.server -b 127.0.0.1 -d "$srv" "$port" >/dev/null 2>&1 &
        server=$!
        sleep 1
        for q in "migration" "data lake" "paging"; do
            (cd "$OUT" && node measure.js "http://127.0.0.1:$port/kb/search/" "$q" 30) | sed "s/^/- $n interviews, typed fast: /" >>"$OUT/table.md" || true
        done
        # A slow typist: every keystroke past the debounce, so every prefix is searched.
        (cd "$OUT" && node measure.js "http://127.0.0.1:$port/kb/search/" "migration" 400) | sed "s/^/- $n interviews, typed slowly: /" >>"$OUT/table.md" || true
        kill "$server"
    done
fi

echo
cat "$OUT/table.md"
