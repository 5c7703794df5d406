"""The floors of the house (docs/architecture.md): an app uses only the floors below it.

core (site-wide pieces) and seats (which copy of the sample world a request works in) <-
accounts (the shared domain) <- logmein_id (the screens both LogMeIn ID centers share) <- the
three centers <- sandbox (the trainers' sandbox, which may use every center) <- lessons,
faults and course (the course material) <- classes (the classroom, whose board shows the
exercises and the faults) <- api (the JSON API for scripts, which may use everything). A
center never uses `sandbox`, nor another center; nothing uses upwards, so there is no circle.

"Uses" is more than an import statement. This file reads every way one app ties itself to
another: imports (inside functions too), a template's `{% load %}` of another app's tag
library, a dotted string in settings that an app reads (a registry of callables), and a
registry of another app filled from `apps.py`. It also finds circles between the files of one
app, which an import inside a function would otherwise hide.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import global_settings

ROOT = Path(__file__).resolve().parents[1]
CENTERS = {"billing_center", "admin_center", "corp_portal"}
BELOW_CENTERS = {"core", "seats", "accounts", "logmein_id"}
TRAINERS = {*BELOW_CENTERS, *CENTERS, "sandbox"}
# app -> the project apps it may use (besides itself).
MAY_IMPORT = {
    "core": set(),
    "seats": set(),
    "accounts": {"core", "seats"},
    "logmein_id": {"core", "seats", "accounts"},
    **{center: set(BELOW_CENTERS) for center in CENTERS},
    "sandbox": {*BELOW_CENTERS, *CENTERS},
    "lessons": TRAINERS,
    "faults": TRAINERS,
    "course": TRAINERS,
    # The class board shows each seat's exercises and faults (their template tags).
    "classes": {*TRAINERS, "lessons", "faults"},
    "api": {*TRAINERS, "lessons", "faults", "course", "classes"},
    # Launched from an LMS (LTI 1.3): classes, seats and exercises; nothing imports it.
    "lms": {*TRAINERS, "lessons", "faults", "classes"},
}


def python_files(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def imported_modules(path: Path) -> set[str]:
    """The modules a file imports, anywhere in it (inside functions too), relative imports
    resolved, each with the names it takes (`from a import b` gives `a` and `a.b`)."""
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def imported_apps(app: str) -> dict[str, set[str]]:
    """Project app -> the files of `app` (migrations aside) that import it."""
    found: dict[str, set[str]] = {}
    for path in python_files(app):
        for name in imported_modules(path):
            top = name.split(".")[0]
            if top in MAY_IMPORT and top != app:
                found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


# Templates: `templates/<app>/...` and `<app>/templates/...` are the app's; the rest of
# `templates/` (base.html, the error pages, includes/) is the bottom floor's, core's.
LOAD = re.compile(r"{%\s*load\s+(.*?)\s*%}")
TAG_LIBRARIES = {
    path.stem: app
    for app in MAY_IMPORT
    for path in (ROOT / app / "templatetags").glob("*.py")
    if path.stem != "__init__"
}


def template_app(path: Path) -> str:
    parts = path.relative_to(ROOT).parts
    if parts[0] != "templates":
        return parts[0]
    return parts[1] if len(parts) > 2 and parts[1] in MAY_IMPORT else "core"


def template_files():
    folders = [ROOT / "templates", *(ROOT / app / "templates" for app in MAY_IMPORT)]
    for folder in folders:
        yield from sorted(folder.rglob("*.html"))


def template_loads() -> dict[tuple[str, str], tuple[str, str]]:
    """(template, tag library) -> (the template's app, the library's app), for every library
    of a project app that a template of another app loads."""
    found = {}
    for path in template_files():
        for libraries in LOAD.findall(path.read_text(encoding="utf-8")):
            names = libraries.split(" from ")[-1].split()
            for library in names:
                owner, app = TAG_LIBRARIES.get(library), template_app(path)
                if owner is not None and owner != app:
                    found[(str(path.relative_to(ROOT)), library)] = (app, owner)
    return found


# Settings: a dotted string naming a project app's module or callable, in a setting of the
# project's own that an app reads (a registry of callables), is an import of that app by the
# reader. Django's settings and the libraries' (MIDDLEWARE, INSTALLED_APPS, the context
# processors, AUTHENTICATION_BACKENDS, ROOT_URLCONF, the API's classes, axes' callables) are
# config's wiring, read by Django and the libraries; an app may read a value of them (the
# proxies DRF counts, whether whitenoise is in MIDDLEWARE) without taking their callables.
DOTTED = re.compile(rf"^({'|'.join(MAY_IMPORT)})(\.\w+)+$")
LIBRARY_SETTINGS = ("REST_FRAMEWORK", "SPECTACULAR_SETTINGS", "AXES_", "CSP_", "CRISPY_")


def project_setting(name: str) -> bool:
    return not hasattr(global_settings, name) and not name.startswith(LIBRARY_SETTINGS)


def settings_strings() -> dict[str, set[str]]:
    """Setting -> the dotted strings naming a project app's module that it holds."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "config" / "settings").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AnnAssign | ast.AugAssign):
                targets = [node.target]
            else:
                continue
            for target in targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, set()).update(
                        constant.value
                        for constant in ast.walk(node.value)
                        if isinstance(constant, ast.Constant)
                        and isinstance(constant.value, str)
                        and DOTTED.match(constant.value)
                    )
    return found


