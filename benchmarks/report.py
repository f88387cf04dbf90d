"""Print the benchmark tables of benchmarks/README.md (Markdown) from benchmarks/results/*.json.

Usage: python benchmarks/report.py   (after benchmarks/apps.py, benchmarks/book.py, benchmarks/burst.py)
"""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def num(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"  # developer documentation: English format


def apps_table(report: dict) -> str:
    lines = ["| app | cold p50 / p95 (s) | pooled p50 / p95 (s) | round trip p50 / p95 (ms) |",
             "|---|---|---|---|"]
    for name, r in report["apps"].items():
        lines.append(f"| {name} | {num(r['cold']['p50_s'])} / {num(r['cold']['p95_s'])} "
                     f"| {num(r['pooled']['p50_s'])} / {num(r['pooled']['p95_s'])} "
                     f"| {r['round_trip']['p50_ms']} / {r['round_trip']['p95_ms']} |")
    c = report["concurrent"]
    gap = num(c.get("arrival_gap_s", 0.0), 0)
    lines += ["", f"{c['sessions']} concurrent sessions (formatie, arriving {gap} s apart, "
              f"all open together, then all changing an input at once): {c['errors']} errors; time to inputs "
              f"p50 {num(c['p50_time_to_inputs_s'])} s, p95 {num(c['p95_time_to_inputs_s'])} s; simultaneous change "
              f"p95 {c.get('simultaneous_change_p95_ms', '–')} ms; {c['kernels']} kernels, median RSS "
              f"{c['kernel_rss_mib_median']} MiB per kernel."]
    return "\n".join(lines)


def book_table(report: dict) -> str:
    heavy, slow = report["heaviest_page"], report["slowest_page"]
    pages = report["pages"]
    return "\n".join([
        "| measure | result | target |", "|---|---|---|",
        f"| cold strict build with execution | {num(report['cold_build_s'], 1)} s | ≤ 120 s |",
        f"| no-change rebuild | {num(report['rebuild_s'], 1)} s | ≤ 20 s |",
        f"| heaviest page at load ({heavy['page']}) | {num(heavy['mb_at_load'])} MB "
        f"({num(heavy['mb_all_charts'])} MB once every chart is drawn) | ≤ 1.5 MB |",
        f"| slowest load ({slow['page']}) | {slow['load_ms']} ms | ≤ 1 s |",
        f"| pages measured | {len(pages)} | |",
    ])


def mutation_table(report: dict) -> str:
    lines = ["| module | mutants | killed | survived (of which equivalent) | score | score without equivalent |",
             "|---|---|---|---|---|---|"]
    for name, m in report["modules"].items():
        lines.append(f"| `{name}` | {m['mutants']} | {m['killed']} | {m['survived']} ({m['equivalent']}) "
                     f"| {m['score']:.1%} | {m['score_excluding_equivalent']:.1%} |")
    totals = report.get("groups") or {"all": report["total"]}
    for group, t in totals.items():
        if t["mutants"]:
            lines.append(f"| all {group} | {t['mutants']} | {t['killed']} | {t['mutants'] - t['killed']} "
                         f"| {t['score']:.1%} | |")
    equivalent = [(s["name"], s["equivalent"]) for m in report["modules"].values() for s in m["survivors"]
                  if s["equivalent"]]
    if equivalent:
        lines += ["", "Equivalent mutants (they change no result any caller can see):", ""]
        lines += [f"- `{name}`: {reason}" for name, reason in equivalent]
    return "\n".join(lines)


def burst_table(report: dict) -> str:
    """One row per set-up measured by benchmarks/burst.py (key "1-process", "2-process", ...)."""
    lines = ["| set-up | visitors | errors | time to page p50 / p95 (s) | time to usable p50 / p95 (s) "
             "| time to answer p50 / p95 (s) | kernels at the peak | kernel RSS at the peak, total / median (MiB) "
             "| CPU of Voila and kernels (s) | load average before / max |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for key in sorted(report, key=lambda k: (report[k]["machine"]["voila_processes"],
                                             bool(report[k].get("one_address")), k)):
        r = report[key]
        n = r["machine"]["voila_processes"]

        def pair(name: str, r: dict = r) -> str:
            return f"{num(r[name]['p50_s'])} / {num(r[name]['p95_s'])}"

        cache = f"{r['assets_per_visitor']} static files each" if r.get("assets_per_visitor") else "cached static files"
        who = "one address for all" if r.get("one_address") else "an address each"
        lines.append(f"| {n} Voila process{'es' if n > 1 else ''}; {who}; {cache} | {r['sessions']} within "
                     f"{num(r['spread_s'], 0)} s | {r['errors']} | {pair('time_to_page')} | {pair('time_to_usable')} "
                     f"| {pair('time_to_answer')} | {r['kernels_peak']} ({r['kernels_before']} preheated before) "
                     f"| {r['kernel_rss_mib_total_peak']:,} / {r['kernel_rss_mib_median_peak']} "
                     f"| {num(r.get('server_cpu_s'), 0)} "
                     f"| {num(r['load_average_1min_before'], 1)} / {num(r['load_average_1min_max'], 1)} |")
    return "\n".join(lines)


