"""The citizen's notifications API: my notifications and communications (and those of
the parties I represent under a valid power), one of them, and accessing or rejecting
it. Another person's notification is unknown (404); acting on one that has ended is
refused with 409 and changes nothing."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice import identity
from eoffice.identity import Permission, Principal
from eoffice.notifications import schemas
from eoffice.notifications.services import life_cycle, listing
from eoffice.notifications.services.views import NotificationView, events_of
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.paging import page_of
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("notifications-api", __name__, url_prefix="/api/v1/notifications",
                description="Electronic notifications and communications (citizens)")


def _citizen() -> Principal:
    return identity.require_permission(Permission.ACT_AS_CITIZEN)


def _link(document_id: str | None) -> dict[str, str] | None:
    if document_id is None:
        return None
    return {"id": document_id, "content_url": url_for(
        "documents-api.DocumentContent", document_id=document_id)}


def notification_out(view: NotificationView, principal: Principal) -> dict[str, Any]:
    """What the API shows of a notification: the content's link only once opened."""
    opened = view.state in listing.OPENED
    return {**{name: getattr(view, name) for name in (
        "id", "kind", "channel", "file_number", "subject", "sending_unit",
        "addressee_name", "addressee_id_number", "exit_number", "available_at",
        "expires_at", "days_left", "accessed_at", "accessed_by", "rejected_at",
        "expired_at")},
        "status": view.state,
        "for_party": view.addressee_id_number != (principal.id_number or "").upper(),
        "document": _link(view.document_id) if opened else None,
        "evidence": _link(view.evidence_document_id)}


def _detail(db: Any, view: NotificationView, principal: Principal) -> dict[str, Any]:
    return {**notification_out(view, principal),
            "events": [e.__dict__ for e in events_of(db, view.id)
                       if e.kind not in {"alert_queued", "alert_not_sent"}]}


@blp.route("")
class Notifications(MethodView):
    @blp.arguments(schemas.NotificationListArgs, location="query")
    @blp.response(200, schemas.NotificationPage)
    @problem_responses(blp, 401, 403, 422)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """My notifications and communications, and those of parties I represent."""
        principal = _citizen()
        with reader() as db:
            views = listing.notifications_for(db, principal)
        if args["kind"]:
            views = [v for v in views if v.kind == args["kind"]]
        found = page_of(views, page=args["page"], page_size=args["page_size"])
        found["items"] = [notification_out(v, principal) for v in found["items"]]
        return found


@blp.route("/<notification_id>")
class NotificationDetail(MethodView):
    @blp.response(200, schemas.NotificationDetailOut)
    @problem_responses(blp, 401, 403, 404)
    def get(self, notification_id: str) -> dict[str, Any]:
        """One notification (sender, subject, file, days left, its events); the content
        only once accessed."""
        principal = _citizen()
        with reader() as db:
            view = life_cycle.get_notification_for(db, notification_id, principal)
            return _detail(db, view, principal)


@blp.route("/<notification_id>/access")
class Access(MethodView):
    @blp.response(200, schemas.NotificationDetailOut)
    @problem_responses(blp, 401, 403, 404, 409)
    def post(self, notification_id: str) -> dict[str, Any]:
        """Access the notification (it is then practised): the answer links the notified
        document. A communication is marked read."""
        principal = _citizen()
        with unit_of_work() as db:
            view = life_cycle.access_notification(db, notification_id, principal)
            return _detail(db, view, principal)


def _reject(notification_id: str) -> dict[str, Any]:
    principal = _citizen()
    with unit_of_work() as db:
        view = life_cycle.reject_notification(db, notification_id, principal)
        return _detail(db, view, principal)


@blp.route("/<notification_id>/reject")
class Reject(MethodView):
    @blp.response(200, schemas.NotificationDetailOut)
    @problem_responses(blp, 401, 403, 404, 409)
    def post(self, notification_id: str) -> dict[str, Any]:
        """Reject the notification explicitly (the procedure goes on as notified)."""
        return _reject(notification_id)


@blp.route("/<notification_id>/rejection")
class Rejection(MethodView):
    @blp.response(200, schemas.NotificationDetailOut)
    @problem_responses(blp, 401, 403, 404, 409)
    def post(self, notification_id: str) -> dict[str, Any]:
        """The same as ``/reject``."""
        return _reject(notification_id)
