"""Identity context: people, accounts, sign-in, API tokens, units, roles and permissions.

Other contexts call only what is listed here.
"""

from eoffice.identity.auth import (
    current_principal,
    require_permission,
    require_principal,
    require_recent_authentication,
)
from eoffice.identity.domain import (
    IdType,
    InvalidNationalId,
    Permission,
    PersonKind,
    Principal,
    RoleGrant,
    normalise_national_id,
)
from eoffice.identity.errors import UnknownUnit
from eoffice.identity.roles import STANDARD_ROLES, seed_standard_roles
from eoffice.identity.services.access import (
    PersonView,
    describe_person,
    describe_unit,
    list_unit_staff,
    list_units,
    load_principal,
    units_below,
)
from eoffice.identity.services.contact import (
    ContactChange,
    ContactView,
    InvalidContact,
    contact_of,
    contact_of_person,
    update_contact,
)
from eoffice.identity.services.directory import (
    assign_role,
    ensure_account,
    ensure_person,
    ensure_role,
    ensure_unit,
    get_account,
)
from eoffice.identity.services.tokens import issue_token, revoke_token

__all__ = [
    "STANDARD_ROLES",
    "ContactChange",
    "ContactView",
    "IdType",
    "InvalidContact",
    "InvalidNationalId",
    "Permission",
    "PersonKind",
    "PersonView",
    "Principal",
    "RoleGrant",
    "UnknownUnit",
    "assign_role",
    "contact_of",
    "contact_of_person",
    "current_principal",
    "describe_person",
    "describe_unit",
    "ensure_account",
    "ensure_person",
    "ensure_role",
    "ensure_unit",
    "get_account",
    "issue_token",
    "list_unit_staff",
    "list_units",
    "load_principal",
    "normalise_national_id",
    "require_permission",
    "require_principal",
    "require_recent_authentication",
    "revoke_token",
    "seed_standard_roles",
    "units_below",
    "update_contact",
]
