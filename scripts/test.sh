#!/usr/bin/env bash
# The whole test suite, as `make test` runs it:
#   1. on SQLite (the embedded default), browser tests included;
#   2. on PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test), every
#      test but the browser ones. Those drive the pages a person sees through Chromium and
#      take nine tenths of a leg's time; every query they cause is also run on PostgreSQL by
#      the view and service tests, so running them twice would double CI for no new check.
# With CI=true, a missing Chromium or an unreachable PostgreSQL is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

# Both cores (pytest-xdist): each worker has its own test databases and browser.
PYTEST=(.venv/bin/pytest -p no:cacheprovider -n "${HEARTWORK_TEST_WORKERS:-auto}")
PG_URL="${HEARTWORK_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
CHROMIUM="${HEARTWORK_CHROMIUM:-/usr/bin/chromium}"
in_ci() { [[ "${CI:-}" == "true" || "${CI:-}" == "1" ]]; }

ensure_chromium() {
  [[ -x "$CHROMIUM" ]] && return 0
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
    echo "== Installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  if [[ ! -x "$CHROMIUM" ]]; then
    if in_ci; then echo "Chromium is required in CI and is missing at $CHROMIUM" >&2; exit 1; fi
    echo "!! Chromium not found at $CHROMIUM: browser tests will be skipped (apt-get install chromium)" >&2
  fi
}

postgres_reachable() {
  .venv/bin/python - "$PG_URL" <<'PY'
import sys, psycopg
try:
    psycopg.connect(sys.argv[1], connect_timeout=3).close()
except Exception as error:
    print(f"PostgreSQL unreachable: {error}", file=sys.stderr)
    sys.exit(1)
PY
}

echo "== Style: ruff (lint and format) and mypy (the domain core)"
.venv/bin/ruff check src tests bench
.venv/bin/ruff format --check src tests bench
.venv/bin/mypy

ensure_chromium

# Test order is shuffled (pytest-randomly); a failing order is replayed with the seed
# printed at the top of the run: scripts/test.sh --randomly-seed=N
echo "== Test suite on SQLite"
env -u DATABASE_URL "${PYTEST[@]}" "$@"

echo "== Test suite on PostgreSQL ($PG_URL)"
if postgres_reachable; then
  # Exit 5 means "no test selected": only possible when the arguments name browser tests alone.
  # Browser tests and tests that never touch the test database (engine_free: the domain
  # core, subprocess installs, the retrained models) ran on SQLite already.
  DATABASE_URL="$PG_URL" "${PYTEST[@]}" -m "not browser and not engine_free" "$@" || { status=$?; [[ $status == 5 && $# -gt 0 ]] || exit $status; }
elif in_ci; then
  echo "PostgreSQL must be reachable in CI; failing rather than skipping the PostgreSQL leg." >&2
  exit 1
else
  echo "!! Skipping the PostgreSQL leg: no server at $PG_URL (set HEARTWORK_TEST_DATABASE_URL)." >&2
fi
echo "== All legs passed"
