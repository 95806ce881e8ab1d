"""The city's street map behind the ``city_address`` control: the territory context's
look-ups, remembered for one session (validating and rendering ask about the same
addresses several times in one request)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from eoffice import territory


class StreetMap:
    """:class:`eoffice.forms.city_address.AddressLookup` on the territory database."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._found: dict[str, territory.AddressView | None] = {}
        self._searched: dict[tuple[str, int], Sequence[territory.AddressView]] = {}

    def find(self, code: str) -> territory.AddressView | None:
        if code not in self._found:
            self._found[code] = territory.find_address(self.session, code)
        return self._found[code]

    def search(self, text: str, limit: int) -> Sequence[territory.AddressView]:
        key = (text, limit)
        if key not in self._searched:
            self._searched[key] = territory.suggest_addresses(self.session, text, limit=limit)
        return self._searched[key]
