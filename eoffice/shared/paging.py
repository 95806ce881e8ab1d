"""The list envelope of the API: ``{"items": [...], "total": N}`` with page and page_size,
and the query arguments lists share (a page, a period of city days)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

T = TypeVar("T")
MAX_PAGE_SIZE = 200
MAX_PAGE = 1_000_000  # an OFFSET every database takes
MAX_PERIOD_DAYS = 3660


class PageArgs(Schema):
    """Query arguments of every list: ``?page=1&page_size=50``."""

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))
    page_size = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


class PeriodArgs(Schema):
    """A period of city days, both included, of at most ten years (``from``, ``to``)."""

    start = fields.Date(data_key="from", load_default=None)
    end = fields.Date(data_key="to", load_default=None)

    @validates_schema
    def _sensible_period(self, data: dict[str, Any], **_: Any) -> None:
        start, end = data.get("start"), data.get("end")
        for name, day in (("from", start), ("to", end)):
            if day is not None and not 1900 <= day.year <= 2999:
                raise ValidationError("Give a year between 1900 and 2999.", name)
        if start and end and (end < start or (end - start).days > MAX_PERIOD_DAYS):
            raise ValidationError("The period must end after it starts and last at most "
                                  "ten years.", "to")


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
