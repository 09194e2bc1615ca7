#!/usr/bin/env bash
# HTTP throughput and latency of a release `fyren serve`, on SQLite and on a throwaway PostgreSQL,
# with wrk on 127.0.0.1: /healthz, /organisations, and a signed-in, audited view of a person's
# record (/persons/{id} as the demo coordinator). Also start-to-ready time and idle RSS, and the
# baseline the platform issue names for /healthz: a bare Boost.Beast server (bench/bare_beast.cc)
# measured the same way in the same run. Never part of the tests: numbers depend on the machine,
# and wrk shares its cores with the server. See bench/README.md.
#
#   bench/http.sh                 # about a minute; prints one table
#   BENCH_DURATION=5s bench/http.sh
#
# Builds nothing: it expects build/release/src/app/fyren and build/release/bench/bare_beast.
# bench/record_view.py signs in.
set -euo pipefail
self=$(realpath "$0")
cd "$(dirname "$self")/.."

FYREN=${FYREN_BIN:-build/release/src/app/fyren}
BARE=${BARE_BEAST_BIN:-build/release/bench/bare_beast}
DURATION=${BENCH_DURATION:-10s}
PATHS=(/healthz /organisations)
READY_TIMEOUT_MS=10000

die() { echo "bench/http.sh: $*" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# wrk prints latencies as 812.00us, 1.23ms or 1.05s; the table uses milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n *= 1; else if (v ~ /m$/) n *= 60000;
    else if (v ~ /s$/) n *= 1000
    printf "%.2f", n }'
}

# One wrk run against $base$path (label $label in the table; extra arguments go to wrk, e.g. a
# Cookie header). Appends "bench <backend> <label> <req/s> <p50 ms> <p99 ms> <non-2xx>" to
# $RESULTS and leaves wrk's total request count and seconds in WRK_REQUESTS / WRK_SECONDS.
measure() {
  local backend=$1 base=$2 path=$3 label=$4 dir=$5
  shift 5
  local out rps p50 p99 non2xx
  echo "== $backend: wrk -t2 -c64 -d$DURATION $label" >&2
  out=$(wrk -t2 -c64 "-d$DURATION" --latency "$@" "$base$path")
  echo "$out" >"$dir/$backend-wrk-${label//[\/\{\}]/_}.txt"
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  # A benchmark of error pages is no benchmark: count them so the table shows it. (wrk counts
  # a 3xx as success, so the record view is also checked by status and by audit count.)
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  printf 'bench\t%s\t%s\t%s\t%s\t%s\t%s\n' "$backend" "$label" "$rps" "$p50" "$p99" \
    "${non2xx:-0}" >>"$RESULTS"
  # "  123456 requests in 10.01s, 1.23GB read"
  WRK_REQUESTS=$(awk '/ requests in / {print $1}' <<<"$out")
  WRK_SECONDS=$(awk '/ requests in / {sub(/s,$/, "", $4); print $4}' <<<"$out")
}

