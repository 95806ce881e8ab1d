"""The registers of the city's registry offices: created by the demo or an
administrator, looked up by code."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.registry.domain import DEFAULT_FORMAT, RegisterKind, check_number_format
from eoffice.registry.errors import UnknownRegister
from eoffice.registry.models import Register


def ensure_register(session: Session, *, code: str, kind: RegisterKind, office_unit: str,
                    names: Mapping[str, str], prefix: str,
                    number_format: str = DEFAULT_FORMAT) -> Register:
    """Create the register ``code`` unless it exists; an existing one keeps its numbers
    and format (changing how numbers look mid-year would confuse everyone)."""
    found = session.scalar(select(Register).where(Register.code == code))
    if found is not None:
        found.names = dict(names)
        return found
    register = Register(code=code, kind=kind.value, office_unit=office_unit,
                        names=dict(names), prefix=prefix,
                        number_format=check_number_format(number_format), is_open=True)
    session.add(register)
    session.flush()
    return register


def get_register(session: Session, code: str) -> Register:
    found = session.scalar(select(Register).where(Register.code == code))
    if found is None:
        raise UnknownRegister()
    return found


def list_registers(session: Session) -> Sequence[Register]:
    return session.scalars(select(Register).order_by(Register.code)).all()
