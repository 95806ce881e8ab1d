"""Service functions of the documents context (its write and read use cases)."""
