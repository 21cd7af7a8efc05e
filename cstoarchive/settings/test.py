"""Settings for the test suite: fast hashing, throwaway key, SQLite unless DATABASE_URL."""

import secrets

from .base import *  # noqa: F403  (settings modules layer on each other)

SECRET_KEY = secrets.token_urlsafe(50)
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Hashing strength is irrelevant in tests and the default costs seconds per login.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the app folders, as in development; tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The suite shares its machine with PostgreSQL and Chromium, and a slow moment must not
# turn a page into a 503; the budget's own tests set the figure they test.
QUERY_BUDGET_SECONDS = 10.0
# Tests read the copy index in the request: a background thread would not see the rows of
# a test's open transaction (tests/news/test_importer_copies.py sets it where it tests it).
COPY_INDEX_WAIT = None
