"""Contact details and consents kept by the citizen: a malformed value is refused with a
message beside its field and nothing changes; each change is audited; every consent
change stays in the history."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.audit.models import AuditEvent
from eoffice.identity.models import Person
from tests.api.folder.support import Headers
from tests.conftest import csrf_from, sign_in

FORM = {"email": "ana.new@example.org", "phone": "612 345 678",
        "postal_address": "Carrer Major 1, 46001 València", "preferred_language": "ca",
        "notification_channel": "electronic", "email_alerts": "yes"}


def ana(db: Session) -> Person:
    person = db.scalar(select(Person).where(Person.id_number == "12345678Z"))
    assert person is not None
    return person


def events(db: Session, action: str) -> list[AuditEvent]:
    return list(db.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def post_contact(client: FlaskClient, **changes: str) -> tuple[int, str]:
    token = csrf_from(client.get("/folder/contact").get_data(as_text=True))
    response = client.post("/folder/contact", data={**FORM, **changes, "csrf_token": token},
                           follow_redirects=True)
    return response.status_code, response.get_data(as_text=True)


def test_a_bad_email_is_refused_with_a_message_and_nothing_is_saved(
    client: FlaskClient, db: Session,
) -> None:
    before = (ana(db).email, ana(db).phone, ana(db).preferred_language)
    audited = len(events(db, "identity.contact_updated"))
    sign_in(client, "ana")
    status, page = post_contact(client, email="ana@@example", phone="12")
    assert status == 422
    assert 'data-testid="error-email"' in page and 'data-testid="error-phone"' in page
    assert 'value="ana@@example"' in page  # what she typed stays in the form
    db.expire_all()
    assert (ana(db).email, ana(db).phone, ana(db).preferred_language) == before
    assert len(events(db, "identity.contact_updated")) == audited


def test_valid_details_are_saved_normalised_and_audited(client: FlaskClient,
                                                        db: Session) -> None:
    sign_in(client, "ana")
    status, page = post_contact(client)
    assert status == 200 and "Your contact details are saved." in page
    db.expire_all()
    person = ana(db)
    assert (person.email, person.phone, person.preferred_language) == (
        "ana.new@example.org", "+34612345678", "ca")
    assert person.contact_updated_at is not None
    event = events(db, "identity.contact_updated")[-1]
    assert event.actor == "ana" and "email" in event.data["fields"]
    assert "ana.new@example.org" not in str(event.data)  # the fields changed, not values


def test_postal_notification_needs_an_address_and_is_not_for_companies(
    client: FlaskClient, db: Session,
) -> None:
    sign_in(client, "ana")
    status, page = post_contact(client, notification_channel="postal", postal_address="")
    assert status == 422 and "Give the postal address" in page
    company = identity.ensure_person(db, kind=identity.PersonKind.LEGAL,
                                     id_type=identity.IdType.CIF, id_number="B12345674",
                                     legal_name="Bar Plaça SL")
    db.flush()
    change = identity.ContactChange(email="", phone="", postal_address="Plaça 1",
                                    preferred_language="", notification_channel="postal",
                                    email_alerts=False)
    try:
        identity.update_contact(db, company.id, change, actor="test")
    except identity.InvalidContact as refused:
        assert [e.code for e in refused.errors] == ["postal_not_allowed"]
    else:
        raise AssertionError("a company chose postal notification")
    assert identity.contact_of(db, "B12345674").electronic  # type: ignore[union-attr]


def consent(client: FlaskClient, purpose: str, given: str) -> str:
    token = csrf_from(client.get("/folder/consents").get_data(as_text=True))
    return client.post(f"/folder/consents/{purpose}", data={"given": given,
                                                            "csrf_token": token},
                       follow_redirects=True).get_data(as_text=True)


def test_giving_and_withdrawing_consent_leaves_a_history_and_audit_events(
    app: Flask, client: FlaskClient, db: Session,
) -> None:
    sign_in(client, "ana")
    assert "Your consent is given." in consent(client, "newsletter", "yes")
    assert "already as you asked" in consent(client, "newsletter", "yes")
    page = consent(client, "newsletter", "no")
    assert "Your consent is withdrawn." in page
    assert page.count('data-testid="consent-change"') == 2
    assert 'data-testid="give-newsletter"' in page  # withdrawn: she may give it again
    given = events(db, "folder.consent_given")
    withdrawn = events(db, "folder.consent_withdrawn")
    assert [e.data["purpose"] for e in given] == ["newsletter"]
    assert [e.data["purpose"] for e in withdrawn] == ["newsletter"]
    assert withdrawn[0].data["text_version"] == "2026-1"
    assert client.post("/folder/consents/spam", data={
        "given": "yes", "csrf_token": csrf_from(page)}).status_code == 404

    other = app.test_client()
    sign_in(other, "bernat")
    assert 'data-testid="consent-change"' not in other.get("/folder/consents").get_data(
        as_text=True)


def test_consents_through_the_api_with_problem_codes(client: FlaskClient, db: Session,
                                                      token_for: Headers) -> None:
    ana = token_for("ana")
    given = client.put("/api/v1/folder/consents/consult_other_administrations",
                       json={"given": True}, headers=ana)
    assert given.status_code == 200 and given.get_json()["channel"] == "api"
    again = client.put("/api/v1/folder/consents/consult_other_administrations",
                       json={"given": True}, headers=ana)
    assert again.status_code == 409 and again.get_json()["code"] == "folder.consent_unchanged"
    unknown = client.put("/api/v1/folder/consents/spam", json={"given": True}, headers=ana)
    assert unknown.status_code == 404 and unknown.get_json()["code"] == "folder.unknown_purpose"
    malformed = client.put("/api/v1/folder/consents/newsletter", json={"given": "perhaps"},
                           headers=ana)
    assert malformed.status_code == 422
    shown = client.get("/api/v1/folder/consents", headers=ana).get_json()
    assert [h["purpose"] for h in shown["history"]] == ["consult_other_administrations"]
    in_force = {s["purpose"]: s["given"] for s in shown["in_force"]}
    assert in_force == {"consult_other_administrations": True, "newsletter": None,
                        "sms_alerts": None}
    assert client.get("/api/v1/folder/consents",
                      headers=token_for("clerk")).status_code == 403
