"""The API of groupings of files processed together (staff): create a grouping of one of
my units, read it with its files, add a file by its number, take one out. Groupings of
units the caller cannot see do not exist for her (404)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from eoffice import identity
from eoffice.files import grouping_commands as commands
from eoffice.identity import Permission, Principal
from eoffice.shared.paging import PageArgs, envelope
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("file-groupings-api", __name__, url_prefix="/api/v1/file-groupings",
                description="Groupings of files processed together (staff)")


class GroupedFileOut(Schema):
    number = fields.String(required=True)
    subject = fields.String(required=True)
    status = fields.String(required=True, metadata={"description": "open or closed"})
    unit = fields.String(required=True, metadata={"description": "the responsible unit"})
    added_at = fields.DateTime(required=True)
    added_by = fields.String(required=True)


class GroupingOut(Schema):
    id = fields.Integer(required=True)
    number = fields.String(required=True, metadata={"example": "URB/2026/G0001"})
    name = fields.String(required=True)
    reason = fields.String(required=True)
    unit = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    created_by = fields.String(required=True)
    files = fields.List(fields.Nested(GroupedFileOut), required=True, metadata={
        "description": "the member files the caller may see"})
    hidden_files = fields.Integer(required=True, metadata={
        "description": "members the caller may not see (e.g. returned to another unit)"})


class GroupingIn(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    reason = fields.String(required=True, validate=validate.Length(min=1, max=1000))
    unit = fields.String(load_default=None, validate=validate.Length(max=50), metadata={
        "description": "the grouping unit (default: the caller's first unit)"})


class GroupedFileIn(Schema):
    number = fields.String(required=True, validate=validate.Length(min=1, max=60),
                           metadata={"example": "URB/2026/000001"})


GroupingPage = envelope(GroupingOut)


def _staff() -> Principal:
    return identity.require_permission(Permission.VIEW_FILES, somewhere=True)


@blp.route("")
class Groupings(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, GroupingPage)
    @problem_responses(blp, 401, 403, 422)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Groupings of the caller's units, newest first (without their files)."""
        items, total = commands.search(_staff(), page=args["page"],
                                       page_size=args["page_size"])
        return {"items": items, "total": total}

    @blp.arguments(GroupingIn)
    @blp.response(201, GroupingOut)
    @problem_responses(blp, 401, 403, 404, 422)
    def post(self, args: dict[str, Any]) -> Any:
        """A new empty grouping of ``unit`` (``files.process`` there), with its reason."""
        return commands.create(_staff(), unit=args["unit"], name=args["name"],
                               reason=args["reason"])


@blp.route("/<int:grouping_id>")
class Grouping(MethodView):
    @blp.response(200, GroupingOut)
    @problem_responses(blp, 401, 403, 404)
    def get(self, grouping_id: int) -> Any:
        """The grouping and its files, in the order they joined."""
        return commands.show(grouping_id, _staff())


@blp.route("/<int:grouping_id>/files")
class GroupedFiles(MethodView):
    @blp.arguments(GroupedFileIn)
    @blp.response(201, GroupingOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], grouping_id: int) -> Any:
        """Add an open file the caller may work on (recorded in the file's history)."""
        return commands.add_file(grouping_id, _staff(), args["number"])


@blp.route("/<int:grouping_id>/files/<file_number:number>")
class GroupedFile(MethodView):
    @blp.response(200, GroupingOut)
    @problem_responses(blp, 401, 403, 404, 409)
    def delete(self, grouping_id: int, number: str) -> Any:
        """Take the file out of the grouping (recorded in the file's history)."""
        return commands.remove_file(grouping_id, _staff(), number)
