"""The one settings module: every value comes from the environment (see .env.example)."""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Queue
from redis.backoff import NoBackoff
from redis.retry import Retry

from config.content_policy import csp_directives, swapped_loopback_origin
from config.storage import file_storages, read_s3_settings

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env is a convenience for development; real deployments set the environment itself.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

# Development gets a fixed, clearly-labelled key; production must provide its own.
_DEVELOPMENT_SECRET_KEY = "insecure-development-key-never-use-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it for production, or set DJANGO_DEBUG=true "
            "for local development (make run does this for you)."
        )
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY
elif not DEBUG and SECRET_KEY == _DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("The development secret key is refused when DJANGO_DEBUG is off.")

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS",
    default=["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else [],
)
# The address in e-mails, QR codes, credentials and the issuer's did:web; it may carry a path
# when the app is served under one (https://example.org/academy). In development it follows the
# port the server runs on (`PORT=9000 make run`: the Makefile exports PORT); production ignores
# PORT, which hosting platforms set for their own purposes.
_DEVELOPMENT_PORT = env.int("PORT", default=8000) if DEBUG else 8000
PUBLIC_BASE_URL = env.str(
    "PUBLIC_BASE_URL", default=f"http://127.0.0.1:{_DEVELOPMENT_PORT}"
).rstrip("/")
# Browsers send an origin (scheme, host, port), never the path of PUBLIC_BASE_URL.
_PUBLIC_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(PUBLIC_BASE_URL))
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[_PUBLIC_ORIGIN])

# Demo and scale data (seed_demo, seed_scale, demo_videos): development and benchmarks only.
DEVDATA_ENABLED = env.bool("DEVDATA_ENABLED", default=DEBUG)

INSTALLED_APPS = [
    "config.apps.AcademyAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "django_countries",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "accounts",
    "courses",
    "lrs",
    "enrollment",
    "certificates",
    "discussions",
    "events",
    "practices",
    "lti_tool",
    "lti",
    "interchange",
    "webhooks",
    "sso",
    "seats",
    "records",
    "programs",
    *(["devdata"] if DEVDATA_ENABLED else []),
    "config",
]

