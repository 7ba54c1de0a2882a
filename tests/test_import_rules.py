"""The layering rules, read from the source: a forbidden import fails here, not in review.

* no import cycle between modules, nor between folders ("rooms": app.packs, app.services…);
* ``app`` never imports ``ui`` (``app.__main__`` starts the window, and is the one exception);
* ``ui`` never imports SQLAlchemy or ``sqlite3`` and never opens a session or transaction:
  it reads through ``app.reads`` and writes through ``app.services``;
* ``sqlite3`` is used only by the modules that own the file (listed below).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).parents[1]
# The modules that talk to SQLite below SQLAlchemy: opening and checking the file, its lock,
# recovery and backup, and the packs' ATTACH copy and byte-level review.
SQLITE_OWNERS = {
    "app.database",
    "app.engine",
    "app.newfile",
    "app.opencheck",
    "app.recovery",
    "app.schemacheck",
    "app.migrate",
    "app.packs.make",
    "app.packs.review",
    "app.packs.stored",
}


def modules() -> dict[str, Path]:
    found = {}
    for top in ("app", "ui"):
        for path in (ROOT / top).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path) -> set[str]:
    """Every module named by an import anywhere in the file (lazy imports count too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    named = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            named.add(base)
            named.update(f"{base}.{alias.name}" for alias in node.names)
    return named


def graph() -> dict[str, set[str]]:
    found = modules()

    def resolve(name: str) -> str | None:
        while name and name not in found:
            name = name.rpartition(".")[0]
        return name or None

    edges: dict[str, set[str]] = {name: set() for name in found}
    for name, path in found.items():
        for imported in imports_of(name, path):
            target = resolve(imported)
            if target and target != name and not name.startswith(target + "."):
                edges[name].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def room(name: str) -> str:
    """A folder's modules taken together (app.services, app.packs, ui.tree…); a module at the
    top of ``app`` or ``ui`` is a room of its own."""
    return ".".join(name.split(".")[:2])


def test_no_cycles_between_modules():
    assert cycles(graph()) == []


def test_no_cycles_between_folders():
    rooms: dict[str, set[str]] = {}
    for name, targets in graph().items():
        rooms.setdefault(room(name), set()).update(
            room(target)
            for target in targets
            if room(target) != room(name) and target not in {"app", "ui"}
        )
    assert cycles(rooms) == []


def test_app_never_imports_ui():
    wrong = [
        f"{name} → {target}"
        for name, targets in graph().items()
        for target in targets
        if name.startswith("app") and name != "app.__main__" and target.startswith("ui")
    ]
    assert wrong == []


def test_ui_never_touches_the_database_directly():
    wrong = []
    for name, path in modules().items():
        if not name.startswith("ui"):
            continue
        for imported in imports_of(name, path):
            if imported.split(".")[0] in {"sqlalchemy", "sqlite3"}:
                wrong.append(f"{name} imports {imported}")
        text = path.read_text(encoding="utf-8")
        for opener in (".reader(", ".transaction(", "Session("):
            if opener in text:
                wrong.append(f"{name} opens a session ({opener})")
    assert wrong == []


def test_only_the_file_owners_use_sqlite3():
    users = {
        name
        for name, path in modules().items()
        if any(imported.split(".")[0] == "sqlite3" for imported in imports_of(name, path))
    }
    assert users <= SQLITE_OWNERS, sorted(users - SQLITE_OWNERS)


def test_the_rules_catch_a_bad_import(tmp_path, monkeypatch):
    """The checks above can fail: a cycle and a forbidden arrow, planted in a copy."""
    edges = graph()
    edges["app.models"].add("app.database")  # app.database imports app.models already
    assert any("app.models" in c and "app.database" in c for c in cycles(edges))
    planted = tmp_path / "bad.py"
    planted.write_text("from ui.main_window import MainWindow\nimport sqlite3\n")
    assert imports_of("app.bad", planted) >= {"ui.main_window", "sqlite3"}
