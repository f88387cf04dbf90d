"""Build the book strictly in a private copy, with stub pages for chapters that do not exist yet.

Usage: python scripts/preview_chapter.py NAME   (NAME: any word, e.g. your helper name)
Prints every warning; exit code 0 only for a clean strict build. Output: /tmp/preview-NAME/_build/html.
Several people can preview at once: each gets its own copy.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FULL_TOC = ["oogopslag", "chapters/01-leeswijzer", "chapters/02-wat-is-een-poh-jeugd", "chapters/03-taakkader",
            "chapters/04-positionering", "chapters/05-triage-en-verwijzen", "chapters/06-overbruggingszorg",
            "chapters/07-nazorg", "chapters/08-privacy-en-dossiervorming", "chapters/09-capaciteit-en-formatie",
            "chapters/10-financiering-en-business-case", "chapters/11-monitoring-en-evaluatie",
            "chapters/12-samenwerking", "chapters/13-ervaringen-van-jeugdigen-en-ouders",
            "chapters/14-competenties-opleiding-en-intervisie", "chapters/15-leerpad-voor-opleiders",
            "chapters/16-wat-het-onderzoek-zegt", "chapters/17-verantwoording-rekenmodellen",
            "appendices/begrippenlijst", "appendices/bronnen", "appendices/datawoordenboek",
            "appendices/toegankelijkheid", "appendices/privacy", "appendices/wijzigingen"]
LABELS = {"01": "leeswijzer", "02": "wat-is-een-poh-jeugd", "03": "taakkader", "04": "positionering",
          "05": "triage", "06": "overbruggingszorg", "07": "nazorg", "08": "privacy", "09": "capaciteit",
          "10": "business-case", "11": "monitoring", "12": "samenwerking", "13": "ervaringen",
          "14": "competenties", "15": "leerpad", "16": "onderzoek", "17": "verantwoording",
          "begrippenlijst": "begrippenlijst", "bronnen": "bronnen", "datawoordenboek": "datawoordenboek",
          "oogopslag": "oogopslag",
          "wijzigingen": "wijzigingen"}


def main() -> int:
    name = re.sub(r"\W", "", sys.argv[1] if len(sys.argv) > 1 else "preview") or "preview"
    target = Path(f"/tmp/preview-{name}")
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "book", target, ignore=shutil.ignore_patterns("_build"))
    toc = (target / "_toc.yml").read_text(encoding="utf-8")
    for page in FULL_TOC:
        path = target / f"{page}.md"
        if not path.exists():
            stem = Path(page).name
            label = LABELS.get(stem[:2], LABELS.get(stem, stem))
            path.write_text(f"({label})=\n# Nog niet geschreven: {stem}\n\n```{{bibliography}}\n:all:\n```\n"
                            if stem == "bronnen" else f"({label})=\n# Nog niet geschreven: {stem}\n", encoding="utf-8")
        if f"file: {page}" not in toc:
            toc += f"  - caption: Preview\n    chapters:\n      - file: {page}\n"
    (target / "_toc.yml").write_text(toc, encoding="utf-8")
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(target), "--all", "-W", "-n",
                           "--keep-going"], capture_output=True, text=True)
    output = proc.stdout + proc.stderr
    problems = [line for line in output.splitlines()
                if ("WARNING" in line or "ERROR" in line or "Exception" in line or "Error" in line)
                and "Kernel is running over TCP" not in line and "MdParserConfig" not in line]
    print("\n".join(problems) or "no warnings")
    print(f"build exit code {proc.returncode}; HTML in {target}/_build/html")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
