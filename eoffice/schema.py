"""Every table of every context, gathered for Alembic and tests."""

from eoffice.archive import models as archive_models
from eoffice.audit import models as audit_models
from eoffice.bodies import models as bodies_models
from eoffice.catalogue import models as catalogue_models
from eoffice.deadlines import models as deadlines_models
from eoffice.documents import models as documents_models
from eoffice.fees import models as fees_models
from eoffice.files import grouping_models as files_grouping_models
from eoffice.files import models as files_models
from eoffice.files import requirement_models as files_requirement_models
from eoffice.folder import models as folder_models
from eoffice.forms import models as forms_models
from eoffice.identity import models as identity_models
from eoffice.notifications import edict_models as notifications_edict_models
from eoffice.notifications import models as notifications_models
from eoffice.payments import models as payments_models
from eoffice.processing import models as processing_models
from eoffice.registry import models as registry_models
from eoffice.representation import models as representation_models
from eoffice.shared import idempotency, outbox
from eoffice.shared.db import Base
from eoffice.submissions import models as submissions_models
from eoffice.territory import models as territory_models

metadata = Base.metadata
MODEL_MODULES = (
    archive_models, audit_models, bodies_models, catalogue_models, deadlines_models,
    documents_models, fees_models,
    files_models, files_grouping_models, files_requirement_models, folder_models,
    forms_models, identity_models, notifications_models, notifications_edict_models,
    payments_models, processing_models, registry_models, representation_models,
    submissions_models, territory_models, idempotency, outbox,
)

__all__ = ["MODEL_MODULES", "metadata"]
