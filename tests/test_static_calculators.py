"""The page calculators: HTML forms generated from calculators/registry.py, with one small ES module per
calculator (in the calculator's folder, e.g. calculators/staffing/formatie.js). The modules run in Debian's
chromium over at least 200 random input sets per calculator, edges included, and must print the same text as
the Python models with the registry's rounding; the forms parse Dutch numbers as the apps do and answer bad
input in Dutch."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from calculators import data, registry, staffing_point
from calculators import static_calculators as sc
from calculators.errors import InputError
from calculators.parsing import parse_number

if TYPE_CHECKING:  # playwright only in the browser tests: the fast tier never imports it (tests/conftest.py)
    from playwright.sync_api import Locator, Page, Route
    from playwright.sync_api._generated import LocatorAssertions

NAMES = [p.name for p in registry.PAGE_CALCULATORS]
ORIGIN = "http://rekentool.test"


def expect(locator: Locator) -> LocatorAssertions:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


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


# --------------------------------------------------------------------------- the definitions and the form (no browser)


def test_every_page_calculator_has_a_module_and_registry_outputs() -> None:
    for page in registry.PAGE_CALCULATORS:
        assert sc.module_files()[f"{page.name}.js"].is_file(), page.name
        assert page.inputs, page.name
        assert len({i.param for i in page.inputs}) == len(page.inputs), page.name
        assert len({o.name for o in page.shown}) == len(page.shown), page.name
        assert set(page.bars) <= {o.name for o in page.shown}, page.name
        for o in page.shown:  # the labels, units and rounding other surfaces print, unchanged
            owner = next((c for c in registry.CALCULATORS.values() if o in c.outputs), None)
            assert owner is not None or o in (*registry.BREAK_EVEN_SAVINGS, registry.OBSERVED_SELF_HELPED), o


def test_inputs_take_their_defaults_and_bounds_from_data() -> None:
    staffing = registry.page_calculator("formatie")
    by_param = {i.param: i for i in staffing.inputs}
    assert by_param["jeugdigen"].default_value() == data.value("youths")
    assert by_param["norm_laag"].default_value() == data.bounds("fte_per_10k")[0]
    assert by_param["norm_hoog"].default_value() == data.bounds("fte_per_10k")[1]
    assert by_param["jeugdigen"].maximum() == 4_000_000  # data/tables/input_limits.csv
    assert registry.page_calculator("verwijsaandeel").inputs[1].maximum() == 1.0  # a share
    assert sc.default_texts(staffing)["youths"] == "5.000"
    assert sc.default_texts(registry.page_calculator("werklast"))["indirect_uplift"] == "33%"
    assert "B-GGZ-traject € 876" in sc.form_html("terugverdienen")  # the help names the prices from data/


def test_default_answers_are_the_models() -> None:
    shown = sc.answers("formatie")
    low = staffing_point(youths=5000, fte_per_10k=1.0, hours_per_fte=38, cost_per_fte=100_000)
    assert low.fte == pytest.approx(0.5) and low.annual_cost == pytest.approx(50_000)
    assert shown["fte"] == "0,50–0,60 fte"                        # 5000 / 10000 x 1.0 and x 1.2
    assert shown["annual_cost"] == "€ 50.000 – € 66.000"          # 0.5 x 100,000; 0.6 x 110,000
    # break-even at 32 h, € 61, B-GGZ € 876: 32 x 61 x 52 = 101,504; / 876 = 115.9 trajectories
    be = sc.answers("terugverdienen")
    assert be["annual_cost"] == "€ 101.504" and be["trajectories_needed"] == "116"
    assert be["savings_none"] == "€ 0" and be["coverage_none"] == "0%"
    # whole cost: 0.55 fte x € 100,000–110,000, no cost items entered
    assert sc.answers("integrale-kosten")["total"] == "€ 55.000 – € 60.500"
    v = {**sc.values(registry.page_calculator("integrale-kosten")), "workspace": 5000, "coordination": 2000}
    assert sc.answers("integrale-kosten", v)["items_total"] == "€ 4.750"  # 5000 x 0.55 + 2000


def test_form_ties_every_label_to_its_input_and_has_no_inline_code() -> None:
    for name in NAMES:
        page = sc.form_html(name)
        ids = re.findall(r'<input id="([^"]+)"', page)
        assert len(ids) == len(registry.page_calculator(name).inputs) == len(set(ids))
        for fid in ids:
            assert f'<label for="{fid}">' in page and f'id="{fid}-fout"' in page
        for script in re.findall(r"<script[^>]*>", page):
            assert 'type="application/json"' in script or ' src="' in script, script
        assert "aria-live=\"polite\"" in page and "<dl>" in page
        assert "schuif" not in page.lower()
        assert "{" not in re.sub(r"<script.*?</script>", "", page), name  # help placeholders resolved from data/
        config = json.loads(re.search(r'class="rekentool-definitie">(.*?)</script>', page).group(1))
        assert [o["label"] for o in config["outputs"]] == [o.label for o in registry.page_calculator(name).shown]


def test_vectors_cover_each_input_range_with_edges() -> None:
    for name in NAMES:
        page = registry.page_calculator(name)
        vs = sc.vectors(name)
        assert len(vs) >= 200
        for i in page.inputs:
            seen = [v["values"][i.name] for v in vs]
            assert min(seen) == i.plausible[0] and max(seen) == i.plausible[1], (name, i.name)


def test_live_keeps_the_chapter_names_and_offers_the_app_in_jupyter() -> None:
    bundle = sc.live("verwijsaandeel")._repr_mimebundle_()
    assert 'data-rekentool="verwijsaandeel"' in bundle["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in bundle


# --------------------------------------------------------------------------- in chromium


def serve(page: Page, body: str = "", query: str = "") -> None:
    """A local page at ORIGIN/chapters/ that loads the modules from ORIGIN/_static/rekentools/."""
    def route(r: Route) -> None:
        path = r.request.url.removeprefix(ORIGIN).split("?")[0]
        if path.startswith("/_static/rekentools/"):
            file = sc.module_files().get(Path(path).name)
            if file is not None and file.is_file():
                r.fulfill(path=str(file), content_type="text/javascript" if file.suffix == ".js" else "text/css")
                return
        if path == "/chapters/test.html":
            r.fulfill(body=f'<!doctype html><html lang="nl"><head><meta charset="utf-8">'
                      f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>Rekentool</title>'
                      f'</head><body><main><h1>Rekentool</h1>{body}</main></body></html>',
                      content_type="text/html")
            return
        r.abort()

    page.route(f"{ORIGIN}/**", route)
    page.goto(f"{ORIGIN}/chapters/test.html{query}")


RUN_VECTORS = """async ([name, definition, vectors]) => {
  const lib = await import('/_static/rekentools/rekentool.js');
  const m = await import('/_static/rekentools/' + name + '.js');
  const wrong = [];
  for (const v of vectors) {
    const got = lib.answers(definition, m.compute, v.values);
    for (const [k, text] of Object.entries(v.expected)) if (got[k] !== text) wrong.push([v.values, k, got[k], text]);
  }
  return wrong;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("name", NAMES)
def test_module_gives_the_python_answer_for_every_vector(page: Page, name: str) -> None:
    serve(page)
    vectors = sc.vectors(name)
    wrong = page.evaluate(RUN_VECTORS, [name, sc.definition(name), vectors])
    assert not wrong, f"{len(wrong)} outputs differ over {len(vectors)} input sets; first: {wrong[:3]}"


PARSE_CASES = ["12.000", "12000", "1,2", "1.2", "0,3", "30%", "33,5%", "1.000,5", "€ 876", " 4 ", "-5", "",
               "abc", "1e3", "1_000", "12,000", "1.20", "٣", "inf", "100.000", ".5"]


@pytest.mark.browser
def test_form_parses_numbers_as_the_apps_do(page: Page) -> None:
    serve(page)
    got = page.evaluate("""async (cases) => {
      const lib = await import('/_static/rekentools/rekentool.js');
      return cases.map((c) => lib.parseNumber(c));
    }""", PARSE_CASES)
    for text, js in zip(PARSE_CASES, got, strict=True):
        try:
            expected = {"value": parse_number(text, "youths")}
        except InputError as exc:
            expected = {"error": "leeg" if "leeg" in str(exc) else "geen getal"}
        assert js == expected, text


def field(page: Page, name: str, param: str):  # type: ignore[no-untyped-def]
    return page.locator(f"#rekenformulier-{name}-{param}")


def answer(page: Page, name: str, output: str):  # type: ignore[no-untyped-def]
    return page.locator(f"#rekenformulier-{name} dd[data-uitkomst='{output}']")


@pytest.mark.browser
def test_form_recomputes_reads_the_link_and_explains_bad_input(page: Page) -> None:
    serve(page, sc.form_html("werklast") + sc.form_html("formatie"), query="?jeugdigen=12000&uren_fte=36")
    staffing = registry.page_calculator("formatie")
    v = {**sc.values(staffing), "youths": 12_000, "hours_per_fte": 36}
    expect(answer(page, "formatie", "hours_per_week")).to_have_text(sc.answers("formatie", v)["hours_per_week"])
    expect(field(page, "werklast", "jeugdigen")).to_have_value("12000")
    # typed in Dutch format, with the keyboard
    field(page, "formatie", "jeugdigen").focus()
    page.keyboard.press("Control+a")
    page.keyboard.type("20.000")
    v["youths"] = 20_000
    expect(answer(page, "formatie", "fte")).to_have_text(sc.answers("formatie", v)["fte"])
    page.keyboard.press("Tab")
    expect(field(page, "formatie", "norm_laag")).to_be_focused()
    # bad input: a Dutch message next to the field, no number in the answer
    for text, message in (("", "is leeg"), ("twaalf", "moet een getal zijn"), ("-3", "mag niet negatief"),
                          ("5000000", "hoogstens 4.000.000")):
        field(page, "formatie", "jeugdigen").fill(text)
        expect(page.locator("#rekenformulier-formatie-jeugdigen-fout")).to_contain_text(message)
        expect(field(page, "formatie", "jeugdigen")).to_have_attribute("aria-invalid", "true")
        expect(answer(page, "formatie", "fte")).to_contain_text("verbeter eerst")
    field(page, "formatie", "norm_laag").fill("2")
    field(page, "formatie", "jeugdigen").fill("12.000")
    expect(page.locator("#rekenformulier-formatie-norm_hoog-fout")).to_contain_text("lager dan de ondergrens")
    field(page, "formatie", "norm_laag").fill("1")
    expect(page.locator("#rekenformulier-formatie-norm_hoog-fout")).to_have_text("")
    field(page, "werklast", "bereik").fill("130%")
    expect(page.locator("#rekenformulier-werklast-bereik-fout")).to_contain_text("niet meer dan 100%")


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_forms_fit_the_screen_and_pass_axe(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    serve(page, "".join(sc.form_html(n) for n in NAMES))
    for name in NAMES:
        expect(answer(page, name, registry.page_calculator(name).shown[0].name)).not_to_be_empty()
    overflow = page.evaluate("""() => [...document.querySelectorAll('.rekentool, .rekentool *')]
        .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'
                       || e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((e) => e.className || e.tagName)""")
    assert overflow == [] and page.evaluate("document.documentElement.scrollWidth") <= width
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
                                                                           "wcag21aa"]}})
    assert result.violations_count == 0, [v["id"] for v in result.response["violations"]]


