// `site serve --watch` on a copy of the sample site, with the interview page open
// in headless Chromium: an edit reloads the page by itself, broken front matter
// shows the error overlay naming the file and line, the fix removes it.
'use strict';

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { copySample, rmTemp, siteBinary, startServer, launchBrowser } = require('./lib/helpers');

const REL = 'content/2026/pm/kindle-checkout-latency/index.md';
const OLD_TITLE = "The One-Second Checkout That Wasn't: Kindle Purchase Latency";
const NEW_TITLE = 'Kindle Purchase Latency, Edited Live';
/** How long a save may take to reach the open page. */
const WAIT = 20_000;

describe('site serve --watch', { timeout: 600_000 }, () => {
  let dir;
  let server;
  let browser;
  let context;
  let page;
  let url;
  const pageErrors = [];
  let file;

  before(async () => {
    const bin = await siteBinary();
    dir = copySample();
    file = path.join(dir, REL);
    server = await startServer(bin, ['serve', '--watch', '--port', '0', '--root', dir], {
      ready: /Serving .* at (http:\/\/127\.0\.0\.1:\d+)\//,
    });
    url = `${server.match[1]}/interviews/kindle-checkout-latency/`;
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // The page is live once its event stream answered.
    const stream = page.waitForResponse((r) => r.url().includes('/__roundtable/events'));
    await page.goto(url, { waitUntil: 'load' });
    await stream;
  }, { timeout: 600_000 });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    rmTemp(dir);
  }, { timeout: 30_000 });

  /** Replaces `from` with `to` in the interview's index.md, as an editor saving would. */
  function edit(from, to) {
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.includes(from), `${REL} holds ${from}`);
    fs.writeFileSync(file, text.replace(from, to));
  }

  /** The 1-based line of `needle` in the interview's index.md. */
  function lineOf(needle) {
    return fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
  }

  test('the open page shows the interview', { timeout: 30_000 }, async () => {
    assert.equal((await page.locator('main h1').textContent()).trim(), OLD_TITLE);
    assert.equal(await page.locator('#roundtable-overlay').count(), 0);
  });

  test('editing the title reloads the open page by itself', { timeout: 60_000 }, async () => {
    await page.evaluate(() => {
      window.__notReloaded = true;
    });
    edit(`title = "${OLD_TITLE.replace(/"/g, '\\"')}"`, `title = "${NEW_TITLE}"`);
    await page.locator('main h1', { hasText: NEW_TITLE }).waitFor({ timeout: WAIT });
    assert.equal(await page.evaluate(() => window.__notReloaded), undefined, 'the page was reloaded');
    assert.equal(await page.title(), `${NEW_TITLE} · Roundtable Review Library`);
    assert.equal(await page.locator('#roundtable-overlay').count(), 0);
  });

  test('broken front matter shows the overlay with file and line', { timeout: 60_000 }, async () => {
    edit('verdict = "strong-no-hire"', 'verdict = "maybe"');
    const line = lineOf('verdict = "maybe"');
    const overlay = page.locator('#roundtable-overlay');
    await overlay.waitFor({ state: 'visible', timeout: WAIT });
    const file = (await overlay.locator('.rt-file').allTextContents()).join('\n');
    assert.match(file, new RegExp(`kindle-checkout-latency/index\\.md:${line}(:\\d+)?$`, 'm'), file);
    const text = await overlay.textContent();
    assert.match(text, /maybe/, 'the message names the bad value');
    // The last good build stays underneath.
    assert.equal((await page.locator('main h1').textContent()).trim(), NEW_TITLE);
  });

  test('fixing it removes the overlay and shows the content', { timeout: 60_000 }, async () => {
    // Back to the value of the last good build: nothing to re-render, the overlay must still go.
    await page.evaluate(() => {
      window.__notReloaded = true;
    });
    edit('verdict = "maybe"', 'verdict = "strong-no-hire"');
    await page.locator('#roundtable-overlay').waitFor({ state: 'detached', timeout: WAIT });
    assert.equal(await page.evaluate(() => window.__notReloaded), undefined, 'the page was reloaded');
    await page.locator('.consensus .verdict.v-strong-no-hire').waitFor({ timeout: WAIT });
    assert.equal((await page.locator('main h1').textContent()).trim(), NEW_TITLE);
    // A fresh load of the page has no overlay either.
    await page.reload({ waitUntil: 'load' });
    assert.equal(await page.locator('#roundtable-overlay').count(), 0);
    assert.equal((await page.locator('main h1').textContent()).trim(), NEW_TITLE);
    assert.deepEqual(pageErrors, []);
  });
});
