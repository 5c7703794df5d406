from django.core.management.base import BaseCommand

from sandbox.services import sandbox_reset


class Command(BaseCommand):
    help = (
        "Restore the sample data exactly: delete everything the classroom created (orders, "
        "invoices, mailbox, activity, extra users, sessions), reload it, record the reset."
    )

    def handle(self, *args, **options):
        sandbox_reset(announce=lambda number, text: self.stdout.write(f"{number}. {text}."))
        self.stdout.write(self.style.SUCCESS("Sandbox reset to the sample data."))