MIDDLEWARE = [
    # Outermost, so that it sees every cookie the others set (config/compression.py: BREACH).
    "config.compression.SecretFreeGZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Requests to PACKAGE_CONTENT_ORIGIN get the content routes only, with their own policy.
    "config.content_origin.ContentOriginMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "config.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.api.JSONErrorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
_VAR_DIR = BASE_DIR / "var"
if "DATABASE_URL" not in env:
    _VAR_DIR.mkdir(exist_ok=True)  # the embedded SQLite database lives here
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{_VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A new connection per request cost ~3x throughput here (DESIGN.md section 7); keep them.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Requests and the background task thread (config/celery.py) write at the same time: take the
    # write lock when a transaction begins and wait for it, instead of failing with "database is
    # locked" when a reading transaction tries to write (Django's advice for SQLite).
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache and Celery broker -----------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.RedisCache",  # Django's, sharing its clients
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="icim"),
            # Fail fast when Redis is down (redis-py's default retries with backoff for ~5 s
            # per call); callers fall back to the database. One immediate retry reconnects a
            # connection that a Redis restart dropped.
            "OPTIONS": {
                "socket_connect_timeout": 1,
                "socket_timeout": 2,
                "retry": Retry(NoBackoff(), 1),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# Without a broker, tasks run in process so a newcomer needs nothing else running: on one
# background thread (config/celery.py), so that no request waits for a task, e.g. the quiz
# answer that completes a course for its certificate's PDF. Tests set it off (eager tasks).
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
TASKS_IN_BACKGROUND_THREAD = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged only after it finished, so a killed worker's task is redelivered.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers a message that was taken but never acknowledged (its worker was killed) after
# this many seconds. It must exceed the longest task including retry countdowns (up to 600 s),
# or a task still running would be delivered a second time.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
}
CELERY_TASK_SERIALIZER = "json"
# Work of different kinds on queues of its own, so that a deployment can give each its workers
# (`celery -A config worker -Q pdf` on the hosts that render, `-Q media` where ffmpeg runs) and a
# video transcode never holds up a certificate. A worker started without -Q, as `make worker`,
# takes all four. Periodic sweeps and anything unrouted go to the default queue.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = [Queue(name) for name in ("celery", "pdf", "media", "email")]
CELERY_TASK_ROUTES = {
    "certificates.tasks.issue_certificate_task": {"queue": "pdf"},
    "courses.tasks.process_video_task": {"queue": "media"},
    "courses.tasks.store_elearning_package_task": {"queue": "media"},
    "accounts.tasks.send_password_reset_email_task": {"queue": "email"},
    "accounts.tasks.send_email_task": {"queue": "email"},
    "certificates.tasks.notify_learner_task": {"queue": "email"},
    "certificates.tasks.notify_revocation_task": {"queue": "email"},
    "discussions.tasks.notify_about_post_task": {"queue": "email"},
    "discussions.tasks.notify_endorsement_task": {"queue": "email"},
    "discussions.tasks.send_discussion_digests_task": {"queue": "email"},
}
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Finds completed enrollments whose certificate task was lost (broker down, worker killed).
CELERY_BEAT_SCHEDULE = {
    "sweep-missing-certificates": {
        "task": "certificates.tasks.sweep_missing_certificates_task",
        "schedule": 300.0,
    },
    "remind-expiring-certificates": {
        "task": "certificates.tasks.remind_expiring_certificates_task",
        "schedule": 24 * 3600.0,
    },
    # Copies learning events into the LRS: the safety net of the copy queued after events commit.
    "copy-learning-events-to-lrs": {
        "task": "enrollment.tasks.copy_events_to_lrs_task",
        "schedule": 60.0,
    },
    # E-mails the daily digest of discussion notifications to those who chose it.
    "send-discussion-digests": {
        "task": "discussions.tasks.send_discussion_digests_task",
        "schedule": 24 * 3600.0,
    },
    # Deletes discussion uploads no post claimed within a day, with their files.
    "discard-unclaimed-discussion-attachments": {
        "task": "discussions.tasks.discard_unclaimed_attachments_task",
        "schedule": 24 * 3600.0,
    },
    # Deletes expired resumable video uploads and their partial files.
    "sweep-expired-video-uploads": {
        "task": "courses.tasks.sweep_expired_video_uploads_task",
        "schedule": 3600.0,
    },
    # Queues webhook attempts that are due: retries, and any whose task was lost.
    "queue-due-webhook-deliveries": {
        "task": "webhooks.tasks.queue_due_deliveries_task",
        "schedule": 60.0,
    },
    # E-mails each employer's admins last month's seat report, once per organisation and month.
    "send-monthly-seat-reports": {
        "task": "seats.tasks.send_monthly_seat_reports_task",
        "schedule": 24 * 3600.0,
    },
    # E-mails each registered attendee once, a day before their event starts.
    "send-event-reminders": {
        "task": "events.tasks.send_event_reminders_task",
        "schedule": 900.0,
    },
}

# --- Auth -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Accounts sign in only once their e-mail address is confirmed (accounts/registration.py).
# Single sign-on (sso/README.md): the OpenID Connect backend answers only its callback view.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ConfirmedEmailBackend",
    "sso.oidc.backend.ProviderBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
API_TOKEN_LIFETIME_DAYS = env.int("API_TOKEN_LIFETIME_DAYS", default=90)
# Days a course invitation (bulk enrolment) can be accepted; sending the file again renews it.
INVITATION_LIFETIME_DAYS = env.int("INVITATION_LIFETIME_DAYS", default=14)

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("de", _("German")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static files, the SPA and media ----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = _VAR_DIR / "static"
FRONTEND_DIST_DIR = BASE_DIR / "frontend" / "dist"
STATICFILES_DIRS = [FRONTEND_DIST_DIR] if FRONTEND_DIST_DIR.exists() else []
WHITENOISE_USE_FINDERS = DEBUG
# Vite names every file under assets/ by its content hash (index.html, not hashed, is served by
# config.views.spa_index with no-cache): browsers keep them for good, in development too.
WHITENOISE_IMMUTABLE_FILE_TEST = rf"^{STATIC_URL}assets/"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=_VAR_DIR / "media")
# Uploaded files (config/storage.py): the filesystem below MEDIA_ROOT (embedded mode), or one
# S3-compatible bucket with a prefix per storage. "videos" holds uploaded videos, their HLS
# renditions and posters (courses/video_storage.py). Either way they leave only through the one
# download view, which checks access.
STORAGE_BACKEND = env.str("STORAGE_BACKEND", default="filesystem")
_S3 = read_s3_settings(env) if STORAGE_BACKEND == "s3" else None
# With S3: seconds a video segment's signed bucket URL lives, the download view redirecting
# segment requests there after its access check (0: it streams them itself, as playlists).
S3_SIGNED_URL_SECONDS = _S3.signed_url_seconds if _S3 else 0
STORAGES = {
    **file_storages(backend=STORAGE_BACKEND, s3=_S3),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The xAPI LRS (lrs/) reads its own bodies: a whole request, and one attachment part within it.
XAPI_MAX_REQUEST_BYTES = env.int("XAPI_MAX_REQUEST_BYTES", default=20 * 1024 * 1024)
XAPI_MAX_ATTACHMENT_BYTES = env.int("XAPI_MAX_ATTACHMENT_BYTES", default=10 * 1024 * 1024)
XAPI_PATH = "/api/xapi"
# Largest file an author may attach to a resource lesson.
RESOURCE_MAX_BYTES = env.int("RESOURCE_MAX_MB", default=25) * 1024 * 1024
# Largest file attached to a discussion post, and how long an account counts as new (stricter
# posting rate).
DISCUSSION_ATTACHMENT_MAX_BYTES = env.int("DISCUSSION_ATTACHMENT_MAX_MB", default=5) * 1024 * 1024
DISCUSSION_NEW_ACCOUNT_DAYS = env.int("DISCUSSION_NEW_ACCOUNT_DAYS", default=7)
# Largest picture an author may upload as a course cover (courses/covers.py).
COVER_MAX_BYTES = env.int("COVER_MAX_MB", default=10) * 1024 * 1024
# Video lessons (courses/video.py, video_processing.py): the largest upload, the longest video,
# and the threads one ffmpeg transcode may use (a worker runs one transcode per process).
VIDEO_MAX_BYTES = env.int("VIDEO_MAX_MB", default=2048) * 1024 * 1024
VIDEO_MAX_SECONDS = env.int("VIDEO_MAX_SECONDS", default=4 * 3600)
VIDEO_FFMPEG_THREADS = env.int("VIDEO_FFMPEG_THREADS", default=2)
# Resumable video uploads (courses/video_uploads.py): partial files live in VIDEO_UPLOAD_DIR (a
# local folder every web process shares; empty means <MEDIA_ROOT>/video-uploads), one chunk may
# be at most VIDEO_UPLOAD_CHUNK_MAX_MB (streamed to disk, never held in memory), and a session
# untouched for VIDEO_UPLOAD_SESSION_HOURS is deleted with its partial file.
VIDEO_UPLOAD_DIR = env.str("VIDEO_UPLOAD_DIR", default="")
VIDEO_UPLOAD_CHUNK_MAX_BYTES = env.int("VIDEO_UPLOAD_CHUNK_MAX_MB", default=16) * 1024 * 1024
VIDEO_UPLOAD_SESSION_HOURS = env.int("VIDEO_UPLOAD_SESSION_HOURS", default=24)

# --- E-learning packages (SCORM 1.2 / 2004, cmi5): courses/elearning*.py, enrollment/package_*.py
# The largest zip an author may upload (streamed to a temporary file, never held in memory), and
# what it may unpack to: bytes in all, files, and inflation per entry (checked while inflating).
PACKAGE_MAX_BYTES = env.int("PACKAGE_MAX_MB", default=500) * 1024 * 1024
PACKAGE_MAX_UNPACKED_BYTES = env.int("PACKAGE_MAX_UNPACKED_MB", default=2048) * 1024 * 1024
PACKAGE_MAX_FILES = env.int("PACKAGE_MAX_FILES", default=10_000)
PACKAGE_MAX_RATIO = env.int("PACKAGE_MAX_RATIO", default=100)
# Course imports from other platforms (interchange/): the largest cartridge an author may upload;
# what it unpacks to is held to the package limits above.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_MB", default=500) * 1024 * 1024
# Package content (third-party HTML and script) runs on this separate origin, so it never sees
# the platform's cookies or API (config/content_origin.py). Default: the platform's origin with
# 127.0.0.1 and localhost swapped (development); production sets its own host (config.checks).
PACKAGE_CONTENT_ORIGIN = env.str(
    "PACKAGE_CONTENT_ORIGIN", default=swapped_loopback_origin(_PUBLIC_ORIGIN)
).rstrip("/")
PACKAGE_PLATFORM_ORIGIN = _PUBLIC_ORIGIN
# How long a launch (its signed URL on the content origin) stays valid.
PACKAGE_LAUNCH_SECONDS = env.int("PACKAGE_LAUNCH_SECONDS", default=8 * 3600)
_CONTENT_HOST = urlsplit(PACKAGE_CONTENT_ORIGIN).hostname or ""
if _CONTENT_HOST and ALLOWED_HOSTS and _CONTENT_HOST not in ALLOWED_HOSTS:
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, _CONTENT_HOST]

# --- Webhooks (webhooks/): signed deliveries to organisations' receivers -----------------------
# Receivers must be https on a public address (never loopback, private, link-local or this
# platform). Development and tests may allow plain http and loopback receivers; production
# never should (config.checks warns).
WEBHOOK_ALLOW_HTTP = env.bool("WEBHOOK_ALLOW_HTTP", default=False)
WEBHOOK_ALLOW_LOOPBACK = env.bool("WEBHOOK_ALLOW_LOOPBACK", default=False)
# One attempt's connect and read, together.
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=5.0)
# An endpoint is disabled once both hold: this many failed attempts in a row, failing this long.
WEBHOOK_DISABLE_AFTER_FAILURES = env.int("WEBHOOK_DISABLE_AFTER_FAILURES", default=15)
WEBHOOK_DISABLE_AFTER_DAYS = env.float("WEBHOOK_DISABLE_AFTER_DAYS", default=3.0)
# After a rotation the old secret signs beside the new one for this long.
WEBHOOK_SECRET_GRACE_HOURS = env.float("WEBHOOK_SECRET_GRACE_HOURS", default=24.0)

