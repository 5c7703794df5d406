"""The course app's files import one another one way: what to capture and write
(`course_material.py`) <- the browser (`screen_capture.py`) <- a run (`runs.py`) <- the page
and the command. Every import counts, an import inside a function too (it would hide a circle,
not break it)."""

import ast
from pathlib import Path

COURSE = Path(__file__).resolve().parents[2] / "course"


def course_imports(path: Path) -> set[str]:
    """The course modules `path` imports, wherever in the file (`course.x` or `.x`)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.level == 1 and path.parent == COURSE:
                found.add(node.module.split(".")[0])
            elif node.level == 0 and node.module.startswith("course."):
                found.add(node.module.split(".")[1])
    return found


def test_the_course_files_import_one_another_without_a_circle():
    graph = {path.stem: course_imports(path) for path in COURSE.glob("*.py")}
    assert graph["screen_capture"] >= {"course_material"}  # the walk sees the imports
    visiting, done = set(), set()

    def visit(module, path):
        assert module not in visiting, f"circle: {' -> '.join([*path, module])}"
        if module in done or module not in graph:
            return
        visiting.add(module)
        for other in sorted(graph[module]):
            visit(other, [*path, module])
        visiting.discard(module)
        done.add(module)

    for module in graph:
        visit(module, [])