@pytest.mark.browser
def test_print_shows_the_default_answer_and_the_address(page: Page) -> None:
    serve(page, sc.form_html("terugverdienen"))
    page.emulate_media(media="print")
    expect(page.locator(".rekentool-uitleg")).to_be_hidden()
    expect(page.locator(".rekentool-print")).to_be_visible()
    expect(page.locator(".rekentool-adres")).to_have_text(f"{ORIGIN}/chapters/test.html#rekenformulier-terugverdienen")
    expect(answer(page, "terugverdienen", "annual_cost")).to_have_text(sc.answers("terugverdienen")["annual_cost"])


# --------------------------------------------------------------------------- the summary page ('In één oogopslag')


def test_summary_defaults_are_the_models_and_the_annex() -> None:
    from calculators.annex.council import formation

    shown = sc.summary_texts()
    assert shown["fte"] == "0,50–0,60 fte" and shown["cost_aef"] == "€ 50.000 – € 66.000"   # as the formatie form
    # 12,000 youths: 1.2–1.44 fte (x 1.0 and 1.2 per 10,000); x 38 h = 45.6–54.7 h; hourly cost 45.6 x 61 x 52
    big = sc.summary_texts(12_000)
    assert big["fte"] == "1,20–1,44 fte" and big["hours_per_week"].startswith("45,6–54,7")
    assert big["cost_hourly"].startswith("€ 144.643")                      # 45.6 x 61 x 52 = 144,643.2
    f = formation(12_000, None)
    assert (f.fte_low, f.hours_low) == pytest.approx(sc.summary(12_000)["fte"][0:1] + (45.6,))
    # own hours: 46 h / 38 h per fte = 1.21 fte; AEF basis: 1.2105 x 100,000 = 121,053 a year, / 876 = 138 trajectories
    own = sc.summary_texts(12_000, 46, "aef")
    assert own["fte"] == "1,21 fte" and own["annual_cost"] == "€ 121.053 – € 133.158"
    assert own["trajectories_needed"].startswith("138")
    assert 'data-uitkomst="fte"' in sc.uitkomst("fte")


