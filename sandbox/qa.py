"""The URLs of each center for the QA page: the names QA scripts rely on, in the order of the
journey, then every other name the center defines. A name of the list that no longer reverses
is an error, not a silent gap in the QA page.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.centers import CENTERS_BY_NAMESPACE

# namespace -> the URL names QA scripts rely on, in the order of the journey.
CONTRACT = {
    "billing_center": [
        "sign-in",
        "landing",
        "subscriptions",
        "wrong-location",
        "my-account",
        "sign-out",
    ],
    "admin_center": ["sign-in", "home", "users", "add-licenses", "sign-out"],
    "corp_portal": [
        "sign-in",
        "invoices",
        "invoice",
        "bill-to",
        "payment-profile",
        "subscriptions",
        "add-seats",
        "sign-out",
    ],
    "sandbox": ["home", "guide", "qa", "qa-json", "mailbox", "mailbox-message", "reset"],
    # The trainer's course material (its page and its files), an app of its own since the
    # re-cut: listed under its own namespace, every name it defines.
    "course": [],
}
# The groups that are no center: their titles.
TITLES = {"sandbox": _("Sandbox"), "course": _("Course material")}
# Answer only POST: listed, not linked.
POST_ONLY = {"sign-out", "trainer-notes-toggle", "persona-sign-in"}
# Stand for the argument of a URL that needs one (an object's id, a persona's key); shown as
# <pk>, <key>, <name> (a file of the course material).
PLACEHOLDERS = {"pk": 987654321, "key": "persona-key", "name": "file-name"}
# A one-time link's two arguments (a new trainer's set-password link): <uidb64>/<token>.
LINK_PLACEHOLDERS = {"uidb64": "uidb64-placeholder", "token": "token-placeholder"}


@dataclass(frozen=True)
class QaUrl:
    name: str
    path: str
    linkable: bool

    @property
    def test_id(self) -> str:
        return "qa-url-" + self.name.replace(":", "-")


@dataclass(frozen=True)
class QaUrlGroup:
    namespace: str
    title: Promise
    urls: list[QaUrl]


def _reverse(name: str) -> tuple[str, bool]:
    """The URL's path, and whether it can be linked as it is (False: it needs an object's id)."""
    try:
        return reverse(name), True
    except NoReverseMatch:
        pass
    for argument, placeholder in PLACEHOLDERS.items():
        try:
            path = reverse(name, kwargs={argument: placeholder})
        except NoReverseMatch:
            continue
        return path.replace(str(placeholder), f"<{argument}>"), False
    try:
        path = reverse(name, kwargs=LINK_PLACEHOLDERS)
    except NoReverseMatch:
        pass
    else:
        for argument, placeholder in LINK_PLACEHOLDERS.items():
            path = path.replace(placeholder, f"<{argument}>")
        return path, False
    raise NoReverseMatch(f"{name} reverses with none of the QA page's placeholders")


def _names_in(namespace: str) -> list[str]:
    """Every URL name the namespace defines (directly), in the order of its urls.py."""
    found = get_resolver().namespace_dict.get(namespace)
    if found is None:
        return []
    return [p.name for p in found[1].url_patterns if getattr(p, "name", None)]


def qa_url_groups() -> list[QaUrlGroup]:
    groups = []
    for namespace, contract in CONTRACT.items():
        center = CENTERS_BY_NAMESPACE.get(namespace)
        title = center.name if center else TITLES[namespace]
        names = contract + [n for n in _names_in(namespace) if n not in contract]
        urls = []
        for name in names:
            path, linkable = _reverse(f"{namespace}:{name}")
            urls.append(QaUrl(f"{namespace}:{name}", path, linkable and name not in POST_ONLY))
        groups.append(QaUrlGroup(namespace, title, urls))
    groups.append(
        QaUrlGroup("admin", _("Django admin"), [QaUrl("admin:index", reverse("admin:index"), True)])
    )
    return groups
