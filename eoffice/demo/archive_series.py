"""The demo city's retention schedule: one series per procedure of the demo catalogue
(and one per case where a case is kept differently), with the periods a Spanish city
council's classification chart would give them. Idempotent: existing series stay."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from eoffice import archive


def _series(code: str, en: str, es: str, ca: str, **rule: Any) -> dict[str, Any]:
    """A row of ``archive.load_series``: counted from closure and destroyed unless
    ``rule`` says otherwise (procedure_code, case_code, retention_years, trigger, ...)."""
    defaults = {"case_code": None, "retention_years": 0, "trigger": "closure",
                "trigger_field": None, "action": "destroy", "sample_percent": None,
                "confidentiality": "restricted"}
    return {"code": code, "title": {"en": en, "es": es, "ca": ca}, **defaults, **rule}


DEMO_SERIES: list[dict[str, Any]] = [
    _series("URB-LIC.01", "Minor works licences", "Licencias de obras menores",
            "Llicències d'obres menors", procedure_code="minor-works", action="keep"),
    _series("URB-LIC.02", "Licences to occupy the road for works",
            "Licencias de ocupación de la vía pública por obras",
            "Llicències d'ocupació de la via pública per obres",
            procedure_code="minor-works", case_code="occupying-road", retention_years=4),
    _series("ODP.01", "Terrace licences", "Licencias de terrazas", "Llicències de terrasses",
            procedure_code="terrace-public-road", retention_years=6, trigger="resolution"),
    _series("ODP.02", "Road occupancy for house moves",
            "Ocupación de la vía pública por mudanzas",
            "Ocupació de la via pública per mudances",
            procedure_code="removal-road-occupancy", retention_years=4),
    _series("URB.01", "General applications", "Instancias generales", "Instàncies generals",
            procedure_code="general-application", retention_years=5),
    _series("EST.01", "Municipal roll certificates", "Certificados de empadronamiento",
            "Certificats d'empadronament", procedure_code="municipal-roll-certificate",
            retention_years=5),
    _series("OAC.01", "Suggestions", "Sugerencias", "Suggeriments",
            procedure_code="complaint-suggestion", retention_years=3),
    _series("OAC.02", "Complaints", "Quejas", "Queixes", procedure_code="complaint-suggestion",
            case_code="complaint", retention_years=3, confidentiality="confidential"),
    _series("CUL.01", "Grants for cultural associations",
            "Subvenciones a entidades culturales", "Subvencions a entitats culturals",
            procedure_code="cultural-subsidy", retention_years=10, trigger="metadata",
            trigger_field="justification_date", action="sample", sample_percent=10),
    _series("TRA.01", "Requests for access to public information",
            "Solicitudes de acceso a la información pública",
            "Sol·licituds d'accés a la informació pública",
            procedure_code="public-information-access", retention_years=10,
            action="transfer_historical"),
]


def load_demo_series(session: Session) -> str:
    """Create the demo retention schedule (series already there are left alone)."""
    archive.load_series(session, DEMO_SERIES)  # creates only those missing
    return f"{len(DEMO_SERIES)} retention series"
