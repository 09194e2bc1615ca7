// The exit case end to end in a real browser (issue 4, item 8): demo.coordinator (Centrum)
// registers a person, opens an exit case, records consent (SIP planning; sharing goals and
// interventions, not meetings, with the demo partner NGO-A), makes a SIP with three interventions
// from three actors, ends economic assistance with "income from a sex buyer" and confirms the
// continuity guard, prints the plan (sv, en); demo.partner (NGO-A) sees only the consented parts
// under "Delat med oss", and nothing once the coordinator has withdrawn the sharing consent.
// axe-core WCAG 2.1 AA on the case list, case page, SIP editor (with the guard), SIP page, print
// view and the partner's shared pages. The steps share one case, so they run in order.
// Run: FYREN_BIN=... FYREN_DEMO_TEMPLATE=... node --test exit_case.test.mjs

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  assertHeading, assertNoAxeViolations, harness, syntheticPersonnummer, typed,
} from './signed_in.mjs';

const h = harness({ signedIn: ['demo.coordinator', 'demo.partner'] });
const coordinator = () => h.as['demo.coordinator'];
const partner = () => h.as['demo.partner'];

const kUnit = 'Samordnare för vuxna som vill lämna prostitution, Centrum';  // CEN-SAM
const kRegion = 'Västra Götalandsregionen, hälso- och sjukvård';            // VGR
const kNgo = 'Stödföreningen Fyrljuset (påhittad)';                         // NGO-A
const kGoal = 'Jag vill ha ett eget hem och en inkomst som ingen kan ta ifrån mig';
const kNeed = 'Försörjning under övergången';
const kMeetingNote = 'Mötesanteckning som inte får delas';

// The fields of the SIP editor have ids like `interventions[0].status`.
const field = (page, id) => page.locator(`[id="${id}"]`);

// What the steps hand on to each other.
const state = { caseHref: null, caseNumber: null, sharedHref: null };

