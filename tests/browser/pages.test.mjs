// The public pages in a real browser: structure, keyboard access, language switching, layout on
// a phone and WCAG 2.1 AA as far as axe-core can tell. Run: FYREN_BIN=... node --test pages.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';

import { launchChromium } from './chromium.mjs';
import { startFyren } from './server.mjs';

const kPages = ['/', '/organisations', '/glossary', '/about'];
const kLanguages = ['sv', 'en'];
const kAxeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const kPhone = { width: 360, height: 740 };

let server;
let browser;
let screenshotDir = null;
let screenshotCount = 0;

before(async () => {
  server = await startFyren();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Swedish is the default; English is asked for explicitly, as a user's first visit would.
function pathIn(path, lang) {
  return lang === 'en' ? `${path}?lang=en` : path;
}

// Runs `body` with a fresh context (no cookies) and page. Afterwards the page must have logged
// no console error and no CSP violation, and every subresource must have loaded. On failure a
// screenshot goes to a temp dir outside the repository and its path is reported.
async function withPage(t, { viewport, expectedStatus = 200 } = {}, body) {
  // A Swedish browser, so that an Accept-Language fallback cannot mask a wrong default.
  const context = await browser.newContext({ locale: 'sv-SE', viewport });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    const text = message.text();
    // Chromium logs the main document's own status as a console error; an expected 404 is
    // not a problem, anything else is.
    const ownStatus = text.startsWith('Failed to load resource') &&
      message.location().url === page.url() && text.includes(`status of ${expectedStatus}`);
    if ((message.type() === 'error' && !ownStatus) || /Content Security Policy/i.test(text)) {
      problems.push(`console ${message.type()}: ${text} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document' && response.status() >= 400) {
      problems.push(`subresource ${response.url()} answered ${response.status()}`);
    }
  });
  try {
    await body(page, context);
    assert.deepEqual(problems, [], 'console errors, CSP violations or failed subresources');
  } catch (error) {
    await saveScreenshot(t, page);
    throw error;
  } finally {
    await context.close();
  }
}

async function saveScreenshot(t, page) {
  try {
    screenshotDir ??= mkdtempSync(join(tmpdir(), 'fyren-screenshots-'));
    const slug = t.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const file = join(screenshotDir, `${++screenshotCount}-${slug}.png`);
    await page.screenshot({ path: file, fullPage: true });
    t.diagnostic(`screenshot: ${file}`);
  } catch (error) {
    t.diagnostic(`no screenshot: ${error.message}`);
  }
}

async function open(page, path, expectedStatus = 200) {
  const response = await page.goto(server.url(path), { waitUntil: 'load' });
  assert.equal(response.status(), expectedStatus, `status of ${path}`);
  return response;
}

// Clicks a link and waits for the new document to load, however many redirects lie between.
async function followLink(page, name) {
  const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await page.getByRole('link', { name, exact: true }).click();
  await navigated;
  await page.waitForLoadState('load');
}

async function htmlLang(page) {
  return page.evaluate(() => document.documentElement.getAttribute('lang'));
}

async function assertNoAxeViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(kAxeTags).analyze();
  const summary = results.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], 'axe-core violations');
}

// Tab from the top of the page must land on a visible skip link first; following it must put
// focus on <main> (which therefore needs tabindex="-1"), so keyboard and screen-reader users
// skip the header.
async function assertSkipLink(page) {
  await page.keyboard.press('Tab');
  const link = await page.evaluate(() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    return {
      tag: el.tagName, href: el.getAttribute('href'), text: el.textContent.trim(),
      visible: box.width >= 1 && box.height >= 1 && box.bottom > 0 && box.right > 0,
    };
  });
  assert.equal(link.tag, 'A', 'the first focusable element is a link');
  assert.match(link.href ?? '', /^#.+/, `the first link is an in-page skip link (${link.text})`);
  assert.ok(link.visible, 'the skip link is visible when focused');
  await page.keyboard.press('Enter');
  const focus = await page.evaluate((hash) => {
    const main = document.querySelector('main');
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    return {
      mains: document.querySelectorAll('main').length,
      targetIsMain: target !== null && target === main,
      activeIsMain: document.activeElement === main,
    };
  }, link.href);
  assert.equal(focus.mains, 1, 'exactly one <main>');
  assert.ok(focus.targetIsMain, `the skip link ${link.href} points at <main>`);
  assert.ok(focus.activeIsMain, 'following the skip link moves focus to <main>');
}

describe('every page, in Swedish and English', () => {
  for (const path of kPages) {
    for (const lang of kLanguages) {
      const url = pathIn(path, lang);
      test(`${url}: structure, skip link and accessibility`, async (t) => {
        await withPage(t, {}, async (page) => {
          await open(page, url);
          assert.equal(await htmlLang(page), lang, '<html lang>');
          assert.equal(await page.locator('h1').count(), 1, 'exactly one h1');
          assert.notEqual((await page.title()).trim(), '', 'a non-empty <title>');
          await assertSkipLink(page);
          await assertNoAxeViolations(page);
        });
      });
    }
  }
});

describe('error page', () => {
  for (const lang of kLanguages) {
    const url = pathIn('/no-such-page', lang);
    test(`${url}: 404 page`, async (t) => {
      await withPage(t, { expectedStatus: 404 }, async (page) => {
        await open(page, url, 404);
        assert.equal(await htmlLang(page), lang, '<html lang>');
        assert.equal(await page.locator('h1').count(), 1, 'exactly one h1');
        await assertNoAxeViolations(page);
      });
    });
  }
});

describe('language switch', () => {
  test('English and back to Svenska; the choice persists in the fyren_lang cookie', async (t) => {
    await withPage(t, {}, async (page, context) => {
      await open(page, '/');
      assert.equal(await htmlLang(page), 'sv');

      await followLink(page, 'English');
      assert.equal(await htmlLang(page), 'en', 'after clicking English');
      const cookie = (await context.cookies()).find((c) => c.name === 'fyren_lang');
      assert.equal(cookie?.value, 'en', 'fyren_lang cookie');

      await open(page, '/organisations');
      assert.equal(await htmlLang(page), 'en', 'the next page, without ?lang, stays English');

      await followLink(page, 'Svenska');
      assert.equal(await htmlLang(page), 'sv', 'after clicking Svenska');
      await open(page, '/glossary');
      assert.equal(await htmlLang(page), 'sv', 'the next page stays Swedish');
    });
  });
});

describe('organisations page', () => {
  test('lists the demo organisations in Swedish', async (t) => {
    await withPage(t, {}, async (page) => {
      await open(page, '/organisations');
      const text = await page.locator('main').innerText();
      assert.ok(text.includes('Socialnämnden Hisingen'), 'Socialnämnden Hisingen is listed');
      assert.ok(text.includes('Barnahus'), 'Barnahus is listed');
    });
  });

  test('lists the demo organisations in English', async (t) => {
    await withPage(t, {}, async (page) => {
      await open(page, '/organisations?lang=en');
      const text = await page.locator('main').innerText();
      assert.ok(text.includes('Social Committee Hisingen'), 'Social Committee Hisingen is listed');
    });
  });

  for (const lang of kLanguages) {
    test(`fits a ${kPhone.width}px phone without horizontal scrolling (${lang})`, async (t) => {
      await withPage(t, { viewport: kPhone }, async (page) => {
        await open(page, pathIn('/organisations', lang));
        const width = await page.evaluate(() => document.scrollingElement.scrollWidth);
        assert.ok(width <= kPhone.width, `scrollWidth ${width} <= ${kPhone.width}`);
      });
    });
  }
});
