"""Admin pages of fee rules (``/admin/fees``): the list, creating a rule for a case,
and one page per rule where a draft is edited as JSON, its examples run, any
answers tried (amount and explanation) and the draft published from a date."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice import identity
from eoffice.fees.errors import InvalidRule
from eoffice.fees.examples import ExampleResult, run_examples
from eoffice.fees.parsing import parse_schedule
from eoffice.fees.services import editing, publication, reading
from eoffice.fees.services.quoting import calculate
from eoffice.identity import Permission, Principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _, current_language
from eoffice.shared.localtime import local_today

bp = Blueprint("fees_admin", __name__, url_prefix="/admin/fees", template_folder="templates")
LANGS = ("es", "ca", "en")
STARTER = {"inputs": {}, "charges": [{"key": "fee", "label": {
    "es": "Tasa", "ca": "Taxa", "en": "Fee"}, "base": {"kind": "fixed", "amount": "0.00"}}]}


def manager() -> Principal:
    return identity.require_permission(Permission.MANAGE_CATALOGUE)


@bp.before_request
def _only_managers() -> None:
    manager()


def _json(text: str, field: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise InvalidRule(errors=[FieldError(field, _(
            "This is not valid JSON: %(reason)s", reason=str(exc)[:200]), "fees.bad_json")]) \
            from exc


def _errors(exc: DomainError) -> list[FieldError]:
    return list(exc.errors) or [FieldError("", str(exc.detail or exc.title), exc.code)]


@bp.get("")
def rules() -> ResponseReturnValue:
    """Every fee rule with the state of its versions."""
    with reader() as db:
        found = reading.list_rules(db)
    return render_template("fees/admin/rules.html", rules=found, locale=current_language())


@bp.route("/new", methods=["GET", "POST"])
def new_rule() -> ResponseReturnValue:
    """Create a rule for a procedure case (its first draft)."""
    principal = manager()
    values = {name: request.form.get(name, "").strip()[:4000] for name in (
        "key", "procedure", "case", "article", *(f"title-{x}" for x in LANGS),
        *(f"ordinance-{x}" for x in LANGS))}
    if request.method == "GET":
        return render_template("fees/admin/new.html", values=values, errors=[])
    try:
        with unit_of_work() as db:
            new = editing.NewRule(
                key=values["key"], procedure=values["procedure"], case=values["case"],
                title={x: values[f"title-{x}"] for x in LANGS},
                legal_reference={"ordinance": {x: values[f"ordinance-{x}"] for x in LANGS},
                                 "article": values["article"], "url": None})
            editing.create_rule(db, new, definition=STARTER, examples=[],
                                actor=principal.login)
    except DomainError as exc:
        return render_template("fees/admin/new.html", values=values,
                               errors=_errors(exc)), exc.status
    flash(_("Fee rule %(key)s created: write its definition and examples.", key=values["key"]),
          "success")
    return redirect(url_for(".rule", key=values["key"]))


def _page(key: str, *, status: int = 200, errors: list[FieldError] | None = None,
          texts: dict[str, str] | None = None, results: list[ExampleResult] | None = None,
          tried: dict[str, Any] | None = None) -> ResponseReturnValue:
    with reader() as db:
        rule = reading.get_rule(db, key)
    draft = rule.draft
    shown = texts or {
        "definition": json.dumps(draft.definition if draft else {}, indent=2,
                                 ensure_ascii=False),
        "examples": json.dumps(draft.examples if draft else [], indent=2, ensure_ascii=False),
        "answers": "{}"}
    return render_template("fees/admin/rule.html", rule=rule, draft=draft, texts=shown,
                           errors=errors or [], results=results, tried=tried,
                           locale=current_language(), today=local_today().isoformat()), status


@bp.get("/<key>")
def rule(key: str) -> ResponseReturnValue:
    manager()
    return _page(key)


@bp.post("/<key>/drafts")
def start_draft(key: str) -> ResponseReturnValue:
    principal = manager()
    try:
        with unit_of_work() as db:
            editing.start_draft(db, key, actor=principal.login)
    except DomainError as exc:
        return _page(key, status=exc.status, errors=_errors(exc))
    return redirect(url_for(".rule", key=key))


@bp.post("/<key>/versions/<int:number>")
def act_on_draft(key: str, number: int) -> ResponseReturnValue:
    """Save, run the examples, try answers or publish: the button pressed says which."""
    principal = manager()
    texts = {name: request.form.get(name, "")[:200_000]
             for name in ("definition", "examples", "answers")}
    action = request.form.get("action", "save")
    try:
        definition = _json(texts["definition"], "definition")
        examples = _json(texts["examples"], "examples")
        editing.check_content(definition, examples)
        schedule, _problems = parse_schedule(definition)
        assert schedule is not None
        if action == "run":
            return _page(key, texts=texts, results=run_examples(schedule, examples,
                                                                current_language()))
        if action == "try":
            outcome, lines = calculate(schedule, _json(texts["answers"], "answers"),
                                       locale=current_language())
            return _page(key, texts=texts, tried={"amount": outcome.amount, "lines": lines})
        with unit_of_work() as db:
            editing.save_draft(db, key, number, definition=definition, examples=examples,
                               actor=principal.login)
            if action == "publish":
                valid_from = date.fromisoformat(request.form.get("valid_from", "")[:10])
                publication.publish(db, key, number, valid_from=valid_from,
                                    actor=principal.login, locale=current_language())
    except ValueError:
        return _page(key, status=422, texts=texts, errors=[FieldError(
            "valid_from", _("Give the date from which the rule is in force."),
            "fees.invalid_period")])
    except DomainError as exc:
        return _page(key, status=exc.status, texts=texts, errors=_errors(exc))
    flash(_("Version %(number)s published.", number=number) if action == "publish"
          else _("Draft saved."), "success")
    return redirect(url_for(".rule", key=key))
