"""Public API of the catalogue: procedures, taxonomies and the open-data exports.
No authentication; only the versions visible now are shown."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, url_for
from flask.views import MethodView
from flask_babel import get_locale
from flask_smorest import Blueprint

from eoffice.catalogue import open_data, schemas
from eoffice.catalogue.domain import localise
from eoffice.catalogue.services import browse, taxonomies
from eoffice.shared.clock import utcnow
from eoffice.shared.db import reader
from eoffice.shared.downloads import content_disposition
from eoffice.shared.paging import PageArgs, page_of
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("catalogue-api", __name__, url_prefix="/api/v1",
                description="The catalogue of procedures (public)")
PUBLIC: dict[str, Any] = {"security": [{}]}
JSON_LD = "application/ld+json"


def _locale() -> str:
    return str(get_locale() or "es")


@blp.route("/procedures")
class Procedures(MethodView):
    @blp.arguments(schemas.ProcedureListArgs, location="query")
    @blp.response(200, schemas.ProcedureSummaryPage)
    @problem_responses(blp, 422)
    @blp.doc(**PUBLIC)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Procedures visible now, by title; `q` finds words, `taxonomy` filters by term."""
        with reader() as db:
            found = browse.search_procedures(
                db, locale=_locale(), query=args["q"], taxonomy=args["taxonomy"]
            )
        return page_of(found, page=args["page"], page_size=args["page_size"])


@blp.route("/procedures/<code>")
class ProcedureDetail(MethodView):
    @blp.response(200, schemas.ProcedureDetailOut)
    @problem_responses(blp, 404)
    @blp.doc(**PUBLIC)
    def get(self, code: str) -> Any:
        """A procedure as published now: description, term, silence, cases and documents."""
        with reader() as db:
            return browse.get_procedure_detail(db, code, locale=_locale())


@blp.route("/taxonomies")
class Taxonomies(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, schemas.TaxonomyPage)
    @problem_responses(blp, 422)
    @blp.doc(**PUBLIC)
    def get(self, args: dict[str, int]) -> dict[str, Any]:
        """Taxonomies that classify procedures (themes, audiences, life events)."""
        with reader() as db:
            items = [{"key": t.key, "name": localise(t.names, _locale())}
                     for t in taxonomies.list_taxonomies(db)]
        return page_of(items, **args)


@blp.route("/taxonomies/<key>/terms")
class TaxonomyTerms(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, schemas.TaxonomyTermPage)
    @problem_responses(blp, 404, 422)
    @blp.doc(**PUBLIC)
    def get(self, args: dict[str, int], key: str) -> dict[str, Any]:
        """Terms of a taxonomy, in order."""
        with reader() as db:
            items = [{"code": t.code, "name": localise(t.names, _locale())}
                     for t in taxonomies.list_terms(db, key)]
        return page_of(items, **args)


@blp.route("/open-data/catalogue")
class OpenDataCatalog(MethodView):
    @blp.response(200, schemas.DcatCatalogOut, content_type=JSON_LD)
    @blp.doc(**PUBLIC)
    def get(self) -> Response:
        """DCAT-AP metadata (JSON-LD) of the open-data catalogue and its distributions."""
        with reader() as db:
            modified = open_data.last_modified(db, utcnow())
        document = open_data.dcat_catalog(
            city=current_app.config["EOFFICE_SETTINGS"].city_name,
            catalog_url=url_for(".OpenDataCatalog", _external=True),
            json_url=url_for(".OpenDataJson", _external=True),
            csv_url=url_for(".OpenDataCsv", _external=True), modified=modified,
        )
        response = jsonify(schemas.DcatCatalogOut().dump(document))
        response.mimetype = JSON_LD  # flask-smorest would answer application/json
        return response


@blp.route("/open-data/procedures.json")
class OpenDataJson(MethodView):
    @blp.response(200, schemas.OpenDataCatalogueOut)
    @blp.doc(**PUBLIC)
    def get(self) -> dict[str, Any]:
        """Every procedure visible now, with all its texts in es, ca and en."""
        with reader() as db:
            return open_data.catalogue_document(db, utcnow())


CSV_DOC = {"responses": {"200": {
    "description": "One row per case of every visible procedure (UTF-8, RFC 4180).",
    "content": {"text/csv": {"schema": {"type": "string"}}},
}}}


@blp.route("/open-data/procedures.csv")
class OpenDataCsv(MethodView):
    @blp.doc(**PUBLIC, **CSV_DOC)
    def get(self) -> Response:
        """The visible catalogue as CSV; cells never start a spreadsheet formula."""
        with reader() as db:
            body = open_data.catalogue_csv(db, utcnow())
        return Response(body, mimetype="text/csv", headers={
            "Content-Disposition": content_disposition("procedures.csv")})
