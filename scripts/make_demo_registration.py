"""Write the FICTIONAL demo registration ``data/demo/registratie_fictief.csv`` (fixed seed).

No row describes a real youth. The shares come from data/ where a source prints them and are
our assumptions (marked ASSUMPTION below) where none does:

- number of trajectories and period: Rebel's monitoring (``rebel_cases``, January 2020 – March 2021);
- sex: Rebel's 412 girls and 323 boys, the rest unknown;
- outcome groups: Rebel's 42 % self, 37 % referred, 10 % bridging (``tables/outcomes``), the rest empty;
- referral destinations: the JGT share of Rebel (``rebel_jgt_referral_share``), the others in the
  proportions of Accare's Tabel 7 (``tables/accare_referral_destinations``, Totaal);
- contact bands: Rebel's 2020 self-treated trajectories per band (``bands.published_counts``);
- goal attainment: filled in for Rebel's 297 of 755 cases, 93 of them not or partly reached.

Usage: ``python scripts/make_demo_registration.py [--rows N] [--seed S] [-o FILE]`` (the benchmark
uses ``--rows 100000``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from calculators import bands, data  # noqa: E402
from calculators.evaluation import format as fmt  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "data" / "demo" / "registratie_fictief.csv"
SEED = 20260101


def _outcome_shares() -> dict[str, float]:
    rows = {r["category"]: float(r["share"]) for r in data.rows("outcomes") if r["study"] == "rebel_holland_rijnland"}
    return {fmt.GROUP_SELF: rows["self"], fmt.GROUP_REFERRED: rows["referred"], fmt.GROUP_BRIDGING: rows["bridging"]}


def _referral_mix() -> dict[str, float]:
    accare = {r["destination"]: float(r["share"]) for r in data.rows("accare_referral_destinations")
              if r["function"] == "Totaal" and r["share"]}
    jgt = data.value("rebel_jgt_referral_share")
    spec = accare["Specialistische Jeugd-GGZ/GGZ"]
    rest = {
        "verwijzing Spec. GGZ (midden)": spec / 2,  # ASSUMPTION: Accare does not split specialist care
        "verwijzing Spec. GGZ (hoog)": spec / 2,
        "verwijzing Basis GGZ (licht)": accare["Generalistische basis-GGZ"],
        "verwijzing preventieve hulp": accare["Vrij toegankelijke zorg"],
        "crisishulp": 0.02,  # ASSUMPTION: no source prints a share for crisis help
    }
    total = sum(rest.values())
    return {"verwijzing JGT inzet": jgt} | {k: v / total * (1 - jgt) for k, v in rest.items()}


def generate(rows: int, seed: int = SEED) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start0 = pd.Timestamp(int(data.value("rebel_monitoring_start_year")), 1, 1)
    end0 = pd.Timestamp(int(data.value("rebel_monitoring_end_year")), 3, 31)
    days = (end0 - start0).days + 1
    start = start0 + pd.to_timedelta(rng.integers(0, days, rows), unit="D")
    girls, boys, cases = data.value("rebel_girls"), data.value("rebel_boys"), data.value("rebel_cases")
    sex = rng.choice(["Vrouw", "Man", ""], rows, p=np.array([girls, boys, cases - girls - boys]) / cases)
    age = rng.integers(2, 19, rows)  # ASSUMPTION: ages spread evenly over 2–18 years
    referrer_p = {"Huisarts": 0.8, "Ouders": 0.08, "School": 0.04, "Jeugdarts": 0.03, "Wijkteam": 0.03, "Anders": 0.02}
    referrer = rng.choice(list(referrer_p), rows, p=list(referrer_p.values()))  # ASSUMPTION
    help_q = rng.choice(fmt.column("n7a").categories, rows)  # ASSUMPTION: all help questions equally often
    groups = _outcome_shares()
    group = rng.choice([*groups, ""], rows, p=[*groups.values(), 1 - sum(groups.values())])
    referral = _referral_mix()
    intervention = np.where(
        group == fmt.GROUP_SELF, rng.choice(fmt.GROUPS[fmt.GROUP_SELF], rows, p=[0.3, 0.7]),  # ASSUMPTION: split
        np.where(group == fmt.GROUP_BRIDGING, "overbruggingshulp",
                 np.where(group == fmt.GROUP_REFERRED,
                          rng.choice(list(referral), rows,
                                     p=np.array(list(referral.values())) / sum(referral.values())),
                          "")))
    counts = bands.published_counts()
    band_p = np.array([counts[b] for b in bands.BANDS]) + np.array([0, 0, 0, 10.0])  # ASSUMPTION: a few >10
    band = rng.choice(fmt.column("n10").categories, rows, p=band_p / band_p.sum())
    band = np.where(intervention == "1 gesprek geen verdere hulpvraag", "1 contact", band)  # one talk, one contact
    contacts_low = {"1 contact": (1, 1), "2 tot 5 contacten": (2, 5), "6 tot 10 contacten": (6, 10),
                    "meer dan 10 contacten": (11, 15)}
    contacts = np.array([rng.integers(contacts_low[b][0], contacts_low[b][1] + 1) for b in band])
    weeks = contacts * rng.uniform(1, 2.5, rows)
    end = start + pd.to_timedelta(np.round(weeks * 7), unit="D")
    open_ = (rng.random(rows) < 0.1) | (end > end0)
    months = weeks / 4.35
    duration = np.select([months < 1, months < 2, months < 3, months <= 6],
                         ["< 1 maand", "< 2 maanden", "< 3 maanden", "3 tot 6 maanden"], "> 6 maanden")
    recorded = data.value("rebel_goal_attainment_recorded")
    not_or_partly = data.value("rebel_goal_not_or_partly")
    filled = rng.random(rows) < recorded / cases
    goal = np.where(rng.random(rows) < not_or_partly / recorded,
                    rng.choice(["1 (nee)", "2 (deels)"], rows), "3 (ja)")
    goal = np.where(filled & ~open_, goal, "")
    applied = start - pd.to_timedelta(rng.integers(0, 29, rows), unit="D")  # ASSUMPTION: up to four weeks
    practice = rng.choice([f"Praktijk {c}" for c in "ABCDEF"], rows, p=[0.3, 0.25, 0.2, 0.15, 0.07, 0.03])
    frame = pd.DataFrame({
        "Leeftijd bij aanvang": age,
        "Geslacht": sex,
        "Verwijzer": referrer,
        "Datum aanmelding": applied.strftime("%d-%m-%Y"),
        "Datum eerste consult": start.strftime("%d-%m-%Y"),
        "Klacht of hulpvraag": help_q,
        "Welke interventie is ingezet": intervention,
        "Intensiteit POH-inzet": band,
        "Aantal contacten": contacts,
        "Duur van de POH-inzet": np.where(open_, "", duration),
        "Overleg": rng.choice(["ja", "nee"], rows, p=[0.4, 0.6]),  # ASSUMPTION
        "Doelbereik": goal,
        "Datum einde zorg": np.where(open_, "", end.strftime("%d-%m-%Y")),
        "Praktijk": practice,
    })
    return frame.sort_values("Datum eerste consult", key=lambda s: pd.to_datetime(s, format="%d-%m-%Y"),
                             kind="stable").reset_index(drop=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=int(data.value("rebel_cases")))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    generate(args.rows, args.seed).to_csv(args.output, sep=";", index=False, encoding="utf-8")
    print(f"{args.output}: {args.rows} fictieve trajecten")


if __name__ == "__main__":
    main()
