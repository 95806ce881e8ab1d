"""The Flask application factory: wiring only, no behaviour of its own."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flask import Flask
from flask_babel import Babel
from flask_smorest import Api
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from eoffice import web
from eoffice.archive import wiring as archive_wiring
from eoffice.bodies import wiring as bodies_wiring
from eoffice.catalogue import wiring as catalogue_wiring
from eoffice.deadlines import wiring as deadlines_wiring
from eoffice.documents import wiring as documents_wiring
from eoffice.fees import wiring as fees_wiring
from eoffice.files import wiring as files_wiring
from eoffice.folder import wiring as folder_wiring
from eoffice.forms import wiring as forms_wiring
from eoffice.identity import admin_api as identity_admin_api
from eoffice.identity import api as identity_api
from eoffice.identity import password_routes as identity_password_routes
from eoffice.identity import routes as identity_routes
from eoffice.identity import session_routes as identity_session_routes
from eoffice.identity.auth import init_auth
from eoffice.identity.limits import init_limits
from eoffice.identity.oidc import init_oidc
from eoffice.notifications import wiring as notifications_wiring
from eoffice.payments import wiring as payments_wiring
from eoffice.processing import wiring as processing_wiring
from eoffice.registry import wiring as registry_wiring
from eoffice.representation import wiring as representation_wiring
from eoffice.settings import Settings, load_settings
from eoffice.shared.db import Database
from eoffice.shared.problem_schemas import ProblemOut
from eoffice.shared.web import (
    register_converters,
    register_error_handlers,
    register_input_guard,
    register_security_headers,
)
from eoffice.shared.worker import Background
from eoffice.submissions import wiring as submissions_wiring
from eoffice.territory import wiring as territory_wiring
from eoffice.web.locale import select_locale
from eoffice.web.production import refuse_unsafe_production
from eoffice.web.rate_limits import limit_submissions

PACKAGE_ROOT = Path(__file__).parent
TEMPLATE_FOLDERS = [PACKAGE_ROOT / "templates", *sorted(PACKAGE_ROOT.glob("*/templates"))]


def _configure(app: Flask, settings: Settings) -> None:
    app.config.update(
        EOFFICE_SETTINGS=settings,
        SECRET_KEY=settings.resolved_secret_key(),
        MAX_CONTENT_LENGTH=settings.max_request_bytes,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.session_cookie_secure,
        # Over HTTPS the __Host- prefix makes browsers refuse the cookie unless it is
        # Secure, for path / and without a domain (no subdomain can plant or read it).
        SESSION_COOKIE_NAME=(
            "__Host-eoffice_session" if settings.session_cookie_secure else "eoffice_session"
        ),
        # Send the cookie only when the session changes: a late static-file answer must
        # not overwrite a cookie a newer page just set (the session lives on the server).
        SESSION_REFRESH_EACH_REQUEST=False,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=settings.session_hours),
        RATELIMIT_STORAGE_URI=settings.rate_limit_storage_url,
        BABEL_DEFAULT_LOCALE=settings.default_locale,
        BABEL_DEFAULT_TIMEZONE=settings.timezone,
        BABEL_TRANSLATION_DIRECTORIES=str(PACKAGE_ROOT / "translations"),
        API_TITLE="eoffice",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="v1/openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL="/static/dist/swagger-ui/",
        API_SPEC_OPTIONS={
            "info": {"description": "Integration API of the city's electronic office."},
            "components": {
                "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}
            },
            "security": [{"bearer": []}, {}],
        },
    )


class _Api(Api):  # type: ignore[misc]
    """flask-smorest, documenting every error as the problem+json the API really sends."""

    ERROR_SCHEMA = ProblemOut


def create_app(settings: Settings | None = None) -> Flask:
    """Build the eoffice web application for ``settings`` (default: the environment)."""
    settings = settings or load_settings()
    proxy_hops = settings.proxy_hops
    instance_path = settings.instance_path.resolve()
    instance_path.mkdir(parents=True, exist_ok=True)
    app = Flask("eoffice", instance_path=str(instance_path), root_path=str(PACKAGE_ROOT))
    refuse_unsafe_production(app, settings)
    _configure(app, settings)
    app.jinja_loader = ChoiceLoader(
        [
            # The shell's layout and pages, then each context's own templates.
            FileSystemLoader([str(folder) for folder in TEMPLATE_FOLDERS]),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    register_converters(app)
    app.extensions["eoffice.database"] = Database(settings.resolved_database_url)
    app.extensions["eoffice.background"] = Background()

    Babel(app, locale_selector=select_locale)
    init_auth(app)
    init_limits(app)
    init_oidc(app)

    api = _Api(app)
    api.register_blueprint(identity_api.blp)
    api.register_blueprint(identity_admin_api.blp)
    forms_wiring.init_context(app, api)
    catalogue_wiring.init_context(app, api)
    documents_wiring.init_context(app, api)
    representation_wiring.init_context(app, api)
    notifications_wiring.init_context(app, api)
    fees_wiring.init_context(app, api)
    payments_wiring.init_context(app, api)
    registry_wiring.init_context(app, api)
    submissions_wiring.init_context(app, api)
    processing_wiring.init_context(app, api)
    files_wiring.init_context(app, api)
    deadlines_wiring.init_context(app, api)
    folder_wiring.init_context(app, api)
    archive_wiring.init_context(app, api)
    territory_wiring.init_context(app, api)
    bodies_wiring.init_context(app, api)
    app.register_blueprint(identity_routes.bp)
    app.register_blueprint(identity_password_routes.bp)
    app.register_blueprint(identity_session_routes.bp)
    web.init_web(app)
    limit_submissions(app)
    register_error_handlers(app)
    register_input_guard(app)
    register_security_headers(app)
    if proxy_hops:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxy_hops, x_proto=proxy_hops, x_host=proxy_hops
        )
    return app
