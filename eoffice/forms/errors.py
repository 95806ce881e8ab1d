"""Errors of the forms context, with their stable codes.

A definition with problems raises one :class:`InvalidFormDefinition` (422) whose
``errors`` list every problem as ``FieldError(field=<JSON pointer>, message, code)``.
Each kind of problem has its own code, registered below as a :class:`DefinitionProblem`
subclass so the list of codes the API can return stays in one place.
"""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class UnknownForm(DomainError):
    code = "forms.unknown_form"
    status = 404
    title = _l("There is no such form version.")


class UnknownBlock(DomainError):
    code = "forms.unknown_block"
    status = 404
    title = _l("There is no such form block version.")


class InvalidFormDefinition(DomainError):
    code = "forms.invalid_definition"
    status = 422
    title = _l("The form definition has problems; nothing was published.")


class PublishedIsImmutable(DomainError):
    code = "forms.published_is_immutable"
    status = 409
    title = _l("A published version cannot be changed: edit a new draft instead.")


class DraftExists(DomainError):
    code = "forms.draft_exists"
    status = 409
    title = _l("There is already a draft of this form; edit that one.")


class ConflictingVersion(DomainError):
    code = "forms.conflicting_version"
    status = 409
    title = _l("This version is already published with a different content.")


class BadEdit(DomainError):
    code = "forms.bad_edit"
    status = 422
    title = _l("This change cannot be made to the draft.")


class DefinitionProblem(DomainError):
    """One kind of problem in a definition; its ``code`` names it in ``errors``."""

    status = 422


class NotAnObject(DefinitionProblem):
    code = "forms.not_an_object"
    title = _l("A definition must be a JSON object.")


class MissingProperty(DefinitionProblem):
    code = "forms.missing_property"
    title = _l("A required property is missing.")


class BadProperty(DefinitionProblem):
    code = "forms.bad_property"
    title = _l("A property has a value of the wrong kind.")


class UnknownProperty(DefinitionProblem):
    code = "forms.unknown_property"
    title = _l("A property is not known for this kind of control.")


class BadKey(DefinitionProblem):
    code = "forms.bad_key"
    title = _l("A key must be snake_case: lower-case letters, digits and underscores.")


class DuplicateKey(DefinitionProblem):
    code = "forms.duplicate_key"
    title = _l("Two controls at the same level have the same key.")


class UnknownControl(DefinitionProblem):
    code = "forms.unknown_control"
    title = _l("The control type is not known.")


class MissingTranslation(DefinitionProblem):
    code = "forms.missing_translation"
    title = _l("A text is missing in one of the languages.")


class MissingOptions(DefinitionProblem):
    code = "forms.missing_options"
    title = _l("A choice control needs options or an option source.")


class UnknownSource(DefinitionProblem):
    code = "forms.unknown_source"
    title = _l("The option source kind is not known.")


class BadRange(DefinitionProblem):
    code = "forms.bad_range"
    title = _l("A minimum or maximum is not valid.")


class BadCondition(DefinitionProblem):
    code = "forms.bad_condition"
    title = _l("A condition is not valid JSON Logic.")


class ForbiddenOperator(DefinitionProblem):
    code = "forms.forbidden_operator"
    title = _l("A condition uses an operator that is not allowed.")


class UnknownField(DefinitionProblem):
    code = "forms.unknown_field"
    title = _l("A condition names a field that does not exist.")


class BlockCycle(DefinitionProblem):
    code = "forms.block_cycle"
    title = _l("Blocks include each other in a cycle.")


class MissingBlock(DefinitionProblem):
    code = "forms.missing_block"
    title = _l("The included block version is not published.")


class WrongIdentity(DefinitionProblem):
    code = "forms.wrong_identity"
    title = _l("The key or version in the definition does not match where it is stored.")
