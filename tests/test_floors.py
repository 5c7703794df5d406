"""The floors of the house (docs/architecture.md): an app imports only the floors below it.

core (site-wide pieces) and seats (which copy of the sample world a request works in) <-
accounts (the shared domain) <- the three centers <- sandbox (the trainers' layer, which may
use every center) <- classes (the trainer's classes and live board), faults (the deliberate
faults for QA practice), course (course material) and api (the JSON API for scripts, which may
use everything). A center never imports `sandbox`, nor another center; nothing imports upwards,
so there is no circle.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CENTERS = {"billing_center", "admin_center", "corp_portal"}
# app -> the project apps it may import (besides itself).
MAY_IMPORT = {
    "core": set(),
    "seats": set(),
    "accounts": {"core", "seats"},
    **{center: {"core", "seats", "accounts"} for center in CENTERS},
    "sandbox": {"core", "seats", "accounts", *CENTERS},
    "classes": {"core", "seats", "accounts", *CENTERS, "sandbox"},
    "faults": {"core", "seats", "accounts", *CENTERS, "sandbox"},
    "api": {"core", "seats", "accounts", *CENTERS, "sandbox", "classes", "faults"},
    # lessons (exercises): on the top floor; the class board shows them through a template tag.
    "lessons": {"core", "seats", "accounts", *CENTERS, "sandbox", "classes"},
    # course (course material and screen capture): on the top floor, asking the sandbox's guide,
    # personas and seats' worlds.
    "course": {"core", "seats", "accounts", *CENTERS, "sandbox"},
}


def imported_apps(app: str) -> dict[str, set[str]]:
    """Project app -> the files of `app` (migrations aside) that import it."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in MAY_IMPORT and top != app:
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize("app", MAY_IMPORT)
def test_an_app_imports_only_the_floors_below_it(app):
    upwards = {
        other: sorted(files)
        for other, files in imported_apps(app).items()
        if other not in MAY_IMPORT[app]
    }
    assert upwards == {}


def test_the_import_graph_has_no_circle():
    graph = {app: set(imported_apps(app)) for app in MAY_IMPORT}
    visiting, done = set(), set()

    def visit(app, path):
        assert app not in visiting, f"circle: {' -> '.join([*path, app])}"
        if app in done:
            return
        visiting.add(app)
        for other in graph[app]:
            visit(other, [*path, app])
        visiting.discard(app)
        done.add(app)

    for app in graph:
        visit(app, [])
