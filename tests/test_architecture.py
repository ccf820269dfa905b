"""The package's layering, checked from its source: no import cycles, a core that knows
nothing of Click or of the render layer."""

from __future__ import annotations

import ast
from pathlib import Path

import reformkit

PACKAGE = Path(reformkit.__file__).parent
EDGE = (
    "reformkit.cli",
    "reformkit.options",
    "reformkit.completion",
    "reformkit.commands",
    "reformkit.render",
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(path: Path, known: set[str]) -> set[str]:
    """Every reformkit module ``path`` imports, at any depth (function-level included)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # ``from reformkit.rules import case`` imports the submodule when there is one.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names
            ]
        else:
            continue
        found.update(t for t in targets if t in known and t != name)
    return found


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports_of(path, known) for name, path in found.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_graph_sees_function_level_imports() -> None:
    edges = graph()
    # library.scan imports the rules inside check_file, not at the top.
    assert "reformkit.rules" in edges["reformkit.library.scan"]
    assert "reformkit.library.scan" in edges["reformkit.validate"]


def test_find_cycle_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles() -> None:
    assert find_cycle(graph()) is None


def is_edge(name: str) -> bool:
    return any(name == e or name.startswith(e + ".") for e in EDGE)


def test_core_never_imports_click() -> None:
    offenders = []
    for name, path in modules().items():
        if is_edge(name):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n == "click" or n.startswith("click.") for n in names):
                offenders.append(name)
    assert offenders == []


def is_under(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def test_graph_sees_imports_of_the_render_layer() -> None:
    edges = graph()
    assert "reformkit.render.markdown" in edges["reformkit.render.briefing.markdown"]
    assert "reformkit.render" in edges["reformkit.commands.search"]  # from reformkit.render import …


def test_only_render_and_commands_import_the_render_layer() -> None:
    """The core returns facts; wording for a reader lives in describe, writers in render/."""
    offenders = sorted(
        f"{name} -> {target}"
        for name, targets in graph().items()
        if not is_under(name, ("reformkit.render", "reformkit.commands"))
        for target in targets
        if is_under(target, ("reformkit.render",))
    )
    assert offenders == []
