"""The back-office pages of the edict board, through plain forms: a clerk publishes an
edict in the three languages for her unit, sees it listed, withdraws it with a reason and
corrects another; a form missing a language is shown again with the problem and nothing
is published; staff of another unit cannot withdraw or correct it, and citizens do not
get the pages."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.notifications.edict_models import Edict
from eoffice.shared.clock import utcnow
from eoffice.shared.localtime import city_timezone
from tests.conftest import csrf_from, sign_in

PAGE = "/backoffice/edicts"


def _local(moment: datetime) -> str:
    return moment.astimezone(city_timezone()).strftime("%Y-%m-%dT%H:%M")


def form(csrf: str, **changes: str) -> dict[str, str]:
    values = {"csrf_token": csrf, "kind": "announcement", "unit_code": "URB",
              "publish_until": _local(utcnow() + timedelta(days=3))}
    for lang, title in (("en", "Street works"), ("es", "Obras en la calle"),
                        ("ca", "Obres al carrer")):
        values |= {f"title-{lang}": title, f"body-{lang}": f"{title}: text",
                   f"personal-{lang}": ""}
    values.update(changes)
    return values


def _count(db: Session) -> int:
    return int(db.scalar(select(func.count()).select_from(Edict)) or 0)


def _publish(client: FlaskClient, **changes: str) -> str:
    csrf = csrf_from(client.get(PAGE).get_data(as_text=True))
    answer = client.post(PAGE, data=form(csrf, **changes))
    assert answer.status_code == 303, answer.get_data(as_text=True)
    number: str = client.get(PAGE).get_data(as_text=True).split('data-testid="row-')[1][:14]
    return number


def test_a_clerk_publishes_withdraws_and_corrects_through_the_forms(
    client: FlaskClient, db: Session,
) -> None:
    sign_in(client, "clerk")
    number = _publish(client)
    page = client.get(PAGE).get_data(as_text=True)
    assert "Street works" in page or "Obras en la calle" in page
    assert "Obres al carrer" in client.get(f"/edicts/{number}?lang=ca").get_data(as_text=True)

    csrf = csrf_from(page)
    withdrawn = client.post(f"{PAGE}/{number}/withdraw",
                            data={"csrf_token": csrf, "reason": "Works cancelled"})
    assert withdrawn.status_code == 303
    assert "Works cancelled" in client.get(f"/edicts/{number}?lang=en").get_data(as_text=True)

    other = _publish(client)
    filled = client.get(f"{PAGE}/{other}/correct").get_data(as_text=True)
    assert "Obres al carrer" in filled
    corrected = client.post(f"{PAGE}/{other}/correct", data=form(
        csrf_from(filled), **{"title-en": "Street works (new dates)"}))
    assert corrected.status_code == 303
    shown = client.get(f"/edicts/{other}?lang=en").get_data(as_text=True)
    assert "corrected by" in shown


def test_a_form_missing_a_language_is_shown_again_and_nothing_is_published(
    client: FlaskClient, db: Session,
) -> None:
    sign_in(client, "clerk")
    before = _count(db)
    csrf = csrf_from(client.get(PAGE).get_data(as_text=True))
    answer = client.post(PAGE, data=form(csrf, **{"title-ca": "", "publish_until": ""}))
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert "titles.ca" in page and "publish_until" in page
    assert 'value="Street works"' in page  # what was typed is kept
    assert _count(db) == before


def test_staff_of_another_unit_cannot_withdraw_or_correct_and_citizens_get_no_page(
    client: FlaskClient, db: Session,
) -> None:
    sign_in(client, "clerk")
    number = _publish(client)
    client.post("/sign-out", data={"csrf_token": csrf_from(client.get(PAGE).get_data(
        as_text=True))})
    sign_in(client, "clerk3")
    page = client.get(PAGE).get_data(as_text=True)
    assert number not in page
    refused = client.post(f"{PAGE}/{number}/withdraw",
                          data={"csrf_token": csrf_from(page), "reason": "not mine"})
    assert refused.status_code == 403
    assert client.get(f"{PAGE}/{number}/correct").status_code == 403
    published = client.post(PAGE, data=form(csrf_from(page)))
    assert published.status_code == 403
    assert db.scalars(select(Edict.state).where(Edict.number == number)).one() == "on_display"

    citizen = client.application.test_client()
    sign_in(citizen, "ana")
    assert citizen.get(PAGE).status_code == 403
