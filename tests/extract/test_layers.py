"""Data flows one way: the extract stage reads source text with helpers that
sit below it (`pipeline.text`, `pipeline.reference`), never with normalize's."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

EXTRACT = Path(__file__).resolve().parents[2] / "pipeline" / "extract"


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


@pytest.mark.parametrize("path", sorted(EXTRACT.glob("*.py")), ids=lambda p: p.name)
def test_extract_never_imports_normalize(path):
    assert not {m for m in imported_modules(path) if m == "pipeline.normalize" or m.startswith("pipeline.normalize.")}


def test_the_check_sees_an_import_of_normalize(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from pipeline.normalize.place import parse_place\n", encoding="utf-8")
    assert "pipeline.normalize.place" in imported_modules(probe)


CHECK = EXTRACT.parent / "check"


@pytest.mark.parametrize("path", sorted(CHECK.glob("*.py")), ids=lambda p: p.name)
def test_check_calls_no_normalizer(path):
    """Check only reads: the rules judge the normalized records; nothing in check imports normalize."""
    assert not {m for m in imported_modules(path) if m == "pipeline.normalize" or m.startswith("pipeline.normalize.")}


EXPORT = EXTRACT.parent / "export"
# Below the stages, where export reads what it renders: the registries of value fields and
# finding codes, the records, dates, text helpers and reference data.
EARLIER_STAGES = ("pipeline.check", "pipeline.normalize", "pipeline.extract")


@pytest.mark.parametrize("path", sorted(EXPORT.glob("*.py")), ids=lambda p: p.name)
def test_export_only_reads_records(path):
    """Export renders the records it is given: it imports nothing from check, normalize or extract
    (finding titles come from `pipeline.codes`, ages from `pipeline.dates`)."""
    assert not {m for m in imported_modules(path) if m.startswith(EARLIER_STAGES)}
