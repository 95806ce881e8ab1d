"""Adapters of the payments context: the card providers and the PDF renderer."""
