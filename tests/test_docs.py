"""The repository stands on its own: its docs are in docs/, and nothing points outside it."""

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
