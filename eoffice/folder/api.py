"""The citizen folder's API: the same ZIP export for programs acting with the citizen's
API token."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice.folder.routes import citizen, export_response
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("folder-api", __name__, url_prefix="/api/v1",
                description="The citizen folder: export of all her data")


@blp.route("/folder/export")
class FolderExport(MethodView):
    @blp.response(200, content_type="application/zip",
                  description="A ZIP with index.json and the documents' content")
    @problem_responses(blp, 401, 403, 404)
    def get(self) -> Response:
        """Everything the administration holds about the signed-in citizen, as a ZIP."""
        return export_response(citizen())
