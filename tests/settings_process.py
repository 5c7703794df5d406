"""Settings read in a process of their own: Django reads them once per process, so a test of
what an environment variable does starts a new Python with that environment."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DJANGO_SETUP = "import django; django.setup()"


def python_run(env: dict, code: str = DJANGO_SETUP) -> subprocess.CompletedProcess:
    """`code` run by this project's Python at the project's root, with exactly `env` as its
    environment (by default: Django set up, settings read); its output captured, at most 60 s."""
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
