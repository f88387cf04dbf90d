"""No Dutch label of a calculator's input or output is written outside the registry (issue 19, 'Done when').

Every Output label and Input label in ``calculators/registry.py`` (and the definition files of the calculators)
is collected; the test fails when one of them appears as a string literal in another module of ``calculators/``,
in a code cell of a chapter (``book/chapters/*.md``) or another book page (``book/*.md``), or in a code cell of a
Voila notebook (``calculators/*.ipynb``). A surface that needs a label reads it from the registry
(``STAFFING["fte"].label``, ``YOUTHS_INPUT.dutch_label()``, ``book.output_columns``), so a label changed once
changes everywhere.

How a literal matches (labels of one to three words, such as 'Uren per week' or 'Verwijsaandeel', are common
words, so they match only as a whole literal):

- the whole literal is the label, after collapsing white space and dropping a trailing colon; case does not
  matter for labels of two or more words ('jaarkosten POH-J' in a help text is a copy), but it does for a
  single word, whose lower-case form is often a name ('verwijsaandeel' is an app);
- a label of five or more words also matches inside a longer literal, as a whole phrase (case-insensitive):
  a sentence that spells out 'niet naar jeugd-GGZ of overbrugging verwezen' copies the label.

Prose (Markdown outside code cells) is not checked: it may name an output in a sentence.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from calculators import registry
from calculators.registry import Calculator, Input, Output, PageCalculator

ROOT = Path(__file__).resolve().parents[1]
LONG = 5  # labels of this many words or more also match inside a longer literal

# Where a file quotes a registry label on purpose: (file relative to the root, label) -> why. Keep it short.
ALLOWED: dict[tuple[str, str], str] = {
    # observed hours of the pilots (data/tables/pilots_holland_rijnland.csv), not the calculator's input
    ("book/chapters/09-capaciteit-en-formatie.md", "Uren POH-J per week"): "a column of pilot data",
}


# --------------------------------------------------------------------------- the labels


def _collect(obj: object, out: dict[str, str], where: str) -> None:
    if isinstance(obj, Output):
        out.setdefault(obj.label, where)
    elif isinstance(obj, Input):
        out.setdefault(obj.dutch_label(), where)
    elif isinstance(obj, Calculator | PageCalculator):
        for item in (*obj.inputs, *(obj.shown if isinstance(obj, PageCalculator) else obj.outputs)):
            _collect(item, out, f"{where}.{item.name}")
    elif isinstance(obj, tuple | list):
        for item in obj:
            _collect(item, out, where)
    elif isinstance(obj, dict):
        for key, item in obj.items():
            _collect(item, out, f"{where}[{key}]")


def registry_labels() -> dict[str, str]:
    """Every Dutch label the registry defines -> where (the registry's name for it)."""
    labels: dict[str, str] = {}
    for name, value in vars(registry).items():
        if name.startswith("_"):
            continue
        if name.endswith("_LABEL") and isinstance(value, str):
            labels.setdefault(value, name)
        _collect(value, labels, name)
    for path in sorted((ROOT / "calculators").glob("*/definition.py")):  # one folder per calculator (issue 19)
        module = __import__(f"calculators.{path.parent.name}.definition", fromlist=["*"])
        for name, value in vars(module).items():
            if not name.startswith("_"):
                _collect(value, labels, f"{path.parent.name}.{name}")
    return labels


# --------------------------------------------------------------------------- the literals


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().removesuffix(":").strip()


def matches(literal: str, label: str) -> bool:
    """Whether a string literal copies ``label`` (see the module's docstring)."""
    lit, lab = _norm(literal), _norm(label)
    words = len(lab.split())
    if words == 1:
        return lit == lab
    if lit.casefold() == lab.casefold():
        return True
    return words >= LONG and re.search(r"(?<!\w)" + re.escape(lab.casefold()) + r"(?!\w)", lit.casefold()) is not None


def python_literals(source: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(line, text) of every string constant in Python source (f-strings give their literal parts).

    Docstrings are left out: they are developer documentation and may quote a label as an example."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield first_line + node.lineno - 1, node.value


CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.S | re.M)


def markdown_literals(text: str) -> Iterator[tuple[int, str]]:
    """The string literals of a MyST page's code cells, with their line in the page."""
    for cell in CELL.finditer(text):
        first = text.count("\n", 0, cell.start(1)) + 1
        lines = cell[1].splitlines()
        # cell options (':tags: [...]' lines, or a '---' block) are blanked, so line numbers stay right
        if lines and lines[0].strip() == "---":
            end = lines.index("---", 1) if "---" in lines[1:] else 0
            lines[: end + 1] = [""] * (end + 1)
        code = "\n".join("" if line.startswith((":", "%", "!")) else line for line in lines)
        yield from python_literals(code, first)


def notebook_literals(text: str) -> Iterator[tuple[int, str]]:
    """The string literals of a notebook's code cells (line: the number of the cell)."""
    for number, cell in enumerate(json.loads(text)["cells"], start=1):
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            code = "\n".join("" if line.startswith(("%", "!")) else line for line in source.splitlines())
            for _, literal in python_literals(code):
                yield number, literal


def checked_files() -> list[Path]:
    py = [p for p in (ROOT / "calculators").rglob("*.py")
          if p.name not in ("registry.py", "definitions.py", "definition.py") and "__pycache__" not in p.parts]
    return sorted([*py, *(ROOT / "calculators").glob("*.ipynb"), *(ROOT / "book" / "chapters").glob("*.md"),
                   *(ROOT / "book").glob("*.md")])


def literals(path: Path) -> Iterator[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        return python_literals(text)
    if path.suffix == ".ipynb":
        return notebook_literals(text)
    return markdown_literals(text)


@dataclass(frozen=True)
class Copy:
    path: str
    line: int
    label: str
    literal: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.label!r} (registry: {LABELS[self.label]}) in {self.literal[:80]!r}"


def copies(path: Path, labels: dict[str, str], root: Path = ROOT) -> list[Copy]:
    rel = path.relative_to(root).as_posix()
    return [Copy(rel, line, label, literal) for line, literal in literals(path) for label in labels
            if matches(literal, label) and (rel, label) not in ALLOWED]


LABELS = registry_labels()


# --------------------------------------------------------------------------- the checks


def test_the_registry_has_the_labels_the_guard_looks_for() -> None:
    # outputs of every calculator, inputs of the page calculators and of the CLI, the basis row
    for label in ("Formatie volgens de norm", "Te voorkomen trajecten per jaar", "Totale besparing",
                  "Verwijsaandeel", "Aantal jeugdigen (0–17 jaar)", "Uurkosten POH-J in € (zonder indirecte tijd)",
                  "Huidige uren POH-J per week", "Basis van de jaarkosten",
                  "Zonder verwijzing geholpen in evaluaties (waarneming, geen gemeten effect)"):
        assert label in LABELS, label
    assert len(LABELS) > 90


@pytest.mark.parametrize("path", checked_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_registry_label_is_written_outside_the_registry(path: Path) -> None:
    found = copies(path, LABELS)
    assert not found, ("Registry labels written again (read them from calculators/registry.py instead):\n"
                       + "\n".join(map(str, found)))


def test_every_allowed_copy_is_still_there() -> None:
    """An allowlist entry whose copy has gone is stale: remove it."""
    for (rel, label), why in ALLOWED.items():
        assert why, (rel, label)
        assert label in LABELS, f"{rel}: {label!r} is no longer a registry label"
        assert any(matches(literal, label) for _, literal in literals(ROOT / rel)), f"{rel}: no copy of {label!r}"


# --------------------------------------------------------------------------- the guard catches a copy


def test_a_planted_copy_is_caught_in_a_module_a_chapter_and_a_notebook(tmp_path: Path) -> None:
    module = tmp_path / "calculators" / "planted.py"
    module.parent.mkdir()
    module.write_text('ROWS = [("Formatie volgens de norm", 1), ("jaarkosten POH-J", 2)]\n'
                      'HELP = f"Totale besparing: {1}"\n', encoding="utf-8")
    found = copies(module, LABELS, tmp_path)
    assert sorted((c.line, c.label) for c in found) == [
        (1, "Formatie volgens de norm"), (1, "Jaarkosten POH-J"), (2, "Totale besparing")]

    chapter = tmp_path / "chapter.md"
    chapter.write_text("# Titel\n\nTekst met Formatie volgens de norm in proza.\n\n"
                       "```{code-cell} ipython3\n:tags: [remove-input]\n"
                       'table(rows, {"fte": "Formatie volgens de norm"}, caption="x")\n```\n', encoding="utf-8")
    assert [(c.line, c.label) for c in copies(chapter, LABELS, tmp_path)] == [(7, "Formatie volgens de norm")]

    notebook = tmp_path / "app.ipynb"
    notebook.write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "source": ["Verwijsaandeel"]},
        {"cell_type": "code", "source": ["%matplotlib inline\n", "x = 'Verwijsaandeel'\n"]}]}), encoding="utf-8")
    assert [(c.line, c.label) for c in copies(notebook, LABELS, tmp_path)] == [(2, "Verwijsaandeel")]


