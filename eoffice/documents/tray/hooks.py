"""What other contexts may add to the signature tray without the tray knowing them: a
signature guard may refuse a signature (the governing bodies refuse a resolution signed
without competence), and a finishing hook runs in the transaction that ends a circuit
(the book of resolutions numbers a decree when its last signature is applied). They are
registered by name at wiring, so registering twice replaces."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class SignatureAttempt:
    """A signer about to sign a circuit's document; ``completes`` when every other step
    is already signed, so this signature ends the circuit."""

    circuit_id: str
    document_id: str
    unit_code: str
    signer: str
    completes: bool


@dataclass(frozen=True)
class CircuitEnded:
    """A circuit that ended in this transaction: ``state`` is signed or rejected;
    ``last_signer`` acted last (signed it or rejected it)."""

    circuit_id: str
    document_id: str
    unit_code: str
    state: str
    last_signer: str
    reason: str | None


SignatureGuard = Callable[[Session, SignatureAttempt], None]
"""Raises a DomainError to refuse the signature; returns to let it go on."""
FinishingHook = Callable[[Session, CircuitEnded], None]

_guards: dict[str, SignatureGuard] = {}
_finishing: dict[str, FinishingHook] = {}


def register_signature_guard(name: str, guard: SignatureGuard) -> None:
    _guards[name] = guard


def register_finishing_hook(name: str, hook: FinishingHook) -> None:
    _finishing[name] = hook


def check_signature(session: Session, attempt: SignatureAttempt) -> None:
    """Run every guard; the first that refuses raises."""
    for guard in list(_guards.values()):
        guard(session, attempt)


def circuit_ended(session: Session, ended: CircuitEnded) -> None:
    """Run every finishing hook in the caller's transaction."""
    for hook in list(_finishing.values()):
        hook(session, ended)
