// Shared helpers of the end-to-end suite: building the sample site, starting and
// always stopping servers, launching the system Chromium, watching a page for
// errors. Tests run with Node's built-in runner: `node --test e2e/`.
'use strict';

const { spawn, execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');

const execFileP = promisify(execFile);

/** The repository root: the sample site is the project itself. */
const ROOT = path.resolve(__dirname, '..', '..');
/** Where screenshots go (git-ignored). */
const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts');
/** The system Chromium; never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The pages every browser test visits, relative to the site root. */
const PAGES = [
  { name: 'home', path: '' },
  { name: 'interview', path: 'interviews/kindle-checkout-latency/' },
  { name: 'principle', path: 'principles/dive-deep/' },
  { name: 'panelist', path: 'panelists/nadia-farrow/' },
  { name: 'search', path: 'search/' },
  { name: 'panelists', path: 'panelists/' },
  { name: 'calibration', path: 'calibration/' },
  { name: 'calibration guide', path: 'calibration/dive-deep/' },
  { name: 'calibration cell', path: 'calibration/dive-deep/l5/' },
  { name: 'archive', path: 'interviews/' },
  { name: 'tag', path: 'tags/experimentation/' },
  { name: 'question', path: 'questions/tell-me-about-a-time-you-dug-into-a-metric-and-found-something-that-changed-your-plan/' },
  { name: 'questions', path: 'questions/' },
  { name: 'levels', path: 'levels/' },
];

/** Every child process started by this file's tests, stopped at exit whatever happens. */
const children = new Set();
process.on('exit', () => {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

function mkTemp(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `roundtable-e2e-${prefix}-`));
}

function rmTemp(dir) {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Starts `cmd args` in its own process group and resolves once a line of its
 * stdout matches `ready` (a RegExp), with the match. The returned `stop()` ends
 * the whole group and waits for it. Rejects (and stops the process) after
 * `timeoutMs`, or if the process exits first.
 */
function startServer(cmd, args, { ready, cwd = ROOT, timeoutMs = 30_000, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so stop() reaches grandchildren too
    });
    children.add(child);
    let out = '';
    let err = '';
    let settled = false;
    const exited = new Promise((r) => child.once('exit', r));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, 3_000);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
    };
    const fail = (why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop().finally(() =>
        reject(new Error(`${cmd} ${args.join(' ')}: ${why}\nstdout:\n${out}\nstderr:\n${err}`)),
      );
    };
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(ready);
      if (m && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ match: m, stop, output: () => ({ stdout: out, stderr: err }), child });
      }
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.once('error', (e) => fail(e.message));
    child.once('exit', (code, signal) => fail(`exited (${signal || code}) before it was ready`));
  });
}

/**
 * Builds the sample site (the repository itself) with the release binary, through
 * `cargo run --release`, so a stale binary is rebuilt first.
 */
async function buildSample(outDir, baseUrl, { root = ROOT, timeoutMs = 600_000 } = {}) {
  const { stdout } = await execFileP(
    'cargo',
    ['run', '--release', '--quiet', '--', 'build', '--root', root, '--output', outDir, '--base-url', baseUrl],
    { cwd: ROOT, timeout: timeoutMs, maxBuffer: 16 << 20 },
  );
  return stdout.trim();
}

/** Builds the release binary if it is stale (a no-op after `.ci/e2e.sh` built it); resolves with its path. */
async function siteBinary({ timeoutMs = 600_000 } = {}) {
  await execFileP('cargo', ['build', '--release', '--quiet'], { cwd: ROOT, timeout: timeoutMs, maxBuffer: 16 << 20 });
  return path.join(ROOT, 'target', 'release', 'site');
}

/**
 * A static server (`python3 -m http.server`) over an empty temporary folder, on a
 * port the OS picked, with the sample site built into `<tmp>/reviews` for that
 * port: the site lives under the sub-path `/reviews/`, as its base_url says.
 */
async function startStaticSite() {
  const dir = mkTemp('static');
  let server;
  try {
    server = await startServer('python3', ['-u', '-m', 'http.server', '--bind', '127.0.0.1', '-d', dir, '0'], {
      ready: /Serving HTTP on \S+ port (\d+)/,
    });
    const port = Number(server.match[1]);
    const origin = `http://127.0.0.1:${port}`;
    const base = `${origin}/reviews/`;
    const built = await buildSample(path.join(dir, 'reviews'), `${origin}/reviews`);
    return {
      dir,
      origin,
      base,
      built,
      outDir: path.join(dir, 'reviews'),
      stop: async () => {
        await server.stop();
        rmTemp(dir);
      },
    };
  } catch (e) {
    if (server) await server.stop();
    rmTemp(dir);
    throw e;
  }
}

/** Headless system Chromium through playwright-core. */
async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Records everything that went wrong in a page: console errors, uncaught
 * exceptions, failed requests and HTTP responses with status >= 400.
 */
function watchProblems(page) {
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()} (${msg.location().url || '?'})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (req) => {
    const why = req.failure()?.errorText;
    // ERR_ABORTED is the browser cancelling its own request (a reload or a
    // navigation while the favicon was still loading), not a failing server;
    // a missing file still shows as its HTTP status below.
    if (why === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${req.method()} ${req.url()}: ${why}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return problems;
}

/** Runs axe-core in the page; resolves with its results. */
async function runAxe(page) {
  const axePath = require.resolve('axe-core/axe.min.js');
  await page.addScriptTag({ path: axePath });
  return page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'] }),
  );
}

/** Every file under `dir` whose name ends in `ext`, sorted. */
function filesUnder(dir, ext) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Copies the sample site (site.toml, content/, and themes/ when present) into a new temporary folder. */
function copySample() {
  const dir = mkTemp('site');
  fs.copyFileSync(path.join(ROOT, 'site.toml'), path.join(dir, 'site.toml'));
  fs.cpSync(path.join(ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
  if (fs.existsSync(path.join(ROOT, 'themes'))) {
    fs.cpSync(path.join(ROOT, 'themes'), path.join(dir, 'themes'), { recursive: true });
  }
  return dir;
}

module.exports = {
  ROOT,
  ARTIFACTS,
  PAGES,
  mkTemp,
  rmTemp,
  startServer,
  buildSample,
  siteBinary,
  startStaticSite,
  launchBrowser,
  watchProblems,
  runAxe,
  filesUnder,
  copySample,
};
