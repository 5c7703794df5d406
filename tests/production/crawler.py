"""A small crawler over the sandbox as each persona sees it, for generic security tests.

It knows no page by name: it starts from the home page and every center URL that resolves
without arguments, follows same-site links, and reports each POST form with its fields. It
also follows form steps: every form is submitted once as a person would (inside a
transaction rolled back afterwards, so the crawl changes nothing), and the forms of the page
that answers (an order summary's Place Order, Add Seats' review) are reported too. So the
tests built on it cover the screens other branches add, as soon as they are merged.

Each form carries the template it comes from (`template`, `testid`), so a test can compare
the forms reached with every POST form of the project's templates (`template_post_forms`).
"""

import contextlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, Resolver404, get_resolver, resolve, reverse
from django.utils import translation

CENTER_NAMESPACES = ("billing_center", "admin_center", "corp_portal")
PASSWORD = "sandbox-2026"
PORTAL_USER_ID, PORTAL_PASSWORD = "GLOBEX-4471", "corp-2026"
# Links the crawler does not follow: leaving the session, or another app's admin.
SKIPPED_URL_NAMES = {"sign-out", "set_language"}
SKIPPED_PREFIXES = ("/en/django-admin/", "/static/")
# Forms that end the session they are posted in, or change who is signed in (the home page's
# one-click sign-in as a persona) or which seat the browser is in (joining a class, resetting
# or leaving one's seat): never followed as a step, fuzzed last.
SESSION_ENDING_URL_NAMES = {
    "sign-out",
    "reset",
    "reset-default-seat",  # the default seat's world made anew, its personas signed out
    "persona-sign-in",
    "join",
    "join-rejoin",  # back into a seat by its rejoin code
    "join-waiting",  # into the seat the trainer let this browser into
    "seat-free",  # the trainer frees a seat: its trainee's browsers leave it
    "my-seat-reset",
    "my-seat-leave",
    "course-start",  # the self-paced course: into a seat of one's own, signed out
    # A starting state, or the clock (a move back restores the seat's start): the seat's
    # world made anew, its personas signed out.
    "my-seat-state",
    "state-apply",
    "clock",
}
# What a person types into an empty field to get past a form's first step.
STEP_INPUTS = {"number": "1", "text": "1"}
STEP_DEPTH = 3


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "textarea" or "button"
    value: str = ""
    options: list[str] = field(default_factory=list)

    @property
    def is_visible(self) -> bool:
        return self.kind not in ("hidden", "submit", "button", "image", "reset")


@dataclass
class Form:
    page: str
    action: str
    fields: list[Field]
    testid: str = ""
    template: str = ""  # the template that holds it, when the page's templates tell
    after_post: bool = False  # shown only in the answer to another form's POST

    @property
    def key(self) -> tuple:
        """One per kind of form: the add-licenses form of every subscription counts once."""
        kind = view_name(self.action) or self.action
        return (kind, self.template, self.testid, tuple(sorted(f.name for f in self.fields)))

    @property
    def url_name(self) -> str | None:
        return url_name(self.action)

    @property
    def date_fields(self) -> list[str]:
        """The names of its date inputs (`<input type="date">`)."""
        return [f.name for f in self.fields if f.kind == "date"]

    def date_data(self, name: str, value: str) -> dict[str, str]:
        """What a person typing `value` into the date field `name` sends: the default data,
        every select at its empty choice where it has one (the choice that reads the date,
        such as the clock's "To the date"), the date field `value`."""
        data = self.default_data()
        for f in self.fields:
            if f.kind == "select" and "" in f.options:
                data[f.name] = ""
        data[name] = value
        return data

    @property
    def ends_the_session(self) -> bool:
        return self.url_name in SESSION_ENDING_URL_NAMES

    def step_data(self) -> dict[str, str]:
        """The default data, with every empty visible field filled as a person would."""
        data = self.default_data()
        for f in self.fields:
            if f.is_visible and f.kind in STEP_INPUTS and not data.get(f.name):
                data[f.name] = STEP_INPUTS[f.kind]
        return data

    def hidden_data(self) -> dict[str, str]:
        return {f.name: f.value for f in self.fields if f.kind == "hidden"}

    def default_data(self) -> dict[str, str]:
        """What a person submitting it unchanged would send (first submit button included)."""
        data = {}
        button_seen = False
        for f in self.fields:
            if f.kind in ("checkbox", "radio"):
                continue
            if f.kind in ("submit", "button"):
                if button_seen or not f.name:
                    continue
                button_seen = True
            if f.kind == "select":
                data[f.name] = f.options[0] if f.options else ""
            else:
                data.setdefault(f.name, f.value)
        return data


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[tuple[str, str, list[Field], str]] = []
        self._form: tuple[str, str, list[Field], str] | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = (
                attrs.get("method", "get").lower(),
                attrs.get("action", ""),
                [],
                attrs.get("data-testid", ""),
            )
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text").lower()
            self._form[2].append(Field(attrs["name"], kind, attrs.get("value", "")))
        elif tag == "button" and attrs.get("name"):
            kind = attrs.get("type", "submit").lower()
            self._form[2].append(Field(attrs["name"], kind, attrs.get("value", "")))
        elif tag == "select" and attrs.get("name"):
            self._select = Field(attrs["name"], "select")
            self._form[2].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(attrs.get("value", ""))
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = Field(attrs["name"], "textarea")
            self._form[2].append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def center_urls(language: str = "en") -> list[tuple[str, str]]:
    """(namespace:name, path) of every center URL that resolves without arguments."""
    urls = []
    resolver = get_resolver()
    with translation.override(language):
        for namespace in CENTER_NAMESPACES:
            if namespace not in resolver.namespace_dict:
                continue
            _, sub_resolver = resolver.namespace_dict[namespace]
            names = sorted(k for k in sub_resolver.reverse_dict if isinstance(k, str))
            for name in names:
                try:
                    urls.append((f"{namespace}:{name}", reverse(f"{namespace}:{name}")))
                except NoReverseMatch:
                    continue
    return urls


