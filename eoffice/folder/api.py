"""The citizen folder's API, for programs acting with the citizen's API token: the ZIP
export of all her data, and her consents (read, give, withdraw)."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice.folder import consents, schemas
from eoffice.folder.routes import citizen, export_response
from eoffice.folder.sources import person_of
from eoffice.identity import Principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import NotFound
from eoffice.shared.i18n import current_language
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("folder-api", __name__, url_prefix="/api/v1",
                description="The citizen folder: export of all her data, her consents")


@blp.route("/folder/export")
class FolderExport(MethodView):
    @blp.response(200, content_type="application/zip",
                  description="A ZIP with index.json and the documents' content")
    @problem_responses(blp, 401, 403, 404)
    def get(self) -> Response:
        """Everything the administration holds about the signed-in citizen, as a ZIP."""
        return export_response(citizen())


def _person_id(principal: Principal) -> int:
    with reader() as db:
        person = person_of(db, principal)
    if person is None:
        raise NotFound()
    return person.person_id


def _consents(person_id: int) -> dict[str, Any]:
    locale = current_language()
    with reader() as db:
        states = consents.consents_of(db, person_id)
        history = consents.consent_history(db, person_id)
    return {"in_force": [{"purpose": s.purpose.key, "title": s.purpose.title_in(locale),
                          "text": s.purpose.text_in(locale),
                          "current_text_version": s.purpose.version, "given": s.given,
                          "since": s.since, "text_version": s.text_version}
                         for s in states],
            "history": history}


@blp.route("/folder/consents")
class FolderConsents(MethodView):
    @blp.response(200, schemas.ConsentsOut)
    @problem_responses(blp, 401, 403, 404)
    def get(self) -> dict[str, Any]:
        """The purposes relying on consent, her consent in force, and every change."""
        return _consents(_person_id(citizen()))


@blp.route("/folder/consents/<purpose>")
class FolderConsent(MethodView):
    @blp.arguments(schemas.ConsentIn)
    @blp.response(200, schemas.ConsentChangeOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def put(self, args: dict[str, Any], purpose: str) -> consents.ConsentChangeView:
        """Give (``given: true``) or withdraw consent to a purpose; 409
        ``folder.consent_unchanged`` when it is already so."""
        principal = citizen()
        person_id = _person_id(principal)
        with unit_of_work() as db:
            return consents.change_consent(db, person_id, purpose, given=args["given"],
                                           channel="api", actor=principal.login)
