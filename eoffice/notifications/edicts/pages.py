"""Public pages of the edict board (no sign-in): the edicts on display now in the
visitor's language, filtered by unit, and one edict with its period, the edicts it
corrects or that correct it, the withdrawal notice and the certificate of publication
once issued. Personal data are shown only while the edict is on display."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.notifications.edicts import services
from eoffice.notifications.edicts.api import in_language
from eoffice.shared.db import reader
from eoffice.shared.i18n import current_language

TEMPLATES = str(Path(__file__).resolve().parents[1] / "templates")
bp = Blueprint("edicts", __name__, url_prefix="/edicts", template_folder=TEMPLATES)


def unit_names(db: Session, language: str) -> dict[str, str]:
    """Unit code → name in ``language``."""
    return {unit.code: unit.name
            for unit in identity.list_units(db, codes=None, locale=language)}


@bp.get("", endpoint="board")
def board() -> ResponseReturnValue:
    """The edicts on display now (``?unit=`` to see one unit's)."""
    language = current_language()
    unit = request.args.get("unit", "").strip()[:50] or None
    with reader() as db:
        items = services.list_public_edicts(db, unit=unit)
        names = unit_names(db, language)
    units = sorted({(code, names.get(code, code)) for code in
                    {*(item.unit_code for item in items), *([unit] if unit else [])}},
                   key=lambda pair: pair[1])
    return render_template("edicts/board.html", items=items, unit=unit, units=units,
                           names=names, language=language, text=in_language)


@bp.get("/<number>", endpoint="edict")
def show_edict(number: str) -> ResponseReturnValue:
    """One edict that is or was on display (404 before its display starts)."""
    language = current_language()
    with reader() as db:
        view = services.get_public_edict(db, number)
        names = unit_names(db, language)
    return render_template("edicts/edict.html", edict=view, names=names,
                           language=language, text=in_language)
