#!/usr/bin/env bash
# The coordinator's case list and a SIP page under load (issue 4, Speed): a release `fyren serve`
# with the demo data plus BENCH_PERSONS synthetic persons (default 10,000), each with a closed and
# an open exit case and a SIP of 10 interventions on each (bench/exit_cases_load.cc, through the
# real services). Signed in as demo.coordinator (bench/record_view.py), wrk -t2 -c64 --latency
# on /healthz, /cases (the first 50 of "my cases") and /cases/{id}/sip of one of the
# coordinator's open cases. Every page view is an audited read: audit_entries is counted before
# and after each signed-in run and fewer new entries than answered views fails the bench, as does
# a page that does not answer 200 before and after. Target: both pages ≥ 20 % of /healthz req/s
# in the same run on SQLite, p99 < 20 ms; PostgreSQL recorded too. Never part of the tests.
#
#   bench/exit_cases.sh                                  # SQLite then PostgreSQL
#   BENCH_BACKENDS=sqlite BENCH_PERSONS=1000 BENCH_DURATION=5s bench/exit_cases.sh
#
# Builds nothing: it expects build/release/src/app/fyren and build/release/bench/exit_cases_load.
set -euo pipefail
self=$(realpath "$0")
cd "$(dirname "$self")/.."

FYREN=${FYREN_BIN:-build/release/src/app/fyren}
LOAD=${LOAD_BIN:-build/release/bench/exit_cases_load}
DURATION=${BENCH_DURATION:-10s}
PERSONS=${BENCH_PERSONS:-10000}
BACKENDS=${BENCH_BACKENDS:-sqlite,postgres}
LOAD_THREADS=${BENCH_LOAD_THREADS:-2}

die() { echo "bench/exit_cases.sh: $*" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n *= 1; else if (v ~ /m$/) n *= 60000;
    else if (v ~ /s$/) n *= 1000
    printf "%.2f", n }'
}

# One wrk run; appends "bench <backend> <label> <req/s> <p50> <p99> <non-2xx> <requests>".
measure() {
  local backend=$1 base=$2 path=$3 label=$4 dir=$5
  shift 5
  local out
  echo "== $backend: wrk -t2 -c64 -d$DURATION $label" >&2
  out=$(wrk -t2 -c64 "-d$DURATION" --latency "$@" "$base$path")
  echo "$out" >"$dir/$backend-wrk-${label//[\/\{\}]/_}.txt"
  WRK_REQUESTS=$(awk '/ requests in / {print $1}' <<<"$out")
  printf 'bench\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$backend" "$label" \
    "$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")" \
    "$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")" \
    "$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")" \
    "$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out" | grep . || echo 0)" \
    "$WRK_REQUESTS" >>"$RESULTS"
}

status_of() { curl -so /dev/null -w '%{http_code}' -H "Cookie: $2" "$1"; }

# A signed-in, audited page: 200 before and after, audit entries ≥ answered views.
measure_audited() {
  local backend=$1 base=$2 path=$3 label=$4 dir=$5 url=$6 cookie=$7
  local status before after
  status=$(status_of "$base$path" "$cookie")
  [[ $status == 200 ]] || die "$backend: GET $path answered $status, not 200"
  before=$(python3 bench/record_view.py audit "$url")
  measure "$backend" "$base" "$path" "$label" "$dir" -H "Cookie: $cookie"
  after=$(python3 bench/record_view.py audit "$url")
  status=$(status_of "$base$path" "$cookie")
  [[ $status == 200 ]] || die "$backend: after the run GET $path answered $status"
  (( after - before >= WRK_REQUESTS )) ||
    die "$backend: $WRK_REQUESTS views of $label but only $((after - before)) audit entries"
  printf 'audit\t%s\t%s\t%s\t%s\n' "$backend" "$label" "$WRK_REQUESTS" "$((after - before))" \
    >>"$RESULTS"
}

