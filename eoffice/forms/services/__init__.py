"""Use cases of the forms context: storing, publishing, syncing and reading versions."""
