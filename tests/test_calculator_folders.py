"""One folder per calculator (issue 19, item 2): ``calculators/<name>/`` holds the model (``model.py``), its
definition (``definition.py``: the Calculator, Input and Output objects and the page calculator) and, for each
page calculator, the formula the browser runs (``<page name>.js``). The registry collects exactly the folders
that exist, so a new calculator is its folder, its rows in ``data/`` and chapter text."""

from __future__ import annotations

import importlib
import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest

from calculators import registry
from calculators import static_calculators as sc

PACKAGE = Path(registry.__file__).resolve().parent


def calculator_folders(root: Path = PACKAGE) -> set[str]:
    """The folders directly under ``root`` that hold a model or a definition: each is a calculator's folder."""
    return {p.parent.name for pattern in ("*/model.py", "*/definition.py") for p in root.glob(pattern)}


def missing_files(folder: Path, pages: Iterable[str]) -> list[str]:
    """What a calculator folder lacks of its package, model, definition and page calculators' formulas."""
    needed = ["__init__.py", "model.py", "definition.py", *(f"{page}.js" for page in pages)]
    return [name for name in needed if not (folder / name).is_file()]


def test_every_folder_has_its_model_definition_and_formulas() -> None:
    for folder in registry.FOLDERS:
        pages = [p.name for p in folder.pages]
        assert missing_files(folder.path, pages) == [], folder.name
        # no formula without its page calculator (a leftover .js would be served but never checked)
        assert sorted(p.name for p in folder.path.glob("*.js")) == sorted(f"{p}.js" for p in pages), folder.name


def test_registry_lists_exactly_the_calculator_folders() -> None:
    names = [f.name for f in registry.FOLDERS]
    assert len(names) == len(set(names))
    assert set(names) == calculator_folders()
    assert {"staffing", "workload", "break_even", "savings", "referral", "costs", "sensitivity"} <= set(names)
    for folder in registry.FOLDERS:
        assert folder.path == PACKAGE / folder.name
        # the folder's FOLDER is the one its own definition module declares
        assert importlib.import_module(f"calculators.{folder.name}.definition").FOLDER is folder


def test_every_calculator_and_page_calculator_comes_from_one_folder() -> None:
    calculators = [c for f in registry.FOLDERS for c in f.calculators]
    assert len({c.name for c in calculators}) == len(calculators)
    assert list(registry.CALCULATORS.values()) == calculators
    assert [c.name for c in calculators] == ["staffing", "capacity", "workload", "break_even", "savings", "referral",
                                             "what_if", "costs", "whole_cost"]
    pages = [p for f in registry.FOLDERS for p in f.pages]
    assert list(registry.PAGE_CALCULATORS) == pages
    assert [p.name for p in pages] == ["formatie", "werklast", "terugverdienen", "verwijsaandeel", "integrale-kosten"]
    for folder in registry.FOLDERS:
        for page in folder.pages:
            assert page.calculator in folder.calculators, page.name  # the formula sits beside its model
            assert registry.page_module(page.name) == folder.path / f"{page.name}.js"


def test_the_site_serves_every_formula_under_its_old_address() -> None:
    files = sc.module_files()
    assert sorted(files) == sorted(["rekentool.js", "rekentool.css", "oogopslag.js",
                                    *(f"{p.name}.js" for p in registry.PAGE_CALCULATORS)])
    assert all(path.is_file() for path in files.values())
    assert files["formatie.js"] == PACKAGE / "staffing" / "formatie.js"
    assert files["rekentool.js"] == sc.MODULE_DIR / "rekentool.js"
    with pytest.raises(KeyError):
        registry.page_module("geen-rekentool")


def test_the_checks_fail_when_a_folder_lacks_a_file_or_is_not_listed(tmp_path: Path) -> None:
    copy = tmp_path / "staffing"
    shutil.copytree(PACKAGE / "staffing", copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert missing_files(copy, ["formatie"]) == []
    (copy / "formatie.js").unlink()
    assert missing_files(copy, ["formatie"]) == ["formatie.js"]
    (copy / "definition.py").unlink()
    (copy / "model.py").unlink()
    assert missing_files(copy, ["formatie"]) == ["model.py", "definition.py", "formatie.js"]
    # a folder with a model that the registry does not list
    (tmp_path / "new_calculator").mkdir()
    (tmp_path / "new_calculator" / "model.py").write_text("")
    (copy / "model.py").write_text("")
    assert calculator_folders(tmp_path) == {"staffing", "new_calculator"}
    assert calculator_folders(tmp_path) != {f.name for f in registry.FOLDERS}
