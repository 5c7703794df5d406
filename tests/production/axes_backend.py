"""django-axes as in production, except for the test client's `login()`.

`Client.login()` calls `authenticate()` without a request, which axes refuses with an
exception; a sign-in through the real form always has one, and is counted as in production.
"""

from axes.backends import AxesStandaloneBackend


class ClientLoginAxesBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