# The signed-in, audited page view of a record (issue 3, Speed): sign in as the demo
# coordinator (password + TOTP), take the session cookie, and run wrk with it against
# /persons/{id} of a person on the coordinator's case team. Every view must append one audit
# entry: audit_entries is counted before and after, and fewer entries than answered requests
# (a redirect to sign-in, a denial, an unaudited path) fails the bench. Appends
# "audit <backend> <requests> <entries> <seconds>" to $RESULTS.
measure_record_view() {
  local backend=$1 base=$2 url=$3 dir=$4
  local cookie person status before after
  cookie=$(python3 bench/record_view.py cookie "$base") || die "$backend: sign-in failed"
  person=$(python3 bench/record_view.py person "$url") || die "$backend: no visible person"
  status=$(curl -so /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/persons/$person")
  [[ $status == 200 ]] || die "$backend: GET /persons/$person answered $status, not 200"
  before=$(python3 bench/record_view.py audit "$url")
  measure "$backend" "$base" "/persons/$person" "/persons/{id}" "$dir" -H "Cookie: $cookie"
  after=$(python3 bench/record_view.py audit "$url")
  # The session must have lasted the whole run (idle 15 min, absolute 12 h).
  status=$(curl -so /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/persons/$person")
  [[ $status == 200 ]] || die "$backend: after the run GET /persons/$person answered $status"
  # Requests still in flight when wrk stops are audited but not counted by wrk: up to -c64 more.
  (( after - before >= WRK_REQUESTS )) ||
    die "$backend: $WRK_REQUESTS record views but only $((after - before)) audit entries"
  printf 'audit\t%s\t%s\t%s\t%s\n' "$backend" "$WRK_REQUESTS" "$((after - before))" \
    "$WRK_SECONDS" >>"$RESULTS"
}

# Runs one backend: migrate, load demo data, start serve, measure, stop. Appends rows to
# $RESULTS (TSV): bench rows (see measure), audit rows (see measure_record_view) and
# start <backend> <ready ms> <idle RSS KiB>.
run_backend() {
  local backend=$1 url=$2 dir=$3
  local log="$dir/$backend-server.log"
  # The parent's FYREN_* settings must not leak in; everything is passed with --set.
  local -a run=(env) name
  for name in $(compgen -e | grep '^FYREN_' || true); do run+=(-u "$name"); done
  run+=("$FYREN" --set "keys.master_key_file=$dir/$backend-master.key")

  echo "== $backend: migrate and load demo data" >&2
  "${run[@]}" --set "database.url=$url" migrate >"$log" 2>&1 || { cat "$log" >&2; die "migrate failed"; }
  "${run[@]}" --set "database.url=$url" demo-data >>"$log" 2>&1 || { cat "$log" >&2; die "demo-data failed"; }

  local port; port=$(free_port)
  local base="http://127.0.0.1:$port"
  local start; start=$(now_ms)
  # --set is an option of the program, so it goes before the subcommand.
  "${run[@]}" --set "database.url=$url" --set "server.port=$port" --set demo.enabled=true \
    serve >>"$log" 2>&1 &
  SERVER_PID=$!

  # Poll every 5 ms so start-to-ready is measured to about that resolution.
  local ready_ms=""
  while (( $(now_ms) - start < READY_TIMEOUT_MS )); do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; die "$backend: serve exited"; }
    if curl -fso /dev/null --max-time 1 "$base/readyz"; then
      ready_ms=$(( $(now_ms) - start ))
      break
    fi
    sleep 0.005
  done
  [[ -n $ready_ms ]] || { cat "$log" >&2; die "$backend: not ready within $READY_TIMEOUT_MS ms"; }

  # Idle: ready, no request in flight, caches not yet warmed by the load.
  sleep 0.2
  local rss_kib; rss_kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status")
  printf 'start\t%s\t%s\t%s\n' "$backend" "$ready_ms" "$rss_kib" >>"$RESULTS"

  local path
  for path in "${PATHS[@]}"; do
    measure "$backend" "$base" "$path" "$path" "$dir"
  done
  measure_record_view "$backend" "$base" "$url" "$dir"

  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID" || echo "warning: $backend serve exited with $? after SIGTERM" >&2
  SERVER_PID=""
}

# The baseline: bench/bare_beast on a free port, /healthz as for Fyren (backend "bare").
run_bare_beast() {
  local dir=$1 port; port=$(free_port)
  "$BARE" "$port" >"$dir/bare-beast.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 200); do
    curl -fso /dev/null --max-time 1 "http://127.0.0.1:$port/healthz" && break
    sleep 0.01
  done
  measure bare "http://127.0.0.1:$port" /healthz /healthz "$dir"
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID" || true
  SERVER_PID=""
}

print_table() {
  echo
  printf '%-9s %-15s %10s %9s %9s %8s\n' backend path req/s p50_ms p99_ms non2xx
  awk -F'\t' '$1 == "bench" {printf "%-9s %-15s %10.0f %9s %9s %8s\n", $2, $3, $4, $5, $6, $7}' "$RESULTS"
  echo
  printf '%-9s %22s %22s\n' backend organisations/healthz record_view/healthz
  awk -F'\t' '$1 == "bench" && $3 == "/healthz" {h[$2] = $4}
              $1 == "bench" && $3 == "/organisations" {o[$2] = $4}
              $1 == "bench" && $3 == "/persons/{id}" {r[$2] = $4}
              END {for (b in h) if (b != "bare" && h[b] > 0) printf "%-9s %22.2f %22.2f\n", b, o[b] / h[b],
                                                      r[b] / h[b]}' "$RESULTS"
  echo
  printf '%-9s %26s\n' backend healthz/bare_beast_healthz
  awk -F'\t' '$1 == "bench" && $3 == "/healthz" {h[$2] = $4}
              END {if (h["bare"] > 0) for (b in h) if (b != "bare")
                     printf "%-9s %26.2f\n", b, h[b] / h["bare"]}' "$RESULTS"
  echo
  printf '%-9s %14s %14s %10s %15s\n' backend record_views audit_entries seconds entries/s
  awk -F'\t' '$1 == "audit" {printf "%-9s %14s %14s %10s %15.0f\n", $2, $3, $4, $5, $4 / $5}' \
    "$RESULTS"
  echo
  printf '%-9s %18s %13s\n' backend start_to_ready_ms idle_rss_MiB
  awk -F'\t' '$1 == "start" {printf "%-9s %18s %13.1f\n", $2, $3, $4 / 1024}' "$RESULTS"
}

SERVER_PID=""
stop_server() {
  if [[ -n $SERVER_PID ]]; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}

# Second phase, run inside scripts/with-postgres by the first: the cluster is up and
# FYREN_TEST_POSTGRES_URL names it. Results go to the first phase's file.
if [[ ${1:-} == --postgres-phase ]]; then
  dir=$2
  RESULTS="$dir/results.tsv"
  trap stop_server EXIT
  [[ -n ${FYREN_TEST_POSTGRES_URL:-} ]] || die "FYREN_TEST_POSTGRES_URL is not set"
  run_backend postgres "$FYREN_TEST_POSTGRES_URL" "$dir"
  exit 0
fi

if [[ ! -x $FYREN ]]; then
  die "$FYREN not found. Build it first:
  cmake --preset release && cmake --build --preset release --target fyren"
fi
[[ -x $BARE ]] || die "$BARE not found. Build it first:
  cmake --build --preset release --target bare_beast"
command -v wrk >/dev/null || die "wrk not found (apt-get install wrk, or scripts/install-deps)"
[[ -x scripts/with-postgres ]] || die "scripts/with-postgres not found"

dir=$(mktemp -d "${TMPDIR:-/tmp}/fyren-bench.XXXXXX")
RESULTS="$dir/results.tsv"
: >"$RESULTS"
cleanup() {
  local code=$?
  stop_server
  if (( code != 0 )); then
    echo "bench/http.sh failed; logs kept in $dir" >&2
  else
    rm -rf "$dir"
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "$("$FYREN" version 2>/dev/null || echo "fyren (version unknown)"); $(nproc) cores; wrk -t2 -c64 -d$DURATION" >&2
run_bare_beast "$dir"
run_backend sqlite "sqlite:$dir/fyren.db" "$dir"
# The PostgreSQL server runs as the postgres user when we are root; it never sees $dir.
scripts/with-postgres bash "$self" --postgres-phase "$dir"
print_table
