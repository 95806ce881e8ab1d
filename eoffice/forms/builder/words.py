"""Plain words the builder shows for control types and for the properties of a
definition, so that nobody needs to read JSON to build a form."""

from __future__ import annotations

from eoffice.settings import LOCALES
from eoffice.shared.i18n import _

# The order of the "type" select: the common ones first.
TYPE_ORDER = (
    "text", "textarea", "yes_no", "radio", "checkboxes", "select", "number", "date",
    "email", "phone", "national_id", "iban", "postal_address", "city_address", "file",
    "help", "section",
    "group", "computed",
)


def type_names() -> dict[str, str]:
    """Each control type (and ``page``, ``block``) in plain words."""
    return {
        "page": _("Page"),
        "text": _("Short text"),
        "textarea": _("Long text (several lines)"),
        "yes_no": _("Yes or no"),
        "radio": _("One choice from a list (radio buttons)"),
        "checkboxes": _("Several choices from a list (checkboxes)"),
        "select": _("One choice from a drop-down list"),
        "number": _("Number"),
        "date": _("Date"),
        "email": _("E-mail address"),
        "phone": _("Phone number"),
        "national_id": _("ID number (DNI, NIE or CIF)"),
        "iban": _("Bank account (IBAN)"),
        "postal_address": _("Postal address"),
        "city_address": _("Address in the city (from the street map)"),
        "file": _("Document to attach"),
        "help": _("Help text (no answer)"),
        "section": _("Section (a heading over some questions)"),
        "group": _("Group of questions (may repeat)"),
        "computed": _("Calculated value"),
        "block": _("Block"),
    }


def property_names() -> dict[str, str]:
    """Names of the properties that appear in the places of problems."""
    return {
        "key": _("key"), "version": _("version"), "title": _("title"),
        "description": _("description"), "label": _("question"), "hint": _("hint"),
        "text": _("text"), "item_label": _("name of each item"),
        "required": _("when it must be answered"), "show_if": _("when it is shown"),
        "disable_if": _("when it is disabled"), "options": _("options"),
        "value": _("value"), "source": _("source of options"), "min": _("minimum"),
        "max": _("maximum"), "min_length": _("minimum length"),
        "max_length": _("maximum length"), "min_selected": _("fewest choices"),
        "max_selected": _("most choices"), "decimals": _("decimals"), "suffix": _("unit"),
        "document": _("document code"), "expression": _("calculation"),
        "repeat": _("repetition"), "block": _("block"), "messages": _("messages"),
        "format": _("format"), "type": _("type"), "rows": _("lines"),
        "accept": _("accepted kinds of ID"), "region": _("region"),
    }


def language_name(code: str) -> str:
    return LOCALES.get(code, code)
