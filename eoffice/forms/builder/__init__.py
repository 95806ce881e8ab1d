"""The form builder's pages (``/admin/forms``): forms and blocks built by people who
manage the catalogue, without writing JSON (a JSON tab is there for those who want it).
Every view is a plain form post followed by a redirect; frontend/js/builder.js only
makes typing quicker (keys suggested from the English text)."""

from eoffice.forms.builder import control_page, editor, json_page, listing
from eoffice.forms.builder.blueprint import bp

__all__ = ["bp", "control_page", "editor", "json_page", "listing"]
