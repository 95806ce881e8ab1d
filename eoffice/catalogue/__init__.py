"""Catalogue context: procedures, cases, required documents, taxonomies, publication.

Other contexts call only what is listed here.
"""

from eoffice.catalogue.domain import (
    Channel,
    FormRef,
    LegalReference,
    ProcedureCase,
    ProcedureDefinition,
    ProcedureKind,
    RequiredDocument,
    ResolutionTerm,
    SilenceEffect,
    TermRef,
    TermUnit,
)
from eoffice.catalogue.errors import (
    MissingUnit,
    NotPublishable,
    UnknownCase,
    UnknownProcedure,
    UnknownTerm,
)
from eoffice.catalogue.format import content_sha256, dump_definition, load_definition
from eoffice.catalogue.services.browse import (
    PublishedProcedure,
    get_case,
    get_procedure_detail,
    get_published_procedure,
    search_procedures,
)
from eoffice.catalogue.services.drafts import create_procedure, save_draft, start_draft
from eoffice.catalogue.services.history import (
    get_version_content,
    list_procedures,
    list_version_history,
)
from eoffice.catalogue.services.publication import (
    PUBLISHED_TOPIC,
    UNPUBLISHED_TOPIC,
    publish_version,
    run_publication_job,
    unpublish,
)
from eoffice.catalogue.services.taxonomies import (
    ImportReport,
    export_taxonomies,
    import_taxonomies,
    term_options,
)

__all__ = [
    "PUBLISHED_TOPIC",
    "UNPUBLISHED_TOPIC",
    "Channel",
    "FormRef",
    "ImportReport",
    "LegalReference",
    "MissingUnit",
    "NotPublishable",
    "ProcedureCase",
    "ProcedureDefinition",
    "ProcedureKind",
    "PublishedProcedure",
    "RequiredDocument",
    "ResolutionTerm",
    "SilenceEffect",
    "TermRef",
    "TermUnit",
    "UnknownCase",
    "UnknownProcedure",
    "UnknownTerm",
    "content_sha256",
    "create_procedure",
    "dump_definition",
    "export_taxonomies",
    "get_case",
    "get_procedure_detail",
    "get_published_procedure",
    "get_version_content",
    "import_taxonomies",
    "list_procedures",
    "list_version_history",
    "load_definition",
    "publish_version",
    "run_publication_job",
    "save_draft",
    "search_procedures",
    "start_draft",
    "term_options",
    "unpublish",
]
