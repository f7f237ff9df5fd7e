#!/bin/sh
# Serve the built SPA and the API on 127.0.0.1:8123 for the browser tests.
# Without DATABASE_URL it uses a throwaway SQLite file; with it, the given database (CI: PostgreSQL).
set -eu
cd "$(dirname "$0")/.."
export DJANGO_DEBUG=true
if [ -z "${DATABASE_URL:-}" ]; then
  mkdir -p var
  rm -f var/e2e.sqlite3
  export DATABASE_URL="sqlite:///$(pwd)/var/e2e.sqlite3"
fi
.venv/bin/python manage.py migrate --noinput -v0
# The browser journeys browse the demo catalog and sign in as demo accounts.
.venv/bin/python manage.py seed_demo >/dev/null
exec .venv/bin/python manage.py runserver 127.0.0.1:${E2E_PORT:-8123} --noreload
