"""Public API of the street map: address suggestions and lookups for forms (the address
control stores the code), streets by name or code, and the open data downloads of streets
and addresses (CSV and JSON under CC BY 4.0: a ``Link: rel="license"`` header says so).
No sign-in; rate-limited per client address like the other public lookups (see wiring)."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify
from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice.shared.clock import utcnow
from eoffice.shared.db import reader
from eoffice.shared.downloads import content_disposition
from eoffice.shared.i18n import current_language
from eoffice.shared.problem_schemas import problem_responses
from eoffice.territory import open_data, queries, schemas
from eoffice.territory.services import AddressView, get_address, suggest_addresses

blp = Blueprint("territory-api", __name__, url_prefix="/api/v1/territory",
                description="The city's street map: streets and addresses (public)")
PUBLIC: dict[str, Any] = {"security": [{}]}


def address_item(view: AddressView, locale: str) -> dict[str, Any]:
    """An address as the API and the address control show it, in ``locale``."""
    return {"code": view.code, "label": view.label(locale), "street_code": view.street_code,
            "street_name": view.street_name.get(locale) or view.street_name.get("es", ""),
            "number": view.number, "letter": view.letter, "postcode": view.postcode,
            "district": view.district, "street_category": view.street_category}


@blp.route("/addresses")
class Addresses(MethodView):
    @blp.arguments(schemas.AddressSearchArgs, location="query")
    @blp.response(200, schemas.AddressListOut)
    @problem_responses(blp, 422, 429)
    @blp.doc(**PUBLIC)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Addresses of the city whose street name holds the words of `q` (accents and
        case ignored); a number in `q` narrows to that number. Labels are in the
        request's language (`?lang=` or Accept-Language)."""
        locale = current_language()
        with reader() as db:
            found = suggest_addresses(db, args["q"], limit=args["limit"])
        return {"items": [address_item(view, locale) for view in found]}


@blp.route("/addresses/<code>")
class AddressDetail(MethodView):
    @blp.response(200, schemas.AddressOut)
    @problem_responses(blp, 404, 429)
    @blp.doc(**PUBLIC)
    def get(self, code: str) -> dict[str, Any]:
        """One address by its code (retired ones too, so old answers still resolve);
        404 `territory.unknown_address`."""
        with reader() as db:
            view = get_address(db, code[:30])
        return address_item(view, current_language())


@blp.route("/streets")
class Streets(MethodView):
    @blp.arguments(schemas.StreetSearchArgs, location="query")
    @blp.response(200, schemas.StreetPage)
    @problem_responses(blp, 422, 429)
    @blp.doc(**PUBLIC)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Active streets whose code starts with `q` or whose names hold its words, by
        code."""
        locale = current_language()
        size = args["page_size"]
        with reader() as db:
            rows, total = queries.search_streets(db, args["q"], limit=size,
                                                 offset=(args["page"] - 1) * size,
                                                 active_only=True)
        return {"items": [{"code": row.code, "kind": row.kind,
                           "name": row.name.get(locale) or row.name.get("es", ""),
                           "names": row.name} for row in rows], "total": total}


open_blp = Blueprint("territory-opendata", __name__, url_prefix="/opendata/territory",
                description="Open data of the street map (CC BY 4.0)")
HEADERS = {"Link": f'<{open_data.LICENCE}>; rel="license"',
           "Cache-Control": "public, max-age=3600"}


def _csv_doc(what: str) -> dict[str, Any]:
    return {"responses": {"200": {
        "description": f"{what} (UTF-8 with a header row, RFC 4180, stable column order).",
        "content": {"text/csv": {"schema": {"type": "string"}}}}}}


def _csv(body: str, name: str) -> Response:
    return Response(body, mimetype="text/csv", headers={
        **HEADERS, "Content-Disposition": content_disposition(name)})


def _publisher() -> str:
    return str(current_app.config["EOFFICE_SETTINGS"].city_name)


@open_blp.route("/streets.csv")
class StreetsCsv(MethodView):
    @open_blp.doc(**PUBLIC, **_csv_doc("One row per active street"))
    def get(self) -> Response:
        """Active streets: code, type, names, and the categories, postcodes and districts
        of their sections (joined by `|`)."""
        with reader() as db:
            return _csv(open_data.streets_csv(db), "streets.csv")


@open_blp.route("/addresses.csv")
class AddressesCsv(MethodView):
    @open_blp.doc(**PUBLIC, **_csv_doc("One row per active address"))
    def get(self) -> Response:
        """Active addresses: code, street, number, letter, postcode, district and the
        fiscal category of the street section."""
        with reader() as db:
            return _csv(open_data.addresses_csv(db), "addresses.csv")


@open_blp.route("/streets.json")
class StreetsJson(MethodView):
    @open_blp.response(200, schemas.OpenStreetsOut)
    @open_blp.doc(**PUBLIC)
    def get(self) -> Response:
        """Active streets with their sections."""
        with reader() as db:
            document = open_data.streets_document(db, at=utcnow(), publisher=_publisher())
        response = jsonify(schemas.OpenStreetsOut().dump(document))
        response.headers.update(HEADERS)
        return response


@open_blp.route("/addresses.json")
class AddressesJson(MethodView):
    @open_blp.response(200, schemas.OpenAddressesOut)
    @open_blp.doc(**PUBLIC)
    def get(self) -> Response:
        """Active addresses with the fiscal category of their street section."""
        with reader() as db:
            document = open_data.addresses_document(db, at=utcnow(), publisher=_publisher())
        response = jsonify(schemas.OpenAddressesOut().dump(document))
        response.headers.update(HEADERS)
        return response
