"""The list envelope of the API: ``{"items": [...], "total": N}`` with page and page_size."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from marshmallow import Schema, fields, validate

T = TypeVar("T")
MAX_PAGE_SIZE = 200
MAX_PAGE = 1_000_000  # an OFFSET every database takes


class PageArgs(Schema):
    """Query arguments of every list: ``?page=1&page_size=50``."""

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))
    page_size = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


def page_of(items: Sequence[T], *, page: int, page_size: int) -> dict[str, Any]:
    """The envelope for one page of an already filtered, ordered sequence."""
    start = (page - 1) * page_size
    return {"items": list(items[start : start + page_size]), "total": len(items)}


def envelope(item_schema: type[Schema]) -> type[Schema]:
    """A schema ``{"items": [item_schema], "total": int}`` named after the item."""
    name = item_schema.__name__.removesuffix("Out") + "Page"
    return Schema.from_dict(
        {"items": fields.List(fields.Nested(item_schema)), "total": fields.Integer()},
        name=name,
    )
