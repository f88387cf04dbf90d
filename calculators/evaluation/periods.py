"""The report's settings a user chooses: the periods a registration can be counted by (Dutch name ->
pandas period code) and how counts are rounded.

A module of its own, without pandas, so that the CLI and the app can offer the choices without loading
the kit.
"""

PERIODS = {"kwartaal": "Q", "halfjaar": "H", "jaar": "Y"}

#: How counts are published (``indicators.evaluate``): 'automatisch' = exact, unless exact counts would
#: hide a headline figure at or above the minimum; then rounded to multiples of five.
ROUNDINGS = {
    "automatisch": "automatisch (exact, of op vijftallen als een kerncijfer anders verborgen blijft)",
    "exact": "exacte aantallen",
    "vijftallen": "op vijftallen afgerond",
}
