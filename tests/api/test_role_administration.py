"""Administrators change who holds which role where; every change is audited and
takes effect on the next request."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.models import AuditEvent


def test_granting_a_role_in_a_unit_opens_that_unit_to_the_clerk(
    client: FlaskClient, token_for, db: Session
) -> None:
    clerk2 = token_for("clerk2")
    assert client.get("/api/v1/units/URB/staff", headers=clerk2).status_code == 403
    granted = client.post("/api/v1/accounts/clerk2/roles", json={"role": "clerk", "unit": "URB"},
                          headers=token_for("admin"))
    assert granted.status_code == 201
    assert client.get("/api/v1/units/URB/staff", headers=clerk2).status_code == 200
    # A role in a unit covers its sub-units too.
    assert client.get("/api/v1/units/URB-LIC/staff", headers=clerk2).status_code == 200
    event = db.scalar(select(AuditEvent).filter_by(action="identity.role_assigned",
                                                   object_id="clerk2", actor="admin"))
    assert event is not None and event.unit_code == "URB"


def test_revoking_a_role_closes_the_unit_again(client: FlaskClient, token_for) -> None:
    admin = token_for("admin")
    clerk = token_for("clerk")
    assert client.get("/api/v1/units/URB/staff", headers=clerk).status_code == 200
    response = client.delete("/api/v1/accounts/clerk/roles/clerk?unit=URB", headers=admin)
    assert response.status_code == 204
    assert client.get("/api/v1/units/URB/staff", headers=clerk).status_code == 403
    listed = client.get("/api/v1/accounts/clerk/roles", headers=admin).json
    assert listed == {"items": [], "total": 0}


def test_only_administrators_change_roles(client: FlaskClient, token_for) -> None:
    head = token_for("head")
    response = client.post("/api/v1/accounts/head/roles", json={"role": "admin", "unit": None},
                           headers=head)
    assert response.status_code == 403
    assert client.get("/api/v1/accounts/head/roles", headers=head).status_code == 403


def test_unknown_role_unit_or_person_is_a_clear_404(client: FlaskClient, token_for) -> None:
    admin = token_for("admin")
    cases = [
        ("/api/v1/accounts/clerk/roles", {"role": "emperor", "unit": None},
         "identity.unknown_role"),
        ("/api/v1/accounts/clerk/roles", {"role": "clerk", "unit": "MARS"},
         "identity.unknown_unit"),
        ("/api/v1/accounts/nobody/roles", {"role": "clerk", "unit": None},
         "identity.unknown_account"),
    ]
    for path, body, code in cases:
        response = client.post(path, json=body, headers=admin)
        assert (response.status_code, response.json["code"]) == (404, code)
    missing = client.delete("/api/v1/accounts/ana/roles/clerk?unit=URB", headers=admin)
    assert missing.json["code"] == "identity.unknown_membership"


def test_an_administrator_role_in_one_unit_grants_nothing_city_wide(
    client: FlaskClient, token_for
) -> None:
    admin = token_for("admin")
    granted = client.post("/api/v1/accounts/clerk2/roles", json={"role": "admin", "unit": "HAC"},
                          headers=admin)
    assert granted.status_code == 201
    clerk2 = token_for("clerk2")
    escalate = client.post("/api/v1/accounts/clerk2/roles", json={"role": "admin", "unit": None},
                           headers=clerk2)
    assert escalate.status_code == 403
    draft = client.post("/api/v1/admin/procedures/general-application/versions", json={},
                        headers=clerk2)
    assert draft.status_code == 403
    assert client.get("/admin/forms", headers=clerk2).status_code == 403
