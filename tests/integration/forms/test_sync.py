"""Loading the product's forms from forms/ into the database."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from eoffice import forms
from eoffice.forms.errors import InvalidFormDefinition
from eoffice.forms.services.store import find_version
from tests.unit.forms.samples import PRODUCT_FORMS


def test_the_product_forms_load_once_and_then_nothing_changes(db: Session) -> None:
    first = forms.sync_product_forms(db, PRODUCT_FORMS)
    again = forms.sync_product_forms(db, PRODUCT_FORMS)
    assert again.created == []
    assert sorted(again.unchanged) == sorted(first.created + first.unchanged)
    for key in ("general_application", "minor_works", "terrace_public_road",
                "municipal_roll_certificate", "complaint_suggestion", "cultural_subsidy",
                "removal_road_occupancy", "public_information_access"):
        assert forms.form_exists(db, key, 1)
    row = find_version(db, "form", "minor_works", 1)
    assert row is not None and row.source == "file"


def test_a_changed_file_for_a_stored_version_is_an_error_and_nothing_is_stored(
    db: Session, tmp_path: Path
) -> None:
    folder = tmp_path / "forms"
    shutil.copytree(PRODUCT_FORMS, folder)
    forms.sync_product_forms(db, folder)
    path = folder / "forms" / "general_application" / "v1.json"
    changed = json.loads(path.read_text())
    changed["title"]["en"] = "Another title"
    path.write_text(json.dumps(changed))
    new_block = folder / "blocks" / "brand_new" / "v1.json"
    new_block.parent.mkdir()
    new_block.write_text(json.dumps({"key": "brand_new", "version": 1, "title": {
        "es": "N", "ca": "N", "en": "N"}, "controls": []}))
    with pytest.raises(InvalidFormDefinition) as raised:
        forms.sync_product_forms(db, folder)
    assert [(e.field, e.code) for e in raised.value.errors] == [
        ("forms/general_application/v1.json#", "forms.conflicting_version")]
    assert find_version(db, "block", "brand_new", 1) is None


def test_a_file_whose_name_disagrees_with_its_content_is_an_error(
    db: Session, tmp_path: Path
) -> None:
    folder = tmp_path / "forms"
    (folder / "blocks" / "vehicle").mkdir(parents=True)
    shutil.copy(PRODUCT_FORMS / "blocks" / "vehicle" / "v1.json",
                folder / "blocks" / "vehicle" / "v2.json")
    with pytest.raises(InvalidFormDefinition) as raised:
        forms.sync_product_forms(db, folder)
    assert [e.code for e in raised.value.errors] == ["forms.wrong_identity"]
