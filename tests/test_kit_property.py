"""Property: names drawn from the scripts of the francophone world (Latin with every accent and
stacked combining marks, Romanian, Vietnamese, Yoruba, Arabic with its vowel marks) never crash
the kit render, are all covered by the identity's fonts, and never produce a Type 3 font (or
any font outside the identity) in the badges and table cards Chromium prints.
"""

from __future__ import annotations

import unicodedata

import pikepdf
import pytest
from conftest import FIXED_NOW, copy_repo_sources
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from airf_site import fonts
from airf_site.content.loader import load_project
from airf_site.kit.participants import Participant
from airf_site.kit.render import render_badges, render_cards
from airf_site.print.printer import Printer
from airf_site.project import Project

pytestmark = pytest.mark.browser


def _chars(*ranges: tuple[int, int]) -> list[str]:
    return [chr(c) for low, high in ranges for c in range(low, high + 1) if unicodedata.category(chr(c))[0] in "LM"]


LATIN = _chars((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0xFF), (0x100, 0x17F), (0x218, 0x21B), (0x1E00, 0x1EFF))
MARKS = [chr(c) for c in (0x300, 0x301, 0x302, 0x303, 0x304, 0x308, 0x309, 0x30C, 0x323, 0x331)]
ARABIC = _chars((0x621, 0x63A), (0x641, 0x64A)) + [chr(c) for c in range(0x64B, 0x653)]
SEPARATORS = [" ", "-", "'", "’"]

latin_name = st.lists(st.sampled_from(LATIN + MARKS * 2 + SEPARATORS), min_size=1, max_size=40).map("".join)
arabic_name = st.lists(st.sampled_from(ARABIC + [" "]), min_size=1, max_size=25).map("".join)
name = st.one_of(latin_name, arabic_name, st.tuples(latin_name, arabic_name).map(" ".join)).filter(str.strip)


@pytest.fixture(scope="module")
def setup(tmp_path_factory, chromium_path):
    root = copy_repo_sources(tmp_path_factory.mktemp("propriete"))
    project = Project.load(root, now=FIXED_NOW)
    index, _ = load_project(project)
    event = next(e for e in index.events if e.id == "assemblee-generale-2027")
    with Printer() as printer:
        yield project, event, printer, tmp_path_factory.mktemp("pdf")


# Each example prints two PDFs with Chromium: few examples, and no shrinking (minutes per step);
# a failure prints the drawn names, which is enough to reproduce it.
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(people=st.lists(st.tuples(name, name, name), min_size=1, max_size=3))
# Found by this test: an Arabic vowel sign after a space was drawn by a system Type 3 font.
@example(people=[("Y", "ضرء", "ðṋḈḅḋỎỏ ِعادإإمٌس"), ("ẼḶgĄŇḽẲÿÓá ائحصخ", "ئو", "ِف")])
def test_random_names_print_with_the_identity_fonts_only(setup, people):
    project, event, printer, out = setup
    participants = [Participant(line=i + 2, prenom=prenom, nom=nom, autre_ecriture=autre, collectivite="Région",
                                pays="BJ") for i, (prenom, nom, autre) in enumerate(people)]
    for person in participants:
        assert all(fonts.uncovered(text) == [] for text in person.printed_text.values()), person
    allowed = {path.stem for path in fonts.font_files().values()}
    for render, size in ((render_badges, (210, 297)), (lambda p, e, ps: render_cards(p, e, ps, 3), (297, 210))):
        path = out / "sortie.pdf"
        printer.print_html(render(project, event, participants), path, base_dir=project.content_dir,
                           width_mm=size[0], height_mm=size[1])
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                for font in ((page.obj.get("/Resources") or {}).get("/Font") or {}).values():
                    assert font.get("/Subtype") != "/Type3", people
                    assert str(font.get("/BaseFont")).split("+")[-1] in allowed, (people, font.get("/BaseFont"))
