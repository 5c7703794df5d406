"""Python's garbage collector, set for a server of pages.

A page makes tens of thousands of short-lived objects (the ORM's queries, the templates'
nodes, the forms). Every few dozen requests CPython's collector walks every object the
process holds (Django, the URL conf, the templates, the translations: about 150,000 of them)
to free almost nothing: in a trainee's round (`bench/cpu.py`) such a full collection took
about 80 ms, a quarter of a second over 230 requests (docs/performance.md).

So, once a process, after its first request (when the URL conf, the templates and the
translations are loaded), `gc.freeze()`: what the start-up made lives as long as the process,
and the collector no longer walks it (Python's documentation describes it for servers that
fork workers). Set up when Django is ready (`core.apps.CoreConfig.ready`: every gunicorn
worker, `manage.py` command and test run). The collector's thresholds stay CPython's: a
young generation ten times larger cost more in its own collections than it saved.
"""

import gc

from django.core.signals import request_finished

FREEZE_UID = "core.garbage.freeze"


def collector_set() -> None:
    request_finished.connect(_start_up_freeze, dispatch_uid=FREEZE_UID)


def _start_up_freeze(**kwargs) -> None:
    request_finished.disconnect(dispatch_uid=FREEZE_UID)
    gc.collect()
    gc.freeze()