def url_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.url_name


def view_name(path: str) -> str | None:
    """namespace:name of the path's URL pattern."""
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def _same_site_path(page: str, href: str) -> str | None:
    absolute = urljoin("http://testserver" + page, href)
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if not parts.path.startswith("/en/") or parts.path.startswith(SKIPPED_PREFIXES):
        return None
    if url_name(parts.path) in SKIPPED_URL_NAMES:
        return None
    return path


_FORM_TAG = re.compile(r"<form\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def template_post_forms() -> dict[tuple[str, str], str]:
    """Every POST form in the project's templates: (template name, data-testid) -> the tag."""
    forms = {}
    for directory in settings.TEMPLATES[0]["DIRS"]:
        root = Path(directory)
        for path in sorted(root.rglob("*.html")):
            for tag in _FORM_TAG.findall(path.read_text()):
                attrs = dict(_ATTRIBUTE.findall(tag))
                if attrs.get("method", "get").lower() == "post":
                    forms[(path.relative_to(root).as_posix(), attrs.get("data-testid", ""))] = tag
    return forms


def _template_of(testid: str, template_names: list[str]) -> str:
    """The template, among those that rendered a page, that holds the form with this testid."""
    for name in template_names:
        if (name, testid) in template_post_forms_cached():
            return name
    return ""


_TEMPLATE_FORMS: dict | None = None


def template_post_forms_cached() -> dict[tuple[str, str], str]:
    global _TEMPLATE_FORMS
    if _TEMPLATE_FORMS is None:
        _TEMPLATE_FORMS = template_post_forms()
    return _TEMPLATE_FORMS


def _forms_of(path: str, response, *, after_post: bool) -> tuple[list[str], list[Form]]:
    parser = _PageParser()
    parser.feed(response.content.decode())
    template_names = [t.name for t in getattr(response, "templates", []) or [] if t.name]
    forms = []
    for method, action, fields, testid in parser.forms:
        if method != "post":
            continue
        forms.append(
            Form(
                page=path,
                action=urljoin(path, action) if action else path,
                fields=fields,
                testid=testid,
                template=_template_of(testid, template_names),
                after_post=after_post,
            )
        )
    return parser.links, forms


def page_forms(client, path: str) -> list[Form]:
    """The POST forms of one page, GET as this client (none when it is no HTML page)."""
    response = client.get(path)
    if not _is_html_page(response):
        return []
    return _forms_of(path, response, after_post=False)[1]


def _is_html_page(response) -> bool:
    return response.status_code == 200 and "html" in response.get("Content-Type", "")


def crawl(
    client, *, language: str = "en", max_pages: int = 120, on_answer=None, steps: bool = True
) -> tuple[list[str], list[Form]]:
    """GET the pages this client can reach, then follow every form's steps (unless `steps`
    is false); returns the pages seen and their POST forms (those of the steps included).
    `on_answer(path, response)`, when given, reads every page the crawl gets, the steps'
    answers too."""
    start = [f"/{language}/"] + [path for _, path in center_urls(language)]
    queue, seen, pages, forms = list(start), set(start), [], {}
    while queue and len(pages) < max_pages:
        path = queue.pop(0)
        response = client.get(path)
        if not _is_html_page(response):
            continue
        if on_answer:
            on_answer(path, response)
        pages.append(path)
        links, found = _forms_of(path, response, after_post=False)
        # A form's action is a page too (a cancel confirmation reached by its own address).
        for href in links + [form.action for form in found]:
            target = _same_site_path(path, href)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
        for form in found:
            forms.setdefault(form.key, form)
    if steps:
        _follow_steps(client, forms, on_answer)
    return pages, list(forms.values())


def _follow_steps(client, forms: dict, on_answer=None) -> None:
    """Submit each form once as a person would, in a transaction rolled back afterwards, and
    add the forms of the page that answers (a summary's Place Order, a review's confirm)."""
    to_follow = [f for f in forms.values() if not f.ends_the_session]
    for _depth in range(STEP_DEPTH):
        next_round = []
        for form in to_follow:
            if form.url_name == "set_language":
                continue
            with transaction.atomic():
                response = client.post(form.action, form.step_data())
                transaction.set_rollback(True)
            if not _is_html_page(response):
                continue
            if on_answer:
                on_answer(form.action, response)
            _, found = _forms_of(form.action, response, after_post=True)
            for new in found:
                if new.key not in forms:
                    forms[new.key] = new
                    next_round.append(new)
        to_follow = [f for f in next_round if not f.ends_the_session]


def pending_cancellation_state() -> list:
    """A state in which the undo-cancel forms exist: in every account with more than one
    active subscription, its last one pending cancellation (through the product's service),
    so both the cancel and the undo forms can be reached. Returns the subscriptions changed."""
    from accounts.models import Account, Subscription, User
    from billing_center.services import subscription_cancel

    changed = []
    for account in Account.objects.order_by("pk"):
        active = list(
            Subscription.objects.filter(
                account=account, status=Subscription.Status.ACTIVE
            ).order_by("pk")
        )
        admin = User.objects.filter(account=account, is_billing_admin=True).first()
        if len(active) < 2 or admin is None:
            continue
        changed.append(
            subscription_cancel(actor=admin, account=account, subscription_id=active[-1].pk)
        )
    return changed


# A LogMeIn ID no persona uses, locked by lockout_state().
LOCKED_OUT_ID = "typo.locked@acme.example"


def lockout_state() -> None:
    """A state in which the trainer's Lockouts page lists a lock (so its Clear form exists):
    a LogMeIn ID no persona uses, locked by wrong passwords typed into the Billing Center's
    sign-in, as a person would. Fails the test when no lock results."""
    from django.test import Client

    from sandbox.lockouts import lockouts_active

    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("billing_center:sign-in"), {"username": LOCKED_OUT_ID, "password": "typo"}
        )
    assert any(lock.identity == LOCKED_OUT_ID for lock in lockouts_active()), (
        "wrong passwords locked nothing: the Lockouts page's Clear form is not reachable"
    )


