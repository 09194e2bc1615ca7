// User administration in a real browser, as the demo authority administrator (demo.authority,
// Centrum): the start page, the user list, inviting a user (with the mouse, and with the keyboard
// only), the one-time link page and the invite link itself, a user's page and the units page;
// axe-core WCAG 2.1 AA on each, in Swedish and English. Run: FYREN_BIN=... node --test admin.test.mjs

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  assertErrorSummary, assertHeading, assertNoAxeViolations, harness,
} from './signed_in.mjs';

const h = harness({ signedIn: ['demo.authority'] });
const admin = () => h.as['demo.authority'];  // signed in once for the whole file

describe('administration pages', () => {
  for (const lang of ['sv', 'en']) {
    test(`/admin (${lang}) links to users, invite and units`, async (t) => {
      await h.withPage(t, admin(), async (page) => {
        await h.open(page, '/admin', { lang });
        await assertHeading(page, 'Administration');
        const hrefs = await page.locator('main a').evaluateAll((links) =>
          links.map((a) => a.getAttribute('href')));
        for (const href of ['/admin/users', '/admin/users/new', '/admin/units']) {
          assert.ok(hrefs.includes(href), `/admin links to ${href}`);
        }
        // The header: an administrator administers; persons and log review are other roles'.
        const header = page.locator('header');
        assert.equal(await header.locator('a[href="/admin"]').count(), 1, 'the header links to /admin');
        assert.equal((await header.locator('a[href="/admin"]').innerText()).trim(), 'Administration');
        assert.equal(await header.locator('a[href="/persons"]').count(), 0, 'no link to /persons');
        assert.equal(await header.locator('a[href="/audit"]').count(), 0, 'no link to /audit');
        await assertNoAxeViolations(page);
      });
    });

    test(`/admin/users (${lang}) lists the authority's users`, async (t) => {
      await h.withPage(t, admin(), async (page) => {
        await h.open(page, '/admin/users', { lang });
        await assertHeading(page, lang === 'sv' ? 'Användare' : 'Users');
        const table = await page.locator('main table').innerText();
        for (const username of ['demo.coordinator', 'demo.logs', 'demo.authority']) {
          assert.ok(table.includes(username), `${username} is listed`);
        }
        // Hisingen is another authority: its social worker is not this administrator's business.
        assert.ok(!table.includes('demo.social'), 'demo.social (Hisingen) is not listed');
        await assertNoAxeViolations(page);
      });
    });

    test(`/admin/units (${lang})`, async (t) => {
      await h.withPage(t, admin(), async (page) => {
        await h.open(page, '/admin/units', { lang });
        await assertHeading(page, lang === 'sv' ? 'Enheter' : /Units/);
        assert.ok(await page.locator('.unit-item').count() > 1, 'the units are listed');
        await assertNoAxeViolations(page);
      });
    });
  }

  test('/admin/units: a unit without a name or code shows the error summary', async (t) => {
    await h.withPage(t, admin(), async (page) => {
      await h.open(page, '/admin/units');
      const status = await h.submit(page, page.getByRole('button', { name: 'Lägg till', exact: true }));
      assert.equal(status, 422);
      const messages = await assertErrorSummary(page);
      assert.ok(messages.length >= 1);
      await assertNoAxeViolations(page);
    }, { expectedStatus: 422 });
  });
});

