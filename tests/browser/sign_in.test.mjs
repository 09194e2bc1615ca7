// Signing in and out in a real browser: password + TOTP for a demo user, the error summary on a
// wrong password or code, the signed-in header and sign-out; axe-core WCAG 2.1 AA on every page.
// Run: FYREN_BIN=... node --test sign_in.test.mjs

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  assertErrorSummary, assertHeading, assertNoAxeViolations, demo, harness, nextCode, totpAt,
} from './signed_in.mjs';

const h = harness();

describe('sign-in form', () => {
  for (const lang of ['sv', 'en']) {
    test(`/sign-in (${lang}) passes axe-core`, async (t) => {
      const context = await h.newContext();
      try {
        await h.withPage(t, context, async (page) => {
          await h.open(page, '/sign-in', { lang });
          await assertHeading(page, lang === 'sv' ? 'Logga in i Fyren' : 'Sign in to Fyren');
          await assertNoAxeViolations(page);
        });
      } finally {
        await context.close();
      }
    });
  }

  for (const lang of ['sv', 'en']) {
    test(`a wrong password shows a focusable error summary linked to the field (${lang})`, async (t) => {
      const context = await h.newContext();
      try {
        await h.withPage(t, context, async (page) => {
          await h.open(page, '/sign-in', { lang });
          await page.locator('#username').fill('demo.coordinator');
          await page.locator('#password').fill('not-the-password');
          const status = await h.submit(page, page.locator('form[action="/sign-in"] button[type=submit]'));
          assert.equal(status, 401, 'a wrong password answers 401');
          assert.equal(new URL(page.url()).pathname, '/sign-in');
          const messages = await assertErrorSummary(page);
          assert.deepEqual(messages, [lang === 'sv'
            ? 'Användarnamnet eller lösenordet är fel'
            : 'The user name or password is wrong'], 'one message, whichever part was wrong');
          assert.equal(await page.locator('#username').inputValue(), 'demo.coordinator',
            'the user name is kept');
          assert.equal(await page.locator('#password').inputValue(), '', 'the password is not');
          assert.equal(await page.locator('#username').getAttribute('aria-invalid'), 'true');
          assert.equal(await page.locator('.error-summary a').first().getAttribute('href'), '#username');
          await assertNoAxeViolations(page);
        }, { expectedStatus: 401 });
      } finally {
        await context.close();
      }
    });
  }

  test('empty fields: one message per field, each linked', async (t) => {
    const context = await h.newContext();
    try {
      await h.withPage(t, context, async (page) => {
        await h.open(page, '/sign-in');
        const status = await h.submit(page, page.getByRole('button', { name: 'Fortsätt', exact: true }));
        assert.equal(status, 422);
        const messages = await assertErrorSummary(page);
        assert.deepEqual(messages, ['Ange ditt användarnamn', 'Ange ditt lösenord']);
        const hrefs = await page.locator('.error-summary a').evaluateAll((links) =>
          links.map((a) => a.getAttribute('href')));
        assert.deepEqual(hrefs, ['#username', '#password']);
        await assertNoAxeViolations(page);
      }, { expectedStatus: 422 });
    } finally {
      await context.close();
    }
  });
});

describe('password and TOTP', () => {
  test('a wrong code is refused with an error summary; the right one signs in; sign out', async (t) => {
    const username = 'demo.social';
    const user = demo.users.get(username);
    const context = await h.newContext();
    try {
      await h.withPage(t, context, async (page) => {
        await h.open(page, '/sign-in');
        await page.getByLabel('Användarnamn', { exact: true }).fill(username);
        await page.getByLabel('Lösenord', { exact: true }).fill(demo.password);
        await h.submit(page, page.getByRole('button', { name: 'Fortsätt', exact: true }));
        assert.equal(new URL(page.url()).pathname, '/sign-in/code');
        await assertHeading(page, 'Ange koden från din app');
        await assertNoAxeViolations(page);

        // A code from ten minutes ago is outside the server's window.
        const stale = totpAt(user.totp_secret, Math.floor(Date.now() / 30_000) - 20);
        await page.getByLabel('Kod', { exact: true }).fill(stale);
        assert.equal(await h.submit(page, page.getByRole('button', { name: 'Logga in', exact: true })), 401);
        const messages = await assertErrorSummary(page);
        assert.match(messages[0], /Koden är fel/);
        assert.equal(await page.locator('#code').getAttribute('aria-invalid'), 'true');
        await assertNoAxeViolations(page);

        await page.getByLabel('Kod', { exact: true }).fill(await nextCode(username));
        await h.submit(page, page.getByRole('button', { name: 'Logga in', exact: true }));
        assert.equal(new URL(page.url()).pathname, '/', 'signed in: the start page');
        await assertHeading(page, /David Provström/);
        // "Mitt arbete": the social worker's work as counted links (axe runs on it below).
        const myWork = page.locator('#my-work');
        assert.equal(await myWork.getByRole('heading', { level: 2, name: 'Mitt arbete' }).count(), 1);
        assert.equal(await myWork.locator('#my-work-tasks a[href="/inbox"]').count(), 1);
        assert.equal(await myWork.locator('#my-work-cases a[href="/cases?status=open"]').count(), 1);
        assert.equal(await myWork.locator('#my-work-intake a').count(), 2);
        const header = page.locator('header');
        assert.equal(await header.getByRole('link', { name: 'Mitt konto' }).count(), 1);
        assert.equal(await header.getByRole('button', { name: 'Logga ut' }).count(), 1);
        assert.equal(await header.getByRole('link', { name: 'Logga in' }).count(), 0);
        await assertNoAxeViolations(page);

        for (const lang of ['sv', 'en']) {
          await h.open(page, '/account', { lang });
          await assertHeading(page, lang === 'sv' ? 'Mitt konto' : 'My account');
          assert.ok((await page.locator('main').innerText()).includes(username));
          await assertNoAxeViolations(page);
        }
        await h.open(page, '/', { lang: 'en' });
        await assertNoAxeViolations(page);

        await h.open(page, '/');
        await h.submit(page, page.locator('header').getByRole('button', { name: 'Logga ut' }));
        const after = new URL(page.url());
        assert.equal(after.pathname, '/sign-in');
        assert.equal(after.searchParams.get('signed_out'), '1');
        const notice = page.getByRole('status');
        assert.match(await notice.innerText(), /Du har loggat ut/);
        assert.equal(await page.locator('header').getByRole('link', { name: 'Logga in' }).count(), 1);
        await assertNoAxeViolations(page);

        // The old session is gone: a signed-in page sends the browser to the sign-in form.
        await page.goto(h.server.url('/account'), { waitUntil: 'load' });
        assert.equal(new URL(page.url()).pathname, '/sign-in', '/account asks to sign in again');
      });
    } finally {
      await context.close();
    }
  });
});
