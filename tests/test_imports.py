"""Imports at the top: a module imported inside a function is one a comment
justifies with a measurement (a start-up a user would feel), on the import's
line or in the comment just above it.

Cost: parsing the package's modules; under a second.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PIPELINE = Path(__file__).resolve().parent.parent / "pipeline"
# A figure with its unit: "1.45 s", "78 ms", "0.2 s".
MEASURED = re.compile(r"\b\d+(?:\.\d+)?\s?(?:ms|s)\b")


def unjustified(path: Path) -> list[tuple[int, str]]:
    """The imports inside functions that no comment with a measurement justifies."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for func in ast.walk(ast.parse("\n".join(lines))):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                at = node.lineno - 1
                above = []
                for line in reversed(lines[:at]):  # the comment block just above, if any
                    if not line.strip().startswith("#"):
                        break
                    above.append(line)
                if not any(MEASURED.search(text) for text in (lines[at], *above)):
                    found.append((node.lineno, lines[at].strip()))
    return found


@pytest.mark.parametrize("path", sorted(PIPELINE.rglob("*.py")),
                         ids=lambda p: str(p.relative_to(PIPELINE)))
def test_function_level_imports_are_measured(path):
    assert unjustified(path) == []


@pytest.mark.parametrize("source, flagged", [
    ("def f():\n    import json\n", [(2, "import json")]),
    ("def f():\n    import jinja2  # 62 ms that --help never needs\n", []),
    ("def f():\n    # dnspython: 0.23 s at start-up\n    import dns\n", []),
    ("import json\n", []),
], ids=["bare", "measured on its line", "measured above", "at the top"])
def test_the_guard(tmp_path, source, flagged):
    probe = tmp_path / "probe.py"
    probe.write_text(source, encoding="utf-8")
    assert unjustified(probe) == flagged
