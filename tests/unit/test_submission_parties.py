"""Who an application is for: the form's interested party and representative blocks,
or the signed-in applicant; someone presenting for another is recorded as representative."""

from __future__ import annotations

from typing import Any

from eoffice.submissions.parties import PartyFacts, id_type_of, parties_of

ANA = PartyFacts("Ana García Puig", "nif", "12345678Z")
PARTY_CONTROLS = [{"type": "text", "key": "national_id"}]
FORM: dict[str, Any] = {"pages": [{"type": "page", "key": "p", "controls": [
    {"type": "block", "block": "interested_party", "path": "association",
     "controls": PARTY_CONTROLS},
    {"type": "block", "block": "representative", "path": "representative", "controls": [
        {"type": "block", "block": "interested_party", "path": "representative.party",
         "controls": PARTY_CONTROLS}]},
]}]}
ASSOCIATION = {"kind": "legal", "national_id": "G12345674", "legal_name": "Falla Centre"}


def test_a_form_without_party_blocks_is_for_the_signed_in_applicant() -> None:
    assert parties_of({"pages": []}, {"subject": "x"}, signer=ANA) == [ANA]


def test_the_association_is_interested_and_its_representative_recorded() -> None:
    answers = {"association": ASSOCIATION, "representative": {
        "party": {"national_id": "87654321X", "given_name": "Bernat",
                  "family_names": "Soler"}, "power_of_attorney": "REA-2026-1"}}
    association, representative = parties_of(FORM, answers, signer=ANA)
    assert association == PartyFacts("Falla Centre", "cif", "G12345674")
    assert representative.role == "representative" and representative.name == "Bernat Soler"
    assert representative.as_dict()["power_of_attorney"] == "REA-2026-1"


def test_someone_presenting_for_another_is_recorded_as_representative() -> None:
    association, presenter = parties_of(FORM, {"association": ASSOCIATION}, signer=ANA)
    assert association.id_number == "G12345674"
    assert presenter == PartyFacts(ANA.name, "nif", ANA.id_number, "representative")


def test_identity_numbers_are_told_apart_by_their_first_character() -> None:
    assert [id_type_of(n) for n in ("12345678Z", "X1234567L", "B12345674")] == [
        "nif", "nie", "cif"]
