"""A publisher's house style (``book/huisstijl.yml``): name, logo, primary colour, contact.

A municipality or region that republishes the handbook edits that one file (or points the
environment variable ``HANDBOEK_HUISSTIJL`` at its own copy); the book (colours, logo, footer,
accessibility statement), the PDF title page and the apps read it through :func:`load`.

A primary colour is used for links and text, so it must reach WCAG 2.1 AA contrast
(4.5:1) against a white background; a colour that does not is refused with a Dutch message.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATH = ROOT / "book" / "huisstijl.yml"
ENV_VAR = "HANDBOEK_HUISSTIJL"
MIN_CONTRAST = 4.5  # WCAG 2.1 success criterion 1.4.3 (AA), normal text
WHITE = "#ffffff"
NEUTRAL_COLOUR = "#1f5c99"  # the default house colour (book/huisstijl.yml), 6.9:1 on white
KEYS = {"uitgever", "logo", "logo_alt", "kleur", "contact", "website"}


class HouseStyleError(ValueError):
    """A house-style file that cannot be used; the message is Dutch and says what to change."""


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def parse_colour(text: str) -> tuple[int, int, int]:
    """'#1f5c99' or '#fff' to (r, g, b); HouseStyleError otherwise."""
    m = re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", str(text).strip())
    if not m:
        raise HouseStyleError(f"Huisstijl: '{text}' is geen kleur. Schrijf de kleur als #rrggbb, bijvoorbeeld #1f5c99.")
    h = m.group(1)
    if len(h) == 3:
        h = "".join(ch * 2 for ch in h)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour."""
    r, g, b = (_channel(c) for c in parse_colour(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio (1–21) between two colours."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def check_contrast(colour: str, background: str = WHITE) -> float:
    """The ratio, or HouseStyleError (Dutch) when it is below 4.5:1."""
    ratio = contrast_ratio(colour, background)
    if ratio < MIN_CONTRAST:
        shown = f"{ratio:.2f}".replace(".", ",")
        raise HouseStyleError(
            f"Huisstijl: de hoofdkleur {colour} heeft te weinig contrast met een witte achtergrond "
            f"({shown}:1; WCAG 2.1 niveau AA vraagt minstens 4,5:1 voor tekst en links). "
            "Kies een donkerdere tint.")
    return ratio


def darker(colour: str, factor: float = 0.8) -> str:
    """The same hue, darker (for link hover); darker keeps the contrast with white."""
    return "#" + "".join(f"{int(c * factor):02x}" for c in parse_colour(colour))


@dataclass(frozen=True)
class HouseStyle:
    publisher: str
    colour: str
    logo: Path | None = None
    logo_alt: str = ""
    contact: str = ""
    website: str = ""
    source: Path | None = None

    @property
    def colour_hover(self) -> str:
        return darker(self.colour)

    def css(self) -> str:
        """CSS custom properties for the book theme (light mode; dark mode keeps the theme's own)."""
        return (f'html:root[data-theme="light"] {{ --pst-color-primary: {self.colour}; '
                f"--pst-color-link: {self.colour}; --pst-color-link-hover: {self.colour_hover}; "
                f"--handboek-huiskleur: {self.colour}; }}")

    def contact_sentence(self) -> str:
        """The Dutch sentence of the accessibility statement that says where to report a problem."""
        if self.contact:
            how = (f"[{self.contact}](mailto:{self.contact})" if "@" in self.contact and "/" not in self.contact
                   else f"<{self.contact}>" if self.contact.startswith("http") else self.contact)
            return f"Meld het bij {self.publisher}: {how}."
        return "Meld het bij de organisatie die dit handboek publiceert."


def path_in_use() -> Path:
    """The house-style file of this build: $HANDBOEK_HUISSTIJL, else book/huisstijl.yml."""
    env = os.environ.get(ENV_VAR, "").strip()
    return Path(env).resolve() if env else DEFAULT_PATH


def load(path: Path | None = None) -> HouseStyle:
    """Read and check a house-style file; HouseStyleError (Dutch) for anything unusable."""
    path = path or path_in_use()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise HouseStyleError(f"Huisstijl: het bestand {path} bestaat niet.") from None
    except yaml.YAMLError as exc:
        raise HouseStyleError(f"Huisstijl: {path} is geen geldig YAML-bestand ({exc}).") from None
    if not isinstance(raw, dict):
        raise HouseStyleError(f"Huisstijl: {path} moet sleutels met waarden bevatten (uitgever, kleur, …).")
    unknown = sorted(set(raw) - KEYS)
    if unknown:
        raise HouseStyleError(f"Huisstijl: onbekende sleutel(s) {', '.join(unknown)} in {path}; "
                              f"toegestaan zijn {', '.join(sorted(KEYS))}.")
    publisher = str(raw.get("uitgever") or "").strip()
    if not publisher:
        raise HouseStyleError(f"Huisstijl: vul in {path} de naam van de uitgever in (sleutel 'uitgever').")
    colour = str(raw.get("kleur") or "").strip().lower()
    if not colour:
        raise HouseStyleError(f"Huisstijl: vul in {path} een hoofdkleur in (sleutel 'kleur', bijvoorbeeld #1f5c99).")
    check_contrast(colour)
    logo = None
    if raw.get("logo"):
        logo = (path.parent / str(raw["logo"])).resolve()
        if not logo.is_file():
            raise HouseStyleError(f"Huisstijl: het logo {logo} bestaat niet.")
        if logo.suffix.lower() not in {".svg", ".png", ".jpg", ".jpeg"}:
            raise HouseStyleError(f"Huisstijl: het logo moet een SVG-, PNG- of JPG-bestand zijn, niet {logo.name}.")
    logo_alt = str(raw.get("logo_alt") or "").strip()
    if logo is not None and not logo_alt:
        raise HouseStyleError(f"Huisstijl: geef het logo een tekstalternatief (sleutel 'logo_alt') in {path}.")
    return HouseStyle(publisher=publisher, colour=colour, logo=logo, logo_alt=logo_alt,
                      contact=str(raw.get("contact") or "").strip(), website=str(raw.get("website") or "").strip(),
                      source=path)
