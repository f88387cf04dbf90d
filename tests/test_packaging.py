"""pyproject.toml declares what the code imports, and requirements.txt (the lock) pins all of it."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
#: our own modules that scripts, tests and benchmarks import from their folders
LOCAL = {"calculators"} | {p.stem for folder in ("tests", "scripts", "benchmarks", "book/_ext", "deploy")
                           for p in (Path(__file__).resolve().parents[1] / folder).glob("*.py")}


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(spec: str) -> str:
    return norm(re.split(r"[\s<>=!~\[;]", spec, maxsplit=1)[0])


def declared(*groups: str) -> set[str]:
    specs = list(PYPROJECT["dependencies"])
    for group in groups:
        specs += PYPROJECT["optional-dependencies"][group]
    return {requirement_name(s) for s in specs} - {"poh-jeugd-calculators"}


def third_party_imports(*folders: str) -> dict[str, str]:
    """Top-level module imported -> first file that imports it, outside the standard library."""
    found: dict[str, str] = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "_build" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                         else [])
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in LOCAL and not top.startswith("test_"):
                        found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def undeclared(imports: dict[str, str], allowed: set[str]) -> list[str]:
    dists = packages_distributions()
    out = []
    for module, where in sorted(imports.items()):
        names = {norm(d) for d in dists.get(module, [module])}
        if not names & allowed:
            out.append(f"{module} ({where}; distribution {', '.join(sorted(names))})")
    return out


def test_the_package_declares_what_it_imports() -> None:
    assert undeclared(third_party_imports("calculators"), declared("apps", "book", "evaluation")) == []


def test_the_test_extra_covers_tests_scripts_and_benchmarks() -> None:
    imports = third_party_imports("tests", "scripts", "benchmarks", "book/_ext", "deploy")
    assert undeclared(imports, declared("apps", "book", "evaluation", "test", "dev")) == []


def test_the_lock_pins_every_declared_package_at_a_version_the_declaration_allows() -> None:
    lock = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            lock[norm(name)] = version.strip()
    groups = list(PYPROJECT["optional-dependencies"])
    missing = sorted(declared(*groups) - set(lock))
    assert missing == [], f"declared in pyproject.toml but not pinned in requirements.txt: {missing}"
    for spec in [*PYPROJECT["dependencies"], *(s for g in groups for s in PYPROJECT["optional-dependencies"][g])]:
        if "==" in spec:  # an exact pin in pyproject must be the locked version
            name, version = spec.split("==", 1)
            assert lock[requirement_name(name)] == version.strip(), spec


def test_the_readme_stays_short() -> None:
    """Issue 19: at most 150 lines; measurements go to benchmarks/README.md, test notes to tests/README.md."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150, len(lines)
