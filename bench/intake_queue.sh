#!/usr/bin/env bash
# The intake queue under load (issue 5, Speed): a release `fyren serve` on SQLite with the demo
# data and 10,000 synthetic reports of concern (bench/concern_reports.py), wrk -t2 -c64 on
# /healthz and on GET /intake signed in as the demo intake worker (every view is an audited
# search). Target: /intake at least 20 % of /healthz req/s in the same run. Never part of the
# tests: numbers depend on the machine, and wrk shares its cores with the server.
#
#   bench/intake_queue.sh                  # about half a minute
#   BENCH_DURATION=5s BENCH_REPORTS=2000 bench/intake_queue.sh
set -euo pipefail
self=$(realpath "$0")
cd "$(dirname "$self")/.."

FYREN=${FYREN_BIN:-build/release/src/app/fyren}
DURATION=${BENCH_DURATION:-10s}
REPORTS=${BENCH_REPORTS:-10000}

die() { echo "bench/intake_queue.sh: $*" >&2; exit 1; }
[[ -x $FYREN ]] || die "no $FYREN (build the release preset, or set FYREN_BIN)"
command -v wrk >/dev/null || die "wrk is not installed"

dir=$(mktemp -d)
SERVER_PID=""
cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

url="sqlite:$dir/fyren.db"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
run=(env -u FYREN_CONFIG "$FYREN" --set "keys.master_key_file=$dir/master.key" --set "database.url=$url")

"${run[@]}" migrate >"$dir/server.log" 2>&1 || { cat "$dir/server.log" >&2; die "migrate failed"; }
"${run[@]}" demo-data >>"$dir/server.log" 2>&1 || { cat "$dir/server.log" >&2; die "demo-data failed"; }
python3 bench/concern_reports.py "$dir/fyren.db" "$REPORTS" >&2
"${run[@]}" --set "server.port=$port" --set demo.enabled=true serve >>"$dir/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 200); do
  curl -fso /dev/null --max-time 1 "$base/readyz" && break
  sleep 0.05
done
curl -fso /dev/null "$base/readyz" || { cat "$dir/server.log" >&2; die "not ready"; }

cookie=$(BENCH_USER=demo.intake python3 bench/record_view.py cookie "$base") || die "sign-in failed"
status=$(curl -so /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/intake")
[[ $status == 200 ]] || die "GET /intake answered $status, not 200"

rps() { awk '/^Requests\/sec:/ {print $2}'; }
echo "== wrk -t2 -c64 -d$DURATION /healthz" >&2
healthz=$(wrk -t2 -c64 "-d$DURATION" --latency "$base/healthz" | tee "$dir/healthz.txt" | rps)
echo "== wrk -t2 -c64 -d$DURATION /intake ($REPORTS reports)" >&2
intake=$(wrk -t2 -c64 "-d$DURATION" --latency -H "Cookie: $cookie" "$base/intake" |
  tee "$dir/intake.txt" | rps)
non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$dir/intake.txt")
p99=$(awk '$1 == "99%" {print $2}' "$dir/intake.txt")
ratio=$(awk -v a="$intake" -v b="$healthz" 'BEGIN { printf "%.1f", 100 * a / b }')
printf 'healthz req/s\t%s\nintake req/s\t%s\t(p99 %s, non-2xx %s)\nintake/healthz\t%s %%\n' \
  "$healthz" "$intake" "$p99" "${non2xx:-0}" "$ratio"
awk -v r="$ratio" 'BEGIN { exit !(r >= 20) }' || echo "below the 20 % target" >&2
