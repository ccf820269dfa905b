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
    "reformkit.read_commands",
    "reformkit.completion",
    "reformkit.commands",
    "reformkit.render",
)

#: The layers, bottom first: a module may import from its own layer and the layers below it,
#: never from a layer above (function-level imports included). A name is a package (every
#: module under it) or a top-level module.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("reformkit._version", "reformkit.errors", "reformkit.case", "reformkit.text", "reformkit.yamltext"),
    ("reformkit.rules", "reformkit.library", "reformkit.config", "reformkit.fileio"),
    (
        "reformkit.search",
        "reformkit.importing",
        "reformkit.edit",
        "reformkit.report",
        "reformkit.validate",
        "reformkit.compare",
        "reformkit.stats",
        "reformkit.export",
    ),
    ("reformkit.wording",),
    ("reformkit.api",),
    ("reformkit.render",),
    ("reformkit.completion", "reformkit.options", "reformkit.read_commands", "reformkit.commands"),
    ("reformkit.cli", "reformkit.__main__", "reformkit"),
)

#: Imports that go up a layer today, each a piece of reader's wording still made by a core:
#: a briefing's default title and group names. Each one removed is taken off this list; none
#: is added.
KNOWN_UPWARD = {
    ("reformkit.report.briefing", "reformkit.wording.describe"),
    ("reformkit.report.briefing", "reformkit.wording.labels"),
}


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
    # library.check imports the rules inside check_file, not at the top.
    assert "reformkit.rules" in edges["reformkit.library.check"]
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
    """The core returns facts; wording for a reader lives in describe, writers in render/,
    and only the command edge picks a writer (``options``: the layout of ``--help``)."""
    offenders = sorted(
        f"{name} -> {target}"
        for name, targets in graph().items()
        if not is_under(name, ("reformkit.render", "reformkit.commands", "reformkit.options"))
        for target in targets
        if is_under(target, ("reformkit.render",))
    )
    assert offenders == []


def layer_of(name: str) -> int:
    found = [
        at
        for at, members in enumerate(LAYERS)
        for member in members
        if name == member or (member != "reformkit" and name.startswith(member + "."))
    ]
    assert found, f"{name} is in no layer of LAYERS: add it where it belongs"
    return max(found)


def test_every_module_has_a_layer() -> None:
    for name in modules():
        if name.startswith("reformkit.templates") or name.startswith("reformkit.schema"):
            continue  # data packages
        layer_of(name)


def test_imports_go_down_the_layers() -> None:
    upward = {
        (name, target)
        for name, targets in graph().items()
        if not name.startswith(("reformkit.templates", "reformkit.schema"))
        for target in targets
        if not target.startswith(("reformkit.templates", "reformkit.schema"))
        and layer_of(target) > layer_of(name)
    }
    assert upward - KNOWN_UPWARD == set(), "imports that go up a layer"
    assert KNOWN_UPWARD - upward == set(), "fixed: take these off KNOWN_UPWARD"


def test_commands_never_import_each_other_or_the_entry() -> None:
    offenders = sorted(
        f"{name} -> {target}"
        for name, targets in graph().items()
        if name.startswith("reformkit.commands.")
        for target in targets
        if target.startswith("reformkit.commands") or target == "reformkit.cli"
    )
    assert offenders == []


def test_the_package_top_level_stays_small() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 16, top


def test_architecture_md_names_every_module_and_folder() -> None:
    """ARCHITECTURE.md is the newcomer's map: it names every hand-written module by its path
    below reformkit/ (``library/loader/events.py``) and every folder (``library/loader/``)."""
    text = (PACKAGE.parent / "ARCHITECTURE.md").read_text("utf-8")
    wanted = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "compiled" not in path.parts and path.name != "__init__.py"
    ] + [
        f"{path.parent.relative_to(PACKAGE)}/"
        for path in PACKAGE.rglob("__init__.py")
        if path.parent != PACKAGE and "compiled" not in path.parts
    ]
    assert sorted(name for name in wanted if f"`{name}`" not in text) == []
