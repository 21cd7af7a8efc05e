"""Settings for working on the archive locally: DEBUG on, SQLite file unless DATABASE_URL."""

import os
import secrets

from .base import *  # noqa: F403  (settings modules layer on each other)
from .base import BASE_DIR

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def _dev_secret_key():
    """Use SECRET_KEY if set, else a random key in a git-ignored file that survives restarts."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = BASE_DIR / ".dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _dev_secret_key()

# `manage.py ensure_admin` may create a local superuser only where this is on.
LOCAL_ADMIN_ALLOWED = True