# --- Single sign-on (sso/): organisations' own OpenID Connect providers -------------------------
# Issuers (and the endpoints their discovery documents name) must be https on a public address.
# Development and tests only: allow a provider on loopback (127.0.0.1, ::1), over plain http too.
SSO_ALLOW_LOOPBACK_ISSUERS = env.bool("SSO_ALLOW_LOOPBACK_ISSUERS", default=False)
# One request to a provider (discovery, JWKS, token, userinfo), connect and answer together.
SSO_HTTP_TIMEOUT_SECONDS = env.float("SSO_HTTP_TIMEOUT_SECONDS", default=5.0)
# The SPA's pages: where a failed sign-in explains itself (?sso_error=<code>) and where a
# successful one goes without a `next`.
SSO_SIGN_IN_PATH = "/login"
SSO_SUCCESS_PATH = "/learning"

# --- PDF seal: the key that signs (PAdES) every certificate PDF -------------------------------
# Production sets all three (a key and certificate issued by the coalition's CA, and that CA's
# certificates, which verification trusts). Development defaults to a self-made CA in var/keys/
# (never committed), created on first use or by `manage.py create_signing_ca`.
_SEAL_KEYS_DIR = _VAR_DIR / "keys"
PDF_SEAL_KEY_FILE = env.str(
    "PDF_SEAL_KEY_FILE", default=str(_SEAL_KEYS_DIR / "seal-key.pem") if DEBUG else ""
)
PDF_SEAL_CERT_FILE = env.str(
    "PDF_SEAL_CERT_FILE", default=str(_SEAL_KEYS_DIR / "seal-cert.pem") if DEBUG else ""
)
PDF_SEAL_CHAIN_FILE = env.str(
    "PDF_SEAL_CHAIN_FILE", default=str(_SEAL_KEYS_DIR / "seal-ca.pem") if DEBUG else ""
)

