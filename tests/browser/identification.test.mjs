// Identification and referral in a real browser (issue 5, item 6): the school nurse
// (demo.school) records an anonymous youth screening whose answers give "clear concern" and,
// from its recommendation, files a report of concern to Centrum's intake; the intake worker
// (demo.intake) sees it in the queue, new and due for a protection assessment the same day,
// records the assessment and sends a referral to Barnahus; Barnahus (demo.barnahus) receives
// and accepts it; the exit coordinator (demo.coordinator) registers the person of the demo's
// accepted adult referral and opens the exit case from it, and the referral links the case.
// axe-core WCAG 2.1 AA on every page on the way. The public directory in three
// languages is directory.test.mjs. The steps share one report, so they run in order.
// Run: FYREN_BIN=... FYREN_DEMO_TEMPLATE=... node --test identification.test.mjs

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertHeading, assertNoAxeViolations, harness } from './signed_in.mjs';

const h = harness({ signedIn: ['demo.school', 'demo.intake', 'demo.barnahus', 'demo.coordinator'] });
const nurse = () => h.as['demo.school'];
const intake = () => h.as['demo.intake'];
const barnahus = () => h.as['demo.barnahus'];
const coordinator = () => h.as['demo.coordinator'];

const kConcern = 'Eleven berättar om en vuxen från nätet som ger pengar för bilder (påhittat).';
const kAssessmentNote = 'Eleven bor hemma och vårdnadshavare är inte inblandade (påhittat).';
const kReferralMessage = 'Vi ber om samråd på Barnahus inför polisanmälan (påhittat).';

// The youth set's answers, by item: "yes" to the two items that weigh most (a red flag among
// them), the safest answer to every other. The server computes the level, not this test.
const kAnswers = {
  sex_for_something: 'yes',
  online_adult_contact: 'yes',
  gifts_from_older: 'no',
  images_under_pressure: 'no',
  images_spread: 'no',
  meets_strangers: '0',
  away_from_home: 'no',
  asked_to_recruit: 'no',
  shared_images_of_others: 'no',
  feels_safe: 'safe',
};

const state = { screeningHref: null, reference: null, reportHref: null, referralHref: null };

