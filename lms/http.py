"""Every request the sandbox makes to an LMS (its key set, its token URL, its gradebook) is
bounded in time: `LMS_HTTP_TIMEOUT` seconds (5 by default), never the default of waiting
forever."""

import requests
from django.conf import settings


class BoundedSession(requests.Session):
    """A requests session whose every call gives up after `LMS_HTTP_TIMEOUT` seconds."""

    def __init__(self):
        super().__init__()
        self.headers["User-Agent"] = "Billing-Sandbox-LTI"

    def request(self, method, url, **kwargs):
        kwargs.setdefault("timeout", settings.LMS_HTTP_TIMEOUT)
        return super().request(method, url, **kwargs)
