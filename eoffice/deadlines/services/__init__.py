"""Use cases of the deadlines context (each takes a Session and never commits)."""
