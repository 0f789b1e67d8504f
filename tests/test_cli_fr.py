"""Click's French catalogue: the compiled .mo says what the .po says, every message still exists
in click, and the CLI answers in French whatever the machine's locale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from airf_site.cli_fr import DOMAIN, LOCALE_DIR

FOLDER = LOCALE_DIR / "fr" / "LC_MESSAGES"


def messages(catalog) -> dict:
    return {tuple(m.id) if isinstance(m.id, list | tuple) else m.id:
            tuple(m.string) if isinstance(m.string, list | tuple) else m.string for m in catalog if m.id}


def test_compiled_catalogue_matches_its_source():
    with open(FOLDER / f"{DOMAIN}.po", "rb") as po, open(FOLDER / f"{DOMAIN}.mo", "rb") as mo:
        source, compiled = messages(read_po(po)), messages(read_mo(mo))
    assert compiled == source
    assert len(source) >= 38
    assert all(s and (all(s) if isinstance(s, tuple) else True) for s in source.values())  # all translated


def test_every_translated_message_is_one_click_uses():
    click_source = "".join(p.read_text(encoding="utf-8") for p in Path(click.__file__).parent.glob("*.py"))
    with open(FOLDER / f"{DOMAIN}.po", "rb") as po:
        ids = [i for key in messages(read_po(po)) for i in (key if isinstance(key, tuple) else (key,))]
    missing = [i for i in ids if repr(i)[1:-1] not in click_source and i not in click_source]
    assert missing == []


def test_french_under_an_english_locale(tmp_path):
    env = dict(os.environ, LANGUAGE="en", LANG="en_US.UTF-8", LC_ALL="en_US.UTF-8")
    done = subprocess.run([sys.executable, "-m", "airf_site.cli", "--root", str(tmp_path), "build", "a", "b"],
                          env=env, capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["Utilisation : airf build [OPTIONS]",
                                        "Essayez « airf build --help » pour l'aide.", "",
                                        "Erreur : Arguments en trop (a b)"]
