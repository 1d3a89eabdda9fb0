"""Contexts own their tables: no context writes another's models; it calls the owner's service (a
booking takes a seat with ``catalogue.services.card_seat_take``). The check reads the code: a write
through a model's manager (``create``, ``update``, ``delete``...) on a model imported from another
context's ``models`` fails here, naming the place."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "kierunek"
WRITES = {
    "create",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
    "update",
    "delete",
    "create_user",
    "create_superuser",
}


def _context(path: Path) -> str:
    return path.relative_to(ROOT).parts[0]


def _foreign_models(tree: ast.AST, context: str) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kierunek."):
            parts = node.module.split(".")
            if len(parts) == 3 and parts[2] == "models" and parts[1] != context:
                names.update(alias.asname or alias.name for alias in node.names)
    return names


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.value if not isinstance(node, ast.Call) else node.func
    return node.id if isinstance(node, ast.Name) else None


def _foreign_writes(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    foreign = _foreign_models(tree, _context(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES:
            root = _root_name(node.func.value)
            if root in foreign and ".objects" in ast.unparse(node.func.value):
                found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}: {ast.unparse(node)[:90]}")
    return found


def test_no_context_writes_another_contexts_tables():
    found = [
        hit
        for path in sorted(ROOT.rglob("*.py"))
        # Demo data (demo.py and the demo_<part>.py a context splits it into) seeds every context.
        if "migrations" not in path.parts and not (path.name == "demo.py" or path.name.startswith("demo_"))
        for hit in _foreign_writes(path)
    ]
    assert found == []
