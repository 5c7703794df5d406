from django.core.management.base import BaseCommand

from sandbox.services import sandbox_load
from sandbox.trainers import trainer_password_notice


class Command(BaseCommand):
    help = (
        "Create what is missing of the sample data (all of it into an empty database); "
        "never changes or deletes what exists. reset_sandbox restores the sample data."
    )

    def handle(self, *args, **options):
        generated = []
        sandbox_load(show_trainer_password=generated.append)
        self.stdout.write(self.style.SUCCESS("Sandbox sample data loaded."))
        for password in generated:  # the trainer was created just now
            self.stdout.write(self.style.WARNING(trainer_password_notice(password)))
