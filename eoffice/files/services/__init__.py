"""Service functions of the files context."""
