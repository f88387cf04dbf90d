"""ipywidgets front-ends for the calculators (Voila apps and Jupyter). Thin: no formulas here."""

from .apps import APPS, BreakEvenApp, ReferralApp, StaffingApp
from .base import CalculatorApp, Field, FieldSpec

__all__ = ["APPS", "BreakEvenApp", "CalculatorApp", "Field", "FieldSpec", "ReferralApp", "StaffingApp"]
