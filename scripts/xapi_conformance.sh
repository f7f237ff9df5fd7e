#!/bin/sh
# Run ADL's LRS conformance suite (adlnet/lrs-conformance-test-suite) against /api/xapi/ on a
# fresh database, and fail when anything fails that tests/lrs/xapi_known_failures.txt does not
# list. The suite is cloned from XAPI_CONFORMANCE_SUITE (a git URL or repository path) into
# var/ and its Node dependencies installed there: none of it is committed.
# Prints `xapi conformance: passed P, failed F of T` as its last line.
set -eu
cd "$(dirname "$0")/.."
export DJANGO_DEBUG=true
SUITE_SOURCE="${XAPI_CONFORMANCE_SUITE:-/work/.mirror/adlnet+lrs-conformance-test-suite/repo}"
SUITE_DIR="var/xapi-conformance-suite"
PORT="${XAPI_CONFORMANCE_PORT:-8131}"
export PUBLIC_BASE_URL="http://127.0.0.1:$PORT"
# The suite runs fast; the development request throttles must not answer it 429.
unset REDIS_URL

if [ ! -f "$SUITE_DIR/bin/console_runner.js" ]; then
  rm -rf "$SUITE_DIR"
  git clone --quiet "$SUITE_SOURCE" "$SUITE_DIR"
fi
if [ ! -d "$SUITE_DIR/node_modules" ]; then
  (cd "$SUITE_DIR" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi

if [ -z "${DATABASE_URL:-}" ]; then
  mkdir -p var
  rm -f var/xapi-conformance.sqlite3
  export DATABASE_URL="sqlite:///$(pwd)/var/xapi-conformance.sqlite3"
else
  DATABASE_URL="$(.venv/bin/python scripts/fresh_database.py "$DATABASE_URL" xapi)"
  export DATABASE_URL
fi
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py shell -v0 -c "
from accounts.models import Organization
Organization.objects.create(slug='xapi-conformance', name='xAPI conformance', kind='institution', country='DE')"
CREDENTIAL="$(.venv/bin/python manage.py xapi_credentials xapi-conformance | tail -n 1)"

SERVER_PID=''
stop() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait 2>/dev/null || true; fi
}
trap stop EXIT
trap 'exit 143' TERM
trap 'exit 130' INT HUP
.venv/bin/python manage.py runserver "127.0.0.1:$PORT" --noreload >var/xapi-conformance-server.log 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
  if curl -sf "http://127.0.0.1:$PORT/api/xapi/about" >/dev/null; then break; fi
  sleep 0.5
done

rm -rf "$SUITE_DIR/logs"
(cd "$SUITE_DIR" && node bin/console_runner.js -x 1.0.3 -e "http://127.0.0.1:$PORT/api/xapi" -a \
  -u "${CREDENTIAL%%:*}" -p "${CREDENTIAL#*:}" >../xapi-conformance.log 2>&1) || true
.venv/bin/python - "$SUITE_DIR/logs" tests/lrs/xapi_known_failures.txt <<'PY'
"""Compare the suite's run log with the known failures; exit 1 on any other failure."""
import json
import sys
from pathlib import Path

logs = sorted(Path(sys.argv[1]).glob("*.log"))
if not logs:
    sys.exit("xapi conformance: the suite wrote no run log (see var/xapi-conformance.log)")
run = json.loads(logs[-1].read_text())
known = {
    line.split(" | ")[0].strip()
    for line in Path(sys.argv[2]).read_text().splitlines()
    if line.strip() and not line.startswith("#")
}
failed = []


def walk(node, path):
    children = node.get("tests") or []
    if not children and node.get("status") == "failed":
        failed.append(" > ".join(part for part in path if part))
    for child in children:
        walk(child, [*path, child.get("title") or child.get("name", "")])


walk(run["log"], [])
unexpected = [name for name in failed if name not in known]
for name in unexpected:
    print(f"FAILED (not a known failure): {name}")
summary = run["summary"]
print(
    f"xapi conformance: passed {summary['passed']}, failed {summary['failed']} "
    f"of {summary['total']}"
)
sys.exit(1 if unexpected else 0)
PY
