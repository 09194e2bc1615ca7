// The HTTP contract of docs/openapi.yaml against a real server, with plain fetch (no browser).
// Run: FYREN_BIN=... node --test api.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { startFyren } from './server.mjs';

const kHtmlPages = ['/', '/organisations', '/glossary', '/about'];
const kKinds = ['authority', 'department', 'company', 'unit', 'partner'];

let server;

before(async () => {
  server = await startFyren();
});

after(async () => {
  await server?.stop();
});

// Every response must carry X-Request-Id, so each call checks it once here.
async function call(path, init = {}) {
  const response = await fetch(server.url(path), { redirect: 'manual', ...init });
  const text = await response.text();
  const requestId = response.headers.get('x-request-id');
  assert.ok(requestId, `X-Request-Id on ${init.method ?? 'GET'} ${path} (${response.status})`);
  const type = response.headers.get('content-type') ?? '';
  let json;
  if (/^application\/(problem\+)?json/.test(type)) json = JSON.parse(text);
  return { status: response.status, headers: response.headers, type, text, json, requestId };
}

function assertProblem(result, status) {
  assert.equal(result.status, status);
  assert.match(result.type, /^application\/problem\+json/, 'problem+json content type');
  const problem = result.json;
  assert.equal(typeof problem.type, 'string', 'problem.type');
  assert.equal(typeof problem.title, 'string', 'problem.title');
  assert.equal(problem.status, status, 'problem.status');
  assert.equal(typeof problem.detail, 'string', 'problem.detail');
  assert.ok(String(problem.instance).includes(result.requestId),
    `problem.instance (${problem.instance}) names the request id (${result.requestId})`);
  return problem;
}

function assertLocalised(value, what) {
  assert.equal(typeof value?.sv, 'string', `${what}.sv`);
  assert.equal(typeof value?.en, 'string', `${what}.en`);
}

function assertOrganisation(item) {
  const what = `organisation ${JSON.stringify(item?.code)}`;
  assert.equal(typeof item.id, 'string', `${what}: id`);
  assert.ok(item.id.length > 0, `${what}: id is not empty`);
  assert.equal(typeof item.code, 'string', `${what}: code`);
  assert.ok(kKinds.includes(item.kind), `${what}: kind ${item.kind}`);
  assert.ok(item.partner_type === null || typeof item.partner_type === 'string',
    `${what}: partner_type is a string or null`);
  assert.ok(item.parent_id === null || typeof item.parent_id === 'string',
    `${what}: parent_id is a string or null`);
  assertLocalised(item.name, `${what}: name`);
  assertLocalised(item.description, `${what}: description`);
  assert.ok(Number.isInteger(item.version) && item.version >= 1, `${what}: version`);
}

async function listAll(limit) {
  const items = [];
  const pages = [];
  let cursor = null;
  for (let guard = 0; guard < 1000; ++guard) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor !== null) query.set('cursor', cursor);
    const result = await call(`/api/v1/organisations?${query}`);
    assert.equal(result.status, 200, `page ${pages.length + 1}`);
    const { items: page, next_cursor: next } = result.json;
    assert.ok(Array.isArray(page), 'items is an array');
    assert.ok(next === null || (typeof next === 'string' && next.length > 0), 'next_cursor');
    pages.push(page.length);
    items.push(...page);
    if (next === null) return { items, pages };
    cursor = next;
  }
  assert.fail('the cursor walk did not end');
}

