"""Account isolation, reusable: whatever one account's person reaches by an object id (a
subscription, an invoice, a seat), another account's person in the same role gets a 404.

`assert_accounts_isolated(owner_client, intruder_client)` crawls the owner's pages and forms,
keeps those whose address carries an object id, and tries each as the intruder: GET and the
owner's POST answer 404 and change nothing. The 404 must be account scoping, not a role
refusal: the intruder reaches the same kind of page for their own objects (a 200), so only
the account can be what refuses them. Any new center page with an id is covered once merged.
"""

import html
import re
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve

from .crawler import CENTER_NAMESPACES, crawl


def _with_object_id(path: str, namespaces=CENTER_NAMESPACES) -> bool:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return False
    return match.namespace in namespaces and any(
        isinstance(value, int) for value in match.kwargs.values()
    )


def _view(path: str) -> str:
    return resolve(urlsplit(path).path).view_name


def object_pages(client, namespaces=CENTER_NAMESPACES) -> tuple[list[str], list]:
    """The pages and POST forms this client reaches whose address carries an object id."""
    pages, forms = crawl(client)
    return (
        sorted({path for path in pages if _with_object_id(path, namespaces)}),
        [form for form in forms if _with_object_id(form.action, namespaces)],
    )


def assert_accounts_isolated(
    owner_client, intruder_client, snapshot=None, namespaces=CENTER_NAMESPACES
) -> int:
    """Every object page and form of the owner, tried by the intruder: 404, nothing changed.
    Returns how many addresses were tried (the caller asserts it is not zero). `namespaces`:
    the apps whose object pages are tried (the centers'; seats add the mailbox's)."""
    owner_pages, owner_forms = object_pages(owner_client, namespaces)
    intruder_pages, _ = object_pages(intruder_client, namespaces)
    assert owner_pages, "the owner reaches no page with an object id: nothing would be proven"
    own_kinds = {_view(path) for path in intruder_pages}
    tried = 0
    for path in owner_pages:
        assert _view(path) in own_kinds, (
            f"the intruder reaches no {_view(path)} page of their own: a refusal would be "
            "a role refusal, not account scoping"
        )
        response = intruder_client.get(path)
        assert response.status_code == 404, f"intruder GET {path}: {response.status_code}"
        tried += 1
    for form in owner_forms:
        before = snapshot() if snapshot else None
        response = intruder_client.post(form.action, form.step_data())
        assert response.status_code == 404, f"intruder POST {form.action}: {response.status_code}"
        if snapshot:
            assert snapshot() == before, f"intruder POST {form.action} changed data"
        tried += 1
    return tried


# --- Seats -----------------------------------------------------------------------------
# A seat is a private copy of the sample world: nothing of another seat may show in its pages,
# and nothing it does may change another seat's rows. The helpers below say what a seat's
# rows are (`seat_rows`), what of them would betray a leak in another seat's page
# (`seat_marks`), and find those in a page (`leaks_in`).

# Every URL whose address carries an object's id -> the model of that object. The seat
# isolation test checks it against the URL conf, so a new page with an id is checked too.
OBJECT_VIEWS = {
    "billing_center:add-licenses": "accounts.Subscription",
    "billing_center:edit": "accounts.Subscription",
    "billing_center:cancel": "accounts.Subscription",
    "billing_center:invoice": "billing_center.Invoice",
    "corp_portal:invoice": "corp_portal.Invoice",
    "corp_portal:add-seats": "accounts.Subscription",
    "corp_portal:auto-renewal": "accounts.Subscription",
    "corp_portal:pay-now": "corp_portal.Invoice",
    "corp_portal:quote": "corp_portal.Quote",
    "corp_portal:invoice-contact-remove": "corp_portal.InvoiceContact",
    "sandbox:mailbox-message": "sandbox.MailboxMessage",
}
# Pages whose address carries an integer that is not the id of a seat's row -> what it is.
NOT_OBJECT_IDS = {
    "classes:seat": "a seat's number in its class: its page, the trainer's",
    "classes:seat-reset": "a seat's number in its class, on the trainer's board",
    "classes:seat-clock": "a seat's number in its class, on the trainer's board",
    "api:seat-clock": "a seat's own id: the API addresses seats (tests/api/test_clock.py)",
    "api:seat-state": "a seat's own id: the API addresses seats (tests/api/test_states.py)",
    "classes:seat-lockouts-clear": "a seat's number in its class, on the trainer's board",
    "classes:seat-free": "a seat's number in its class, on the trainer's board",
    "classes:seat-rename": "a seat's number in its class, on the trainer's board",
    "classes:seat-rejoin-approve": "a seat's number in its class, on the trainer's board",
    "classes:seat-rejoin-refuse": "a seat's number in its class, on the trainer's board",
    "api:seat": "a seat's own id: the API addresses seats (tests/api/test_isolation.py)",
    "api:seat-reset": "a seat's own id: the API addresses seats (tests/api/test_isolation.py)",
    "api:persona-outcome": "a seat's own id (tests/api/test_read_endpoints.py)",
    "api:mailbox": "a seat's own id (tests/api/test_read_endpoints.py)",
    "api:activity": "a seat's own id (tests/api/test_read_endpoints.py)",
    "api_tokens:revoke": "a trainer token's id: the trainer's, in no seat",
    "sandbox:trainer-deactivate": "a trainer's id: a lead's page, staff of the default seat "
    "(tests/sandbox/test_trainer_add.py)",
    "api:seat-faults": "a seat's own id: the trainer's faults of it (tests/api/test_faults.py)",
    "faults:seat": "a seat's number in its class, on the trainer's board",
    "lessons:exercise": "an exercise's id: shared content, the same in every seat",
    "lessons:course-step": "a position in the self-paced course, counted from 1",
    "lessons:release": "an exercise's id (shared content), on the trainer's board",
}
# The shortest text of a row taken as a mark: shorter ones ("USD", "1") are everywhere. A
# mark also holds a digit or an @ (a number, an email, a key, a subject with a number): a
# plain word of a row ("Sandbox", the trainer's first name) is in every page anyway.
MARK_MIN_LENGTH = 6
_MARK_LIKE = re.compile(r"[0-9@]")


