// Debian's Chromium, driven by playwright-core. Nothing here may download a browser: the
// executable is the system one, and the flags keep Chromium itself off the network (no
// component updates, sync, field trials or QUIC probes), so the tests only talk to 127.0.0.1.

import { chromium } from 'playwright-core';

const kArgs = [
  '--no-sandbox',  // tests run as root in CI; Chromium refuses its sandbox there
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium() {
  // Playwright gives each launch a fresh temporary profile and removes it on close.
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    headless: true,
    args: kArgs,
    timeout: 30_000,
  });
}
