"""PDF/A-3b from HTML templates (WeasyPrint) with structured data attached (pikepdf)."""
