"""Rendering a form from its definition: edit mode and read-only mode, in three languages."""

from __future__ import annotations

import json
import re

import pytest
from flask import Flask
from lxml import html as lxml_html
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from eoffice import forms
from tests.integration.forms.helpers import publish_samples

ANSWERS = {"road": True, "m2": "12", "kind": "b", "email": "ana@example.com",
           "vehicles": [{"plate": "1234BCD", "make": "Seat"}],
           "site": {"street": "Carrer de la Pau", "number": "3", "postcode": "46002",
                    "municipality": "València", "province": "València"}}


def wrapper(page: str, path: str) -> lxml_html.HtmlElement:
    found = lxml_html.fromstring(f"<div>{page}</div>").xpath(f"//*[@data-eo-path='{path}']")
    assert found, path
    return found[0]


@pytest.mark.parametrize("locale", ["es", "ca", "en"])
def test_the_edit_mode_shows_labels_in_the_chosen_language(
    app: Flask, db: Session, locale: str
) -> None:
    publish_samples(db)
    with app.test_request_context("/"):
        page = forms.render_form_html(db, "test_form", 1, answers=ANSWERS, locale=locale)
    suffix = "" if locale == "en" else f" ({locale})"
    assert f"Occupies the road{suffix}" in page
    assert 'lang="' + locale + '"' in page
    assert 'name="vehicles.0.plate"' in page and 'value="1234BCD"' in page


def test_fields_carry_their_conditions_for_the_browser_and_hidden_ones_are_hidden(
    app: Flask, db: Session
) -> None:
    publish_samples(db)
    with app.test_request_context("/"):
        page = forms.render_form_html(db, "test_form", 1, answers={"road": False})
    section = wrapper(page, "").xpath("//*[@data-eo-kind='section']")[0]
    assert section.get("hidden") is not None
    assert json.loads(section.get("data-eo-show-if")) == {"==": [{"var": "road"}, True]}
    make = wrapper(page, "vehicles.0.make")
    assert json.loads(make.get("data-eo-show-if")) == {"!!": [{"var": ["vehicles.0.plate"]}]}
    assert "<script>" not in page and "onclick" not in page
    assert 'src="/static/dist/js/forms.js"' in page


def test_errors_show_by_their_fields_and_in_a_summary_that_links_to_them(
    app: Flask, db: Session
) -> None:
    publish_samples(db)
    with app.test_request_context("/"):
        answers = {"road": True, "vehicles": [{"make": "Seat"}]}
        result = forms.validate_answers(db, "test_form", 1, answers, locale="es")
        page = forms.render_form_html(db, "test_form", 1, answers=answers,
                                      errors=result.errors, locale="es")
    assert "govuk-error-summary" in page
    assert 'href="#eo-m2"' in page and 'href="#eo-vehicles-0-plate"' in page
    assert "Este campo es obligatorio." in page
    m2 = wrapper(page, "m2")
    assert m2.xpath(".//*[contains(@class, 'govuk-error-message')]")


def test_a_repeated_block_offers_one_blank_item_to_add_another(app: Flask, db: Session) -> None:
    publish_samples(db)
    with app.test_request_context("/"):
        page = forms.render_form_html(db, "test_form", 1, answers=ANSWERS)
    assert 'name="vehicles.1.plate"' in page and 'name="vehicles.2.plate"' not in page


def test_a_posted_form_gives_back_the_answers_it_showed(app: Flask, db: Session) -> None:
    publish_samples(db)
    with app.test_request_context("/"):
        page = forms.render_form_html(db, "test_form", 1, answers=ANSWERS)
    document = lxml_html.fromstring(f"<form>{page}</form>")
    posted = MultiDict(
        [(field.name, field.value or "") for field in document.xpath("//input|//select")
         if field.name and field.get("type") not in ("radio", "checkbox", "file")]
        + [(field.name, field.value) for field in document.xpath("//input[@checked]")])
    answers = forms.answers_from_form(db, "test_form", 1, posted)
    assert answers == {**ANSWERS, "road": "yes"}
    assert forms.validate_answers(db, "test_form", 1, answers).valid


@pytest.mark.parametrize("locale", ["es", "ca", "en"])
def test_the_read_only_mode_lists_the_answers_without_hidden_fields(
    app: Flask, db: Session, locale: str
) -> None:
    publish_samples(db)
    answers = {**ANSWERS, "road": False}
    with app.test_request_context("/"):
        page = forms.render_answers_html(db, "test_form", 1, answers, locale=locale)
    assert "govuk-summary-list" in page
    assert "Area" not in page and "Twice" not in page
    assert re.search(r"Carrer de la Pau", page)
    assert "1234BCD" in page
    with app.test_request_context("/"):
        shown = forms.render_answers_html(db, "test_form", 1, ANSWERS, locale=locale)
    suffix = "" if locale == "en" else f" ({locale})"
    assert f"Twice{suffix}" in shown and "24" in shown


def test_the_read_only_mode_shows_option_labels_and_numbers_in_local_format(
    app: Flask, db: Session
) -> None:
    publish_samples(db)
    with app.test_request_context("/"):
        page = forms.render_answers_html(db, "test_form", 1, {**ANSWERS, "m2": "12.5"},
                                         locale="es")
    assert "Option B (es)" in page and "12,5 m²" in page
