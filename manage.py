#!/usr/bin/env python
"""Run the archive's management commands."""

import os
import sys


def main():
    """Run a management command; dev settings unless DJANGO_SETTINGS_MODULE says otherwise."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cstoarchive.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
