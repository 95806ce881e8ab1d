"""Amounts and quantities written the way each language writes them (12.000,00 € in
Spanish and Valencian, €12,000.00 in English), fast enough for every quote: the
separators and the currency pattern come from Babel (CLDR) once per language."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel.numbers import format_currency, get_currency_symbol

PROBE = Decimal("1234567.89")


@dataclass(frozen=True)
class NumberStyle:
    """How a language writes numbers: its separators and where the currency goes."""

    decimal: str
    group: str
    prefix: str
    suffix: str

    @property
    def table(self) -> dict[int, str]:
        return _table(self.group, self.decimal)


@lru_cache(maxsize=8)
def _table(group: str, decimal: str) -> dict[int, str]:
    return {ord(","): group, ord("."): decimal}


@lru_cache(maxsize=32)
def style_for(locale: str, currency: str = "EUR") -> NumberStyle:
    """Separators and currency pattern of ``locale``, read from CLDR through Babel."""
    probe = format_currency(PROBE, currency, locale=locale)
    first, last = probe.index("1"), probe.rindex("9")
    digits = probe[first:last + 1]
    symbol = get_currency_symbol(currency, locale=locale)
    prefix, suffix = probe[:first], probe[last + 1:]
    if symbol not in prefix + suffix:  # pragma: no cover - every CLDR pattern has one
        suffix = f" {symbol}"
    return NumberStyle(decimal=digits[-3], group=digits[1], prefix=prefix, suffix=suffix)


def _grouped(value: Decimal, style: NumberStyle, places: int | None) -> str:
    text = f"{value:,.{places}f}" if places is not None else f"{value.normalize():,f}"
    return text.translate(style.table)


@lru_cache(maxsize=4096)
def money_text(value: Decimal, locale: str, currency: str = "EUR") -> str:
    """``value`` as money with two decimals: "12.000,00 €", "€12,000.00"."""
    style = style_for(locale, currency)
    return f"{style.prefix}{_grouped(value, style, 2)}{style.suffix}"


@lru_cache(maxsize=4096)
def number_text(value: Decimal, locale: str) -> str:
    """A quantity or a rate without trailing zeros: "12,5", "0,35", "1.500"."""
    return _grouped(value, style_for(locale), None)


@lru_cache(maxsize=1024)
def rate_text(value: Decimal, locale: str, currency: str = "EUR") -> str:
    """A price per unit with its own precision, at least cents: "0,60 €", "0,125 €"."""
    exponent = value.normalize().as_tuple().exponent
    places = max(2, -exponent if isinstance(exponent, int) else 2)
    style = style_for(locale, currency)
    return f"{style.prefix}{_grouped(value, style, places)}{style.suffix}"
