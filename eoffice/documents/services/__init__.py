"""Use cases of the documents context (take the session first, never commit)."""
