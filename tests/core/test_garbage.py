"""core.garbage: what the process made before and during its first request frozen after it,
once."""

import gc

from django.core.signals import request_finished

from core import garbage


def test_the_first_request_s_end_freezes_what_exists_then_once(monkeypatch):
    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    garbage.collector_set()
    assert request_finished.disconnect(dispatch_uid=garbage.FREEZE_UID)  # it was listening
    garbage.collector_set()
    garbage._start_up_freeze()
    assert frozen == [True]
    assert not request_finished.disconnect(dispatch_uid=garbage.FREEZE_UID)  # and stopped


def test_the_collector_keeps_cpython_s_thresholds():
    assert gc.get_threshold()[0] == 700
