"""The signed-in user, read with their account.

Nearly every page of the centers shows or decides on `request.user.account` (the header's
account, the Billing Center's and the Admin Center's access, every list of the account): reading
the user and the account in one query saves each of those pages a query of its own.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from seats.prepared import PreparedRead


class UserBackend(ModelBackend):
    """Django's ModelBackend (the request's seat's people, through the scoped default
    manager), with the user's account in the same query."""

    def get_user(self, user_id):
        user = _user_with_account.first(user_id)
        if user is None:
            return None
        return user if self.user_can_authenticate(user) else None


# The backend `login()` is told of where the sandbox signs someone in without a password
# (a persona's sign-in link, the trainer after a reset, an LMS's instructor): the dotted name
# Django stores in the session, and finds in settings.AUTHENTICATION_BACKENDS (where the
# settings write it out: they cannot import app code).
USER_BACKEND = f"{UserBackend.__module__}.{UserBackend.__qualname__}"


# The signed-in user of every request, its SQL compiled once a process (seats.prepared).
_user_with_account = PreparedRead(
    lambda user_id: get_user_model()._default_manager.select_related("account").filter(pk=user_id),
    get_user_model()._meta.pk,
)
