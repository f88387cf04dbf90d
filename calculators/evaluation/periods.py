"""The report's settings a user chooses: the periods a registration can be counted by (Dutch name ->
pandas period code) and how counts are rounded.

A module of its own, without pandas, so that the CLI and the app can offer the choices without loading
the kit.
"""

PERIODS = {"kwartaal": "Q", "halfjaar": "H", "jaar": "Y"}

#: How counts are published (``indicators.evaluate``): key -> label in the app.
ROUNDINGS = {
    "automatisch": "automatisch",
    "exact": "exacte aantallen",
    "vijftallen": "afgerond op vijftallen",
}
#: What the choices mean (the app's note under the choice, the CLI's help).
ROUNDING_HELP = (
    "Automatisch: exacte aantallen, tenzij er dan een totaal of kerncijfer (trajecten, afgesloten, open, de "
    "drie groepen) verborgen moet blijven; dan zijn alle aantallen afgerond op vijftallen."
)
