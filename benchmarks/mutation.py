"""Mutation testing of the model and decision modules with mutmut (a measurement, not part of CI).

    python benchmarks/mutation.py                 # the model and decision modules, one after the other
    python benchmarks/mutation.py bands parsing   # some of them
    python benchmarks/mutation.py workload.model  # a module of a subpackage: its dotted name

mutmut (configured in pyproject.toml, ``[tool.mutmut]``) copies the package to
``mutants/``, makes small deliberate changes to each function (``+`` to ``-``,
``<`` to ``<=``, a constant off by one, a default argument dropped, ...) and runs
the fast model tests against each change. A change that no test notices
"survives". The script runs one module at a time with one worker (the machine's
two cores are shared), then writes the score per module and every surviving
mutant, with its diff, to ``benchmarks/results/mutation.json``.

Survivors that cannot be killed because they do not change any result
(equivalent mutants) are listed in ``EQUIVALENT`` with a one-line reason; the
score counts them as survived all the same, and reports them separately.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "mutation.json"
MODEL_MODULES = ("staffing.model", "break_even.model", "savings.model", "referral.model", "bands", "parsing", "ranges",
                 "formatting")
#: the decision calculators (issue 19): WISN workload, whole cost, sensitivity, the council annex's content
DECISION_MODULES = ("workload.model", "costs.model", "sensitivity.model", "annex.content")
#: configured in [tool.mutmut] but not run by default (the kit was being rewritten when this was added)
EVALUATION_MODULES = ("evaluation.indicators", "evaluation.suppression", "evaluation.validation", "evaluation.privacy",
                      "evaluation.reading")
MODULES = MODEL_MODULES + DECISION_MODULES
KNOWN = MODULES + EVALUATION_MODULES

#: Surviving mutants that change no observable result, with the reason.
EQUIVALENT: dict[str, str] = {
    "calculators.break_even.model.x_break_even_share__mutmut_16":
        "hours_per_week=1.0 -> 2.0: the break-even share does not depend on the hours (cost and need both scale).",
    "calculators.savings.model.x_custom_scenario__mutmut_42":
        "<= -> < against 1 + 1e-9: differs only for shares summing to exactly 1.000000001, a float tolerance.",
    "calculators.savings.model.x_savings__mutmut_2":
        "default scenario 'conservative' -> 'CONSERVATIVE': builtin_scenario lower-cases the name.",
    "calculators.parsing.x_parse_number__mutmut_33":
        "'.' in t -> ('.' in t) or True: removing dots from a text without dots changes nothing.",
    "calculators.ranges.x__combine__mutmut_26":
        "isinstance(first, tuple) and all(...) -> or: first is one of the values, so all(...) already implies it.",
    "calculators.ranges.x_ranged__mutmut_20": "zip(strict=True) -> strict=None: names and corners always pair up.",
    "calculators.ranges.x_ranged__mutmut_23": "zip(strict=True) -> no strict: names and corners always pair up.",
    "calculators.ranges.x_ranged__mutmut_24": "zip(strict=True) -> strict=False: names and corners always pair up.",
    "calculators.ranges.xǁRangeǁcorners__mutmut_1":
        "a point range gives its value twice instead of once: the same result, evaluated twice.",
    "calculators.formatting.x__pattern__mutmut_4":
        "'#,##0.' (a decimal point, no decimal digits) formats exactly like '#,##0' in Babel "
        "(checked on 20,000 numbers).",
    "calculators.formatting.x__pattern__mutmut_9": "decimals > 0 -> >= 0: the same '#,##0.' pattern, see above.",
    "calculators.formatting.x_auto__mutmut_56": "rstrip('0') -> rstrip('XX0XX'): a Dutch number has no 'X' to strip.",
    "calculators.formatting.x_auto__mutmut_57": "rstrip(',') -> rstrip('XX,XX'): a Dutch number has no 'X' to strip.",
    "calculators.formatting.x_number__mutmut_13": "decimal precision 400 -> 401: both far above any float's digits.",
    "calculators.formatting.x_number__mutmut_17":
        "decimal_quantization True -> None: the number is rounded to its decimals first, nothing left to quantize.",
    "calculators.formatting.x_number__mutmut_21": "decimal_quantization dropped (default True): the same call.",
    "calculators.formatting.x_number__mutmut_23":
        "decimal_quantization True -> False: rounded first, so the same text (checked on 20,000 numbers).",
    "calculators.costs.model.x__check_nonnegative__mutmut_8":
        "float('inf') -> float('INF'): Python reads both as infinity.",
    # equivalent on the data as stored (a change to data/ could make them visible)
    "calculators.workload.model.x_default_additional_hours_per_year__mutmut_16":
        "the minimum of another function's basisteam hours instead of the POH Jeugd's: both are 0.0 (Tabel 2).",
    "calculators.workload.model.x_default_additional_hours_per_year__mutmut_29":
        "min x weeks -> min / weeks: the minimum is 0.0, so both are 0.",
    "calculators.workload.model.x_default_contacts_per_trajectory__mutmut_6":
        "divided by -> times the sum of Accare's type shares: they sum to exactly 1.0 (0.39 + 0.41 + 0.20).",
    "calculators.workload.model.x_workload_inputs__mutmut_11":
        "hpf = the stored hours per fte -> None: default_available_hours_per_fte(None) reads the same 38 h.",
    "calculators.workload.model.x_workload_inputs__mutmut_105":
        "hpf -> None in the low AWT: None means the stored 38 h, which hpf is.",
    "calculators.workload.model.x_workload_inputs__mutmut_109":
        "hpf -> None in the high AWT: None means the stored 38 h, which hpf is.",
    "calculators.workload.model.x_workload_inputs__mutmut_49":
        "low None: Assumption.of_fact then takes the value as the low end (no stored range), the same 3.426.",
    # the evaluation kit (issue 21 item 7)
    # evaluation.suppression, run whole (benchmarks/README.md); its killed slips: test_evaluation_suppression_mutants
    "calculators.evaluation.suppression.x_exposed_cells__mutmut_21":
        "+= sign -> -= sign: every coefficient negated, the same equations (A·d = 0 iff -A·d = 0).",
    "calculators.evaluation.suppression.x_exposed_cells__mutmut_26":
        "singular > 1e-9 -> >=: differs only for a singular value of exactly 1e-9.",
    "calculators.evaluation.suppression.x_exposed_cells__mutmut_35":
        "< 1e-9 -> <= 1e-9: differs only for a null-space entry of exactly 1e-9.",
    "calculators.evaluation.suppression.x_exposed_cells__mutmut_48":
        "cost -1 -> -2 on every zero: the same program scaled, the same zeros can become positive.",
    "calculators.evaluation.suppression.x_exposed_cells__mutmut_53":
        "a zero's box 0..1 -> 0..2: whether a zero can rise does not depend on the box (a direction scales into any).",
    "calculators.evaluation.suppression.x_exposed_cells__mutmut_57":
        "another cell's box -1..1 -> -2..1: as above, the box only scales the directions.",
    "calculators.evaluation.suppression.x_exposed_cells__mutmut_58":
        "another cell's box -1..1 -> -1..2: as above, the box only scales the directions.",
    "calculators.evaluation.suppression.x_exposed_cells__mutmut_69":
        "method='highs' dropped: scipy's linprog defaults to 'highs'.",
    "calculators.evaluation.suppression.x_exposed_cells__mutmut_72":
        "'highs' -> 'HIGHS': scipy's linprog lower-cases the method name.",
    "calculators.evaluation.suppression.x_exposed_cells__mutmut_77":
        "> 1e-9 -> >= 1e-9: differs only for a solution entry of exactly 1e-9.",
    "calculators.evaluation.suppression.x_narrow_cells__mutmut_11":
        "+= 1 -> = 1 for a total: its row is fresh zeros and the total is written first.",
    "calculators.evaluation.suppression.x_narrow_cells__mutmut_62":
        "method='highs' dropped: scipy's linprog defaults to 'highs'.",
    "calculators.evaluation.suppression.x_narrow_cells__mutmut_65":
        "'highs' -> 'HIGHS': scipy's linprog lower-cases the method name.",
    "calculators.evaluation.suppression.x_narrow_cells__mutmut_81":
        "the first joint program's cost times 2: the same optimum (and the per-cell programs decide).",
    "calculators.evaluation.suppression.x_narrow_cells__mutmut_82":
        "the second joint program's cost times 2: the same optimum (and the per-cell programs decide).",
    "calculators.evaluation.suppression.x_narrow_cells__mutmut_84":
        "the third joint program's cost times 2: the same optimum (and the per-cell programs decide).",
    "calculators.evaluation.suppression.x_narrow_cells__mutmut_85":
        "the fourth joint program's cost times 2: the same optimum (and the per-cell programs decide).",
    "calculators.evaluation.suppression.x_narrow_cells__mutmut_93":
        "the least value's program's cost times 2: the same optimum.",
    "calculators.evaluation.suppression.x_narrow_cells__mutmut_95":
        "the greatest value's program's cost times 2: the same optimum.",
    "calculators.evaluation.suppression.x_narrow_cells__mutmut_102":
        "zip strict=True -> None: narrow() has one entry per hidden cell.",
    "calculators.evaluation.suppression.x_narrow_cells__mutmut_105":
        "zip strict=True -> dropped: narrow() has one entry per hidden cell.",
    "calculators.evaluation.suppression.x_narrow_cells__mutmut_107":
        "zip strict=True -> False: narrow() has one entry per hidden cell.",
    "calculators.evaluation.suppression.x__protect__mutmut_7":
        "rounds len + 1 -> len - 1: each round but the last hides a cell, so they run out only when all are "
        "hidden, which is what running out returns.",
    "calculators.evaluation.suppression.x__protect__mutmut_8":
        "rounds len + 1 -> len + 2: the rounds never run out (see _7).",
    "calculators.evaluation.suppression.x__protect__mutmut_78":
        "set(values) -> set(None) after the rounds: never reached (see _7).",
    "calculators.evaluation.indicators.x__practice_table__mutmut_8":
        "fillna('') -> fillna(None): groupby drops a missing practice, isin() is False for it: 'Overige' all the same.",
    "calculators.evaluation.indicators.x__period_bounds__mutmut_44":
        "a half year from day 2 instead of 1: only its length is used (weeks): 2 Jan-2 Jul is as long as 1 Jan-1 Jul.",
    "calculators.evaluation.validation.x__integers__mutmut_32":
        "(high is not None) or True: pandas compares numbers > None as False, the same as the else branch.",
    "calculators.evaluation.validation.xǁValidationRefusalǁ__init____mutmut_45":
        "rstrip('.') -> rstrip('XX.XX'): no message of the kit ends in an 'X'.",
    "calculators.evaluation.privacy.x_digit_snippets__mutmut_18":
        "rfind from 1 instead of 0: differs only for a text that starts with a newline; cells are stripped.",
    "calculators.evaluation.privacy.x_digit_snippets__mutmut_30":
        "line_end < 0 -> <= 0: find() after a non-empty match never returns 0.",
    "calculators.evaluation.privacy.x_is_address__mutmut_8":
        "' ' -> 'XX XX' between the text around a postcode: both end a number at a word boundary; none found.",
    "calculators.evaluation.reading.x__decode__mutmut_4": "'cp1252' -> 'CP1252': codec names ignore case.",
    "calculators.evaluation.reading.x_read_xlsx__mutmut_33":
        "dtype=object -> None: pandas makes a frame of strings object all the same.",
    "calculators.evaluation.reading.x_map_unique__mutmut_9": "zip(strict=True) -> no strict: f maps each unique once.",
    "calculators.evaluation.reading.x_read_xlsx__mutmut_25":
        "the branch for an empty row: uploads.xlsx_rows pads every row to the widest, so no row is empty.",
    "calculators.evaluation.reading.x_read_xlsx__mutmut_26":
        "the branch for an empty row: uploads.xlsx_rows pads every row to the widest, so no row is empty.",
    "calculators.evaluation.reading.x_read_xlsx__mutmut_36": "dtype=object dropped: a frame of strings is object.",
    # fresh samples of issue 21's leftovers (seeds 22-24)
    "calculators.evaluation.privacy.x__column_findings__mutmut_25":
        "rules += -> rules = for a foreign header: rules is still the empty list there.",
    "calculators.evaluation.privacy.x__column_findings__mutmut_54":
        "nearest_column also for a format header: its exact name scores 1.0 (or a 2-3 character code matches none).",
    "calculators.evaluation.privacy.x_digit_snippets__mutmut_31":
        "line_end < 0 -> < 1: find() from the end of a non-empty match never returns 0.",
    "calculators.evaluation.privacy.x_passes_eleven_test__mutmut_27":
        "zip(strict=True) -> strict=False: the length was checked to be 9 just before.",
    "calculators.evaluation.reading.x__separator__mutmut_5":
        "split(newline, 1)[0] -> split(newline)[0]: the same line.",
    "calculators.evaluation.reading.x_map_unique__mutmut_6":
        "zip(strict=True) -> strict=None: f maps each unique once.",
    "calculators.evaluation.reading.x_map_unique__mutmut_14":
        "zip(strict=True) -> strict=False: f maps each unique once.",
    "calculators.evaluation.reading.x__finish__mutmut_60":
        "rows with index=None: the frame has the default index 0..n-1 there (CSV reset, XLSX built anew).",
    "calculators.evaluation.reading.x__finish__mutmut_62":
        "rows without index=df.index: the frame has the default index 0..n-1 there (CSV reset, XLSX built anew).",
    "calculators.evaluation.reading.x_read_xlsx__mutmut_30":
        "a frame from an empty body with the headers instead of no body: the same empty frame with those columns.",
    "calculators.evaluation.reading.x_read_xlsx__mutmut_38":
        "dtype=None for the frame of a header-only sheet: it has no rows, refused as 'geen trajecten' either way.",
    "calculators.evaluation.privacy.x_passes_eleven_test__mutmut_26":
        "zip(strict=True) -> no strict: the length was checked to be 9 just before.",
    "calculators.evaluation.privacy.x_screen__mutmut_19":
        "the default letter '?' -> 'XX?XX': reading gives every header of the frame its letter; never read.",
    "calculators.evaluation.reading.x__finish__mutmut_7":
        "c == '' -> c != '' in the test before the filter: the filter itself keeps the same columns, only runs more.",
    "calculators.evaluation.reading.x_read_xlsx__mutmut_15":
        "width = None: only used for an empty row, and uploads.xlsx_rows pads every row to the widest.",
    "calculators.evaluation.reading.x_read_xlsx__mutmut_23":
        "the branch for an empty row: uploads.xlsx_rows pads every row to the widest, so no row is empty.",
    "calculators.evaluation.reading.x_read_xlsx__mutmut_40":
        "no dtype for the frame of a header-only sheet: it has no rows, refused as 'geen trajecten' either way.",
    "calculators.evaluation.validation.x_validate__mutmut_127":
        "where(cond, None) -> where(cond): the values have pandas' str dtype, whose missing value is NaN either way.",
    "calculators.evaluation.validation.x_validate__mutmut_32":
        "out without frame.index: the first column assigned to it brings frame.index (every branch builds on it).",
}


def status_of(code: int | None) -> str:
    from mutmut.stats import status_by_exit_code

    return status_by_exit_code[code]


def run_module(module: str, max_children: int) -> float:
    env = {**os.environ, "HYPOTHESIS_PROFILE": "mutation", "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    subprocess.run(["mutmut", "run", "--max-children", str(max_children), f"calculators.{module}.*"],
                   cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def diff_of(name: str) -> str:
    out = subprocess.run(["mutmut", "show", name], cwd=ROOT, capture_output=True, text=True, check=False)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith(("+", "-")) and not ln.startswith(("+++", "---"))]
    return "\n".join(lines)


def module_result(module: str) -> dict[str, object]:
    meta = json.loads((ROOT / "mutants" / "calculators" / f"{module.replace('.', '/')}.py.meta").read_text())
    codes: dict[str, int | None] = meta["exit_code_by_key"]
    statuses = {name: status_of(code) for name, code in codes.items()}
    counts = Counter(statuses.values())
    tested = len(statuses) - counts["skipped"]
    killed = counts["killed"] + counts["timeout"] + counts["caught by type check"]
    survivors = sorted(n for n, s in statuses.items() if s not in {"killed", "timeout", "caught by type check",
                                                                     "skipped"})
    equivalent = [n for n in survivors if n in EQUIVALENT]
    return {
        "mutants": len(statuses),
        "killed": killed,
        "survived": len(survivors),
        "equivalent": len(equivalent),
        "statuses": dict(counts),
        "score": round(killed / tested, 4) if tested else None,
        "score_excluding_equivalent": round(killed / (tested - len(equivalent)), 4) if tested > len(equivalent)
        else None,
        "survivors": [{"name": n, "status": statuses[n], "equivalent": EQUIVALENT.get(n), "diff": diff_of(n)}
                      for n in survivors],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE",
                        help=f"default: {', '.join(MODULES)}; also {', '.join(EVALUATION_MODULES)}")
    parser.add_argument("--max-children", type=int, default=1, help="parallel mutmut workers (default 1)")
    parser.add_argument("--report-only", action="store_true", help="do not run mutmut, only collect its results")
    parser.add_argument("--fresh", action="store_true",
                        help="remove mutants/ first (mutmut keeps which tests reach which function between runs)")
    args = parser.parse_args(argv)
    unknown = set(args.modules) - set(KNOWN)
    if unknown:
        parser.error(f"unknown module(s): {', '.join(sorted(unknown))}")
    if args.fresh and not args.report_only:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    modules: dict[str, object] = dict(previous.get("modules", {}))
    for module in args.modules or MODULES:
        seconds = None if args.report_only else run_module(module, args.max_children)
        result = module_result(module)
        if seconds is not None:
            result["seconds"] = round(seconds, 1)
        elif isinstance(modules.get(module), dict) and "seconds" in modules[module]:  # type: ignore[operator]
            result["seconds"] = modules[module]["seconds"]  # type: ignore[index]
        modules[module] = result
        print(f"{module:12} {result['killed']:4}/{result['mutants']:4} killed  score {result['score']:.1%}  "
              f"survivors {result['survived']} (equivalent {result['equivalent']})", flush=True)
    from importlib.metadata import version

    def total_of(names: tuple[str, ...]) -> dict[str, object]:
        rows = [modules[m] for m in names if m in modules]
        total = sum(r["mutants"] for r in rows)  # type: ignore[index]
        killed = sum(r["killed"] for r in rows)  # type: ignore[index]
        return {"mutants": total, "killed": killed, "score": round(killed / total, 4) if total else None}

    out = {
        "tool": f"mutmut {version('mutmut')}",
        "tests": "fast model and decision tests (pyproject.toml [tool.mutmut] pytest_add_cli_args_test_selection), "
                 "hypothesis profile 'mutation'",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "total": total_of(MODEL_MODULES),
        "groups": {"models": total_of(MODEL_MODULES), "decision": total_of(DECISION_MODULES),
                   "evaluation": total_of(EVALUATION_MODULES)},
        "modules": {m: modules[m] for m in KNOWN if m in modules},
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    for group, t in out["groups"].items():  # type: ignore[attr-defined]
        if t["mutants"]:
            print(f"{group:12} {t['killed']}/{t['mutants']} killed, score {t['score']:.1%}")
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
