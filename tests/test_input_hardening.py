"""Input that float() would read but a person did not mean as a plain number is refused alike in the
CLI and the apps (they share calculators.parsing)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from calculators import InputError
from calculators.parsing import parse_number


@pytest.mark.parametrize("text", ["１２", "١٢", "۱۲", "1_000", "inf", "-inf", "nan", "Infinity", "0x10", "1e", ""])
def test_unusual_digits_and_python_spellings_are_refused(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_number(text, "youths")
    assert "Aantal jeugdigen" in info.value.message


@pytest.mark.parametrize(("text", "value"), [("100.000", 100_000.0), ("1.000,5", 1000.5), ("0,3", 0.3), ("30%", 0.3),
                                             ("€ 876", 876.0), ("1e3", 1000.0), ("-5", -5.0), (" 12 ", 12.0)])
def test_plain_dutch_numbers_still_read(text: str, value: float) -> None:
    assert parse_number(text, "youths") == pytest.approx(value)


def test_cli_refuses_full_width_digits_with_one_dutch_line() -> None:
    proc = subprocess.run([sys.executable, "-m", "calculators", "staffing", "--youths", "５０００"],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "cijfers 0–9" in proc.stderr and "Traceback" not in proc.stderr


# --- plausible maxima (data/tables/input_limits.csv) ---------------------------------------------

def test_a_typo_like_1e308_is_refused_with_the_bound_it_enforces() -> None:
    from calculators import break_even

    # The limit for weekly hours is 2.000 (input_limits.csv); 1e308 would print '€ ∞' and '∞ trajecten'.
    with pytest.raises(InputError) as info:
        break_even(annual_cost=100_000, contracted_hours=1e308)
    assert info.value.message == ("Contracturen per week is onwaarschijnlijk groot (1,00e+308): "
                                  "hoogstens 2.000 uur per week.")


def test_the_bound_itself_is_accepted_and_one_above_it_is_not() -> None:
    from calculators import staffing

    assert staffing(4_000_000).mid.fte > 0
    with pytest.raises(InputError, match="hoogstens 4.000.000"):
        staffing(4_000_001)


def test_every_model_input_has_a_maximum() -> None:
    """Each numeric argument of every validated model has a row in input_limits.csv, so a new field
    cannot be added without a stated bound."""
    import inspect

    from calculators import break_even_point, capacity_point, referral_point, savings_point, staffing_point
    from calculators.validation import input_limits
    from calculators.workload.model import workload_point

    missing = []
    for fn in [staffing_point, capacity_point, break_even_point, referral_point, savings_point, workload_point]:
        for name, param in inspect.signature(fn).parameters.items():
            text = str(param.annotation)
            if any(t in text for t in ("NonNegative", "Positive", "Count")) and name not in input_limits():
                missing.append(f"{fn.__name__}.{name}")
    assert not missing, missing


def test_the_app_field_states_the_same_bound() -> None:
    from calculators.ui.base import Field, FieldSpec

    field = Field(FieldSpec("contracted_hours", fact="hours_per_week"))
    assert "hoogstens 2.000 uur per week" in field.hint.value


def test_cli_refuses_an_absurd_number_with_exit_2() -> None:
    proc = subprocess.run([sys.executable, "-m", "calculators", "capacity", "--hours-per-week", "1e308"],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "hoogstens 2.000 uur per week" in proc.stderr and "∞" not in proc.stderr + proc.stdout


def test_the_whole_cost_refuses_absurd_fte_and_amounts() -> None:
    from calculators.costs.model import cost_items, costs

    with pytest.raises(InputError, match="hoogstens 500 fte"):
        costs(1e308)
    item = cost_items()[0]
    with pytest.raises(InputError, match="hoogstens € 10.000.000"):
        costs(1, {item.item: 1e308})


def test_cli_output_into_a_closed_pipe_is_no_traceback() -> None:
    """`python -m calculators evaluate … --json | head -1`: the reader stops early; no traceback, exit 0.
    (The demo report is larger than a pipe's buffer, so the write really meets the closed pipe.)"""
    from calculators import data

    demo = data.DATA_DIR / "demo" / "registratie_fictief.csv"
    proc = subprocess.Popen([sys.executable, "-m", "calculators", "evaluate", str(demo), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `head -1` exiting
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert b"Traceback" not in err and b"BrokenPipe" not in err
