"""Tests of what the apps share: archive files, backups, migrations. The fixtures they use
(users, small archive objects) are the suite's, in tests/conftest.py."""
