"""The edict board's API: the public list of edicts on display and one edict (no
sign-in), and for staff who process files in the publishing unit, publishing,
withdrawing and correcting. Personal data are null once an edict's period ended."""

from __future__ import annotations

import json
from typing import Any

from flask import request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice.notifications.edicts import access, schemas, services
from eoffice.notifications.edicts.services import EdictCorrection, EdictView, NewEdict
from eoffice.shared import idempotency
from eoffice.shared.clock import utcnow
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.i18n import current_language
from eoffice.shared.paging import page_of
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("edicts-api", __name__, url_prefix="/api/v1/edicts",
                description="The electronic edict board (public reading)")
PUBLIC: dict[str, Any] = {"security": [{}]}
PUBLISH_SCOPE = "notifications.publish_edict"


def in_language(texts: dict[str, str], language: str) -> str:
    """The text in ``language`` (Spanish, the city's, when missing)."""
    return texts.get(language) or texts.get("es") or next(iter(texts.values()), "")


def edict_out(view: EdictView, language: str) -> dict[str, Any]:
    """The JSON of an edict, its title and body in ``language``."""
    certificate = None
    if view.certificate_document_id and view.certificate_code:
        certificate = {"document_id": view.certificate_document_id,
                       "verification_code": view.certificate_code,
                       "url": url_for("documents.verify_page", code=view.certificate_code)}
    return {**{name: getattr(view, name) for name in (
        "number", "kind", "state", "titles", "bodies", "personal_data", "unit_code",
        "file_number", "publish_from", "publish_until", "corrects", "corrected_by",
        "withdrawn_at", "withdrawal_reason", "text_sha256")},
        "title": in_language(view.titles, language),
        "body": in_language(view.bodies, language), "certificate": certificate}


def new_edict(args: dict[str, Any]) -> NewEdict:
    return NewEdict(titles=args["titles"], bodies=args["bodies"],
                    personal_data=args["personal_data"], unit_code=args["unit_code"],
                    publish_from=args["publish_from"] or utcnow(),
                    publish_until=args["publish_until"], file_number=args["file_number"],
                    document_id=args["document_id"], kind=args["kind"])


@blp.route("")
class Edicts(MethodView):
    @blp.arguments(schemas.EdictListArgs, location="query")
    @blp.response(200, schemas.EdictPage)
    @problem_responses(blp, 422)
    @blp.doc(**PUBLIC)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Edicts and announcements on display now, newest first (``?unit=``)."""
        language = current_language()
        with reader() as db:
            items = [edict_out(view, language)
                     for view in services.list_public_edicts(db, unit=args["unit"])]
        return page_of(items, page=args["page"], page_size=args["page_size"])

    @blp.arguments(schemas.EdictIn)
    @blp.response(201, schemas.EdictOut)
    @blp.doc(parameters=[{"in": "header", "name": "Idempotency-Key", "required": False,
                          "schema": {"type": "string", "maxLength": 200},
                          "description": "The same key returns the edict published first."}])
    @problem_responses(blp, 400, 401, 403, 422)
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Publish an edict (``files.process`` in ``unit_code``); 422
        ``notifications.edict_invalid`` naming each bad field, nothing published."""
        principal = access.publisher_for(args["unit_code"])
        key = request.headers.get("Idempotency-Key")
        digest = idempotency.request_digest(json.dumps(
            request.get_json(silent=True), sort_keys=True, ensure_ascii=False))
        with unit_of_work() as db:
            if key is not None:
                stored = idempotency.find_result(db, owner=principal.login,
                                                 scope=PUBLISH_SCOPE, key=key,
                                                 request_sha256=digest)
                if stored is not None:  # the edict published the first time, as it is now
                    edict = services.get_edict(db, str(stored.body["number"]))
                    return edict_out(services.view_of(db, edict), current_language())
            view = services.publish_edict(db, new_edict(args), principal.login)
            if key is not None:
                idempotency.store_result(db, owner=principal.login, scope=PUBLISH_SCOPE,
                                         key=key, request_sha256=digest, status=201,
                                         body={"number": view.number})
        return edict_out(view, current_language())


@blp.route("/<number>")
class EdictDetail(MethodView):
    @blp.response(200, schemas.EdictOut)
    @problem_responses(blp, 404)
    @blp.doc(**PUBLIC)
    def get(self, number: str) -> dict[str, Any]:
        """One edict that is or was on display (404 before its display starts)."""
        with reader() as db:
            return edict_out(services.get_public_edict(db, number), current_language())


def _edict_for_staff(db: Any, number: str) -> None:
    access.publisher_for(services.get_edict(db, number).unit_code)


@blp.route("/<number>/withdrawal")
class Withdrawal(MethodView):
    @blp.arguments(schemas.WithdrawalIn)
    @blp.response(200, schemas.EdictOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], number: str) -> dict[str, Any]:
        """Withdraw an edict scheduled or on display, giving the reason."""
        principal = access.staff_publisher()
        with unit_of_work() as db:
            _edict_for_staff(db, number)
            view = services.withdraw_edict(db, number, reason=args["reason"],
                                           actor=principal.login)
            return edict_out(view, current_language())


@blp.route("/<number>/correction")
class Correction(MethodView):
    @blp.arguments(schemas.CorrectionIn)
    @blp.response(201, schemas.EdictOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], number: str) -> dict[str, Any]:
        """Publish the correction of an edict: a new edict chained to it."""
        principal = access.staff_publisher()
        with unit_of_work() as db:
            _edict_for_staff(db, number)
            view = services.correct_edict(db, number, EdictCorrection(
                titles=args["titles"], bodies=args["bodies"],
                personal_data=args["personal_data"], publish_from=args["publish_from"],
                publish_until=args["publish_until"]), actor=principal.login)
            return edict_out(view, current_language())
