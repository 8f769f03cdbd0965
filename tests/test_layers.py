"""The package's shape as a contract: layers import only downwards, nothing imports in a
circle, the command line and the page stand on the public faces, and importing the
library costs nothing it does not need.

Read from the source with ``ast`` (nothing is run): an import at module level (also one
a type checker alone reads) ties two modules; an import inside a function only where it
is one of ``Result``'s delegates to the writers and the waitlist (pandas' ``to_excel``
pattern), declared in ``DELEGATES``.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import workshop_assign

SRC = Path(workshop_assign.__file__).parent
PACKAGE = "workshop_assign"

# Lowest first; layers of one rank stand side by side and must not import each other.
LAYERS: dict[str, int] = {
    "_version": 0,
    "_lazy": 0,
    "text": 0,
    "errors": 1,
    "core": 2,
    "read": 3,
    "solver": 3,
    "synthetic": 3,
    "write": 4,
    "after": 5,
    "": 6,  # the public face, workshop_assign/__init__.py
    "cli": 7,
    "app": 7,
    "__main__": 8,
}
FACES = ("", "text", "errors", "core", "read", "write", "after")  # what cli/ and app/ may use
DELEGATES = {  # (module, imported module): Result's one-line delegates, imported late
    ("workshop_assign.core.result", "workshop_assign.write.explain"),
    ("workshop_assign.core.result", "workshop_assign.write.writers"),
    ("workshop_assign.core.result", "workshop_assign.write.pictures"),
    ("workshop_assign.core.result", "workshop_assign.after.waitlist"),
}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the module imported (for "from X import y": X, or X.y when a module)
    names: tuple[str, ...]
    line: int
    late: bool  # inside a function


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports() -> Iterator[Import]:
    for path in sorted(SRC.rglob("*.py")):
        source = module_name(path)
        yield from _imports_of(source, ast.parse(path.read_text(encoding="utf-8")))


def _imports_of(source: str, tree: ast.Module) -> Iterator[Import]:
    late_lines = {
        node.lineno
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.Import | ast.ImportFrom)
    }
    for node in ast.walk(tree):
        late = getattr(node, "lineno", 0) in late_lines
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(PACKAGE):
                    yield Import(source, alias.name, (), node.lineno, late)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PACKAGE):
            assert node.level == 0, f"{source}: relative import"
            names = tuple(alias.name for alias in node.names)
            yield Import(source, str(node.module), names, node.lineno, late)


def edges() -> list[Import]:
    """Module-level ties, "from package import submodule" counted as the submodule."""
    found = []
    for imp in imports():
        if imp.late:
            continue
        modules = [n for n in imp.names if _is_module(f"{imp.target}.{n}")]
        found += [Import(imp.source, f"{imp.target}.{n}", (), imp.line, False) for n in modules]
        if len(modules) < len(imp.names) or not imp.names:
            found.append(imp)
    return found


def _is_module(name: str) -> bool:
    path = SRC.parent / name.replace(".", "/")
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def test_the_layers_are_the_folders() -> None:
    tops = {p.stem for p in SRC.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
    assert tops - {"__init__"} == set(LAYERS) - {""}


def test_every_import_runs_down_the_layers() -> None:
    upward = [
        f"{imp.source}:{imp.line} imports {imp.target}"
        for imp in imports()
        if (imp.source, imp.target) not in DELEGATES
        and LAYERS[layer(imp.target)] > LAYERS[layer(imp.source)]
    ]
    assert upward == []


def test_layers_side_by_side_do_not_import_each_other() -> None:
    sideways = [
        f"{imp.source}:{imp.line} imports {imp.target}"
        for imp in imports()
        if layer(imp.target) != layer(imp.source)
        and LAYERS[layer(imp.target)] == LAYERS[layer(imp.source)]
        and layer(imp.source) not in ("", "cli")  # the face and the CLI's app launcher
    ]
    assert sideways == []


def test_no_import_cycle() -> None:
    graph: dict[str, set[str]] = {}
    for imp in edges():
        if imp.target != imp.source:
            graph.setdefault(imp.source, set()).add(imp.target)
    assert _cycles(graph) == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for after in graph.get(node, ()):
            if after not in index:
                visit(after)
                low[node] = min(low[node], low[after])
            elif after in stack:
                low[node] = min(low[node], index[after])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in list(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_only_late_imports_upwards_are_results_delegates() -> None:
    assert {(i.source, i.target) for i in imports() if i.late and i.target.count(".") > 1} >= {
        d for d in DELEGATES
    }


@pytest.mark.parametrize("part", ["cli", "app"])
def test_cli_and_app_use_only_the_public_faces(part: str) -> None:
    outside = []
    for imp in imports():
        if layer(imp.source) != part or layer(imp.target) in (part, "app"):
            continue
        face = imp.target.removeprefix(PACKAGE).removeprefix(".")
        if face not in FACES:
            outside.append(f"{imp.source}:{imp.line} imports {imp.target}")
            continue
        public = set(importlib.import_module(imp.target).__all__)
        outside += [
            f"{imp.source}:{imp.line}: {n}"
            for n in imp.names
            if n not in public and f"{face}.{n}".strip(".") not in FACES
        ]
    assert outside == []


def test_each_face_lists_names_that_exist() -> None:
    for face in FACES:
        module = importlib.import_module(f"{PACKAGE}.{face}".rstrip("."))
        for name in module.__all__:
            assert getattr(module, name) is not None, f"{module.__name__}.{name}"


def loaded_after(statement: str) -> set[str]:
    """The modules a fresh interpreter holds after ``statement``."""
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


HEAVY = {"xlsxwriter", "openpyxl", "ortools", "pandas.io.excel", "starlette", "smtplib"}


def test_importing_the_library_loads_nothing_heavy() -> None:
    loaded = loaded_after("import workshop_assign")
    assert not HEAVY & loaded
    assert not {m for m in loaded if m.startswith("workshop_assign.")} - {
        "workshop_assign._lazy",
        "workshop_assign._version",
    }


def test_a_result_loads_no_writer_and_no_solver() -> None:
    loaded = loaded_after("import workshop_assign.core.result")
    assert not {"xlsxwriter", "ortools", "workshop_assign.write", "workshop_assign.solver"} & {
        m.split(".")[0] if m.startswith(("xlsx", "ortools")) else m for m in loaded
    }


def test_the_command_line_loads_mail_and_web_only_when_asked() -> None:
    loaded = loaded_after("import workshop_assign.cli")
    assert not {"smtplib", "starlette", "uvicorn", "matplotlib"} & loaded


@pytest.mark.parametrize("face", FACES[:1] + FACES[3:])
def test_a_face_names_each_public_name_once_for_readers_for_types_and_for_import(
    face: str,
) -> None:
    """The type checker's imports, the lazy table and ``__all__`` agree, so a name added
    to one and not the others fails here, not in a user's editor."""
    module = importlib.import_module(f"{PACKAGE}.{face}".rstrip("."))
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    typed = {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for imp in node.body
        if isinstance(imp, ast.ImportFrom)
        for alias in imp.names
    }
    lazy = {name for names in module._HOMES.values() for name in names}
    assert typed == lazy == set(module.__all__) - {"__version__"}
