"""LICENSE, LICENSE-text-data, CITATION.cff, publiccode.yml and CHANGELOG.md exist, carry their
required fields, and agree with calculators/edition.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from calculators import edition

ROOT = Path(__file__).resolve().parents[1]


def load(name: str) -> dict:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def test_code_licence_is_the_eupl_1_2() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("European Union Public Licence v. 1.2")
    assert "EUPL © the European Union 2007, 2016" in text
    # every article of the official text, in order, and the appendix of compatible licences
    articles = ["1. Definitions", "2. Scope of the rights granted by the Licence",
                "3. Communication of the Source Code",
                "4. Limitations on copyright", "5. Obligations of the Licensee", "6. Chain of Authorship",
                "7. Disclaimer of Warranty", "8. Disclaimer of Liability", "9. Additional agreements",
                "10. Acceptance of the Licence", "11. Information to the public", "12. Termination of the Licence",
                "13. Miscellaneous", "14. Jurisdiction", "15. Applicable Law", "Appendix"]
    positions = [text.index(f"\n{a}\n") for a in articles]
    assert positions == sorted(positions)


def test_text_and_data_licence_is_cc_by_4_0() -> None:
    text = (ROOT / "LICENSE-text-data").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International" in text
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in text
    assert "EUPL-1.2" in text and "LICENSE" in text


def test_readme_names_both_licences_and_the_edition_files() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for needle in ("EUPL-1.2", "CC BY 4.0", "LICENSE-text-data", "CITATION.cff", "publiccode.yml", "CHANGELOG.md"):
        assert needle in readme, needle


# CFF 1.2.0: required keys of the root object (schema.json "required")
CFF_REQUIRED = ["cff-version", "message", "title", "authors"]


def test_citation_cff_is_valid_and_matches_the_edition() -> None:
    cff = load("CITATION.cff")
    for key in CFF_REQUIRED:
        assert cff.get(key), key
    assert cff["cff-version"] == "1.2.0"
    assert all(a.get("name") or a.get("family-names") for a in cff["authors"])  # entity or person
    assert cff["type"] in {"software", "dataset"}
    assert cff["version"] == edition.EDITION
    assert cff["date-released"] == edition.DATE  # YAML date, not a string
    assert set(cff["license"]) == {edition.TEXT_LICENSE_SPDX, edition.CODE_LICENSE}
    assert cff["title"] == edition.TITLE


# publiccode.yml standard (core): keys whose "Presence" is mandatory
PUBLICCODE_REQUIRED_TOP = ["publiccodeYmlVersion", "name", "url", "platforms", "categories", "developmentStatus",
                           "softwareType", "description", "legal", "maintenance", "localisation"]
PUBLICCODE_REQUIRED_DESCRIPTION = ["shortDescription", "longDescription", "features"]
DEVELOPMENT_STATUS = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {"standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
                  "standalone/backend", "standalone/other", "addon", "library", "configurationFiles"}
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}


def test_publiccode_yml_has_the_standards_required_fields() -> None:
    pc = load("publiccode.yml")
    for key in PUBLICCODE_REQUIRED_TOP:
        assert key in pc, key
    assert pc["publiccodeYmlVersion"] == "0.4"
    assert pc["url"].startswith("https://")
    assert pc["platforms"] and pc["categories"]
    assert pc["developmentStatus"] in DEVELOPMENT_STATUS
    assert pc["softwareType"] in SOFTWARE_TYPES
    assert {"nl", "en"} <= set(pc["description"])
    for lang, desc in pc["description"].items():
        for key in PUBLICCODE_REQUIRED_DESCRIPTION:
            assert desc.get(key), f"description/{lang}/{key}"
        assert len(desc["shortDescription"]) <= 150, lang
        assert 150 <= len(desc["longDescription"]) <= 10000, lang
    assert pc["legal"]["license"] == f"{edition.CODE_LICENSE} AND {edition.TEXT_LICENSE_SPDX}"
    maintenance = pc["maintenance"]
    assert maintenance["type"] in MAINTENANCE_TYPES
    if maintenance["type"] in {"internal", "community"}:
        assert maintenance["contacts"] and all(c.get("name") for c in maintenance["contacts"])
    if maintenance["type"] == "contract":
        assert all(c.get("name") and c.get("until") for c in maintenance["contractors"])
    assert isinstance(pc["localisation"]["localisationReady"], bool)
    assert pc["localisation"]["availableLanguages"]
    assert all(d.get("name") for d in pc.get("dependsOn", {}).get("open", []))
    assert pc["softwareVersion"] == edition.EDITION
    assert dt.date.fromisoformat(pc["releaseDate"]) == edition.DATE


def test_changelog_has_a_section_for_this_edition() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {edition.EDITION} — {edition.DATE.isoformat()}" in text
