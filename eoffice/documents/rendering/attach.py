"""Embeds structured data (JSON) in a PDF/A-3 as associated files, with pikepdf.

pikepdf registers each file in the document's ``/AF`` array itself; adding it by hand
or through WeasyPrint's ``attachments=`` would list it twice (see TRAPS.md).
"""

from __future__ import annotations

import io
import json
from datetime import datetime
from typing import Any

import pikepdf


def pdf_date(moment: datetime) -> str:
    """A PDF date string (``D:YYYYMMDDHHmmSS+00'00'``) of an aware datetime in UTC."""
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def attach_json(pdf_bytes: bytes, files: dict[str, Any], *, at: datetime) -> bytes:
    """``pdf_bytes`` with each ``{name: data}`` embedded as ``application/json``."""
    if not files:
        return pdf_bytes
    output = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        for name, data in files.items():
            payload = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True,
                                 default=str).encode()
            spec = pikepdf.AttachedFileSpec(
                pdf, payload, description=name, filename=name,
                mime_type="application/json", creation_date=pdf_date(at),
                mod_date=pdf_date(at), relationship=pikepdf.Name.Data,
            )
            pdf.attachments[name] = spec
        pdf.save(output)
    return output.getvalue()
