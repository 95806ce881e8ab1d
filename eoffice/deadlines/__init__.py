"""Deadlines context (being built: see docs/contexts/deadlines.md)."""
