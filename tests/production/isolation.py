"""Account isolation, reusable: whatever one account's person reaches by an object id (a
subscription, an invoice, a seat), another account's person in the same role gets a 404.

`assert_accounts_isolated(owner_client, intruder_client)` crawls the owner's pages and forms,
keeps those whose address carries an object id, and tries each as the intruder: GET and the
owner's POST answer 404 and change nothing. The 404 must be account scoping, not a role
refusal: the intruder reaches the same kind of page for their own objects (a 200), so only
the account can be what refuses them. Any new center page with an id is covered once merged.
"""

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from .crawler import CENTER_NAMESPACES, crawl


def _with_object_id(path: str) -> bool:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return False
    return match.namespace in CENTER_NAMESPACES and any(
        isinstance(value, int) for value in match.kwargs.values()
    )


def _view(path: str) -> str:
    return resolve(urlsplit(path).path).view_name


def object_pages(client) -> tuple[list[str], list]:
    """The pages and POST forms this client reaches whose address carries an object id."""
    pages, forms = crawl(client)
    return (
        sorted({path for path in pages if _with_object_id(path)}),
        [form for form in forms if _with_object_id(form.action)],
    )


def assert_accounts_isolated(owner_client, intruder_client, snapshot=None) -> int:
    """Every object page and form of the owner, tried by the intruder: 404, nothing changed.
    Returns how many addresses were tried (the caller asserts it is not zero)."""
    owner_pages, owner_forms = object_pages(owner_client)
    intruder_pages, _ = object_pages(intruder_client)
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
