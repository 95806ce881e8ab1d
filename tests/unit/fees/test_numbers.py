"""Amounts in explanations are written exactly as Babel (CLDR) writes them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_currency

from eoffice.fees.numbers import money_text, number_text, rate_text


@pytest.mark.parametrize("locale", ["es", "ca", "en"])
@pytest.mark.parametrize("value", ["0", "0.5", "60", "240", "12000", "1234567.89", "44.25"])
def test_money_is_written_as_cldr_says_in_each_language(locale: str, value: str) -> None:
    assert money_text(Decimal(value), locale) == format_currency(Decimal(value), "EUR",
                                                                 locale=locale)


def test_quantities_and_rates_keep_their_own_precision() -> None:
    assert number_text(Decimal("12.50"), "es") == "12,5"
    assert number_text(Decimal("12000"), "en") == "12,000"
    assert rate_text(Decimal("0.125"), "en") == "€0.125"
    assert rate_text(Decimal("0.6"), "ca") == "0,60\u00a0€"
