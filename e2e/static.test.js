// The sample site built for a sub-path and served by a plain static server, in
// headless Chromium: no console errors, no failed requests, no horizontal
// scrolling on a phone, light and dark; the interview page holds what a review
// holds; the search page finds interviews by title and by filter.
'use strict';

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, ARTIFACTS, PAGES, startStaticSite, launchBrowser, watchProblems, startServer, siteBinary, mkTemp, rmTemp } = require('./lib/helpers');
const { execFileSync } = require('node:child_process');

const WIDTHS = [390, 1280];
const SCHEMES = ['light', 'dark'];
const TEST_TIMEOUT = 60_000;

describe('static site served under /reviews/', { timeout: 600_000 }, () => {
  let site;
  let browser;

  before(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    site = await startStaticSite();
    browser = await launchBrowser();
  }, { timeout: 600_000 });

  after(async () => {
    await browser?.close();
    await site?.stop();
  }, { timeout: 30_000 });

  /** A fresh page at `width`, in `colorScheme`, with its problems recorded. */
  async function open(width, colorScheme, pagePath) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchProblems(page);
    const res = await page.goto(site.base + pagePath, { waitUntil: 'networkidle' });
    assert.equal(res.status(), 200, `${pagePath}: HTTP ${res.status()}`);
    return { context, page, problems };
  }

  /**
   * Waits until the search page's status line matches `re` and every result has
   * loaded; resolves with the status and the result URLs (paths), in order.
   */
  async function settle(page, re, what) {
    const deadline = Date.now() + 10_000;
    let last;
    while (Date.now() < deadline) {
      last = await page.evaluate(() => {
        const list = document.querySelector('[data-search-results]');
        return {
          status: document.querySelector('[data-search-status]').textContent,
          loading: list.hasAttribute('aria-busy') || !!list.querySelector('.is-loading, .is-missing'),
          urls: [...list.querySelectorAll('.search-result .card__title a')].map((a) => new URL(a.href).pathname),
          items: list.children.length,
        };
      });
      if (re.test(last.status) && !last.loading && last.urls.length === last.items) return last;
      await page.waitForTimeout(50);
    }
    assert.fail(`${what}: status ${JSON.stringify(last?.status)}, results ${JSON.stringify(last?.urls)}`);
  }

  for (const p of PAGES) {
    for (const width of WIDTHS) {
      for (const scheme of SCHEMES) {
        test(`${p.name} page at ${width} px, ${scheme}: no errors, no horizontal scroll`, { timeout: TEST_TIMEOUT }, async () => {
          const { context, page, problems } = await open(width, scheme, p.path);
          try {
            assert.equal(
              await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches),
              scheme === 'dark',
            );
            const { scrollWidth, innerWidth } = await page.evaluate(() => ({
              scrollWidth: document.documentElement.scrollWidth,
              innerWidth: window.innerWidth,
            }));
            assert.ok(scrollWidth <= innerWidth, `${p.name}: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
            const shot = path.join(ARTIFACTS, `${p.name}-${width}-${scheme}.png`);
            await page.screenshot({ path: shot, fullPage: true });
            if (p.name === 'interview' && width === 1280 && scheme === 'light') {
              // The README shows the top of the page (the first 1,500 px), from this same run.
              const top = path.join(ARTIFACTS, 'interview-1280-light-top.png');
              await page.setViewportSize({ width: 1280, height: 1500 });
              await page.screenshot({ path: top });
              fs.copyFileSync(top, path.join(ROOT, 'docs', 'screenshot-interview.png'));
            }
            assert.deepEqual(problems, [], `${p.name} at ${width} px, ${scheme}`);
          } finally {
            await context.close();
          }
        });
      }
    }
  }

  test('interview page holds the whole review', { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, problems } = await open(1280, 'light', 'interviews/kindle-checkout-latency/');
    try {
      const main = page.locator('main');

      // Title, video link, principle badges.
      const h1 = main.locator('h1');
      assert.equal(await h1.count(), 1);
      assert.equal((await h1.textContent()).trim(), "The One-Second Checkout That Wasn't: Kindle Purchase Latency");
      assert.match(await page.title(), /^The One-Second Checkout That Wasn't/);
      const video = main.getByRole('link', { name: 'Watch the full interview' });
      assert.equal(await video.getAttribute('href'), 'https://example.com/watch/1053');
      const badges = main.locator('.principle-badges a');
      assert.deepEqual(await badges.allTextContents(), ['Dive Deep', 'Customer Obsession']);
      assert.deepEqual(
        await badges.evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
        ['/reviews/principles/dive-deep/', '/reviews/principles/customer-obsession/'],
      );
      await badges.first().click();
      await page.waitForURL(`${site.base}principles/dive-deep/`);
      assert.equal((await page.locator('main h1').textContent()).trim(), 'Dive Deep');
      await page.goBack({ waitUntil: 'load' });

      // The panel.
      assert.equal(
        (await main.locator('h2#panel').textContent()).trim(),
        '4 experts discuss this interview',
      );
      const names = main.locator('.panel .panel__name');
      assert.deepEqual(await names.allTextContents(), ['Nadia Farrow', 'Amara Osei', 'Dana Kowalczyk', 'Rafael Moreno']);
      for (const a of await names.all()) {
        assert.match(await a.getAttribute('href'), /^\/reviews\/panelists\/[a-z-]+\/$/);
      }
      const firstPanelist = await names.first().getAttribute('href');
      assert.equal(firstPanelist, '/reviews/panelists/nadia-farrow/');

      // The roundtable: each turn with speaker, role and avatar, and its permalink.
      const turns = main.locator('.transcript .turn');
      const nTurns = await turns.count();
      assert.ok(nTurns >= 4, `${nTurns} turns`);
      for (let i = 0; i < nTurns; i++) {
        const turn = turns.nth(i);
        assert.equal(await turn.getAttribute('id'), `turn-${i + 1}`);
        assert.ok((await turn.locator('.turn__speaker').textContent()).trim().length > 0, `turn ${i + 1}: speaker`);
        assert.match(await turn.locator('.turn__speaker').getAttribute('href'), /^\/reviews\/panelists\//);
        assert.ok((await turn.locator('.turn__role').textContent()).trim().length > 0, `turn ${i + 1}: role`);
        assert.match((await turn.locator('.avatar').textContent()).trim(), /^[A-Z]{1,3}$/, `turn ${i + 1}: avatar`);
        assert.ok(await turn.locator('.avatar').isVisible(), `turn ${i + 1}: avatar visible`);
        assert.ok((await turn.locator('.turn__body').textContent()).trim().length > 0, `turn ${i + 1}: body`);
      }
      const first = turns.first();
      assert.equal((await first.locator('.turn__speaker').textContent()).trim(), 'Nadia Farrow');
      assert.equal((await first.locator('.turn__role').textContent()).trim(), 'VP of Engineering');
      assert.equal((await first.locator('.avatar').textContent()).trim(), 'NF');

      // Consensus, with the verdict.
      const consensus = main.locator('section.consensus');
      assert.equal((await consensus.locator('h2').textContent()).trim(), 'Panel consensus');
      assert.match(await consensus.locator('.verdict').textContent(), /Strong no hire/i);
      assert.ok((await consensus.locator('.prose').textContent()).trim().length > 50);

      // Hiring signals: one card per panelist, "None stated" where none was given.
      const cards = main.locator('.signal-card');
      assert.equal(await cards.count(), 4);
      const signal = async (name, kind) =>
        (await main
          .locator('.signal-card', { has: page.getByRole('heading', { name }) })
          .locator(`.signal--${kind} dd`)
          .textContent()).trim();
      assert.equal(await signal('Nadia Farrow', 'hire'), 'None stated'); // "None stated" written out
      assert.equal(await signal('Amara Osei', 'hire'), 'None stated'); // left out
      assert.match(await signal('Amara Osei', 'concern'), /^Never identified which customers/);
      assert.match(await signal('Rafael Moreno', 'concern'), /price promotion/);

      // Related interviews and previous / next.
      const related = main.locator('section.related');
      assert.equal((await related.locator('h2').textContent()).trim(), 'Related interviews');
      const relatedLinks = related.locator('.card__title a');
      assert.ok((await relatedLinks.count()) >= 1);
      for (const a of await relatedLinks.all()) {
        assert.match(await a.getAttribute('href'), /^\/reviews\/interviews\/[a-z0-9-]+\/$/);
      }
      const pager = main.getByRole('navigation', { name: 'Older and newer interviews' });
      const prev = pager.locator('a[rel="prev"]');
      const next = pager.locator('a[rel="next"]');
      assert.equal((await prev.count()) + (await next.count()) >= 1, true);
      for (const a of [prev, next]) {
        if (await a.count()) assert.match(await a.getAttribute('href'), /^\/reviews\/interviews\/[a-z0-9-]+\/$/);
      }
      // Every link of the page that stays on the site answers 200 from the static server.
      const hrefs = await page.locator('a[href]').evaluateAll((as) => [
        ...new Set(as.map((a) => a.href.split('#')[0]).filter((h) => h.startsWith(location.origin))),
      ]);
      assert.ok(hrefs.length > 20, `${hrefs.length} links`);
      for (const href of hrefs) {
        const res = await page.request.get(href);
        assert.equal(res.status(), 200, href);
      }

      // Following "Older" lands on an interview page whose "Newer" link comes back.
      if (await prev.count()) {
        await prev.click();
        await page.waitForURL(/\/reviews\/interviews\//);
        assert.equal(
          await page.locator('a[rel="next"]').getAttribute('href'),
          '/reviews/interviews/kindle-checkout-latency/',
        );
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('search finds an interview by title, and filters narrow the results', { timeout: TEST_TIMEOUT }, async (t) => {
    const { context, page, problems } = await open(1280, 'light', 'search/');
    try {
      const main = page.locator('main');
      const KINDLE = '/reviews/interviews/kindle-checkout-latency/';
      const input = main.getByRole('searchbox', { name: 'Search interviews' });
      await input.waitFor({ state: 'visible' }); // the form is shown once search.js runs
      const status = main.locator('[data-search-status]');
      const choice = (facet, name) => main.getByRole('group', { name: facet }).getByRole('checkbox', { name: new RegExp(`^${name} \\(`) });

      // By part of a title: the interview comes first, its title words marked.
      await input.fill('Kindle Purchase');
      const byTitle = await settle(page, /match(es)? \u201cKindle Purchase\u201d\.$/, 'search for "Kindle Purchase"');
      assert.equal(byTitle.urls[0], KINDLE, JSON.stringify(byTitle.urls));
      assert.deepEqual(
        await main.locator('.search-result').first().locator('.card__title mark').allTextContents(),
        ['Kindle', 'Purchase'],
      );
      t.diagnostic(`"Kindle Purchase": ${byTitle.status}`);

      // A broad word, then a principle filter, then a verdict filter: each narrows.
      await input.fill('customer');
      const broad = await settle(page, /match(es)? \u201ccustomer\u201d\.$/, 'search for "customer"');
      assert.ok(broad.urls.length >= 3, JSON.stringify(broad));
      await choice('Principle', 'Dive Deep').check();
      const deep = await settle(page, /\u201ccustomer\u201d with Dive Deep\.$/, '"customer" with Dive Deep');
      assert.ok(deep.urls.length > 0 && deep.urls.length < broad.urls.length, `${broad.status} / ${deep.status}`);
      assert.ok(deep.urls.every((u) => broad.urls.includes(u)), 'a filter only removes results');
      for (const chips of await main.locator('.search-result .chips').all()) {
        assert.ok((await chips.locator('a').allTextContents()).includes('Dive Deep'), 'each result is filed under Dive Deep');
      }
      await choice('Verdict', 'Strong no hire').check();
      const both = await settle(page, /with Strong no hire, Dive Deep\.$/, '"customer" with Dive Deep and Strong no hire');
      assert.deepEqual(both.urls, [KINDLE], both.status);
      t.diagnostic(`"customer": ${broad.urls.length} results, with Dive Deep: ${deep.urls.length}, and Strong no hire: ${both.urls.length}`);

      // The query is kept in the address: a reload shows the same results.
      const address = new URL(page.url());
      assert.equal(address.pathname, '/reviews/search/');
      assert.equal(address.searchParams.get('q'), 'customer');
      assert.equal(address.searchParams.get('principle'), 'dive-deep');
      assert.equal(address.searchParams.get('verdict'), 'strong-no-hire');
      await page.reload({ waitUntil: 'networkidle' });
      assert.deepEqual((await settle(page, /with Strong no hire, Dive Deep\.$/, 'after a reload')).urls, [KINDLE]);
      await page.screenshot({ path: path.join(ARTIFACTS, 'search-results-1280-light.png'), fullPage: true });

      // A filter alone, without words.
      await main.getByRole('button', { name: 'Clear all' }).click();
      await settle(page, /^Type a word or choose a filter/, 'after "Clear all"');
      assert.equal(await input.inputValue(), '');
      await choice('Principle', 'Dive Deep').check();
      const onlyFilter = await settle(page, /^\d+ interviews? with Dive Deep\.$/, 'Dive Deep alone');
      assert.equal(onlyFilter.urls.length, 3, onlyFilter.status);
      assert.ok(onlyFilter.urls.includes(KINDLE));

      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a word said in one turn only finds that passage, and its link lands on the turn, marked', { timeout: TEST_TIMEOUT }, async (t) => {
    const { context, page, problems } = await open(1280, 'light', 'search/');
    try {
      const main = page.locator('main');
      const input = main.getByRole('searchbox', { name: 'Search interviews' });
      await input.waitFor({ state: 'visible' });
      // "handovers" occurs in one turn of one interview of the sample site, and
      // nowhere else (not in its title, summary, consensus or signals).
      await input.fill('handovers');
      const found = await settle(page, /^1 interview matches \u201chandovers\u201d\.$/, 'search for "handovers"');
      assert.deepEqual(found.urls, ['/reviews/interviews/oncall-page-budgets/']);
      const result = main.locator('.search-result').first();
      const snippet = result.locator('.search-result__snippet');
      assert.match(await snippet.textContent(), /handovers/);
      assert.deepEqual(await snippet.locator('mark').allTextContents(), ['handovers']);
      assert.equal(await result.locator('.search-result__summary').count(), 0, 'the passage replaces the summary');
      const source = result.locator('a.search-result__source');
      const href = await source.getAttribute('href');
      const m = href.match(/^\/reviews\/interviews\/oncall-page-budgets\/\?hl=handovers#(turn-(\d+))$/);
      assert.ok(m, href);
      const label = (await source.textContent()).trim();
      t.diagnostic(`snippet source: ${label} -> ${href}`);

      // The link lands on that turn: it holds the word, marked, and its speaker is
      // the one the result named.
      await source.click();
      await page.waitForURL(/\/oncall-page-budgets\/\?hl=handovers#turn-\d+$/);
      const turn = page.locator(`#${m[1]}`);
      assert.deepEqual(await turn.locator('mark.search-hit').allTextContents(), ['handovers']);
      const speaker = (await turn.locator('.turn__speaker').textContent()).trim();
      assert.equal(label, `${speaker}, turn ${m[2]}`);
      assert.ok(await turn.evaluate((el) => el.classList.contains('is-search-target')), 'the turn is marked as the target');
      await page.waitForFunction((id) => {
        const r = document.getElementById(id).getBoundingClientRect();
        return r.top >= -1 && r.top < innerHeight / 2;
      }, m[1], { timeout: 5_000 });
      assert.equal(await page.locator('main mark.search-hit').count(), 1, 'only the passage landed on is marked');
      await page.screenshot({ path: path.join(ARTIFACTS, 'search-landing-1280-light.png') });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('filters take several values, and each choice counts the results it would give', { timeout: TEST_TIMEOUT }, async (t) => {
    const { context, page, problems } = await open(1280, 'light', 'search/');
    try {
      const main = page.locator('main');
      await main.getByRole('searchbox', { name: 'Search interviews' }).waitFor({ state: 'visible' });
      const verdicts = main.getByRole('group', { name: 'Verdict' });
      const principles = main.getByRole('group', { name: 'Principle' });
      /** Every choice of the form: filter, value, count as shown, ticked, disabled. */
      const choices = () => page.evaluate(() => [...document.querySelectorAll('input[data-filter]')].map((b) => ({
        filter: b.dataset.filter,
        value: b.value,
        count: b.parentNode.querySelector('[data-count]').textContent,
        checked: b.checked,
        disabled: b.disabled,
      })));
      /** The verdict key of each result shown. */
      const resultVerdicts = () => page.evaluate(() => [...document.querySelectorAll('.search-result .verdict')]
        .map((v) => [...v.classList].find((c) => c.startsWith('v-')).slice(2)));
      const hireSide = verdicts.getByRole('checkbox', { name: /^Hire side \(/ });
      const sideTotal = Number((await hireSide.locator('xpath=..').locator('[data-count]').textContent()).replace(/\D/g, ''));

      // The hire side ticks its three verdicts: the results are theirs, newest first.
      await hireSide.check();
      const side = await settle(page, /^\d+ interviews with Hire side\.$/, 'the hire side');
      assert.equal(side.urls.length, sideTotal, side.status);
      const verdictsShown = await resultVerdicts();
      assert.ok(verdictsShown.every((v) => ['strong-hire', 'hire', 'lean-hire'].includes(v)), JSON.stringify(verdictsShown));
      const dates = await page.evaluate(() => [...document.querySelectorAll('.search-result time')].map((x) => x.getAttribute('datetime')));
      assert.deepEqual(dates, [...dates].sort().reverse(), 'a search by filters alone lists newest first');
      // Each verdict counts its results; the counts of the values ticked add up.
      let now = await choices();
      for (const v of ['strong-hire', 'hire', 'lean-hire']) {
        const c = now.find((x) => x.filter === 'verdict' && x.value === v);
        assert.ok(c.checked, v);
        assert.equal(c.count, `(${verdictsShown.filter((x) => x === v).length})`, v);
      }

      // A principle narrows them; its counts are over the hire side's results.
      const deep = principles.getByRole('checkbox', { name: /^Dive Deep \(/ });
      const deepCount = now.find((x) => x.filter === 'principle' && x.value === 'dive-deep').count;
      await deep.check();
      const narrowed = await settle(page, /^\d+ interviews? with Hire side, Dive Deep\.$/, 'hire side and Dive Deep');
      assert.ok(narrowed.urls.length > 0 && narrowed.urls.length < side.urls.length, narrowed.status);
      assert.ok(narrowed.urls.every((u) => side.urls.includes(u)), 'a filter only removes results');
      assert.equal(deepCount, `(${narrowed.urls.length})`, 'the count said how many ticking it would give');

      // A second principle widens to interviews with either.
      now = await choices();
      const other = now.find((x) => x.filter === 'principle' && x.value !== 'dive-deep' && !x.disabled);
      assert.ok(other, 'another principle has results');
      const otherCount = Number(other.count.replace(/\D/g, ''));
      await principles.locator(`input[value="${other.value}"]`).check();
      const either = await settle(page, / or /, 'two principles');
      assert.ok(either.urls.length >= Math.max(narrowed.urls.length, otherCount), either.status);
      assert.ok(either.urls.length <= narrowed.urls.length + otherCount, either.status);
      const chips = await page.evaluate(() => [...document.querySelectorAll('.search-result')].map((r) =>
        [...r.querySelectorAll('.chips a')].map((a) => new URL(a.href).pathname)));
      for (const c of chips) {
        assert.ok(c.includes('/reviews/principles/dive-deep/') || c.includes(`/reviews/principles/${other.value}/`), JSON.stringify(c));
      }
      // Every count matches: a choice that gives nothing is disabled and says 0.
      now = await choices();
      const empty = now.filter((x) => x.count === '(0)');
      assert.ok(empty.length > 0, 'some choice would give nothing');
      for (const x of now) assert.equal(x.disabled, x.count === '(0)' && !x.checked, JSON.stringify(x));
      const verdictsNow = await resultVerdicts();
      for (const x of now.filter((c) => c.filter === 'verdict' && c.checked)) {
        assert.equal(x.count, `(${verdictsNow.filter((v) => v === x.value).length})`, x.value);
      }
      t.diagnostic(`hire side: ${side.urls.length}, with Dive Deep: ${narrowed.urls.length}, or ${other.value}: ${either.urls.length}`);

      // The address keeps every value: a reload shows the same.
      const address = new URL(page.url());
      assert.deepEqual(address.searchParams.getAll('verdict'), ['strong-hire', 'hire', 'lean-hire']);
      assert.deepEqual(address.searchParams.getAll('principle').sort(), ['dive-deep', other.value].sort());
      await page.reload({ waitUntil: 'networkidle' });
      const again = await settle(page, / or /, 'after a reload');
      assert.deepEqual(again.urls, either.urls);
      assert.ok(await hireSide.isChecked());
      assert.deepEqual(await choices(), now);
      for (const width of [390, 1280]) {
        for (const scheme of ['light', 'dark']) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.setViewportSize({ width, height: 900 });
          await page.screenshot({ path: path.join(ARTIFACTS, `search-filters-${width}-${scheme}.png`), fullPage: true });
        }
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('search results with passages, phone and desktop, light and dark', { timeout: TEST_TIMEOUT }, async () => {
    for (const width of [390, 1280]) {
      for (const scheme of ['light', 'dark']) {
        const { context, page, problems } = await open(width, scheme, 'search/?q=customer+latency');
        try {
          await settle(page, /match(es)? \u201ccustomer latency\u201d\.$/, 'customer latency');
          assert.ok(await page.locator('.search-result__passage mark').count() > 0, 'passages with marks');
          const { scrollWidth, innerWidth } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
          }));
          assert.ok(scrollWidth <= innerWidth, `scrollWidth ${scrollWidth} > ${innerWidth}`);
          await page.screenshot({ path: path.join(ARTIFACTS, `search-passages-${width}-${scheme}.png`), fullPage: true });
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      }
    }
  });
});

describe('search under a build profile with min_group = 3', { timeout: 600_000 }, () => {
  let dir;
  let server;
  let browser;
  let base;

  before(async () => {
    dir = mkTemp('profile');
    server = await startServer('python3', ['-u', '-m', 'http.server', '--bind', '127.0.0.1', '-d', dir, '0'], {
      ready: /Serving HTTP on \S+ port (\d+)/,
    });
    const origin = `http://127.0.0.1:${server.match[1]}`;
    const bin = await siteBinary();
    execFileSync(bin, ['build', '--root', ROOT, '--profile', 'public', '--output', path.join(dir, 'pub'), '--base-url', `${origin}/pub`]);
    base = `${origin}/pub/`;
    browser = await launchBrowser();
  }, { timeout: 600_000 });

  after(async () => {
    await browser?.close();
    await server?.stop();
    rmTemp(dir);
  }, { timeout: 30_000 });

  test('the live counts never show a count below 3', { timeout: TEST_TIMEOUT }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto(`${base}search/`, { waitUntil: 'networkidle' });
      assert.equal(await page.locator('form[data-search]').getAttribute('data-min-group'), '3');
      const counts = () => page.locator('[data-count]').allTextContents();
      const small = (list) => list.filter((c) => /^\((1|2)\)$/.test(c));
      assert.deepEqual(small(await counts()), [], 'the built counts');
      await page.getByRole('group', { name: 'Verdict' }).getByRole('checkbox', { name: /^Hire side \(/ }).check();
      await page.getByRole('group', { name: 'Principle' }).getByRole('checkbox', { name: /^Dive Deep \(/ }).check();
      await page.waitForFunction(() => document.querySelector('[data-search-status]').dataset.state !== 'idle');
      await page.waitForFunction(() => !document.querySelector('[data-search-results] .is-loading'));
      const live = await counts();
      assert.deepEqual(small(live), [], JSON.stringify(live));
      assert.ok(live.some((c) => c === '(fewer than 3)'), JSON.stringify(live));
      const status = await page.locator('[data-search-status]').textContent();
      assert.doesNotMatch(status, /(^|\D)[12] interviews?\b/, status);
      const results = await page.locator('.search-result').count();
      if (results > 0 && results < 3) assert.match(status, /^Fewer than 3 interviews with /, status);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
