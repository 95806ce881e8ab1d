"""Wiring of the collegiate bodies: proposals, sessions, minutes and certificates
(pages, API, the minutes' finishing hook and access rule, the certificate consumer)."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice import documents
from eoffice.bodies import proposals_pages, sessions_api, sessions_page_actions, sessions_pages
from eoffice.bodies.certificates import minutes_signed
from eoffice.bodies.convocation import CONVOCATION_TOPIC, convocation_due
from eoffice.bodies.minutes import MINUTES_SIGNED_TOPIC, minutes_circuit_ended
from eoffice.bodies.sessions_reading import minutes_rule
from eoffice.shared.worker import Background


def init_sessions(app: Flask, api_: Api) -> None:
    """Register proposals and sessions of the collegiate bodies."""
    app.register_blueprint(sessions_pages.bp)
    app.register_blueprint(sessions_page_actions.bp)
    app.register_blueprint(proposals_pages.bp)
    api_.register_blueprint(sessions_api.blp)
    documents.register_finishing_hook("bodies.minutes", minutes_circuit_ended)
    documents.add_access_rule(app, minutes_rule)
    background: Background = app.extensions["eoffice.background"]
    for topic, consumer in ((CONVOCATION_TOPIC, convocation_due),
                            (MINUTES_SIGNED_TOPIC, minutes_signed)):
        if topic not in background.consumers:
            background.consumer(topic)(consumer)
