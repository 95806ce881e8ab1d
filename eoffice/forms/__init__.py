"""Forms context: form definitions, blocks, conditions, validation, rendering, XForms.

Other contexts call only what is listed here (see docs/contexts/forms.md).
"""

from eoffice.forms import option_sources
from eoffice.forms.answers import ValidationResult
from eoffice.forms.editing import add_control, move_control, remove_control, set_properties
from eoffice.forms.errors import InvalidFormDefinition, PublishedIsImmutable, UnknownForm
from eoffice.forms.render import (
    answers_from_form,
    render_answers_html,
    render_draft_html,
    render_form_html,
)
from eoffice.forms.services.reading import (
    PublishedForm,
    document_slots,
    expanded_definition,
    field_paths,
    field_types,
    form_exists,
    get_published_form,
    prefetch_options,
    remote_option_sources,
    validate_answers,
)
from eoffice.forms.services.store import list_versions
from eoffice.forms.services.sync import SyncReport, sync_product_forms
from eoffice.forms.services.versions import (
    check_draft,
    discard_draft,
    edit_draft,
    publish,
    save_draft,
    start_draft,
    where_used,
)
from eoffice.forms.xforms import export_xforms

__all__ = [
    "InvalidFormDefinition",
    "PublishedForm",
    "PublishedIsImmutable",
    "SyncReport",
    "UnknownForm",
    "ValidationResult",
    "add_control",
    "answers_from_form",
    "check_draft",
    "discard_draft",
    "document_slots",
    "edit_draft",
    "expanded_definition",
    "export_xforms",
    "field_paths",
    "field_types",
    "form_exists",
    "get_published_form",
    "list_versions",
    "move_control",
    "option_sources",
    "prefetch_options",
    "publish",
    "remote_option_sources",
    "remove_control",
    "render_answers_html",
    "render_draft_html",
    "render_form_html",
    "save_draft",
    "set_properties",
    "start_draft",
    "sync_product_forms",
    "validate_answers",
    "where_used",
]
