"""The explanation a citizen reads: one whole sentence per step of the calculation,
from translatable templates with named placeholders, amounts and quantities written
in the reader's language ("2 % of a declared budget of 12.000,00 € = 240,00 €")."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from decimal import Decimal
from functools import lru_cache
from typing import Any

from babel.support import NullTranslations, Translations
from flask import has_app_context
from flask_babel import get_domain

from eoffice.fees.evaluate import Line, Outcome
from eoffice.fees.numbers import money_text, number_text, rate_text
from eoffice.fees.schedule import text_in

NO_TRANSLATION = NullTranslations()
_catalogue: ContextVar[Any] = ContextVar("fees_catalogue", default=None)


def _(message: str, **params: Any) -> str:
    """gettext through the catalogue chosen once per explanation (Flask-Babel's own
    lookup costs more than the whole calculation)."""
    text = str((_catalogue.get() or NO_TRANSLATION).gettext(message))
    return text % params if params else text


def ngettext(singular: str, plural: str, number: int) -> str:
    return str((_catalogue.get() or NO_TRANSLATION).ngettext(singular, plural, number))


def _quantity(factor: Mapping[str, Any], locale: str) -> str:
    value: Decimal = factor["value"]
    unit, number = factor["unit"], number_text(factor["value"], locale)
    if unit == "money":
        return money_text(value, locale)
    if unit == "days":
        return ngettext("%(num)s day", "%(num)s days", int(value)) % {"num": number}
    if unit == "hours":
        return ngettext("%(num)s hour", "%(num)s hours", int(value)) % {"num": number}
    suffix = {"m2": " m²", "m": " m"}.get(unit or "", "")
    return f"{number}{suffix}"


def _row(line: Line, locale: str) -> str:
    row = line.params.get("row")
    return f" ({text_in(row.label, locale)})" if row is not None else ""


def _bracket(line: Line, locale: str) -> str:
    lower, upper = line.params["lower"], line.params["upper"]
    money = line.params["declared"]["unit"] == "money"
    text = money_text if money else number_text
    if upper is None:
        return _("over %(lower)s", lower=text(lower, locale))
    if not lower:
        return _("up to %(upper)s", upper=text(upper, locale))
    return _("from %(lower)s to %(upper)s", lower=text(lower, locale),
             upper=text(upper, locale))


def _sentence(line: Line, locale: str) -> str:  # noqa: PLR0911 - one case per template
    p, amount = line.params, money_text(line.amount, locale)
    label = text_in(p["label"], locale) if "label" in p else ""
    if line.template == "fixed":
        return _("%(label)s%(row)s: fixed fee of %(amount)s", label=label,
                 row=_row(line, locale), amount=amount)
    if line.template == "percentage":
        factor = p["factors"][0]
        return _("%(label)s: %(rate)s %% of a declared %(input)s of %(value)s%(row)s = "
                 "%(amount)s", label=label, rate=number_text(p["rate"], locale),
                 input=text_in(factor["label"], locale), value=_quantity(factor, locale),
                 row=_row(line, locale), amount=amount)
    if line.template == "per_unit":
        factors = " \u00d7 ".join(_quantity(f, locale) for f in p["factors"])
        return _("%(label)s: %(factors)s × %(rate)s%(row)s = %(amount)s",  # noqa: RUF001
                 label=label,
                 factors=factors, rate=rate_text(p["rate"], locale), row=_row(line, locale),
                 amount=amount)
    if line.template == "bracket_amount":
        return _("%(label)s: a declared %(input)s of %(value)s is in the bracket %(bracket)s, "
                 "which pays %(amount)s", label=label, **_declared(line, locale), amount=amount)
    if line.template == "bracket_rate":
        return _("%(label)s: a declared %(input)s of %(value)s is in the bracket %(bracket)s: "
                 "%(rate)s %% = %(amount)s", label=label, **_declared(line, locale),
                 rate=number_text(p["rate"], locale), amount=amount)
    if line.template == "progressive":
        return _("%(label)s: %(rate)s %% of the part of the %(input)s %(bracket)s = %(amount)s",
                 label=label, rate=number_text(p["rate"], locale),
                 input=text_in(p["declared"]["label"], locale),
                 bracket=_bracket(line, locale), amount=amount)
    return _closing(line, locale)


def _declared(line: Line, locale: str) -> dict[str, str]:
    declared = line.params["declared"]
    return {"input": text_in(declared["label"], locale), "value": _quantity(declared, locale),
            "bracket": _bracket(line, locale)}


CLOSINGS: dict[str, Callable[[Line, str], str]] = {
    "reduction": lambda line, locale: _(
        "Reduction for %(reason)s: %(percent)s %% of %(base)s = −%(amount)s",  # noqa: RUF001
        reason=text_in(line.params["reason"], locale),
        percent=number_text(line.params["percent"], locale),
        base=money_text(line.params["base"], locale), amount=money_text(line.amount, locale)),
    "exemption": lambda line, locale: _(
        "Exempt from the fee: %(reason)s.", reason=text_in(line.params["reason"], locale)),
    "minimum": lambda line, locale: _(
        "The minimum fee is %(minimum)s.", minimum=money_text(line.amount, locale)),
    "minimum_applied": lambda line, locale: _(
        "The calculation gives %(computed)s, less than the minimum fee: %(minimum)s.",
        computed=money_text(line.params["computed"], locale),
        minimum=money_text(line.amount, locale)),
    "maximum_applied": lambda line, locale: _(
        "The calculation gives %(computed)s, more than the maximum fee: %(maximum)s.",
        computed=money_text(line.params["computed"], locale),
        maximum=money_text(line.amount, locale)),
    "total": lambda line, locale: _(
        "Fee to pay: %(amount)s.", amount=money_text(line.amount, locale)),
}


def _closing(line: Line, locale: str) -> str:
    return CLOSINGS[line.template](line, locale)


@lru_cache(maxsize=16)
def _catalogue_of(directories: tuple[str, ...], domains: tuple[str, ...],
                  locale: str) -> NullTranslations:
    """The application's message catalogue for ``locale``, read once."""
    found: NullTranslations | None = None
    for directory in directories:
        for domain in domains:
            loaded = Translations.load(directory, [locale], domain)
            if found is None:
                found = loaded
            elif isinstance(found, Translations) and isinstance(loaded, Translations):
                found.merge(loaded)
    return found or NullTranslations()


def catalogue_for(locale: str) -> NullTranslations:
    """The catalogue of the running application in ``locale`` (none outside one)."""
    if not has_app_context():
        return NO_TRANSLATION
    domain = get_domain()
    domains = domain.domain if isinstance(domain.domain, list) else [domain.domain]
    return _catalogue_of(tuple(domain.translation_directories), tuple(domains), locale)


def explain(outcome: Outcome, locale: str) -> list[str]:
    """The sentences of ``outcome`` in ``locale``."""
    token = _catalogue.set(catalogue_for(locale))
    try:
        return [_sentence(line, locale) for line in outcome.lines]
    finally:
        _catalogue.reset(token)
