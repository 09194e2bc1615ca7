// The person register in a real browser, as the demo coordinator (demo.coordinator, Centrum):
// my persons, search before register (and the error summary on bad input), a person's page,
// revealing the full identity number and the protected-identity warning; axe-core WCAG 2.1 AA on
// each page, in Swedish and English. The demo persons are in content/demo/persons.toml; their
// numbers come from trust/identity/synthetic_identity.h, recomputed here.
// Run: FYREN_BIN=... node --test persons.test.mjs

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import {
  ageSecondFactor, assertErrorSummary, assertHeading, assertNoAxeViolations, harness, nextCode,
  syntheticPersonnummer, typed,
} from './signed_in.mjs';

const h = harness({ signedIn: ['demo.coordinator'] });
const coordinator = () => h.as['demo.coordinator'];

// The public id of a Centrum demo person, protected or not, with or without the coordinator on
// its team, read from the server's database with the sqlite3 tool (as ageSecondFactor does).
async function demoPerson({ protectedIdentity, onTeam }) {
  const path = h.server.databaseUrl.replace(/^sqlite:/, '');
  const { stdout } = await promisify(execFile)('sqlite3', [path,
    'SELECT p.public_id FROM persons p JOIN organisations o ON o.tenant_id = p.tenant_id ' +
    "AND o.organisation_id = p.owning_authority_id WHERE o.code = 'CEN' " +
    `AND p.protected_identity = ${protectedIdentity ? 1 : 0} AND EXISTS (SELECT 1 FROM ` +
    'person_staff s JOIN users u ON u.tenant_id = s.tenant_id AND u.user_id = s.user_id ' +
    "WHERE s.person_id = p.person_id AND u.username = 'demo.coordinator') = " +
    `${onTeam ? 1 : 0} ORDER BY p.created_at LIMIT 1;`]);
  const id = stdout.trim();
  assert.match(id, /^[a-z2-7]{26}$/, 'a demo person of that kind');
  return id;
}

// Searches on /persons/new and returns the match list's text and links.
async function search(page, number, lang = 'sv') {
  await h.open(page, `/persons/new?query=${encodeURIComponent(number)}`, { lang });
  const matches = page.locator('section[aria-labelledby="matches-heading"]');
  assert.equal(await matches.count(), 1, 'a search shows the matches section');
  return {
    text: await matches.innerText(),
    links: await matches.locator('a').evaluateAll((links) =>
      links.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() }))),
  };
}

describe('my persons', () => {
  for (const lang of ['sv', 'en']) {
    test(`/persons (${lang}) lists the team's persons without names or protected persons`, async (t) => {
      await h.withPage(t, coordinator(), async (page) => {
        await h.open(page, '/persons', { lang });
        await assertHeading(page, lang === 'sv' ? 'Mina personer' : /persons/i);
        const table = await page.locator('main table').innerText();
        assert.ok(table.includes('T. P.'), 'Testa Påhittsdotter (person 1) as initials');
        assert.ok(!table.includes('Påhittsdotter'), 'no names in the list');
        assert.ok(!table.includes('S. D.'), 'Skyddad Demoberg (protected, person 3) is never listed');
        assert.ok(!table.includes('E. F.'), 'Exempel Fiktivsson (person 2, off the team) is not listed');
        assert.ok(await page.locator('main table a[href^="/persons/"]').count() >= 3);
        await assertNoAxeViolations(page);
      });
    });
  }
});

