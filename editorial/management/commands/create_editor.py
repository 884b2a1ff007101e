import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from editorial.services import editor_create

PASSWORD_ENV = "EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create an editor account (staff, in the Editors group). Asks for the password, "
        f"or reads it from ${PASSWORD_ENV} for scripts."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        password = os.environ.get(PASSWORD_ENV)
        if not password:
            if not options.get("interactive", True) or not os.isatty(0):
                raise CommandError(
                    f"no password: set {PASSWORD_ENV} or run in a terminal", returncode=2
                )
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("the two passwords differ", returncode=2)
        try:
            editor_create(username=username, password=password, email=email)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Editor {username!r} created; log in at /admin/."))
