"""An email backend that keeps every message in the sandbox mailbox, one copy per recipient.

The Mailbox is open to anyone who opens the sandbox: a message its sender marks for the staff
(`STAFF_ONLY_HEADER`: a new trainer's one-time link to set their password) is kept
`staff_only`, and only staff read it (`MailboxMessage.objects.readable_by`).
"""

from django.core.mail.backends.base import BaseEmailBackend

from .models import MailboxMessage

# The header a sender puts on a message only the sandbox's staff may read in the Mailbox.
STAFF_ONLY_HEADER = "X-Sandbox-Staff-Only"


class MailboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        kept = [
            MailboxMessage(
                recipient=recipient.lower(),
                sender=message.from_email,
                subject=message.subject,
                body=message.body,
                staff_only=STAFF_ONLY_HEADER in message.extra_headers,
            )
            for message in email_messages
            for recipient in message.recipients()
        ]
        MailboxMessage.objects.bulk_create(kept)
        return len(email_messages)
