"""The words of the documents a collegiate body issues (convocation, minutes, certificates
of agreements) in the office's three languages, the language they are issued in, local
times as printed, and the names of the members."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.shared.errors import DomainError
from eoffice.shared.localtime import city_timezone

LANGUAGES = ("es", "ca", "en")
WORDING: dict[str, dict[str, str]] = {
    "convocation": {"es": "Convocatoria de la sesión {kind} {label} de {body}",
                    "ca": "Convocatòria de la sessió {kind} {label} de {body}",
                    "en": "Convocation of the {kind} session {label} of {body}"},
    "minutes": {"es": "Acta de la sesión {kind} {label} de {body}",
                "ca": "Acta de la sessió {kind} {label} de {body}",
                "en": "Minutes of the {kind} session {label} of {body}"},
    "certificate": {"es": "Certificado del acuerdo: {title}",
                    "ca": "Certificat de l'acord: {title}",
                    "en": "Certificate of the agreement: {title}"},
    "ordinary": {"es": "ordinaria", "ca": "ordinària", "en": "ordinary"},
    "extraordinary": {"es": "extraordinaria", "ca": "extraordinària", "en": "extraordinary"},
    "body": {"es": "Órgano", "ca": "Òrgan", "en": "Body"},
    "session": {"es": "Sesión", "ca": "Sessió", "en": "Session"},
    "when": {"es": "Fecha y hora", "ca": "Data i hora", "en": "Date and time"},
    "place": {"es": "Lugar", "ca": "Lloc", "en": "Place"},
    "agenda": {"es": "Orden del día", "ca": "Ordre del dia", "en": "Agenda"},
    "file": {"es": "expediente", "ca": "expedient", "en": "file"},
    "called": {"es": "Miembros convocados", "ca": "Membres convocats",
               "en": "Members called"},
    "convocation_text": {
        "es": "Por orden de la presidencia se le convoca a la sesión indicada, en la fecha, "
              "hora y lugar señalados, para tratar los asuntos del orden del día.",
        "ca": "Per ordre de la presidència se us convoca a la sessió indicada, en la data, "
              "hora i lloc assenyalats, per a tractar els assumptes de l'ordre del dia.",
        "en": "By order of the chair you are called to the session above, on the date, at "
              "the time and in the place given, to deal with the items of the agenda."},
    "attendance": {"es": "Asistencia", "ca": "Assistència", "en": "Attendance"},
    "present": {"es": "Presentes", "ca": "Presents", "en": "Present"},
    "absent": {"es": "Ausentes", "ca": "Absents", "en": "Absent"},
    "left": {"es": "Se ausentaron antes del final", "ca": "S'absentaren abans del final",
             "en": "Left before the end"},
    "none": {"es": "Ninguno.", "ca": "Cap.", "en": "None."},
    "chair": {"es": "presidencia", "ca": "presidència", "en": "chair"},
    "secretary": {"es": "secretaría", "ca": "secretaria", "en": "secretary"},
    "member": {"es": "vocal", "ca": "vocal", "en": "member"},
    "holder": {"es": "titular", "ca": "titular", "en": "holder"},
    "votes": {"es": "Votos a favor: {for_}; en contra: {against}; abstenciones: {abstentions}.",
              "ca": "Vots a favor: {for_}; en contra: {against}; abstencions: {abstentions}.",
              "en": "Votes in favour: {for_}; against: {against}; abstentions: "
                    "{abstentions}."},
    "voters_present": {"es": "Miembros con voto presentes: {num}.",
                       "ca": "Membres amb vot presents: {num}.",
                       "en": "Voting members present: {num}."},
    "casting_for": {"es": "Empate dirimido por el voto de calidad de la presidencia, a favor.",
                    "ca": "Empat dirimit pel vot de qualitat de la presidència, a favor.",
                    "en": "Tie decided by the chair's casting vote in favour."},
    "casting_against": {"es": "Empate dirimido por el voto de calidad de la presidencia, en "
                              "contra.",
                        "ca": "Empat dirimit pel vot de qualitat de la presidència, en contra.",
                        "en": "Tie decided by the chair's casting vote against."},
    "adopted": {"es": "Resultado: aprobado.", "ca": "Resultat: aprovat.",
                "en": "Result: adopted."},
    "rejected": {"es": "Resultado: no aprobado.", "ca": "Resultat: no aprovat.",
                 "en": "Result: not adopted."},
    "withdrawn": {"es": "Retirado del orden del día (queda sobre la mesa).",
                  "ca": "Retirat de l'ordre del dia (queda sobre la taula).",
                  "en": "Withdrawn from the agenda (left on the table)."},
    "minutes_text": {
        "es": "Constituida válidamente la sesión con el quórum necesario, se tratan los "
              "asuntos del orden del día con el resultado que se indica.",
        "ca": "Constituïda vàlidament la sessió amb el quòrum necessari, es tracten els "
              "assumptes de l'ordre del dia amb el resultat que s'indica.",
        "en": "The session being validly constituted with the required quorum, the items "
              "of the agenda were dealt with as follows."},
    "certify_adopted": {
        "es": "Se certifica que {body}, en la sesión {kind} {label} celebrada el {when}, "
              "cuya acta ha sido firmada, adoptó el acuerdo siguiente:",
        "ca": "Es certifica que {body}, en la sessió {kind} {label} tinguda el {when}, "
              "l'acta de la qual ha estat signada, va adoptar l'acord següent:",
        "en": "It is certified that {body}, in its {kind} session {label} held on {when}, "
              "whose minutes are signed, adopted the following agreement:"},
    "certify_rejected": {
        "es": "Se certifica que {body}, en la sesión {kind} {label} celebrada el {when}, "
              "cuya acta ha sido firmada, no aprobó la propuesta siguiente:",
        "ca": "Es certifica que {body}, en la sessió {kind} {label} tinguda el {when}, "
              "l'acta de la qual ha estat signada, no va aprovar la proposta següent:",
        "en": "It is certified that {body}, in its {kind} session {label} held on {when}, "
              "whose minutes are signed, did not adopt the following proposal:"},
    "minutes_ref": {"es": "Acta de la sesión (identificador)",
                    "ca": "Acta de la sessió (identificador)",
                    "en": "Minutes of the session (identifier)"},
    "automated": {
        "es": "Certificado expedido en actuación administrativa automatizada (arts. 41 y "
              "42 de la Ley 40/2015) a partir del acta firmada por la secretaría con el "
              "visto bueno de la presidencia.",
        "ca": "Certificat expedit en actuació administrativa automatitzada (arts. 41 i 42 "
              "de la Llei 40/2015) a partir de l'acta signada per la secretaria amb el "
              "vistiplau de la presidència.",
        "en": "Certificate issued as an automated administrative action (Law 40/2015 "
              "arts. 41 and 42) from the minutes signed by the secretary with the chair's "
              "approval."},
}


def word(key: str, language: str, **values: object) -> str:
    """The wording ``key`` in ``language`` (Spanish when missing), filled with
    ``values``."""
    text = WORDING[key].get(language, WORDING[key]["es"])
    return text.format(**values) if values else text


def vote_text(votes: tuple[int | None, int | None, int | None], voters_present: int | None,
              casting_vote: str | None, language: str) -> str:
    """The vote on an item as the minutes and the certificate give it: the counts, the
    voting members present then, and the chair's casting vote on a tie."""
    text = word("votes", language, for_=votes[0], against=votes[1], abstentions=votes[2])
    if voters_present is not None:
        text += " " + word("voters_present", language, num=voters_present)
    if casting_vote:
        text += " " + word(f"casting_{casting_vote}", language)
    return text


def document_language() -> str:
    """The language the office issues in: the settings' default locale."""
    from flask import current_app, has_app_context  # noqa: PLC0415 - app only when running

    if has_app_context():
        language = str(current_app.config["EOFFICE_SETTINGS"].default_locale)
        return language if language in LANGUAGES else "es"
    return "es"


def local_time(moment: datetime) -> str:
    """``2026-03-12 10:00 CET``: the city's local time as printed on documents."""
    return moment.astimezone(city_timezone()).strftime("%Y-%m-%d %H:%M %Z")


def body_name(names: dict[str, str], language: str) -> str:
    return names.get(language) or names.get("es") or next(iter(names.values()), "")


def person_of(session: Session, login: str) -> tuple[str, str] | None:
    """(name, national id number) of the staff account ``login``, None when unknown."""
    try:
        person = identity.get_account(session, login).person
    except DomainError:  # identity's UnknownAccount
        return None
    return person.display_name, person.id_number


def member_label(session: Session, login: str, role: str, language: str) -> str:
    """``Laia Costa Mir (chair)``."""
    found = person_of(session, login)
    name = found[0] if found else login
    return f"{name} ({word(role, language)})" if role in WORDING else name
