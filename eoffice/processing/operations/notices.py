"""Operators that make a document of the file known outside the office:

- ``notify_party`` notifies the document to each interested party of the file (or to
  the one whose id number ``party`` gives) through the notifications context, which
  registers the exit, makes it available and alerts the addressee; when the file names a
  representative, each notification names her too (she may open it for the party she
  represents, and is alerted). The model then waits for the message
  ``notification_outcome`` (delivered by
  :mod:`eoffice.processing.services.notice_outcomes`), once per notification.
- ``register_exit`` registers in the exit register a document sent by other means (by
  post, to another administration): the notifications the first operator makes are
  registered already, never twice.
- ``publish_edict`` publishes a document of the file on the edict board for ``days``
  calendar days, the names of the interested parties as its personal data (no longer
  shown once the period ends).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from eoffice import documents, files, notifications, registry
from eoffice.processing.operators import Operator, RunContext
from eoffice.shared.clock import utcnow

INTERESTED = "interested"
REPRESENTATIVE = "representative"
EXIT_CHANNELS = ("postal", "other_administration", "electronic_notification")
DEFAULT_EXIT_CHANNEL = "postal"
EDICT_DAYS = 20
MAX_EDICT_DAYS = notifications.EDICT_MAX_PERIOD.days  # what the edict board accepts
MAX_SUBJECT = 300


def _file_number(context: RunContext, operator: str) -> str:
    file_id = context.file_id(operator)
    number = files.numbers_of(context.session, [file_id]).get(file_id)
    if number is None:
        raise files.UnknownFile()
    return number


def _parties(context: RunContext, number: str) -> list[dict[str, Any]]:
    return [dict(party) for party in files.parties_of_file(context.session, number)]


def _interested(parties: list[dict[str, Any]], only: str | None) -> list[dict[str, Any]]:
    """The interested parties with an id number (only ``only`` when given)."""
    found = [party for party in parties
             if party.get("role", INTERESTED) == INTERESTED and party.get("id_number")]
    if only:
        found = [party for party in found
                 if str(party["id_number"]).upper() == only.strip().upper()]
    return found


def _procedure_of(context: RunContext, number: str, id_number: str) -> str | None:
    for view in files.files_of_parties(context.session, [id_number]):
        if view.number == number:
            return view.procedure_code
    return None


def _document(context: RunContext, params: dict[str, Any]) -> documents.DocumentView:
    return documents.get_document(context.session, str(params["document"]))


def _notify_party(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
    number = _file_number(context, "notify_party")
    document = _document(context, params)
    parties = _parties(context, number)
    addressees = _interested(parties, str(params.get("party") or "") or None)
    if not addressees:
        which = f" with id number {params['party']}" if params.get("party") else ""
        raise ValueError(f"file {number} has no interested party{which} to notify")
    representative = next((party for party in parties
                           if party.get("role") == REPRESENTATIVE and party.get("id_number")),
                          None)
    subject = str(params.get("subject") or document.title)[:MAX_SUBJECT]
    made: list[notifications.NotificationView] = []
    for party in addressees:
        made.append(notifications.notify(context.session, notifications.NewNotification(
            file_number=number, document_id=document.id,
            addressee_id_number=str(party["id_number"]).upper(),
            addressee_name=str(party.get("name") or party["id_number"]),
            subject=subject, sending_unit=str(context.unit_code or ""),
            kind=notifications.NotificationKind.NOTIFICATION,
            procedure=_procedure_of(context, number, str(party["id_number"])),
            representative_id_number=(str(representative["id_number"]).upper()
                                      if representative else None)),
            actor=context.actor))
    return {"notifications": [view.id for view in made],
            "exit_numbers": [view.exit_number for view in made],
            "channels": [str(view.channel) for view in made],
            "count": len(made)}


def _register_exit(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
    number = _file_number(context, "register_exit")
    document = _document(context, params)
    channel = str(params.get("channel") or DEFAULT_EXIT_CHANNEL)
    if channel not in EXIT_CHANNELS:
        raise ValueError(f"unknown exit channel {channel!r} (known: "
                         f"{', '.join(EXIT_CHANNELS)})")
    addressees = _interested(_parties(context, number),
                             str(params.get("addressee") or "") or None)
    if not addressees:
        raise ValueError(f"file {number} has no interested party to send the document to")
    current = document.current
    entry = registry.register_exit(context.session, registry.NewExit(
        sending_unit=str(context.unit_code or ""),
        subject=str(params.get("subject") or document.title)[:MAX_SUBJECT],
        addressees=[registry.Party(name=str(party.get("name") or party["id_number"]),
                                   id_type=str(party.get("id_type") or "nif"),
                                   id_number=str(party["id_number"]).upper())
                    for party in addressees],
        documents=[registry.DeliveredDocument(title=document.title, sha256=current.sha256,
                                              size=current.size,
                                              media_type=current.media_type)],
        channel=channel, file_number=number), actor=context.actor)
    return {"exit_number": entry.number, "entry": entry.id,
            "registered_at": entry.registered_at.isoformat()}


def _three(en: str, es: str, ca: str) -> dict[str, str]:
    return {"en": en, "es": es, "ca": ca}


def _publish_edict(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
    number = _file_number(context, "publish_edict")
    document = _document(context, params)
    days = EDICT_DAYS if params.get("days") is None else int(params["days"])
    if not 1 <= days <= MAX_EDICT_DAYS:
        raise ValueError(f"an edict is on display from 1 to {MAX_EDICT_DAYS} days, "
                         f"not {days}")
    names = ", ".join(str(party.get("name") or party["id_number"])
                      for party in _interested(_parties(context, number), None))
    title = document.title
    start = utcnow()
    edict = notifications.publish_edict(context.session, notifications.NewEdict(
        titles=_three(f"Edict: {title}", f"Edicto: {title}", f"Edicte: {title}"),
        bodies=_three(
            f"The document \"{title}\" of file {number} is published on this board. "
            "The interested parties may consult it at the office's unit.",
            f"Se publica en este tablón el documento \"{title}\" del expediente {number}. "
            "Las personas interesadas pueden consultarlo en la unidad que lo tramita.",
            f"Es publica en aquest tauler el document \"{title}\" de l'expedient {number}. "
            "Les persones interessades el poden consultar a la unitat que el tramita."),
        personal_data=_three(f"Interested parties: {names}", f"Personas interesadas: {names}",
                             f"Persones interessades: {names}") if names else None,
        unit_code=str(context.unit_code or ""), publish_from=start,
        publish_until=start + timedelta(days=days), file_number=number,
        document_id=document.id, kind="edict"), actor=context.actor)
    return {"edict": edict.id, "number": edict.number,
            "publish_until": edict.publish_until.isoformat()}


OPERATORS = (
    Operator(name="notify_party", summary="Notify a document of the file to each "
             "interested party (or the one whose id number 'party' gives), naming the "
             "representative when the file has one: registered as an exit, made available "
             "and alerted by the notifications context. The model then waits for the "
             "message 'notification_outcome' of each notification.",
             run=_notify_party, required=("document",), optional=("party", "subject"),
             outputs=("notifications", "exit_numbers", "channels", "count")),
    Operator(name="register_exit", summary="Register in the exit register a document of "
             "the file sent by other means (channel: postal, other_administration) to the "
             "interested parties (or the one 'addressee' names). Notifications made by "
             "notify_party are registered already.", run=_register_exit,
             required=("document",), optional=("addressee", "channel", "subject"),
             outputs=("exit_number", "entry", "registered_at")),
    Operator(name="publish_edict", summary="Publish a document of the file on the edict "
             "board for 'days' calendar days (20 unless given); the interested parties' "
             "names are shown only during the period.", run=_publish_edict,
             required=("document",), optional=("days",),
             outputs=("edict", "number", "publish_until")),
)
