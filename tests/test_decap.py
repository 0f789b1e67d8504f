"""Decap CMS configuration: parses, is generated from the models (up to date), declares only
fields that exist, covers every field of every content kind, uses ASCII slugs and the editorial
workflow, and its admin page loads nothing from a third-party host."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from airf_site.authoring import guide
from airf_site.authoring.fielddocs import field_docs
from airf_site.content.models import KINDS

REPO = Path(__file__).resolve().parent.parent
ADMIN = REPO / "content" / "admin"
CONFIG = yaml.safe_load((ADMIN / "config.yml").read_text(encoding="utf-8"))


def test_config_is_generated_from_the_models_and_up_to_date():
    """Same structure as a fresh generation (the select lists of members may lag: serve refreshes them)."""
    fresh = guide.render_decap_config(guide.decap_data(REPO / "content"))
    committed = (ADMIN / "config.yml").read_text(encoding="utf-8")
    assert guide.decap_structure(committed) == guide.decap_structure(fresh), "lancez « python -m airf_site.authoring.guide »"
    assert guide.decap_structure(committed)["collections"]


def _check_fields(fields: list[dict], model, where: str) -> None:
    declared = [f["name"] for f in fields if f["name"] != "body"]
    assert declared == list(model.model_fields), where  # every field, none invented, same order
    docs = {d.name: d for d in field_docs(model)}
    for field in fields:
        if field["name"] == "body":
            continue
        assert field["required"] == docs[field["name"]].required, f"{where}.{field['name']}"
        if field["widget"] == "list" and "fields" in field:
            _check_fields(field["fields"], docs[field["name"]].submodel, f"{where}.{field['name']}")


def test_every_collection_maps_a_content_kind_with_all_its_fields():
    by_folder = {c["folder"]: c for c in CONFIG["collections"]}
    assert set(by_folder) == {f"content/{folder}" for folder in KINDS}
    for folder, model in KINDS.items():
        collection = by_folder[f"content/{folder}"]
        _check_fields(collection["fields"], model, folder)
        assert collection["fields"][-1] == {"label": "Texte", "name": "body", "widget": "markdown", "required": False}
        # file name = date + slug for dated kinds, as `airf new` does
        assert collection["slug"].endswith("{{slug}}")


def test_ascii_slugs_editorial_workflow_and_media():
    assert CONFIG["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    assert CONFIG["publish_mode"] == "editorial_workflow"
    assert CONFIG["media_folder"].startswith("content/images")
    assert not CONFIG["public_folder"].startswith("/")  # image paths are relative to content/


def test_select_options_come_from_the_data_files():
    themes = yaml.safe_load((REPO / "content/donnees/themes.yml").read_text(encoding="utf-8"))
    news = next(c for c in CONFIG["collections"] if c["name"] == "actualites")
    field = next(f for f in news["fields"] if f["name"] == "themes")
    assert field["widget"] == "select" and field["multiple"] is True
    assert {o["value"] for o in field["options"]} <= {t["id"] for t in themes}
    assert len(field["options"]) >= 4  # the four priorities of the strategic framework


def test_admin_page_loads_only_local_scripts():
    page = (ADMIN / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", page)
    assert sources == ["decap-cms.js"]
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
