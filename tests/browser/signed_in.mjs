// Shared by the browser tests of the signed-in pages (sign_in, admin, log_review, persons):
// one `fyren serve` and one Chromium per test file, demo users signed in with password + TOTP,
// pages checked for console errors, CSP violations, failed subresources and axe-core WCAG 2.1 AA.
//
//   const h = harness({ signedIn: ['demo.authority'] });  // before()/after() for this file
//   await h.withPage(t, h.as['demo.authority'], async (page) => {
//     await h.open(page, '/admin'); ... });
//
// TOTP codes are computed here (RFC 6238: SHA-1, 30 s, 6 digits) from the secrets in
// content/demo/users.toml, the same file `fyren demo-data` reads. The server accepts a code for
// one step either way of now, but never a step at or before the last one it accepted for that
// user (replay protection), so `nextCode` hands out increasing steps and waits only when it has
// run ahead of the clock.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';

import { launchChromium } from './chromium.mjs';
import { startFyren } from './server.mjs';

const execFileAsync = promisify(execFile);
const kRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const kAxeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const kStepSeconds = 30;

// The demo users file is TOML; only `password = "..."` and the `username` / `totp_secret` lines
// of each [[user]] table are needed, so a line scan does without a TOML dependency.
function loadDemoUsers() {
  const text = readFileSync(join(kRoot, 'content', 'demo', 'users.toml'), 'utf8');
  const password = /^password\s*=\s*"([^"]+)"/m.exec(text)?.[1];
  const users = new Map();
  let current = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '[[user]]') current = {};
    const field = /^(\w+)\s*=\s*"([^"]*)"/.exec(line.trim());
    if (current && field) {
      current[field[1]] = field[2];
      if (current.username && current.totp_secret) users.set(current.username, current);
    }
  }
  assert.ok(password, 'content/demo/users.toml names the demo password');
  return { password, users };
}

export const demo = loadDemoUsers();

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function totpAt(secretBase32, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const currentStep = () => Math.floor(Date.now() / 1000 / kStepSeconds);

// Per user, the last step handed out in this process (one server per file: a fresh database).
const lastStep = new Map();

// A code the server has not seen yet for `username`: the current step, else the next one (still
// inside the server's one-step window), else wait for the clock to catch up.
export async function nextCode(username) {
  const user = demo.users.get(username);
  assert.ok(user, `${username} is a demo user`);
  let step = Math.max(currentStep(), (lastStep.get(username) ?? 0) + 1);
  while (step > currentStep() + 1) {
    await sleep((kStepSeconds * 1000) - (Date.now() % (kStepSeconds * 1000)) + 50);
    step = Math.max(currentStep(), (lastStep.get(username) ?? 0) + 1);
  }
  lastStep.set(username, step);
  return totpAt(user.totp_secret, step);
}

// `signedIn` names demo users to sign in once, before the first test (one hook: Node 20 does not
// wait for one root-level before() hook before it starts the next); their contexts are in
// h.as[username].
export function harness({ signedIn = [] } = {}) {
  const h = { server: null, browser: null, as: {} };
  let screenshotDir = null;
  let screenshotCount = 0;

  before(async () => {
    h.server = await startFyren();
    h.browser = await launchChromium();
    for (const username of signedIn) h.as[username] = await h.signIn(username);
  });
  after(async () => {
    await h.browser?.close();
    await h.server?.stop();
  });

  // A Swedish browser, so that an Accept-Language fallback cannot mask a wrong default.
  h.newContext = async () => {
    const context = await h.browser.newContext({ locale: 'sv-SE' });
    context.setDefaultTimeout(10_000);
    return context;
  };

  // Signs `username` in through the forms (password, then TOTP) in a fresh context and returns
  // the context, which keeps the session cookie for the rest of the file.
  h.signIn = async (username) => {
    const context = await h.newContext();
    const page = await context.newPage();
    try {
      await h.open(page, '/sign-in');
      await page.getByLabel('Användarnamn', { exact: true }).fill(username);
      await page.getByLabel('Lösenord', { exact: true }).fill(demo.password);
      await h.submit(page, page.getByRole('button', { name: 'Fortsätt', exact: true }));
      assert.equal(new URL(page.url()).pathname, '/sign-in/code', 'password accepted');
      await page.getByLabel('Kod', { exact: true }).fill(await nextCode(username));
      await h.submit(page, page.getByRole('button', { name: 'Logga in', exact: true }));
      assert.equal(new URL(page.url()).pathname, '/', `${username} is signed in`);
    } finally {
      await page.close();
    }
    return context;
  };

  // Runs `body` with a new page in `context`. Afterwards the page must have logged no console
  // error and no CSP violation, and every subresource must have loaded. On failure a screenshot
  // goes to a temp dir outside the repository and its path is reported.
  h.withPage = async (t, context, body, { expectedStatus = 200 } = {}) => {
    const page = await context.newPage();
    const problems = [];
    page.on('console', (message) => {
      const text = message.text();
      // Chromium logs a document's own 4xx status as a console error; a form redisplayed with
      // its error summary (422, 401) or an expected denial is not a problem.
      const ownStatus = text.startsWith('Failed to load resource') &&
        message.location().url === page.url() && /status of 4\d\d/.test(text) &&
        (expectedStatus !== 200 || /status of (401|422)/.test(text));
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
      await body(page);
      assert.deepEqual(problems, [], 'console errors, CSP violations or failed subresources');
    } catch (error) {
      await saveScreenshot(t, page);
      throw error;
    } finally {
      await page.close();
    }
  };

  async function saveScreenshot(t, page) {
    try {
      screenshotDir ??= mkdtempSync(join(tmpdir(), 'fyren-screenshots-'));
      const slug = t.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
      const file = join(screenshotDir, `${++screenshotCount}-${slug}.png`);
      await page.screenshot({ path: file, fullPage: true });
      t.diagnostic(`screenshot: ${file} (${page.url()})`);
    } catch (error) {
      t.diagnostic(`no screenshot: ${error.message}`);
    }
  }

  // Opens `path` in `lang` (?lang= is explicit every time, because the choice sticks in a cookie
  // of the shared context) and checks the status and <html lang>.
  h.open = async (page, path, { lang = 'sv', status = 200 } = {}) => {
    const url = new URL(path, h.server.base);
    url.searchParams.set('lang', lang);
    const response = await page.goto(url.toString(), { waitUntil: 'load' });
    assert.equal(response.status(), status, `status of ${path}`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang, '<html lang>');
    return response;
  };

  // Clicks (or presses Enter on) something that submits a form or follows a link, and waits for
  // the next document, however many redirects lie between. Returns the final response status.
  h.submit = async (page, locator, { key = null } = {}) => {
    const [response] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      key ? page.keyboard.press(key) : locator.click(),
    ]);
    return response?.status() ?? null;
  };

  return h;
}

