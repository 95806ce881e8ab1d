"""The administration pages of the governing bodies (``bodies.manage``): bodies and their
members, the competent body of each procedure, delegations; every refusal comes back on
the page with what is wrong and changes nothing; other staff may not come in."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import bodies
from tests.conftest import csrf_from, sign_in


def _post(client: FlaskClient, page: str, action: str, data: dict[str, str]) -> tuple[int, str]:
    token = csrf_from(client.get(page).get_data(as_text=True))
    answer = client.post(action, data={**data, "csrf_token": token})
    return answer.status_code, answer.get_data(as_text=True)


def test_only_the_bodies_administrators_come_in(client: FlaskClient, db: Session) -> None:
    sign_in(client, "secretary")
    for page in ("/admin/bodies", "/admin/bodies/competences", "/admin/bodies/delegations",
                 "/admin/bodies/mayor/edit"):
        assert client.get(page).status_code == 403, page


def test_the_bodies_page_lists_who_sits_today(client: FlaskClient, db: Session) -> None:
    sign_in(client, "admin")
    html = client.get("/admin/bodies").get_data(as_text=True)
    assert 'data-testid="body-local_board"' in html
    assert "secretary (Secretary)" in html and "mayor (Chair)" in html


def test_a_body_is_created_and_a_holder_appointed_from_the_forms(
        client: FlaskClient, db: Session) -> None:
    sign_in(client, "admin")
    status, html = _post(client, "/admin/bodies", "/admin/bodies", {
        "key": "Bad key", "kind": "single", "name_es": "", "unit_code": "AJT"})
    assert status == 422
    assert "The key is 2 to 50 lower-case letters" in html
    assert "Give the body&#39;s name in Spanish at least." in html
    status, _html = _post(client, "/admin/bodies", "/admin/bodies", {
        "key": "councillor_culture", "kind": "single", "name_es": "Concejalía de Cultura",
        "unit_code": "AJT", "active": "yes"})
    assert status == 303
    page = "/admin/bodies/councillor_culture/edit"
    status, html = _post(client, page, "/admin/bodies/councillor_culture/members", {
        "login": "nobody", "role": "holder", "valid_from": "2026-01-01"})
    assert status == 422 and "There is no user nobody." in html
    status, html = _post(client, page, "/admin/bodies/councillor_culture/members", {
        "login": "councillor", "role": "holder", "valid_from": "2026-13-01"})
    assert status == 422 and "Give a date such as 2026-12-31." in html
    status, _html = _post(client, page, "/admin/bodies/councillor_culture/members", {
        "login": "councillor", "role": "holder", "valid_from": "2026-01-01"})
    assert status == 303
    assert [m.login for m in bodies.members_of(db, "councillor_culture")] == ["councillor"]


def test_an_unknown_body_has_no_page(client: FlaskClient, db: Session) -> None:
    sign_in(client, "admin")
    assert client.get("/admin/bodies/no_such_body/edit").status_code == 404


def test_competences_are_set_and_refused_on_their_page(client: FlaskClient, db: Session) -> None:
    sign_in(client, "admin")
    page = "/admin/bodies/competences"
    html = client.get(page).get_data(as_text=True)
    assert 'data-testid="competence-removal-road-occupancy"' in html
    status, html = _post(client, page, page, {"procedure_code": "no-such-procedure",
                                              "body": "mayor"})
    assert status == 422 and "The catalogue has no procedure no-such-procedure." in html
    status, _html = _post(client, page, page, {"procedure_code": "minor-works",
                                               "body": "mayor"})
    assert status == 303
    found = bodies.competent_body(db, "minor-works")
    assert found is not None and found.key == "mayor"


def test_an_overlapping_delegation_is_refused_on_the_page_and_one_is_revoked(
        client: FlaskClient, db: Session) -> None:
    sign_in(client, "admin")
    page = "/admin/bodies/delegations"
    assert "Decreto 2026/15" in client.get(page).get_data(as_text=True)
    status, html = _post(client, page, page, {
        "delegating_body": "mayor", "delegate_body": "councillor_public_space",
        "procedure_code": "removal-road-occupancy", "valid_from": "2026-06-01",
        "reference": "Decreto 2026/80"})
    assert status == 422
    assert "The delegation Decreto 2026/15 already delegates this competence" in html
    demo = next(d for d in bodies.list_delegations(db) if d.reference == "Decreto 2026/15")
    status, _html = _post(client, page, f"{page}/{demo.id}/revoke", {})
    assert status == 303
    revoked = next(d for d in bodies.list_delegations(db) if d.id == demo.id)
    assert revoked.revoked_on is not None and not revoked.in_force_today
    assert client.post(f"{page}/999999/revoke", data={
        "csrf_token": csrf_from(client.get(page).get_data(as_text=True))}).status_code == 404
