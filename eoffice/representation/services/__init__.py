"""Use cases of the representation context (grant, revoke, check, read)."""
