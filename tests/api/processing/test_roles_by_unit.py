"""A role counts only in the units it was given for: the head of the public space service
(ODP) who is also a clerk of urban planning (URB) acts on URB's tasks as a clerk, never as
their head (she cannot take another clerk's task from him by reassigning it)."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import identity, processing
from tests.api.processing.test_reassign_api import holder, post, task_of

Headers = Callable[[str], dict[str, str]]


def test_a_head_of_another_unit_is_only_a_clerk_here(
        client: FlaskClient, token_for: Headers, db: Session) -> None:
    processing.sync_product_models(db, processing.PRODUCT_MODELS)
    identity.assign_role(db, identity.get_account(db, "head2"), "clerk", unit_code="URB",
                         actor="test")  # head of ODP, clerk of URB
    db.flush()
    review = task_of(db, "URB", 811)
    assert post(client, token_for("clerk"), f"/{review.id}/claim").status_code == 200
    listed = client.get("/api/v1/tasks?page_size=100", headers=token_for("head2")).get_json()
    assert review.id in {item["id"] for item in listed["items"]}  # a clerk's task of URB

    taken = post(client, token_for("head2"), f"/{review.id}/reassign", to="head2",
                 reason="I am a head")
    assert taken.status_code == 403, taken.get_json()
    assert taken.get_json()["code"] == "processing.not_task_holder"
    assert holder(db, review) == "clerk"

    odp = task_of(db, "ODP", 812)  # in her own unit she is the head
    assert post(client, token_for("clerk3"), f"/{odp.id}/claim").status_code == 200
    moved = post(client, token_for("head2"), f"/{odp.id}/reassign", to=None,
                 reason="Back to the unit")
    assert moved.status_code == 200, moved.get_json()
    assert holder(db, odp) is None
