"""Wiring of the catalogue context into the application: blueprints, worker jobs, consumers."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask_smorest import Api
from sqlalchemy.orm import Session

from eoffice import forms
from eoffice.catalogue import admin_api, admin_pages, api, routes
from eoffice.catalogue.services import publication, taxonomies
from eoffice.shared.db import reader
from eoffice.shared.outbox import Delivery
from eoffice.shared.worker import Background

log = logging.getLogger(__name__)
PUBLICATION_JOB = "catalogue.publication"


def _log_transition(delivery: Delivery) -> None:
    """Placeholder consumer: nobody subscribes to catalogue transitions yet (the
    search index and the portal's cache will); logging keeps the outbox clean."""
    log.info("%s: %s", delivery.topic, delivery.payload)


def taxonomy_option_source(session: Session | None,
                           source: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Options of a form control whose source is ``{"kind": "taxonomy", "taxonomy": key}``."""
    key = str(source.get("taxonomy", ""))
    if session is not None:
        return taxonomies.term_options(session, key)
    with reader() as db:
        return taxonomies.term_options(db, key)


def _register_option_source() -> None:
    """Offer taxonomies to the forms context as a source of select options."""
    try:
        forms.option_sources.register("taxonomy", taxonomy_option_source)
    except ValueError:  # already registered by an earlier create_app in this process
        log.debug("option source 'taxonomy' was registered already")


def init_context(app: Flask, api_: Api) -> None:
    """Register this context's API and pages with app (called by create_app)."""
    api_.register_blueprint(api.blp)
    api_.register_blueprint(admin_api.blp)
    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_pages.bp)
    background: Background = app.extensions["eoffice.background"]
    background.jobs[PUBLICATION_JOB] = publication.run_publication_job
    for topic in (publication.PUBLISHED_TOPIC, publication.UNPUBLISHED_TOPIC):
        if topic not in background.consumers:
            background.consumer(topic)(_log_transition)
    _register_option_source()
