"""Administration API of the catalogue: procedures, drafts, publication and
taxonomies. Every call needs the ``catalogue.manage`` permission; every change is
audited in the same transaction."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_babel import get_locale
from flask_smorest import Blueprint

from eoffice import identity
from eoffice.catalogue import admin_schemas as schemas
from eoffice.catalogue.domain import ProcedureDefinition
from eoffice.catalogue.services import drafts, history, publication, taxonomies
from eoffice.identity import Permission, Principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import FieldError
from eoffice.shared.paging import page_of
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("catalogue-admin", __name__, url_prefix="/api/v1/admin",
                description="Maintenance of the catalogue (administrators)")


def _admin() -> Principal:
    return identity.require_permission(Permission.MANAGE_CATALOGUE)


@blp.before_request
def _only_administrators() -> None:
    """401/403 before the body is even read: callers without the permission learn nothing."""
    _admin()


def _version(code: str, number: int, warnings: list[FieldError] | None = None) -> dict[str, Any]:
    """The version as answered after a change: what it is, its content, any warnings."""
    with reader() as db:
        info, definition = history.get_version_content(db, code, number)
    return {**vars(info), "code": code, "definition": definition, "warnings": warnings or []}


@blp.route("/procedures")
class AdminProcedures(MethodView):
    @blp.arguments(schemas.ProcedureSearchArgs, location="query")
    @blp.response(200, schemas.ProcedureOverviewPage)
    @problem_responses(blp, 401, 403, 422)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Every procedure, drafts included, with its current and draft versions."""
        _admin()
        with reader() as db:
            found = history.list_procedures(db, locale=str(get_locale() or "es"), query=args["q"])
        return page_of(found, page=args["page"], page_size=args["page_size"])

    @blp.arguments(schemas.ProcedureCreateIn)
    @blp.response(201, schemas.ProcedureVersionOut)
    @problem_responses(blp, 401, 403, 409, 422)
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """Create a procedure (its code is permanent) with its first draft."""
        principal = _admin()
        with unit_of_work() as db:
            drafts.create_procedure(db, data["code"], data["definition"], actor=principal.login)
        return _version(data["code"], 1)


@blp.route("/procedures/<code>/versions")
class AdminVersions(MethodView):
    @blp.arguments(schemas.ProcedureSearchArgs, location="query")
    @blp.response(200, schemas.ProcedureVersionInfoPage)
    @problem_responses(blp, 401, 403, 404, 422)
    def get(self, args: dict[str, Any], code: str) -> dict[str, Any]:
        """The history of versions of a procedure, oldest first."""
        _admin()
        with reader() as db:
            versions = history.list_version_history(db, code)
        return page_of(versions, page=args["page"], page_size=args["page_size"])

    @blp.arguments(schemas.ProcedureDraftIn)
    @blp.response(201, schemas.ProcedureVersionOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, data: dict[str, Any], code: str) -> dict[str, Any]:
        """Start a new draft: the given definition, or a copy of the latest version."""
        principal = _admin()
        definition: ProcedureDefinition | None = data["definition"]
        with unit_of_work() as db:
            number = drafts.start_draft(db, code, actor=principal.login,
                                        definition=definition).number
        return _version(code, number)


@blp.route("/procedures/<code>/versions/<int(max=2147483647):number>")
class AdminVersion(MethodView):
    @blp.response(200, schemas.ProcedureVersionOut)
    @problem_responses(blp, 401, 403, 404)
    def get(self, code: str, number: int) -> dict[str, Any]:
        """One version with its definition."""
        _admin()
        return _version(code, number)

    @blp.arguments(schemas.ProcedureDefinitionIn)
    @blp.response(200, schemas.ProcedureVersionOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def put(self, data: dict[str, Any], code: str, number: int) -> dict[str, Any]:
        """Replace the definition of a draft; a published version answers 409."""
        principal = _admin()
        with unit_of_work() as db:
            drafts.save_draft(db, code, number, data["definition"], actor=principal.login)
        return _version(code, number)


@blp.route("/procedures/<code>/versions/<int(max=2147483647):number>/publish")
class AdminPublish(MethodView):
    @blp.arguments(schemas.PublishIn)
    @blp.response(200, schemas.ProcedureVersionOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, data: dict[str, Any], code: str, number: int) -> dict[str, Any]:
        """Publish a draft now or from a future date, optionally until a date.

        Refused with 422 naming the fields when a date is in the past or the
        definition is incomplete; answers the warnings (e.g. a mandatory
        document without an upload slot in the form)."""
        principal = _admin()
        with unit_of_work() as db:
            outcome = publication.publish_version(
                db, code, number, actor=principal.login,
                published_from=data["published_from"], published_until=data["published_until"],
            )
        return _version(code, number, outcome.warnings)


@blp.route("/procedures/<code>/unpublish")
class AdminUnpublish(MethodView):
    @blp.arguments(schemas.UnpublishIn)
    @blp.response(200, schemas.ProcedureVersionInfoPage)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, data: dict[str, Any], code: str) -> dict[str, Any]:
        """Stop showing the procedure now or at a future date (every published version
        ends then); answers the history of versions."""
        principal = _admin()
        with unit_of_work() as db:
            publication.unpublish(db, code, actor=principal.login,
                                  published_until=data["published_until"])
        with reader() as db:
            versions = history.list_version_history(db, code)
        return page_of(versions, page=1, page_size=len(versions) or 1)


@blp.route("/taxonomies")
class AdminTaxonomies(MethodView):
    @blp.arguments(schemas.TaxonomyKeysArgs, location="query")
    @blp.response(200, schemas.TaxonomiesFileOut)
    @problem_responses(blp, 401, 403, 422)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Export taxonomies as a taxonomy file (all, or those of `key`)."""
        _admin()
        with reader() as db:
            return taxonomies.export_taxonomies(db, args["key"] or None)

    @blp.arguments(schemas.TaxonomiesFileIn)
    @blp.response(200, schemas.TaxonomyImportReportOut)
    @problem_responses(blp, 401, 403, 422)
    def post(self, data: dict[str, Any]) -> Any:
        """Import a taxonomy file: creates and updates terms, never deletes; idempotent."""
        principal = _admin()
        with unit_of_work() as db:
            return taxonomies.import_taxonomies(db, data, actor=principal.login)