describe('inviting a user', () => {
  test('bad input: the form comes back with an error summary and the values kept', async (t) => {
    await h.withPage(t, admin(), async (page) => {
      await h.open(page, '/admin/users/new');
      await assertHeading(page, 'Bjud in en användare');
      await assertNoAxeViolations(page);
      await page.getByLabel('Namn', { exact: true }).fill('Testa Inbjudansdotter');
      await page.getByLabel('Användarnamn', { exact: true }).fill('Ogiltigt Namn!');
      const status = await h.submit(page, page.getByRole('button', { name: 'Skapa inbjudan' }));
      assert.equal(status, 422);
      await assertErrorSummary(page);
      assert.equal(await page.getByLabel('Namn', { exact: true }).inputValue(), 'Testa Inbjudansdotter',
        'the name is kept');
      await assertNoAxeViolations(page);
    }, { expectedStatus: 422 });
  });

  test('invite, the one-time link page, the user page, then the link sets a password', async (t) => {
    let link;
    await h.withPage(t, admin(), async (page) => {
      await h.open(page, '/admin/users/new');
      await page.getByLabel('Namn', { exact: true }).fill('Ines Inbjudansdotter');
      await page.getByLabel('Användarnamn', { exact: true }).fill('test.invited');
      await page.getByLabel('Enhet').selectOption({ index: 1 });
      await page.locator('#roles input[type=checkbox]').first().check();
      const status = await h.submit(page, page.getByRole('button', { name: 'Skapa inbjudan' }));
      assert.equal(status, 200);
      await assertHeading(page, 'Inbjudan är skapad');
      link = await page.getByLabel('Engångslänk').inputValue();
      assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]{20,}$/);
      assert.ok((await page.locator('main').innerText()).includes('test.invited'));
      await assertNoAxeViolations(page);

      await h.submit(page, page.getByRole('link', { name: 'Till användaren' }));
      assert.match(new URL(page.url()).pathname, /^\/admin\/users\/[^/]+$/);
      await assertHeading(page, /Ines Inbjudansdotter/);
      await assertNoAxeViolations(page);
      const userPath = new URL(page.url()).pathname;
      await h.open(page, userPath, { lang: 'en' });
      await assertNoAxeViolations(page);
    });

    // The link is for the invited person, who has no session: a fresh context.
    const invited = await h.newContext();
    try {
      await h.withPage(t, invited, async (page) => {
        const path = new URL(link).pathname;
        for (const lang of ['en', 'sv']) {
          await h.open(page, path, { lang });
          assert.ok((await page.locator('main').innerText()).includes('test.invited'));
          await assertNoAxeViolations(page);
        }
        await page.locator('#password').fill('fyren browser invite 2026');
        await page.locator('#password_repeat').fill('fyren browser invite 2026');
        await h.submit(page, page.locator('main form button[type=submit]'));
        assert.equal(new URL(page.url()).pathname, '/sign-in', 'on to sign in');

        // Once only: the same link now answers that it is no longer valid.
        await page.goto(link, { waitUntil: 'load' });
        assert.equal(await page.locator('main input[type=password]').count(), 0,
          'a used link offers no password form');
      }, { expectedStatus: 404 });
    } finally {
      await invited.close();
    }
  });

  test('keyboard only: the invite form is filled and sent with Tab, typing, Space and Enter (en)', async (t) => {
    await h.withPage(t, admin(), async (page) => {
      await h.open(page, '/admin/users/new', { lang: 'en' });
      await assertNoAxeViolations(page);
      const active = () => page.evaluate(() => {
        const el = document.activeElement;
        return { tag: el.tagName, id: el.id, type: el.getAttribute('type') ?? '' };
      });

      // Skip link, then into <main>; the first field follows.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      assert.equal((await active()).id, 'display_name', 'Tab from <main> reaches the name field');
      await page.keyboard.type('Karl Tangentsson');
      await page.keyboard.press('Tab');
      assert.equal((await active()).id, 'username');
      await page.keyboard.type('test.keyboard');
      await page.keyboard.press('Tab');
      assert.equal((await active()).id, 'unit');
      await page.keyboard.press('ArrowDown');  // the first unit after "Choose a unit"
      assert.notEqual(await page.locator('#unit').inputValue(), '', 'a unit is chosen');
      await page.keyboard.press('Tab');
      const firstRole = await active();
      assert.equal(firstRole.type, 'checkbox', 'then the role check boxes');
      await page.keyboard.press('Space');
      assert.ok(await page.locator(`[id="${firstRole.id}"]`).isChecked(), 'Space ticks a role');
      for (let i = 0; i < 20 && (await active()).tag !== 'BUTTON'; ++i) {
        await page.keyboard.press('Tab');
      }
      assert.equal((await active()).tag, 'BUTTON', 'Tab reaches the submit button');
      const status = await h.submit(page, null, { key: 'Enter' });
      assert.equal(status, 200);
      await assertHeading(page, /invit/i);
      assert.ok((await page.locator('main').innerText()).includes('test.keyboard'));
      assert.match(await page.locator('#invite-link').inputValue(), /\/invite\//);
      await assertNoAxeViolations(page);
    });
  });
});
