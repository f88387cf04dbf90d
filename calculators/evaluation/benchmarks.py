"""The published figures beside the pilot's own, mapped to its categories, honestly compared.

Each benchmark names the study, its share and base (from ``data/``), and how its definition
differs from the pilot's category. A difference is called a difference only when the two 95 %
Wilson intervals do not overlap; a study that prints no base gets no interval and no verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import data
from ..formatting import percent
from ..stats import wilson_interval
from . import format as fmt
from .indicators import TOTAL, Evaluation, Share


@dataclass(frozen=True)
class Benchmark:
    table: str  # key of the pilot's table
    row: str  # the pilot's category
    study: str  # Dutch name of the study
    share: float
    base: int | None
    count: int | None  # printed, or share x base rounded (``count_derived``)
    count_derived: bool
    difference: str  # Dutch: how the definition differs from the pilot's category
    source: str
    ref: str

    def interval(self) -> tuple[float, float] | None:
        if self.base is None or self.count is None:
            return None
        return wilson_interval(self.count, self.base)


_STUDIES = {
    "rebel_holland_rijnland": "Rebel, Holland Rijnland 2020–2021",
    "accare": "Accare e.a., Friesland, Groningen en Gelderland",
    "nivel_2015": "Nivel 2015 (samenvatting Hillegom)",
    "rotterdam": "Rotterdam, enquête onder POH's",
    "steenwijkerland": "Steenwijkerland 2017–2018",
    "tilburg": "Tilburg Reeshof, eerste 6 maanden",
}
_GROUP_OF = {"self": fmt.GROUP_SELF, "referred": fmt.GROUP_REFERRED, "bridging": fmt.GROUP_BRIDGING}
_DIFFERENCES = {
    ("rebel_holland_rijnland", "self"): "Zelfde format en indeling; basis zijn alle 755 cases, ook open trajecten.",
    ("rebel_holland_rijnland", "referred"): "Alle verwijzingen zonder overbrugging; basis zijn alle cases.",
    ("rebel_holland_rijnland", "bridging"): "Zelfde categorie (overbruggingshulp); basis zijn alle cases.",
    ("accare", "self"): "'Zelf afgerond': alleen afgesloten trajecten zonder verwijzing.",
    ("accare", "referred"): "Alleen afgesloten trajecten; 'verwezen' omvat ook CJG, wijkteam en vrij "
                            "toegankelijke hulp.",
    ("accare", "other"): "'Anders' (een ander beslist over verwijzen) omvat overbrugging, maar ook parallelle hulp "
                         "of tijdelijke intensivering.",
    ("nivel_2015", "self"): "Behandeld door de POH; geen basis gedrukt.",
    ("nivel_2015", "referred"): "Geen basis gedrukt.",
    ("rotterdam", "self"): "Schatting van 14 POH's in een enquête, geen telling van trajecten.",
    ("steenwijkerland", "self"): "'Geholpen binnen de huisartspraktijk': zelf geholpen en overbrugging samen.",
    ("steenwijkerland", "referred"): "Alle kinderen die de POH zag.",
    ("tilburg", "self"): "Niet verwezen naar basis- of specialistische GGZ, van 118 afgeronde trajecten; 'ongeveer'.",
}


def _number(text: str) -> float | None:
    return float(text) if text not in ("", None) else None


def published() -> list[Benchmark]:
    out = []
    for row in data.rows("outcomes"):
        category = row["category"]
        target = _GROUP_OF.get(category) or (fmt.GROUP_BRIDGING if (row["study"], category) == ("accare", "other")
                                             else None)
        if target is None or (row["study"], category) not in _DIFFERENCES:
            continue
        share = float(row["share"])
        base = _number(row["base"])
        count = _number(row["count"])
        derived = count is None and base is not None
        if count is None and base is not None:
            count = round(share * base)
        if row["study"] == "rotterdam":  # respondents, not trajectories: no interval
            base = count = None
            derived = False
        out.append(Benchmark("groups", target, _STUDIES[row["study"]], share, int(base) if base else None,
                             int(count) if count is not None else None, derived,
                             _DIFFERENCES[(row["study"], category)], row["source"], row["ref"]))
    girls_fact = data.fact("rebel_girls")
    girls, boys = data.value("rebel_girls"), data.value("rebel_boys")
    out.append(Benchmark("sex", "Vrouw", _STUDIES["rebel_holland_rijnland"], girls / (girls + boys),
                         int(girls + boys), int(girls), False,
                         "Basis zijn de cases met een bekend geslacht; in de eigen tabel telt 'onbekend' mee.",
                         girls_fact.source, girls_fact.ref))
    partly = data.fact("rebel_goal_not_or_partly")
    recorded = data.value("rebel_goal_attainment_recorded")
    reached = int(recorded - data.value("rebel_goal_not_or_partly"))
    out.append(Benchmark("goal", "3 (ja)", _STUDIES["rebel_holland_rijnland"], reached / recorded,
                         int(recorded), reached, False,
                         "Basis zijn de cases met een ingevuld doelbereik, ook open; in de eigen tabel zijn het de "
                         "afgesloten trajecten, 'niet ingevuld' inbegrepen.", partly.source, partly.ref))
    return out


@dataclass(frozen=True)
class Comparison:
    benchmark: Benchmark
    pilot: Share
    verdict: str  # Dutch


def compare(ev: Evaluation) -> list[Comparison]:
    """Each benchmark beside the pilot's whole-file share of the same category."""
    keys = {t.key for t in ev.tables}
    out = []
    for bm in published():
        if bm.table not in keys or bm.row not in ev.table(bm.table).rows:
            continue
        pilot = ev.cell(ev.table(bm.table), bm.row, TOTAL)
        interval = bm.interval()
        if pilot.share is None:
            verdict = "niet te vergelijken: het eigen aantal is onderdrukt"
        elif interval is None:
            verdict = "niet te toetsen: de studie geeft geen basis voor een interval"
        elif pilot.ci_high < interval[0]:  # type: ignore[operator]
            verdict = f"verschil: lager dan {bm.study} ({percent(pilot.share)} tegen {percent(bm.share)})"
        elif pilot.ci_low > interval[1]:  # type: ignore[operator]
            verdict = f"verschil: hoger dan {bm.study} ({percent(pilot.share)} tegen {percent(bm.share)})"
        else:
            verdict = "geen aantoonbaar verschil: de intervallen overlappen"
        out.append(Comparison(bm, pilot, verdict))
    return out
