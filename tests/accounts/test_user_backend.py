"""accounts.backends.UserBackend: the signed-in user with their account in one query, the
query built once a process, the user read in the request's seat; every `login()` of the
sandbox names it through the one constant, `USER_BACKEND`, which the settings configure."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import QuerySet
from django.utils.module_loading import import_string

from accounts.backends import USER_BACKEND, UserBackend
from accounts.models import User
from sandbox.sample_data import PERSONAS_BY_KEY
from sandbox.worlds import seat_create
from seats.scope import seat_scope

ANA = PERSONAS_BY_KEY["ana"].email
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_the_user_and_account_are_read_in_one_query_built_once(
    sample_data, monkeypatch, django_assert_num_queries
):
    ana = User.objects.get(email=ANA)
    UserBackend().get_user(ana.pk)  # built at the latest here
    built = []
    original = QuerySet.select_related
    monkeypatch.setattr(
        QuerySet, "select_related", lambda qs, *f: built.append(f) or original(qs, *f)
    )
    with django_assert_num_queries(1):
        user = UserBackend().get_user(ana.pk)
        assert user.account.name  # no query more
    assert built == []
    assert user == ana


@pytest.mark.django_db
def test_the_user_is_read_in_the_seat_of_the_request(sample_data):
    default_ana = User.objects.get(email=ANA)
    seat = seat_create()
    with seat_scope(seat):
        seat_ana = User.objects.get(email=ANA)
        assert UserBackend().get_user(seat_ana.pk) == seat_ana
        assert UserBackend().get_user(default_ana.pk) is None
    assert UserBackend().get_user(seat_ana.pk) is None


def test_the_backend_login_names_is_the_configured_one():
    # A backend not in AUTHENTICATION_BACKENDS signs nobody in: Django's get_user ignores it.
    assert USER_BACKEND in settings.AUTHENTICATION_BACKENDS
    assert import_string(USER_BACKEND) is UserBackend


def code_files():
    """The sandbox's Python code, the settings aside (they name the backend for Django)."""
    for folder in sorted(ROOT.iterdir()):
        if folder.is_dir() and not folder.name.startswith(".") and folder.name != "tests":
            for path in sorted(folder.rglob("*.py")):
                if "migrations" not in path.parts and path.parent != ROOT / "config/settings":
                    yield path


def login_calls(tree: ast.Module):
    """The `login(...)` calls of a module that imports django.contrib.auth's `login`."""
    imports_login = any(
        isinstance(node, ast.ImportFrom)
        and node.module == "django.contrib.auth"
        and any(alias.name == "login" and alias.asname is None for alias in node.names)
        for node in ast.walk(tree)
    )
    for node in ast.walk(tree):
        if (
            imports_login
            and isinstance(node, ast.Call)
            and getattr(node.func, "id", None) == "login"
        ):
            yield node


def imports_user_backend(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom)
        and node.module == "accounts.backends"
        and any(alias.name == "USER_BACKEND" and alias.asname is None for alias in node.names)
        for node in ast.walk(tree)
    )


def test_every_login_names_the_backend_by_the_one_constant():
    calls, own = [], []
    for path in code_files():
        tree = ast.parse(path.read_text())
        where = path.relative_to(ROOT)
        for call in login_calls(tree):
            backend = next((k.value for k in call.keywords if k.arg == "backend"), None)
            named = isinstance(backend, ast.Name) and backend.id == "USER_BACKEND"
            calls.append(f"{where}:{call.lineno}")
            if not (named and imports_user_backend(tree)):
                own.append(f"{where}:{call.lineno}")
        own += [
            f"{where}:{node.lineno}, its own string"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value == USER_BACKEND
        ]
    # The persona's sign-in link, the trainer after a reset, the LMS's instructor.
    assert len(calls) >= 3, calls
    assert own == [], "login(..., backend=USER_BACKEND), from accounts.backends"
