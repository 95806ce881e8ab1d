"""Use cases of the notifications context (one module per verb)."""
