"""`.ci/step`: each step of `make all` / `make test` is one French line; details go to the journal."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

STEP = Path(__file__).resolve().parent.parent / ".ci" / "step"


def run(tmp_path, *args, ci=False):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    return subprocess.run(["bash", str(STEP), *args], capture_output=True, text=True, env=env, cwd=tmp_path)


def test_success_is_one_line_and_details_go_to_the_journal(tmp_path):
    journal = tmp_path / "build" / "journal.log"
    result = run(tmp_path, str(journal), "Préparation", "sh", "-c", "echo détail-technique; echo bruit >&2")
    assert result.returncode == 0
    assert result.stdout.startswith("Préparation… fait (") and result.stdout.count("\n") == 1
    assert "détail-technique" not in result.stdout
    assert "détail-technique" in journal.read_text() and "bruit" in journal.read_text()


def test_failure_shows_the_messages_and_keeps_the_exit_code(tmp_path):
    journal = tmp_path / "journal.log"
    script = "echo 'content/a.md:3: erreur : date invalide' >&2; exit 3"
    result = run(tmp_path, str(journal), "Vérification du contenu", "sh", "-c", script)
    assert result.returncode == 3
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Vérification du contenu… échec")
    assert "    content/a.md:3: erreur : date invalide" in lines
    assert "L'étape « Vérification du contenu » a échoué" in result.stdout


def test_demo_warnings_are_labelled_as_expected(tmp_path):
    script = ("echo 'x.csv:30: avertissement : participant sans nom' >&2; "
              "echo 'x.csv:31: avertissement : pays inconnu' >&2; echo '2 avertissements dans 1 fichier.' >&2")
    result = run(tmp_path, "--demo", str(tmp_path / "j.log"), "Kit", "sh", "-c", script)
    assert result.returncode == 0
    assert "2 avertissements attendus" in result.stdout and "démonstration" in result.stdout
    plain = run(tmp_path, str(tmp_path / "j.log"), "Kit", "sh", "-c", script)
    assert "avertissements :" in plain.stdout and "participant sans nom" in plain.stdout


def test_show_and_ci_print_the_output(tmp_path):
    shown = run(tmp_path, "--show", str(tmp_path / "j.log"), "Construction", "echo", "Construit en 1 s")
    assert "    Construit en 1 s" in shown.stdout
    hidden = run(tmp_path, str(tmp_path / "j.log"), "Construction", "echo", "Construit en 1 s")
    assert "Construit en 1 s" not in hidden.stdout
    ci = run(tmp_path, str(tmp_path / "j.log"), "Tests", "echo", "12 passed in 3.0s", ci=True)
    assert ci.stdout.splitlines()[-1] == "12 passed in 3.0s"
