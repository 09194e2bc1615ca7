// Test fixture: a real `fyren serve` on a free loopback port, with a fresh SQLite database holding
// the synthetic demo data. Used by pages.test.mjs and api.test.mjs:
//
//   const server = await startFyren();   // in before()
//   ... fetch(server.url('/healthz')) ...
//   await server.stop();                 // in after(); asserts a clean exit
//
// With FYREN_DEMO_TEMPLATE (set by CTest), the database is a copy of one made by demo-template.mjs.
// The server's stdout and stderr go to <tmp>/server.log. If the test process ends with a failure,
// the log is printed and the temp dir is kept for inspection; otherwise the temp dir is removed.

import { spawn, execFile } from 'node:child_process';
import {
  appendFileSync, closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const kReadyTimeoutMs = 10_000;
const kStopTimeoutMs = 10_000;
const kCommandTimeoutMs = 30_000;

// Asks the kernel for a free port. Another process could take it before serve binds it; that
// race is rare on a test machine and shows up as a clear "exited before ready" failure.
export async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// The parent's FYREN_* variables (a developer's FYREN_DATABASE_URL, say) must not leak into the
// server under test: every setting the test relies on is passed explicitly.
function cleanEnv() {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('FYREN_')) env[name] = value;
  }
  return env;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFyren() {
  const bin = process.env.FYREN_BIN;
  if (!bin || !existsSync(bin)) {
    throw new Error(`FYREN_BIN must name the fyren binary (got ${JSON.stringify(bin)})`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'fyren-browser-'));
  const logPath = join(dir, 'server.log');
  const databaseUrl = `sqlite:${join(dir, 'fyren.db')}`;
  const env = cleanEnv();
  let child = null;
  let exited = null;  // {code, signal} once the server has exited

  // Registered before anything can fail, so a failed start still shows the log.
  process.once('exit', (code) => {
    if (child && exited === null) child.kill('SIGKILL');
    if (code !== 0) {
      process.stderr.write(`\n--- fyren server log (${logPath}) ---\n`);
      process.stderr.write(existsSync(logPath) ? readFileSync(logPath, 'utf8') : '(none)\n');
      process.stderr.write(`--- end of server log; temp dir kept: ${dir} ---\n`);
    } else {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const template = process.env.FYREN_DEMO_TEMPLATE;
  if (template && existsSync(join(template, 'fyren.db'))) {
    // A demo database made once per CTest run (demo-template.mjs): demo-data hashes every demo
    // password with Argon2id, seconds per file. Each server still gets its own copy.
    copyFileSync(join(template, 'fyren.db'), join(dir, 'fyren.db'));
    // No process has the template open, so the file and its write-ahead log (if any) agree.
    if (existsSync(join(template, 'fyren.db-wal'))) {
      copyFileSync(join(template, 'fyren.db-wal'), join(dir, 'fyren.db-wal'));
    }
    copyFileSync(join(template, 'master.key'), join(dir, 'master.key'));
    writeLog(logPath, `(demo database copied from ${template})`);
  } else {
    await prepareDemoDatabase(bin, dir, env, logPath);
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = openSync(logPath, 'a');
  // --set is an option of the program, so it goes before the subcommand.
  child = spawn(bin, [
    '--set', `database.url=${databaseUrl}`,
    '--set', `keys.master_key_file=${dir}/master.key`,
    '--set', `server.port=${port}`,
    '--set', 'demo.enabled=true',
    'serve',
  ], { env, stdio: ['ignore', log, log] });
  closeSync(log);  // the child holds its own copy
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });

  await waitUntilReady(base, () => exited);

  return {
    base,
    port,
    dir,
    logPath,
    databaseUrl,
    url: (path) => new URL(path, base).toString(),
    // SIGTERM starts a graceful drain; a clean shutdown is part of the contract under test.
    async stop() {
      if (exited === null) child.kill('SIGTERM');
      const timeout = sleep(kStopTimeoutMs).then(() => null);
      const result = await Promise.race([exitPromise, timeout]);
      if (result === null) {
        child.kill('SIGKILL');
        throw new Error(`fyren serve did not exit within ${kStopTimeoutMs} ms of SIGTERM`);
      }
      if (result.code !== 0) {
        throw new Error(`fyren serve exited with code ${result.code}, signal ${result.signal}`);
      }
    },
  };
}

// `fyren migrate` and `fyren demo-data` into <dir>/fyren.db (key in <dir>/master.key).
export async function prepareDemoDatabase(bin, dir, env = cleanEnv(), logPath = join(dir, 'server.log')) {
  const databaseUrl = `sqlite:${join(dir, 'fyren.db')}`;
  for (const command of ['migrate', 'demo-data']) {
    try {
      const { stdout, stderr } = await execFileAsync(
        bin, ['--set', `database.url=${databaseUrl}`, '--set', `keys.master_key_file=${dir}/master.key`, command],
        { env, timeout: kCommandTimeoutMs });
      writeLog(logPath, `$ fyren ${command}\n${stdout}${stderr}`);
    } catch (error) {
      writeLog(logPath, `$ fyren ${command} failed\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      throw new Error(`fyren ${command} failed: ${error.message}`);
    }
  }
}

async function waitUntilReady(base, exitedState) {
  const deadline = Date.now() + kReadyTimeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const state = exitedState();
    if (state !== null) {
      throw new Error(`fyren serve exited before it was ready (code ${state.code}, signal ${state.signal})`);
    }
    try {
      const response = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await sleep(50);
  }
  throw new Error(`fyren serve was not ready within ${kReadyTimeoutMs} ms (last: ${last})`);
}

// Synchronous so the log is complete if the next step throws; the server is not running yet.
function writeLog(logPath, text) {
  appendFileSync(logPath, text.endsWith('\n') ? text : `${text}\n`);
}
