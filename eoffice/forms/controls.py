"""The control types of the definition format and the properties each one takes."""

from __future__ import annotations

from dataclasses import dataclass

TEXT_FORMATS = ("cadastral_reference", "vehicle_plate", "postcode")
NATIONAL_IDS = ("nif", "nie", "cif")
ADDRESS_PARTS = ("street", "number", "floor_door", "postcode", "municipality", "province")

_FIELD = ("key", "label", "hint", "show_if", "required", "disable_if", "messages")
_CHOICE = (*_FIELD, "options", "source")


@dataclass(frozen=True)
class ControlSpec:
    """What a control type takes: allowed properties, and which of them are required."""

    allowed: frozenset[str]
    required: frozenset[str]


def _spec(allowed: tuple[str, ...], required: tuple[str, ...] = ("key", "label")) -> ControlSpec:
    return ControlSpec(frozenset({"type", *allowed}), frozenset(required))


SPECS: dict[str, ControlSpec] = {
    "section": _spec(("key", "title", "show_if", "controls"), ("title", "controls")),
    "help": _spec(("key", "text", "show_if"), ("text",)),
    "text": _spec((*_FIELD, "min_length", "max_length", "format")),
    "textarea": _spec((*_FIELD, "min_length", "max_length", "rows")),
    "number": _spec((*_FIELD, "min", "max", "decimals", "suffix")),
    "date": _spec((*_FIELD, "min", "max")),
    "select": _spec(_CHOICE),
    "radio": _spec(_CHOICE),
    "checkboxes": _spec((*_CHOICE, "min_selected", "max_selected")),
    "yes_no": _spec(_FIELD),
    "email": _spec(_FIELD),
    "phone": _spec((*_FIELD, "region")),
    "iban": _spec(_FIELD),
    "national_id": _spec((*_FIELD, "accept")),
    "postal_address": _spec(_FIELD),
    "city_address": _spec(_FIELD),
    "file": _spec(("key", "label", "hint", "show_if", "required", "document"),
                  ("key", "label", "document")),
    "computed": _spec(("key", "label", "hint", "show_if", "expression", "decimals", "suffix"),
                      ("key", "label", "expression")),
    "group": _spec(("key", "label", "hint", "show_if", "disable_if", "controls", "repeat",
                    "item_label"), ("key", "label", "controls")),
    "block": _spec(("key", "label", "hint", "show_if", "disable_if", "block", "version",
                    "repeat", "item_label"), ("key", "block", "version")),
}
PAGE = _spec(("key", "title", "show_if", "controls"), ("title", "controls"))

# Built-in texts of the parts of a postal address (the definition names only the whole).
ADDRESS_LABELS: dict[str, dict[str, str]] = {
    "street": {"es": "Vía (calle, plaza...)", "ca": "Via (carrer, plaça...)",
               "en": "Street"},
    "number": {"es": "Número", "ca": "Número", "en": "Number"},
    "floor_door": {"es": "Piso y puerta", "ca": "Pis i porta", "en": "Floor and door"},
    "postcode": {"es": "Código postal", "ca": "Codi postal", "en": "Postcode"},
    "municipality": {"es": "Municipio", "ca": "Municipi", "en": "Municipality"},
    "province": {"es": "Provincia", "ca": "Província", "en": "Province"},
}
OPTIONAL_ADDRESS_PARTS = frozenset({"floor_door"})
