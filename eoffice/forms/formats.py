"""Cleaning one answer for its control type: parse, check the format, normalise.

``clean_value`` returns the stored form of a value (``None`` when empty) or
raises :class:`Invalid` with a stable code and a message in the current language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from stdnum import iban
from stdnum.es import cif, dni, nie, referenciacatastral
from stdnum.exceptions import ValidationError

from eoffice.forms.tree import Control
from eoffice.shared.i18n import _, ngettext

POSTCODE = re.compile(r"^(0[1-9]|[1-4]\d|5[0-2])\d{3}$")
PLATE = re.compile(r"^(\d{4}[BCDFGHJKLMNPRSTVWXYZ]{3}|[A-Z]{1,2}\d{4}[A-Z]{0,2})$")
# "nif" means a natural person's DNI: stdnum's es.nif also accepts NIE and CIF numbers.
NATIONAL_ID_MODULES = {"nif": dni, "nie": nie, "cif": cif}


class Invalid(ValueError):
    """The value does not fit its control; ``code`` is stable, ``message`` translated."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = message


def _text(control: Control, value: Any) -> str | None:
    if not isinstance(value, str):
        raise Invalid("invalid_type", _("Give a text."))
    value = value.strip()
    if not value:
        return None
    limit = control.props.get("max_length", 200 if control.type == "text" else 4000)
    if len(value) > limit:
        raise Invalid("length", ngettext("Give at most %(num)s character.",
                                         "Give at most %(num)s characters.", limit))
    least = control.props.get("min_length", 0)
    if len(value) < least:
        raise Invalid("length", ngettext("Give at least %(num)s character.",
                                         "Give at least %(num)s characters.", least))
    return _formatted(control.props.get("format"), value)


def _formatted(kind: Any, value: str) -> str:
    compact = re.sub(r"[\s-]", "", value).upper()
    if kind == "postcode" and not POSTCODE.match(compact):
        raise Invalid("postcode", _("Give a Spanish postcode of 5 digits, like 46001."))
    if kind == "vehicle_plate" and not PLATE.match(compact):
        raise Invalid("vehicle_plate", _("Give a number plate, like 1234 BCD."))
    if kind == "cadastral_reference":
        try:
            return str(referenciacatastral.validate(value))
        except ValidationError:
            raise Invalid("cadastral_reference", _(
                "Give a cadastral reference of 20 letters and digits, as on the IBI receipt."
            )) from None
    return compact if kind else value


PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_decimal(value: Any) -> Decimal:
    """A number from a JSON number or a text ("1500.50", "1500,50")."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Invalid("number", _("Give a number, like 12 or 12.50."))
    if isinstance(value, int | float):  # a JSON number: its shortest decimal text
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            raise Invalid("number", _("Give a number, like 12 or 12.50."))
        return number
    text = value.strip().replace(" ", "")
    if "," in text and "." in text:  # "1.500,50" or "1,500.50": the first sign groups
        grouping = "." if text.rfind(".") < text.rfind(",") else ","
        text = text.replace(grouping, "")
    text = text.replace(",", ".")
    if not PLAIN_NUMBER.match(text):  # no exponents, underscores, "nan" or "inf"
        raise Invalid("number", _("Give a number, like 12 or 12.50."))
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise Invalid("number", _("Give a number, like 12 or 12.50.")) from None
    if not number.is_finite() or len(text) > 30:
        raise Invalid("number", _("Give a number, like 12 or 12.50."))
    return number


def _number(control: Control, value: Any) -> str | None:
    if isinstance(value, str) and not value.strip():
        return None
    number = parse_decimal(value)
    places = control.props.get("decimals", 2)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise Invalid("decimals", ngettext("Give at most %(num)s decimal.",
                                           "Give at most %(num)s decimals.", places)
                      if places else _("Give a whole number."))
    low, high = control.props.get("min"), control.props.get("max")
    if low is not None and number < Decimal(str(low)):
        raise Invalid("range", _("Give a value of at least %(min)s.", min=low))
    if high is not None and number > Decimal(str(high)):
        raise Invalid("range", _("Give a value of at most %(max)s.", max=high))
    return format(number, "f")  # plain digits, never "1E+20"


def _date(control: Control, value: Any) -> str | None:
    if isinstance(value, str) and not value.strip():
        return None
    try:
        if not isinstance(value, str) or len(value.strip()) != 10:
            raise ValueError
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise Invalid("date", _("Give a real date, like 31 3 2026.")) from None
    low, high = control.props.get("min"), control.props.get("max")
    if low and day < date.fromisoformat(low):
        raise Invalid("range", _("Give a date on or after %(min)s.", min=low))
    if high and day > date.fromisoformat(high):
        raise Invalid("range", _("Give a date on or before %(max)s.", max=high))
    return day.isoformat()


def _choice(control: Control, value: Any, options: Sequence[str] | None) -> Any:
    if control.type == "checkboxes":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise Invalid("invalid_type", _("Choose from the list."))
        chosen = list(dict.fromkeys(v for v in value if v))
        if options is not None and not set(chosen) <= set(options):
            raise Invalid("choice", _("Choose one of the allowed values."))
        least, most = control.props.get("min_selected"), control.props.get("max_selected")
        if chosen and least is not None and len(chosen) < least:
            raise Invalid("choice", ngettext("Choose at least %(num)s option.",
                                             "Choose at least %(num)s options.", least))
        if most is not None and len(chosen) > most:
            raise Invalid("choice", ngettext("Choose at most %(num)s option.",
                                             "Choose at most %(num)s options.", most))
        return chosen or None
    if not isinstance(value, str):
        raise Invalid("invalid_type", _("Choose from the list."))
    if not value:
        return None
    if options is not None and value not in options:
        raise Invalid("choice", _("Choose one of the allowed values."))
    return value


def _yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    answers = {"yes": True, "true": True, "no": False, "false": False, "": None}
    if isinstance(value, str) and value.strip().lower() in answers:
        return answers[value.strip().lower()]
    raise Invalid("invalid_type", _("Answer yes or no."))


def _email(value: str) -> str:
    try:
        return str(validate_email(value, check_deliverability=False).normalized)
    except EmailNotValidError:
        raise Invalid("email", _("Give a valid e-mail address, like name@example.com.")) from None


def _phone(control: Control, value: str) -> str:
    try:
        number = phonenumbers.parse(value, control.props.get("region", "ES"))
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise Invalid("phone", _("Give a valid phone number, like 963 000 000."))
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _national_id(control: Control, value: str) -> str:
    for kind in control.props.get("accept", list(NATIONAL_ID_MODULES)):
        try:
            return str(NATIONAL_ID_MODULES[kind].validate(value))
        except ValidationError:
            continue
    raise Invalid("national_id", _("Give a valid identity number (NIF, NIE or CIF)."))


def _iban(value: str) -> str:
    try:
        return str(iban.validate(value))
    except ValidationError:
        raise Invalid("iban", _("Give a valid IBAN, like ES91 2100 0418 4502 0005 1332.")) from None


def clean_value(control: Control, value: Any, options: Sequence[str] | None = None) -> Any:
    """The stored form of ``value`` for ``control`` (``None`` when empty), or :class:`Invalid`."""
    kind = control.type
    if value is None:
        return None
    typed: dict[str, Callable[[Control, Any], str | None]] = {
        "text": _text, "textarea": _text, "number": _number, "date": _date}
    if kind in typed:
        return typed[kind](control, value)
    if kind in ("select", "radio", "checkboxes"):
        return _choice(control, value, options)
    if kind == "yes_no":
        return _yes_no(value)
    text = _text(control, value)
    if text is None:
        return None
    special: dict[str, Callable[[str], str]] = {"email": _email, "iban": _iban,
               "phone": lambda v: _phone(control, v),
               "national_id": lambda v: _national_id(control, v)}
    return special[kind](text) if kind in special else text
