"""Service functions of the fees context (its write and read use cases)."""
