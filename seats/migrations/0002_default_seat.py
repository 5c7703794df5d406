from django.db import migrations


def default_seat_create(apps, schema_editor):
    """The seat every row that existed before seats belongs to: the sandbox as it was.
    The first row of a new table, so its id is 1 (the other apps' migrations rely on it)."""
    Seat = apps.get_model("seats", "Seat")
    Seat.objects.get_or_create(is_default=True, defaults={"number": 0})


class Migration(migrations.Migration):
    dependencies = [("seats", "0001_initial")]

    operations = [migrations.RunPython(default_seat_create, migrations.RunPython.noop)]
