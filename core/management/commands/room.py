"""`make run`: the sandbox served to a room from the trainer's own computer.

Prints the addresses the room can use, then becomes gunicorn (Django's documentation's
server for real traffic, as `make serve` uses) with these same settings: whitenoise serves
the static files offline, DEBUG is off, SQLite waits for its writers (config/settings/base.py).
"""

import os
import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.serving import (
    SERVED_CONN_MAX_AGE,
    host_private,
    room_address,
    room_allowed_hosts,
    secret_key_weak,
    url_host,
)


class Command(BaseCommand):
    help = (
        "Serve the sandbox to a room: print the addresses trainees reach it at, then run "
        "gunicorn on HOST:PORT (0.0.0.0, every network of this machine, by default)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="0.0.0.0", help="127.0.0.1: this machine only")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=3)
        # Threads, because no proxy buffers the trainees' requests here: a sync worker waits
        # for a slow phone on the Wi-Fi and serves nobody meanwhile (gunicorn's docs).
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args, host, port, workers, threads, **options):
        private = host_private(host)
        if settings.DEBUG:
            raise CommandError(
                "The room serves with DEBUG off: Django's debug pages show the settings and the "
                "code to whoever reaches them. For a developer's server with them: make dev."
            )
        if not private and secret_key_weak(settings.SECRET_KEY):
            raise CommandError(
                "DJANGO_SECRET_KEY is weak for a room others reach (50 characters or more, 5 "
                "different, not django-insecure-): unset it and `make run` uses .secret_key."
            )
        public_url = settings.SANDBOX_PUBLIC_URL
        address = room_address(host)
        if not public_url and address:
            public_url = f"http://{url_host(address)}:{port}"
        hosts = room_allowed_hosts(
            host=host,
            allowed=list(settings.ALLOWED_HOSTS),
            public_host=url_host(urlsplit(public_url).hostname) if public_url else None,
        )
        self.addresses_print(private=private, public_url=public_url, port=port)
        environment = {
            **os.environ,  # DJANGO_SETTINGS_MODULE too (manage.py sets it): these settings
            "DJANGO_ALLOWED_HOSTS": ",".join(hosts),
            "SANDBOX_PUBLIC_URL": public_url,
            "DJANGO_CONN_MAX_AGE": os.environ.get("DJANGO_CONN_MAX_AGE", str(SERVED_CONN_MAX_AGE)),
        }
        bind = f"{url_host(host.strip('[]') or '0.0.0.0')}:{port}"
        command = [sys.executable, "-m", "gunicorn", "config.wsgi:application"]
        command += ["--bind", bind, "--workers", str(workers), "--threads", str(threads)]
        command += ["--access-logfile", "-"]
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, command, environment)

    def addresses_print(self, *, private: bool, public_url: str, port: int) -> None:
        here = f"http://127.0.0.1:{port}/"
        if private:
            self.stdout.write(f"The sandbox, on this machine only (HOST=127.0.0.1): {here}")
            if public_url:
                self.stdout.write(f"Its links say SANDBOX_PUBLIC_URL: {public_url}/")
            return
        if public_url:
            self.stdout.write(
                self.style.SUCCESS(f"The room: {public_url}/  (join links and QR codes say this)")
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    "No network address found: only this machine reaches the sandbox. Connect "
                    "to the room's network and start again, or set SANDBOX_PUBLIC_URL."
                )
            )
        self.stdout.write(f"On this machine: {here}")
        self.stdout.write("Private to this machine instead: HOST=127.0.0.1 make run")
