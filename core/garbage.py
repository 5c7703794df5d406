"""Python's garbage collector, set for a server of pages.

A page makes tens of thousands of short-lived objects (the ORM's queries, the templates'
nodes, the forms). With CPython's default thresholds the collector runs several times in
every request and, every few dozen requests, walks every object the process holds (Django,
the URL conf, the templates: about 150,000 of them) to free almost nothing: about a tenth of
the CPU of a trainee's round (`bench/cpu.py`, docs/performance.md). Reference counting frees
nearly all of a request's objects anyway; the collector is there for cycles.

Set once a process, when Django is ready (`core.apps.CoreConfig.ready`: every gunicorn
worker, `manage.py` command and test run):

- the youngest generation is collected every `YOUNG_OBJECTS` new objects instead of 700;
- after the process's first request, when the URL conf, the templates and the translations
  are loaded, `gc.freeze()`: what the start-up made lives as long as the process, and the
  collector no longer walks it (Python's documentation suggests it for servers).
"""

import gc

from django.core.signals import request_finished

YOUNG_OBJECTS = 7_000
FREEZE_UID = "core.garbage.freeze"


def collector_set() -> None:
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, middle, old)
    request_finished.connect(_start_up_freeze, dispatch_uid=FREEZE_UID)


def _start_up_freeze(**kwargs) -> None:
    request_finished.disconnect(dispatch_uid=FREEZE_UID)
    gc.collect()
    gc.freeze()
