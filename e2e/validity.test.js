// Every generated HTML page of the sample site passes the Nu HTML Checker
// (vnu-jar, run with the machine's Java) with zero errors; so do the theme's
// stylesheet and SVG files. A deliberately broken page checked in the same run
// proves the checker does report errors.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { mkTemp, rmTemp, buildSample, filesUnder } = require('./lib/helpers');

const VNU = require.resolve('vnu-jar/build/dist/vnu.jar');

/** Runs vnu over `files`; resolves with its JSON report (errors only). */
function vnu(files) {
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-Xss8m', '-jar', VNU, '--errors-only', '--also-check-css', '--also-check-svg', '--format', 'json', ...files],
      { timeout: 180_000, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        // vnu exits 1 when it found errors; the report is on stderr.
        if (err && err.killed) return reject(new Error(`vnu timed out\n${stderr}`));
        try {
          resolve(JSON.parse(stderr || stdout));
        } catch (e) {
          reject(new Error(`vnu gave no JSON report (${e.message}, exit ${err?.code})\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

test('every generated page of the sample site is valid HTML (Nu HTML Checker)', { timeout: 600_000 }, async (t) => {
  const dir = mkTemp('vnu');
  try {
    const out = path.join(dir, 'reviews');
    await buildSample(out, 'https://example.com/reviews');
    const pages = filesUnder(out, '.html');
    assert.ok(pages.length >= 40, `only ${pages.length} pages were generated`);
    const assets = [...filesUnder(out, '.css'), ...filesUnder(out, '.svg')];
    const canary = path.join(dir, 'canary.html');
    fs.writeFileSync(canary, '<!doctype html><html lang="en"><title>x</title><p id="a"></p><p id="a"></p>');
    const report = await vnu([...pages, ...assets, canary]);
    const canaryUrl = new URL(`file:${canary}`).href;
    const isCanary = (m) => m.url && new URL(m.url).pathname === new URL(canaryUrl).pathname;
    assert.ok(
      report.messages.some((m) => isCanary(m) && /Duplicate ID/.test(m.message)),
      `the checker did not report the broken canary page: ${JSON.stringify(report.messages)}`,
    );
    const errors = report.messages.filter(
      (m) => !isCanary(m) && (m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error'),
    );
    const lines = errors.map(
      (m) => `${m.url ? path.relative(out, new URL(m.url).pathname) : '?'}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.message}${m.extract ? `\n    ${m.extract.replace(/\n/g, ' ')}` : ''}`,
    );
    t.diagnostic(`${pages.length} HTML pages and ${assets.length} CSS/SVG files validated, ${errors.length} errors`);
    assert.deepEqual(lines, [], `${errors.length} HTML errors in ${pages.length} pages`);
  } finally {
    rmTemp(dir);
  }
});
