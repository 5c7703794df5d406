from django.core.management.base import BaseCommand

from sandbox.services import sandbox_load


class Command(BaseCommand):
    help = "Create or update the sample accounts, products and personas (idempotent)."

    def handle(self, *args, **options):
        sandbox_load()
        self.stdout.write(self.style.SUCCESS("Sandbox sample data loaded."))
