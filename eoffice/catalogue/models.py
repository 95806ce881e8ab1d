"""Tables of the catalogue context."""
