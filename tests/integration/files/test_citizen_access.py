"""One file as a citizen sees it: its parties see it; a representative sees it while she
holds a valid power from a party covering the file's procedure or the file itself; with
no power, a power outside its scope, or a revoked one she is told it does not exist."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from eoffice import files, representation
from eoffice.identity import Principal

ANA = Principal(account_id=0, login="ana", name="Ana García Puig",
                roles=frozenset({"citizen"}), units=(), id_number="12345678Z", id_type="nif")
BERNAT = Principal(account_id=0, login="bernat", name="Bernat Soler Ferrer",
                   roles=frozenset({"citizen"}), units=(), id_number="87654321X",
                   id_type="nif")


def open_for_ana(db: Session) -> str:
    return files.open_file(db, files.NewFile(
        unit_code="URB", subject="Fallen tree", procedure="general-application",
        parties=[{"name": ANA.name, "id_type": "nif", "id_number": "12345678Z",
                  "role": "interested"}]), actor="test").number


def ana_empowers_bernat(db: Session, **scope: object) -> representation.PowerView:
    return representation.grant_power(db, representation.NewPower(
        representative_id_number="87654321X", representative_name=BERNAT.name,
        **scope), principal=ANA)  # type: ignore[arg-type]


def test_a_citizen_cannot_get_another_citizens_file(db: Session) -> None:
    number = open_for_ana(db)
    assert files.citizen_file_for(db, number, ANA).party_id_number == "12345678Z"
    with pytest.raises(files.UnknownFile) as refused:
        files.citizen_file_for(db, number, BERNAT)
    assert refused.value.status == 404 and refused.value.code == "files.unknown_file"
    assert number not in {v.number for v in files.citizen_files_for(db, BERNAT)}


def test_a_representative_sees_the_file_while_her_power_covers_it(db: Session) -> None:
    number = open_for_ana(db)
    power = ana_empowers_bernat(db, scope="procedures", procedures=("general-application",))
    seen = files.citizen_file_for(db, number, BERNAT)
    assert (seen.number, seen.party_id_number, seen.power_number) == (
        number, "12345678Z", power.number)
    listed = {v.number: v for v in files.citizen_files_for(db, BERNAT)}
    assert listed[number].power_number == power.number

    representation.revoke_power(db, power.id, reason="No longer", principal=ANA)
    with pytest.raises(files.UnknownFile):
        files.citizen_file_for(db, number, BERNAT)
    assert number not in {v.number for v in files.citizen_files_for(db, BERNAT)}


def test_a_power_for_another_file_or_procedure_does_not_open_this_one(db: Session) -> None:
    number = open_for_ana(db)
    other = open_for_ana(db)
    ana_empowers_bernat(db, scope="file", file_number=other)
    assert files.citizen_file_for(db, other, BERNAT).power_number is not None
    with pytest.raises(files.UnknownFile):
        files.citizen_file_for(db, number, BERNAT)
    listed = {v.number for v in files.citizen_files_for(db, BERNAT)}
    assert other in listed and number not in listed


def test_a_representative_named_on_the_file_sees_it_only_while_her_power_holds(
        db: Session) -> None:
    power = ana_empowers_bernat(db, scope="all")
    number = files.open_file(db, files.NewFile(
        unit_code="URB", subject="Fallen tree", procedure="general-application", parties=[
            {"name": ANA.name, "id_type": "nif", "id_number": "12345678Z",
             "role": "interested"},
            {"name": BERNAT.name, "id_type": "nif", "id_number": "87654321X",
             "role": "representative"}]), actor="test").number
    assert files.citizen_file_for(db, number, BERNAT).power_number == power.number
    representation.revoke_power(db, power.id, reason="No longer my agent", principal=ANA)
    with pytest.raises(files.UnknownFile):
        files.citizen_file_for(db, number, BERNAT)
    assert number not in {v.number for v in files.citizen_files_for(db, BERNAT)}
    assert files.citizen_file_for(db, number, ANA).party_id_number == "12345678Z"
