"""An email backend that keeps every message in the sandbox mailbox, one copy per recipient."""

from django.core.mail.backends.base import BaseEmailBackend

from .models import MailboxMessage


class MailboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        kept = [
            MailboxMessage(
                recipient=recipient.lower(),
                sender=message.from_email,
                subject=message.subject,
                body=message.body,
            )
            for message in email_messages
            for recipient in message.recipients()
        ]
        MailboxMessage.objects.bulk_create(kept)
        return len(email_messages)
