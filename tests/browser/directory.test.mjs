// "Where to turn", the public support directory (issue 5, items 5 and 6), in a real browser:
// searching works in Swedish, English and Arabic (right to left), axe-core finds no WCAG 2.1 AA
// violations, and a phone-sized viewport (375 px) never scrolls sideways.
// Run: FYREN_BIN=... node --test directory.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';

import { launchChromium } from './chromium.mjs';
import { startFyren } from './server.mjs';

const kAxeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const kPhone = { width: 375, height: 740 };

// What each language's page is called, a search that must find something, and what it finds.
const kCases = [
  { lang: 'sv', dir: 'ltr', heading: 'Vart kan jag vända mig?', query: 'köper sex', finds: 'KAST' },
  { lang: 'en', dir: 'ltr', heading: 'Where to turn', query: 'clinic', finds: 'Mika clinic' },
  { lang: 'ar', dir: 'rtl', heading: 'إلى أين يمكنني أن أتوجه؟', query: 'ميكا', finds: 'عيادة ميكا' },
];

let server;
let browser;

before(async () => {
  server = await startFyren();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function withPage(viewport, body) {
  const context = await browser.newContext({ locale: 'sv-SE', viewport });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  try {
    await body(page);
    assert.deepEqual(problems, [], 'console errors or CSP violations');
  } finally {
    await context.close();
  }
}

async function assertNoAxeViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(kAxeTags).analyze();
  const summary = results.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], 'axe-core violations');
}

async function assertNoSidewaysScroll(page) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(widths.scroll <= widths.client,
    `the page scrolls sideways (${widths.scroll} px content in ${widths.client} px)`);
}

function directoryUrl(lang) {
  return server.url(lang === 'sv' ? '/where-to-turn' : `/where-to-turn?lang=${lang}`);
}

describe('where to turn', () => {
  for (const c of kCases) {
    test(`${c.lang}: search, language, direction and accessibility`, async () => {
      await withPage(undefined, async (page) => {
        const response = await page.goto(directoryUrl(c.lang));
        assert.equal(response.status(), 200);
        const root = await page.evaluate(() => ({
          lang: document.documentElement.lang, dir: document.documentElement.dir,
        }));
        assert.deepEqual(root, { lang: c.lang, dir: c.dir });
        assert.equal((await page.locator('h1').textContent()).trim(), c.heading);
        await assertNoAxeViolations(page);

        const all = Number(await page.locator('#directory-count').textContent());
        assert.ok(all >= 20, `${all} entries listed`);
        // The search box is found by its label, as a screen-reader user would find it.
        await page.locator('#q').fill(c.query);
        await Promise.all([page.waitForLoadState('load'), page.locator('#q').press('Enter')]);
        await page.waitForURL(/q=/);
        const found = Number(await page.locator('#directory-count').textContent());
        assert.ok(found >= 1 && found < all, `${found} of ${all} found for "${c.query}"`);
        assert.ok((await page.locator('.directory-list').textContent()).includes(c.finds));
        // The language stays after searching (kept in the URL for the extra languages).
        assert.equal(await page.evaluate(() => document.documentElement.lang), c.lang);
        await assertNoAxeViolations(page);

        // Into one entry and its contact links.
        await Promise.all([page.waitForLoadState('load'),
          page.locator('.directory-list .directory-name a').first().click()]);
        assert.match(page.url(), /\/where-to-turn\/[A-Za-z0-9]+/);
        assert.equal(await page.evaluate(() => document.documentElement.dir), c.dir);
        await assertNoAxeViolations(page);
      });
    });
  }

  test('the language list switches to every language, marking the current one', async () => {
    await withPage(undefined, async (page) => {
      await page.goto(directoryUrl('sv'));
      const codes = await page.locator('.directory-language-list a').evaluateAll(
        (links) => links.map((a) => a.getAttribute('lang')));
      for (const lang of ['sv', 'en', 'ar', 'ro', 'th']) assert.ok(codes.includes(lang), lang);
      await Promise.all([page.waitForLoadState('load'),
        page.locator('.directory-language-list a[lang="ro"]').click()]);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'ro');
      assert.equal(await page.locator('.directory-language-list a[aria-current="true"]')
        .getAttribute('lang'), 'ro');
      await assertNoAxeViolations(page);
    });
  });

  test('a phone-sized viewport (375 px) has no sideways scroll, ltr and rtl', async () => {
    await withPage(kPhone, async (page) => {
      for (const lang of ['sv', 'ar', 'th']) {
        await page.goto(directoryUrl(lang));
        await assertNoSidewaysScroll(page);
        const href = await page.locator('.directory-list .directory-name a').first()
          .getAttribute('href');
        await page.goto(server.url(href));
        await assertNoSidewaysScroll(page);
      }
      // Tap targets for calling are at least 44 px high.
      await page.goto(directoryUrl('sv'));
      const height = await page.locator('a.directory-action[href^="tel:"]').first()
        .evaluate((a) => a.getBoundingClientRect().height);
      assert.ok(height >= 44, `the call link is ${height} px high`);
    });
  });
});
