#!/usr/bin/env bash
# `site serve --watch` at library sizes: start → first page, resident memory after
# browsing 200 pages, one save → reload event, one save → the edited page served
# with its new title (what the reloading browser asks for), and a batch touching
# many folders (a `git pull`) → its last reload event (measured from the first write).
#
#   bench/serve_scale.sh                          sizes 10000 and 100000
#   SIZES=10000 SITE_BIN=/tmp/old-site bench/serve_scale.sh
#
# Settings (environment):
#   SIZES    interview counts                     (default "10000 100000")
#   SITE_BIN the site binary to measure           (default target/release/site)
#   EDITS    single-file saves per size           (default 10)
#   TOUCHED  folders touched by the batch edit    (default 2000)
#   TIMEOUT  seconds any one wait may take        (default 900)
#   OUT      work folder                          (default bench/out)
#   KEEP     1: keep the edited copy for the next run, and reuse it (copying
#            100,000 folders takes minutes; the edits only retitle)
#
# Corpora come from examples/corpus into $OUT/corpus-N (shared with bench/run.sh,
# generated if missing) and are copied, because the benchmark edits them. Each
# run appends one row per size to $OUT/serve-scale/results.md, labelled with the binary.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"10000 100000"}
SITE_BIN=${SITE_BIN:-target/release/site}
EDITS=${EDITS:-10}
TOUCHED=${TOUCHED:-2000}
TIMEOUT=${TIMEOUT:-900}
OUT=${OUT:-bench/out}
KEEP=${KEEP:-0}
WORK="$OUT/serve-scale"

say() { printf '== %s\n' "$*" >&2; }

[ "$SITE_BIN" = target/release/site ] && cargo build --release --quiet --bin site
mkdir -p "$WORK"
results="$WORK/results.md"
if [ ! -f "$results" ]; then
    echo "| binary | interviews | start → first page | RSS after 200 pages | save → reload, median (max) | save → edited page served, median | $TOUCHED folders → reload |" >"$results"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |" >>"$results"
fi

for n in $SIZES; do
    corpus="$OUT/corpus-$n"
    if [ ! -f "$corpus/roundtable/site.toml" ]; then
        say "generating $n interviews into $corpus"
        cargo build --release --quiet --example corpus
        target/release/examples/corpus --count "$n" --out "$corpus"
    fi
    site="$WORK/site-$n"
    if [ "$KEEP" != 1 ] || [ ! -f "$site/site.toml" ]; then
        rm -rf "$site"
        cp -a "$corpus/roundtable" "$site"
    fi
    say "$n interviews with $SITE_BIN"
    python3 - "$SITE_BIN" "$site" "$n" "$EDITS" "$TOUCHED" "$TIMEOUT" "$results" <<'PY'
import http.client, os, re, socket, statistics, subprocess, sys, threading, time

bin_, site, n, edits, touched, timeout, results = sys.argv[1:]
edits, touched, timeout = int(edits), int(touched), float(timeout)

def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

t0 = time.monotonic()
proc = subprocess.Popen([bin_, "serve", "--watch", "--port", "0", "--root", site],
                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
lines = []
def pump():
    for line in proc.stdout:
        lines.append(line)
threading.Thread(target=pump, daemon=True).start()

def wait(what, ok):
    start = time.monotonic()
    while not ok():
        if time.monotonic() - start > timeout:
            proc.kill()
            sys.exit(f"timed out waiting for {what}")
        time.sleep(0.005)

port = None
def have_port():
    global port
    for l in lines:
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", l)
        if m:
            port = int(m.group(1))
            return True
    return False
wait("the URL", have_port)

def get(path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, body

wait("the first page", lambda: get("/")[0] == 200)
first_page = time.monotonic() - t0

# 200 pages: interviews, and the listings they link to.
interviews = sorted(d for d in os.listdir(os.path.join(site, "content")) if not d.startswith((".", "_")))
urls = []
_, home = get("/")
urls += [u.decode() for u in re.findall(rb'href="(/[a-z]+/[^"#?]+/)"', home)]
for dirpath, dirs, files in os.walk(os.path.join(site, "content")):
    if "index.md" in files and len(urls) < 400:
        text = open(os.path.join(dirpath, "index.md"), encoding="utf-8").read()
        m = re.search(r'^slug = "([^"]+)"', text, re.M)
        slug = m.group(1) if m else os.path.basename(dirpath)
        urls.append(f"/interviews/{slug}/")
seen = []
for u in urls:
    if u not in seen:
        seen.append(u)
for u in seen[:200]:
    get(u)
rss = rss_mib(proc.pid)

class Events:
    """An open event stream, read on a thread; `reloads` counts reload events."""
    def __init__(self):
        self.reloads = 0
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(f"GET /__roundtable/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        threading.Thread(target=self.read, daemon=True).start()
    def read(self):
        buf = b""
        while True:
            data = self.sock.recv(65536)
            if not data:
                return
            buf += data
            self.reloads += buf.count(b"event: reload")
            buf = buf[buf.rfind(b"\n"):] if b"\n" in buf else buf

events = Events()
time.sleep(0.2)
index_files = []
for dirpath, dirs, files in os.walk(os.path.join(site, "content")):
    if "index.md" in files:
        index_files.append(os.path.join(dirpath, "index.md"))
index_files.sort()

def retitle(path, k):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r'^title = "(.*?)( \(edit \d+\))?"$', lambda m: f'title = "{m.group(1)} (edit {k})"', text, count=1, flags=re.M)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

def page_of(path):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'^slug = "([^"]+)"', text, re.M)
    return f"/interviews/{m.group(1) if m else os.path.basename(os.path.dirname(path))}/"

lat, served = [], []
for k in range(edits):
    before = events.reloads
    path = index_files[(k * 7919) % len(index_files)]
    url = page_of(path)
    start = time.monotonic()
    retitle(path, k)
    wait("a reload", lambda: events.reloads > before)
    lat.append((time.monotonic() - start) * 1000)
    # What the reloading browser asks for next: the edited page, with the new title.
    wait("the edited page", lambda: f"(edit {k})".encode() in get(url)[1])
    served.append((time.monotonic() - start) * 1000)
    time.sleep(0.3)

# The batch: many folders at once, as a pull or a rescan makes them pending.
before = events.reloads
start = time.monotonic()
for k, path in enumerate(index_files[:touched]):
    retitle(path, 1000 + k)
last_write = time.monotonic()
wait("the batch's first reload", lambda: events.reloads > before)
# Settle: the batch may arrive as several rebuilds; wait until one second passes without a reload.
last = events.reloads
quiet_from = time.monotonic()
while time.monotonic() - quiet_from < 1.0:
    time.sleep(0.02)
    if events.reloads != last:
        last = events.reloads
        quiet_from = time.monotonic()
# From the first write of the batch to its last reload.
batch = quiet_from - start
proc.terminate()
proc.wait(timeout=30)

row = (f"| {os.path.basename(bin_)} | {int(n):,} | {first_page:.2f} s | {rss:.0f} MiB | "
       f"{statistics.median(lat):.0f} ms ({max(lat):.0f} ms) | {statistics.median(served):.0f} ms | {batch:.2f} s |")
print(row)
with open(results, "a") as f:
    f.write(row + "\n")
PY
    [ "$KEEP" = 1 ] || rm -rf "$site"
done
cat "$results"
