"""The layering rules, read from the source: a forbidden import fails here, not in review.

* no import cycle between modules, nor between folders ("rooms": app.packs, app.services…);
* the rooms of ``app`` and of ``ui`` import only downwards (``RANKS``): ``app.core`` imports
  nothing else from ``app``; ``app.store`` nothing above it; the reads never the services;
  ``ui.tree`` never the commands, the commands never a view, a view never the shell;
* ``app`` never imports ``ui`` (``app.__main__`` starts the window, and is the one exception);
* ``ui`` never imports SQLAlchemy or ``sqlite3`` and never opens a session or transaction:
  it reads through ``app.read`` and writes through ``app.services``;
* only ``app.store`` uses ``sqlite3`` or writes SQL as a string.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
# Each room of app may import its own modules and rooms of a lower rank, never higher or level.
RANKS = {
    "app.core": 0,
    "app.store": 1,
    "app.read": 2,
    "app.services": 3,
    "app.interchange": 4,
    "app.imports": 4,
    "app.packs": 4,
    "app.reports": 4,
    "app.demo": 5,
    "app.start_trace": 0,  # (start-up timestamps, standard library only)
    "app.window_args": 5,  # (the window's command line, checked before Qt starts)
    "app.cli": 6,
    "app.__main__": 7,
    # ui: the tree and the base table model know nothing of the rest; the commands use the
    # tree model; views and dialogs use the commands; the shell lays them all out.
    "ui.table_model": 0,
    "ui.tree": 0,
    "ui.commands": 1,
    "ui.panes": 2,
    "ui.dialogs": 2,
    "ui.shell": 3,
}
SQL = re.compile(
    r"\b(SELECT|INSERT INTO|DELETE FROM|UPDATE \w+ SET|PRAGMA|CREATE (TEMP )?TABLE|"
    r"ATTACH DATABASE|BEGIN IMMEDIATE|ALTER TABLE|DROP TABLE)\b"
)


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


def sql_strings(path: Path) -> list[str]:
    """String literals (not docstrings) that read as SQL."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and SQL.search(node.value)
    ]


def test_only_the_store_uses_sqlite3_or_sql_strings():
    wrong = []
    for name, path in modules().items():
        if name.startswith("app.store"):
            continue
        if any(imported.split(".")[0] == "sqlite3" for imported in imports_of(name, path)):
            wrong.append(f"{name} imports sqlite3")
        wrong.extend(f"{name} holds SQL: {text[:40]!r}" for text in sql_strings(path))
    assert wrong == []


def downward_problems(edges: dict[str, set[str]]) -> list[str]:
    wrong = []
    for name, targets in edges.items():
        top = name.split(".")[0]
        if "." not in name:
            continue
        assert room(name) in RANKS, f"{name}: a new room needs a rank in RANKS"
        for target in targets:
            crosses = target.startswith(top + ".") and room(target) != room(name)
            if crosses and RANKS[room(target)] >= RANKS[room(name)]:
                wrong.append(f"{name} → {target}")
    return wrong


def test_rooms_import_only_downwards():
    assert downward_problems(graph()) == []


def test_the_rules_catch_a_bad_import(tmp_path, monkeypatch):
    """The checks above can fail: a cycle and a forbidden arrow, planted in a copy."""
    edges = graph()
    edges["app.store.models"].add("app.store.database")  # database imports models
    assert any("app.store.models" in c and "app.store.database" in c for c in cycles(edges))
    edges["app.core.dates"].add("app.store.models")
    edges["ui.tree.model"].add("ui.commands.runner")
    assert sorted(downward_problems(edges)) == [
        "app.core.dates → app.store.models",
        "ui.tree.model → ui.commands.runner",
    ]
    planted = tmp_path / "bad.py"
    planted.write_text("from ui.shell.main_window import MainWindow\nimport sqlite3\n")
    assert imports_of("app.bad", planted) >= {"ui.shell.main_window", "sqlite3"}


def test_benchmarks_and_scripts_import_what_exists():
    """bench/ and scripts/ run outside the suite: a name moved in app/ or ui/ must fail here,
    not the next time someone measures."""
    import importlib
    import importlib.util

    missing = []
    for folder in ("bench", "scripts"):
        for path in sorted((ROOT / folder).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.ImportFrom) or not node.module:
                    continue
                if node.module.split(".")[0] not in {"app", "ui"}:
                    continue
                module = importlib.import_module(node.module)
                missing.extend(
                    f"{path.name}: {node.module}.{alias.name}"
                    for alias in node.names
                    if not hasattr(module, alias.name)
                    and not (
                        hasattr(module, "__path__")  # a package: the name may be a module
                        and importlib.util.find_spec(f"{node.module}.{alias.name}") is not None
                    )
                )
    assert missing == []
