"""The shape docs/ARCHITECTURE.md describes, read from the source with ``ast``.

Every project module outside migrations and tests is parsed; its imports (at module level
and inside functions) give the package → package graph, which must have no cycle, with
``core`` importing no project package at all.
"""

from __future__ import annotations

import ast
import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "api",
    "articles",
    "config",
    "core",
    "curation",
    "editorial",
    "exports",
    "ops",
    "recalls",
    "scripts",
    "seeding",
)
MAX_LINES = 420


def _sources() -> list[Path]:
    return sorted(
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    )


def _every_python_file() -> list[Path]:
    """Every .py file of the repository, tests and scripts included (not the virtualenv)."""
    skip = {".venv", "build", "node_modules", ".git"}
    return sorted(p for p in ROOT.rglob("*.py") if not skip & set(p.relative_to(ROOT).parts))


@cache
def _parsed(path: Path) -> tuple[list[str], ast.Module]:
    text = path.read_text(encoding="utf-8")
    return text.splitlines(), ast.parse(text, filename=str(path))


def _imports(tree: ast.Module, package: str):
    """(node, imported module, inside a function?) for each project import in ``tree``."""
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend((child, alias.name, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                found.append((child, package if child.level else child.module, in_function))
            visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    visit(tree, False)
    return [(node, name, local) for node, name, local in found if name.split(".")[0] in PACKAGES]


def _graph() -> dict[str, dict[str, list[str]]]:
    """package → imported package → the places that import it."""
    graph: dict[str, dict[str, list[str]]] = {package: {} for package in PACKAGES}
    for path in _sources():
        package = path.relative_to(ROOT).parts[0]
        for node, name, _local in _imports(_parsed(path)[1], package):
            target = name.split(".")[0]
            if target != package:
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                graph[package].setdefault(target, []).append(where)
    return graph


def _cycle(graph) -> list[str] | None:
    """One import cycle between packages, or None."""
    done: set[str] = set()

    def walk(package: str, trail: list[str]) -> list[str] | None:
        if package in trail:
            return trail[trail.index(package) :] + [package]
        if package in done:
            return None
        for target in graph[package]:
            if cycle := walk(target, [*trail, package]):
                return cycle
        done.add(package)
        return None

    for package in graph:
        if cycle := walk(package, []):
            return cycle
    return None


def test_the_sources_are_all_read():
    """The checks below see every package (a renamed folder would silently drop out)."""
    for package in PACKAGES:
        assert list((ROOT / package).rglob("*.py")), f"{package}/ has no Python files"
    assert len(_sources()) > 150


def test_no_import_cycle_between_packages():
    graph = _graph()
    cycle = _cycle(graph)
    if cycle:
        arrows = [
            f"{a} -> {b}: {', '.join(graph[a][b][:3])}"
            for a, b in zip(cycle, cycle[1:], strict=False)
        ]
        pytest.fail("import cycle " + " -> ".join(cycle) + "\n" + "\n".join(arrows))


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b": []}, "b": {"c": []}, "c": {"a": []}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b": []}, "b": {}, "c": {"a": [], "b": []}}) is None


def test_core_imports_no_project_package():
    assert _graph()["core"] == {}


def test_the_documented_direction_holds():
    """The order of docs/ARCHITECTURE.md: no package imports one above it."""
    below = {
        "core": set(),
        "ops": {"core"},
        "editorial": {"core"},
        "recalls": {"core", "ops", "editorial"},
        "articles": {"core", "ops", "editorial", "recalls"},
    }
    top = {"api", "config", "curation", "exports", "seeding", "scripts"}
    below |= {package: set(PACKAGES) - top for package in top - {"scripts"}}
    graph = _graph()
    for package, allowed in below.items():
        assert set(graph[package]) <= allowed, (package, graph[package])


def _says_why(comment: str) -> bool:
    """A comment with words beyond a linter directive (``# noqa: F401`` says nothing)."""
    text = re.sub(r"(noqa|type:\s*ignore)(:\s*[A-Z]+\d+(,\s*[A-Z]+\d+)*)?", "", comment.lstrip("#"))
    return bool(re.search(r"[A-Za-z]{3}", text))


def test_function_local_imports_of_project_code_say_why():
    unexplained = []
    for path in _sources():
        lines, tree = _parsed(path)
        package = path.relative_to(ROOT).parts[0]
        for node, name, local in _imports(tree, package):
            if not local:
                continue
            here = lines[node.lineno - 1]
            same_line = "#" in here and _says_why(here.split("#", 1)[1])
            # The line above, or above the run of imports this one closes.
            above = node.lineno - 2
            while above > 0 and lines[above].strip().startswith(("from ", "import ")):
                above -= 1
            line_above = lines[above].strip().startswith("#") and _says_why(lines[above])
            if not (same_line or line_above):
                unexplained.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert unexplained == []


def test_a_directive_is_not_a_reason():
    assert not _says_why("# noqa: F401")
    assert _says_why("# noqa: F401 - registers the signal handlers once the models are loaded")


def test_no_file_over_the_size_limit():
    """Outside migrations, tests included."""
    too_long = {
        str(path.relative_to(ROOT)): n
        for path in _every_python_file()
        if "migrations" not in path.parts
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}


def test_querysets_are_only_built_from_managers():
    """A QuerySet class is only named in its definition, never called (what ``grep -rn`` for
    the name and an open parenthesis shows): every read starts from Model.objects."""
    needle = "QuerySet" + "("  # spelled apart, so this file is not a match itself
    built = []
    for path in _every_python_file():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if needle in line and not line.lstrip().startswith("class "):
                built.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert built == []


def test_every_app_package_is_in_the_distribution():
    """A package missing from pyproject's list would be left out of a built wheel."""
    include = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"
    ]["find"]["include"]
    apps = sorted(p for p in PACKAGES if (ROOT / p / "__init__.py").exists() and p != "scripts")
    assert [p for p in apps if f"{p}*" not in include] == []