describe('search, then register', () => {
  test('a search finds a person on the team; an unknown number finds nobody', async (t) => {
    await h.withPage(t, coordinator(), async (page) => {
      const found = await search(page, typed(syntheticPersonnummer(1001)));
      assert.equal(found.links.length, 1, `one match: ${found.text}`);
      assert.match(found.links[0].href, /^\/persons\/[^/]+$/);
      await assertNoAxeViolations(page);

      const none = await search(page, typed(syntheticPersonnummer(2501)), 'en');
      assert.equal(none.links.length, 0, 'no match');
      await assertNoAxeViolations(page);
    });
  });

  test('bad input: error summary linked to the fields, values kept; then a valid registration', async (t) => {
    await h.withPage(t, coordinator(), async (page) => {
      await h.open(page, '/persons/new');
      await assertHeading(page, 'Registrera en person');
      await assertNoAxeViolations(page);
      await page.locator('#kind-number').check();
      await page.locator('#identity_number').fill('1234');
      await page.locator('#given_name').fill('Webba');
      await page.locator('#family_name').fill('Webbläsarsdotter');
      const status = await h.submit(page, page.getByRole('button', { name: 'Registrera personen' }));
      assert.equal(status, 422);
      assert.equal(new URL(page.url()).pathname, '/persons/new');
      const messages = await assertErrorSummary(page);
      assert.ok(messages.length >= 1);
      const hrefs = await page.locator('.error-summary a').evaluateAll((links) =>
        links.map((a) => a.getAttribute('href')));
      assert.ok(hrefs.includes('#identity_number'), `the number is named: ${hrefs}`);
      assert.equal(await page.locator('#given_name').inputValue(), 'Webba', 'nothing typed is lost');
      assert.equal(await page.locator('#identity_number').inputValue(), '1234');
      await assertNoAxeViolations(page);

      const number = syntheticPersonnummer(2502);
      await page.locator('#identity_number').fill(typed(number));
      await h.submit(page, page.getByRole('button', { name: 'Registrera personen' }));
      assert.match(new URL(page.url()).pathname, /^\/persons\/[^/]+$/, 'on to the new person');
      await assertHeading(page, 'Webba Webbläsarsdotter');
      assert.match(await page.getByRole('status').first().innerText(), /registrerad/);
      await assertNoAxeViolations(page);

      // Registered once: searching again finds the person.
      const again = await search(page, typed(number));
      assert.equal(again.links.length, 1, 'the new person is found');
    }, { expectedStatus: 422 });
  });
});

describe('a person', () => {
  test('the identity number is masked until revealed (sv, then en)', async (t) => {
    const number = syntheticPersonnummer(1001);
    await h.withPage(t, coordinator(), async (page) => {
      const { links } = await search(page, typed(number));
      await h.open(page, links[0].href);
      await assertHeading(page, 'Testa Påhittsdotter');
      const shown = () => page.locator('#identity-number').innerText();
      assert.ok(!(await shown()).replace(/\D/g, '').endsWith(number.slice(-4)),
        `masked at first: ${await shown()}`);
      await assertNoAxeViolations(page);

      await h.submit(page, page.getByRole('button', { name: 'Visa hela numret' }));
      assert.equal((await shown()).replace(/\D/g, ''), number, 'the full number after reveal');
      assert.equal(await page.getByRole('button', { name: 'Visa hela numret' }).count(), 0);
      await assertNoAxeViolations(page);

      await h.open(page, links[0].href, { lang: 'en' });
      await assertHeading(page, 'Testa Påhittsdotter');
      await assertNoAxeViolations(page);
    });
  });

  for (const lang of ['sv', 'en']) {
    test(`a protected person the coordinator is named for: the warning (${lang})`, async (t) => {
      await h.withPage(t, coordinator(), async (page) => {
        const { links, text } = await search(page, typed(syntheticPersonnummer(1003)), lang);
        assert.equal(links.length, 1, `found: ${text}`);
        await h.open(page, links[0].href, { lang });
        const warning = page.locator('.notification--warning[role="alert"]');
        assert.equal(await warning.count(), 1, 'a protected-identity warning');
        const warningText = await warning.innerText();
        if (lang === 'sv') {
          assert.match(warningText, /Skyddade personuppgifter/);
          assert.match(warningText, /namngiven/);
        }
        await assertHeading(page, 'Skyddad Demoberg');
        await assertNoAxeViolations(page);
      });
    });
  }

  test('a protected person the coordinator is not named for: no link, no name', async (t) => {
    await h.withPage(t, coordinator(), async (page) => {
      const { links, text } = await search(page, typed(syntheticPersonnummer(1004)));
      assert.equal(links.length, 0, 'no way in from the search');
      assert.ok(!text.includes('Hemlig') && !text.includes('Provlund'), 'no name shown');
      assert.match(text, /skyddade personuppgifter/i);
      await assertNoAxeViolations(page);
    });
  });

  test('a person of another authority is not found (404 page)', async (t) => {
    await h.withPage(t, coordinator(), async (page) => {
      const { links } = await search(page, typed(syntheticPersonnummer(1005)));
      assert.equal(links.length, 0, 'Hisingen persons do not show up in Centrum');
      await h.open(page, '/persons/aaaaaaaaaaaaaaaaaaaaaaaaaa', { status: 404 });
      await assertNoAxeViolations(page);
    }, { expectedStatus: 404 });
  });
});

