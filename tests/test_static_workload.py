"""The kernel-free workload calculator and the effect-needed lines on the book pages, evaluated by
vl-convert over a grid of inputs and compared with the Python models (tests/test_static_calculators.py style)."""

from __future__ import annotations

import itertools

import pytest
from test_static_calculators import close, numbers, render

from calculators import break_even_point, data
from calculators.workload import workload_point

GRID = list(itertools.product([0, 5000, 23_456], [20, 40], [0.3, 1.0], [3.4, 6.0], [45, 60], [0.25, 0.5], [0, 75]))


@pytest.mark.parametrize(("youths", "rate", "reach", "contacts", "minutes", "uplift", "extra"), GRID)
def test_workload_calculator_agrees_with_the_model(youths: float, rate: float, reach: float, contacts: float,
                                                   minutes: float, uplift: float, extra: float) -> None:
    shown = render("werklast", jeugdigen=youths, hulpvragen=rate, bereik=reach, contacten=contacts, minuten=minutes,
                   opslag=uplift, extra=extra)
    hpf = data.value("hours_per_fte")
    r = workload_point(youths=youths, help_questions_per_1000=rate, share_via_pohj=reach,
                       contacts_per_trajectory=contacts, minutes_per_contact=minutes,
                       support_share=uplift / (1 + uplift), additional_hours_per_year=extra,
                       available_hours_per_fte=hpf * data.value("working_weeks"), hours_per_fte=hpf)
    expected = {"Trajecten per jaar": (r.trajectories_per_year, 0),
                "Uren cliëntcontact per jaar": (r.client_hours_per_year, 0),
                "Formatie volgens de werklast": (r.fte_needed, 2), "Uren per week": (r.hours_per_week_needed, 1)}
    for label, (value, decimals) in expected.items():
        assert close(numbers(shown[label])[0], value, decimals), (label, shown[label], value)


def test_workload_calculator_defaults_by_hand() -> None:
    shown = render("werklast")
    # 5000 youths: 60 trajectories, 205.56 h -> 206; 0.166234 fte -> '0,17 fte'; norm 0,50–0,60 fte
    # (the slider rounds the Accare mean 3.426 to 3.4 contacts: 60 x 3.4 = 204 h, (204 x 1.33 + 23.5) / 1786 = 0.1651)
    assert numbers(shown["Trajecten per jaar"]) == [60]
    assert numbers(shown["Formatie volgens de werklast"]) == [0.17]
    assert numbers(shown["De norm ter vergelijking"]) == [0.5, 0.6]


@pytest.mark.parametrize(("hours", "rate"), list(itertools.product([4, 14, 32], [49, 61, 74])))
def test_effect_needed_line_agrees_with_the_model(hours: float, rate: float) -> None:
    shown = render("terugverdienen", uren=hours, uurtarief=rate)
    r = break_even_point(hours_per_week=hours, hourly_rate=rate)
    assert close(numbers(shown["Benodigd effect (trajecten die een verwijzing vermijden)"])[0],
                 r.share_of_contracted_time, 2)
    # Accare 41 %, Rebel 42 %, Rotterdam 45 % helped without referral (tables/outcomes)
    assert numbers(shown["Zonder verwijzing geholpen in evaluaties (geen effect)"]) == [0.41, 0.45]
