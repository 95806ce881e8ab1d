"""Drafts, publication, immutability and pinned blocks, on a real database."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import forms
from eoffice.audit.models import AuditEvent
from eoffice.forms import editing
from eoffice.forms.canonical import canonical_json
from eoffice.forms.errors import DraftExists, InvalidFormDefinition, PublishedIsImmutable
from eoffice.forms.services import versions
from tests.integration.forms.helpers import publish_definition, publish_samples
from tests.unit.forms.samples import T, sample_form, vehicle_block


def test_a_published_form_is_served_and_cannot_be_changed(db: Session) -> None:
    publish_samples(db)
    published = forms.get_published_form(db, "test_form", 1)
    assert published.definition["key"] == "test_form" and len(published.sha256) == 64
    with pytest.raises(PublishedIsImmutable) as raised:
        forms.save_draft(db, "form", "test_form", 1, sample_form(), actor="test")
    assert raised.value.status == 409
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "forms.form_published",
                                               AuditEvent.object_id == "test_form/1"))
    assert event is not None


def test_a_draft_with_problems_is_not_published_and_every_problem_is_listed(
    db: Session,
) -> None:
    publish_definition(db, "block", vehicle_block())
    broken = sample_form()
    broken["pages"][0]["controls"][0]["type"] = "textbox"
    broken["title"].pop("ca")
    draft = versions.start_draft(db, "form", "test_form", actor="test", definition=broken)
    with pytest.raises(InvalidFormDefinition) as raised:
        versions.publish(db, "form", "test_form", draft.version, actor="test")
    assert {e.code for e in raised.value.errors} >= {"forms.unknown_control",
                                                      "forms.missing_translation"}
    assert not forms.form_exists(db, "test_form", 1)


def test_a_new_block_version_leaves_published_forms_and_their_drafts_unchanged(
    db: Session,
) -> None:
    publish_samples(db)
    before = canonical_json(forms.expanded_definition(db, "test_form", 1))
    draft = versions.start_draft(db, "form", "test_form", actor="test")
    changed = vehicle_block(2, extra=[{"type": "text", "key": "colour", "label": T("Colour"),
                                       "required": True}])
    publish_definition(db, "block", changed)

    assert canonical_json(forms.expanded_definition(db, "test_form", 1)) == before
    assert "vehicles.*.colour" not in forms.field_paths(db, "test_form", 1)
    assert forms.validate_answers(db, "test_form", 1, {
        "road": False, "vehicles": [{"plate": "1234BCD"}]}).valid
    assert draft.definition["pages"][0]["controls"][4]["version"] == 1
    repinned = editing.set_properties(draft.definition, "vehicles", {"version": 2})
    versions.save_draft(db, "form", "test_form", 2, repinned, actor="test")
    versions.publish(db, "form", "test_form", 2, actor="test")
    assert "vehicles.*.colour" in forms.field_paths(db, "test_form", 2)
    assert canonical_json(forms.expanded_definition(db, "test_form", 1)) == before


def test_a_key_has_one_draft_which_becomes_the_next_version(db: Session) -> None:
    publish_samples(db)
    draft = versions.start_draft(db, "form", "test_form", actor="test")
    assert (draft.version, draft.status) == (2, "draft")
    assert draft.definition["version"] == 2
    with pytest.raises(DraftExists):
        versions.start_draft(db, "form", "test_form", actor="test")
    versions.discard_draft(db, "form", "test_form", 2)
    assert versions.start_draft(db, "form", "test_form", actor="test").version == 2


def test_the_builder_edits_a_draft_in_place(db: Session) -> None:
    publish_samples(db)
    versions.start_draft(db, "form", "test_form", actor="test")
    row = versions.edit_draft(
        db, "form", "test_form", 2,
        lambda d: editing.add_control(d, "/pages/0", {"type": "text", "key": "note",
                                                      "label": T("Note")}),
        actor="builder")
    assert row.definition["pages"][0]["controls"][-1]["key"] == "note"
    assert row.changed_by == "builder"
    versions.publish(db, "form", "test_form", 2, actor="test")
    assert "note" in forms.field_paths(db, "test_form", 2)


def test_where_used_lists_forms_and_blocks_that_include_a_block(db: Session) -> None:
    publish_samples(db)
    fleet = {"key": "test_fleet", "version": 1, "title": T("Fleet"), "controls": [
        {"type": "block", "key": "main", "block": "test_vehicle", "version": 1}]}
    publish_definition(db, "block", fleet)
    user = sample_form("test_fleet_form")
    user["pages"][0]["controls"][4] = {"type": "block", "key": "fleet", "block": "test_fleet",
                                       "version": 1}
    publish_definition(db, "form", user)
    used = {(u["kind"], u["key"], u["version"], u["direct"])
            for u in versions.where_used(db, "test_vehicle", 1)}
    assert used == {("form", "test_form", 1, True), ("block", "test_fleet", 1, True),
                    ("form", "test_fleet_form", 1, False)}


def test_document_slots_and_field_paths_are_read_from_the_pinned_version(db: Session) -> None:
    publish_samples(db)
    assert forms.document_slots(db, "test_form", 1) == ["plans"]
    assert {"road", "vehicles", "vehicles.*.plate", "site.postcode"} <= forms.field_paths(
        db, "test_form", 1)
    assert forms.form_exists(db, "test_form", 1)
    assert not forms.form_exists(db, "test_form", 9)
