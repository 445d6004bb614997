"""Every public function, method and class under pipeline/ has a docstring."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pipeline"

def undocumented(source: str, name: str) -> list[str]:
    """The public definitions of `source` (nested ones too) that have no
    docstring, as "name:line:definition"; a leading "_" marks a private one."""
    return [f"{name}:{node.lineno}:{node.name}" for node in ast.walk(ast.parse(source, name))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and not node.name.startswith("_") and not ast.get_docstring(node)]


@pytest.mark.parametrize("source, expected", [
    ('def f():\n    """Doc."""\n', []),
    ("def f():\n    return 1\n", ["m.py:1:f"]),
    ("def _f():\n    return 1\n", []),
    ("class C:\n    x: int\n", ["m.py:1:C"]),
    ('class C:\n    """Doc."""\n\n    def m(self):\n        pass\n', ["m.py:4:m"]),
    ('def f():\n    """Doc."""\n    def g():\n        pass\n', ["m.py:3:g"]),
    ("async def f():\n    pass\n", ["m.py:1:f"]),
], ids=["documented", "bare-function", "private", "bare-class", "bare-method", "bare-nested", "bare-async"])
def test_undocumented_finds_what_lacks_a_docstring(source, expected):
    assert undocumented(source, "m.py") == expected


def test_every_public_definition_has_a_docstring():
    missing = [entry for path in sorted(PACKAGE.rglob("*.py"))
               for entry in undocumented(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))]
    assert not missing, "no docstring on:\n" + "\n".join(missing)