describe('a youth screening, a report of concern and a referral to Barnahus', () => {
  test('the school nurse records a youth screening with clear concern', async (t) => {
    await h.withPage(t, nurse(), async (page) => {
      await h.open(page, '/screenings/new');
      await assertNoAxeViolations(page);
      await h.submit(page, page.locator('a[href="/screenings/new/youth"]'));
      await assertNoAxeViolations(page);

      // Unanswered required items: a message per item, nothing recorded.
      await page.locator('#subject_kind input[type="radio"]').first().check();
      await page.locator('#age_band').selectOption('13_15');
      await page.locator('#gender').selectOption('not_stated');
      await page.locator('#setting').selectOption('school');
      await h.submit(page, page.getByRole('button', { name: 'Spara kartläggningen' }));
      assert.match(new URL(page.url()).pathname, /^\/screenings\/new\/youth$/);
      const summary = page.locator('.error-summary');
      assert.ok((await summary.locator('a').count()) >= Object.keys(kAnswers).length,
        'one message per unanswered item');
      await assertNoAxeViolations(page);

      for (const [item, answer] of Object.entries(kAnswers)) {
        await page.locator(`[id="${item}-${answer}"]`).check();
      }
      await h.submit(page, page.getByRole('button', { name: 'Spara kartläggningen' }));
      assert.match(new URL(page.url()).pathname, /^\/screenings\/[a-z2-7]{26}$/);
      state.screeningHref = new URL(page.url()).pathname;
      assert.match(await page.locator('#level-heading').innerText(), /Tydlig oro/);
      await assertNoAxeViolations(page);
    });
  });

  test('the nurse files a report of concern from the screening and gets a receipt', async (t) => {
    assert.ok(state.screeningHref, 'a screening from the step before');
    await h.withPage(t, nurse(), async (page) => {
      await h.open(page, state.screeningHref);
      await h.submit(page, page.locator('a[href^="/concerns/new?screening="]').first());
      await assertHeading(page, 'Gör en orosanmälan om ett barn');
      await assertNoAxeViolations(page);

      // Without a way to reach the reporter the report is refused, per field.
      await page.locator('#district').selectOption('centrum');
      await page.locator('#child_description').fill('Elev i årskurs 8, 14 år (påhittat).');
      await page.locator('#concern_text').fill(kConcern);
      await h.submit(page, page.getByRole('button', { name: 'Skicka anmälan' }));
      assert.equal(new URL(page.url()).pathname, '/concerns/new');
      assert.ok(await page.locator('.error-summary').isVisible(), 'an error summary');
      await assertNoAxeViolations(page);

      await page.locator('#reporter_phone').fill('031-00 00 00');
      await h.submit(page, page.getByRole('button', { name: 'Skicka anmälan' }));
      assert.match(new URL(page.url()).pathname, /^\/concerns\/receipts\/[a-z2-7]{26}$/);
      await assertHeading(page, 'Kvitto på din orosanmälan');
      state.reference = /OA-CEN-\d{4}-\d{4}/.exec(await page.locator('main').innerText())?.[0];
      assert.ok(state.reference, 'the receipt names the reference');
      await assertNoAxeViolations(page);
    });
  });

  test('intake sees it due the same day, assesses and refers to Barnahus', async (t) => {
    assert.ok(state.reference, 'a report from the step before');
    await h.withPage(t, intake(), async (page) => {
      await h.open(page, '/intake');
      const row = page.locator('main table tr', { hasText: state.reference });
      assert.equal(await row.count(), 1, 'the new report is in the queue');
      const text = await row.innerText();
      assert.match(text, /Ny/, 'flagged as new');
      assert.match(text, /Skyddsbedömning samma dag: Pågår/, 'the protection assessment is due');
      await assertNoAxeViolations(page);

      await h.submit(page, row.locator('a').first());
      state.reportHref = new URL(page.url()).pathname;
      await assertHeading(page, `Orosanmälan ${state.reference}`);
      assert.ok((await page.locator('main').innerText()).includes(kConcern), 'the concern');
      await assertNoAxeViolations(page);

      await page.locator('#outcome-no_immediate_protection').check();
      await page.locator('#note').fill(kAssessmentNote);
      await h.submit(page, page.getByRole('button', { name: 'Spara skyddsbedömningen' }));
      assert.match(await page.getByRole('status').first().innerText(),
        /Skyddsbedömningen är sparad/);
      const deadlines = await page.locator('main').innerText();
      assert.match(deadlines, /Skyddsbedömning samma dag[\s\S]*Klar/, 'the deadline is met');
      await assertNoAxeViolations(page);

      await h.submit(page, page.getByRole('link', { name: 'Skicka till Barnahus' }));
      assert.equal(new URL(page.url()).pathname, '/referrals/new');
      assert.ok(await page.locator('#kind-child_abuse').isChecked(), 'Barnahus kind chosen');
      await assertNoAxeViolations(page);
      // Barnahus is the one recipient of that kind.
      const barnahusOption = page.locator('#recipient option', { hasText: /Barnahus/ });
      await page.locator('#recipient').selectOption(await barnahusOption.first().getAttribute('value'));
      await page.locator('#message').fill(kReferralMessage);
      await h.submit(page, page.getByRole('button', { name: 'Skicka remissen' }));
      assert.match(new URL(page.url()).pathname, /^\/referrals\/[a-z2-7]{26}$/);
      state.referralHref = new URL(page.url()).pathname;
      assert.match(await page.getByRole('status').first().innerText(), /Remissen är skickad/);
      await assertNoAxeViolations(page);
    });
  });

  test('Barnahus receives the referral and accepts it', async (t) => {
    assert.ok(state.referralHref, 'a referral from the step before');
    await h.withPage(t, barnahus(), async (page) => {
      await h.open(page, '/referrals');
      const link = page.locator(`main a[href="${state.referralHref}"]`);
      assert.equal(await link.count(), 1, 'listed among the received referrals');
      await assertNoAxeViolations(page);

      await h.submit(page, link);
      assert.ok((await page.locator('main').innerText()).includes(kReferralMessage));
      await assertNoAxeViolations(page);
      // Declining needs a reason: the form says so.
      await page.locator('#status-declined').check();
      await h.submit(page, page.getByRole('button', { name: 'Spara svaret' }));
      assert.ok(await page.locator('.error-summary').isVisible(), 'a reason is asked for');
      await assertNoAxeViolations(page);

      await page.locator('#status-accepted').check();
      await h.submit(page, page.getByRole('button', { name: 'Spara svaret' }));
      assert.match(await page.getByRole('status').first().innerText(), /Statusen är sparad/);
      assert.match(await page.locator('main dl').innerText(), /Accepterad/, 'accepted');
      await assertNoAxeViolations(page);
    });
    // The intake worker sees the answer on the referral they sent.
    await h.withPage(t, intake(), async (page) => {
      await h.open(page, state.referralHref);
      assert.match(await page.locator('main dl').innerText(), /Accepterad/);
    });
  });

  // The demo data's accepted adult referral (content/demo/referrals.toml) becomes an exit case.
  test('The exit coordinator continues an accepted adult referral in an exit case', async (t) => {
    await h.withPage(t, coordinator(), async (page) => {
      await h.open(page, '/referrals');
      const row = page.locator('main tbody tr', { hasText: 'Accepterad' }).filter({ hasText: /Vuxen/ });
      await h.submit(page, row.first().locator('a'));
      const referralPath = new URL(page.url()).pathname;
      await h.submit(page, page.getByRole('link', { name: 'Registrera personen och öppna ett exit-ärende' }));
      assert.equal(new URL(page.url()).pathname, '/persons/new');
      assert.match(await page.locator('main').innerText(), /Vill bli kontaktad via skolsköterskan/);
      await assertNoAxeViolations(page);
      await page.locator('#kind-alias').check();
      await page.locator('#alias').fill('Remissen');
      await page.locator('#given_name').fill('Påhittad');
      await page.locator('#family_name').fill('Remissdotter');
      await page.locator('#birth_year').fill('2006');
      await h.submit(page, page.getByRole('button', { name: 'Registrera personen', exact: true }));
      if (new URL(page.url()).pathname === '/persons/new') {
        assert.fail(`registration refused: ${await page.locator('.error-summary').innerText()}`);
      }
      assert.match(new URL(page.url()).pathname, /^\/persons\/[a-z2-7]{26}\/cases\/new$/);
      await assertNoAxeViolations(page);
      await h.submit(page, page.getByRole('button', { name: 'Öppna ärendet' }));
      const casePath = new URL(page.url()).pathname;
      assert.match(casePath, /^\/cases\/[a-z2-7]{26}$/);
      assert.match(await page.locator('main').innerText(), /Startat från remiss/);
      await assertNoAxeViolations(page);
      await h.open(page, referralPath);
      assert.equal(await page.locator(`main a[href="${casePath}"]`).count(), 1, 'the case is linked');
      assert.match(await page.locator('main').innerText(), /Exit-ärende öppnat:/);
      await assertNoAxeViolations(page);
    });
  });
});