describe('an exit case, from registration to withdrawn sharing', () => {
  test('the coordinator searches, registers a person and opens a case', async (t) => {
    const number = typed(syntheticPersonnummer(2701));
    await h.withPage(t, coordinator(), async (page) => {
      await h.open(page, `/persons/new?query=${encodeURIComponent(number)}`);
      const matches = page.locator('section[aria-labelledby="matches-heading"]');
      assert.equal(await matches.locator('a').count(), 0, 'nobody with that number yet');
      await page.locator('#kind-number').check();
      await page.locator('#identity_number').fill(number);
      await page.locator('#given_name').fill('Utta');
      await page.locator('#family_name').fill('Vägsdotter');
      await h.submit(page, page.getByRole('button', { name: 'Registrera personen' }));
      assert.match(new URL(page.url()).pathname, /^\/persons\/[^/]+$/, 'on to the new person');
      await assertHeading(page, 'Utta Vägsdotter');

      await h.submit(page, page.getByRole('link', { name: 'Öppna ett ärende för personen' }));
      assert.match(new URL(page.url()).pathname, /^\/persons\/[^/]+\/cases\/new$/);
      await assertHeading(page, 'Öppna ett ärende');
      await assertNoAxeViolations(page);
      await h.submit(page, page.getByRole('button', { name: 'Öppna ärendet' }));
      assert.match(new URL(page.url()).pathname, /^\/cases\/[^/]+$/, 'on to the new case');
      await assertHeading(page, /^Ärende CEN-\d{4}-\d{4}$/);
      state.caseNumber = /CEN-\d{4}-\d{4}/.exec(await page.locator('h1').innerText())[0];
      state.caseHref = new URL(page.url()).pathname;
      assert.match(await page.getByRole('status').first().innerText(), /Ärendet är öppnat/);
      await assertNoAxeViolations(page);

      // The case list names the case by number and initials.
      for (const lang of ['sv', 'en']) {
        await h.open(page, '/cases', { lang });
        const row = page.locator('main table tr', { hasText: state.caseNumber });
        assert.equal(await row.count(), 1, `the new case is listed (${lang})`);
        assert.ok((await row.innerText()).includes('U. V.'), 'initials, not the name');
        assert.ok(!(await page.locator('main').innerText()).includes('Vägsdotter'), 'no names');
        await assertNoAxeViolations(page);
      }
    });
  });

  test('the coordinator records consent: SIP planning, and sharing with NGO-A', async (t) => {
    assert.ok(state.caseHref, 'a case from the step before');
    await h.withPage(t, coordinator(), async (page) => {
      await h.open(page, state.caseHref);
      assert.match(await page.locator('main').innerText(), /Det finns inget giltigt samtycke/);

      await page.getByLabel('Planering av SIP', { exact: true }).check();
      await page.getByLabel('Skriftligt', { exact: true }).check();
      await h.submit(page, page.getByRole('button', { name: 'Registrera samtycket' }));
      assert.equal(new URL(page.url()).pathname, state.caseHref);
      assert.match(await page.getByRole('status').first().innerText(), /Samtycket är registrerat/);

      await page.getByLabel('Delning med en organisation', { exact: true }).check();
      await page.getByLabel('Organisation att dela med', { exact: true }).selectOption({ label: kNgo });
      await page.getByLabel('Mål', { exact: true }).check();
      await page.getByLabel('Insatser', { exact: true }).check();
      assert.equal(await page.getByLabel('Möten', { exact: true }).isChecked(), false);
      await page.getByLabel('Muntligt', { exact: true }).check();
      await h.submit(page, page.getByRole('button', { name: 'Registrera samtycket' }));
      assert.match(await page.getByRole('status').first().innerText(), /Samtycket är registrerat/);

      const now = await page.locator('ul[aria-labelledby="consent-now-heading"]').innerText();
      assert.match(now, /Planering av SIP/);
      assert.match(now, /Delning med en organisation: Stödföreningen Fyrljuset \(påhittad\) – får se/);
      const sharing = now.split('\n').find((line) => line.includes(kNgo));
      assert.match(sharing, /Mål/);
      assert.match(sharing, /Insatser/);
      assert.doesNotMatch(sharing, /Möten/, 'meetings are not shared');
      await assertNoAxeViolations(page);
      await h.open(page, state.caseHref, { lang: 'en' });
      await assertNoAxeViolations(page);
    });
  });

  test('the coordinator makes a SIP with three interventions from three actors', async (t) => {
    assert.ok(state.caseHref, 'a case from the step before');
    await h.withPage(t, coordinator(), async (page) => {
      await h.open(page, `${state.caseHref}/sip`);
      await h.submit(page, page.getByRole('link', { name: 'Gör en plan' }));
      assert.equal(new URL(page.url()).pathname, `${state.caseHref}/sip/edit`);
      await assertHeading(page, `Ändra planen för ärende ${state.caseNumber}`);
      await assertNoAxeViolations(page);

      // First the goal, a need, the three actors and a meeting; "add another" keeps what was typed.
      await field(page, 'goals[0].text').fill(kGoal);
      await field(page, 'needs[0].text').fill(kNeed);
      await field(page, 'actors[0].kind').selectOption('unit');
      await field(page, 'actors[0].organisation_id').selectOption({ label: kUnit });
      await field(page, 'actors[0].contact_role').fill('samordnare');
      await h.submit(page, page.getByRole('button', { name: 'Lägg till en aktör till' }));
      assert.equal(await field(page, 'goals[0].text').inputValue(), kGoal, 'nothing typed is lost');
      await field(page, 'actors[1].kind').selectOption('organisation');
      await field(page, 'actors[1].organisation_id').selectOption({ label: kRegion });
      await h.submit(page, page.getByRole('button', { name: 'Lägg till en aktör till' }));
      await field(page, 'actors[2].kind').selectOption('organisation');
      await field(page, 'actors[2].organisation_id').selectOption({ label: kNgo });
      await field(page, 'actors[2].contact_role').fill('stödperson');
      await field(page, 'meetings[0].held_on').fill('2026-01-12');
      await field(page, 'meetings[0].note').fill(kMeetingNote);
      await h.submit(page, page.getByRole('button', { name: 'Spara planen' }));
      assert.equal(new URL(page.url()).pathname, `${state.caseHref}/sip`, 'saved: on to the plan');
      assert.match(await page.getByRole('status').first().innerText(), /Planen är sparad/);

      // Then the interventions: the actors now have keys and are choices.
      await h.submit(page, page.getByRole('link', { name: 'Ändra planen' }));
      const interventions = [
        // An actor is named by its organisation and, when there is one, its contact role.
        ['economic_assistance', `${kUnit} (samordnare)`, '2026-01-12', '2026-07-31'],
        ['health_care', kRegion, '2026-01-20', ''],
        ['ngo_support', `${kNgo} (stödperson)`, '2026-01-15', ''],
      ];
      for (const [i, [code, actor, starts, ends]] of interventions.entries()) {
        if (i > 0) await h.submit(page, page.getByRole('button', { name: 'Lägg till en insats till' }));
        const row = `interventions[${i}]`;
        await field(page, `${row}.catalogue_code`).selectOption(code);
        await field(page, `${row}.actor_key`).selectOption({ label: actor });
        await field(page, `${row}.starts_on`).fill(starts);
        await field(page, `${row}.planned_end_on`).fill(ends);
        await field(page, `${row}.status`).selectOption('active');
      }
      await page.getByLabel('Vad ändrade du? (frivilligt)').fill('Insatserna från SIP-mötet');
      await h.submit(page, page.getByRole('button', { name: 'Spara planen' }));
      assert.equal(new URL(page.url()).pathname, `${state.caseHref}/sip`, 'saved: on to the plan');
      await assertHeading(page, `Samordnad individuell plan (SIP) för ärende ${state.caseNumber}`);

      const table = await page.locator('section[aria-labelledby="sip-interventions-heading"] table').innerText();
      for (const text of ['Ekonomiskt bistånd', 'Hälso- och sjukvård', 'Stöd från idéburen organisation',
        kUnit, kRegion, kNgo]) {
        assert.ok(table.includes(text), `the plan shows ${text}`);
      }
      assert.equal((table.match(/Pågår/g) ?? []).length, 3, 'three active interventions');
      assert.ok((await page.locator('main').innerText()).includes(kGoal));
      assert.ok((await page.locator('section[aria-labelledby="sip-meetings-heading"]').innerText())
        .includes(kMeetingNote), 'the meeting is in the plan (and so must be kept from the partner)');
      await assertNoAxeViolations(page);
      await h.open(page, `${state.caseHref}/sip`, { lang: 'en' });
      await assertNoAxeViolations(page);
    });
  });

  test('ending economic assistance for income from a sex buyer shows the continuity guard', async (t) => {
    assert.ok(state.caseHref, 'a case from the step before');
    await h.withPage(t, coordinator(), async (page) => {
      await h.open(page, `${state.caseHref}/sip/edit`);
      assert.equal(await field(page, 'interventions[0].catalogue_code').inputValue(), 'economic_assistance');
      await field(page, 'interventions[0].status').selectOption('ended');
      await field(page, 'interventions[0].status_reason').selectOption({ label: 'Inkomst från sexköpare' });
      await h.submit(page, page.getByRole('button', { name: 'Spara planen' }));

      // Not saved yet: the editor again, with the guard on top.
      assert.equal(new URL(page.url()).pathname, `${state.caseHref}/sip/edit`);
      const guard = page.locator('.guard[role="alert"]');
      assert.equal(await guard.count(), 1, 'the continuity guard');
      const text = await guard.innerText();
      assert.match(text, /Insatser som hänger ihop/);
      assert.match(text, /Ekonomiskt bistånd: Avslutad – Inkomst från sexköpare/);
      assert.match(text, /Insatser som påverkas/);
      const dependents = await guard.locator('ul li').allInnerTexts();
      assert.deepEqual(dependents.map((d) => d.trim()).sort(),
        ['Hälso- och sjukvård', 'Stöd från idéburen organisation'].sort(),
        'the running interventions rest on the foundation');
      assert.match(text, /Lagen hindrar inte att ekonomiskt bistånd beviljas/,
        'the guidance on income from a sex buyer');
      assert.match(text, /Andra insatser vilar på den här/, 'the guidance on a foundation');
      assert.equal(await field(page, 'interventions[0].status').inputValue(), 'ended', 'the change is kept');
      await assertNoAxeViolations(page);

      await h.submit(page, page.getByRole('button', { name: 'Jag har läst vägledningen – spara ändringen' }));
      assert.equal(new URL(page.url()).pathname, `${state.caseHref}/sip`, 'confirmed: saved');
      assert.match(await page.getByRole('status').first().innerText(), /Planen är sparad/);
      const row = page.locator('section[aria-labelledby="sip-interventions-heading"] tr',
        { hasText: 'Ekonomiskt bistånd' });
      assert.match(await row.innerText(), /Avslutad – Inkomst från sexköpare/);
      await assertNoAxeViolations(page);
    });
  });

  for (const lang of ['sv', 'en']) {
    test(`the print view of the plan (${lang})`, async (t) => {
      assert.ok(state.caseHref, 'a case from the step before');
      await h.withPage(t, coordinator(), async (page) => {
        await h.open(page, `${state.caseHref}/sip/print`, { lang });
        await assertHeading(page, lang === 'sv' ? 'Min samordnade individuella plan'
          : 'My coordinated individual plan');
        const main = await page.locator('main').innerText();
        assert.ok(main.includes(kGoal), 'the goal, in the person\'s own words');
        for (const name of lang === 'sv'
          ? ['Ekonomiskt bistånd', 'Hälso- och sjukvård', 'Stöd från idéburen organisation']
          : ['Economic assistance', 'Health care', 'Support from a non-profit organisation']) {
          assert.ok(main.includes(name), `the print shows ${name}`);
        }
        assert.ok(!main.includes('Vägsdotter'), 'no identity on the plan');
        await assertNoAxeViolations(page);
      });
    });
  }

  test('the partner sees the case with the consented parts only', async (t) => {
    assert.ok(state.caseNumber, 'a case from the step before');
    await h.withPage(t, partner(), async (page) => {
      await h.open(page, '/');
      await h.submit(page, page.locator('header').getByRole('link', { name: 'Delat med oss' }));
      assert.equal(new URL(page.url()).pathname, '/shared/cases');
      await assertHeading(page, 'Delat med oss');
      const link = page.getByRole('link', { name: state.caseNumber, exact: true });
      assert.equal(await link.count(), 1, 'the case is listed');
      const row = await page.locator('main tr', { hasText: state.caseNumber }).innerText();
      assert.match(row, /Mål/);
      assert.doesNotMatch(row, /Möten/);
      await assertNoAxeViolations(page);

      await h.submit(page, link);
      state.sharedHref = new URL(page.url()).pathname;
      assert.match(state.sharedHref, /^\/shared\/cases\/[^/]+$/);
      await assertHeading(page, `Ärende ${state.caseNumber}`);
      const main = await page.locator('main').innerText();
      const headings = (await page.locator('main h2').allInnerTexts()).map((s) => s.trim());
      assert.ok(headings.includes('Mål'), `goals shown: ${headings}`);
      assert.ok(headings.includes('Insatser'), `interventions shown: ${headings}`);
      assert.ok(!headings.includes('SIP-möten'), `meetings not shown: ${headings}`);
      assert.ok(main.includes(kGoal), 'the goal');
      assert.ok(main.includes(`Behov: ${kNeed}`), 'the need goes with the goals');
      assert.ok(main.includes('Hälso- och sjukvård'), 'the interventions');
      assert.ok(!main.includes(kMeetingNote), 'no meeting note');
      assert.ok(!main.includes('Vägsdotter') && !main.includes('Utta'), 'no name');
      await assertNoAxeViolations(page);
      await h.open(page, state.sharedHref, { lang: 'en' });
      await assertNoAxeViolations(page);
    });
  });

  test('after the coordinator withdraws the sharing consent, the partner sees nothing', async (t) => {
    assert.ok(state.sharedHref, 'a shared page from the step before');
    await h.withPage(t, coordinator(), async (page) => {
      await h.open(page, state.caseHref);
      await h.submit(page, page.getByRole('button', { name: /^Återkalla .*Stödföreningen Fyrljuset/ }));
      assert.equal(new URL(page.url()).pathname, state.caseHref);
      assert.match(await page.getByRole('status').first().innerText(), /Delningen har upphört/);
      const now = await page.locator('ul[aria-labelledby="consent-now-heading"]').innerText();
      assert.ok(!now.includes(kNgo), 'no active sharing');
      assert.match(now, /Planering av SIP/, 'the planning consent stays');
      const past = await page.locator('ul[aria-labelledby="consent-past-heading"]').innerText();
      assert.match(past, /Stödföreningen Fyrljuset.*återkallat/);
      await assertNoAxeViolations(page);
    });
    await h.withPage(t, partner(), async (page) => {
      await h.open(page, '/shared/cases');
      assert.equal(await page.getByRole('link', { name: state.caseNumber }).count(), 0,
        'no longer listed');
      await assertNoAxeViolations(page);
      await h.open(page, state.sharedHref, { status: 404 });
      assert.ok(!(await page.locator('main').innerText()).includes(kGoal), 'nothing of the plan');
      await assertNoAxeViolations(page);
    }, { expectedStatus: 404 });
  });
});
