"""Tables of the forms context."""