RUN_SUMMARY = """async ([definition, vectors]) => {
  const m = await import('/_static/rekentools/oogopslag.js');
  const wrong = [];
  for (const v of vectors) {
    const got = m.texts(definition, v.youths, v.hours_per_week, v.basis);
    for (const [k, text] of Object.entries(v.expected)) if (got[k] !== text) wrong.push([v, k, got[k], text]);
  }
  return wrong;
}"""


@pytest.mark.browser
def test_summary_module_gives_the_python_answer_for_every_vector(page: Page) -> None:
    serve(page)
    vectors = sc.summary_vectors()
    assert len(vectors) >= 200 and {v["basis"] for v in vectors} == set(registry.COST_BASES)
    wrong = page.evaluate(RUN_SUMMARY, [sc.summary_definition(), vectors])
    assert not wrong, f"{len(wrong)} figures differ over {len(vectors)} input sets; first: {wrong[:3]}"


def summary_body() -> str:
    return (sc.summary_form_html() + "<p>" + sc.uitkomst("fte") + " " + sc.uitkomst("savings_conservative") + "</p>"
            + sc.summary_link("formatie", "../apps/voila/render/formatie.ipynb", "formatie")
            + sc.summary_link("terugverdienen", "10.html", "uren", "rekenformulier-terugverdienen"))


