#!/bin/sh
# Serve the built SPA and the API on 127.0.0.1:8123 for the browser tests, on a fresh database:
# a throwaway SQLite file, or with DATABASE_URL (CI: PostgreSQL) a new `<name>_e2e` database.
# With REDIS_URL, Celery tasks go to the broker, so a worker is started beside the web server
# (certificates are only issued if one runs) and stopped with it; without it tasks run in process.
set -eu
cd "$(dirname "$0")/.."
export DJANGO_DEBUG=true
# The journeys sign demo accounts in many times a minute from one address; the login throttle
# itself is tested in pytest (tests/config/test_throttling.py, test_admin_site.py).
export THROTTLE_LOGIN="${THROTTLE_LOGIN:-600/min}"
# runserver serves each request on a new thread, and a thread's persistent connection outlives it:
# the package journeys (every file of a package, each commit, the AU's LRS calls) used up
# PostgreSQL's 100 connections. Each request closes its own here; production (gunicorn) keeps them.
export DATABASE_CONN_MAX_AGE=0
# The single sign-on journey (frontend/e2e/sso.spec.ts) signs in at a test OpenID provider on
# 127.0.0.1 (interop/oidc-test-provider.mjs).
export SSO_ALLOW_LOOPBACK_ISSUERS="${SSO_ALLOW_LOOPBACK_ISSUERS:-true}"
# The webhook journey (frontend/e2e/webhooks.spec.ts) registers a receiver it runs itself on
# http://127.0.0.1:<free port>: plain http and loopback are allowed here as in development (never
# the platform's own port); production refuses both (webhooks.E001 in `check --deploy`).
export WEBHOOK_ALLOW_HTTP="${WEBHOOK_ALLOW_HTTP:-true}"
export WEBHOOK_ALLOW_LOOPBACK="${WEBHOOK_ALLOW_LOOPBACK:-true}"
# E-mail goes to files, one per message (Django's file backend), emptied at each start: the
# journeys open the confirmation link from the message, as a person opens it from their inbox
# (frontend/e2e/support/mailbox.ts). E2E_MAIL_DIR is relative to the repository.
E2E_MAIL_DIR="${E2E_MAIL_DIR:-var/e2e-mail}"
rm -rf "$E2E_MAIL_DIR"
mkdir -p "$E2E_MAIL_DIR"
export EMAIL_URL="filemail:///$(cd "$E2E_MAIL_DIR" && pwd)"
# Links, QR codes and the issuer's did:web name the port actually served (see PUBLIC_BASE_URL).
export PORT="${E2E_PORT:-8123}"
if [ -z "${DATABASE_URL:-}" ]; then
  mkdir -p var
  rm -f var/e2e.sqlite3
  export DATABASE_URL="sqlite:///$(pwd)/var/e2e.sqlite3"
else
  DATABASE_URL="$(.venv/bin/python scripts/fresh_database.py "$DATABASE_URL" e2e)"
  export DATABASE_URL
fi
if [ -n "${REDIS_URL:-}" ]; then
  # A Redis database of its own (E2E_REDIS_DB), like the fresh SQL database: a worker of another
  # test run on the same Redis must not take these tasks to its own database, nor this one theirs.
  REDIS_URL="$(printf '%s' "$REDIS_URL" | sed -E "s#(/[0-9]+)?/?\$#/${E2E_REDIS_DB:-13}#")"
  export REDIS_URL
  # Empty, like the fresh SQL database: cached answers of an earlier run name the same ids.
  .venv/bin/python -c 'import os, redis; redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()'
fi
.venv/bin/python manage.py migrate --noinput -v0
# The browser journeys browse the demo catalog and sign in as demo accounts.
.venv/bin/python manage.py seed_demo >/dev/null
# E2E_DEMO_VIDEOS=1: the demo video lessons get their generated clips (frontend/e2e/video.spec.ts
# plays one). The first run makes them with ffmpeg (about 90 s on 2 cores), later runs copy them
# from var/demo-media/ in under a second.
if [ -n "${E2E_DEMO_VIDEOS:-}" ]; then
  .venv/bin/python manage.py demo_videos >/dev/null
fi

WORKER_PID=''
SERVER_PID=''
stop() {
  for pid in $SERVER_PID $WORKER_PID; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 143' TERM
trap 'exit 130' INT HUP

if [ -n "${REDIS_URL:-}" ]; then
  .venv/bin/celery -A config worker --concurrency=1 --loglevel=WARNING --without-mingle \
    --without-gossip &
  WORKER_PID=$!
fi
.venv/bin/python manage.py runserver "127.0.0.1:$PORT" --noreload &
SERVER_PID=$!
wait "$SERVER_PID"
