"""Administration API of forms and blocks: drafts, builder edits, checks, publication.

The same routes exist for forms (``/admin/forms``) and blocks
(``/admin/form-blocks``); all need the permission to manage the catalogue.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice.forms import editing, schemas
from eoffice.forms.errors import (
    BadEdit,
    BadKey,
    BadProperty,
    InvalidFormDefinition,
    MissingProperty,
)
from eoffice.forms.properties import KEY
from eoffice.forms.services import versions
from eoffice.forms.services.store import Row, get_version, list_versions
from eoffice.identity import Permission, require_permission
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _
from eoffice.shared.paging import PageArgs, page_of

blp = Blueprint("forms-admin", __name__, url_prefix="/api/v1/admin",
                description="Building forms and blocks (administrators)")
KINDS = {"form": "forms", "block": "form-blocks"}


class ListArgs(PageArgs, schemas.VersionListArgs):
    pass


def _admin() -> str:
    return require_permission(Permission.MANAGE_CATALOGUE).login


def _summary(row: Row) -> dict[str, Any]:
    return {name: getattr(row, name) for name in (
        "key", "version", "status", "sha256", "source", "created_at", "updated_at",
        "published_at", "changed_by")} | {"title": row.definition.get("title") or {}}


def _detail(db: Any, kind: str, row: Row) -> dict[str, Any]:
    problems: list[FieldError] = []
    if not row.is_published:
        _tree, problems = versions.check_draft(db, kind, row.definition,
                                               identity=(row.key, row.version))
    return _summary(row) | {"definition": row.definition,
                            "problems": [p.as_dict() for p in problems]}


def _change(kind: str, edit: dict[str, Any]) -> Any:
    op = edit["op"]
    if op == "add":
        if not isinstance(edit.get("control"), dict):
            raise BadEdit(_("Give the control to add."))
        return partial(editing.add_control, parent=edit["parent"], control=edit["control"],
                       position=edit["position"], kind=kind)
    if op == "move":
        return partial(editing.move_control, place=edit["place"], parent=edit["parent"],
                       position=edit["position"], kind=kind)
    if op == "remove":
        return partial(editing.remove_control, place=edit["place"], kind=kind)
    return partial(editing.set_properties, place=edit["place"],
                   changes=edit.get("properties") or {}, kind=kind)


def _check_shape(definition: dict[str, Any]) -> None:
    """What a stored draft must be for the builder to show it: a snake_case key and a
    title that is a text per language (other problems are listed on the draft)."""
    problems: list[FieldError] = []
    if not KEY.match(str(definition.get("key"))):
        problems.append(FieldError("/key", _("A key must be snake_case, like “applicant_name”."),
                                   BadKey.code))
    title = definition.get("title", {})
    if not isinstance(title, dict) or not all(isinstance(v, str) for v in title.values()):
        problems.append(FieldError("/title", _(
            "A text is an object with one entry per language (es, ca, en)."), BadProperty.code))
    if problems:
        raise InvalidFormDefinition(errors=problems)


def _register(kind: str, plural: str) -> None:  # noqa: C901 - one class per route
    @blp.route(f"/{plural}", endpoint=f"{kind}_versions")
    class Versions(MethodView):
        @blp.arguments(ListArgs, location="query")
        @blp.response(200, schemas.VersionPage)
        def get(self, args: dict[str, Any]) -> dict[str, Any]:
            """Every version (drafts too), by key and version; ``?key=`` for one key."""
            _admin()
            with reader() as db:
                rows = [_summary(r) for r in list_versions(db, kind, args["key"])]
            return page_of(rows, page=args["page"], page_size=args["page_size"])

        @blp.arguments(schemas.DefinitionIn)
        @blp.response(201, schemas.VersionDetailOut)
        def post(self, data: dict[str, Any]) -> dict[str, Any]:
            """Start a draft from a definition: the next version of its ``key``."""
            actor = _admin()
            key = data["definition"].get("key")
            if not isinstance(key, str) or not key:
                raise InvalidFormDefinition(errors=[FieldError(
                    "/key", _("The property “%(name)s” is required.", name="key"),
                    MissingProperty.code)])
            _check_shape(data["definition"])
            with unit_of_work() as db:
                row = versions.start_draft(db, kind, key, actor=actor,
                                           definition=data["definition"])
                return _detail(db, kind, row)

    @blp.route(f"/{plural}/validate", endpoint=f"{kind}_check")
    class Check(MethodView):
        @blp.arguments(schemas.DefinitionIn)
        @blp.response(200, schemas.DefinitionCheckOut)
        def post(self, data: dict[str, Any]) -> dict[str, Any]:
            """Check a definition without storing it: every problem, with its place."""
            _admin()
            with reader() as db:
                _tree, problems = versions.check_draft(db, kind, data["definition"])
            return {"valid": not problems, "errors": [p.as_dict() for p in problems]}

    @blp.route(f"/{plural}/<key>/drafts", endpoint=f"{kind}_new_draft")
    class NewDraft(MethodView):
        @blp.response(201, schemas.VersionDetailOut)
        def post(self, key: str) -> dict[str, Any]:
            """Start the next version as a draft, copied from the latest version."""
            actor = _admin()
            with unit_of_work() as db:
                return _detail(db, kind, versions.start_draft(db, kind, key, actor=actor))

    @blp.route(f"/{plural}/<key>/<int(max=2147483647):version>", endpoint=f"{kind}_version")
    class Version(MethodView):
        @blp.response(200, schemas.VersionDetailOut)
        def get(self, key: str, version: int) -> dict[str, Any]:
            """One version with its definition; a draft also lists its problems."""
            _admin()
            with reader() as db:
                return _detail(db, kind, get_version(db, kind, key, version, published=False))

        @blp.arguments(schemas.DefinitionIn)
        @blp.response(200, schemas.VersionDetailOut)
        def put(self, data: dict[str, Any], key: str, version: int) -> dict[str, Any]:
            """Replace a draft's definition (a published version: 409)."""
            actor = _admin()
            with unit_of_work() as db:
                row = versions.save_draft(db, kind, key, version, data["definition"],
                                          actor=actor)
                return _detail(db, kind, row)

        @blp.response(204)
        def delete(self, key: str, version: int) -> None:
            """Discard a draft (a published version: 409)."""
            _admin()
            with unit_of_work() as db:
                versions.discard_draft(db, kind, key, version)

    @blp.route(f"/{plural}/<key>/<int(max=2147483647):version>/edits", endpoint=f"{kind}_edits")
    class Edits(MethodView):
        @blp.arguments(schemas.EditIn)
        @blp.response(200, schemas.VersionDetailOut)
        def post(self, edit: dict[str, Any], key: str, version: int) -> dict[str, Any]:
            """Add, move or remove a control of a draft, or set its properties."""
            actor = _admin()
            with unit_of_work() as db:
                row = versions.edit_draft(db, kind, key, version, _change(kind, edit),
                                          actor=actor)
                return _detail(db, kind, row)

    @blp.route(f"/{plural}/<key>/<int(max=2147483647):version>/publish", endpoint=f"{kind}_publish")
    class Publish(MethodView):
        @blp.response(200, schemas.VersionDetailOut)
        def post(self, key: str, version: int) -> dict[str, Any]:
            """Publish a draft; 422 listing every problem, and nothing published."""
            actor = _admin()
            with unit_of_work() as db:
                return _detail(db, kind, versions.publish(db, kind, key, version,
                                                          actor=actor))


for _kind, _plural in KINDS.items():
    _register(_kind, _plural)


@blp.route("/form-blocks/<key>/<int(max=2147483647):version>/where-used")
class WhereUsed(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, schemas.UsePage)
    def get(self, args: dict[str, int], key: str, version: int) -> dict[str, Any]:
        """Form and block versions that include this block version."""
        _admin()
        with reader() as db:
            get_version(db, "block", key, version, published=False)
            return page_of(versions.where_used(db, key, version), **args)
