"""Registry numbers at the year's turn as a property: entries and exits registered at any
instants around midnight of 31 December on the official clock (23:00 UTC in winter) take
the number of the city's year they were made in, each year's numbers follow each other
without a gap, and the new year's start again at 1. 23:30 UTC on 31 December is already
1 January in Valencia, so it is the new year's number."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import Flask
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import registry
from eoffice.registry import Channel, DeliveredDocument, NewEntry, Party
from eoffice.registry.models import Register, RegistryEntry
from eoffice.shared.clock import frozen_at
from tests.conftest import rolled_back
from tests.properties.strategies import DATABASE_PROPERTY, MADRID, local_midnight, undone

ANA = Party("Ana García Puig", "nif", "12345678Z")
TWO_HOURS = 2 * 3600
#: Seconds around the local midnight of 1 January: both sides, and its very edge.
AROUND_MIDNIGHT = st.one_of(st.integers(-TWO_HOURS, TWO_HOURS - 1),
                            st.sampled_from([-1, 0, -3600, 3600]))


def register(db: Session, moment: datetime, kind: str) -> RegistryEntry:
    """Register an entry in RGE (or an exit in the exit register) at ``moment``."""
    with frozen_at(moment):
        if kind == "entry":
            return registry.register_entry(db, NewEntry(
                register="RGE", channel=Channel.ONLINE, subject="Noise complaint",
                destination_unit="URB", parties=[ANA],
                documents=[DeliveredDocument("application.pdf", "a" * 64, 1200,
                                             "application/pdf")]), actor="ana")
        view = registry.register_exit(db, registry.NewExit(
            sending_unit="URB", subject="Resolution", addressees=[ANA]), actor="clerk")
        return registry.get_entry(db, view.id)


def last_number(db: Session, register_id: int, year: int) -> int:
    return int(db.scalar(select(func.coalesce(func.max(RegistryEntry.sequence), 0)).where(
        RegistryEntry.register_id == register_id, RegistryEntry.year == year)) or 0)


def registers(db: Session) -> dict[str, int]:
    exits = db.scalar(select(Register.id).where(Register.kind == "exit",
                                                Register.is_open.is_(True))
                      .order_by(Register.id).limit(1))
    assert exits is not None
    return {"entry": registry.get_register(db, "RGE").id, "exit": exits}


def check_year_turn(db: Session, new_year: int, offsets: list[int], kinds: list[str]) -> None:
    """Register at ``offsets`` seconds from the local midnight of 1 January ``new_year``."""
    midnight = local_midnight(date(new_year, 1, 1))
    ids = registers(db)
    before = {(kind, year): last_number(db, ids[kind], year)
              for kind in ids for year in (new_year - 1, new_year)}
    assert before[("entry", new_year)] == before[("exit", new_year)] == 0
    taken: dict[tuple[str, int], list[int]] = {key: [] for key in before}
    moments = sorted(midnight + timedelta(seconds=s) for s in offsets)
    for moment, kind in zip(moments, kinds, strict=False):
        entry = register(db, moment, kind)
        year = new_year if moment >= midnight else new_year - 1
        assert entry.year == year == moment.astimezone(MADRID).year
        assert entry.number.endswith(f"/{year}/{entry.sequence:06d}")
        taken[(kind, year)].append(entry.sequence)
    for (kind, year), sequences in taken.items():
        first = before[(kind, year)] + 1  # 1 in the new year
        assert sequences == list(range(first, first + len(sequences)))  # no gap
        assert last_number(db, ids[kind], year) == before[(kind, year)] + len(sequences)


def test_numbers_take_the_citys_year_and_restart_at_1_without_gaps(app: Flask) -> None:
    with app.app_context(), rolled_back(app) as db:
        @DATABASE_PROPERTY
        @given(new_year=st.integers(2030, 2040),
               earlier=st.integers(0, 3),
               offsets=st.lists(AROUND_MIDNIGHT, min_size=1, max_size=8),
               kinds=st.lists(st.sampled_from(["entry", "exit"]), min_size=8, max_size=8))
        def example(new_year: int, earlier: int, offsets: list[int], kinds: list[str]
                    ) -> None:
            with undone(db):
                for n in range(earlier):  # the old year may already have numbers
                    register(db, local_midnight(date(new_year - 1, 12, 1 + n)),
                             ("entry", "exit")[n % 2])
                check_year_turn(db, new_year, offsets, kinds)

        example()
