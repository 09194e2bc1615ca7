#!/usr/bin/env bash
# Installs tests/browser/node_modules exactly as package-lock.json pins it, but only when it is
# missing or was installed from a different lock file (a stamp holds the lock file's hash), so
# repeated test runs neither hit the network nor wait for npm.
set -euo pipefail
cd "$(dirname "$0")"

stamp=node_modules/.fyren-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f $stamp && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi

# --ignore-scripts: no package may run an install script (that is how browser builds get
# downloaded); playwright-core drives Debian's /usr/bin/chromium instead.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund --ignore-scripts --no-update-notifier
echo "$want" >"$stamp"
