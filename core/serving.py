"""How the sandbox is served to a room: this machine's network address, the hosts the room
answers to, the address its links carry, and a secret key strong enough to serve at all.

Plain Python, no Django models: the settings and the `room` command (`make run`) use it."""

import ipaddress
import socket

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)

LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
ALL_INTERFACES = {"0.0.0.0", "::", ""}
# Seconds a served worker (or each gunicorn thread) keeps its database connection between
# requests, unless DJANGO_CONN_MAX_AGE says otherwise: opening SQLite's file and setting it up
# (write-ahead log, busy timeout) cost every request about 0.8 ms of CPU. `make serve` and
# `make run` only; `make dev`'s runserver and the tests keep Django's default (0).
SERVED_CONN_MAX_AGE = 60
# A documentation address (TEST-NET-1, RFC 5737): never anyone's, and never contacted.
_ANY_REMOTE = ("192.0.2.1", 9)


def secret_key_weak(key: str) -> bool:
    """Django's own rule (`check --deploy`, security.W009): fewer than 50 characters, fewer
    than 5 different ones, or Django's "django-insecure-" prefix."""
    return (
        len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or key.startswith(SECRET_KEY_INSECURE_PREFIX)
    )


def primary_address() -> str | None:
    """This machine's IPv4 address on its network: the one its traffic to another network
    leaves from, as the routing table chooses it. A UDP socket "connected" to an outside
    address asks the kernel for the route and sends nothing. None without a network."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(_ANY_REMOTE)
            address = probe.getsockname()[0]
        except OSError:  # no route: no network
            return None
    ip = ipaddress.ip_address(address)
    return None if ip.is_loopback or ip.is_unspecified else address


def host_private(host: str) -> bool:
    """Whether listening on `host` keeps the sandbox to this machine (HOST=127.0.0.1)."""
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def room_address(host: str) -> str | None:
    """The address trainees reach a server listening on `host` at: the machine's network
    address when it listens on all of them, the one it listens on, or None (private, or no
    network)."""
    if host_private(host):
        return None
    if host.strip("[]") in ALL_INTERFACES:
        return primary_address()
    return host.strip("[]")


def url_host(address: str) -> str:
    """An address as a URL or the Host header writes it ([::1] for IPv6)."""
    return f"[{address}]" if ":" in address else address


def room_allowed_hosts(*, host: str, allowed: list[str], public_host: str | None) -> list[str]:
    """The hosts a room answers to: `allowed` (DJANGO_ALLOWED_HOSTS, loopback by default),
    the public URL's host and, unless private, the network address trainees reach and this
    machine's name. Listed, never "*": a host name nobody chose (a web page's own name pointed
    at the trainer's address, DNS rebinding) must not reach the room's pages."""
    hosts = [*allowed]
    extra = [public_host] if public_host else []
    if not host_private(host):
        address = room_address(host)
        extra += [url_host(address)] if address else []
        name = socket.gethostname()
        extra += [name, f"{name}.local"] if name else []
    for name in extra:
        if name and name not in hosts:
            hosts.append(name)
    return hosts
