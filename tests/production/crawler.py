"""A small crawler over the sandbox as each persona sees it, for generic security tests.

It knows no page by name: it starts from the home page and every center URL that resolves
without arguments, follows same-site links, and reports each POST form with its fields. So
the tests built on it cover the screens other branches add, as soon as they are merged.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import NoReverseMatch, Resolver404, get_resolver, resolve, reverse
from django.utils import translation

CENTER_NAMESPACES = ("billing_center", "admin_center", "corp_portal")
PASSWORD = "sandbox-2026"
PORTAL_USER_ID, PORTAL_PASSWORD = "GLOBEX-4471", "corp-2026"
# Links the crawler does not follow: leaving the session, or another app's admin.
SKIPPED_URL_NAMES = {"sign-out", "set_language"}
SKIPPED_PREFIXES = ("/en/django-admin/", "/static/")


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

    @property
    def key(self) -> tuple:
        return (self.action, tuple(sorted(f.name for f in self.fields)))

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
        self.forms: list[tuple[str, str, list[Field]]] = []
        self._form: tuple[str, str, list[Field]] | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = (attrs.get("method", "get").lower(), attrs.get("action", ""), [])
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


def crawl(client, *, language: str = "en", max_pages: int = 80) -> tuple[list[str], list[Form]]:
    """GET the pages this client can reach; returns the pages seen and their POST forms."""
    start = [f"/{language}/"] + [path for _, path in center_urls(language)]
    queue, seen, pages, forms = list(start), set(start), [], {}
    while queue and len(pages) < max_pages:
        path = queue.pop(0)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages.append(path)
        parser = _PageParser()
        parser.feed(response.content.decode())
        for href in parser.links:
            target = _same_site_path(path, href)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
        for method, action, fields in parser.forms:
            if method != "post":
                continue
            form = Form(page=path, action=urljoin(path, action) if action else path, fields=fields)
            forms.setdefault(form.key, form)
    return pages, list(forms.values())


def persona_client(client, persona_key: str | None):
    """Sign the client in as a sample persona (None: stays anonymous); Diego also signs in
    to the Corporate Billing Portal when its sign-in form accepts his User ID."""
    if persona_key is None:
        return client
    from django.contrib.auth import get_user_model

    from sandbox.sample_data import PERSONAS_BY_KEY

    user = get_user_model().objects.get(email=PERSONAS_BY_KEY[persona_key].email)
    client.force_login(user)
    if persona_key == "diego":
        portal_sign_in(client)
    return client


def portal_sign_in(client) -> None:
    try:
        path = reverse("corp_portal:sign-in")
    except NoReverseMatch:
        return
    response = client.get(path)
    parser = _PageParser()
    parser.feed(response.content.decode())
    for method, action, fields in parser.forms:
        if method != "post" or not any(f.kind == "password" for f in fields):
            continue
        data = Form(path, action or path, fields).default_data()
        for f in fields:
            if f.kind == "password":
                data[f.name] = PORTAL_PASSWORD
            elif f.is_visible and f.kind in ("text", "email"):
                data[f.name] = PORTAL_USER_ID
        client.post(urljoin(path, action) if action else path, data)
        return
