"""The public API surface: code imports from another package only what that module's
`__all__` lists (as autorefs does with its `_internal` modules), and only the MkDocs
adapter imports mkdocs."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parent.parent / "generator"


def _module_name(path: Path) -> str:
    parts = path.relative_to(GENERATOR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package(module: str, is_package: bool) -> str:
    return module if is_package else module.rpartition(".")[0]


def _imports() -> list[tuple[str, str, int, str, str]]:
    """(importer, its package, line, imported module, name) for every `from generator…`."""
    found = []
    for path in sorted(GENERATOR.rglob("*.py")):
        importer = _module_name(path)
        package = _package(importer, path.name == "__init__.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
                found += [
                    (importer, package, node.lineno, node.module or "", alias.name)
                    for alias in node.names
                ]
    return found


def _public(module: str) -> tuple[str, set[str]] | None:
    """(the module's package, its `__all__`), or None when it declares none."""
    loaded = importlib.import_module(module)
    names = getattr(loaded, "__all__", None)
    if names is None:
        return None
    is_package = hasattr(loaded, "__path__")
    return _package(module, is_package), set(names)


def test_imports_across_packages_use_only_public_names() -> None:
    """A name imported from a module of another package is in that module's `__all__`."""
    wrong = []
    for importer, package, line, module, name in _imports():
        try:
            importlib.import_module(f"{module}.{name}")
            continue  # a submodule, not a name
        except ModuleNotFoundError:
            pass
        public = _public(module)
        if public is None or public[0] == package or package.startswith(public[0] + "."):
            continue
        if name not in public[1]:
            wrong.append(f"{importer}:{line} imports {module}.{name}, not in its __all__")
    assert wrong == []


@pytest.mark.parametrize(
    "module",
    [
        "generator.cli",
        "generator.content_diff",
        "generator.diagnostics",
        "generator.escape",
        "generator.mkdocs_adapter",
        "generator.search",
        "generator.site.assemble",
        "generator.site.csp",
        "generator.site.output",
        "generator.site.preview",
    ],
)
def test_public_names_exist(module: str) -> None:
    """Every name a module lists in `__all__` is defined there."""
    loaded = importlib.import_module(module)
    assert loaded.__all__, module
    assert [name for name in loaded.__all__ if not hasattr(loaded, name)] == []


def test_only_the_adapter_imports_mkdocs() -> None:
    """`import mkdocs` appears in generator/mkdocs_adapter.py alone."""
    importers = set()
    for path in GENERATOR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n == "mkdocs" or n.startswith("mkdocs.") for n in names):
                importers.add(path.relative_to(GENERATOR).as_posix())
    assert importers == {"mkdocs_adapter.py"}
