"""The AC-2 "Send email" link: a mailto: to the billing admin, filled in, in the page's language."""

from urllib.parse import quote

from django.utils.translation import gettext as _

from accounts.models import Account, User


def billing_admin_mailto(*, billing_admin: User, requester: User, account: Account) -> str:
    """A `mailto:` link asking the billing admin to change the account's products or licenses.

    Subject and body are written in the active language (the page's) and name the account and
    the requester. Every part is percent-encoded (RFC 6068): line breaks become %0D%0A, and
    nothing in a name or an account can end the subject or start another header.
    """
    subject = _("Change of products or licenses for %(account)s") % {"account": account.name}
    body = _(
        "Hello %(billing_admin)s,\n\n"
        "I would like to make changes to the products or licenses of our account "
        "%(account)s. You are its billing admin: could you make them in the Billing "
        "Center?\n\n"
        "Thank you,\n"
        "%(requester)s (%(requester_email)s)"
    ) % {
        "billing_admin": billing_admin.get_full_name() or billing_admin.email,
        "account": account.name,
        "requester": requester.get_full_name() or requester.email,
        "requester_email": requester.email,
    }
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return (
        f"mailto:{quote(billing_admin.email, safe='@')}"
        f"?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    )
