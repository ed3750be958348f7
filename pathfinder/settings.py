"""Pathfinder settings, read from the environment (12-factor).

Development works with no environment at all (SQLite, DEBUG on, console email).
Production sets DEBUG=False and must then provide SECRET_KEY and ALLOWED_HOSTS:
there is deliberately no production default for any secret.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

DEBUG = env.bool("DEBUG", default=True)

if DEBUG:
    # Only ever used on a developer's machine: with DEBUG off the key must come from the env.
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-never-used-in-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "pathfinder.apps.AxesConfig",  # django-axes, with a translatable name
    "simple_history",
    "csp",  # for its system checks (they warn about settings left in the django-csp 3 format)
    "huey.contrib.djhuey",  # the job engine: `manage.py run_huey` is the worker
    "backups",
    "jobs",
    "roadmap",
    "reports",
    "monitoring",
    "search",  # full-text search over the reports a person may read (README, "Search")
    "tokens",  # personal access tokens and the Connect page
    "odata",  # the OData v4 feed for Power BI and Excel
    "demo",  # seed_demo: the demo data, loaded through the services
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from here (no CDN)
    "api",  # /api/v1/: the read-only API, its schema, docs and files (README, "The API")
    "django.contrib.sitemaps",  # /public/sitemap.xml
    "public",  # /public/: published reports for everyone, no sign-in (README, "Public pages")
    "opendata",  # /public/data/: published reports as CSV, zips and a data package
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so that it also sets the header on responses made by the middleware below it
    # (CSRF failures, the django-axes lock-out page). Static files are served above it.
    "csp.middleware.CSPMiddleware",
    # Above NoStore, sessions and locale: a public page leaves cacheable by anyone, without
    # cookie or Vary: Cookie (public/middleware.py); every other response is untouched.
    "public.middleware.PublicPagesMiddleware",
    # Below WhiteNoise (static files keep their caching), above all that can answer.
    "pathfinder.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, which reads the POST: the entry views read theirs keeping the evidence
    # of bytes that are not UTF-8 (reports.undecodable).
    "reports.undecodable.UndecodableBytesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "pathfinder.middleware.SessionIdleRefreshMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns lock-outs into the lock-out response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pathfinder.urls"
WSGI_APPLICATION = "pathfinder.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        # No APP_DIRS: the loaders are listed so the cached loader stays on in every
        # environment (form rendering is the cost of an entry page).
        "OPTIONS": {
            # |unlocalize and {% localize off %} everywhere without a {% load l10n %}: a number
            # a machine reads (an id in an attribute, a revision) must never be grouped.
            "builtins": ["django.templatetags.l10n"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reports.context_processors.roles",
            ],
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A kept connection that PostgreSQL has dropped (restart, failover, idle timeout) is checked
# once at the start of each request and replaced, instead of failing that request with a 500.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes: lock the username (not the IP: ministries share NAT addresses) after
# AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("AXES_COOLOFF_MINUTES", default=15) / 60
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# axes.W006 warns that a username-only lock can be dodged by rotating cookies or user
# agents; those don't change the username, so the lock holds. Locking by IP as well
# would lock out a whole ministry behind one NAT address.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("vi", _("Vietnamese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
# Figures and dates in the reader's format ("1,450" / "1.450", "12 June 2022" / "ngày 12
# tháng 6 năm 2022"). With the separator on, every number a template prints is grouped:
# numbers a machine reads (ids, revisions, SVG geometry, years, exports) go through
# |unlocalize or {% localize off %}.
FORMAT_MODULE_PATH = ["translations.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Bootstrap comes from npm at set-up (package.json), never from a CDN.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# The largest evidence file (a survey, a ministry's report) a country may attach, in bytes:
# stated on the upload page, checked before anything is kept (reports.evidence.checks).
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
# Where `make backup` writes its archives unless given BACKUP=path (backups/archive.py).
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "var" / "backups")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Kept documents (report PDFs). Files under MEDIA_ROOT by default; for S3-compatible
    # storage set DOCUMENTS_STORAGE=storages.backends.s3.S3Storage and its OPTIONS as JSON
    # (bucket_name, endpoint_url, ...), with django-storages[s3] installed.
    "documents": {
        "BACKEND": env.str(
            "DOCUMENTS_STORAGE", default="django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": env.json("DOCUMENTS_STORAGE_OPTIONS", default={}),
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: console in development, SMTP from EMAIL_URL (smtp+tls://user:pass@host:587) in production.
if "EMAIL_URL" in env:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Pathfinder <noreply@pathfinder.local>")

# Jobs (mail, reminders, PDF renders) run in a worker, `manage.py run_huey`, never in a
# request. JOBS_URL picks Huey's storage: a SQLite file by default (embedded, nothing to
# install: `make run` starts the worker beside the server), or Redis at scale
# (redis://host:6379/0), shared by every web instance and worker. JOBS_IMMEDIATE runs each
# job inside the call that enqueues it (tests).
JOBS_URL = env.str("JOBS_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'jobs.sqlite3'}")
JOBS_IMMEDIATE = env.bool("JOBS_IMMEDIATE", default=False)
JOBS_WORKERS = env.int("JOBS_WORKERS", default=2)
if JOBS_URL.startswith(("redis://", "rediss://", "unix://")):
    _jobs_storage = {"huey_class": "huey.RedisHuey", "url": JOBS_URL}
elif JOBS_URL.startswith("sqlite:///"):
    _jobs_file = Path(JOBS_URL.removeprefix("sqlite:///"))
    _jobs_file.parent.mkdir(parents=True, exist_ok=True)
    _jobs_storage = {"huey_class": "huey.SqliteHuey", "filename": str(_jobs_file)}
else:
    raise ValueError(f"JOBS_URL must start with redis:// or sqlite:///, not {JOBS_URL!r}")
HUEY = {
    "name": env.str("JOBS_QUEUE", default="pathfinder"),
    **_jobs_storage,
    "immediate": JOBS_IMMEDIATE,
    # Jobs write what they did to the database; their return values are never read.
    "results": False,
    # Periodic tasks (daily reminders) read the crontab in local time, as people do.
    "utc": False,
    "consumer": {
        "workers": JOBS_WORKERS,
        "worker_type": "thread",
        # SIGTERM (what a service manager sends) stops the worker gracefully: it takes no
        # new job and finishes the ones in hand, for up to JOBS_SHUTDOWN_TIMEOUT seconds;
        # a job still running then is enqueued again (jobs.signals). SIGINT (Ctrl-C)
        # stops at once, enqueuing again the jobs in hand.
        "graceful_signal": "TERM",
        "shutdown_timeout": env.int("JOBS_SHUTDOWN_TIMEOUT", default=60),
    },
}
# A job, or a mail being sent, whose worker runs on another machine (or none) and gives no
# news for this many seconds is taken as lost and done again (jobs.services.jobs_recover,
# reports.notifications.notices_recover). On the worker's own machine a dead worker is
# seen at once. Longer than any job: a PDF render takes seconds.
JOBS_LEASE = env.int("JOBS_LEASE", default=600)
# The debounced PDF render runs this many seconds after the last edit of a report.
PDF_RENDER_DELAY = env.int("PDF_RENDER_DELAY", default=20)
# The daily reminder run, local time (Huey crontab fields).
REMINDER_HOUR = env.int("REMINDER_HOUR", default=7)
# Overdue notices go weekly for this many weeks after the deadline.
REMINDER_OVERDUE_WEEKS = env.int("REMINDER_OVERDUE_WEEKS", default=12)
# How long an invitation link to contribute to a country's report works (issue 24).
INVITATION_DAYS = env.int("INVITATION_DAYS", default=14)
# Personal access tokens (tokens/): each token may make TOKEN_RATE_LIMIT requests a minute
# (then 429 with Retry-After), so a dashboard refreshing in a loop cannot slow the portal
# for the people typing their reports. Failed token attempts are counted per client
# address: TOKEN_FAILURE_LIMIT of them within TOKEN_FAILURE_COOLOFF_MINUTES refuse that
# address's tokens (429) for the cool-off, as django-axes does for sign-ins. Both count in
# Django's cache (CACHE_URL below).
# CACHE_URL: the process's memory by default; redis://host:6379/1 shares the counts
# between web processes (django-environ picks Django's own Redis backend).
# It also keeps the laid-out questionnaires and roadmaps (reports.structure): with a Redis
# JOBS_URL (several web processes) and no CACHE_URL, the cache goes to that Redis too,
# under a key prefix of its own, so every process shares one copy.
if not env.str("CACHE_URL", default="") and JOBS_URL.startswith(
    ("redis://", "rediss://", "unix://")
):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": JOBS_URL,
            "KEY_PREFIX": "pathfinder-cache",
        }
    }
else:
    CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
TOKEN_RATE_LIMIT = env.int("TOKEN_RATE_LIMIT", default=120)
TOKEN_FAILURE_LIMIT = env.int("TOKEN_FAILURE_LIMIT", default=20)
TOKEN_FAILURE_COOLOFF_MINUTES = env.int("TOKEN_FAILURE_COOLOFF_MINUTES", default=15)

# The OData feed's page (rows per response; the rest by @odata.nextLink): large enough that
# Power BI walks 10,000 answers in ten requests, small enough that a page of long answers
# stays a few megabytes in memory.
ODATA_PAGE_SIZE = env.int("ODATA_PAGE_SIZE", default=1000)
# Who the help page (/help/) tells people to contact about the portal.
HELP_CONTACT_NAME = env.str("HELP_CONTACT_NAME", default="Alliance 8.7 secretariat")
HELP_CONTACT_EMAIL = env.str("HELP_CONTACT_EMAIL", default="")

SESSION_COOKIE_HTTPONLY = True
# Sessions end after SESSION_IDLE_MINUTES without a request (the autosave counts: see
# pathfinder.middleware.SessionIdleRefreshMiddleware), not 14 days after signing in.
# Expired rows are deleted by `make clearsessions` (manage.py clearsessions).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=8 * 60) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=False)
CSRF_FAILURE_VIEW = "pathfinder.errors.csrf_failure"  # a translated page, in the layout
CSRF_COOKIE_HTTPONLY = False  # the autosave script reads the token from the form, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4): nothing inline runs, everything comes from this
# origin. Scripts and stylesheets are files under static/; templates carry no <script> body,
# no on...= handler and no <style> element (tests/test_security_headers.py walks them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # style="..." attributes only (never <style> elements): progress bars are drawn with
        # style="width: N%", and the Django admin and a few layouts use style attributes.
        # An attribute cannot load anything or run script.
        "style-src-attr": [UNSAFE_INLINE],
        # data: for the SVG images inside Bootstrap's CSS (select arrows, checkbox ticks).
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],  # the section page's autosave fetch()
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# The API (/api/v1/, api/): read-only, for what the person may read on the portal's pages.
REST_FRAMEWORK = {
    # A personal access token first (Bearer, Basic with the token as password, api_key:
    # tokens/); the session serves a person trying the docs page while signed in. Each
    # token's requests are limited per minute (TOKEN_RATE_LIMIT, 429 with Retry-After).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tokens.drf.TokenAuthentication",
        "api.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["tokens.drf.TokenRateThrottle"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: the docs page (Swagger UI) is where a person tries it in a browser.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.RowCursor",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pathfinder API",
    "DESCRIPTION": (
        "Read-only data of the Alliance 8.7 pathfinder reports: what the person may read on "
        "the portal's pages. Lists are paged by a cursor (page_size up to 1000; follow next)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}
# The licence the data package (/api/v1/files/datapackage.json) states, the secretariat's to
# choose: JSON such as {"name": "CC-BY-4.0", "path": "https://...", "title": "..."}; none by
# default.
API_DATA_LICENSE = env.json("API_DATA_LICENSE", default={})
# The licence of the published open data (/public/data/...: the zips' datapackage.json and
# README.txt), an SPDX identifier. Published reports are for everyone to reuse by default.
PUBLIC_DATA_LICENSE = env.str("PUBLIC_DATA_LICENSE", default="CC-BY-4.0")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every layout step at INFO.
    "loggers": {
        "weasyprint.progress": {"level": "WARNING"},
        # django-axes logs every sign-in at INFO; lock-outs come at WARNING.
        "axes": {"level": "WARNING"},
    },
}
