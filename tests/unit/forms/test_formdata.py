"""Answers from a posted HTML form (the no-JavaScript path)."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from eoffice.forms.formdata import answers_from_formdata
from tests.unit.forms.samples import sample_tree


def test_posted_fields_become_nested_answers_and_blank_items_are_dropped() -> None:
    posted = MultiDict([
        ("road", "yes"), ("m2", "12"), ("kind", ""), ("email", " ana@example.com "),
        ("vehicles.0.plate", "1234BCD"), ("vehicles.0.make", ""),
        ("vehicles.1.plate", ""), ("vehicles.1.make", ""),
        ("site.street", "Pau"), ("csrf_token", "x"), ("document.plans", "x.pdf"),
    ])
    assert answers_from_formdata(sample_tree(), posted) == {
        "road": "yes", "m2": "12", "email": "ana@example.com",
        "vehicles": [{"plate": "1234BCD"}], "site": {"street": "Pau"},
    }


def test_items_posted_beyond_the_most_a_group_takes_are_ignored() -> None:
    posted = MultiDict([(f"vehicles.{n}.plate", f"{n}BCD") for n in range(999)])
    answers = answers_from_formdata(sample_tree(), posted)
    assert answers["vehicles"] == [{"plate": "0BCD"}, {"plate": "1BCD"}, {"plate": "2BCD"}]


def test_a_two_digit_year_is_not_taken_for_the_first_century() -> None:
    from eoffice.forms.answers import validate_tree  # noqa: PLC0415
    from tests.unit.forms.test_answers import one_field_tree  # noqa: PLC0415

    tree = one_field_tree({"type": "date"})
    posted = MultiDict({"x-day": "31", "x-month": "3", "x-year": "26"})
    answers = answers_from_formdata(tree, posted)
    assert answers["x"] != "0026-03-31"
    result = validate_tree(tree, answers, locale="en")
    assert [error.field for error in result.errors] == ["x"]
