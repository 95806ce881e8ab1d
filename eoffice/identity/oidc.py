"""Sign-in through an external OpenID Connect provider (Authlib's Flask client).

Each application gets its own Authlib registry, so two applications in one
process (tests do this) never share a client. The authorization code flow
uses PKCE (S256) and a nonce; the signed ID token decides who signed in, and
its issuer must be the one eoffice is configured with.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app
from joserfc.errors import JoseError
from requests import RequestException
from werkzeug.wrappers import Response

from eoffice.identity.errors import ExternalSignInFailed
from eoffice.shared.errors import NotFound
from eoffice.shared.i18n import _

PROVIDER = "city_idp"
EXTENSION = "eoffice.oidc"
TIMEOUT_SECONDS = 10
# Everything the Authlib client may raise while talking to the provider.
PROVIDER_ERRORS = (AuthlibBaseError, JoseError, RequestException, ValueError)
#: Signature algorithms an ID token may use, whatever the discovery document offers:
#: never ``none``, never a secret shared with the client (ADR 0051).
ID_TOKEN_ALGORITHMS = frozenset({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                                 "ES256", "ES384", "ES512", "EdDSA"})


@dataclass(frozen=True)
class ConfirmedIdentity:
    """Who the provider says signed in: its issuer and the claims about the subject."""

    issuer: str
    claims: dict[str, Any]

    @property
    def subject(self) -> str:
        return str(self.claims.get("sub") or "")


def enabled() -> bool:
    return EXTENSION in current_app.extensions


def init_oidc(app: Flask) -> None:
    """Register the provider named by the settings; nothing when OIDC is off."""
    settings = app.config["EOFFICE_SETTINGS"]
    if not settings.oidc_issuer:
        return
    scopes = settings.oidc_scope.split()
    if "openid" not in scopes:
        scopes.insert(0, "openid")
    oauth = OAuth(app)
    oauth.register(
        PROVIDER,
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
        server_metadata_url=f"{_same_issuer(settings.oidc_issuer)}/.well-known/openid-configuration",
        client_kwargs={
            "scope": " ".join(scopes),
            "code_challenge_method": "S256",
            "default_timeout": TIMEOUT_SECONDS,
        },
    )
    app.extensions[EXTENSION] = oauth


def start_sign_in(callback_url: str, **extra: str) -> Response:
    """The redirect to the provider's authorization endpoint (state, nonce and PKCE kept
    in the session); ``extra`` parameters go with it (``prompt``, ``max_age``)."""
    try:
        response: Response = _client().authorize_redirect(callback_url, **extra)
    except PROVIDER_ERRORS as exc:
        raise ExternalSignInFailed(
            _("The identity provider cannot be reached. Please try again later.")
        ) from exc
    return response


def finish_sign_in() -> ConfirmedIdentity:
    """Redeem the code of this callback request and check the ID token; raise
    :class:`ExternalSignInFailed` for anything the provider did not confirm."""
    client = _client()
    try:
        token = client.authorize_access_token()
        metadata = client.load_server_metadata()
        id_claims = dict(token.get("userinfo") or {})
        if _signature_algorithm(str(token.get("id_token") or "")) not in ID_TOKEN_ALGORITHMS:
            raise ExternalSignInFailed()  # unsigned, or signed with the client's secret
        profile = _userinfo(client, token, metadata)
    except PROVIDER_ERRORS as exc:
        raise ExternalSignInFailed() from exc
    issuer = str(metadata.get("issuer") or "")
    configured = current_app.config["EOFFICE_SETTINGS"].oidc_issuer
    if not id_claims.get("sub") or id_claims.get("iss") != issuer:
        raise ExternalSignInFailed()  # no ID token, or one not from this provider
    if _same_issuer(issuer) != _same_issuer(configured):
        raise ExternalSignInFailed()  # discovery document of another issuer
    if profile.get("sub") not in (None, id_claims["sub"]):
        raise ExternalSignInFailed()  # userinfo about someone else
    return ConfirmedIdentity(issuer=issuer, claims={**profile, **id_claims})


def _client() -> Any:
    oauth = current_app.extensions.get(EXTENSION)
    if oauth is None:
        raise NotFound(_("Sign-in with a digital identity is not configured."))
    return oauth.create_client(PROVIDER)


def _userinfo(client: Any, token: dict[str, Any], metadata: dict[str, Any]) -> dict[str, Any]:
    """The UserInfo endpoint's claims (names, e-mail), when the provider has one."""
    if not metadata.get("userinfo_endpoint"):
        return {}
    return dict(client.userinfo(token=token))


def _signature_algorithm(id_token: str) -> str:
    """The ``alg`` of a compact JWS's protected header ("" when unreadable)."""
    encoded = id_token.split(".", 1)[0]
    try:
        header = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    except ValueError:
        return ""
    return str(header.get("alg") or "") if isinstance(header, dict) else ""


def _same_issuer(url: str) -> str:
    return url.rstrip("/")
