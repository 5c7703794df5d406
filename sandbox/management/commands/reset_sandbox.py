from django.core.management.base import BaseCommand

from sandbox.services import sandbox_reset
from sandbox.trainers import trainer_password_notice


class Command(BaseCommand):
    help = (
        "Restore the sample data exactly: delete everything the classroom created (orders, "
        "invoices, mailbox, activity, extra users, sessions), reload it, record the reset. "
        "The trainer's password is kept."
    )

    def handle(self, *args, **options):
        generated = []
        sandbox_reset(
            announce=lambda number, text: self.stdout.write(f"{number}. {text}."),
            show_trainer_password=generated.append,
        )
        self.stdout.write(self.style.SUCCESS("Sandbox reset to the sample data."))
        for password in generated:  # a reset of a database that had no trainer yet
            self.stdout.write(self.style.WARNING(trainer_password_notice(password)))
