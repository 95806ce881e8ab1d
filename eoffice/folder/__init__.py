"""Citizen folder context: where citizens (and their representatives) find everything the
administration holds about them: submissions, files with their status and terms,
notifications, documents, payments and receipts; the export of all their data; who in the
administration accessed their files; their contact details, notification preferences and
consents.

Other contexts call only what is listed here.
"""

from eoffice.folder.routes import overview_page

__all__ = ["overview_page"]
