"""Sign-in through an external OpenID Connect provider (Authlib's Flask client)."""

from __future__ import annotations

from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app

from eoffice.identity.errors import ExternalSignInFailed
from eoffice.shared.i18n import _

PROVIDER = "city_idp"
oauth = OAuth()


def enabled() -> bool:
    return bool(current_app.config["EOFFICE_SETTINGS"].oidc_issuer)


def init_oidc(app: Flask) -> None:
    """Register the provider named by the settings; nothing when OIDC is off."""
    settings = app.config["EOFFICE_SETTINGS"]
    oauth.init_app(app)
    if settings.oidc_issuer:
        issuer = settings.oidc_issuer.rstrip("/")
        oauth.register(
            PROVIDER,
            client_id=settings.oidc_client_id,
            client_secret=settings.oidc_client_secret,
            server_metadata_url=f"{issuer}/.well-known/openid-configuration",
            client_kwargs={"scope": settings.oidc_scope, "code_challenge_method": "S256"},
            overwrite=True,
        )


def provider() -> object:
    if not enabled():
        raise ExternalSignInFailed(_("Sign-in with a digital identity is not configured."))
    return oauth.create_client(PROVIDER)
