"""The `room` command (`make run`): what it prints, and the gunicorn it becomes (os.execve is
caught here: the served room is tests/production/test_room.py). Nothing is contacted: the
machine's network address is given to it."""

import os

import pytest
from django.core.management import CommandError, call_command

from core import serving

ADDRESS = "192.168.1.23"
STRONG_KEY = "room-command-" + "Zk4Rw-9pLq2" * 5


@pytest.fixture
def room(settings, monkeypatch, capsys):
    """room(host=..., address=...) -> (printed, gunicorn's argv, gunicorn's environment)."""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.SANDBOX_PUBLIC_URL = ""
    settings.SECRET_KEY = STRONG_KEY
    monkeypatch.setattr(serving.socket, "gethostname", lambda: "trainer-laptop")

    def run(host="0.0.0.0", address=ADDRESS, port=8123):
        monkeypatch.setattr(serving, "primary_address", lambda: address)
        started = {}
        monkeypatch.setattr("os.execve", lambda path, argv, env: started.update(argv=argv, env=env))
        call_command("room", host=host, port=port)
        return capsys.readouterr().out, started["argv"], started["env"]

    return run


def _bind(argv):
    return argv[argv.index("--bind") + 1]


def test_by_default_the_room_listens_on_every_network_and_names_its_address(room):
    printed, argv, env = room()
    assert argv[1:4] == ["-m", "gunicorn", "config.wsgi:application"]
    assert _bind(argv) == "0.0.0.0:8123"
    assert f"The room: http://{ADDRESS}:8123/" in printed
    assert "On this machine: http://127.0.0.1:8123/" in printed
    assert env["SANDBOX_PUBLIC_URL"] == f"http://{ADDRESS}:8123"
    hosts = env["DJANGO_ALLOWED_HOSTS"].split(",")
    assert hosts == ["127.0.0.1", "localhost", ADDRESS, "trainer-laptop", "trainer-laptop.local"]
    assert env["DJANGO_SETTINGS_MODULE"] == os.environ["DJANGO_SETTINGS_MODULE"]


def test_host_127_0_0_1_keeps_it_to_this_machine(room, settings):
    settings.SECRET_KEY = "weak"  # nobody else reaches it
    printed, argv, env = room(host="127.0.0.1")
    assert _bind(argv) == "127.0.0.1:8123"
    assert "on this machine only (HOST=127.0.0.1): http://127.0.0.1:8123/" in printed
    assert ADDRESS not in printed
    assert env["DJANGO_ALLOWED_HOSTS"] == "127.0.0.1,localhost"
    assert env["SANDBOX_PUBLIC_URL"] == ""


def test_the_trainer_names_the_address(room, settings):
    settings.SANDBOX_PUBLIC_URL = "https://room.example.com"
    printed, _argv, env = room()
    assert "The room: https://room.example.com/" in printed
    assert env["SANDBOX_PUBLIC_URL"] == "https://room.example.com"
    assert "room.example.com" in env["DJANGO_ALLOWED_HOSTS"].split(",")


def test_without_a_network_it_says_so(room):
    printed, _argv, env = room(address=None)
    assert "No network address found" in printed
    assert env["SANDBOX_PUBLIC_URL"] == ""


def test_the_room_refuses_debug_pages_and_a_weak_key(room, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="make dev"):
        room()
    settings.DEBUG = False
    settings.SECRET_KEY = "django-insecure-" + "Zk4Rw-9pLq2" * 5
    with pytest.raises(CommandError, match="weak"):
        room()


@pytest.mark.parametrize(
    ("key", "weak"),
    [
        ("", True),
        ("x" * 60, True),  # one character
        ("abcd" * 20, True),  # four different ones
        ("Zk4Rw-9pLq2" * 4, True),  # 44 characters
        ("django-insecure-" + "Zk4Rw-9pLq2" * 5, True),
        ("Zk4Rw-9pLq2" * 5, False),
    ],
)
def test_a_weak_secret_key_is_django_s_own_rule(key, weak):
    assert serving.secret_key_weak(key) is weak


def test_the_primary_address_is_never_loopback():
    address = serving.primary_address()
    assert address is None or not address.startswith("127.")


def test_the_room_keeps_its_database_connections(room, monkeypatch):
    """Each gunicorn thread keeps its connection (core.serving.SERVED_CONN_MAX_AGE) rather
    than opening and setting up SQLite's file on every request; DJANGO_CONN_MAX_AGE wins."""
    monkeypatch.delenv("DJANGO_CONN_MAX_AGE", raising=False)
    assert room()[2]["DJANGO_CONN_MAX_AGE"] == str(serving.SERVED_CONN_MAX_AGE) == "60"
    monkeypatch.setenv("DJANGO_CONN_MAX_AGE", "0")
    assert room()[2]["DJANGO_CONN_MAX_AGE"] == "0"