# --- SAML 2.0 single sign-on (sso/saml): the service provider's own key and certificate -------
# They sign the authentication requests and are published in each provider's SP metadata.
# Production sets both; development makes a self-signed pair in var/keys/ at first use.
SAML_SP_KEY_FILE = env.str(
    "SAML_SP_KEY_FILE", default=str(_SEAL_KEYS_DIR / "saml-sp-key.pem") if DEBUG else ""
)
SAML_SP_CERT_FILE = env.str(
    "SAML_SP_CERT_FILE", default=str(_SEAL_KEYS_DIR / "saml-sp-cert.pem") if DEBUG else ""
)
SAML_XMLSEC_BINARY = env.str("SAML_XMLSEC_BINARY", default="/usr/bin/xmlsec1")

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ICIM Academy <no-reply@icim.example>")

# --- REST API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Bearer tokens first, so an anonymous request gets 401 with a WWW-Authenticate challenge.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON bodies only; views that take a file upload set `parser_classes` to multipart alone,
    # so each operation of the schema has one request media type (generated clients need that).
    "DEFAULT_PARSER_CLASSES": ["config.api.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "config.api.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "config.schema.ApiSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["config.throttling.ScopedWindowThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "login": env.str("THROTTLE_LOGIN", default="10/min"),
        "sso": env.str("THROTTLE_SSO", default="60/min"),
        "register": env.str("THROTTLE_REGISTER", default="20/hour"),
        "confirm_email": env.str("THROTTLE_CONFIRM_EMAIL", default="10/min"),
        "tokens": env.str("THROTTLE_TOKENS", default="10/min"),
        "password_reset": env.str("THROTTLE_PASSWORD_RESET", default="5/hour"),
        "verify": env.str("THROTTLE_VERIFY", default="120/min"),
        "verify_bulk": env.str("THROTTLE_VERIFY_BULK", default="30/min"),
        # Each request signs a new record over every credential held: bounded per user.
        "learner_record": env.str("THROTTLE_LEARNER_RECORD", default="20/min"),
        "certificate_preview": env.str("THROTTLE_CERTIFICATE_PREVIEW", default="20/min"),
        "invitation": env.str("THROTTLE_INVITATION", default="30/min"),
        "event_check_in": env.str("THROTTLE_EVENT_CHECK_IN", default="20/min"),
        # The public programs catalog and program pages, per client.
        "programs_catalog": env.str("THROTTLE_PROGRAMS_CATALOG", default="120/min"),
        # Webhook changes, secret rotations, test deliveries and redeliveries, per user.
        "webhooks": env.str("THROTTLE_WEBHOOKS", default="30/min"),
        # The public list of sign-in buttons, per client address; provider changes and
        # discovery tests, per user.
        "sso_providers": env.str("THROTTLE_SSO_PROVIDERS", default="60/min"),
        "sso_config": env.str("THROTTLE_SSO_CONFIG", default="30/min"),
        "seats_upload": env.str("THROTTLE_SEATS_UPLOAD", default="20/min"),
        # Posts (threads and replies) per user; accounts younger than
        # DISCUSSION_NEW_ACCOUNT_DAYS get the stricter rate.
        "discussion_post": env.str("THROTTLE_DISCUSSION_POST", default="20/min"),
        "discussion_post_new": env.str("THROTTLE_DISCUSSION_POST_NEW", default="5/min"),
    },
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ICIM Academy API",
    "DESCRIPTION": (
        "Training and certification for intelligent manufacturing. Browser clients use session "
        "authentication with CSRF; machine clients send `Authorization: Bearer <token>` from "
        "`POST /api/v1/auth/tokens`. Errors are JSON: `{detail, code, fields?}`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "CountryEnum": "django_countries.countries",
        "LanguageEnum": "config.settings.LANGUAGES",
        "OrganizationKindEnum": "accounts.models.Organization.Kind",
        "RoleEnum": "accounts.models.Membership.Role",
        "ProgramKindEnum": "programs.models.Program.Kind",
        "ProgramStateEnum": "programs.models.Program.State",
        "LessonKindEnum": "courses.models.Lesson.Kind",
        "QuestionKindEnum": "courses.models.Question.Kind",
        "QuizGradingEnum": "courses.models.CourseVersion.Grading",
        "QuizRevealEnum": "courses.models.Quiz.Reveal",
        "VersionStateEnum": "courses.models.CourseVersion.State",
        "CertificateStateEnum": "certificates.models.Certificate.State",
        "CertificateBasisEnum": "certificates.models.Certificate.Basis",
        "EventKindEnum": "events.models.Event.Kind",
        "SeatConsentEnum": "seats.models.SeatAssignment.Consent",
        "SeatPoolSourceEnum": "seats.models.SeatPool.Source",
        "SeatConsentDecisionEnum": "seats.serializers.CONSENT_DECISIONS",
        "EventStateEnum": "events.models.Event.State",
        "EventRegistrationStatusEnum": "events.models.Registration.Status",
        "EnrollmentStatusEnum": "enrollment.models.Enrollment.Status",
        "AuditActionEnum": "accounts.models.AuditEvent.Action",
        "CaseStudyStateEnum": "practices.models.CaseStudy.State",
        "CaseStudySectorEnum": "practices.models.CaseStudy.Sector",
        "CaseStudyActionEnum": "practices.api.TRANSITIONS",  # review actions (the dict's keys)
        "ActionEnum": "courses.api.TRANSITIONS",  # the workflow actions (a dict: its keys)
        "PackageStandardEnum": "courses.models.ElearningPackage.Standard",
        "PackageStateEnum": "courses.models.ElearningPackage.State",
        "ThreadKindEnum": "discussions.models.Thread.Kind",
        "PostStateEnum": "discussions.models.Post.State",
        "EmailModeEnum": "discussions.models.Preference.EmailMode",
        "PostModerationActionEnum": "discussions.api.POST_ACTIONS",
        "ThreadModerationActionEnum": "discussions.api.THREAD_ACTIONS",
        # Shared by certificates' and records' verification answers.
        "CheckResultEnum": "records.serializers.CHECK_RESULTS",
        "VerificationStatusEnum": "records.serializers.CREDENTIAL_STATUSES",
    },
}