def class_state():
    """A class with a trainee in it, who locked their seat's Ana out: the trainer's crawl goes
    from the class list to the board (with the seat's Clear locks form), the join card and
    its join link (the join form); returns the trainee's client, whose crawl in the seat meets
    the header's Reset my seat and Leave seat forms. Another browser asks to rejoin the seat,
    so the board shows the trainer's Let in and Refuse forms."""
    from django.test import Client

    from classes.joining import seat_rejoin_ask
    from classes.services import class_create
    from sandbox.sample_data import PERSONAS_BY_KEY

    classroom = class_create(name="Crawled class", seat_count=1, language="en")
    trainee = Client()
    trainee.post(reverse("classes:join", kwargs={"code": classroom.code}), {"display_name": "X"})
    assert trainee.session.get("seat_id"), "joining the class put the trainee in no seat"
    seat_rejoin_ask(seat=classroom.seats.get(number=1))
    ana = PERSONAS_BY_KEY["ana"].email
    for _ in range(settings.AXES_FAILURE_LIMIT):
        trainee.post(reverse("billing_center:sign-in"), {"username": ana, "password": "typo"})
    return trainee


def persona_client(client, persona_key: str | None):
    """Sign the client in as a sample persona (None: stays anonymous); Diego also signs in
    to the Corporate Billing Portal (the test fails if he cannot)."""
    if persona_key is None:
        return client
    client.force_login(persona_user(persona_key))
    if persona_key == "diego":
        portal_sign_in(client)
    return client


