#!/usr/bin/env bash
# Real-browser, HTML validity and accessibility tests (e2e/), on a fresh Debian
# machine as root: the system Chromium driven by playwright-core (no browser
# download), the Nu HTML Checker (vnu-jar) on the system Java, axe-core.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TERM_COLOR=never

echo "== e2e: system packages"
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "error: the e2e suite needs Node.js 20 or newer (playwright-core), found $(node --version)" >&2
  exit 1
fi

echo "== e2e: npm ci"
# --ignore-scripts: vnu-jar's postinstall may download a Java runtime from GitHub; the
# tests use the system's (default-jre-headless).
npm ci --prefix e2e --ignore-scripts --no-audit --no-fund

echo "== e2e: cargo build --release"
cargo build --release

echo "== e2e: node --test e2e/"
start=$(date +%s)
node --test --test-reporter=spec e2e/
echo "== e2e: passed in $(( $(date +%s) - start )) s"