@pytest.mark.browser
def test_summary_reads_the_link_recomputes_the_page_and_carries_the_numbers(page: Page) -> None:
    serve(page, summary_body(), query="?jeugdigen=12000")
    page.evaluate("import('/_static/rekentools/oogopslag.js')")
    fte = page.locator("span[data-uitkomst='fte']")
    expect(fte).to_have_text(sc.summary_texts(12_000)["fte"])
    expect(page.locator("a[data-oogopslag-link='formatie']")).to_have_attribute(
        "href", "../apps/voila/render/formatie.ipynb?jeugdigen=12000")
    expect(page.locator("a[data-oogopslag-link='uren']")).to_have_attribute(
        "href", "10.html?uren=45.6#rekenformulier-terugverdienen")
    # the reader types, in Dutch format; the figures and the links follow
    page.locator("#oogopslag-jeugdigen").fill("20.000")
    expect(fte).to_have_text(sc.summary_texts(20_000)["fte"])
    page.locator("summary").click()
    page.locator("#oogopslag-uren").fill("46")
    page.locator("input[value='aef']").check()
    expect(page.locator("span[data-uitkomst='savings_conservative']")).to_have_text(
        sc.summary_texts(20_000, 46, "aef")["savings_conservative"])
    expect(page.locator("a[data-oogopslag-link='formatie']")).to_have_attribute(
        "href", "../apps/voila/render/formatie.ipynb?jeugdigen=20000&uren=46")
    assert "jaarkosten=" in (page.locator("a[data-oogopslag-link='uren']").get_attribute("href") or "")
    assert "jeugdigen=20000" in page.url and "kostenbasis=aef" in page.url
    # bad input: a Dutch message next to the field, dashes instead of figures
    page.locator("#oogopslag-jeugdigen").fill("twaalf")
    expect(page.locator("#oogopslag-jeugdigen-fout")).to_contain_text("moet een getal zijn")
    expect(fte).to_have_text("–")
    page.locator("#oogopslag-jeugdigen").fill("0")
    expect(page.locator("#oogopslag-jeugdigen-fout")).to_contain_text("groter dan 0")
