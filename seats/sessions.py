"""Django's database sessions (`SESSION_ENGINE = "seats.sessions"`), the session read once a
request with its SQL compiled once a process (seats.prepared): every request of the sandbox
reads its session, and the ORM built that query again each time. The table, the data and
every other behaviour are Django's own, so sessions made before this engine still work."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from .prepared import PreparedRead

_session_read = PreparedRead(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now),
    Session._meta.pk,
    Session._meta.get_field("expire_date"),
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        """The session of this key, None when it does not exist or has expired (then the key
        is dropped, as Django's store does)."""
        session = _session_read.first(self.session_key, timezone.now())
        if session is None:
            self._session_key = None
        return session
