"""The repository stands on its own: its docs are in docs/, and nothing points outside it."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {".git", ".venv", ".ci", "node_modules", "staticfiles", "__pycache__"}
# Built from pieces so that this file does not match itself.
OUTSIDE = re.compile("|".join([r"shared" + "/", r"DESIGN" + r"\.md", r"CONVENTIONS" + r"\.md"]))


def project_files(*suffixes):
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in SKIPPED or not path.is_file():
            continue
        if path.suffix in suffixes:
            yield relative, path


def test_nothing_points_to_documents_outside_the_repository():
    found = [
        f"{relative}:{number}"
        for relative, path in project_files(".py", ".md", ".html", ".txt", ".toml")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if OUTSIDE.search(line)
    ]
    assert found == []


def test_every_docs_link_leads_to_a_file():
    checked = set()
    for relative, path in project_files(".md", ".py"):
        for target in re.findall(r"\bdocs/[\w-]+\.md\b", path.read_text(encoding="utf-8")):
            assert (ROOT / target).is_file(), f"{relative} points to {target}"
            checked.add(target)
    # The loop checked something: the README's own links to the docs were among them.
    assert {"docs/api.md", "docs/deploy.md", "docs/architecture.md"} <= checked


# `path/file.py::name` anchors: the file exists and defines the name (a def, a class, an
# assignment: a test is a def). `::name` alone continues the last file named before it; a
# bare file name (`test_hostile_input.py::...`) is the one file of that name in the repository.
ANCHOR = re.compile(r"(?:((?:[\w-]+/)*[\w-]+\.py)|(?<=`))::([A-Za-z_]\w*)")
DOCUMENTS = ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))]


def anchors() -> list[tuple[str, str, str]]:
    """(document, file, name) for every anchor of the docs and the README."""
    found = []
    for document in DOCUMENTS:
        last = None
        for match in ANCHOR.finditer((ROOT / document).read_text(encoding="utf-8")):
            last = match[1] or last
            found.append((document, last, match[2]))
    return found


def anchored_file(name: str | None) -> Path | None:
    if name is None:
        return None
    if (ROOT / name).is_file():
        return ROOT / name
    if "/" not in name:
        same = [path for relative, path in project_files(".py") if relative.name == name]
        if len(same) == 1:
            return same[0]
    return None


def defined_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(target.id for target in targets if isinstance(target, ast.Name))
    return names


def test_every_anchor_names_a_file_and_a_name_defined_in_it():
    found = anchors()
    broken = []
    for document, name, defined in found:
        path = anchored_file(name)
        if path is None or defined not in defined_names(path):
            broken.append(f"{document}: {name}::{defined}")
    assert broken == []
    # The check read the anchors: the outcome table's are among them.
    assert ("docs/architecture.md", "billing_center/views.py", "LandingView") in found


# The map of docs/architecture.md: one row per app, every app of the project, and the count
# in its first sentence right.
NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"


def map_apps() -> list[str]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## The map", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| [\w' ]+ \| `(\w+)/` \|", section, flags=re.MULTILINE)


def project_apps() -> set[str]:
    return {path.parent.name for path in ROOT.glob("*/apps.py")}


def test_the_map_names_every_app_once_and_counts_them():
    rows = map_apps()
    shown = set(rows)
    assert len(rows) == len(shown)
    assert project_apps() - shown == set()
    assert shown - project_apps() == set()
    count = NUMBERS.split()[len(shown)]
    assert f"in {count} apps" in (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
