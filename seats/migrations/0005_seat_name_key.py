"""Seats get the key of their trainee's name (unique in a class), a rejoin code, and what a
rejoin request and an "active elsewhere" mark need.

The data migration keys every named seat of a class. Names that made look-alike seats before
(the same name in another case, with decomposed accents or an invisible character) all
survive: the seat with the lowest number keeps the name, each later one is renamed
"<name> #<seat number>" (as is a name with nothing visible), so no seat and no work is lost
and the board tells them apart. Every named seat gets a rejoin code.
"""

import unicodedata

from django.db import migrations, models

from seats.models import rejoin_code_new
from seats.names import DIRECTION_CONTROLS, JOINERS, NAME_KEY_MAX_LENGTH, SPACES, name_key


def _shown(name: str) -> str:
    # seats.names.name_clean without its refusals: data already in the database is kept.
    kept = "".join(
        char
        for char in name
        if char not in DIRECTION_CONTROLS
        and (char in JOINERS or unicodedata.category(char) != "Cf")
    )
    return SPACES.sub(" ", unicodedata.normalize("NFC", kept)).strip()


def names_keyed(apps, schema_editor):
    Seat = apps.get_model("seats", "Seat")
    used = set()
    for seat in (
        Seat.objects.filter(classroom__isnull=False)
        .exclude(display_name="")
        .order_by("classroom_id", "number", "id")
    ):
        base = shown = _shown(seat.display_name)
        key = name_key(shown)[:NAME_KEY_MAX_LENGTH]
        tries = 0
        while not key or (seat.classroom_id, key) in used:
            tries += 1  # "<name> #3" may already be someone's name: then "<name> #3-2"
            suffix = f" #{seat.number}" if tries == 1 else f" #{seat.number}-{tries}"
            shown = f"{base[: 60 - len(suffix)]}{suffix}".strip()
            key = name_key(shown)[:NAME_KEY_MAX_LENGTH]
        used.add((seat.classroom_id, key))
        seat.display_name = shown
        seat.name_key = key
        seat.rejoin_code = rejoin_code_new()
        seat.save(update_fields=["display_name", "name_key", "rejoin_code"])


class Migration(migrations.Migration):

    dependencies = [
        ('seats', '0004_classroom_time_zone'),
    ]

    operations = [
        migrations.AddField(
            model_name='seat',
            name='device',
            field=models.CharField(blank=True, editable=False, help_text='The browser that entered the seat last.', max_length=32),
        ),
        migrations.AddField(
            model_name='seat',
            name='name_key',
            field=models.CharField(blank=True, editable=False, help_text='The name as it is compared (seats.names.name_key); empty: a free seat.', max_length=255, verbose_name='name key'),
        ),
        migrations.AddField(
            model_name='seat',
            name='rejoin_approved',
            field=models.CharField(blank=True, editable=False, max_length=12),
        ),
        migrations.AddField(
            model_name='seat',
            name='rejoin_code',
            field=models.CharField(blank=True, editable=False, help_text="Shown in the trainee's header: it gives the seat back on another device.", max_length=12, verbose_name='rejoin code'),
        ),
        migrations.AddField(
            model_name='seat',
            name='rejoin_request',
            field=models.CharField(blank=True, editable=False, help_text='The code of a browser asking the trainer to let it into the seat.', max_length=12, verbose_name='rejoin request'),
        ),
        migrations.AddField(
            model_name='seat',
            name='rejoin_requested_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='seat',
            name='shared_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When another browser rejoined the seat while it was in use.', null=True, verbose_name='active elsewhere'),
        ),
        migrations.RunPython(names_keyed, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='seat',
            constraint=models.UniqueConstraint(condition=models.Q(('classroom__isnull', False), models.Q(('name_key', ''), _negated=True)), fields=('classroom', 'name_key'), name='unique_trainee_name_in_class'),
        ),
    ]
