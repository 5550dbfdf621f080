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

  test('the error overlay shows the source around the line and can be dismissed', { timeout: 60_000 }, async () => {
    edit('verdict = "strong-no-hire"', 'verdict = "maybe"');
    const overlay = page.locator('#roundtable-overlay');
    await overlay.waitFor({ state: 'visible', timeout: WAIT });
    const excerpt = await overlay.locator('.rt-excerpt').first().textContent();
    assert.match(excerpt, /verdict = "maybe"/, excerpt);
    await overlay.locator('.rt-dismiss').click();
    await overlay.waitFor({ state: 'detached', timeout: WAIT });
    edit('verdict = "maybe"', 'verdict = "strong-no-hire"');
    await page.locator('.consensus .verdict.v-strong-no-hire').waitFor({ timeout: WAIT });
  });

  test('warnings show in a notice that can be dismissed', { timeout: 60_000 }, async () => {
    const silent = '\n[[panelists]]\nname = "Zed Quiet"\nrole = "Engineering Manager"\n+++';
    const text = fs.readFileSync(file, 'utf8');
    const end = text.indexOf('+++', 3);
    fs.writeFileSync(file, text.slice(0, end) + silent.slice(1) + text.slice(end + 3));
    const notice = page.locator('#roundtable-warnings');
    await notice.waitFor({ state: 'visible', timeout: WAIT });
    assert.match(await notice.textContent(), /Zed Quiet/);
    assert.match(await notice.locator('.rt-excerpt').first().textContent(), /name = "Zed Quiet"/);
    await notice.locator('.rt-dismiss').click();
    await notice.waitFor({ state: 'detached', timeout: WAIT });
    // Dismissed, the same warnings stay away on a reload.
    await page.reload({ waitUntil: 'load' });
    await page.waitForTimeout(500);
    assert.equal(await notice.count(), 0);
    await page.evaluate(() => {
      window.__notReloaded = true;
    });
    const stream = page.waitForResponse((r) => r.url().includes('/__roundtable/events'), { timeout: WAIT });
    fs.writeFileSync(file, text);
    // The fix reloads the page (the same title): wait until it is live again.
    await page.waitForFunction(() => window.__notReloaded === undefined && document.readyState === 'complete');
    await stream;
    assert.equal(await notice.count(), 0);
  });

  test('a save made while the page is reconnecting still reloads it', { timeout: 90_000 }, async () => {
    // The server goes down, the file is saved, a server comes back on the same
    // port: the reload event of that save was sent to no one. On reconnecting,
    // the page must see from the build id that it is stale.
    await page.evaluate(() => {
      window.__notReloaded = true;
    });
    const before = await page.evaluate(() => document.querySelector('script[data-build]').dataset.build);
    const port = new URL(url).port;
    await server.stop();
    const LATER = 'Kindle Purchase Latency, Saved While Away';
    edit(`title = "${NEW_TITLE}"`, `title = "${LATER}"`);
    server = await startServer(await siteBinary(), ['serve', '--watch', '--port', port, '--root', dir], {
      ready: /Serving .* at (http:\/\/127\.0\.0\.1:\d+)\//,
    });
    await page.locator('main h1', { hasText: LATER }).waitFor({ timeout: WAIT });
    assert.equal(await page.evaluate(() => window.__notReloaded), undefined, 'the page was reloaded');
    const after = await page.evaluate(() => document.querySelector('script[data-build]').dataset.build);
    assert.notEqual(after, before);
    // Current now: the next greeting matches, so the page does not reload again.
    await page.evaluate(() => {
      window.__notReloaded = true;
    });
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the page reloaded again');
    assert.deepEqual(pageErrors, []);
  });
});
