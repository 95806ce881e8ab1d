"""Use cases of the catalogue: editing drafts, publication, taxonomies. Services take
the session first and never commit."""
