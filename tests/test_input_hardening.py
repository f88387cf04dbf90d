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
