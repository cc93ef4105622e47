"""Settings for simba, driven by the environment.

Embedded defaults: an SQLite file in the project folder and no message broker, in which case
Celery tasks run in-process. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY and
ALLOWED_HOSTS (see README). Importing this module has no side effects.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from simba.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (set DEBUG=true for local development)."
        )
    SECRET_KEY = "simba-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "csp",
    "simba.apps.SimbaConfig",
    "organisation",
    "accounts",
    "plans",
    "indicators",
    "reports",
    "analysis",
    "publication",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, reading the user in the session's Redis round trip (simba/sessions.py).
    "simba.middleware.AuthenticationMiddleware",
    # Every page needs a log-in unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Signed-in pages: Cache-Control: private, no-store (simba/middleware.py).
    "simba.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Log refused requests (403/404) with who and where, never the query string or body.
    "simba.middleware.RefusedRequestLogMiddleware",
    # django-axes wants to be last: it turns a locked-out log-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "simba.urls"
WSGI_APPLICATION = "simba.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.collaboration_area",
            ],
        },
    },
]

# Database: DATABASE_URL, default an SQLite file beside the project.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web process and in-process jobs share the file: wait for locks instead of failing,
    # and take the write lock at the start of a transaction (as healthchecks does).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses log-ins while an account/IP pair is locked out. Then Django's
# model backend, loading the profile with the user (simba/auth_backends.py). A session names the
# backend that logged its user in, and Django honours only names listed here: Django's own
# ModelBackend stays last so that sessions begun before the change still resolve (it is reached
# at log-in only when the password was already refused).
AUTHENTICATION_BACKENDS = [
    "simba.auth_backends.AxesBackend",
    "simba.auth_backends.ModelBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Celery: with REDIS_URL set, tasks go through Redis to a worker; without it they run
# in-process (the embedded default), so the application works with no servers at all.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = not REDIS_URL
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

# --- Job reliability (issue 6) ---------------------------------------------------------------
# A report job must never be lost nor run twice at once:
# * acks_late: the message is acknowledged only when the task has finished, so a worker that
#   dies mid-task (killed, out of memory, host restart) leaves it in Redis to be delivered again;
#   tasks are therefore written to be safe to run twice (guarded state changes, see DESIGN.md).
# * reject_on_worker_lost: when a prefork child dies, the message is requeued at once instead of
#   being acknowledged as failed.
# * prefetch 1: a busy worker does not hold back messages that an idle worker could run, and a
#   killed worker takes at most one unacknowledged message down with it.
# * time limits: a hung render is stopped (soft limit raises in the task so it can mark its row
#   failed; the hard limit kills the child) instead of blocking the queue forever.
# * visibility_timeout: Redis gives an unacknowledged message to another worker after this many
#   seconds. It must exceed the longest task (the hard time limit), or a slow but healthy report
#   would be started a second time while the first still runs. Every task uses these limits
#   (none sets longer ones of its own); tests/reports/test_job_liveness.py asserts the order.
#   Tests set it to a few seconds to see redelivery after a SIGKILL quickly.
# * cancel on connection loss: after losing Redis the messages of running tasks are redelivered,
#   so the running copies are cancelled rather than finishing beside their redelivered twins.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT + 60
_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 2 * CELERY_TASK_TIME_LIMIT)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _VISIBILITY_TIMEOUT,
    # Workers look for overdue unacknowledged messages every few seconds (kombu's default sweep
    # is only every ~100 s), so a job of a killed worker starts again soon after the timeout.
    "unacked_restore_interval": max(1, min(10, _VISIBILITY_TIMEOUT // 3)),
    "unacked_restore_throttle": 1,
}
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True

# --- Scheduled jobs and follow-up reminders (indicators/reminders.py) -------------------------
# Celery beat (its own container in docker-compose.yml) runs housekeeping every few hours and the
# reminder job every morning: a unit that has not submitted a period gets one e-mail when the
# deadline is SIMBA_REMINDER_DAYS_BEFORE days away or nearer (once per deadline).
# SIMBA_BASE_URL makes the links in the e-mails absolute.
SIMBA_REMINDER_DAYS_BEFORE = env_int("SIMBA_REMINDER_DAYS_BEFORE", 7)
SIMBA_BASE_URL = env_str("SIMBA_BASE_URL", "http://127.0.0.1:8000")
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {"task": "simba.clear_expired_sessions", "schedule": 6 * 3600},
    "clear-old-login-records": {"task": "simba.clear_old_login_records", "schedule": 24 * 3600},
    "reports-fail-stale": {"task": "reports.fail_stale", "schedule": 60.0},
    "follow-up-reminders": {
        "task": "indicators.send_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
}
# --- end of scheduled jobs -----------------------------------------------------------------------
# Yearly reports (reports/): a job queued or running longer than this is marked failed (its
# worker died); checked on report pages and by a periodic task (CELERY_BEAT_SCHEDULE below).
SIMBA_REPORT_STALE_MINUTES = env_int("SIMBA_REPORT_STALE_MINUTES", 15)
# A running report job writes a heartbeat (Report.heartbeat_at) every HEARTBEAT seconds; one
# silent for LEASE seconds has lost its worker (main process killed, host gone) and is shown as
# failed with "Försök igen" at once, instead of waiting for Redis' visibility timeout.
SIMBA_REPORT_HEARTBEAT_SECONDS = env_int("SIMBA_REPORT_HEARTBEAT_SECONDS", 15)
SIMBA_REPORT_LEASE_SECONDS = env_int("SIMBA_REPORT_LEASE_SECONDS", 120)

# --- Public pages and open data (publication/, /insyn/) ------------------------------------------
# The publisher named in the DCAT-AP-SE catalogue (/insyn/data/dcat.rdf), its contact address and
# the licence of the open data (default CC BY 4.0).
SIMBA_PUBLISHER_NAME = env_str(
    "SIMBA_PUBLISHER_NAME",
    "SIMBA-samverkan (Ale, Kungälv, Stenungsund, Tjörn och Västra Götalandsregionen)",
)
SIMBA_CONTACT_EMAIL = env_str("SIMBA_CONTACT_EMAIL", "simba@localhost")
SIMBA_OPEN_DATA_LICENSE = env_str(
    "SIMBA_OPEN_DATA_LICENSE", "http://creativecommons.org/licenses/by/4.0/"
)

# Server-side cache (public pages, the plan page): Redis when REDIS_URL is set, so that every
# gunicorn process shares it; else each process' own memory. Keys carry a change token
# (simba/caching.py), so nothing is ever served from before a change.
CACHES = {
    "default": (
        {"BACKEND": "simba.cache_backends.RedisCache", "LOCATION": REDIS_URL,
         "KEY_PREFIX": "simba"}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "simba"}
    )
}  # fmt: skip

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "simba@localhost")


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Log-ins, log-outs and refused requests (simba/security.py, simba/middleware.py).
    "loggers": {"simba.security": {"level": "INFO"}},
}

# --- Security hardening (issue 6) -------------------------------------------------------------
# Everything defaults to the safe choice when DEBUG is off; `manage.py check --deploy
# --fail-level WARNING` passes with production settings (tests/security/test_deploy_check.py).
# TLS is ended by the municipality's reverse proxy: with BEHIND_TLS_PROXY=true Django trusts its
# X-Forwarded-Proto header (the proxy must set it and strip it from clients).
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^halsa/$"]  # the container health check speaks plain HTTP
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True  # htmx gets the token from the page
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)  # one working day
# Sessions live in the database; with Redis (shared by every gunicorn process) they are also read
# from the cache, which saves a query on every signed-in request. Not with the per-process memory
# cache: a log-out in one process would leave the session alive in the others' caches.
# simba.sessions is cached_db reading the signed-in user's cached copy in the same round trip.
SESSION_ENGINE = "simba.sessions" if REDIS_URL else "django.contrib.sessions.backends.db"
# For the same reason the signed-in user (with profile and unit) is read from the cache only when
# it is shared: a change in one process must reach every other (simba/auth_backends.py).
SIMBA_CACHE_USERS = bool(REDIS_URL)
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "simba.views.csrf_failure"

# Content Security Policy (django-csp 4; Django 5.2 has none built in). Nothing inline: scripts
# and styles come from our own static files; htmx's inline indicator style is switched off in
# base.html and its rules live in simba.css.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Log-in brute-force protection (django-axes): after AXES_FAILURE_LIMIT failed attempts the
# pair (user name, IP address) is locked for AXES_COOLOFF_TIME. Locking the pair, not the IP
# alone, keeps one guessing colleague from locking a whole town hall behind one NAT address,
# and locking not the user name alone keeps an outsider from locking out a real user.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "simba.views.locked_out"
# Behind the reverse proxy the client's address is the last one it appended.
AXES_IPWARE_PROXY_COUNT = env_int("PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Uploads (imports): small files only. Django keeps up to FILE_UPLOAD_MAX_MEMORY_SIZE of a file
# in memory; MAX_REQUEST_BYTES refuses any larger request body outright (simba/middleware.py),
# and simba/uploads.validate_upload checks each file's size, type and content.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000  # a data-entry page has a few hundred fields
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 10 * 1024 * 1024)
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