export async function assertNoAxeViolations(page) {
  // Only violations are collected (passes cost time). options() replaces what withTags() would
  // set, so the tags go in here too.
  const results = await new AxeBuilder({ page })
    .options({ runOnly: { type: 'tag', values: kAxeTags }, resultTypes: ['violations'] })
    .analyze();
  const summary = results.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `axe-core violations on ${page.url()}`);
}

// Exactly one <h1> with this text (or matching this RegExp) and a non-empty <title>.
export async function assertHeading(page, expected) {
  const headings = await page.locator('h1').allInnerTexts();
  assert.equal(headings.length, 1, `exactly one h1 on ${page.url()}: ${JSON.stringify(headings)}`);
  if (expected instanceof RegExp) assert.match(headings[0].trim(), expected);
  else assert.equal(headings[0].trim(), expected);
  assert.notEqual((await page.title()).trim(), '', 'a non-empty <title>');
}

// An error summary (GOV.UK pattern): role=alert, focusable (tabindex=-1) and every link points
// at a field on the page; following a link puts focus on that field. Returns the messages.
export async function assertErrorSummary(page) {
  const summary = page.locator('.error-summary');
  assert.equal(await summary.count(), 1, 'one error summary');
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.equal(await summary.getAttribute('tabindex'), '-1', 'the summary is focusable');
  await summary.focus();
  assert.ok(await summary.evaluate((el) => el === document.activeElement), 'focus on the summary');
  // The summary comes before the form, so Tab from it lands on its first link.
  const links = summary.locator('a');
  const count = await links.count();
  assert.ok(count >= 1, 'the summary lists at least one error');
  const messages = [];
  for (let i = 0; i < count; ++i) {
    const link = links.nth(i);
    messages.push((await link.innerText()).trim());
    const id = (await link.getAttribute('href')).replace(/^#/, '');
    const field = page.locator(`[id="${id}"]`);
    assert.equal(await field.count(), 1, `the summary links to #${id}, which exists`);
    const described = await field.evaluate((el) => {
      // A fieldset (radio group) carries the description itself; an input points at its message.
      const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/);
      return ids.some((ref) => document.getElementById(ref)?.classList.contains('field-error'));
    });
    assert.ok(described, `#${id} is described by its error message`);
  }
  await summary.focus();
  await page.keyboard.press('Tab');
  assert.ok(await links.first().evaluate((el) => el === document.activeElement),
    'Tab from the summary reaches its first link');
  await page.keyboard.press('Enter');
  const firstId = (await links.first().getAttribute('href')).slice(1);
  const active = await page.evaluate(() => document.activeElement?.id ?? '');
  // A link to a fieldset focuses nothing focusable; the browser then scrolls to it only.
  const firstIsFieldset = await page.locator(`[id="${firstId}"]`).evaluate((el) => el.tagName === 'FIELDSET');
  if (!firstIsFieldset) assert.equal(active, firstId, 'following the link focuses the field');
  return messages;
}

// MakeSyntheticPersonnummer: a birth date in 2090-2099 (serial / 999 days after 2090-01-01),
// birth number serial % 999 + 1, Luhn check digit over the ten digits after "20".
export function syntheticPersonnummer(serial) {
  const date = new Date(Date.UTC(2090, 0, 1) + Math.floor(serial / 999) * 86_400_000);
  const two = (n) => String(n).padStart(2, '0');
  const nine = `${two(date.getUTCFullYear() % 100)}${two(date.getUTCMonth() + 1)}` +
    `${two(date.getUTCDate())}${String(serial % 999 + 1).padStart(3, '0')}`;
  let sum = 0;
  [...nine].forEach((c, i) => {
    let v = Number(c) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  });
  return `20${nine}${(10 - (sum % 10)) % 10}`;
}

// As a person would type it: YYYYMMDD-NNNC.
export const typed = (number) => `${number.slice(0, 8)}-${number.slice(8)}`;

// Moves a signed-in session's second factor into the past, so that a step-up check (fresh
// second factor within 5 minutes) fails as it would for a user signed in long ago. The sqlite3
// command-line tool is a dependency of the tests (scripts/install-deps).
export async function ageSecondFactor(server, username, minutes) {
  assert.match(username, /^[a-z0-9._-]+$/);
  const path = server.databaseUrl.replace(/^sqlite:/, '');
  const micros = BigInt(minutes) * 60n * 1_000_000n;
  await execFileAsync('sqlite3', [path,
    `UPDATE sessions SET mfa_at = mfa_at - ${micros} WHERE ended_at IS NULL AND mfa_at IS NOT NULL ` +
    `AND user_id IN (SELECT user_id FROM users WHERE username = '${username}');`]);
}