def _is_a_number(converter) -> bool:
    """The converter takes digits only (Django's int, or a project's own id converter)."""
    return re.fullmatch(converter.regex, "12") is not None and not re.fullmatch(
        converter.regex, "a"
    )


def object_view_names() -> set[str]:
    """namespace:name of every URL pattern with a number in its address (an object's id)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(part for part in (namespace, pattern.namespace) if part)
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and any(
                _is_a_number(converter)
                for converter in getattr(pattern.pattern, "converters", {}).values()
            ):
                found.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, "")
    return found


def seat_attempts_of(seat):
    """django-axes' failed sign-ins counted in `seat` (its identities "seat<id>:<email>", the
    default seat's "default:<email>")."""
    from sandbox.lockouts import seat_attempts

    return seat_attempts([seat])


def seat_rows(seat) -> dict[str, list[tuple]]:
    """Every row of `seat`'s world, field by field (bookkeeping like last_login included: a
    sign-in in another seat must not touch it), and its sign-in lockouts' attempts. Read in
    English whatever language the last request left active: a translated field
    (modeltranslation) reads in the active language."""
    from django.utils import translation

    from sandbox.worlds import seat_scoped_models

    with translation.override("en"):
        rows = {
            model._meta.label: list(
                model._base_manager.filter(seat=seat).order_by("pk").values_list()
            )
            for model in seat_scoped_models()
        }
    rows["axes.AccessAttempt"] = list(
        seat_attempts_of(seat)
        .order_by("pk")
        .values_list("username", "failures_since_start", "attempt_time")
    )
    return rows


def _row_texts(seat) -> dict[tuple[str, str], set[str]]:
    """(model, field) -> the texts `seat`'s rows hold there: names, numbers, emails, subjects,
    order keys; choices and passwords aside (the same words in every seat)."""
    from django.db import models

    from sandbox.worlds import seat_scoped_models

    texts = {}
    for model in seat_scoped_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.UUIDField)
            and not f.choices
            and f.name != "password"
        ]
        for name in fields:
            values = model._base_manager.filter(seat=seat).values_list(name, flat=True)
            texts[model._meta.label, name] = {str(value) for value in values if value}
    return texts


def seat_marks(seat, *, apart_from) -> dict[str, str]:
    """What of `seat` no seat of `apart_from` has: the addresses of its objects' pages, and the
    texts of its rows the others' same fields do not hold (an order's invoice number, its
    service order's, its mail's subject, a person only it has). Any of them in another
    seat's page is a leak. Returns mark -> where it comes from."""
    from django.apps import apps
    from django.urls import reverse
    from django.utils import translation

    marks = {}
    with translation.override("en"):
        for view, label in OBJECT_VIEWS.items():
            model = apps.get_model(label)
            for pk in model._base_manager.filter(seat=seat).values_list("pk", flat=True):
                marks[reverse(view, args=[pk])] = f"{view} of {label} {pk}"
    others = [_row_texts(other) for other in apart_from]
    for (label, name), values in _row_texts(seat).items():
        for value in values:
            if (
                len(value) >= MARK_MIN_LENGTH
                and _MARK_LIKE.search(value)
                and not any(value in other.get((label, name), ()) for other in others)
            ):
                marks[value] = f"{label}.{name}"
    return marks


def marks_pattern(marks) -> re.Pattern:
    """One pattern that finds any of the marks, as a whole word (INV-2026-000041 is not found
    inside INV-2026-0000412); with no marks, one that finds nothing."""
    if not marks:
        return re.compile(r"(?!)")
    alternatives = "|".join(re.escape(mark) for mark in sorted(marks, key=len, reverse=True))
    return re.compile(rf"(?<![0-9A-Za-z])(?:{alternatives})(?![0-9A-Za-z])")


def leaks_in(page: str, content: str, pattern: re.Pattern, seat, known=None) -> set[str]:
    """The marks of another seat found in a page's text, and every address in it of an object
    that belongs to another seat than `seat` (found by id, whichever seat it is). `known`:
    a dict kept between pages of one seat, (model, id) -> whether another seat owns it."""
    from django.apps import apps

    known = {} if known is None else known
    found = set(pattern.findall(html.unescape(content)))
    for href in _ADDRESS.findall(content):
        path = urlsplit(urljoin(page, html.unescape(href))).path
        try:
            match = resolve(path)
        except Resolver404:
            continue
        label = OBJECT_VIEWS.get(match.view_name)
        if label is None:
            continue
        pk = next(value for value in match.kwargs.values() if isinstance(value, int))
        if (label, pk) not in known:
            rows = apps.get_model(label)._base_manager.filter(pk=pk)
            known[label, pk] = rows.exclude(seat=seat).exists()
        if known[label, pk]:
            found.add(f"{path} (a {label} of another seat)")
    return found


_ADDRESS = re.compile(r'(?:href|action|src)="([^"]+)"')
