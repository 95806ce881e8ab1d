"""The demo city's retention schedule: one series per procedure of the demo catalogue
(and one per case where a case is kept differently), with the periods a Spanish city
council's classification chart would give them. Idempotent: existing series stay."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from eoffice import archive


def _series(code: str, en: str, es: str, ca: str, *, procedure: str,
            case: str | None = None, years: int = 0, trigger: str = "closure",
            field: str | None = None, action: str = "destroy",
            sample: int | None = None, confidentiality: str = "restricted") -> dict[str, Any]:
    return {"code": code, "title": {"en": en, "es": es, "ca": ca},
            "procedure_code": procedure, "case_code": case, "retention_years": years,
            "trigger": trigger, "trigger_field": field, "action": action,
            "sample_percent": sample, "confidentiality": confidentiality}


DEMO_SERIES: list[dict[str, Any]] = [
    _series("URB-LIC.01", "Minor works licences", "Licencias de obras menores",
            "Llicències d'obres menors", procedure="minor-works", action="keep"),
    _series("URB-LIC.02", "Licences to occupy the road for works",
            "Licencias de ocupación de la vía pública por obras",
            "Llicències d'ocupació de la via pública per obres",
            procedure="minor-works", case="occupying-road", years=4),
    _series("ODP.01", "Terrace licences", "Licencias de terrazas", "Llicències de terrasses",
            procedure="terrace-public-road", years=6, trigger="resolution"),
    _series("ODP.02", "Road occupancy for house moves",
            "Ocupación de la vía pública por mudanzas",
            "Ocupació de la via pública per mudances",
            procedure="removal-road-occupancy", years=4),
    _series("URB.01", "General applications", "Instancias generales", "Instàncies generals",
            procedure="general-application", years=5),
    _series("EST.01", "Municipal roll certificates", "Certificados de empadronamiento",
            "Certificats d'empadronament", procedure="municipal-roll-certificate", years=5),
    _series("OAC.01", "Suggestions", "Sugerencias", "Suggeriments",
            procedure="complaint-suggestion", years=3),
    _series("OAC.02", "Complaints", "Quejas", "Queixes", procedure="complaint-suggestion",
            case="complaint", years=3, confidentiality="confidential"),
    _series("CUL.01", "Grants for cultural associations",
            "Subvenciones a entidades culturales", "Subvencions a entitats culturals",
            procedure="cultural-subsidy", years=10, trigger="metadata",
            field="justification_date", action="sample", sample=10),
    _series("TRA.01", "Requests for access to public information",
            "Solicitudes de acceso a la información pública",
            "Sol·licituds d'accés a la informació pública",
            procedure="public-information-access", years=10,
            action="transfer_historical"),
]


def load_demo_series(session: Session) -> str:
    """Create the demo retention schedule (series already there are left alone)."""
    created = archive.load_series(session, DEMO_SERIES)
    return f"{created} retention series"
