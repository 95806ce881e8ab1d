"""Who an application is for and who presents it: the interested parties and the
representative, read from the form's ``interested_party`` and ``representative`` blocks,
or the signed-in applicant when the form has none. Pure: works on the expanded form
definition (``forms.expanded_definition``) and the answers.

The power of attorney reference is recorded as given; the register of powers is checked
at submission (:mod:`eoffice.submissions.services.on_behalf`), which adds the power's
number (``power``) or marks it for the clerk to check (``power_check``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

PARTY_BLOCK = "interested_party"
REPRESENTATIVE_BLOCK = "representative"


@dataclass(frozen=True)
class PartyFacts:
    name: str
    id_type: str
    id_number: str
    role: str = "interested"
    power_of_attorney: str | None = None
    #: A representative named in the form's representative block (not merely presenting).
    named: bool = field(default=False, compare=False)
    #: The number of the registered power she acts under, once checked.
    power: str | None = None
    #: "pending" when no registered power was found and the clerk must check it.
    power_check: str | None = None

    def as_dict(self) -> dict[str, str]:
        facts = {"name": self.name, "id_type": self.id_type, "id_number": self.id_number,
                 "role": self.role}
        for key in ("power_of_attorney", "power", "power_check"):
            if getattr(self, key):
                facts[key] = getattr(self, key)
        return facts


def _blocks(controls: list[dict[str, Any]], *, inside: str | None = None
            ) -> Iterator[tuple[dict[str, Any], str | None]]:
    for control in controls:
        if control.get("type") == "block":
            yield control, inside
            yield from _blocks(control.get("controls", []),
                               inside=inside or (control.get("block")
                                                 if control.get("block") == REPRESENTATIVE_BLOCK
                                                 else None))
        else:
            yield from _blocks(control.get("controls", []), inside=inside)


def _at(answers: Mapping[str, Any], path: str) -> Any:
    value: Any = answers
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def id_type_of(number: str) -> str:
    """NIE (X/Y/Z first), CIF (another letter first) or NIF (digits first)."""
    first = number[:1].upper()
    if first in "XYZ":
        return "nie"
    return "cif" if first.isalpha() else "nif"


def _party(answers: Any, *, role: str, power: str | None = None,
           named: bool = False) -> PartyFacts | None:
    if not isinstance(answers, Mapping) or not answers.get("national_id"):
        return None
    number = str(answers["national_id"]).upper()
    name = answers.get("legal_name") or " ".join(
        str(part) for part in (answers.get("given_name"), answers.get("family_names")) if part)
    return PartyFacts(str(name or number), id_type_of(number), number, role, power, named)


def parties_of(definition: Mapping[str, Any], answers: Mapping[str, Any], *,
               signer: PartyFacts) -> list[PartyFacts]:
    """Interested parties then the representative, if any (``signer`` fills the gaps)."""
    interested: list[PartyFacts] = []
    representative: PartyFacts | None = None
    for control, inside in _blocks(list(definition.get("pages", []))):
        path = str(control.get("path", ""))
        if control.get("block") == PARTY_BLOCK and inside is None:
            found = _party(_at(answers, path), role="interested")
            interested += [found] if found else []
        elif control.get("block") == REPRESENTATIVE_BLOCK:
            given = _at(answers, path)
            power = given.get("power_of_attorney") if isinstance(given, Mapping) else None
            representative = _party(_at(answers, f"{path}.party"), role="representative",
                                    power=power, named=True) or representative
    if not interested:
        return [signer] if representative is None else [signer, representative]
    if representative is None and signer.id_number not in {p.id_number for p in interested}:
        representative = PartyFacts(signer.name, signer.id_type, signer.id_number,
                                    "representative")
    return interested + ([representative] if representative else [])
