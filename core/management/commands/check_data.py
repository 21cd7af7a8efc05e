import json

from django.core.management.base import BaseCommand, CommandError

from core.integrity import Severity, run_checks

FAIL_ON = {severity.code: severity for severity in Severity}


def totals(report):
    return ", ".join(f"{s.code}s: {report.count(s)}" for s in reversed(Severity))


class Command(BaseCommand):
    help = (
        "Check the archive's data: overlapping one-person posts, contradicting posts, "
        "positions without a start date, statements without a source, news linked to an "
        "official out of post, colliding names. Exits with status 1 when it finds problems "
        "(errors or warnings; see --fail-on)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fail-on",
            choices=list(FAIL_ON),
            default=Severity.WARNING.code,
            help="Exit with status 1 when a finding is at least this severe (default: warning).",
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="text (grouped by check) or json (one object with every finding).",
        )

    def handle(self, *args, fail_on, format, **options):
        report = run_checks()
        if format == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "counts": {s.code: report.count(s) for s in Severity},
                        "findings": [finding.as_dict() for finding in report.findings],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            self.write_text(report)
        if report.fails(FAIL_ON[fail_on]):
            raise CommandError(
                f"Problems found ({totals(report)}).",
                returncode=1,
            )

    def write_text(self, report):
        for check, findings in report.results:
            heading = f"{check.title} ({check.severity.code}): {len(findings)}"
            self.stdout.write(self.style.MIGRATE_HEADING(heading) if findings else heading)
            for finding in findings:
                self.stdout.write(f"  - {finding.message}")
                for subject in finding.subjects:
                    self.stdout.write(f"      {subject.admin_url}  {subject.label}")
        self.stdout.write(f"Total: {totals(report)}.")