def settings_read(app: str) -> set[str]:
    """The settings the app's code reads (`settings.NAME`, `getattr(settings, "NAME")`)."""
    read = set()
    for path in python_files(app):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "settings":
                read.add(node.attr)
            elif (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "getattr"
                and len(node.args) >= 2
                and getattr(node.args[0], "id", None) == "settings"
                and isinstance(node.args[1], ast.Constant)
            ):
                read.add(node.args[1].value)
    return read


def settings_ties() -> dict[str, dict[str, set[str]]]:
    """Reading app -> {named app: the settings through which it reaches it}."""
    strings = settings_strings()
    ties: dict[str, dict[str, set[str]]] = {}
    for app in MAY_IMPORT:
        for setting in filter(project_setting, settings_read(app) & set(strings)):
            for dotted in strings[setting]:
                named = dotted.split(".")[0]
                if named != app:
                    ties.setdefault(app, {}).setdefault(named, set()).add(setting)
    return ties


def ready_touches(app: str) -> list[str]:
    """What an app's `AppConfig.ready()` takes from another project app to change it (a
    registry filled from apps.py). Connecting a receiver to another app's signal is Django's
    own way to listen (`signal.connect`) and is not counted."""
    path = ROOT / app / "apps.py"
    if not path.exists():
        return []
    found = []
    for ready in ast.walk(ast.parse(path.read_text())):
        if not (isinstance(ready, ast.FunctionDef) and ready.name == "ready"):
            continue
        taken = {}
        for node in ast.walk(ready):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if node.module.split(".")[0] in set(MAY_IMPORT) - {app}:
                    for alias in node.names:
                        taken[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] in set(MAY_IMPORT) - {app}:
                        taken[alias.asname or alias.name.split(".")[0]] = alias.name
        connected = {
            id(node.func.value)
            for node in ast.walk(ready)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "connect"
        }
        for node in ast.walk(ready):
            if isinstance(node, ast.Name) and node.id in taken and id(node) not in connected:
                found.append(taken[node.id])
    return sorted(set(found))


def file_circles(app: str) -> set[frozenset[str]]:
    """The circles between the files of one app: each a set of files that import one another
    round (through imports inside functions too)."""
    files = {module_name(path): path for path in python_files(app)}
    graph = {}
    for module, path in files.items():
        graph[module] = set()
        for name in imported_modules(path):
            while name and name not in files:
                name = name.rpartition(".")[0]
            if name and name not in (module, app):
                graph[module].add(name)
    # Tarjan's strongly connected components: a component of more than one file is a circle.
    index, low, stack, on_stack, circles = {}, {}, [], set(), set()

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in graph[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                circles.add(frozenset(str(files[m].relative_to(ROOT)) for m in component))

    for module in graph:
        if module not in index:
            visit(module)
    return circles


def upwards(app: str, others) -> list[str]:
    return sorted(other for other in others if other != app and other not in MAY_IMPORT[app])


@pytest.mark.parametrize("app", MAY_IMPORT)
def test_an_app_imports_only_the_floors_below_it(app):
    found = imported_apps(app)
    assert {other: sorted(found[other]) for other in upwards(app, found)} == {}


def test_a_template_loads_only_tag_libraries_of_its_floor_or_below():
    up = {tie: apps for tie, apps in template_loads().items() if apps[1] not in MAY_IMPORT[apps[0]]}
    assert up == {}
    # The check reads the templates: the board's exercises are lessons' tags, loaded from above.
    assert template_loads()[("templates/classes/board.html", "lessons_tags")] == (
        "classes",
        "lessons",
    )


def test_no_app_reads_a_setting_naming_an_app_above_it():
    up = {
        (app, other): sorted(settings)
        for app, named in settings_ties().items()
        for other, settings in named.items()
        if other in upwards(app, named)
    }
    assert up == {}
    # The check reads the settings: config's own wiring names apps of every floor.
    assert "seats.middleware.SeatMiddleware" in settings_strings()["MIDDLEWARE"]


@pytest.mark.parametrize("app", MAY_IMPORT)
def test_no_app_fills_another_app_s_registry_from_apps_py(app):
    assert ready_touches(app) == []


@pytest.mark.parametrize("app", MAY_IMPORT)
def test_the_files_of_an_app_import_one_another_without_circle(app):
    assert file_circles(app) == set()


def test_the_apps_graph_has_no_circle():
    """Imports, template loads and settings together: no app reaches, however far round,
    back to itself."""
    graph = {app: set(imported_apps(app)) for app in MAY_IMPORT}
    for app, owner in template_loads().values():
        graph[app].add(owner)
    for app, named in settings_ties().items():
        graph[app].update(named)
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
