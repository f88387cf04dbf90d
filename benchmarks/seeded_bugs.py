"""Seeded bugs: each small deliberate bug of issues 14 and 19, and the test that catches it.

    python benchmarks/seeded_bugs.py     # writes benchmarks/results/seeded_bugs.md

For each bug the script changes one line of ``calculators/`` (an exact text
replacement), runs the named tests, records whether they fail, and puts the
original file back (also when interrupted). A bug counts as caught when the
tests fail with the bug in place and pass without it. Never run it while
benchmarks/mutation.py runs: mutmut copies the source when it starts.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "seeded_bugs.md"


@dataclass(frozen=True)
class Bug:
    item: str  # the item of the 'Why' list
    file: str
    old: str
    new: str
    tests: tuple[str, ...]


BUGS = (
    Bug(
        "reach what-if hours without indirect time",
        "calculators/referral/model.py",
        'return contacts * data.value("contact_minutes") / 60 * (1 + data.value("indirect_uplift"))',
        'return contacts * data.value("contact_minutes") / 60',
        ("tests/test_expected_values.py::test_reach_what_if_defaults_include_indirect_time_over_47_weeks",),
    ),
    Bug(
        "what-if hours over 52 instead of 47 weeks",
        "calculators/referral/model.py",
        'hours_week = extra * hours_per_trajectory / data.value("working_weeks")',
        'hours_week = extra * hours_per_trajectory / data.value("paid_weeks")',
        ("tests/test_expected_values.py::test_reach_what_if_point_by_hand",),
    ),
    Bug(
        "reach what-if cost paid over 47 instead of 52 weeks",
        "calculators/referral/model.py",
        'extra_pohj_cost=hours_week * hourly_rate * data.value("paid_weeks")',
        'extra_pohj_cost=hours_week * hourly_rate * data.value("working_weeks")',
        ("tests/test_expected_values.py::test_reach_what_if_point_by_hand",),
    ),
    Bug(
        "a band alias moved by one band (`10+` read as 6–10)",
        "calculators/bands.py",
        '">10": ">10", "10+": ">10"',
        '">10": ">10", "10+": "6-10"',
        ("tests/test_expected_values.py::test_band_aliases",),
    ),
    Bug(
        "a band alias moved by one band (`6–10` read as >10)",
        "calculators/bands.py",
        '"6-10": "6-10", "6–10": "6-10"',
        '"6-10": "6-10", "6–10": ">10"',
        ("tests/test_expected_values.py::test_band_aliases",),
    ),
    Bug(
        "counterfactual referral rate ignored",
        "calculators/referral/model.py",
        "without = direct + not_induced * (pohj_referral_rate + counterfactual_referral_rate * "
        "(1 - pohj_referral_rate))",
        "without = direct + not_induced",
        (
            "tests/test_expected_values.py::test_referral_flows_by_hand",
            "tests/test_expected_values.py::test_counterfactual_referral_rate_is_a_share_of_the_youths_not_referred_on_by_hand",
        ),
    ),
    Bug(
        "induced demand ignored",
        "calculators/referral/model.py",
        "not_induced = to_pohj - induced",
        "not_induced = to_pohj",
        ("tests/test_expected_values.py::test_induced_demand_by_hand",),
    ),
    Bug(
        "cost per youth off (cost per fte instead of the municipality's cost)",
        "calculators/staffing/model.py",
        "cost_per_youth=cost / youths if youths else 0.0",
        "cost_per_youth=cost_per_fte / youths if youths else 0.0",
        ("tests/test_expected_values.py::test_staffing_for_hillegom_by_hand",),
    ),
    Bug(
        "`100.000` parsed as 100",
        "calculators/parsing.py",
        "elif DUTCH_THOUSANDS.fullmatch(t):",
        "elif False:",
        ("tests/test_expected_values.py::test_parse_number_reads_dutch_input",),
    ),
    Bug(
        "off-by-one in the estimated counts",
        "calculators/savings/model.py",
        "scale = hours_per_week / pilot_hours_2020()",
        "scale = (hours_per_week + 1) / pilot_hours_2020()",
        ("tests/test_expected_values.py::test_estimated_counts_by_hand",),
    ),
    Bug(
        "capacity: new clients per week over 47 productive instead of 52 weeks",
        "calculators/staffing/model.py",
        'new_clients_per_week=trajectories / data.value("paid_weeks")',
        'new_clients_per_week=trajectories / data.value("working_weeks")',
        ("tests/test_expected_values.py::test_capacity_point_by_hand",),
    ),
    Bug(
        "capacity: trajectories from contacts per week instead of per year",
        "calculators/staffing/model.py",
        "trajectories = per_year / mean_contacts_per_trajectory",
        "trajectories = per_week / mean_contacts_per_trajectory",
        ("tests/test_expected_values.py::test_capacity_point_by_hand",),
    ),
    Bug(
        "cost coverage inverted",
        "calculators/savings/model.py",
        "return savings_total / annual_cost if annual_cost else 0.0",
        "return annual_cost / savings_total if savings_total else 0.0",
        ("tests/test_expected_values.py::test_cost_coverage_by_hand",),
    ),
    Bug(
        "fte_per_10k_for ignores the hours per fte",
        "calculators/staffing/model.py",
        "return hours_to_fte(hours_per_week, hours_per_fte) / youths * PER_YOUTHS if youths else 0.0",
        "return hours_to_fte(hours_per_week) / youths * PER_YOUTHS if youths else 0.0",
        ("tests/test_expected_values.py::test_fte_per_10k_for_by_hand",),
    ),
    Bug(
        "formatting: no thousands separator (`€ 170820`)",
        "calculators/formatting.py",
        'return "#,##0" + (',
        'return "###0" + (',
        ("tests/test_expected_values.py::test_formatting_is_dutch",),
    ),
    Bug(
        "formatting: a share printed as a fraction (`0%` for 30 %)",
        "calculators/formatting.py",
        'return number(share * 100, decimals) + "%"',
        'return number(share, decimals) + "%"',
        ("tests/test_expected_values.py::test_formatting_is_dutch",),
    ),
    Bug(
        "break-even hours a week over 52 instead of 47 weeks (the old `remaining + per_week == contract` "
        "property cannot see it)",
        "calculators/break_even/model.py",
        "per_week = total_year / weeks",
        "per_week = total_year / paid",
        (
            "tests/test_expected_values.py::test_break_even_by_hand",
            "tests/test_expected_values.py::test_break_even_oegstgeest_printed_figures",
        ),
    ),
    Bug(
        "POH-J referrals from the share not referred (the old `to_pohj + direct == help_questions` property "
        "cannot see it)",
        "calculators/referral/model.py",
        "via_pohj = to_pohj * pohj_referral_rate",
        "via_pohj = to_pohj * (1 - pohj_referral_rate)",
        (
            "tests/test_expected_values.py::test_referral_flows_by_hand",
            "tests/test_properties.py::test_referral_flows_scale_and_stay_in_bounds",
        ),
    ),
    Bug(
        "share of contracted time from direct hours only (the old test with `break_even_share` on both sides "
        "cannot see it)",
        "calculators/break_even/model.py",
        "share = per_week / contract",
        "share = direct_week / contract",
        ("tests/test_expected_values.py::test_break_even_share_by_hand",),
    ),
    # the evaluation kit (issue 21): slips the fast tests used to miss
    Bug(
        "evaluation: age bands drop their top age (5, 11, 17, 23 counted as 'onbekend')",
        "calculators/evaluation/indicators.py",
        'frame["age"].between(low, high)',
        'frame["age"].between(low, high - 1)',
        ("tests/test_evaluation_suppression.py::test_age_bands_count_their_edges_by_hand",),
    ),
    Bug(
        "evaluation: a share over an unsuppressed base",
        "calculators/evaluation/indicators.py",
        "count, base = self.count(var), self.count(base_var)",
        "count, base = self.count(var), self.values[base_var]",
        ("tests/test_evaluation_suppression.py::test_a_hidden_base_hides_its_share_and_its_base",),
    ),
    Bug(
        "evaluation: threshold `<=` instead of `<`",
        "calculators/evaluation/suppression.py",
        "primary = {k for k, v in values.items() if v < min_cell}",
        "primary = {k for k, v in values.items() if v <= min_cell}",
        ("tests/test_evaluation_suppression.py::test_a_count_exactly_at_the_minimum_is_shown",),
    ),
    Bug(
        "evaluation: 'group = sum of its interventions' left out of suppression",
        "calculators/evaluation/indicators.py",
        "b.equations.append(\n                Equation(group_table.cells[(group, col)],",
        "list().append(\n                Equation(group_table.cells[(group, col)],",
        ("tests/test_evaluation_suppression.py::test_the_group_equation_forces_a_complement_across_tables",),
    ),
    Bug(
        "evaluation: a rounded report shows the exact counts",
        "calculators/evaluation/indicators.py",
        "return None if var in self.hidden else round_to(self.values[var], self.rounding)",
        "return None if var in self.hidden else self.values[var]",
        ("tests/test_evaluation_rounding.py::test_automatic_rounding_only_when_exact_counts_hide_a_headline_figure",),
    ),
    Bug(
        "evaluation: a rounded figure taken to stand for one value fewer (10 as 8..11)",
        "calculators/evaluation/suppression.py",
        "return max(0, shown - base // 2), shown + (base - 1) // 2",
        "return max(0, shown - base // 2), shown + (base - 1) // 2 - 1",
        ("tests/test_evaluation_rounding.py::test_the_range_a_rounded_figure_stands_for",),
    ),
    Bug(
        "evaluation: a BSN inside free text not looked for",
        "calculators/evaluation/privacy.py",
        'found = [re.sub(r"\\D", "", m) for m in _BSN.findall(text)]',
        'found = [re.sub(r"\\D", "", m) for m in _BSN.findall(text) if m == text]',
        (
            "tests/test_evaluation.py::test_identifiers_inside_free_text_of_an_extra_column_are_refused_never_repeated",
            "tests/test_evaluation.py::test_identifiers_in_the_formats_own_columns_are_refused_never_repeated",
        ),
    ),
    # issue 19, item 8: slips in the decision calculators that the fast tests missed before
    Bug(
        "workload: the default working time ignores a given number of hours per fte (0,1662 fte instead of "
        "0,1974 at 32 hours)",
        "calculators/workload/model.py",
        "            available_hours_per_fte = default_available_hours_per_fte(hpf)\n",
        "            available_hours_per_fte = default_available_hours_per_fte()\n",
        ("tests/test_decision_calcs.py::test_workload_default_working_time_follows_the_given_hours_per_fte",),
    ),
    Bug(
        "sensitivity: the base stays at the data default when the user gives a range",
        "calculators/sensitivity/model.py",
        "return Assumption(a.name, a.label, given.mid, given.low, given.high,",
        "return Assumption(a.name, a.label, a.value, given.low, given.high,",
        ("tests/test_decision_calcs.py::test_sensitivity_base_is_the_middle_of_a_range_the_user_gives",),
    ),
    Bug(
        "annex: the row 'Verschil huidig − nodig' shows the WISN ratio",
        "calculators/annex/content.py",
        '"wisn_difference_fte"))]',
        '"wisn_ratio"))]',
        (
            "tests/test_annex.py::test_workload_annex_docx_marks_the_assumption",
            "tests/test_annex.py::test_workload_annex_difference_row_when_short",
        ),
    ),
)


def run_tests(tests: tuple[str, ...]) -> bool:
    """True if the tests pass."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HYPOTHESIS_PROFILE": "mutation"}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.returncode == 0