@pytest.mark.parametrize(("literal", "label", "expected"), [
    ("Formatie volgens de norm", "Formatie volgens de norm", True),
    ("  formatie  volgens de norm: ", "Formatie volgens de norm", True),     # white space, case, a colon
    ("Formatie volgens de norm en volgens de werklast", "Formatie volgens de norm", False),  # 4 words: whole only
    ("Uren per week (pilot, 2020)", "Uren per week", False),                 # a short label inside a longer text
    ("verwijsaandeel", "Verwijsaandeel", False),                            # one word: an app's name, not the label
    ("Verwijsaandeel", "Verwijsaandeel", True),
    ("123 jeugdigen worden niet naar jeugd-GGZ of overbrugging verwezen.",   # a long label inside a sentence
     "Niet naar jeugd-GGZ of overbrugging verwezen", True),
])
def test_how_a_literal_matches_a_label(literal: str, label: str, expected: bool) -> None:
    assert matches(literal, label) is expected


# --------------------------------------------------------------------------- the CLI's options read the registry

# Options that are no registry Input: band maps and choices, and the WISN assumptions, whose label, default and range
# come from data/ through calculators.workload.workload_inputs() (the CLI's option names are the issue's, not the
# model's keywords).
NOT_AN_INPUT = {"--json", "--help", "--trajectories", "--scenario", "--bggz-share", "--sggz-share", "--output",
                "--help-questions-per-1000", "--share-via-pohj", "--contacts-per-trajectory", "--minutes-per-contact",
                "--support-share", "--additional-hours-per-year", "--available-hours-per-fte"}
CALCULATOR_COMMANDS = ("staffing", "capacity", "break-even", "savings", "referral", "workload", "costs", "sensitivity",
                       "annex")


def _subparsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _subparsers(sub, (*path, name))


def test_every_calculator_option_is_labelled_from_the_registry() -> None:
    from calculators.cli import build_parser

    unlabelled = []
    for path, parser in _subparsers(build_parser()):
        if not path or path[0] not in CALCULATOR_COMMANDS:
            continue
        for action in parser._actions:
            option = max(action.option_strings, key=len, default="")
            if not option or option in NOT_AN_INPUT or isinstance(action, argparse._SubParsersAction):
                continue
            if not any((action.help or "").startswith(label) for label in LABELS):
                unlabelled.append(f"{' '.join(path)} {option}: {action.help!r}")
    assert not unlabelled, "\n".join(unlabelled)


def test_every_subcommand_prints_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    """A '%' in a help text (a share such as '30%') broke 'workload --help' with a traceback."""
    from calculators.cli import build_parser, main

    for path, _ in _subparsers(build_parser()):
        with pytest.raises(SystemExit) as exit_:
            main([*path, "--help"])
        assert exit_.value.code == 0, path
        assert "gebruik:" in capsys.readouterr().out, path
