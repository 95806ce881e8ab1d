"""Fixed wording printed on issued documents, in the three languages of the office.

Kept here rather than in the .po catalogues: a document is issued in the language the
caller asks for, whatever the language of the request that caused it.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "es": {
        "receipt": "Justificante de registro",
        "requirement": "Requerimiento",
        "report": "Informe",
        "resolution": "Resolución",
        "notification": "Notificación",
        "certificate": "Certificado",
        "file_index": "Índice del expediente",
        "verify": "Puede comprobar la autenticidad de este documento en",
        "code": "Código seguro de verificación",
        "identifier": "Identificador",
        "date": "Fecha",
        "unit": "Unidad",
        "attachments": "Documentos adjuntos",
        "test_pki": "FIRMADO CON UNA PKI DE PRUEBAS — SIN VALIDEZ JURÍDICA",
        "sealed_by": "Documento sellado electrónicamente por la sede electrónica",
        "signed_by": "Documento firmado electrónicamente",
        "page": "Página",
    },
    "ca": {
        "receipt": "Justificant de registre",
        "requirement": "Requeriment",
        "report": "Informe",
        "resolution": "Resolució",
        "notification": "Notificació",
        "certificate": "Certificat",
        "file_index": "Índex de l'expedient",
        "verify": "Podeu comprovar l'autenticitat d'aquest document a",
        "code": "Codi segur de verificació",
        "identifier": "Identificador",
        "date": "Data",
        "unit": "Unitat",
        "attachments": "Documents adjunts",
        "test_pki": "SIGNAT AMB UNA PKI DE PROVES — SENSE VALIDESA JURÍDICA",
        "sealed_by": "Document segellat electrònicament per la seu electrònica",
        "signed_by": "Document signat electrònicament",
        "page": "Pàgina",
    },
    "en": {
        "receipt": "Registration receipt",
        "requirement": "Requirement",
        "report": "Report",
        "resolution": "Resolution",
        "notification": "Notification",
        "certificate": "Certificate",
        "file_index": "File index",
        "verify": "Check that this document is authentic at",
        "code": "Secure verification code",
        "identifier": "Identifier",
        "date": "Date",
        "unit": "Unit",
        "attachments": "Attached documents",
        "test_pki": "SIGNED WITH A TEST PKI — NO LEGAL VALIDITY",
        "sealed_by": "Electronically sealed by the city's electronic office",
        "signed_by": "Electronically signed",
        "page": "Page",
    },
}
