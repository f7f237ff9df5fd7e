"""`make bench`, web tier: gunicorn on PostgreSQL and Redis driven by wrk, baseline in the same run.

Loads the scale data (`manage.py seed_scale` with its defaults: 10,000 courses, 100,000 learners,
300,000 enrollments, 1,000,000 learning events, 20,000 certificates) into a benchmark database
when missing, prepares a bench learner (100 enrollments, three really issued certificates, a
bearer token) and learners to enrol, counts SQL queries per request in process, then starts the
production setup on 127.0.0.1 (gunicorn with 2 sync workers, a Celery worker with 2 processes,
both on Redis database BENCH_REDIS_URL) with the benchmark settings, whose only difference is
one extra URL: a bare DRF view returning a constant, the baseline every figure is divided by.
Each endpoint is driven by wrk (`-t2 -c32 -d10s --latency` by default) through a generated Lua
script that spreads the requests over many courses, enrollments and certificates, so that no
figure is one hot row. Writes var/bench/web.json and var/bench/web.md.
"""

import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# Everything a run writes (web.json, web.md, wrk scripts, media); bench_scale.py gives its own.
OUTPUT = Path(os.environ.get("BENCH_OUTPUT", ROOT / "var" / "bench"))
KEYS = ROOT / "var" / "keys"  # the development keys the in-process preparation signs with
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/icim_bench"
)
# Not 0 (development) nor 3 (tests), nor bench_issuing.py's 11.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
SEED_SIZES = {
    size: os.environ[f"BENCH_{size.upper()}"]
    for size in ("courses", "learners", "enrollments", "events", "certificates")
    if f"BENCH_{size.upper()}" in os.environ
}
PORT = int(os.environ.get("BENCH_PORT", "8765"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
WARM_UP = os.environ.get("BENCH_WARM_UP", "5s")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
# Each endpoint is measured this many times after its warm-up; the figures are the medians, so
# one noisy run on a shared machine does not make a regression.
RUNS = range(int(os.environ.get("BENCH_RUNS", "2")))
THREADS = 2
ONLY = [name for name in os.environ.get("BENCH_ONLY", "").split(",") if name]
# Statements in the LRS's bench organisation (devdata's seed_lrs, kept between runs): the
# filtered GET's budget is stated at a million.
LRS_STATEMENTS = int(os.environ.get("BENCH_LRS_STATEMENTS", "1000000"))
# Issue 23: threads in one course, replies in one of its threads (devdata.discussions_scale).
DISCUSSION_THREADS = int(os.environ.get("BENCH_DISCUSSION_THREADS", "10000"))
DISCUSSION_REPLIES = int(os.environ.get("BENCH_DISCUSSION_REPLIES", "500"))
# SQL queries per request (tests/benchmarks/test_bench_discussions.py checks them), the page
# built (first) / read from discussions.page_cache (second). The list: the course with access
# flags, the reader's own unseen threads, [count, page with authors], the reader's follows. The
# thread: itself, access flags, the reader's held replies, [count, page, attachments], the
# reader's upvotes.
DISCUSSION_LIST_QUERIES = "5 / 3"
DISCUSSION_POSTS_QUERIES = "7 / 4"
# `make bench-scale` adds more filtered GETs: by agent, registration, related activities, `more`.
LRS_VARIANTS = os.environ.get("BENCH_LRS_VARIANTS", "") == "1"
LRS_ORGANIZATION = "lrs-bench"
# The batches go to another organisation: the GETs' one keeps exactly its seeded statements.
LRS_WRITER = "lrs-bench-writes"
LRS_BATCH = 100  # statements per POST
LRS_PAGE = 50  # the filtered GETs' limit
BENCH_EMAIL = "bench-learner@example.org"
BENCH_PASSWORD = "bench-password-2026"
ENROLLING_LEARNERS = 8
COURSES_TO_ENROL = 2500  # per learner: 20,000 distinct enrolments, more than a run makes
SEARCHES = [
    "predictive maintenance",
    "collaborative robots",
    "machine vision",
    "digital twins",
    "functional safety",
    "PLC programming",
]
ENVIRONMENT = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings_bench",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "DJANGO_DEBUG": "false",
    "DEVDATA_ENABLED": "true",  # seed_scale runs under config.settings too (see _manage)
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "MEDIA_ROOT": str(OUTPUT / "media"),
    "EMAIL_URL": "dummymail://",
    "LOG_LEVEL": "WARNING",
    # The same keys the preparation issued with, given explicitly as production does.
    "PDF_SEAL_KEY_FILE": str(KEYS / "seal-key.pem"),
    "PDF_SEAL_CERT_FILE": str(KEYS / "seal-cert.pem"),
    "PDF_SEAL_CHAIN_FILE": str(KEYS / "seal-ca.pem"),
    "CREDENTIAL_SIGNING_KEY_FILE": str(KEYS / "credential-signing-key.pem"),
    # The load generator is one client: public throttles would answer it 429.
    "THROTTLE_VERIFY": "100000000/min",
}

LUA_TEMPLATE = """
-- Generated by tests/benchmarks/bench.py for one endpoint: the requests to spread the load over.
-- {method, path, bearer token, content type, body, lesson}
local requests = {
%(requests)s
}
-- An xAPI batch: these statements, each with a new id ("@ID@") in every request.
local xapi_templates = {
%(xapi_templates)s
}
-- When above 0: each response must be a 200 listing this many statement ids.
local check_ids = %(check_ids)d
local all_threads = {}
bad = 0
local mode = "%(mode)s"
local body_path = "%(body_path)s"
local threads = %(threads)d
local thread_count = 0
local file_body = nil
local counter = 0

function setup(thread)
  table.insert(all_threads, thread)
  thread:set("offset", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  counter = offset or 0
  math.randomseed(os.time() * 1000 + counter)
  if body_path ~= "" then
    local handle = assert(io.open(body_path, "rb"))
    file_body = handle:read("*a")
    handle:close()
  end
end

local function uuid4()
  return (string.gsub("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%%x", v)
  end))
end

request = function()
  local r
  if mode == "sequence" then
    -- Each thread walks its own share of the list: every request is a new enrolment.
    r = requests[counter %% #requests + 1]
    counter = counter + threads
  else
    r = requests[math.random(#requests)]
  end
  local headers = {}
  if string.sub(r[3], 1, 6) == "Basic " then
    headers["Authorization"] = r[3]
  elseif r[3] ~= "" then
    headers["Authorization"] = "Bearer " .. r[3]
  end
  if string.sub(r[2], 1, 10) == "/api/xapi/" then
    headers["X-Experience-API-Version"] = "1.0.3"
  end
  if r[4] ~= "" then headers["Content-Type"] = r[4] end
  local body = r[5]
  if body == "@file" then
    body = file_body
  elseif body == "@xapi-batch" then
    local parts = {}
    for i = 1, #xapi_templates do
      parts[i] = (string.gsub(xapi_templates[i], "@ID@", uuid4()))
    end
    body = "[" .. table.concat(parts, ",") .. "]"
  elseif body == "@event" then
    body = '{"id":"' .. uuid4() .. '","kind":"lesson_opened","lesson":"' .. r[6] .. '"}'
  elseif body == "" then
    body = nil
  end
  return wrk.format(r[1], r[2], headers, body)
end

if check_ids > 0 then
  response = function(status, headers, body)
    local _, ids = string.gsub(body, '"%%x%%x%%x%%x%%x%%x%%x%%x%%-%%x%%x%%x%%x%%-', "")
    if status ~= 200 or ids ~= check_ids then bad = bad + 1 end
  end
end

done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(all_threads) do total = total + (tonumber(thread:get("bad")) or 0) end
  if total > 0 then io.write(string.format("Unexpected responses: %%d\\n", total)) end
end
"""


@dataclass
class Request:
    method: str
    path: str
    token: str = ""
    content_type: str = ""
    # "@file": the endpoint's body file; "@event": a new learning event; "@xapi-batch": the
    # endpoint's xAPI statements, each with a new id
    body: str = ""
    lesson: str = ""


@dataclass
class Endpoint:
    name: str
    requests: list[Request]
    budget: float | None = None  # minimum ratio to the baseline
    p99_budget: float = 100.0  # with the ratio: the 99th percentile's ceiling, ms
    min_rate: float | None = None  # a floor in requests/s instead of a ratio
    mode: str = "random"  # or "sequence": each request once, in order (enrolments)
    body_file: str = ""
    is_cached: bool = False  # served from the cache: every URL is requested once before wrk
    queries: str = ""  # SQL queries of the first request, and of the second when it differs
    pinned_queries: str = ""  # when given: what `queries` must be, else the run fails
    xapi_templates: list[str] = field(default_factory=list)  # for "@xapi-batch" bodies
    result: dict[str, Any] = field(default_factory=dict)


def xapi_templates(count: int) -> list[str]:
    """`count` statements of a batch as JSON, each with "@ID@" where its new id goes: learners
    of the bench organisation experiencing, completing and passing lessons of bench courses
    (IRIs the seeded statements do not use, so that the filtered GETs read only seeded data)."""
    verbs = ["experienced", "completed", "passed", "attempted", "answered"]
    templates = []
    for number in range(count):
        verb = verbs[number % len(verbs)]
        result = ',"result":{"score":{"scaled":0.8},"success":true}' if verb == "passed" else ""
        templates.append(
            json.dumps(
                {
                    "id": "@ID@",
                    "actor": {
                        "objectType": "Agent",
                        "name": f"Bench Learner {number}",
                        "mbox": f"mailto:bench-learner-{number}@lrs.icim.example",
                    },
                    "verb": {
                        "id": f"http://adlnet.gov/expapi/verbs/{verb}",
                        "display": {"en-US": verb},
                    },
                    "object": {
                        "objectType": "Activity",
                        "id": f"https://bench.icim.example/course/{number % 7}/lesson/{number}",
                        "definition": {"type": "http://adlnet.gov/expapi/activities/lesson"},
                    },
                    "context": {
                        "registration": str(uuid.UUID(int=number + 1, version=4)),
                        "contextActivities": {
                            "parent": [{"id": f"https://bench.icim.example/course/{number % 7}"}]
                        },
                    },
                    "timestamp": "2026-12-01T10:00:00+00:00",
                },
                separators=(",", ":"),
            )[:-1]
            + result
            + "}"
        )
    return templates


def xapi_batch(templates: list[str], ids: list[str]) -> str:
    """The JSON array of the templates, each with its id put in (as the wrk script does)."""
    return "[" + ",".join(t.replace("@ID@", i) for t, i in zip(templates, ids, strict=True)) + "]"


def _headers(request: Request) -> dict[str, str]:
    """The request's headers as the wrk script sends them."""
    headers = {}
    if request.token.startswith("Basic "):
        headers["Authorization"] = request.token
    elif request.token:
        headers["Authorization"] = f"Bearer {request.token}"
    if request.path.startswith("/api/xapi/"):
        headers["X-Experience-API-Version"] = "1.0.3"
    return headers


def request_body(endpoint: Endpoint, request: Request) -> bytes | str:
    """One request's body as the wrk script would make it (new ids where it makes new ones)."""
    if request.body == "@file":
        return Path(endpoint.body_file).read_bytes()
    if request.body == "@event":
        return json.dumps(
            {"id": str(uuid.uuid4()), "kind": "lesson_opened", "lesson": request.lesson}
        )
    if request.body == "@xapi-batch":
        templates = endpoint.xapi_templates
        return xapi_batch(templates, [str(uuid.uuid4()) for _ in templates])
    return request.body


def _lrs_credential(organization: str) -> str:
    """A new Basic credential of the organisation, from the LRS's management command."""
    import base64

    from accounts.models import Organization

    Organization.objects.get_or_create(
        slug=organization, defaults={"name": organization, "kind": "institution", "country": "DE"}
    )
    key_secret = _manage("xapi_credentials", organization, "--name", "bench").strip()
    key_secret = key_secret.splitlines()[-1]
    return "Basic " + base64.b64encode(key_secret.encode()).decode()


def _lrs_endpoints(generator: Any) -> list[Endpoint]:
    """The LRS's batch POST and filtered GETs, over the seeded statements (devdata.lrs_scale)."""
    from django.test import Client

    from devdata import lrs_scale

    credential = _lrs_credential(LRS_ORGANIZATION)
    writer = _lrs_credential(LRS_WRITER)
    counts = lrs_scale.sizes(LRS_STATEMENTS)
    # The last three quarters of the seeded year: most statements of a lesson are after it.
    since = _quote(lrs_scale.stored_at(LRS_STATEMENTS // 4).isoformat())
    page = f"limit={LRS_PAGE}&since={since}"
    popular = ["experienced", "attempted", "completed", "answered", "progressed"]
    verbs = [f"http://adlnet.gov/expapi/verbs/{verb}" for verb in popular]

    def get(query: str) -> Request:
        return Request("GET", f"/api/xapi/statements?{query}", credential)

    filtered = [
        get(
            f"verb={_quote(generator.choice(verbs))}&activity="
            + _quote(
                lrs_scale.lesson_iri(
                    generator.randrange(counts["courses"]),
                    generator.randrange(lrs_scale.LESSONS_PER_COURSE),
                )
            )
            + f"&{page}"
        )
        for _ in range(500)
    ]
    # The GET's budget is issue 22's goal for a filtered page (at 1M stored statements).
    lrs_read: dict[str, Any] = {"budget": 0.30, "pinned_queries": "3"}
    endpoints = [
        Endpoint(
            f"xAPI POST of {LRS_BATCH} statements (Basic)",
            [Request("POST", "/api/xapi/statements", writer, "application/json", "@xapi-batch")],
            budget=0.15,
            # A batch stores 100 statements: its ceiling is that of 100 writes, not of one read.
            p99_budget=250,
            # with BEGIN and COMMIT, and after it cmi5's moveOn: the batch's results, and the
            # attempts of their registrations (one query each, whatever the batch holds)
            pinned_queries="11",
            xapi_templates=xapi_templates(LRS_BATCH),
        ),
        Endpoint(
            f"xAPI GET filtered: verb, activity, since, limit {LRS_PAGE}", filtered, **lrs_read
        ),
    ]
    if not LRS_VARIANTS:
        return endpoints
    registrations = [
        generator.randrange(counts["registrations"] // 10) for _ in range(500)
    ]  # the active ones: registrations are drawn skewed to the low numbers
    by_agent = [
        get(
            "agent="
            + _quote(json.dumps({"mbox": lrs_scale.actor_mbox(lrs_scale.enrolment(r, counts)[0])}))
            + f"&{page}"
        )
        for r in registrations
    ]
    by_registration = [
        get(f"registration={lrs_scale.registration_of(r)}&limit={LRS_PAGE}") for r in registrations
    ]
    related = [
        get(
            f"verb={_quote(verbs[0])}&activity="
            + _quote(lrs_scale.course_iri(generator.randrange(counts["courses"])))
            + f"&related_activities=true&{page}"
        )
        for _ in range(500)
    ]
    # Page 2 of the related query: the `more` links its first pages return.
    client = Client()
    second_pages = []
    for request in related[:50]:
        response = client.get(request.path, headers=_headers(request))
        assert response.status_code == 200, response.content[:500]
        if response.json()["more"]:
            second_pages.append(get(response.json()["more"].split("?", 1)[1]))
    return [
        *endpoints,
        Endpoint(f"xAPI GET by agent, since, limit {LRS_PAGE}", by_agent, **lrs_read),
        Endpoint(f"xAPI GET by registration, limit {LRS_PAGE}", by_registration, **lrs_read),
        Endpoint(
            f"xAPI GET verb + course, related_activities, since, limit {LRS_PAGE}",
            related,
            **lrs_read,
        ),
        Endpoint("xAPI GET `more`: page 2 of the related query", second_pages, **lrs_read),
    ]


def _manage(*arguments: str) -> str:
    """Run a management command, printing its output as it comes (the seed takes minutes)."""
    with subprocess.Popen(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env={**ENVIRONMENT, "DJANGO_SETTINGS_MODULE": "config.settings"},
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            print(line, end="", flush=True)
            lines.append(line)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, arguments)
    return "".join(lines)


def _ensure_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def _setup_django() -> None:
    """Development mode in this process: the test client speaks plain HTTP, and issuing signs
    with the development keys in var/keys/ (created on first use), which gunicorn is given."""
    os.environ.update(ENVIRONMENT)
    os.environ["DJANGO_DEBUG"] = "true"
    os.environ.pop("REDIS_URL")  # issue the bench learner's certificates in this process
    for name in ("PDF_SEAL_KEY_FILE", "PDF_SEAL_CERT_FILE", "PDF_SEAL_CHAIN_FILE"):
        os.environ.pop(name)
    os.environ.pop("CREDENTIAL_SIGNING_KEY_FILE")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _learner(email: str, name: str) -> tuple[Any, str]:
    """A learner who can sign in, with a new bearer token."""
    from accounts import api as accounts_api
    from accounts.models import User

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, BENCH_PASSWORD, full_name=name)
    _token, secret = accounts_api.create_api_token(
        email=email, password=BENCH_PASSWORD, name="bench"
    )
    return user, secret


def _prepare() -> list[Endpoint]:
    """The bench learner's enrollments, certificates and token; the endpoints and requests."""
    import random

    from django.utils import timezone

    from certificates import api as certificates_api
    from certificates.models import Certificate
    from courses import api as courses_api
    from courses.models import Course
    from enrollment import api as enrollment_api
    from enrollment.models import Enrollment

    generator = random.Random(2026)
    slugs = list(Course.objects.filter(slug__startswith="scale-").values_list("slug", flat=True))
    user, token = _learner(BENCH_EMAIL, "Bench Learner")
    enrollments = [  # the same 100 courses every run: enrolling again changes nothing
        enrollment_api.enroll(user=user, course_slug=slug)
        for slug in random.Random(100).sample(slugs, min(100, len(slugs)))
    ]
    lessons = [
        str(next(iter(courses_api.get_outline(version_id=e.version_id).lessons)))
        for e in enrollments
    ]
    # Three certificates issued for real (rendered, signed, sealed): listed, and verified by PDF.
    completed = enrollments[-3:]
    Enrollment.objects.filter(pk__in=[e.pk for e in completed]).update(
        status="completed", completed_at=timezone.now(), final_grade=90
    )
    issued = [certificates_api.issue_certificate(enrollment_id=e.pk) for e in completed]
    pdf = certificates_api.read_pdf(certificate=issued[0])
    boundary = "icim-bench-" + secrets.token_hex(8)
    upload = OUTPUT / "verify-upload.bin"
    upload.write_bytes(
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            'filename="certificate.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        + pdf
        + f"\r\n--{boundary}--\r\n".encode()
    )
    certificate_ids = [
        str(pk)
        for pk in Certificate.objects.filter(state="issued")
        .order_by("?")
        .values_list("pk", flat=True)[:1000]
    ]
    # New learners each run, so that every enrolment request makes a new enrollment.
    run = secrets.token_hex(3)
    enrolling = [
        _learner(f"bench-enrol-{run}-{number}@example.org", f"Enrolling Learner {number}")[1]
        for number in range(ENROLLING_LEARNERS)
    ]
    enrol_slugs = generator.sample(slugs, min(COURSES_TO_ENROL, len(slugs)))
    enrol_body = '{"course":"%s"}'

    # Issue 23: a course with 10,000 threads, one of them with 500 replies (devdata).
    from devdata.discussions_scale import seed_discussions

    discussed = enrollments[0].course.slug
    big_thread = seed_discussions(
        course_slug=discussed,
        author_email=BENCH_EMAIL,
        threads=DISCUSSION_THREADS,
        replies=DISCUSSION_REPLIES,
    )

    def searches(language: str, bearer: str = "") -> list[Request]:
        terms = SEARCHES if language == "en" else ["数字", "机器", "维护", "安全", "编程"]
        return [
            Request("GET", f"/api/v1/courses/?lang={language}&search={_quote(term)}", bearer)
            for term in terms
        ]

    # Issue 21's goal for the reads every page makes: half the bare view's rate, p99 < 50 ms.
    read: dict[str, Any] = {"budget": 0.50, "p99_budget": 50.0}
    return [
        Endpoint("baseline: bare DRF view (constant)", [Request("GET", "/bench/baseline")]),
        Endpoint("catalog search, anonymous (en)", searches("en"), **read, is_cached=True),
        Endpoint("catalog search, logged in (en)", searches("en", token), **read, is_cached=True),
        Endpoint(
            "catalog search, anonymous (zh, substring)",
            searches("zh-hans"),
            **read,
            is_cached=True,
        ),
        Endpoint(
            "course detail (9 lessons)",
            [
                Request("GET", f"/api/v1/courses/{slug}/")
                for slug in generator.sample(slugs, min(500, len(slugs)))
            ],
            **read,
            is_cached=True,
        ),
        Endpoint(
            "enroll (POST, token)",
            [
                Request(
                    "POST", "/api/v1/enrollments/", learner, "application/json", enrol_body % slug
                )
                for slug in enrol_slugs
                for learner in enrolling
            ],
            mode="sequence",
            budget=0.15,
        ),
        Endpoint(
            "record event (POST, token)",
            [
                Request(
                    "POST",
                    f"/api/v1/enrollments/{e.pk}/events/",
                    token,
                    "application/json",
                    "@event",
                    lesson,
                )
                for e, lesson in zip(enrollments[:-3], lessons, strict=False)
            ],
            budget=0.25,
            p99_budget=50,
        ),
        Endpoint(
            "progress read (token)",
            [
                Request("GET", f"/api/v1/enrollments/{e.pk}/progress/", token)
                for e in enrollments[:-3]
            ],
            **read,
        ),
        Endpoint(
            "certificate list (token)",
            [Request("GET", "/api/v1/certificates/", token)],
            budget=0.40,
        ),
        Endpoint(
            "GET /api/v1/verify/<id> (public)",
            [Request("GET", f"/api/v1/verify/{pk}") for pk in certificate_ids],
            **read,
        ),
        Endpoint(
            "POST /api/v1/verify with the PDF (public)",
            [
                Request(
                    "POST",
                    "/api/v1/verify",
                    content_type=f"multipart/form-data; boundary={boundary}",
                    body="@file",
                )
            ],
            min_rate=150,
            body_file=str(upload),
        ),
        *_lrs_endpoints(generator),
        *discussion_endpoints(discussed, big_thread.pk, token),
    ]


def discussion_endpoints(course_slug: str, thread_id: int, token: str) -> list[Endpoint]:
    """Issue 23's goal: the course's thread list at 10,000 threads and a thread's page of
    replies at 500, each at least 0.30 of the bare view, with pinned query counts (the token's
    user cached after the first request, so: first request / second)."""
    threads = f"/api/v1/courses/{course_slug}/discussions/"
    posts = f"/api/v1/discussions/threads/{thread_id}/posts/"
    return [
        Endpoint(
            f"discussion list, {DISCUSSION_THREADS:,} threads (token)",
            [
                Request("GET", f"{threads}{query}", token)
                for query in ("", "?page=2", "?page=50", "?language=zh-hans", "?is_answered=false")
            ],
            budget=0.30,
            pinned_queries=DISCUSSION_LIST_QUERIES,
        ),
        Endpoint(
            f"discussion thread, {DISCUSSION_REPLIES} replies (token)",
            [
                Request("GET", f"{posts}?page={page}&page_size=50", token)
                for page in range(1, DISCUSSION_REPLIES // 50 + 1)
            ],
            budget=0.30,
            pinned_queries=DISCUSSION_POSTS_QUERIES,
        ),
    ]


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text)


def _count_queries(endpoints: list[Endpoint]) -> None:
    """SQL queries of one request to each endpoint, through Django's test client in process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    # Each bearer token once first: its user is cached then, as in the measured runs (whatever
    # endpoints BENCH_ONLY keeps, the counts describe the endpoint, not the token's first use).
    for token in dict.fromkeys(
        r.token for e in endpoints for r in e.requests if r.token and " " not in r.token
    ):
        client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    unpinned = []
    for endpoint in endpoints:
        # The last request: an enrolment the run itself will not make.
        request = endpoint.requests[-1 if endpoint.mode == "sequence" else 0]
        headers = _headers(request)
        body = request_body(endpoint, request)
        counts = []
        for _repeat in range(2 if request.method == "GET" else 1):  # cache miss, then hit
            with CaptureQueriesContext(connection) as queries:
                response = client.generic(
                    request.method,
                    request.path,
                    body,
                    content_type=request.content_type or "application/octet-stream",
                    headers=headers,
                )
            assert response.status_code in (200, 201), (endpoint.name, response.content[:500])
            if request.body == "@xapi-batch":
                assert len(response.json()) == len(endpoint.xapi_templates), endpoint.name
            counts.append(len(queries))
        endpoint.queries = " / ".join(str(count) for count in dict.fromkeys(counts))
        if endpoint.pinned_queries and endpoint.queries != endpoint.pinned_queries:
            unpinned.append(
                f"{endpoint.name}: {endpoint.queries} SQL queries, pinned at "
                f"{endpoint.pinned_queries}:\n"
                + "\n".join(query["sql"][:300] for query in queries.captured_queries)
            )
    if unpinned:
        raise RuntimeError("\n\n".join(unpinned))


def _write_lua(endpoint: Endpoint, index: int) -> Path:
    def lua_string(text: str) -> str:
        return json.dumps(text, ensure_ascii=True)  # JSON string escapes are valid Lua

    rows = ",\n".join(
        "  {"
        + ", ".join(
            lua_string(value)
            for value in (r.method, r.path, r.token, r.content_type, r.body, r.lesson)
        )
        + "}"
        for r in endpoint.requests
    )
    script = OUTPUT / f"endpoint-{index}.lua"
    script.write_text(
        LUA_TEMPLATE
        % {
            "requests": rows,
            "mode": endpoint.mode,
            "body_path": endpoint.body_file,
            "threads": THREADS,
            "xapi_templates": ",\n".join(f"  {lua_string(t)}" for t in endpoint.xapi_templates),
            "check_ids": len(endpoint.xapi_templates),
        }
    )
    return script


def _wrk(script: Path, duration: str, connections: int) -> str:
    """wrk's report; a script error (which wrk reports on stderr, then requests "/" instead)
    fails the run."""
    result = subprocess.run(
        [
            "wrk",
            f"-t{THREADS}",
            f"-c{connections}",
            f"-d{duration}",
            "--latency",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://127.0.0.1:{PORT}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    if result.stderr.strip():
        raise RuntimeError(f"wrk with {script.name}: {result.stderr}")
    return result.stdout


def _parse(output: str, name: str) -> dict[str, float]:
    match = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if match:
        raise RuntimeError(f"{name}: {match.group(1)} error responses under load:\n{output}")
    match = re.search(r"Unexpected responses: (\d+)", output)
    if match:
        raise RuntimeError(f"{name}: {match.group(1)} responses without their ids:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]

    def percentile(label: str) -> float:
        value, unit = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)\b", output).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    # Requests still unanswered after --timeout: not in the percentiles, so reported apart.
    timeouts = re.search(r"Socket errors: .*timeout (\d+)", output)
    return {
        "rate": rate,
        "p50": percentile("50"),
        "p99": percentile("99"),
        "requests": requests,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def _prime(endpoint: Endpoint) -> None:
    """One request to each URL, so the run measures the cache's steady state, not its filling."""
    for request in endpoint.requests:
        with urllib.request.urlopen(
            urllib.request.Request(
                f"http://127.0.0.1:{PORT}{request.path}", headers=_headers(request)
            )
        ) as response:
            response.read()


def _flush_cache() -> None:
    """Start from an empty cache: the benchmark's own Redis database."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def _wait_for(url: str) -> None:
    for _attempt in range(150):
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 - loopback
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def gunicorn_command(port: int) -> list[str]:
    """gunicorn serving the project with 2 sync workers on loopback (its settings come from the
    environment the caller gives it)."""
    return [
        str(ROOT / ".venv/bin/gunicorn"),
        "config.wsgi",
        *("--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"),
    ]


def _servers() -> list[subprocess.Popen[bytes]]:
    log = (OUTPUT / "servers.log").open("w")
    gunicorn = subprocess.Popen(
        gunicorn_command(PORT),
        cwd=ROOT,
        env=ENVIRONMENT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--concurrency=2",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
            "--hostname",
            f"bench-web-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=ENVIRONMENT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return [gunicorn, worker]


def main() -> None:
    started = time.monotonic()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    _ensure_database()
    _manage("migrate", "--noinput", "-v0")
    seed_started = time.monotonic()
    seed_output = _manage(
        "seed_scale", *(f"--{size}={value}" for size, value in SEED_SIZES.items())
    )
    seed_seconds = time.monotonic() - seed_started
    lrs_started = time.monotonic()
    lrs_output = _manage("seed_lrs", f"--statements={LRS_STATEMENTS}")
    lrs_seconds = time.monotonic() - lrs_started
    _setup_django()
    endpoints = _prepare()
    if ONLY:  # while profiling one endpoint: the baseline and the endpoints named
        endpoints = [endpoints[0], *(e for e in endpoints[1:] if any(o in e.name for o in ONLY))]
    _count_queries(endpoints)
    scripts = [_write_lua(endpoint, index) for index, endpoint in enumerate(endpoints)]
    _flush_cache()
    servers = _servers()
    try:
        _wait_for(f"http://127.0.0.1:{PORT}/bench/baseline")
        for endpoint, script in zip(endpoints, scripts, strict=True):
            if endpoint.is_cached:
                _prime(endpoint)
            _wrk(script, WARM_UP, CONNECTIONS)  # connections, caches, the OS page cache
            runs = [_parse(_wrk(script, DURATION, CONNECTIONS), endpoint.name) for _ in RUNS]
            endpoint.result = {
                **{key: statistics.median(run[key] for run in runs) for key in runs[0]},
                "runs": [run["rate"] for run in runs],
            }
            print(f"  {endpoint.name}: {endpoint.result['runs']} req/s", flush=True)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=60)
    baseline = endpoints[0].result["rate"]
    seeded = re.search(r"Scale data ready in (\d+) s", seed_output)
    results = {
        "connections": CONNECTIONS,
        "threads": THREADS,
        "duration": DURATION,
        "seed_seconds": round(seed_seconds),
        "seed_loaded": "courses already present" not in seed_output,
        "seed_reported_seconds": int(seeded.group(1)) if seeded else None,
        "seed_sizes": SEED_SIZES or "defaults",
        "lrs_statements": LRS_STATEMENTS,
        "lrs_seed_seconds": round(lrs_seconds),
        "lrs_seed_loaded": "already present" not in lrs_output,
        "total_seconds": round(time.monotonic() - started),
        "endpoints": [
            {
                "name": e.name,
                "budget": e.budget,
                "p99_budget": e.p99_budget,
                "min_rate": e.min_rate,
                "queries": e.queries,
                "ratio": e.result["rate"] / baseline,
                **e.result,
            }
            for e in endpoints
        ],
    }
    (OUTPUT / "web.json").write_text(json.dumps(results, indent=2))
    table = web_table(results)
    (OUTPUT / "web.md").write_text(table + "\n")
    print(table)


def budget_verdict(endpoint: dict[str, Any]) -> tuple[str, bool] | None:
    """The endpoint's budget as written, and whether this run met it (None: it has none)."""
    if endpoint.get("min_rate") is not None:
        return f"≥ {endpoint['min_rate']:.0f} req/s", endpoint["rate"] >= endpoint["min_rate"]
    if endpoint["budget"] is None:
        return None
    ceiling = endpoint.get("p99_budget") or 100.0
    return (
        f"≥ {endpoint['budget']:.2f}, p99 < {ceiling:.0f}",
        endpoint["ratio"] >= endpoint["budget"] and endpoint["p99"] < ceiling,
    )


def web_table(results: dict[str, Any]) -> str:
    """The web figures as a Markdown table, with each budget met or not."""
    lines = [
        "| endpoint | req/s | ratio to baseline | budget | p50 ms | p99 ms "
        "| SQL queries (miss / hit) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for e in results["endpoints"]:
        budget = ""
        verdict = budget_verdict(e)
        if verdict is not None:
            budget = f"{verdict[0]}: {'met' if verdict[1] else '**not met**'}"
        lines.append(
            f"| {e['name']} | {e['rate']:,.0f} | {e['ratio']:.2f} | {budget} | "
            f"{e['p50']:.1f} | {e['p99']:.1f} | {e['queries']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
