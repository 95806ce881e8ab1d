"""Public API of the forms context: published definitions, their XForms, validation."""

from __future__ import annotations

import json
from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice.forms import schemas
from eoffice.forms.canonical import tree_json
from eoffice.forms.services.reading import (
    prefetch_options,
    remote_option_sources,
    validate_answers,
)
from eoffice.forms.services.store import get_version, load_tree
from eoffice.forms.xforms import export_xforms
from eoffice.shared.db import reader

blp = Blueprint("forms", __name__, url_prefix="/api/v1",
                description="Form definitions: published versions, XForms, validation")


def _definition(kind: str, key: str, version: int, expand: bool) -> Response:
    with reader() as db:
        row = get_version(db, kind, key, version)
        body = tree_json(load_tree(db, key, version, kind=kind)) if expand else row.definition
        etag = row.sha256
    response = Response(status=200)
    response.set_data(_json(body))
    response.mimetype = "application/json"
    response.set_etag(f"{etag}-x" if expand else etag)
    return response


def _json(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


@blp.route("/forms/<key>/<int(max=2147483647):version>")
class FormDefinition(MethodView):
    @blp.arguments(schemas.ExpandArgs, location="query")
    @blp.response(200, schemas.DefinitionOut)
    def get(self, args: dict[str, Any], key: str, version: int) -> Response:
        """A published form version (404 for drafts and unknown versions)."""
        return _definition("form", key, version, args["expand"])


@blp.route("/forms/<key>/<int(max=2147483647):version>/xforms")
class FormXForms(MethodView):
    @blp.response(200, content_type="application/xml",
                  description="The form as an XForms 1.1 document in XHTML.")
    def get(self, key: str, version: int) -> Response:
        """The published form version as XForms 1.1 (labels in es, ca and en)."""
        with reader() as db:
            document = export_xforms(load_tree(db, key, version))
        return Response(document, mimetype="application/xml")


@blp.route("/forms/<key>/<int(max=2147483647):version>/validate")
class FormValidation(MethodView):
    @blp.arguments(schemas.AnswersIn)
    @blp.response(200, schemas.ValidationOut)
    def post(self, data: dict[str, Any], key: str, version: int) -> dict[str, Any]:
        """Check answers against the version: field errors in the caller's language,
        and the answers as they would be stored. Nothing is stored."""
        with reader() as db:
            remote = remote_option_sources(db, key, version)
        prefetch_options(remote)  # never call another server inside a transaction
        with reader() as db:
            return validate_answers(db, key, version, data["answers"]).as_dict()


@blp.route("/form-blocks/<key>/<int(max=2147483647):version>")
class BlockDefinition(MethodView):
    @blp.arguments(schemas.ExpandArgs, location="query")
    @blp.response(200, schemas.DefinitionOut)
    def get(self, args: dict[str, Any], key: str, version: int) -> Response:
        """A published block version (a reusable part of forms)."""
        return _definition("block", key, version, args["expand"])