def cart_line_add(client) -> None:
    """Add to Cart, as the signed-in billing admin would: one license of the first
    subscription on Subscriptions. The cart's and the checkout's forms are shown only then."""
    page = client.get(reverse("billing_center:subscriptions")).content.decode()
    add_licenses = re.search(r'href="([^"]+/add-licenses/)" data-testid="bc-add-licenses"', page)
    assert add_licenses, "no Add button on Subscriptions"
    response = client.post(add_licenses[1], {"quantity": "1"})
    assert response.status_code == 302, f"Add to Cart: {response.status_code}"


def persona_user(persona_key: str):
    from django.contrib.auth import get_user_model

    from sandbox.sample_data import PERSONAS_BY_KEY

    return get_user_model().objects.get(email=PERSONAS_BY_KEY[persona_key].email)


def is_signed_in_as(client, persona_key: str | None, *, seat=None) -> bool:
    """The client's session is still the persona's (and Diego's portal sign-in too); with
    `seat`, the persona of that seat, in that seat."""
    from seats.middleware import SESSION_KEY as SEAT_SESSION_KEY
    from seats.scope import seat_scope

    session = client.session
    if seat is not None and session.get(SEAT_SESSION_KEY) != (None if seat.is_default else seat.pk):
        return False
    if persona_key is None:
        return "_auth_user_id" not in session
    with seat_scope(seat) if seat is not None else contextlib.nullcontext():
        user = persona_user(persona_key)
    if session.get("_auth_user_id") != str(user.pk):
        return False
    return persona_key != "diego" or PORTAL_SESSION_KEY in session


def seat_persona_client(client, seat, persona_key: str | None):
    """The client in `seat`, signed in as a sample persona the way the README says: the seat's
    join URL (`seats:enter`; the default seat needs none), then the persona's plain email and
    password typed into the Billing Center's sign-in (Diego also signs in to the portal).
    None: anonymous in the seat. Fails the test when entering or signing in does not take."""
    from django.conf import settings as django_settings

    from sandbox.sample_data import PERSONAS_BY_KEY

    if not seat.is_default:
        response = client.get(reverse("seats:enter", args=[seat.token]))
        assert response.status_code == 302, f"entering {seat}: {response.status_code}"
    if persona_key is not None:
        password = (
            django_settings.SANDBOX_TRAINER_PASSWORD if persona_key == "trainer" else PASSWORD
        )
        response = client.post(
            reverse("billing_center:sign-in"),
            {"username": PERSONAS_BY_KEY[persona_key].email, "password": password},
        )
        assert response.status_code == 302, (
            f"{persona_key} could not sign in in {seat}: {response.status_code}"
        )
        if persona_key == "diego":
            portal_sign_in(client)
    assert is_signed_in_as(client, persona_key, seat=seat), f"{persona_key} is not in {seat}"
    return client


PORTAL_SESSION_KEY = "corp_portal_login"


def portal_sign_in(client) -> None:
    """Diego's portal sign-in through its form; fails the test when the form or the sign-in
    is missing, rather than leaving him silently signed out of the portal."""
    path = reverse("corp_portal:sign-in")
    response = client.get(path)
    assert response.status_code == 200, f"the portal sign-in answered {response.status_code}"
    parser = _PageParser()
    parser.feed(response.content.decode())
    for method, action, fields, _testid in parser.forms:
        if method != "post" or not any(f.kind == "password" for f in fields):
            continue
        data = Form(path, action or path, fields).default_data()
        for f in fields:
            if f.kind == "password":
                data[f.name] = PORTAL_PASSWORD
            elif f.is_visible and f.kind in ("text", "email"):
                data[f.name] = PORTAL_USER_ID
        client.post(urljoin(path, action) if action else path, data)
        assert PORTAL_SESSION_KEY in client.session, "the portal sign-in did not sign Diego in"
        return
    raise AssertionError("the portal sign-in page shows no sign-in form")
