"""Forms context: form definitions, blocks, conditions, validation, rendering, XForms."""
