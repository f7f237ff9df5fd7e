#!/bin/sh
# Serve the built SPA and the API on 127.0.0.1:8123 for the browser tests, on a fresh database:
# a throwaway SQLite file, or with DATABASE_URL (CI: PostgreSQL) a new `<name>_e2e` database.
set -eu
cd "$(dirname "$0")/.."
export DJANGO_DEBUG=true
if [ -z "${DATABASE_URL:-}" ]; then
  mkdir -p var
  rm -f var/e2e.sqlite3
  export DATABASE_URL="sqlite:///$(pwd)/var/e2e.sqlite3"
else
  DATABASE_URL="$(.venv/bin/python scripts/fresh_database.py "$DATABASE_URL" e2e)"
  export DATABASE_URL
fi
.venv/bin/python manage.py migrate --noinput -v0
# The browser journeys browse the demo catalog and sign in as demo accounts.
.venv/bin/python manage.py seed_demo >/dev/null
exec .venv/bin/python manage.py runserver 127.0.0.1:${E2E_PORT:-8123} --noreload
