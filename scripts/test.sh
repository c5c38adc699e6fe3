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

PYTEST=(.venv/bin/pytest -p no:cacheprovider)
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

ensure_chromium

echo "== Test suite on SQLite"
env -u DATABASE_URL "${PYTEST[@]}" "$@"

echo "== Test suite on PostgreSQL ($PG_URL)"
if postgres_reachable; then
  # Exit 5 means "no test selected": only possible when the arguments name browser tests alone.
  DATABASE_URL="$PG_URL" "${PYTEST[@]}" -m "not browser" "$@" || { status=$?; [[ $status == 5 && $# -gt 0 ]] || exit $status; }
elif in_ci; then
  echo "PostgreSQL must be reachable in CI; failing rather than skipping the PostgreSQL leg." >&2
  exit 1
else
  echo "!! Skipping the PostgreSQL leg: no server at $PG_URL (set HEARTWORK_TEST_DATABASE_URL)." >&2
fi
echo "== All legs passed"
