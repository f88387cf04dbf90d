"""The full run's units of work (tests/conftest.py, scripts/test.sh's ``-n 2 --dist loadscope``):
each pytest-xdist worker has its own session fixtures, so a test of the book build on the other
worker would build the book a second time, and a notebook's cells split over two workers would lose
their kernel."""

from __future__ import annotations

import ast

import pytest

from conftest import BOOK_FIXTURES, BOOK_MODULES, BOOK_SCOPE, ROOT, book_module_missing, suite_scope


@pytest.mark.parametrize(("nodeid", "scope"), [
    ("tests/test_book.py::test_strict_build_has_no_warnings", BOOK_SCOPE),
    ("tests/test_book.py::test_nbval_fails_on_a_chapter_with_a_failing_cell", BOOK_SCOPE),  # the whole module
    ("tests/test_browser_site.py::test_every_app_is_self_contained_and_accessible[chromium-formatie]", BOOK_SCOPE),
    ("tests/test_pdf_edition.py::test_metadata_names_the_edition_and_licences", BOOK_SCOPE),
    ("tests/test_serving_slots.py::test_app_pages_are_limited_per_address_block", "tests/test_serving_slots.py"),
    ("tests/test_models.py::TestStaffing::test_x[1]", "tests/test_models.py"),
    ("build/nbval/09-capaciteit-en-formatie.ipynb::Cell 3", "build/nbval/09-capaciteit-en-formatie.ipynb"),
    ("calculators/formatie.ipynb::Cell 0", "calculators/formatie.ipynb"),
])
def test_each_test_gets_its_unit(nodeid: str, scope: str) -> None:
    assert suite_scope(nodeid) == scope


def test_a_test_of_the_book_build_outside_the_book_modules_is_named() -> None:
    assert book_module_missing("tests/test_new.py::test_x", ["tmp_path", "site"]) == "tests/test_new.py"
    assert book_module_missing("tests/test_new.py::test_x", ["tmp_path", "html_dir"]) == "tests/test_new.py"
    assert book_module_missing("tests/test_new.py::test_x", ["tmp_path", "voila_port"]) is None
    assert book_module_missing("tests/test_serve.py::test_x", ["built_book"]) is None


def test_every_book_module_exists() -> None:
    assert all((ROOT / module).is_file() for module in BOOK_MODULES), sorted(BOOK_MODULES)


def fixtures_that_ask_for_the_build(source: str) -> set[str]:
    """Fixtures in ``source`` whose body asks for the book build at run time (request.getfixturevalue
    of a book fixture) or waits for the house-style build that the session's build starts."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef):
            continue
        if not any("fixture" in ast.unparse(d) for d in node.decorator_list):
            continue
        for call in ast.walk(node):
            if not isinstance(call, ast.Call):
                continue
            name = ast.unparse(call.func)
            args = [a.value for a in call.args if isinstance(a, ast.Constant)]
            if (name.endswith("getfixturevalue") and set(args) & BOOK_FIXTURES) or name == "HOUSE_STYLE_BUILD.result":
                found.add(node.name)
    return found


def test_the_finder_sees_a_fixture_that_asks_for_the_build_at_run_time() -> None:
    source = ('@pytest.fixture(scope="module")\ndef pages(request):\n    return request.getfixturevalue("site")\n\n'
              "@pytest.fixture\ndef styled(tmp_path_factory):\n"
              "    return HOUSE_STYLE_BUILD.result(tmp_path_factory.mktemp('x'))\n\n"
              "def helper(request):\n    return request.getfixturevalue('built_book')\n")
    assert fixtures_that_ask_for_the_build(source) == {"pages", "styled"}


def test_every_fixture_that_asks_for_the_build_at_run_time_is_a_book_fixture() -> None:
    found = {}
    for path in sorted((ROOT / "tests").glob("*.py")):
        for name in fixtures_that_ask_for_the_build(path.read_text(encoding="utf-8")):
            found[name] = path.name
    assert found, "the finder found none: tests/test_pdf_edition.py's html_dir asks for built_book"
    missing = {name: file for name, file in found.items() if name not in BOOK_FIXTURES}
    assert not missing, f"add these to BOOK_FIXTURES in tests/conftest.py: {missing}"
