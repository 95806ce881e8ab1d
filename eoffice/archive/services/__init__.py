"""Services of the archive context."""
