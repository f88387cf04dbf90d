"""The periods a registration can be counted by (Dutch name -> pandas period code).

A module of its own, without pandas, so that the CLI can offer the choices without loading the kit.
"""

PERIODS = {"kwartaal": "Q", "halfjaar": "H", "jaar": "Y"}