def check(bug: Bug) -> tuple[bool, bool]:
    """(caught with the bug, passes without it)."""
    path = ROOT / bug.file
    original = path.read_text()
    if original.count(bug.old) != 1:
        raise SystemExit(f"{bug.file}: the text to replace must occur once: {bug.old!r}")
    try:
        path.write_text(original.replace(bug.old, bug.new))
        caught = not run_tests(bug.tests)
    finally:
        path.write_text(original)
    return caught, run_tests(bug.tests)


def main() -> int:
    rows = []
    for bug in BUGS:
        caught, clean = check(bug)
        print(
            f"{'caught' if caught else 'MISSED':6}  {'clean' if clean else 'FAILS WITHOUT BUG':17}  {bug.item}",
            flush=True,
        )
        tests = "<br>".join(f"`{t.removeprefix('tests/')}`" for t in bug.tests)
        rows.append(
            f"| {bug.item} | `{bug.file}`: `{bug.old}` → `{bug.new}` | {tests} | "
            f"{'fails (caught)' if caught else '**passes (missed)**'} | {'passes' if clean else '**fails**'} |"
        )
    text = "\n".join(
        [
            "# Seeded bugs (issues 14 and 19)",
            "",
            "Each row is one small deliberate bug, applied to the code for the run and then reverted by",
            "`python benchmarks/seeded_bugs.py`, which wrote this file. 'With the bug' is the result of the",
            "named tests with the bug in place; 'without' is the same tests on the committed code.",
            "",
            "| bug (item of the issue) | change | test that catches it | with the bug | without |",
            "|---|---|---|---|---|",
            *rows,
            "",
        ]
    )
    RESULTS.write_text(text)
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0 if all("(caught)" in r for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
