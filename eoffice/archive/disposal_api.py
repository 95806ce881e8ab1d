"""The disposition API (``/api/v1/archive/disposal-lists``): the destruction lists the
caller reviews (archivists all, heads their units'), one with its files, approving it,
taking a file off it and cancelling it. Anyone else gets 404 for a list, 403 for an
approval she may not give; 409 for a second approval by the same person."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.archive import disposal_schemas as schemas
from eoffice.archive.errors import UnknownDisposalList
from eoffice.archive.models import DisposalList
from eoffice.archive.services import disposal_lists
from eoffice.archive.services.access import is_archivist
from eoffice.archive.services.disposal_approval import approve_list
from eoffice.identity import Principal, require_principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.paging import page_of
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("archive-disposal-api", __name__, url_prefix="/api/v1/archive/disposal-lists",
                description="Destruction lists of the archive and their approval")


def _reviewer() -> Principal:
    principal = require_principal()
    if not (is_archivist(principal) or principal.has_role("head")):
        raise UnknownDisposalList()
    return principal


def list_out(session: Session, listed: DisposalList, *, items: bool) -> dict[str, Any]:
    """The JSON of a list (with its files when ``items``)."""
    code = None
    if listed.certificate_document_id:
        code = documents.get_document(session, listed.certificate_document_id)\
            .verification_code
    out: dict[str, Any] = {
        **{name: getattr(listed, name) for name in (
            "id", "number", "unit_code", "status", "prepared_at", "prepared_by",
            "executed_at", "cancel_reason", "certificate_document_id")},
        "archivist_approval": {"by": listed.archivist_approved_by,
                               "at": listed.archivist_approved_at},
        "head_approval": {"by": listed.head_approved_by, "at": listed.head_approved_at},
        "certificate_verification_code": code}
    if items:
        out["items"] = [{"file_number": r.file_number, "subject": r.subject,
                         "series_code": r.series_code, "retention_until": r.retention_until,
                         "package_sha256": r.package_sha256, "state": i.state,
                         "excluded_reason": i.excluded_reason}
                        for i, r in disposal_lists.list_items(session, listed)]
    return out


def _detail(list_id: int, principal: Principal) -> dict[str, Any]:
    with reader() as db:
        return list_out(db, disposal_lists.get_list_for(db, list_id, principal), items=True)


@blp.route("")
class DisposalLists(MethodView):
    @blp.arguments(schemas.DisposalListArgs, location="query")
    @blp.response(200, schemas.DisposalListPage)
    @problem_responses(blp, 401, 404, 422)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """The lists the caller reviews, newest first (``?status=``)."""
        principal = _reviewer()
        with reader() as db:
            found = disposal_lists.visible_lists(db, principal, status=args["status"])
            items = [list_out(db, listed, items=False) for listed in found]
        return page_of(items, page=args["page"], page_size=args["page_size"])


@blp.route("/<int:list_id>")
class DisposalListDetail(MethodView):
    @blp.response(200, schemas.DisposalListOut)
    @problem_responses(blp, 401, 404)
    def get(self, list_id: int) -> dict[str, Any]:
        """One list with its files and their state."""
        return _detail(list_id, _reviewer())


@blp.route("/<int:list_id>/approve")
class Approval(MethodView):
    @blp.response(200, schemas.ApprovalResultOut)
    @problem_responses(blp, 401, 403, 404, 409)
    def post(self, list_id: int) -> dict[str, Any]:
        """Give the caller's approval, as archivist or as head of the list's unit; 409
        ``archive.same_approver`` when she gave the other one, ``archive.already_approved``
        when hers is given. The second approval hands the list to the worker."""
        principal = _reviewer()
        with unit_of_work() as db:
            role = approve_list(db, list_id, principal=principal)
        return {"given_as": role, "list": _detail(list_id, principal)}


@blp.route("/<int:list_id>/items/<file_number:number>/exclude")
class Exclusion(MethodView):
    @blp.arguments(schemas.DisposalReasonIn)
    @blp.response(200, schemas.DisposalListOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], list_id: int, number: str) -> dict[str, Any]:
        """Take one file off a prepared list with a reason (422
        ``archive.reason_required`` without one); it goes back to the archive."""
        principal = _reviewer()
        with unit_of_work() as db:
            disposal_lists.exclude_item(db, list_id, number, principal=principal,
                                        reason=args["reason"])
        return _detail(list_id, principal)


@blp.route("/<int:list_id>/cancel")
class Cancellation(MethodView):
    @blp.arguments(schemas.DisposalReasonIn)
    @blp.response(200, schemas.DisposalListOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], list_id: int) -> dict[str, Any]:
        """Cancel a prepared list with a reason; its files go back to the archive."""
        principal = _reviewer()
        with unit_of_work() as db:
            disposal_lists.cancel_list(db, list_id, principal=principal,
                                       reason=args["reason"])
        return _detail(list_id, principal)
