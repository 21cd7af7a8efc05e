"""Data-integrity checks: contradictions and gaps in the archive that an editor should look at.

Each check is a function returning a list of `Finding`s, each naming the objects to fix with
the address of their admin change page. Each app lists its checks as `CHECKS` in its own
`integrity` module; `run_checks()` runs those of every installed app, in the order of
INSTALLED_APPS. Every check reads the
archive in one or two set-based queries, whatever its size; the admin page, the
`check_data` command and the tests all call these functions.

Positions without a start date cannot be placed in time: the checks that compare dates leave
them out (as `PositionQuerySet.on()` does) and the first check reports them instead.
"""

import enum
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _


class Severity(enum.IntEnum):
    """How much a finding matters: errors and warnings are problems, hints are not."""

    HINT = 1
    WARNING = 2
    ERROR = 3

    @property
    def code(self):
        return self.name.lower()

    @property
    def label(self):
        return {
            Severity.HINT: _("hint"),
            Severity.WARNING: _("warning"),
            Severity.ERROR: _("error"),
        }[self]


@dataclass(frozen=True)
class Subject:
    """An object a finding is about: how to call it and where to fix it."""

    label: str
    admin_url: str

    @classmethod
    def of(cls, obj, label=None):
        meta = obj._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        return cls(label=str(label if label is not None else obj), admin_url=url)


@dataclass(frozen=True)
class Finding:
    """One thing to look at: which check found it, how much it matters, and on what."""

    check: str
    severity: Severity
    message: str
    subjects: tuple[Subject, ...]

    def as_dict(self):
        """Return the finding as plain data, for JSON."""
        return {
            "check": self.check,
            "severity": self.severity.code,
            "message": self.message,
            "objects": [{"label": s.label, "admin_url": s.admin_url} for s in self.subjects],
        }


@dataclass(frozen=True)
class Check:
    code: str
    title: str
    severity: Severity
    function: object


def day(date):
    """Return a date as a finding writes it, "now" for an open end."""
    return date_format(date, "DATE_FORMAT") if date else _("now")


def all_checks():
    """Return the checks of every installed app that has an `integrity` module."""
    checks = []
    for config in apps.get_app_configs():
        name = f"{config.name}.integrity"
        if find_spec(name) is not None:
            checks += getattr(import_module(name), "CHECKS", [])
    return checks


@dataclass
class Report:
    """The findings of every check, in the order of `all_checks()`."""

    results: list  # of (Check, [Finding])

    @property
    def findings(self):
        return [finding for _check, findings in self.results for finding in findings]

    def count(self, severity):
        return sum(1 for finding in self.findings if finding.severity == severity)

    def fails(self, threshold):
        """Tell whether any finding is at least as severe as `threshold`."""
        return any(finding.severity >= threshold for finding in self.findings)


def run_checks():
    """Run every check and return a `Report`."""
    return Report([(check, check.function()) for check in all_checks()])
