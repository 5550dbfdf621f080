// axe-core on every page of the browser tests (helpers.js PAGES), light and dark: no serious or
// critical accessibility violation (contrast, landmarks, alt text, labels,
// heading order, ...).
'use strict';

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { PAGES, startStaticSite, launchBrowser, runAxe } = require('./lib/helpers');

const SCHEMES = ['light', 'dark'];
/** The pages of the browser tests, and the search page showing results (rendered by search.js). */
const AXE_PAGES = [
  ...PAGES,
  { name: 'search results', path: 'search/?q=customer&principle=dive-deep', ready: '.search-result .card__title a' },
  { name: 'search passage', path: 'search/?q=handovers', ready: '.search-result__passage mark' },
  { name: 'interview landed on from a search', path: 'interviews/oncall-page-budgets/?hl=handovers#turn-3', ready: 'mark.search-hit' },
];

describe('accessibility (axe-core)', { timeout: 600_000 }, () => {
  let site;
  let browser;

  before(async () => {
    site = await startStaticSite();
    browser = await launchBrowser();
  }, { timeout: 600_000 });

  after(async () => {
    await browser?.close();
    await site?.stop();
  }, { timeout: 30_000 });

  for (const p of AXE_PAGES) {
    for (const scheme of SCHEMES) {
      test(`${p.name} page, ${scheme}: no serious or critical violations`, { timeout: 60_000 }, async (t) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
        try {
          const page = await context.newPage();
          page.setDefaultTimeout(15_000);
          await page.goto(site.base + p.path, { waitUntil: 'networkidle' });
          if (p.ready) await page.locator(p.ready).first().waitFor();
          // The checks axe must have run, so that a silently smaller rule set cannot pass.
          const results = await runAxe(page);
          const ran = new Set([...results.violations, ...results.passes, ...results.incomplete, ...results.inapplicable].map((r) => r.id));
          for (const rule of ['color-contrast', 'landmark-one-main', 'region', 'image-alt', 'label', 'heading-order', 'document-title', 'html-has-lang']) {
            assert.ok(ran.has(rule), `axe did not run ${rule}`);
          }
          const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          const minor = results.violations.filter((v) => !bad.includes(v));
          for (const v of minor) t.diagnostic(`${v.impact}: ${v.id} (${v.nodes.length}): ${v.help}`);
          const report = bad.map(
            (v) =>
              `${v.impact}: ${v.id}: ${v.help}\n` +
              v.nodes
                .slice(0, 8)
                .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`)
                .join('\n'),
          );
          assert.deepEqual(report, [], `${p.name}, ${scheme}`);
        } finally {
          await context.close();
        }
      });
    }
  }
});
