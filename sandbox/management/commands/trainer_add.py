from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sandbox.trainers import trainer_add


class Command(BaseCommand):
    help = (
        "Add a trainer (a staff user in the Trainers group, in the default seat, with no "
        "password yet) and print, this once, the one-time link that sets their password; "
        "the same link is emailed to them (the sandbox's Mailbox keeps a copy that only "
        "trainers can open)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("name", help='The trainer\'s name, e.g. "Rosa Díaz".')

    def handle(self, *args, email, name, **options):
        try:
            trainer, link = trainer_add(
                email=email, name=name, link_base=settings.SANDBOX_PUBLIC_URL or ""
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"{trainer.email} is a trainer now."))
        where = "" if settings.SANDBOX_PUBLIC_URL else " (on the sandbox's address)"
        self.stdout.write(
            self.style.WARNING(
                f"Their one-time link to set a password{where}, shown this once: {link}"
            )
        )
