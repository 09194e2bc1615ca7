// CTest fixture (browser.demo_db): makes the demo database once per test run, in the folder named
// by the first argument, for server.mjs to copy (FYREN_DEMO_TEMPLATE). `fyren demo-data` hashes
// every demo password with Argon2id; doing that once instead of once per test file saves seconds
// per file. Run: FYREN_BIN=... node demo-template.mjs <dir>

import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

import { prepareDemoDatabase } from './server.mjs';

const dir = process.argv[2];
if (!dir || !process.env.FYREN_BIN) {
  console.error('usage: FYREN_BIN=... node demo-template.mjs <dir>');
  process.exit(2);
}
const target = resolve(dir);
rmSync(target, { recursive: true, force: true });  // never a database from an older binary
mkdirSync(target, { recursive: true });
await prepareDemoDatabase(process.env.FYREN_BIN, target);
console.log(`demo database in ${target}`);
