import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Development only: when no superuser exists, create a local 'admin' account "
        "and print its random password once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            default=8000,
            help="The port the development server listens on, for the address printed.",
        )

    def handle(self, *args, **options):
        if not getattr(settings, "LOCAL_ADMIN_ALLOWED", False):
            raise CommandError(
                "ensure_admin runs only with the dev settings; "
                "elsewhere use `manage.py createsuperuser`."
            )
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "An admin account exists. Forgot the password? "
                "Run: .venv/bin/python manage.py changepassword admin"
            )
            return
        password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser("admin", email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created a local admin account for http://127.0.0.1:{options['port']}/admin/\n"
                f"  user: admin\n  password: {password}\n"
                "This password is shown only once."
            )
        )
