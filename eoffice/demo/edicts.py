"""The demo city's edict board (idempotent): two edicts on display, an announcement of
public information of the urban planning unit and an edict of the public space unit
notifying parties that could not be reached, with a personal data section (shown only
while on display)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from eoffice import notifications
from eoffice.shared.clock import utcnow

DEMO_EDICTS: list[dict[str, Any]] = [
    {"kind": notifications.EdictKind.ANNOUNCEMENT, "unit_code": "URB", "days": 30,
     "titles": {"en": "Public information: special plan for the old town",
                "es": "Información pública: plan especial del casco antiguo",
                "ca": "Informació pública: pla especial del nucli antic"},
     "bodies": {"en": "The initial approval of the special plan for the old town is open "
                      "to public information for twenty business days. Anyone may "
                      "examine it and submit comments through the electronic office.",
                "es": "La aprobación inicial del plan especial del casco antiguo se "
                      "somete a información pública durante veinte días hábiles. "
                      "Cualquier persona puede examinarla y presentar alegaciones por la "
                      "sede electrónica.",
                "ca": "L'aprovació inicial del pla especial del nucli antic se sotmet a "
                      "informació pública durant vint dies hàbils. Qualsevol persona pot "
                      "examinar-la i presentar-hi al·legacions per la seu electrònica."},
     "personal_data": None},
    {"kind": notifications.EdictKind.EDICT, "unit_code": "ODP", "days": 15,
     "titles": {"en": "Notice by edict: removal of terrace furniture",
                "es": "Notificación por edicto: retirada de mobiliario de terraza",
                "ca": "Notificació per edicte: retirada de mobiliari de terrassa"},
     "bodies": {"en": "Having tried to notify the person below without success, the "
                      "resolution ordering the removal of the terrace furniture from the "
                      "public space is notified by this edict (article 44 of Law "
                      "39/2015). The person concerned may read it in the electronic "
                      "office within fifteen days.",
                "es": "Intentada sin éxito la notificación a la persona indicada, se "
                      "notifica por este edicto la resolución que ordena retirar el "
                      "mobiliario de terraza de la vía pública (artículo 44 de la Ley "
                      "39/2015). La persona interesada puede consultarla en la sede "
                      "electrónica en el plazo de quince días.",
                "ca": "Intentada sense èxit la notificació a la persona indicada, es "
                      "notifica per aquest edicte la resolució que ordena retirar el "
                      "mobiliari de terrassa de la via pública (article 44 de la Llei "
                      "39/2015). La persona interessada pot consultar-la a la seu "
                      "electrònica en el termini de quinze dies."},
     "personal_data": {"en": "Bernat (ID ***5432**), owner of the café at Plaça Major 3",
                       "es": "Bernat (DNI ***5432**), titular del café de la Plaça Major 3",
                       "ca": "Bernat (DNI ***5432**), titular del cafè de la Plaça Major 3"}},
]


def load_demo_edicts(session: Session) -> str:
    """Publish the demo edicts that are not on the board yet (by unit and title)."""
    now = utcnow()
    for spec in DEMO_EDICTS:
        held = notifications.list_unit_edicts(session, frozenset({spec["unit_code"]}))
        if any(view.titles.get("en") == spec["titles"]["en"] for view in held):
            continue
        notifications.publish_edict(session, notifications.NewEdict(
            kind=spec["kind"], unit_code=spec["unit_code"], titles=spec["titles"],
            bodies=spec["bodies"], personal_data=spec["personal_data"], publish_from=now,
            publish_until=now + timedelta(days=spec["days"])), "demo")
    return f"{len(DEMO_EDICTS)} demo edicts on the board"
