"""Service functions of the payments context (its write and read use cases)."""
