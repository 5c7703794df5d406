"""The README's worked example is the file the suite runs (examples/test_qa_script.py), word
for word: the README cannot show a script that no longer works."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_readmes_example_is_the_script_the_suite_runs():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### A worked example: pytest + Playwright")[1]
    shown = re.search(r"```python\n(.*?)```", section, flags=re.DOTALL)[1]
    script = (ROOT / "examples" / "test_qa_script.py").read_text()
    assert shown.strip() in script
    assert shown.startswith("def test_")
