"""All evaluations of the POH-Jeugd side by side (``data/tables/evaluations_overview.csv``).

Each study counts 'not referred' in its own way, on its own base and with its own design:
registrations by the professionals in pilots, evaluations reported by a municipality, a survey,
an estimate, or (the CPB) panel data of municipalities. This module reads the table and adds a
95 % Wilson interval where a study prints a base n. Where the number of clients not referred is
not printed, it is derived as share x n, rounded (the printed share is itself rounded, so the
derived count is approximate; the interval is far wider than that rounding).

The Wilson interval treats every trajectory as independent. In the large registrations they are
not: each professional handles dozens of them, and professionals differ (Rebel prints a range of
13 % to 84 % self-treated between its 11 POH-J's). Where the table names the number of
professionals and a study whose printed spread between professionals to borrow (``spread_from``),
the module also gives a Wilson interval widened by the design effect 1 + (m - 1) x ICC, with the
ICC estimated from that printed spread (``calculators.stats.icc_from_range``).

A share not referred is no effect: without a comparison nobody knows how many of these clients
would have been referred without a POH-J. Only the CPB compares (municipalities with and without
funding for practice assistants), and it found no significant change in second-line youth care.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import data
from ..stats import clustered_wilson_interval, design_effect, icc_from_range, wilson_interval

#: Confidence level of the intervals shown in the book.
CONFIDENCE = 0.95

#: Design codes of the overview table -> Dutch description for tables and charts.
DESIGNS = {
    "registratie": "registratie van trajecten in pilots",
    "gemeentelijke_evaluatie": "evaluatie door of voor de gemeente",
    "enquete": "enquête onder professionals",
    "samenvatting": "alleen bekend via een samenvatting",
    "schatting": "landelijke schatting, geen meting",
    "panel": "vergelijking van gemeenten (panelgegevens)",
    "kwalitatief": "kwalitatief onderzoek, zonder verwijscijfers",
}


@dataclass(frozen=True)
class Evaluation:
    """One study in the overview, with what its share of clients not referred means."""

    study: str
    name: str
    period: str
    design: str
    design_text: str
    not_referred: str          # what the study counts as 'not referred' (Dutch)
    share: float | None        # share not referred as the study defines it (parts summed)
    share_low: float | None    # a printed lower bound or range instead of (or beside) a share
    share_high: float | None
    derived_share: bool        # True when ``share`` adds two printed categories
    base: float | None         # base n of the share (None: not printed)
    base_text: str
    count: int | None          # clients not referred: printed, or derived as round(share x n)
    derived_count: bool
    professionals: float | None   # professionals whose trajectories make up the base (None: unknown)
    spread_low: float | None      # printed lowest and highest share among those professionals
    spread_high: float | None
    spread_from: str              # study whose printed spread between professionals gives the ICC
    same_data_as: str             # study that (largely) holds the same registration; '' when independent
    comparison: str
    source: str
    ref: str
    note: str

    @property
    def interval(self) -> tuple[float, float] | None:
        """Wilson interval (at ``CONFIDENCE``) of the share, or None without a base n."""
        if self.count is None or not self.base:
            return None
        return wilson_interval(self.count, int(self.base), CONFIDENCE)

    @property
    def per_professional(self) -> float | None:
        """Average number of cases per professional (m of the design effect)."""
        if not self.professionals or not self.base:
            return None
        return self.base / self.professionals

    @property
    def has_spread(self) -> bool:
        return self.spread_low is not None and self.spread_high is not None

    @property
    def icc(self) -> float | None:
        """Share of the variance between professionals, from this study's printed spread."""
        if not self.has_spread or self.share is None or not self.base or not self.professionals \
                or self.spread_low is None or self.spread_high is None:
            return None
        return icc_from_range(self.spread_low, self.spread_high, int(self.professionals),
                              self.share, int(self.base))

    @property
    def has_share(self) -> bool:
        return self.share is not None or self.share_low is not None


@dataclass(frozen=True)
class Clustering:
    """The interval of one registration widened for the clustering of cases within professionals."""

    study: str
    professionals: int
    per_professional: float
    icc: float
    icc_from: str              # study whose printed spread gave the ICC
    design_effect: float
    effective_base: float
    interval: tuple[float, float]   # plain Wilson, for comparison
    widened: tuple[float, float]


def clustering(evals: list[Evaluation] | None = None) -> list[Clustering]:
    """Design-effect intervals for every study with a base, a number of professionals and a spread to use."""
    evals = evaluations() if evals is None else evals
    by_study = {e.study: e for e in evals}
    out = []
    for e in evals:
        if not e.spread_from or e.interval is None or not e.professionals:
            continue
        icc = by_study[e.spread_from].icc
        if icc is None:
            raise ValueError(f"{e.study}: {e.spread_from} prints no spread between professionals")
        if e.professionals is None or e.base is None or e.count is None:
            raise ValueError(f"{e.study}: professionals, base and count are needed for the design effect")
        k, n = int(e.professionals), int(e.base)
        deff = design_effect(n / k, icc)
        out.append(Clustering(
            study=e.study, professionals=k, per_professional=n / k, icc=icc, icc_from=e.spread_from,
            design_effect=deff, effective_base=n / deff, interval=e.interval,
            widened=clustered_wilson_interval(e.count, n, k, icc, CONFIDENCE),
        ))
    return out


def independent(evals: list[Evaluation]) -> list[Evaluation]:
    """The studies of ``evals`` that are independent sources: a study whose registration is largely
    the same as another one's in ``evals`` (``same_data_as``) is left out, so the pair counts once."""
    present = {e.study for e in evals}
    return [e for e in evals if e.same_data_as not in present]


def _number(row: dict[str, str], column: str) -> float | None:
    return data.number(row, column)


def evaluations() -> list[Evaluation]:
    """Every study of the overview, in the table's order."""
    out = []
    for row in data.rows("evaluations_overview"):
        share, extra = _number(row, "share"), _number(row, "share_extra")
        total = None if share is None else share + (extra or 0.0)
        base = _number(row, "base")
        printed = _number(row, "count")
        if printed is not None:
            count, derived = int(printed), False
        elif total is not None and base and row["design"] != "panel":
            count, derived = round(total * base), True
        else:
            count, derived = None, False
        out.append(Evaluation(
            study=row["study"], name=row["name_nl"], period=row["period_nl"], design=row["design"],
            design_text=DESIGNS[row["design"]], not_referred=row["not_referred_nl"], share=total,
            share_low=_number(row, "share_low"), share_high=_number(row, "share_high"),
            derived_share=extra is not None, base=base if row["design"] != "panel" else None,
            base_text=row["base_nl"], count=count, derived_count=derived,
            professionals=_number(row, "professionals"), spread_low=_number(row, "spread_low"),
            spread_high=_number(row, "spread_high"), spread_from=row["spread_from"],
            same_data_as=row["same_data_as"], comparison=row["comparison_nl"],
            source=row["source"], ref=row["ref"], note=row["note"],
        ))
    return out


def locator(ref: str) -> str:
    """The reader-facing place of an external passage: '§ Resultaten, punt 1; L22' -> 'Resultaten, punt 1'.

    Line numbers of the stored excerpts stay in data/ for audit; a citation names the section
    and paragraph of the public page.
    """
    first = ref.split(";")[0].strip()
    return first[1:].strip() if first.startswith("§") else first
