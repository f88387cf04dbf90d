"""The kernel-free calculators on the book pages compute in Vega expressions. Here
vl-convert evaluates them headlessly over a grid of inputs, and every number they
print is compared with the Python model for the same inputs."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
import vl_convert as vlc

from calculators import break_even_point, data, referral_point, savings, staffing_point
from calculators import static_calculators as sc
from calculators.savings import estimated_counts


def render(name: str, **values: float) -> dict[str, str]:
    spec = sc.CHARTS[name]().to_dict()
    for param in spec["params"]:
        if param["name"] in values:
            param["value"] = values[param["name"]]
    svg = vlc.vegalite_to_svg(spec, format_locale="nl-NL")
    lines = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return dict(line.split(": ", 1) for line in lines if ": " in line)


def numbers(text: str) -> list[float]:
    """Dutch-formatted numbers in a text: '€ 50.000 – € 66.000' -> [50000, 66000]; '61%' -> [0.61]."""
    out = []
    for match in re.finditer(r"-?\d[\d.]*(,\d+)?%?", text.replace("\xa0", " ")):
        token = match.group(0)
        pct = token.endswith("%")
        value = float(token.rstrip("%").replace(".", "").replace(",", "."))
        out.append(value / 100 if pct else value)
    return out


def close(shown: float, exact: float, decimals: int) -> bool:
    return abs(shown - exact) <= 0.5 * 10 ** -decimals + 1e-9


YOUTHS = [0, 1000, 5000, 23_456, 150_000]
NORMS = [(1.0, 1.2), (0.8, 1.5)]
COSTS = [(100_000, 110_000), (90_000, 140_000)]


@pytest.mark.parametrize(("youths", "norm", "cost"), list(itertools.product(YOUTHS, NORMS, COSTS)))
def test_staffing_calculator_agrees_with_the_model(youths: float, norm: tuple[float, float],
                                                   cost: tuple[float, float]) -> None:
    shown = render("formatie", jeugdigen=youths, norm_laag=norm[0], norm_hoog=norm[1], kosten_laag=cost[0],
                   kosten_hoog=cost[1])
    hours = data.value("hours_per_fte")
    low = staffing_point(youths=youths, fte_per_10k=norm[0], hours_per_fte=hours, cost_per_fte=cost[0])
    high = staffing_point(youths=youths, fte_per_10k=norm[1], hours_per_fte=hours, cost_per_fte=cost[1])
    for label, field, decimals in (("Formatie", "fte", 2), ("Uren per week", "hours_per_week", 1),
                                   ("Kosten per jaar", "annual_cost", 0)):
        lo, hi = numbers(shown[label])
        assert close(lo, getattr(low, field), decimals) and close(hi, getattr(high, field), decimals), (label, shown)


HOURS = [1, 4, 14, 32, 60]
RATES = [49, 61, 74]
PRICES = ["bggz_price", "aef_trajectory_price", "sggz_price"]


@pytest.mark.parametrize(("hours", "rate", "price_key"), list(itertools.product(HOURS, RATES, PRICES)))
def test_break_even_calculator_agrees_with_the_model(hours: float, rate: float, price_key: str) -> None:
    price = data.value(price_key)
    shown = render("terugverdienen", uren=hours, uurtarief=rate, prijs=price)
    r = break_even_point(hours_per_week=hours, hourly_rate=rate, trajectory_price=price)
    expected: dict[str, tuple[Any, int]] = {
        "Jaarkosten": (r.annual_cost, 0), "Te voorkomen trajecten per jaar": (r.trajectories_needed, 1),
        "Uren per week voor die trajecten": (r.hours_per_week, 1),
        "Aandeel van de uren": (r.share_of_contracted_time, 2),
        "Uren over voor andere taken": (r.remaining_hours_per_week, 1),
    }
    for label, (value, decimals) in expected.items():
        assert close(numbers(shown[label])[0], value, decimals), (label, shown[label], value)


@pytest.mark.parametrize(("hours", "scenario"), list(itertools.product([1, 4, 14, 32, 60],
                                                                       ["conservative", "optimistic", "none"])))
def test_break_even_calculator_savings_agree_with_the_model(hours: float, scenario: str) -> None:
    shown = render("terugverdienen", uren=hours, scenario=scenario)
    cost = break_even_point(hours_per_week=hours).annual_cost
    total = savings(estimated_counts(hours), scenario=scenario).mid.savings_total
    assert close(numbers(shown["Besparing in het gekozen scenario"])[0], total, 0), (scenario, shown)
    assert close(numbers(shown["Besparing als deel van de jaarkosten"])[0], total / cost, 2), (scenario, shown)


def test_break_even_calculator_without_measurable_effect_saves_nothing() -> None:
    shown = render("terugverdienen", uren=14, scenario="none")
    assert shown["Besparing in het gekozen scenario"].replace("\xa0", " ") == "€ 0"
    assert shown["Besparing als deel van de jaarkosten"] == "0%"
    assert "geen meetbaar effect" in str(sc.CHARTS["terugverdienen"]().to_dict()["params"])


GRID = list(itertools.product([0, 500, 1739, 5000], [0.0, 0.3, 0.7, 1.0], [0.2, 0.38], [0.0, 0.2]))


@pytest.mark.parametrize(("questions", "reach", "rate", "induced"), GRID)
def test_referral_calculator_agrees_with_the_model(questions: float, reach: float, rate: float, induced: float) -> None:
    shown = render("verwijsaandeel", hulpvragen=questions, bereik=reach, verwijs=rate, aanzuig=induced)
    r = referral_point(help_questions=questions, reach=reach, pohj_referral_rate=rate, induced_demand=induced,
                       counterfactual_referral_rate=data.value("counterfactual_referral_rate"),
                       trajectory_price=data.value("bggz_price"))
    expected = {
        "Naar de POH-Jeugd": (r.to_pohj, 0), "Direct verwezen door de huisarts": (r.direct_referrals, 0),
        "Verwezen via de POH-Jeugd": (r.pohj_referrals, 0),
        "Zonder verwijzing geholpen": (r.helped_without_referral, 0),
        "Verwijsaandeel": (r.referral_share, 3), "Vermeden verwijzingen": (r.avoided_referrals, 0),
        "Waarde vermeden verwijzingen": (r.avoided_cost, 0),
    }
    for label, (value, decimals) in expected.items():
        assert close(numbers(shown[label])[0], value, decimals), (label, shown[label], value)


def test_calculator_defaults_come_from_data() -> None:
    shown = render("formatie")
    low, high = numbers(shown["Formatie"])
    norm = data.bounds("fte_per_10k")
    youths = data.value("youths")
    assert (low, high) == pytest.approx((youths / 10_000 * norm[0], youths / 10_000 * norm[1]))


def test_every_input_is_a_labelled_control() -> None:
    for name, build in sc.CHARTS.items():
        for param in build().to_dict()["params"]:
            bind = param["bind"]
            assert bind.get("name", "").strip(), (name, param["name"])
            assert bind.get("input") in {"range", "number", "select"}, (name, param["name"])


def test_calculator_object_offers_static_html_and_a_live_widget() -> None:
    calc = sc.live("verwijsaandeel")
    bundle = calc._repr_mimebundle_()
    assert "vega-grafiek" in bundle["text/html"] and "spec-vega-" in bundle["text/html"]
    assert "cdn" not in bundle["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "Verschuif de schuifjes" in bundle["text/html"]