describe('changing a person and emergency access', () => {
  test('an edit is saved; a form left open meanwhile is a conflict showing both', async (t) => {
    const person = await demoPerson({ protectedIdentity: false, onTeam: true });
    await h.withPage(t, coordinator(), async (first) => {
      const second = await first.context().newPage();
      try {
        await h.open(first, `/persons/${person}/edit`);
        await assertHeading(first, 'Ändra uppgifter');
        await assertNoAxeViolations(first);
        await h.open(second, `/persons/${person}/edit`);

        await first.locator('#given_name').fill('Förnamnändrad');
        await h.submit(first, first.getByRole('button', { name: 'Spara ändringarna' }));
        assert.equal(new URL(first.url()).pathname, `/persons/${person}`);
        assert.match(await first.getByRole('status').first().innerText(), /Ändringarna är sparade/);
        assert.ok((await first.locator('main').innerText()).includes('Förnamnändrad'));
        await assertNoAxeViolations(first);

        // The second form still carries the old version: nothing is saved, both are shown.
        await second.locator('#given_name').fill('Andranamn');
        assert.equal(
          await h.submit(second, second.getByRole('button', { name: 'Spara ändringarna' })), 409);
        await assertHeading(second, 'Ändra uppgifter');
        const conflict = second.locator('#conflict');
        assert.match(await conflict.innerText(), /Någon annan har ändrat personen/);
        assert.ok((await conflict.innerText()).includes('Förnamnändrad'), 'what is saved now');
        assert.equal(await second.locator('#given_name').inputValue(), 'Andranamn', 'input kept');
        await assertNoAxeViolations(second);
      } finally {
        await second.close();
      }
    });
  });

  test('emergency access: a fresh code, a reason, then the warning on the person', async (t) => {
    const person = await demoPerson({ protectedIdentity: false, onTeam: false });
    await h.withPage(t, coordinator(), async (page) => {
      await h.open(page, `/persons/${person}`, { status: 404 });

      await ageSecondFactor(h.server, 'demo.coordinator', 10);
      await h.open(page, `/persons/${person}/emergency-access`);
      assert.equal(new URL(page.url()).pathname, '/account/confirm', 'asked for a new code');
      await assertNoAxeViolations(page);
      await page.getByLabel('Kod', { exact: true }).fill(await nextCode('demo.coordinator'));
      await h.submit(page, page.locator('main form button[type=submit]'));
      assert.equal(new URL(page.url()).pathname, `/persons/${person}/emergency-access`);
      await assertHeading(page, 'Begär nödåtkomst');
      await assertNoAxeViolations(page);

      // No reason chosen and too short a text: the error summary, the text kept.
      await page.locator('#reason_text').fill('kort');
      assert.equal(
        await h.submit(page, page.getByRole('button', { name: 'Öppna med nödåtkomst' })), 422);
      await assertErrorSummary(page);
      assert.equal(await page.locator('#reason_text').inputValue(), 'kort');
      await assertNoAxeViolations(page);

      await page.locator('#reason_category input[type="radio"]').first().check();
      await page.locator('#reason_text').fill('Akut läge, ansvarig handläggare nås inte (påhittat).');
      await h.submit(page, page.getByRole('button', { name: 'Öppna med nödåtkomst' }));
      assert.equal(new URL(page.url()).pathname, `/persons/${person}`);
      assert.match(await page.getByRole('status').first().innerText(), /nödåtkomst i fyra timmar/);
      assert.match(await page.locator('main').innerText(), /Nödåtkomst/);
      await assertNoAxeViolations(page);
    }, { expectedStatus: 404 });
  });
});

describe('header', () => {
  test('a coordinator sees Personer, not Administration or Logguppföljning', async (t) => {
    await h.withPage(t, coordinator(), async (page) => {
      await h.open(page, '/');
      const header = page.locator('header');
      assert.equal(await header.locator('a[href="/persons"]').innerText(), 'Personer');
      assert.equal(await header.locator('a[href="/admin"]').count(), 0);
      assert.equal(await header.locator('a[href="/audit"]').count(), 0);
      await h.open(page, '/persons');
      assert.equal(await header.locator('a[href="/persons"]').getAttribute('aria-current'), 'page');
    });
  });
});
