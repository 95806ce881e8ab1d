"""What the payments pages and API share at the web edge: the configured card
provider and renderer, who may see a payment, and refusals that are audited even
though the refused work was rolled back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app, request, url_for

from eoffice import audit, identity
from eoffice.identity import Permission, Principal
from eoffice.payments import queries
from eoffice.payments.adapters.sandbox_provider import SandboxCardProvider
from eoffice.payments.adapters.weasyprint_renderer import WeasyPrintRenderer
from eoffice.payments.errors import UnknownPayment
from eoffice.payments.ports import CardProvider, PdfRenderer
from eoffice.payments.sandbox.gateway import gateway_key
from eoffice.payments.signatures import SignedMessage
from eoffice.payments.views import PaymentView, view_of
from eoffice.shared.db import current_database, reader, unit_of_work
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class NoCardProvider(DomainError):
    code = "payments.no_card_provider"
    status = 404
    title = _l("Card payment is not offered: pay with the payment letter at a bank.")


def card_payments_enabled() -> bool:
    """Whether card payment is offered (only the sandbox exists yet: demo and tests)."""
    return bool(current_app.config["EOFFICE_SETTINGS"].card_sandbox)


def card_provider() -> CardProvider:
    """The card provider of this application (the sandbox, when enabled)."""
    if not card_payments_enabled():
        raise NoCardProvider()
    return SandboxCardProvider(key=gateway_key(), database=current_database(),
                               gateway_url=url_for("payments_sandbox.pay", _external=True))


def renderer() -> PdfRenderer:
    found: PdfRenderer = current_app.extensions.get("eoffice.payments.renderer",
                                                    WeasyPrintRenderer())
    return found


def message_from(values: Any) -> SignedMessage:
    """A provider's signed message from query or form fields (missing fields are empty)."""
    return SignedMessage(str(values.get("Ds_SignatureVersion", ""))[:40],
                         str(values.get("Ds_MerchantParameters", ""))[:9000],
                         str(values.get("Ds_Signature", ""))[:200])


def is_staff_for(principal: Principal, unit_code: str) -> bool:
    return principal.can(Permission.RECONCILE_PAYMENTS) or principal.can(
        Permission.PROCESS_FILES, unit=unit_code)


def visible_payment(reference: str, principal: Principal) -> PaymentView:
    """The payment if the caller is its payer or staff of its unit; else 404 (never 403,
    so nobody learns that a reference exists)."""
    with reader() as db:
        payment = queries.find_payment(db, reference[:25])
        if payment is None:
            raise UnknownPayment()
        history = tuple(queries.history_of(db, payment))
        if is_staff_for(principal, payment.unit_code):
            return view_of(payment, history)
        if identity.get_account(db, principal.login).person_id == payment.payer_person_id:
            return view_of(payment, history)
    raise UnknownPayment()


def record_refusal(action: str, *, actor: str, object_id: str,
                   data: dict[str, Any]) -> None:
    """Write the audit event of a refused request in its own transaction."""
    with unit_of_work() as db:
        audit.record_event(db, action, actor=actor, object_type="payment",
                           object_id=object_id[:100],
                           data={**data, "client": request.remote_addr or "unknown"})


@contextmanager
def audited_refusals(action: str, *, actor: str, object_id: str) -> Iterator[None]:
    """Let domain errors through, after recording them as ``action`` in the audit log."""
    try:
        yield
    except DomainError as exc:
        record_refusal(action, actor=actor, object_id=object_id,
                       data={"code": exc.code, **{k: str(v) for k, v in exc.extra.items()}})
        raise
