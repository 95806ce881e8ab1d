"""Submitting on behalf of someone else: when the signed-in applicant is the
representative of an application whose interested parties are others, the register of
powers (representation context) must hold a valid power from each of them covering the
procedure, checked at signing and again at submission.

- A representative named in the form's representative block: refused when the power is
  absent, revoked, expired, not yet valid or outside its scope (the refusal's own code,
  403, with a message naming the party in the citizen's language); nothing is signed or
  registered.
- Someone merely presenting for another (the form has no representative block, or it was
  not filled in): the same refusals when the register holds a power that does not serve;
  when it holds none at all, the application is accepted and her entry marked
  ``power_check: pending`` for the clerk to check the power she presents (forms such as
  the cultural subsidy let an association's member present without naming a power).

Accepted, the representative's party records the power's number (``power``), and the
audit event ``submissions.signed`` carries who she acted for (``acting_for``,
``acting_for_name``, ``label`` "X acting for Y", ``power``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.orm import Session

from eoffice import forms, identity, representation
from eoffice.identity import Principal
from eoffice.shared.i18n import _
from eoffice.submissions.models import Submission
from eoffice.submissions.parties import PartyFacts, parties_of

PENDING = "pending"


@dataclass(frozen=True)
class OnBehalf:
    """The parties as they will be recorded and, when she acts for others, for whom."""

    parties: list[PartyFacts]
    grantors: tuple[PartyFacts, ...] = ()
    power: str | None = None  # the (first) power's number; None when to be checked

    def audit_data(self, principal: Principal) -> dict[str, Any]:
        """What ``submissions.signed`` adds: "X acting for Y"."""
        if not self.grantors:
            return {}
        first = self.grantors[0]
        names = ", ".join(g.name for g in self.grantors)
        data: dict[str, Any] = {
            "acting_for": first.id_number, "acting_for_name": first.name,
            "label": representation.acting_label(principal.name, names),
            "power": self.power}
        if len(self.grantors) > 1:
            data["acting_for_all"] = [g.id_number for g in self.grantors]
        if self.power is None:
            data["power_check"] = PENDING
        return data


def _refusal(exc: representation.RepresentationRefused,
             grantor: PartyFacts) -> representation.RepresentationRefused:
    """The same refusal (code, status), told in the citizen's language with the party."""
    return type(exc)(_("You cannot submit this application for %(name)s (%(id)s): "
                       "%(reason)s", name=grantor.name, id=grantor.id_number,
                       reason=str(exc.title)))


def check_representation(session: Session, parties: Sequence[PartyFacts], *,
                         signer_id: str, procedure: str) -> OnBehalf:
    """Check the signer's powers from the other interested parties (see the module)."""
    signer = signer_id.upper()
    presenting = next((p for p in parties if p.role == "representative"
                       and p.id_number.upper() == signer), None)
    grantors = tuple(p for p in parties
                     if p.role == "interested" and p.id_number.upper() != signer)
    if presenting is None or not grantors:
        return OnBehalf(list(parties))
    numbers: list[str] = []
    for grantor in grantors:
        try:
            power = representation.check_power(session, representative=signer,
                                               grantor=grantor.id_number, procedure=procedure)
        except representation.NoPower as exc:
            if presenting.named:
                raise _refusal(exc, grantor) from exc
            continue
        except representation.RepresentationRefused as exc:
            raise _refusal(exc, grantor) from exc
        numbers.append(power.number)
    checked = (replace(presenting, power=numbers[0]) if len(numbers) == len(grantors)
               else replace(presenting, power=numbers[0] if numbers else None,
                            power_check=PENDING))
    recorded = [checked if p is presenting else p for p in parties]
    return OnBehalf(recorded, grantors, checked.power if checked.power_check is None else None)


def on_behalf_of(session: Session, submission: Submission) -> OnBehalf:
    """The parties of ``submission`` (as the form names them, the applicant filling the
    gaps) checked against the register of powers."""
    applicant = identity.describe_person(session, submission.applicant_person_id)
    signer = PartyFacts(applicant.name, applicant.id_type, applicant.id_number)
    definition = forms.expanded_definition(session, submission.form_key,
                                           submission.form_version)
    parties = parties_of(definition, submission.answers, signer=signer)
    return check_representation(session, parties, signer_id=applicant.id_number,
                                procedure=submission.procedure_code)


@dataclass(frozen=True)
class OnBehalfNotice:
    """What the check page tells a representative before she signs."""

    names: str = ""  # the parties she presents for
    power: str | None = None
    pending: bool = False  # no registered power: the office will check hers
    problem: str | None = None  # the refusal she will meet on sending


def on_behalf_notice(session: Session, submission: Submission) -> OnBehalfNotice | None:
    """None when the applicant acts for herself only."""
    try:
        acting = on_behalf_of(session, submission)
    except representation.RepresentationRefused as refused:
        return OnBehalfNotice(problem=str(refused.detail or refused.title))
    if not acting.grantors:
        return None
    return OnBehalfNotice(", ".join(g.name for g in acting.grantors), acting.power,
                          acting.power is None)
