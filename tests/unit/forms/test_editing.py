"""Builder changes to a draft: add, move and remove controls, set properties."""

from __future__ import annotations

import pytest

from eoffice.forms.editing import add_control, move_control, remove_control, set_properties
from eoffice.forms.errors import BadEdit
from tests.unit.forms.samples import T, sample_form


def keys(definition: dict, pointer: str = "/pages/0") -> list[str | None]:  # type: ignore[type-arg]
    page = definition["pages"][0] if pointer == "/pages/0" else definition
    return [c.get("key") for c in page["controls"]]


def test_a_control_is_added_at_a_position_without_changing_the_original() -> None:
    form = sample_form()
    changed = add_control(form, "/pages/0", {"type": "text", "key": "new", "label": T("New")},
                          position=1)
    assert keys(changed)[:3] == ["road", "new", None]
    assert "new" not in keys(form)


def test_a_control_is_found_by_its_field_path() -> None:
    changed = remove_control(sample_form(), "email")
    assert "email" not in keys(changed)
    changed = set_properties(sample_form(), "m2", {"max": 50, "suffix": None})
    section = changed["pages"][0]["controls"][1]
    assert section["controls"][0]["max"] == 50 and "suffix" not in section["controls"][0]


def test_a_control_moves_into_a_section_and_back() -> None:
    moved = move_control(sample_form(), "kind", "/pages/0/controls/1", position=0)
    assert [c["key"] for c in moved["pages"][0]["controls"][1]["controls"]] == [
        "kind", "m2", "double"]
    back = move_control(moved, "/pages/0/controls/1/controls/0", "/pages/0", position=0)
    assert keys(back)[0] == "kind"


@pytest.mark.parametrize(("place", "parent"), [("/pages/0/controls/1", "/pages/0/controls/1"),
                                               ("nowhere", "/pages/0"),
                                               ("road", "/pages/0/controls/9")])
def test_impossible_moves_are_refused(place: str, parent: str) -> None:
    with pytest.raises(BadEdit):
        move_control(sample_form(), place, parent)


def test_controls_are_added_only_to_pages_sections_and_groups() -> None:
    with pytest.raises(BadEdit):
        add_control(sample_form(), "road", {"type": "text"})


def test_a_page_cannot_be_moved_into_the_title_and_pages_cannot_be_overwritten() -> None:
    form = sample_form()
    with pytest.raises(BadEdit):
        move_control(form, "/pages/0", "/title")
    with pytest.raises(BadEdit):
        set_properties(form, "", {"pages": 5})
