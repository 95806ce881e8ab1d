"""Processing context (being built: see docs/contexts/processing.md)."""
