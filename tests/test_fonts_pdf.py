"""Names in every script in a fact sheet PDF (the report's print pipeline and fonts): every font
in the file is one of the identity's own files, embedded as TrueType, never Type 3 nor a system
font, and the names extract from the PDF as written (pdftotext, after NFC).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pikepdf
import pytest
from conftest import FIXED_NOW, copy_repo_sources
from fontTools.ttLib import TTFont

from airf_site import fonts
from airf_site.content.loader import load_project
from airf_site.project import Project

LONG = "Adjovi-Houngbédji de Souza Kpodékon-Ahouandjinou Agbanglanon"
NAMES = "Ọ̀ṣun Adébáyọ̀, Nguyễn Thị Ánh, Ștefan Țărănescu, محمد العلوي (Mohamed El Alaoui), N’Diaye, ⵜⴰⵎⴰⵣⵉⵖⵜ"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _postscript_names() -> set[str]:
    names = set()
    for path in fonts.font_files().values():
        with TTFont(path, lazy=True) as font:
            names.add(font["name"].getDebugName(6))
    return names


@pytest.mark.browser
def test_a_fact_sheet_with_names_in_every_script(tmp_path, chromium_path):
    from airf_site.report.factsheets import build_factsheets

    root = copy_repo_sources(tmp_path / "projet")
    sheets = sorted((root / "content/fiches").glob("*.md"))
    text = next(p for p in sheets if "mangroves" in p.name).read_text(encoding="utf-8")
    for path in sheets:  # one sheet is enough, and quicker
        path.unlink()
    text = re.sub(r"(?m)^titre: .*$", 'titre: "Ọ̀yọ́, Huế, Iași, الرباط : Adébáyọ̀ et Nguyễn Thị Ánh"', text, count=1)
    text = re.sub(r"(?m)^contact: .*$", f'contact: "{LONG}, محمد العلوي"', text, count=1)
    text = text.replace("## Une démarche participative",
                        f"## {NAMES}\n\n{NAMES}. **{NAMES}** *{NAMES}*\n\n> {NAMES}\n\n## Une démarche participative")
    (root / "content/fiches/2025-10-14-noms.md").write_text(text, encoding="utf-8")
    project = Project.load(root, now=FIXED_NOW)
    index, _ = load_project(project)
    (pdf_path,) = build_factsheets(project, index)

    allowed = _postscript_names()
    seen = set()
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            for _name, font in (page.Resources.get("/Font") or {}).items():
                assert font.Subtype != "/Type3"
                base = str(font.BaseFont).lstrip("/")
                base = base.split("+", 1)[1] if "+" in base else base
                seen.add(base)
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                assert "/FontFile2" in descendant.FontDescriptor, base  # embedded TrueType
    assert seen <= allowed, seen - allowed  # no system font
    assert {"NotoSans-Bold", "NotoSansArabic-Regular", "NotoSansTifinagh-Regular"} <= seen

    extracted = _nfc(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_path), "-"], capture_output=True,
                                    text=True, check=True).stdout)
    for word in ("Ọ̀ṣun", "Adébáyọ̀", "Nguyễn", "Ștefan", "Țărănescu", "N’Diaye", "Agbanglanon", "ⵜⴰⵎⴰⵣⵉⵖⵜ",
                 "Ọ̀yọ́", "Huế", "Iași", "محمد", "العلوي"):
        assert _nfc(word) in extracted, word