# --- Security ---------------------------------------------------------------------------------
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The Content-Security-Policy (django-csp, config/security.py): config/content_policy.py says what
# it allows, and where CSP_MEDIA_ORIGINS and VIDEO_EXTERNAL_ORIGINS (config.checks) add origins.
VIDEO_EXTERNAL_ORIGINS = env.list("VIDEO_EXTERNAL_ORIGINS", default=[])
_CSP_DIRECTIVES = csp_directives(
    debug=DEBUG,
    media_origins=env.list("CSP_MEDIA_ORIGINS", default=[]),
    video_external_origins=VIDEO_EXTERNAL_ORIGINS,
    package_content_origin=PACKAGE_CONTENT_ORIGIN,
)
# Report-only first when a new deployment adds something the policy does not allow yet.
if env.bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_DIRECTIVES}
# The Django admin and the API docs carry inline styles in their templates.
CSP_INLINE_STYLE_PATHS = ["/admin/", "/api/docs/"]
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # /healthz is probed over plain HTTP by load balancers on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

REQUIRE_SERVICES = env.bool("REQUIRE_SERVICES", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint narrates every rendering step at INFO, and xmlschema (under pysaml2) every
    # schema it loads.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "xmlschema": {"level": "WARNING"},
    },
}

# --- verifiable credentials (Open Badges 3.0 signing key) ---------------------------------------
# The Ed25519 key that signs credentials: PEM text in CREDENTIAL_SIGNING_KEY, or a PEM file.
# Development creates the file on first use; `manage.py credential_key --rotate` replaces it and
# keeps the old public key in the DID document. Never commit a key.
CREDENTIAL_SIGNING_KEY = env.str("CREDENTIAL_SIGNING_KEY", default="")
CREDENTIAL_SIGNING_KEY_FILE = env.str(
    "CREDENTIAL_SIGNING_KEY_FILE",
    default=str(_VAR_DIR / "keys" / "credential-signing-key.pem") if DEBUG else "",
)