run_backend() {
  local backend=$1 url=$2 dir=$3
  local log="$dir/$backend-server.log" key="$dir/$backend-master.key"
  local -a run=(env) name
  for name in $(compgen -e | grep '^FYREN_' || true); do run+=(-u "$name"); done
  run+=("$FYREN" --set "keys.master_key_file=$key" --set "database.url=$url")

  echo "== $backend: migrate, demo data, $PERSONS persons" >&2
  "${run[@]}" migrate >"$log" 2>&1 || { cat "$log" >&2; die "migrate failed"; }
  "${run[@]}" demo-data >>"$log" 2>&1 || { cat "$log" >&2; die "demo-data failed"; }
  local started=$SECONDS
  "$LOAD" "$url" "$key" "$PERSONS" "$LOAD_THREADS" 2>&1 | tee -a "$log" |
    grep -E '000/|in [0-9.]+ s' >&2 || die "$backend: generator failed (see $log)"
  printf 'load\t%s\t%s\t%s\n' "$backend" "$PERSONS" "$((SECONDS - started))" >>"$RESULTS"
  # A bulk load leaves PostgreSQL without statistics until autovacuum gets to it; without them
  # the planner takes the list's joins for one-row tables (nested loops: ~750 ms per /cases
  # view at 10,000 persons, ~2 ms with statistics). Analyse now, as autovacuum would shortly.
  if [[ $backend == postgres ]]; then
    psql -X -q -v ON_ERROR_STOP=1 -d "$url" -c ANALYZE || die "postgres: ANALYZE failed"
  fi

  local port; port=$(free_port)
  local base="http://127.0.0.1:$port"
  "${run[@]}" --set "server.port=$port" --set demo.enabled=true serve >>"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 400); do
    curl -fso /dev/null --max-time 1 "$base/readyz" && break
    sleep 0.05
  done
  curl -fso /dev/null "$base/readyz" || { cat "$log" >&2; die "$backend: not ready"; }

  local cookie case_id
  cookie=$(python3 bench/record_view.py cookie "$base") || die "$backend: sign-in failed"
  case_id=$(python3 bench/record_view.py case "$url") || die "$backend: no open case with a plan"
  measure "$backend" "$base" /healthz /healthz "$dir"
  measure_audited "$backend" "$base" /cases /cases "$dir" "$url" "$cookie"
  measure_audited "$backend" "$base" "/cases/$case_id/sip" "/cases/{id}/sip" "$dir" "$url" \
    "$cookie"

  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID" || echo "warning: $backend serve exited with $? after SIGTERM" >&2
  SERVER_PID=""
}

print_table() {
  echo
  printf '%-9s %-16s %10s %9s %9s %8s\n' backend path req/s p50_ms p99_ms non2xx
  awk -F'\t' '$1 == "bench" {printf "%-9s %-16s %10.0f %9s %9s %8s\n", $2, $3, $4, $5, $6, $7}' \
    "$RESULTS"
  echo
  printf '%-9s %16s %16s\n' backend cases/healthz sip/healthz
  awk -F'\t' '$1 == "bench" && $3 == "/healthz" {h[$2] = $4}
              $1 == "bench" && $3 == "/cases" {c[$2] = $4}
              $1 == "bench" && $3 == "/cases/{id}/sip" {s[$2] = $4}
              END {for (b in h) if (h[b] > 0) printf "%-9s %16.2f %16.2f\n", b, c[b] / h[b],
                                                      s[b] / h[b]}' "$RESULTS"
  echo
  printf '%-9s %-16s %10s %14s\n' backend path views audit_entries
  awk -F'\t' '$1 == "audit" {printf "%-9s %-16s %10s %14s\n", $2, $3, $4, $5}' "$RESULTS"
  echo
  printf '%-9s %8s %12s\n' backend persons load_s
  awk -F'\t' '$1 == "load" {printf "%-9s %8s %12s\n", $2, $3, $4}' "$RESULTS"
}

SERVER_PID=""
stop_server() {
  if [[ -n $SERVER_PID ]]; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}

# Second phase, inside scripts/with-postgres: results go to the first phase's file.
if [[ ${1:-} == --postgres-phase ]]; then
  dir=$2
  RESULTS="$dir/results.tsv"
  trap stop_server EXIT
  [[ -n ${FYREN_TEST_POSTGRES_URL:-} ]] || die "FYREN_TEST_POSTGRES_URL is not set"
  run_backend postgres "$FYREN_TEST_POSTGRES_URL" "$dir"
  exit 0
fi

[[ -x $FYREN ]] || die "no $FYREN (cmake --preset release && cmake --build build/release --target fyren exit_cases_load)"
[[ -x $LOAD ]] || die "no $LOAD (cmake --build build/release --target exit_cases_load)"
command -v wrk >/dev/null || die "wrk not found (scripts/install-deps)"

dir=$(mktemp -d "${TMPDIR:-/tmp}/fyren-bench-cases.XXXXXX")
chmod 755 "$dir"
RESULTS="$dir/results.tsv"
: >"$RESULTS"
cleanup() {
  local code=$?
  stop_server
  if (( code != 0 )); then
    echo "bench/exit_cases.sh failed; logs kept in $dir" >&2
  else
    rm -rf "$dir"
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "$("$FYREN" version 2>/dev/null || echo fyren); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c64 -d$DURATION; $PERSONS persons" >&2
if [[ ,$BACKENDS, == *,sqlite,* ]]; then
  run_backend sqlite "sqlite:$dir/fyren.db" "$dir"
fi
if [[ ,$BACKENDS, == *,postgres,* ]]; then
  scripts/with-postgres bash "$self" --postgres-phase "$dir"
fi
print_table
