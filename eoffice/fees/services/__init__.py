"""Use cases of the fees context: editing rules, publishing them, quoting fees."""
