"""Calculation core of the POH-Jeugd handbook.

Plain, typed models (no widgets, notebooks or plots) on sourced parameters in
``data/``. The CLI (``python -m calculators``), the handbook and the Voila apps
all call these functions; nothing computes a figure anywhere else.
"""

import sys

# jsonschema, which altair imports, checks the 'iri' format with rfc3987_syntax when that is
# installed (jupyter-events pulls it in), and that module compiles a Lark grammar on import: 1.4 s
# of CPU in every kernel, book page and CLI call. Nothing here validates IRIs, so the optional
# import is declined; jsonschema then leaves that one format unchecked.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from .break_even import break_even, break_even_point, break_even_share
from .errors import InputError
from .ranges import Range, Span, ranged
from .referral import reach_what_if, referral, referral_point
from .savings import builtin_scenario, custom_scenario, savings, savings_point
from .staffing import capacity, capacity_point, staffing, staffing_point

__all__ = [
    "InputError", "Range", "Span", "ranged",
    "staffing", "staffing_point", "capacity", "capacity_point",
    "break_even", "break_even_point", "break_even_share",
    "savings", "savings_point", "builtin_scenario", "custom_scenario",
    "referral", "referral_point", "reach_what_if",
]
