"""The edict board through its API and public pages: an edict published for a period is
on display with its personal data, and when the period ends the worker issues a sealed
certificate of publication (joined to the file) and the personal data disappear from
the page and the API; scheduled edicts stay hidden until they start; withdrawal and
correction are chained and shown; bad input is refused with nothing published; only
staff processing files in the publishing unit may publish or withdraw."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.notifications.edict_models import Edict
from eoffice.shared.clock import frozen_at
from tests.api.files.sent import file_path, send_application
from tests.conftest import run_worker
from tests.pdfs import pdf_text

Headers = Callable[[str], dict[str, str]]
PERSONAL = {"en": "Joan Puig (ID 4455****)", "es": "Joan Puig (DNI 4455****)",
            "ca": "Joan Puig (DNI 4455****) ca"}


def edict_json(start: datetime, end: datetime, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "edict", "unit_code": "URB",
        "titles": {"en": "Notice to an absent owner", "es": "Aviso a un titular ausente",
                   "ca": "Avís a un titular absent"},
        "bodies": {"en": "The owner is notified of the order.",
                   "es": "Se notifica la orden al titular.",
                   "ca": "Es notifica l'ordre al titular."},
        "personal_data": PERSONAL,
        "publish_from": start.isoformat(), "publish_until": end.isoformat()}
    body.update(changes)
    return body


def publish(client: FlaskClient, headers: dict[str, str], body: dict[str, Any]) -> Any:
    answer = client.post("/api/v1/edicts", json=body, headers=headers)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def test_an_edict_on_display_shows_its_personal_data_and_at_the_end_gets_a_signed_certificate_and_hides_them(  # noqa: E501
    app: Flask, client: FlaskClient, token_for: Headers,
) -> None:
    file_number = send_application(client, token_for)["file"]["number"]
    clerk = token_for("clerk")
    start = now()
    edict = publish(client, clerk, edict_json(start, start + timedelta(hours=2),
                                              file_number=file_number))
    number = edict["number"]
    assert edict["state"] == "on_display" and edict["personal_data"] == PERSONAL
    listed = client.get("/api/v1/edicts?unit=URB").get_json()["items"]
    assert number in [item["number"] for item in listed]
    page = client.get(f"/edicts/{number}?lang=en").get_data(as_text=True)
    assert PERSONAL["en"] in page and "Notice to an absent owner" in page

    with frozen_at(start + timedelta(hours=2, minutes=1)):
        run_worker(app)
        shown = client.get(f"/api/v1/edicts/{number}").get_json()
        page = client.get(f"/edicts/{number}?lang=en").get_data(as_text=True)
        board = client.get("/api/v1/edicts").get_json()["items"]
    assert shown["state"] == "ended" and shown["personal_data"] is None
    assert "Joan Puig" not in page and "ended" in page
    assert number not in [item["number"] for item in board]
    certificate = shown["certificate"]
    assert certificate and certificate["verification_code"] in page

    pdf = client.get(f"/api/v1/verify/{certificate['verification_code']}/content").data
    assert documents.check_pdfa(pdf).conforms
    with app.app_context():
        seal = documents.validate_pdf(pdf).signatures[0]
    assert seal.valid and seal.intact and seal.trusted
    text = "".join(pdf_text(pdf).split())
    assert number in text and shown["text_sha256"] in text
    assert "JoanPuig" not in text  # the certificate is public: the fingerprint covers them
    held = client.get(file_path(file_number), headers=clerk).get_json()["documents"]
    assert certificate["document_id"] in [d["document_id"] for d in held]


def test_a_scheduled_edict_is_not_shown_before_its_display_starts(
    app: Flask, client: FlaskClient, token_for: Headers,
) -> None:
    start = now() + timedelta(hours=1)
    edict = publish(client, token_for("clerk"), edict_json(start, start + timedelta(days=1)))
    number = edict["number"]
    assert edict["state"] == "scheduled"
    assert client.get(f"/api/v1/edicts/{number}").status_code == 404
    assert client.get(f"/edicts/{number}").status_code == 404
    assert number not in client.get("/edicts").get_data(as_text=True)
    with frozen_at(start + timedelta(minutes=1)):
        run_worker(app)
        assert client.get(f"/api/v1/edicts/{number}").get_json()["state"] == "on_display"
        assert number in client.get("/edicts").get_data(as_text=True)


def test_a_withdrawn_edict_shows_the_reason_hides_personal_data_and_certifies_its_display(
    app: Flask, client: FlaskClient, token_for: Headers,
) -> None:
    clerk = token_for("clerk")
    start = now()
    number = publish(client, clerk, edict_json(start, start + timedelta(days=10)))["number"]
    with frozen_at(start + timedelta(minutes=30)):
        answer = client.post(f"/api/v1/edicts/{number}/withdrawal", headers=clerk,
                             json={"reason": "Published by mistake"})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["state"] == "withdrawn"
    assert answer.get_json()["personal_data"] is None
    again = client.post(f"/api/v1/edicts/{number}/withdrawal", headers=clerk,
                        json={"reason": "twice"})
    assert again.status_code == 409
    assert again.get_json()["code"] == "notifications.edict_withdrawn"
    run_worker(app)
    page = client.get(f"/edicts/{number}?lang=en").get_data(as_text=True)
    assert "Published by mistake" in page and "Joan Puig" not in page
    assert number not in client.get("/edicts").get_data(as_text=True)
    shown = client.get(f"/api/v1/edicts/{number}").get_json()
    assert shown["certificate"] is not None
    pdf = client.get(f"/api/v1/verify/{shown['certificate']['verification_code']}/content")
    assert "Publishedbymistake" in "".join(pdf_text(pdf.data).split())


def test_a_correction_is_a_new_edict_chained_to_the_original(
    client: FlaskClient, token_for: Headers,
) -> None:
    clerk = token_for("clerk")
    start = now()
    original = publish(client, clerk, edict_json(start, start + timedelta(days=5)))["number"]
    texts = edict_json(start, start)
    texts["titles"] = {"en": "Notice (corrected)", "es": "Aviso (corregido)",
                       "ca": "Avís (corregit)"}
    body = {k: texts[k] for k in ("titles", "bodies", "personal_data")}
    answer = client.post(f"/api/v1/edicts/{original}/correction", headers=clerk, json=body)
    assert answer.status_code == 201, answer.get_json()
    correction = answer.get_json()
    assert correction["corrects"] == original and correction["state"] == "on_display"
    assert correction["number"] != original
    shown = client.get(f"/api/v1/edicts/{original}").get_json()
    assert shown["corrected_by"] == correction["number"]
    page = client.get(f"/edicts/{original}?lang=en").get_data(as_text=True)
    assert f"/edicts/{correction['number']}" in page
    page = client.get(f"/edicts/{correction['number']}?lang=en").get_data(as_text=True)
    assert f"/edicts/{original}" in page and "Notice (corrected)" in page
    twice = client.post(f"/api/v1/edicts/{original}/correction", headers=clerk, json=body)
    assert twice.status_code == 409
    assert twice.get_json()["code"] == "notifications.edict_already_corrected"


@pytest.mark.parametrize(("lang", "title"), [("es", "Aviso a un titular ausente"),
                                             ("ca", "Avís a un titular absent"),
                                             ("en", "Notice to an absent owner")])
def test_the_board_speaks_the_visitors_language(
    client: FlaskClient, token_for: Headers, lang: str, title: str,
) -> None:
    start = now()
    number = publish(client, token_for("clerk"),
                     edict_json(start, start + timedelta(days=1)))["number"]
    assert title in client.get(f"/edicts?lang={lang}").get_data(as_text=True)
    assert client.get(f"/api/v1/edicts/{number}?lang={lang}").get_json()["title"] == title


def _count(db: Session) -> int:
    return int(db.scalar(select(func.count()).select_from(Edict)) or 0)


BAD = [
    ("titles", {"titles": {"en": "Only English"}}, "titles.es"),
    ("bodies", {"bodies": {"en": "x", "es": "x", "ca": ""}}, "bodies.ca"),
    ("personal_data", {"personal_data": {"es": "Only Spanish"}}, "personal_data.en"),
    ("long title", {"titles": {"en": "x" * 301, "es": "x", "ca": "x"}}, "titles.en"),
    ("unknown file", {"file_number": "URB/1999/999999"}, "file_number"),
    ("kind", {"kind": "decree"}, "kind"),
]


@pytest.mark.parametrize(("case", "changes", "field"), BAD, ids=[b[0] for b in BAD])
def test_bad_edicts_are_refused_naming_the_field_and_nothing_is_published(
    client: FlaskClient, token_for: Headers, db: Session, case: str,
    changes: dict[str, Any], field: str,
) -> None:
    start = now()
    before = _count(db)
    answer = client.post("/api/v1/edicts", headers=token_for("clerk"),
                         json=edict_json(start, start + timedelta(days=1), **changes))
    assert answer.status_code == 422, case
    problem = answer.get_json()
    assert problem["code"] == "notifications.edict_invalid"
    assert field in [error["field"] for error in problem["errors"]]
    assert _count(db) == before


@pytest.mark.parametrize(("start_shift", "length", "field", "code"), [
    (timedelta(0), timedelta(0), "publish_until", "before_start"),
    (timedelta(0), timedelta(days=-1), "publish_until", "before_start"),
    (timedelta(0), timedelta(days=200), "publish_until", "too_long"),
    (timedelta(days=-2), timedelta(days=5), "publish_from", "in_the_past"),
])
def test_a_bad_display_period_is_refused(
    client: FlaskClient, token_for: Headers, db: Session, start_shift: timedelta,
    length: timedelta, field: str, code: str,
) -> None:
    start = now() + start_shift
    before = _count(db)
    answer = client.post("/api/v1/edicts", headers=token_for("clerk"),
                         json=edict_json(start, start + length))
    assert answer.status_code == 422
    assert {"field": field, "code": code} in [
        {"field": e["field"], "code": e["code"]} for e in answer.get_json()["errors"]]
    assert _count(db) == before


def test_only_staff_processing_files_in_the_publishing_unit_publish_or_withdraw(
    client: FlaskClient, token_for: Headers, db: Session,
) -> None:
    start = now()
    body = edict_json(start, start + timedelta(days=1))
    before = _count(db)
    other_unit = client.post("/api/v1/edicts", headers=token_for("clerk3"), json=body)
    assert other_unit.status_code == 403
    assert other_unit.get_json()["code"] == "notifications.edict_not_your_unit"
    assert client.post("/api/v1/edicts", headers=token_for("ana"), json=body).status_code \
        == 403
    assert client.post("/api/v1/edicts", json=body).status_code == 401
    assert _count(db) == before

    number = publish(client, token_for("clerk"), body)["number"]
    refused = client.post(f"/api/v1/edicts/{number}/withdrawal",
                          headers=token_for("clerk3"), json={"reason": "not mine"})
    assert refused.status_code == 403
    refused = client.post(f"/api/v1/edicts/{number}/correction", headers=token_for("clerk3"),
                          json={k: body[k] for k in ("titles", "bodies")})
    assert refused.status_code == 403
    assert client.get(f"/api/v1/edicts/{number}").get_json()["state"] == "on_display"
    missing = client.post("/api/v1/edicts/ED-1999-000001/withdrawal",
                          headers=token_for("clerk"), json={"reason": "x"})
    assert missing.status_code == 404
    no_reason = client.post(f"/api/v1/edicts/{number}/withdrawal",
                            headers=token_for("clerk"), json={"reason": "  "})
    assert no_reason.status_code == 422
    assert client.get(f"/api/v1/edicts/{number}").get_json()["state"] == "on_display"


def test_publishing_again_with_the_same_idempotency_key_publishes_nothing_twice(
    client: FlaskClient, token_for: Headers, db: Session,
) -> None:
    start = now()
    body = edict_json(start, start + timedelta(days=1))
    headers = {**token_for("clerk"), "Idempotency-Key": "edict-42"}
    first = publish(client, headers, body)
    before = _count(db)
    again = publish(client, headers, body)
    assert again["number"] == first["number"] and _count(db) == before
    other = client.post("/api/v1/edicts", headers=headers,
                        json={**body, "kind": "announcement"})
    assert other.status_code == 422
    assert other.get_json()["code"] == "shared.idempotency_key_reused"
