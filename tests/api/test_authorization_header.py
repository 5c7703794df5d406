"""The one reading of the Authorization header that both token schemes go by."""

import pytest
from django.test import RequestFactory

from api.authentication import authorization_sent, seat_token_scheme, trainer_token_scheme


@pytest.mark.parametrize(
    ("header", "sent"),
    [
        (None, (b"", "")),
        ("", (b"", "")),
        ("Seat abc_DEF-1", (b"seat", "abc_DEF-1")),
        ("SEAT   abc", (b"seat", "abc")),
        ("Seat", (b"seat", "")),
        ("Seat abc def", (b"seat", "")),
        ("Bearer k\xe9y", (b"bearer", "k\xe9y")),
        ("Token key", (b"token", "key")),
    ],
)
def test_authorization_header_as_scheme_and_credential(header, sent):
    extra = {} if header is None else {"HTTP_AUTHORIZATION": header}
    request = RequestFactory().get("/api/v1/", **extra)
    assert authorization_sent(request) == sent
    assert seat_token_scheme(request) == (sent[0] == b"seat")
    assert trainer_token_scheme(request) == (sent[0] in (b"token", b"bearer"))
