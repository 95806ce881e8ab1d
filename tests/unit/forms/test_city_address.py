"""The city address control without a database: what the citizen types or picks is
resolved against a small street map, and only facts the map gives are stored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest
from lxml import etree
from werkzeug.datastructures import MultiDict

from eoffice import territory
from eoffice.forms.answers import validate_tree
from eoffice.forms.city_address import choices, parse
from eoffice.forms.formdata import answers_from_formdata
from eoffice.forms.summary import display
from eoffice.forms.tree import FormTree
from eoffice.forms.validation import check_definition
from eoffice.forms.views import View
from eoffice.forms.xforms import export_xforms
from tests.unit.forms.samples import T


def address(code: str, name: dict[str, str], number: int, letter: str = "", *,
            category: str | None = "1", active: bool = True) -> territory.AddressView:
    return territory.AddressView(
        code=code, street_code=code.partition("-")[0], street_kind="CL", street_name=name,
        number=number, letter=letter, postcode="46004", district="02",
        street_category=category, active=active)


COLON = {"es": "de Colón", "ca": "de Colón"}
VICENTE = {"es": "de San Vicente Mártir", "ca": "de Sant Vicent Màrtir"}
MAP = [
    address("01530-0012", COLON, 12),
    address("01530-0012-B", COLON, 12, "B"),
    address("03150-0045", VICENTE, 45),
    address("03150-0120", VICENTE, 120, category="2"),
    address("03150-0007", VICENTE, 7, active=False),
]


class FakeStreetMap:
    """Finds codes, and active addresses whose street has every word (and the number)."""

    def __init__(self, addresses: Sequence[territory.AddressView] = MAP) -> None:
        self.addresses = list(addresses)

    def find(self, code: str) -> territory.AddressView | None:
        return next((a for a in self.addresses if a.code == code), None)

    def search(self, text: str, limit: int) -> Sequence[territory.AddressView]:
        words = territory.fold(text).split()
        numbers = [int(w) for w in words if w.isdigit()]
        names = [w for w in words if not w.isdigit()]
        found = [a for a in self.addresses if a.active
                 and all(any(w in territory.fold(n) for n in a.street_name.values())
                         for w in names)
                 and (not numbers or a.number == numbers[0])]
        return found[:limit]


def form_tree(**extra: Any) -> FormTree:
    form = {"key": "site_form", "version": 1, "title": T("Site"), "pages": [
        {"title": T("Page"), "controls": [
            {"type": "city_address", "key": "address", "label": T("Address"),
             "required": True, **extra}]}]}
    tree, problems = check_definition(form, kind="form", lookup=lambda k, v: None)
    assert problems == [] and tree is not None
    return tree


def validated(answer: Any, locale: str = "es") -> tuple[dict[str, str], dict[str, Any]]:
    result = validate_tree(form_tree(), {"address": answer}, locale=locale,
                           addresses=FakeStreetMap())
    return {e.field: e.code for e in result.errors}, result.answers


def test_street_and_number_typed_without_javascript_are_resolved_to_one_address() -> None:
    errors, answers = validated("C/ de Colon, 12", locale="ca")
    assert errors == {}
    assert answers["address"] == {"code": "01530-0012", "label": "CL de Colón, 12",
                                  "postcode": "46004", "district": "02",
                                  "street_category": "1"}


def test_a_number_without_letter_means_that_number_not_its_lettered_neighbour() -> None:
    assert validated("Colón 12")[1]["address"]["code"] == "01530-0012"
    assert validated("calle colon 12 b")[1]["address"]["code"] == "01530-0012-B"
    assert validated("Colón 12B")[1]["address"]["code"] == "01530-0012-B"


def test_the_label_is_stored_in_the_language_of_the_citizen() -> None:
    assert validated({"code": "03150-0045"}, locale="ca")[1]["address"]["label"] == (
        "CL de Sant Vicent Màrtir, 45")
    assert validated({"code": "03150-0045"}, locale="es")[1]["address"]["label"] == (
        "CL de San Vicente Mártir, 45")


def test_several_matches_ask_to_choose_and_the_page_can_list_them() -> None:
    assert validated("Colón")[0] == {"address": "address_ambiguous"}
    assert [a.code for a in choices("Colón", FakeStreetMap())] == [
        "01530-0012", "01530-0012-B"]


def test_a_text_that_matches_nothing_gets_a_clear_message() -> None:
    result = validate_tree(form_tree(), {"address": "Carrer de la Lluna, 3"}, locale="en",
                           addresses=FakeStreetMap())
    assert [(e.field, e.code) for e in result.errors] == [("address", "address_unknown")]
    assert "street map" in result.errors[0].message
    assert "address" not in result.answers


def test_many_matches_ask_for_the_number_instead_of_a_long_list() -> None:
    many = [address(f"09999-{n:04d}", {"es": "Mayor"}, n) for n in range(1, 30)]
    result = validate_tree(form_tree(), {"address": "Calle Mayor"}, locale="en",
                           addresses=FakeStreetMap(many))
    assert [e.code for e in result.errors] == ["address_ambiguous"]
    assert "number" in result.errors[0].message
    assert choices("Calle Mayor", FakeStreetMap(many)) == []


def test_facts_sent_with_a_code_are_ignored_and_recomputed() -> None:
    forged = {"code": "03150-0120", "street_category": "1", "label": "Plaça Major, 1",
              "postcode": "46001", "district": "01"}
    errors, answers = validated(forged)
    assert errors == {}
    assert answers["address"]["street_category"] == "2"
    assert answers["address"]["label"] == "CL de San Vicente Mártir, 120"
    assert answers["address"]["postcode"] == "46004"


def test_an_unknown_code_is_refused() -> None:
    assert validated({"code": "99999-0001"})[0] == {"address": "address_unknown"}


def test_a_retired_address_is_refused_by_code_and_not_found_by_text() -> None:
    assert validated({"code": "03150-0007"})[0] == {"address": "address_retired"}
    assert validated("San Vicente 7")[0] == {"address": "address_unknown"}


def test_a_code_is_kept_while_its_text_still_names_it_and_dropped_when_retyped() -> None:
    kept = {"code": "01530-0012-B", "text": "CL de Colón, 12 B"}
    assert validated(kept)[1]["address"]["code"] == "01530-0012-B"
    picked_from_the_list = {"code": "01530-0012-B", "text": "Colón"}
    assert validated(picked_from_the_list)[1]["address"]["code"] == "01530-0012-B"
    retyped = {"code": "01530-0012-B", "text": "San Vicente 45"}
    assert validated(retyped)[1]["address"]["code"] == "03150-0045"


@pytest.mark.parametrize("answer", [12, ["01530-0012"], {"code": "01530-0012", "x": "y"},
                                    {"code": 12}])
def test_answers_of_the_wrong_shape_are_refused(answer: Any) -> None:
    assert validated(answer)[0] == {"address": "invalid_type"}


def test_an_empty_answer_to_a_required_address_is_required() -> None:
    assert validated("  ")[0] == {"address": "required"}


def test_without_a_street_map_no_address_is_accepted() -> None:
    result = validate_tree(form_tree(), {"address": {"code": "01530-0012"}})
    assert [e.code for e in result.errors] == ["address_unknown"]


def test_parsing_drops_the_kind_of_street_and_reads_number_and_letter() -> None:
    assert parse("Avda. del Port, n.º 100") == parse("av port 100")
    typed = parse("C/ de Colón, 12 B, 3º 2ª")
    assert (typed.words, typed.number, typed.letter) == (("colon",), 12, "b")


def test_the_definition_takes_the_usual_field_properties_only() -> None:
    form = {"key": "f", "version": 1, "title": T("F"), "pages": [{"title": T("P"), "controls": [
        {"type": "city_address", "key": "site", "label": T("Site"), "hint": T("Street"),
         "options": []}]}]}
    _tree, problems = check_definition(form, kind="form", lookup=lambda k, v: None)
    assert [(p.field, p.code) for p in problems] == [
        ("/pages/0/controls/0/options", "forms.unknown_property")]


def test_a_posted_page_gives_the_text_and_the_chosen_code() -> None:
    tree = form_tree()
    assert answers_from_formdata(tree, MultiDict([("address", "Colón 12"),
                                                  ("address.code", "")])) == {
        "address": "Colón 12"}
    assert answers_from_formdata(tree, MultiDict([
        ("address", "Colón"), ("address.code", ""), ("address.choice", "01530-0012-B"),
    ])) == {"address": {"code": "01530-0012-B", "text": "Colón"}}
    assert answers_from_formdata(tree, MultiDict([("address", ""),
                                                  ("address.code", "01530-0012")])) == {
        "address": {"code": "01530-0012"}}


def test_the_xforms_export_binds_the_address_as_a_street_map_code() -> None:
    root = etree.fromstring(export_xforms(form_tree()))
    ns = {"xf": "http://www.w3.org/2002/xforms"}
    bind = root.find(".//xf:model/xf:bind[@nodeset='/data/address']", ns)
    assert bind is not None and bind.get("required") == "true()"
    assert bind.get("{urn:eoffice:forms}lookup") == "city_address"


def test_read_only_shows_the_label_and_postcode() -> None:
    view = View(kind="city_address", id="eo-address", path="address",
                value={"code": "01530-0012", "label": "CL de Colón, 12", "postcode": "46004"})
    assert display(view, "es") == "CL de Colón, 12 (46004)"
    assert display(replace(view, value="Colón 12"), "es") == "Colón 12"
