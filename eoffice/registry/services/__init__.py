"""Service functions of the registry context: registers, numbering, entries and books."""
