"""Mutation score of the evaluation kit on a seeded random sample of its mutants (mutmut).

    PYTEST_ADDOPTS="$(python benchmarks/mutation_sample.py --addopts)" \\
        python benchmarks/mutation_sample.py evaluation.privacy evaluation.validation --sample 60

The kit's mutants are many (about 2,400 in four modules) and each runs the kit's tests, which read,
screen and validate whole files: on the shared two cores a full run takes hours. This script asks
mutmut for all of a module's mutants once (``mutmut run`` generates them without testing when given
no name that matches), draws a seeded random sample, runs only those, and reports the share killed
with its 95 % Wilson interval. Tests: the kit's own (``tests/test_evaluation.py``,
``tests/test_evaluation_slips.py`` and ``tests/test_evaluation_slips2.py``); ``--addopts`` prints the
``--deselect`` options that keep the other files of pyproject's selection out (they never reach the kit,
and the suppression's property tests would make every surviving mutant cost minutes). Results go into
``benchmarks/results/mutation.json`` beside the full runs of ``benchmarks/mutation.py``, marked
``"sample"``; equivalent mutants are those listed in ``mutation.EQUIVALENT``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import mutation  # noqa: E402  (benchmarks/mutation.py: EQUIVALENT, diff_of, status_of)

from calculators.stats import wilson_interval  # noqa: E402

ROOT = mutation.ROOT
KIT_TESTS = ("tests/test_evaluation.py", "tests/test_evaluation_slips.py", "tests/test_evaluation_slips2.py")
KILLED = {"killed", "timeout", "caught by type check"}


def addopts() -> str:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    return " ".join(f"--deselect={t}" for t in config["pytest_add_cli_args_test_selection"] if t not in KIT_TESTS)


def meta(module: str) -> dict[str, int | None]:
    path = ROOT / "mutants" / "calculators" / f"{module.replace('.', '/')}.py.meta"
    return json.loads(path.read_text())["exit_code_by_key"]  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE")
    parser.add_argument("--sample", type=int, default=60, help="mutants per module (default 60)")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--addopts", action="store_true", help="print the PYTEST_ADDOPTS to use and stop")
    parser.add_argument("--report-only", action="store_true",
                        help="do not run mutmut (e.g. after `mutmut run NAME …` of the survivors), only report")
    args = parser.parse_args(argv)
    if args.addopts:
        print(addopts())
        return 0
    results = json.loads(mutation.RESULTS.read_text())
    for module in args.modules:
        names = sorted(meta(module))
        sample = sorted(random.Random(f"{args.seed}:{module}").sample(names, min(args.sample, len(names))))
        start = time.monotonic()
        previous = results["modules"].get(module, {})
        if not args.report_only:
            subprocess.run(["mutmut", "run", "--max-children", str(args.max_children), *sample], cwd=ROOT,
                           check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = round(time.monotonic() - start, 1) if not args.report_only else previous.get("seconds")
        codes = meta(module)
        statuses = {n: mutation.status_of(codes[n]) for n in sample}
        counts = Counter(statuses.values())
        tested = len(sample) - counts["skipped"] - counts["not checked"]
        killed = sum(counts[s] for s in KILLED)
        survivors = sorted(n for n, s in statuses.items() if s not in KILLED | {"skipped", "not checked"})
        equivalent = [n for n in survivors if n in mutation.EQUIVALENT]
        low, high = wilson_interval(killed, tested) if tested else (None, None)
        results["modules"][module] = {
            "mutants": len(names), "sample": len(sample), "seed": args.seed, "tested": tested, "killed": killed,
            "survived": len(survivors), "equivalent": len(equivalent), "statuses": dict(counts),
            "score": round(killed / tested, 4) if tested else None,
            "score_ci95": [round(low, 4), round(high, 4)] if low is not None and high is not None else None,
            "score_excluding_equivalent": round(killed / (tested - len(equivalent)), 4)
            if tested > len(equivalent) else None,
            "survivors": [{"name": n, "status": statuses[n], "equivalent": mutation.EQUIVALENT.get(n),
                           "diff": mutation.diff_of(n)} for n in survivors],
            "seconds": seconds,
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        row = results["modules"][module]
        print(f"{module:24} {killed}/{tested} killed of a sample of {len(sample)} (of {len(names)})  "
              f"score {row['score']:.1%} (95 % {low:.1%}–{high:.1%})  survivors {len(survivors)} "
              f"(equivalent {len(equivalent)})  {seconds} s", flush=True)
    rows = [results["modules"][m] for m in mutation.EVALUATION_MODULES if m in results["modules"]]
    tested = sum(r.get("tested", r["mutants"]) for r in rows)
    killed = sum(r["killed"] for r in rows)
    results["groups"]["evaluation"] = {"mutants": sum(r["mutants"] for r in rows), "tested": tested,
                                       "killed": killed, "score": round(killed / tested, 4) if tested else None,
                                       "sampled": [m for m in mutation.EVALUATION_MODULES
                                                   if "sample" in results["modules"].get(m, {})]}
    mutation.RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(f"written to {mutation.RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
