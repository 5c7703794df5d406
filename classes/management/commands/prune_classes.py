from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from classes.services import PRUNE_MIN_IDLE_DAYS, classes_prune, seats_prune


class Command(BaseCommand):
    help = (
        "End every class whose seats saw no activity for more than --days days (default: "
        "SANDBOX_CLASS_IDLE_DAYS, 7; at least 1), and delete the seats of no class (the "
        "self-paced course's, the API's) nobody used for as long, with their data. A class "
        "made within the window and never joined stays; the default seat is never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Idle days before a class ends or a seat of no class goes (default: "
            "SANDBOX_CLASS_IDLE_DAYS; at least 1).",
        )

    def handle(self, *args, days, **options):
        if days is None:
            days = settings.SANDBOX_CLASS_IDLE_DAYS
        if days < PRUNE_MIN_IDLE_DAYS:
            raise CommandError(
                f"--days {days} would end classes in use: the idle window is at least "
                f"{PRUNE_MIN_IDLE_DAYS} day."
            )
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
        deleted = seats_prune(idle_days=days)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(deleted)} seat(s) of no class idle for more than {days} day(s) deleted."
            )
        )