describe('operations endpoints', () => {
  test('GET /healthz answers ok', async () => {
    const result = await call('/healthz');
    assert.equal(result.status, 200);
    assert.equal(result.text.trim(), 'ok');
  });

  test('GET /readyz answers 200 with a current schema', async () => {
    assert.equal((await call('/readyz')).status, 200);
  });

  test('GET /metrics is Prometheus text', async () => {
    const result = await call('/metrics');
    assert.equal(result.status, 200);
    assert.match(result.type, /^text\/plain/);
    assert.match(result.text, /^# (HELP|TYPE) /m);
  });

  test('HEAD is answered by the GET route', async () => {
    const result = await call('/healthz', { method: 'HEAD' });
    assert.equal(result.status, 200);
    assert.equal(result.text, '');
  });
});

describe('GET /api/v1/organisations', () => {
  test('the default page holds valid organisations, the demo committee among them', async () => {
    const result = await call('/api/v1/organisations');
    assert.equal(result.status, 200);
    assert.match(result.type, /^application\/json/);
    const { items, next_cursor: next } = result.json;
    assert.ok(items.length >= 1 && items.length <= 50, `default limit 50 (got ${items.length})`);
    items.forEach(assertOrganisation);
    const hisingen = items.find((item) => item.name.sv === 'Socialnämnden Hisingen');
    assert.ok(hisingen, 'Socialnämnden Hisingen is in the demo data');
    assert.equal(hisingen.name.en, 'Social Committee Hisingen');
    assert.equal(hisingen.kind, 'authority');
    if (items.length < 50) assert.equal(next, null, 'a short page is the last');
  });

  test('walking the cursors visits every organisation exactly once', async () => {
    const whole = await listAll(200);
    assert.equal(whole.pages.length, 1, 'the demo tenant fits one page of 200');
    const walked = await listAll(7);
    assert.ok(walked.pages.length > 1, 'limit=7 needs several pages');
    walked.pages.slice(0, -1).forEach((n, i) => assert.equal(n, 7, `page ${i + 1} is full`));
    const ids = walked.items.map((item) => item.id);
    assert.equal(new Set(ids).size, ids.length, 'no organisation twice');
    assert.deepEqual(ids, whole.items.map((item) => item.id), 'same organisations, same order');
    const known = new Set(ids);
    for (const item of walked.items) {
      assert.ok(item.parent_id === null || known.has(item.parent_id),
        `parent of ${item.code} is in the list`);
    }
  });

  for (const limit of ['0', '201', 'ten', '-1']) {
    test(`limit=${limit} is 400 naming the field`, async () => {
      const problem = assertProblem(await call(`/api/v1/organisations?limit=${limit}`), 400);
      assert.ok(problem.errors?.some((e) => e.field === 'limit'), 'errors names limit');
    });
  }

  for (const cursor of ['not-a-cursor', '%ff%fe', 'eyJ4IjoxfQ']) {
    test(`cursor=${cursor} is 400 problem+json naming the field`, async () => {
      const problem = assertProblem(await call(`/api/v1/organisations?cursor=${cursor}`), 400);
      assert.ok(Array.isArray(problem.errors), 'errors is an array');
      const entry = problem.errors.find((e) => e.field === 'cursor');
      assert.ok(entry, 'errors names cursor');
      assert.equal(typeof entry.message, 'string');
    });
  }
});

describe('GET /api/v1/organisations/{id}', () => {
  test('matches the list item and carries an ETag; If-None-Match answers 304', async () => {
    const [first] = (await call('/api/v1/organisations?limit=1')).json.items;
    const path = `/api/v1/organisations/${encodeURIComponent(first.id)}`;
    const result = await call(path);
    assert.equal(result.status, 200);
    assert.match(result.type, /^application\/json/);
    assert.deepEqual(result.json, first);
    const etag = result.headers.get('etag');
    assert.ok(etag, 'ETag header');

    const unchanged = await call(path, { headers: { 'If-None-Match': etag } });
    assert.equal(unchanged.status, 304);
    assert.equal(unchanged.text, '', '304 has no body');
    assert.equal(unchanged.headers.get('etag'), etag, '304 repeats the ETag');

    const stale = await call(path, { headers: { 'If-None-Match': '"stale"' } });
    assert.equal(stale.status, 200, 'a different tag gets the full answer');
  });

  test('an unknown id is 404 problem+json', async () => {
    assertProblem(await call('/api/v1/organisations/no-such-organisation'), 404);
  });
});

describe('routing errors', () => {
  test('an unknown API path is 404 problem+json', async () => {
    assertProblem(await call('/api/v1/no-such-thing'), 404);
  });

  test('an unknown page is a 404 HTML page', async () => {
    const result = await call('/no-such-page');
    assert.equal(result.status, 404);
    assert.match(result.type, /^text\/html/);
  });

  // Methods no route will ever take, so these stay 405 as the API grows.
  for (const [method, path] of [['DELETE', '/api/v1/organisations'], ['POST', '/healthz']]) {
    test(`${method} ${path} is 405 with Allow`, async () => {
      const result = await call(path, { method });
      assert.equal(result.status, 405);
      const allow = (result.headers.get('allow') ?? '').split(',').map((m) => m.trim());
      assert.ok(allow.includes('GET'), `Allow lists GET (got ${result.headers.get('allow')})`);
      assert.ok(!allow.includes(method), `Allow does not list ${method}`);
    });
  }
});

describe('HTML responses', () => {
  for (const path of [...kHtmlPages, '/no-such-page']) {
    test(`${path} carries the security headers`, async () => {
      const result = await call(path);
      assert.match(result.type, /^text\/html/);
      const csp = result.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors 'none'/, `CSP: ${csp}`);
      assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/, 'no inline script or style');
      assert.equal(result.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(result.headers.get('referrer-policy'), 'no-referrer');
    });
  }

  test('?lang=en sets the fyren_lang cookie', async () => {
    const result = await call('/about?lang=en');
    assert.equal(result.status, 200);
    assert.match(result.headers.get('set-cookie') ?? '', /(^|[\s,])fyren_lang=en(;|$)/);
    assert.match(result.text, /<html[^>]*\blang="en"/);
  });

  // Percent-decoding to invalid UTF-8 must be rejected or ignored, never crash the handler.
  for (const path of ['/?lang=%ff', '/organisations?lang=%C0%AF', '/%ff', '/api/v1/organisations/%ff%fe']) {
    test(`${path} is not a server error`, async () => {
      const result = await call(path);
      assert.ok(result.status < 500, `status ${result.status}`);
    });
  }

  test('the server still answers after the odd requests', async () => {
    assert.equal((await call('/healthz')).status, 200);
  });
});
