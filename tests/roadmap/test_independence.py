"""``roadmap`` depends on nothing of the project: ``reports`` builds on it, never the
other way round, so the roadmap (countries, priorities, indicators) can be read and
migrated on its own."""

from __future__ import annotations

import ast
from pathlib import Path

import roadmap

ROADMAP = Path(roadmap.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_roadmap_imports_nothing_from_reports():
    offenders = {
        str(path.relative_to(ROADMAP.parent)): sorted(
            m for m in _imported_modules(path) if m == "reports" or m.startswith("reports.")
        )
        for path in ROADMAP.rglob("*.py")
    }
    assert {path: mods for path, mods in offenders.items() if mods} == {}
