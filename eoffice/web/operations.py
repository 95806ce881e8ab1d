"""The operators' page of background work (``/admin/background-work``): side effects that
failed for good or keep failing (a hand-off to processing, a receipt, an e-mail), with
their last error, and a button to deliver one again now. The same as ``eoffice outbox
stuck`` / ``eoffice outbox retry`` on the command line."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from eoffice import audit, identity
from eoffice.identity import Permission
from eoffice.shared import outbox
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.i18n import _

bp = Blueprint("operations", __name__, url_prefix="/admin/background-work")


@bp.get("")
def stuck_work() -> str:
    identity.require_permission(Permission.MANAGE_IDENTITY)
    with reader() as db:
        messages = list(outbox.list_stuck(db))
    return render_template("admin/background_work.html", messages=messages)


@bp.post("/<int:message_id>/retry")
def retry(message_id: int) -> Response:
    principal = identity.require_permission(Permission.MANAGE_IDENTITY)
    with unit_of_work() as db:
        if not outbox.retry(db, message_id):
            abort(404)
        audit.record_event(db, "outbox.retried", actor=principal.login,
                           object_type="outbox_message", object_id=str(message_id))
    flash(_("The work will be done again in the next few seconds."))
    return redirect(url_for(".stuck_work"), code=303)
