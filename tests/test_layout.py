"""The package's layout is the pipeline (docs/architecture.md), and it stays that way.

Read from the source files' syntax trees, so the check needs no import and no new dependency:
every import points to the same or an earlier stage, no modules import each other in a circle,
no module grows past ~400 lines, and nothing inside the package imports the top-level
``syriamap`` namespace (its ``__init__`` is for users; modules import the module that defines
a name).  ``KNOWN`` lists what is still to be fixed; it may only shrink.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "syriamap"

#: Stage of each top-level module or subpackage; an import may only go to an equal or lower one.
LAYERS = {
    "_version": 0,
    "errors": 0,
    "_deprecated": 0,
    "output": 0,
    "gazetteer": 1,
    "document": 2,
    "text": 3,
    "places": 4,
    "events": 5,
    "formats": 6,
    "pipeline": 7,
    "corpus": 8,
    "maps": 9,
    "evaluate": 10,
    "cli": 11,
    "__init__": 12,
}
MAX_LINES = 400

#: Violations still to be fixed (issue 12); remove an entry when its module is fixed.
KNOWN: set[str] = set()


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package modules ``name`` imports, at module level or inside functions."""
    is_package = path.name == "__init__.py"
    here = name.split(".") if is_package else name.split(".")[:-1]
    if name == "__init__":
        here = []
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here[: len(here) - node.level + 1] if node.level > 1 else list(here)
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            candidates = [target] + [f"{target}.{a.name}" if target else a.name for a in node.names]
            for candidate in candidates:
                if candidate in modules and candidate != name:
                    found.add(candidate)
            if not target:
                found.add("")  # "from .. import X" at the package root
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "syriamap":
                    found.add("")
        elif isinstance(node, ast.ImportFrom) and node.module == "syriamap":
            found.add("")
    return found


def _stage(module: str) -> int:
    return LAYERS[module.split(".")[0]]


def _violations() -> set[str]:
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    found: set[str] = set()
    for name, path in modules.items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            found.add(f"too long: {path.relative_to(PACKAGE)}")
        for target in graph[name]:
            if target == "" and name not in ("__init__", "_deprecated"):
                found.add(f"imports the top-level package: {name}")
            elif target and _stage(target) > _stage(name):
                found.add(f"upward: {name} -> {target}")
    for component in _cycles(graph):
        found.add("cycle: " + ", ".join(sorted(component)))
    return found


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan); a package importing
    its own submodules, and they it, is not a cycle worth naming, so package ``__init__``
    edges to their own children are ignored."""
    edges = defaultdict(set)
    for source, targets in graph.items():
        for target in targets:
            if (
                target
                and not target.startswith(source + ".")
                and not source.startswith(target + ".")
            ):
                edges[source].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.add(item)
                if item == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in list(graph):
        if node not in index:
            visit(node)
    return components


def test_every_import_points_to_an_earlier_stage_and_modules_stay_small() -> None:
    new = _violations() - KNOWN
    assert not new, "layout violations: " + "; ".join(sorted(new))


def test_the_list_of_known_violations_only_shrinks() -> None:
    fixed = KNOWN - _violations()
    assert not fixed, "fixed, so remove from KNOWN: " + "; ".join(sorted(fixed))


def test_each_stage_of_the_pipeline_is_a_folder_with_a_docstring() -> None:
    for stage in ("gazetteer", "text", "places", "events", "formats", "corpus", "maps", "cli"):
        init = PACKAGE / stage / "__init__.py"
        assert init.is_file(), stage
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), stage


def test_the_scanner_sees_relative_imports_at_any_depth_and_of_the_top_level_package(
    tmp_path: Path,
) -> None:
    modules = {"maps": tmp_path / "a.py", "maps.probe": tmp_path / "b.py", "gazetteer": tmp_path}
    modules["maps.probe"].write_text(
        "from ..gazetteer import Gazetteer\ndef f():\n    from .. import extract\n",
        encoding="utf-8",
    )
    assert _imports("maps.probe", modules["maps.probe"], modules) == {"gazetteer", ""}
    pipeline = _imports("pipeline", PACKAGE / "pipeline.py", _modules())
    assert {"events", "formats", "places", "text", "gazetteer", "document"} <= pipeline
