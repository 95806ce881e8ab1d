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
