"""Settings shared by every environment; dev, test and prod import from here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cstoarchive import limits

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """Read a comma-separated environment variable as a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def log_level(name, default):
    """Read a log level from the environment in any case (gunicorn's own is lower case)."""
    level = (os.environ.get(name) or default).strip().upper()
    if level not in LOG_LEVELS:
        raise ImproperlyConfigured(
            f"{name} is {os.environ[name]!r}, which is not a log level: "
            f"use one of {', '.join(LOG_LEVELS)} (in any case)."
        )
    return level


DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
# See core.budget; gunicorn.conf.py takes its worker timeout from the same figure.
try:
    QUERY_BUDGET_SECONDS = limits.query_budget_seconds()
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from None

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "csp",
    "axes",
    "core",
    "people",
    "news",
    "alerts",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before whitenoise and the page cache, so static files and cached pages carry them too.
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An ETag for every page, so a client that has it already gets a 304.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records the logged-in user on every history row written during a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns a refused login into the lockout page; needs the authenticated user above.
    "axes.middleware.AxesMiddleware",
    # Logins of one account from one address one at a time, so axes counts each of them.
    "core.logins.OneLoginAtATimeMiddleware",
    # A reader who chose their own language opens lists in it (a redirect to ?language=),
    # decided before the page cache, which keys pages on their address alone.
    "core.reading.OwnLanguageListsMiddleware",
    "core.middleware.ArchivePageCacheMiddleware",
    # A reader's page built anew gets a ceiling on its database time, then a 503; after
    # the page cache, so a cached page costs nothing more (core.budget).
    "core.budget.QueryBudgetMiddleware",
]

ROOT_URLCONF = "cstoarchive.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.section",
                "core.context_processors.language_links",
            ],
            # `|iso`, the one writer of machine-readable dates, on every template.
            "builtins": ["core.templatetags.archive_dates"],
        },
    },
]

WSGI_APPLICATION = "cstoarchive.wsgi.application"

# One URL configures any database; SQLite in the project folder is the embedded default.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while an editor writes; IMMEDIATE transactions and a busy
    # timeout make concurrent writers wait their turn instead of failing with
    # "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# Cached counts are keyed by the archive's version (core.models.ArchiveState), so memory
# private to each process is correct; REDIS_URL shares the cache between servers.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            # Bounded by bytes too: every worker holds its own copy of what it cached.
            "BACKEND": "core.cache.BoundedMemoryCache",
            "LOCATION": "archive",
            "OPTIONS": {
                "MAX_ENTRIES": 5000,
                "MAX_BYTES": int(os.environ.get("CACHE_MAX_BYTES", 64 * 1024 * 1024)),
            },
        }
    }


def email_settings(environ=os.environ):
    """Email from the environment: EMAIL_URL, or the EMAIL_HOST family, else the console.

    EMAIL_URL takes the dj-email-url forms (smtp://user:password@host:587/?tls=True,
    smtps://..., console:, dummy:); without it, EMAIL_HOST (with EMAIL_PORT,
    EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL) selects SMTP.
    With neither, mail is written to the console, so development needs no server.
    """
    if environ.get("EMAIL_URL"):
        parsed = dj_email_url.parse(environ["EMAIL_URL"])
        values = {
            "EMAIL_BACKEND": parsed["EMAIL_BACKEND"],
            "EMAIL_HOST": parsed["EMAIL_HOST"] or "localhost",
            "EMAIL_PORT": parsed["EMAIL_PORT"] or 25,
            "EMAIL_HOST_USER": parsed["EMAIL_HOST_USER"] or "",
            "EMAIL_HOST_PASSWORD": parsed["EMAIL_HOST_PASSWORD"] or "",
            "EMAIL_USE_TLS": bool(parsed["EMAIL_USE_TLS"]),
            "EMAIL_USE_SSL": bool(parsed["EMAIL_USE_SSL"]),
        }
    elif environ.get("EMAIL_HOST"):
        values = {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": environ["EMAIL_HOST"],
            "EMAIL_PORT": int(environ.get("EMAIL_PORT", "25")),
            "EMAIL_HOST_USER": environ.get("EMAIL_HOST_USER", ""),
            "EMAIL_HOST_PASSWORD": environ.get("EMAIL_HOST_PASSWORD", ""),
            "EMAIL_USE_TLS": environ.get("EMAIL_USE_TLS", "0").lower() in ("1", "true", "yes"),
            "EMAIL_USE_SSL": environ.get("EMAIL_USE_SSL", "0").lower() in ("1", "true", "yes"),
        }
    else:
        values = {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if values.get("EMAIL_USE_TLS") and values.get("EMAIL_USE_SSL"):
        raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on.")
    # A mail server that never answers must not hold a worker or a cron run.
    values["EMAIL_TIMEOUT"] = int(environ.get("EMAIL_TIMEOUT", "20"))
    values["DEFAULT_FROM_EMAIL"] = environ.get(
        "DEFAULT_FROM_EMAIL", "CSTO Archive <archive@localhost>"
    )
    values["SERVER_EMAIL"] = environ.get("SERVER_EMAIL", values["DEFAULT_FROM_EMAIL"])
    return values


globals().update(email_settings())

# How long an import request waits for the copy index a process reads at its first import
# page (news.importer.copies); None reads it in the request itself.
COPY_INDEX_WAIT = 1.0

# Email alerts (alerts/): the address their links start with (e.g. https://archive.example.org);
# empty: the scheme and host each subscription was made on.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")


# Subscription requests allowed per (count, seconds): per address, and per client address.
def hourly_limit(name, default):
    """Read a count of requests an hour; anything but a whole number stops the start."""
    value = os.environ.get(name, str(default)).strip()
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} is {value!r}: give a whole number of requests.")
    return (int(value), 3600)


ALERTS_LIMIT_PER_ADDRESS = hourly_limit("ALERTS_LIMIT_PER_ADDRESS", 10)
ALERTS_LIMIT_PER_CLIENT = hourly_limit("ALERTS_LIMIT_PER_CLIENT", 50)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One long and one short date format per language (core/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Editors may not turn back the clock with the stock revert: it would keep today's
# many-to-many links (simple-history issue #1063).
SIMPLE_HISTORY_REVERT_DISABLED = True

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Every script and stylesheet is a file of our own: no inline code, no other origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login throttling: five wrong passwords for one account from one address lock that pair
# out for 15 minutes; a right password clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Count the 15 minutes from the lockout: retries while locked do not push it further.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Log attempts with only what the lock counts, and no banner on every start of a command.
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": log_level("LOG_LEVEL", "INFO")},
    # pymorphy3 announces at INFO where it loads its dictionaries from, on every start.
    "loggers": {"pymorphy3": {"level": "WARNING"}},
}

# The public API (api/): anonymous, read-only, JSON only; drafts never reach it.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CSTO archive API",
    "DESCRIPTION": "Published news items, statements, officials, bodies, member states and "
    "positions, meetings and documents of the CSTO archive. Read-only; drafts never appear.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Without deep links each operation's path is plain text, not a link too small to
    # touch; without the highlighter the examples keep our stylesheet's colours, whose
    # contrast passes, rather than the highlighter's inline ones, which do not.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "syntaxHighlight": False},
}
