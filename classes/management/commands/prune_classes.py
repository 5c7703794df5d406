from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sandbox.classroom import classes_prune


class Command(BaseCommand):
    help = (
        "End every class whose seats saw no activity for more than --days days (default: "
        "SANDBOX_CLASS_IDLE_DAYS, 7): its seats and their data are deleted. The default seat "
        "and seats made through the API are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Idle days before a class ends (default: SANDBOX_CLASS_IDLE_DAYS).",
        )

    def handle(self, *args, days, **options):
        if days is None:
            days = settings.SANDBOX_CLASS_IDLE_DAYS
        if days < 0:
            raise CommandError("--days is a number of days, 0 or more.")
        ended = classes_prune(idle_days=days)
        for code in ended:
            self.stdout.write(f"Ended the class {code}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(ended)} class(es) idle for more than {days} day(s) ended."
                if ended
                else f"No class was idle for more than {days} day(s)."
            )
        )
