# A Mailbox message for the staff only (sandbox/mail.py). The messages already sent to a
# member of the staff (a new trainer's set-password link) are marked so too.

from django.db import migrations, models
from django.db.models.functions import Lower


def staff_mail_mark(apps, schema_editor):
    MailboxMessage = apps.get_model("sandbox", "MailboxMessage")
    User = apps.get_model("accounts", "User")
    staff = User._base_manager.filter(is_staff=True).values_list("seat_id", Lower("email"))
    for seat_id, email in staff:
        MailboxMessage._base_manager.filter(seat_id=seat_id, recipient=email).update(
            staff_only=True
        )


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0006_account_seat_indexes"),
        ("sandbox", "0006_board_records_to_classes"),
    ]

    operations = [
        migrations.AddField(
            model_name="mailboxmessage",
            name="staff_only",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Marked by its sender for the sandbox's staff: only staff can read it.",
                verbose_name="staff only",
            ),
        ),
        migrations.RunPython(staff_mail_mark, migrations.RunPython.noop),
    ]
