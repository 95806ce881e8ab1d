"""Wiring of bodies, delegations and the book of resolutions: pages, API, the tray's
signature guard and the numbering hook."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice import documents
from eoffice.bodies import admin_competence_pages as _competences  # noqa: F401 - routes on admin_pages.bp
from eoffice.bodies import admin_pages, api, book_pages
from eoffice.bodies.resolutions import check_competence, number_on_finish


def init_book(app: Flask, api_: Api) -> None:
    """Register the bodies' administration and the book of resolutions."""
    api_.register_blueprint(api.blp)
    app.register_blueprint(book_pages.bp)
    app.register_blueprint(admin_pages.bp)
    documents.register_signature_guard("bodies.competence", check_competence)
    documents.register_finishing_hook("bodies.book_of_resolutions", number_on_finish)