def frontend_table(report: dict) -> str:
    """benchmarks/frontend.py: time to usable inputs from the pool, before and after, per cache state."""
    labels = [label for label in ("before", "after") if label in report] or list(report)
    kinds = (("pooled_warm_cache", "warm cache"), ("pooled_cold_cache", "cold cache"))
    lines = ["| app | " + " | ".join(f"{name} {label}: p50 / p95 (s)" for _, name in kinds for label in labels) + " |",
             "|---|" + "---|" * (len(kinds) * len(labels))]
    apps = list(report[labels[0]]["apps"]) + ["all_apps"]
    for app in apps:
        cells = []
        for kind, _ in kinds:
            for label in labels:
                r = report[label]["all_apps"] if app == "all_apps" else report[label]["apps"][app]
                cells.append(f"{num(r[kind]['p50_s'])} / {num(r[kind]['p95_s'])}")
        lines.append(f"| {'all three' if app == 'all_apps' else app} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("| one visit (formatie) | " + " | ".join(labels) + " |")
    lines.append("|---|" + "---|" * len(labels))
    first = {label: report[label]["apps"][apps[0]] for label in labels}
    rows = [("requests, cold cache", lambda r: str(r["cold_visit"]["requests"])),
            ("bytes on the wire, cold cache (KiB)", lambda r: num(r["cold_visit"]["transferred_kib"], 0)),
            ("JavaScript files (gzip)", lambda r: f"{r['cold_visit']['js_chunks']} ({r['cold_visit']['js_gzip']})"),
            ("JavaScript decoded (KiB)", lambda r: num(r["cold_visit"]["js_decoded_kib"], 0)),
            ("labextensions", lambda r: ", ".join(r["cold_visit"]["labextensions"])),
            ("requests to the server, warm cache",
             lambda r: str(r["warm_visit"]["requests"] - r["warm_visit"]["from_cache"])),
            ("bytes on the wire, warm cache (KiB)", lambda r: num(r["warm_visit"]["transferred_kib"], 0))]
    for name, cell in rows:
        lines.append(f"| {name} | " + " | ".join(cell(first[label]) for label in labels) + " |")
    return "\n".join(lines)


def main() -> None:
    for name, render in (("apps.json", apps_table), ("book.json", book_table), ("mutation.json", mutation_table),
                         ("burst.json", burst_table), ("frontend.json", frontend_table)):
        path = RESULTS / name
        if path.exists():
            print(f"<!-- {name} -->\n{render(json.loads(path.read_text(encoding='utf-8')))}\n")


if __name__ == "__main__":
    main()
