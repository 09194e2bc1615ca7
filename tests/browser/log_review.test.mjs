// Log review in a real browser, as the demo log reviewer (demo.logs, Centrum): flagged access,
// a person's access history, a user's activity and the extract, which asks for a fresh second
// factor (step-up); axe-core WCAG 2.1 AA on each page, in Swedish and English. The demo
// coordinator first opens a protected person, so there is flagged access to review.
// Run: FYREN_BIN=... node --test log_review.test.mjs

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  ageSecondFactor, assertErrorSummary, assertHeading, assertNoAxeViolations, demo, harness, nextCode,
  syntheticPersonnummer, totpAt, typed,
} from './signed_in.mjs';

const h = harness({ signedIn: ['demo.coordinator', 'demo.logs'] });
const reviewer = () => h.as['demo.logs'];

// Paths found along the way, for the tests after the first.
const found = { personLog: null, userActivity: null };

// Skyddad Demoberg (content/demo/persons.toml, serial 1003): protected, the coordinator named.
const kProtectedNumber = typed(syntheticPersonnummer(1003));

describe('flagged access', () => {
  before(async () => {
    // The coordinator opens the protected person: a read flagged "protected identity".
    const page = await h.as['demo.coordinator'].newPage();
    try {
      await h.open(page, `/persons/new?query=${kProtectedNumber}`);
      const link = page.locator('section[aria-labelledby="matches-heading"] a').first();
      await h.submit(page, link);
      assert.match(new URL(page.url()).pathname, /^\/persons\/[^/]+$/, 'the coordinator reached the person');
    } finally {
      await page.close();
    }
  });

  for (const lang of ['sv', 'en']) {
    test(`/audit (${lang}) lists the coordinator's access to the protected person`, async (t) => {
      await h.withPage(t, reviewer(), async (page) => {
        await h.open(page, '/audit', { lang });
        await assertHeading(page, lang === 'sv' ? 'Logguppföljning' : 'Log review');
        const rows = page.locator('main table tbody tr', { hasText: 'Cecilia Testberg' });
        assert.ok(await rows.count() >= 1, 'the coordinator\'s access is listed');
        assert.ok(await rows.first().locator('.badge--flag').count() >= 1, 'with a flag');
        found.personLog ??= await rows.first().locator('a[href^="/audit/persons/"]').getAttribute('href');
        found.userActivity ??= await rows.first().locator('a[href^="/audit/users/"]').getAttribute('href');
        await assertNoAxeViolations(page);
      });
    });
  }

  test('a person id that is not one: the start page again with an error summary', async (t) => {
    await h.withPage(t, reviewer(), async (page) => {
      await h.open(page, '/audit');
      await page.locator('#person').fill('not an id!');
      const status = await h.submit(page, page.getByRole('button', { name: 'Visa loggen' }));
      assert.equal(status, 400);
      const messages = await assertErrorSummary(page);
      assert.match(messages[0], /personens id/);
      await assertNoAxeViolations(page);
    }, { expectedStatus: 400 });
  });

  test('the header links to Logguppföljning, not to Administration or Personer', async (t) => {
    await h.withPage(t, reviewer(), async (page) => {
      await h.open(page, '/');
      const header = page.locator('header');
      assert.equal(await header.locator('a[href="/audit"]').count(), 1, 'a link to /audit');
      assert.equal((await header.locator('a[href="/audit"]').innerText()).trim(), 'Logguppföljning');
      assert.equal(await header.locator('a[href="/admin"]').count(), 0);
      assert.equal(await header.locator('a[href="/persons"]').count(), 0);
      await h.submit(page, header.locator('a[href="/audit"]'));
      assert.equal(new URL(page.url()).pathname, '/audit');
    });
  });
});

describe('a person, a user', () => {
  for (const lang of ['sv', 'en']) {
    test(`a person's access history (${lang})`, async (t) => {
      assert.ok(found.personLog, 'the flagged list linked to a person\'s log');
      await h.withPage(t, reviewer(), async (page) => {
        await h.open(page, found.personLog, { lang });
        await assertHeading(page, lang === 'sv' ? 'Åtkomstlogg för en person' : /person/i);
        const table = await page.locator('main table').innerText();
        assert.ok(table.includes('Cecilia Testberg'), 'the coordinator\'s read is in the history');
        assert.ok(!(await page.locator('main').innerText()).includes('Demoberg'),
          'the history names no one but staff');
        await assertNoAxeViolations(page);
      });
    });

    test(`a user's activity (${lang})`, async (t) => {
      assert.ok(found.userActivity, 'the flagged list linked to the user');
      await h.withPage(t, reviewer(), async (page) => {
        await h.open(page, found.userActivity, { lang });
        await assertHeading(page, /Cecilia Testberg/);
        assert.ok(await page.locator('main table tbody tr').count() >= 1, 'the user\'s activity');
        await assertNoAxeViolations(page);
      });
    });
  }
});

describe('the extract', () => {
  test('needs a fresh code (step-up); then the print page and the CSV file', async (t) => {
    assert.ok(found.personLog);
    await h.withPage(t, reviewer(), async (page) => {
      // Signed in just now counts as fresh; ten minutes ago does not (kStepUpWindow, 5 min).
      await ageSecondFactor(h.server, 'demo.logs', 10);
      await h.open(page, found.personLog);
      await h.submit(page, page.getByRole('link', { name: 'Utdrag för utskrift' }));
      const confirm = new URL(page.url());
      assert.equal(confirm.pathname, '/account/confirm', 'asked to confirm with a new code');
      assert.match(confirm.searchParams.get('next') ?? '', /^\/audit\/persons\/[^/]+\/extract/);
      await assertHeading(page, 'Bekräfta att det är du');
      await assertNoAxeViolations(page);

      // A code from ten minutes ago keeps the step-up page, with the error summary.
      const stale = totpAt(demo.users.get('demo.logs').totp_secret, Math.floor(Date.now() / 30_000) - 20);
      await page.getByLabel('Kod', { exact: true }).fill(stale);
      assert.equal(await h.submit(page, page.locator('main form button[type=submit]')), 401);
      assert.equal(new URL(page.url()).pathname, '/account/confirm');
      await assertErrorSummary(page);
      await assertNoAxeViolations(page);
      await page.getByLabel('Kod', { exact: true }).fill(await nextCode('demo.logs'));
      await h.submit(page, page.locator('main form button[type=submit]'));
      const extract = new URL(page.url());
      assert.match(extract.pathname, /^\/audit\/persons\/[^/]+\/extract$/, 'back to the extract');
      await assertHeading(page, 'Utdrag ur åtkomstloggen');
      assert.ok((await page.locator('main table').innerText()).includes('Cecilia Testberg'));
      await assertNoAxeViolations(page);

      await h.open(page, extract.pathname + extract.search, { lang: 'en' });
      await assertNoAxeViolations(page);

      // The CSV file, fetched with the page's cookies.
      await h.open(page, found.personLog);
      const csvHref = await page.getByRole('link', { name: /CSV/ }).getAttribute('href');
      const csv = await page.request.get(h.server.url(csvHref));
      assert.equal(csv.status(), 200);
      assert.match(csv.headers()['content-type'], /^text\/csv/);
      assert.ok((await csv.text()).includes('Cecilia Testberg'), 'the CSV lists the access');
    }, { expectedStatus: 401 });
  });
});
