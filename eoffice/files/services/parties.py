"""The parties of files, indexed by national id (table ``files_party``, filled when a file
opens): the files of a citizen and of the people she represents, and one file as a
citizen may see it — she is a party, or holds a valid power (representation context)
from a party covering the file's procedure and number; anyone else is told it does not
exist. The open terms a citizen may see go with it: the term of resolution and the terms
to answer requirements (deadlines context)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import deadlines
from eoffice.files.errors import UnknownFile
from eoffice.files.models import AdministrativeFile, FileParty
from eoffice.files.services.access import get_file
from eoffice.identity import Principal

REPRESENTATIVE = "representative"  # the role of a party acting for another
#: The terms of a file a citizen is shown (the others are the office's own business).
CITIZEN_TERMS = ("resolution", "requirement")


@dataclass(frozen=True)
class CitizenDeadline:
    """An open term of a file as its parties see it."""

    kind: str  # resolution | requirement
    due_on: date | None
    days_left: int | None
    state: str  # running | suspended


@dataclass(frozen=True)
class CitizenFileView:
    """A file as a party (or her representative) sees it; ``party_id_number`` is the
    party through whom it is seen (hers, or the grantor's), ``power_number`` the power
    used, if any."""

    number: str
    subject: str
    procedure_code: str | None
    phase: str
    state: str
    opened_at: datetime
    closed_at: datetime | None
    party_id_number: str
    responsible_unit: str
    deadlines: tuple[CitizenDeadline, ...] = ()
    power_number: str | None = None


def _upper(number: object) -> str:
    return str(number or "").strip().upper()


def index_rows(parties: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """The index rows of a file's parties: one per id and role, ids upper case; parties
    without an id are not indexed."""
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for party in parties:
        number = _upper(party.get("id_number"))[:30]
        if not number:
            continue
        role = str(party.get("role") or "interested")[:30]
        rows.setdefault((number, role), {
            "id_number": number, "role": role, "id_type": str(party.get("id_type") or "")[:20],
            "name": str(party.get("name") or number)[:300]})
    return list(rows.values())


def index_parties(session: Session, file: AdministrativeFile) -> None:
    """Index the parties of a file just opened (in the opening transaction)."""
    for row in index_rows(file.parties or []):
        session.add(FileParty(file_id=file.id, **row))


def _open_terms(views: Iterable[deadlines.DeadlineView]) -> tuple[CitizenDeadline, ...]:
    return tuple(CitizenDeadline(v.kind, v.due_on, v.days_left, v.state.value)
                 for v in views
                 if v.kind in CITIZEN_TERMS and v.state.value in ("running", "suspended"))


def _view(file: AdministrativeFile, party: str, terms: tuple[CitizenDeadline, ...],
          power: str | None = None) -> CitizenFileView:
    return CitizenFileView(file.number, file.subject, file.procedure_code, file.phase,
                           file.state, file.opened_at, file.closed_at, party,
                           file.responsible_unit, terms, power)


def _parties_index(session: Session, id_numbers: Collection[str]
                   ) -> dict[str, list[str]]:
    """The ids among ``id_numbers`` that are parties of each file in their own name, by
    file id. A representative named on a file is not counted: she sees it only through a
    power that is valid now (revoked or never registered, the file is not hers)."""
    wanted = sorted({_upper(n) for n in id_numbers if _upper(n)})
    found: dict[str, list[str]] = {}
    if not wanted:
        return found
    for file_id, number in session.execute(select(FileParty.file_id, FileParty.id_number)
                                           .where(FileParty.id_number.in_(wanted),
                                                  FileParty.role != REPRESENTATIVE)):
        if number not in found.setdefault(file_id, []):
            found[file_id].append(number)
    return found


def files_of_parties(session: Session, id_numbers: Collection[str]) -> list[CitizenFileView]:
    """The files where any of ``id_numbers`` is a party in her own name, newest first, each
    once (``party_id_number``: the first of the ids given that is a party), with the
    open terms a citizen may see. Read only; the caller decides who may see them."""
    order = {n: i for i, n in enumerate(_upper(n) for n in id_numbers)}
    found = _parties_index(session, id_numbers)
    if not found:
        return []
    rows = session.scalars(select(AdministrativeFile)
                           .where(AdministrativeFile.id.in_(sorted(found)))
                           .order_by(AdministrativeFile.opened_at.desc(),
                                     AdministrativeFile.number.desc())).all()
    terms: dict[str, list[deadlines.DeadlineView]] = {}
    for kind in CITIZEN_TERMS:  # one query per kind for the whole page, not one per file
        for file_id, view in deadlines.latest_of_kind(session, "file", sorted(found),
                                                      kind).items():
            terms.setdefault(file_id, []).append(view)
    return [_view(row, min(found[row.id], key=lambda n: order.get(n, len(order))),
                  _open_terms(terms.get(row.id, ()))) for row in rows]


def parties_of_file(session: Session, number: str) -> list[dict[str, Any]]:
    """The parties recorded on the file numbered ``number`` (UnknownFile if none)."""
    return [dict(party) for party in get_file(session, number).parties or []]


def _power_over(session: Session, file: AdministrativeFile, representative: str,
                grantors: Sequence[str]) -> tuple[str, str] | None:
    """(grantor, power number) of the first valid power ``representative`` holds from one
    of ``grantors`` covering the file, or None."""
    from eoffice import representation  # noqa: PLC0415 (the register is optional here)

    for grantor in grantors:
        try:
            power = representation.check_power(
                session, representative=representative, grantor=grantor,
                procedure=file.procedure_code, file_number=file.number)
        except representation.RepresentationRefused:
            continue
        return grantor, power.number
    return None


def citizen_file_for(session: Session, number: str, principal: Principal) -> CitizenFileView:
    """The file numbered ``number`` if ``principal`` is one of its parties, or holds a
    valid power from one of its interested parties covering it; else UnknownFile (404:
    its existence is not revealed)."""
    own = _upper(principal.id_number)
    file = get_file(session, number)
    if not own:
        raise UnknownFile()
    parties = session.execute(select(FileParty.id_number, FileParty.role)
                              .where(FileParty.file_id == file.id)
                              .order_by(FileParty.id)).all()
    terms = _open_terms(deadlines.list_deadlines(session, "file", file.id))
    if any(party == own and role != REPRESENTATIVE for party, role in parties):
        return _view(file, own, terms)
    grantors = [party for party, role in parties if role != REPRESENTATIVE]
    covered = _power_over(session, file, own, grantors) if grantors else None
    if covered is None:
        raise UnknownFile()
    return _view(file, covered[0], terms, covered[1])


def citizen_files_for(session: Session, principal: Principal) -> list[CitizenFileView]:
    """The files ``principal`` may see as a citizen: hers, then those of the people she
    holds a valid power from that the power covers (scope, procedures, file)."""
    from eoffice import representation  # noqa: PLC0415

    own = _upper(principal.id_number)
    if not own:
        return []
    powers = representation.grantors_of(session, own)
    seen = files_of_parties(session, [own, *(p.grantor_id_number for p in powers)])
    shown: list[CitizenFileView] = []
    for view in seen:
        if view.party_id_number == own:
            shown.append(view)
            continue
        power = next((p for p in powers if _covers(p, view)), None)
        if power is not None:
            shown.append(CitizenFileView(**{**view.__dict__, "power_number": power.number}))
    return shown


def _covers(power: Any, view: CitizenFileView) -> bool:
    """Whether a valid power of the grantor ``view`` is seen through covers that file."""
    if _upper(power.grantor_id_number) != view.party_id_number:
        return False
    if power.scope == "all":
        return True
    if power.scope == "procedures":
        return view.procedure_code in tuple(power.procedures)
    return bool(power.file_number == view.number)
