"""Referral flows (REFERRAL) and the reach what-if (WHAT_IF): inputs, outputs and the page calculator
``verwijsaandeel``.

Collected by ``calculators/registry.py``; the CLI, the apps, the exports, the annex and the page calculators
read the labels, units and rounding from here, never from a copy.
"""

from __future__ import annotations

from pathlib import Path

from ..definitions import Calculator, Folder, Input, Output, PageCalculator

REFERRAL_INPUTS = (
    Input("help_questions", "hulpvragen", fact="help_questions", plausible=(0, 20_000), decimals=0),
    Input("reach", "bereik", fact="reach", plausible=(0, 1), decimals=3),
    Input("pohj_referral_rate", "verwijspercentage", fact="pohj_referral_rate", plausible=(0, 1), decimals=3),
    Input("induced_demand", "aanzuiging", fact="induced_demand", plausible=(0, 0.5), decimals=3),
    Input("counterfactual_referral_rate", "anders_verwezen", fact="counterfactual_referral_rate", plausible=(0, 1),
          decimals=3),
)

REFERRAL = Calculator("referral", "Verwijsstromen en verwijsaandeel langs de huisartsroute", (
    Output("help_questions", "Hulpvragen via de huisarts", "count", 0),
    Output("to_pohj", "Naar de POH-J", "count", 0),
    Output("reach", "Bereik (deel van de hulpvragen bij de POH-J)", "share", 3),
    Output("direct_referrals", "Direct verwezen door de huisarts", "count", 0),
    Output("pohj_referrals", "Verwezen via de POH-J", "count", 0),
    Output("helped_without_referral", "Niet naar jeugd-GGZ of overbrugging verwezen", "count", 0),
    Output("total_referrals", "Verwijzingen tweede lijn totaal", "count", 0),
    Output("referral_share", "Verwijsaandeel", "share", 3),
    Output("avoided_referrals", "Vermeden verwijzingen (t.o.v. geen POH-J)", "count", 0),
    Output("avoided_cost", "Waarde vermeden verwijzingen", "eur", 0),
    Output("change_vs_baseline", "Verschil met basisjaar", "count", 0),
), REFERRAL_INPUTS)

WHAT_IF = Calculator("what_if", "Wat als het bereik van de POH-J verandert?", (
    Output("extra_to_pohj", "Wat-als: extra jeugdigen bij de POH-J", "count", 0),
    Output("extra_avoided_referrals", "Wat-als: extra vermeden verwijzingen", "count", 0),
    Output("extra_avoided_cost", "Wat-als: extra waarde vermeden verwijzingen", "eur", 0),
    Output("extra_pohj_hours_per_week", "Wat-als: extra POH-J-uren per week nodig", "hours_per_week", 1),
    Output("extra_pohj_cost", "Wat-als: kosten van die extra uren per jaar", "eur", 0),
))

PAGE = PageCalculator("verwijsaandeel", REFERRAL, "Rekentool verwijsstromen en verwijsaandeel",
                      ("to_pohj", "direct_referrals", "pohj_referrals", "helped_without_referral",
                       "total_referrals", "referral_share", "avoided_referrals", "avoided_cost"),
                      bars=("direct_referrals", "pohj_referrals", "helped_without_referral"), app="verwijsaandeel")

FOLDER = Folder(Path(__file__).parent, (REFERRAL, WHAT_IF), (PAGE,))
